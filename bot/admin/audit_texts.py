"""The audit trail as an admin reads it: every action in words, and what it changed formatted for people
(money, dates in the race's time zone, lists), never as stored keys, Python lists or ISO times. These are plain
texts: the /audit line escapes them for HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from html import unescape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.race_texts import month_name
from bot.review_cards import reason_text
from bot.reward_texts import reject_reason
from bot.texts import listed, money, number, percent, when
from models.tables import AuditEntry


def action_text(action: str) -> str:
    return {
        "verification.approved": _("approved a link request"),
        "verification.rejected": _("rejected a link request"),
        "user.role": _("changed a role"),
        "user.ban": _("banned a user"),
        "user.unban": _("unbanned a user"),
        "user.unlink": _("unlinked a user"),
        "user.message": _("messaged a user"),
        "race.prizes": _("set race prizes"),
        "race.exclude": _("excluded a player"),
        "race.include": _("lifted an exclusion"),
        "race.rules": _("set a race's rules"),
        "race.finalise": _("finalised a race"),
        "broadcast.start": _("started a broadcast"),
        "broadcast.cancel": _("cancelled a broadcast"),
        "sync.manual": _("ran a sync"),
        "link.proof": _("linked an account by wager proof"),
        "link.manual": _("linked an account by hand (/link)"),
        "token.set": _("set the Goated token"),
        "token.clear": _("cleared the Goated token"),
        "challenge.create": _("created a challenge"),
        "challenge.close": _("closed a challenge"),
        "challenge.approved": _("approved a challenge entry"),
        "challenge.rejected": _("rejected a challenge entry"),
        "bonus.create": _("created a bonus code"),
        "bonus.close": _("closed a bonus code"),
        "export": _("exported data"),
        "chat.language": _("set a chat's language"),
        "chat.liveboard": _("switched a chat's live leaderboard"),
        "chat.schedule": _("changed a chat's scheduled posts"),
        "post.start": _("posted in groups and channels"),
        "race.create": _("created a race"),
        "race.series": _("created a weekly race"),
        "race.cancel": _("cancelled a race"),
        "milestones.set": _("set the month's wager milestones"),
        "milestones.codes": _("added reward codes to a milestone"),
        "goal.set": _("set the community's goal"),
    }.get(action, action)


def target_text(action: str, target: str) -> str:
    """ "2026-11 uid" -> "November 2026 · uid", "request 5" -> "request #5", "12" on a bonus code -> "code #12"."""
    if match := re.fullmatch(r"(\d{4}-\d{2})(?: (.+))?", target):
        return month_name(match[1]) + (f" · {match[2]}" if match[2] else "")
    kind, _sep, rest = target.partition(" ")
    numbered = {
        "request": _("request #{id}"),
        "broadcast": _("broadcast #{id}"),
        "sync": _("sync #{id}"),
        "player": _("account {id}"),
        "user": _("user {id}"),
        "chat": _("chat {id}"),
        "post": _("post #{id}"),
    }
    if rest and kind in numbered:
        return numbered[kind].format(id=rest)
    if target == "goated token":
        return _("the Goated token")
    if re.fullmatch(r"r\d+", target):  # a race beside the monthly one
        return _("race #{id}").format(id=target[1:])
    if target.isdecimal():
        return {
            "user": _("user {id}"),
            "challenge.create": _("challenge #{id}"),
            "challenge.close": _("challenge #{id}"),
            "challenge.approved": _("entry #{id}"),
            "challenge.rejected": _("entry #{id}"),
            "bonus": _("code #{id}"),
            "race.create": _("race #{id}"),
            "race.cancel": _("race #{id}"),
            "race.series": _("weekly series #{id}"),
        }.get(action if action.startswith(("challenge.", "race.")) else action.partition(".")[0], "#{id}").format(
            id=target
        )
    return target


def label(key: str, action: str = "") -> str:
    if key == "amount" and action != "link.proof":
        return _("amount")
    return {
        "role": _("role"),
        "outcome": _("outcome"),
        "pool": _("pool"),
        "split": _("split"),
        "reason": _("reason"),
        "audience": _("audience"),
        "recipients": _("recipients"),
        "text": _("text"),
        "user": _("user"),
        "player": _("account"),
        "account": _("account"),
        "holder": _("held by"),
        "challenge": _("challenge"),
        "code": _("code"),
        "reward": _("reward"),
        "max_claims": _("claims"),
        "expires_at": _("expires"),
        "min_wager_month": _("minimum wagered this month"),
        "game": _("game"),
        "multiplier": _("multiplier"),
        "min_bet": _("minimum bet"),
        "prize": _("prize"),
        "max_winners": _("winners"),
        "deadline": _("until"),
        "codes": _("prize codes"),
        "ranked": _("ranked"),
        "stale": _("from stale data"),
        "all_time": _("wagered all time"),
        "month": _("wagered this month"),
        "amount": _("proof bet"),
        "rows": _("rows"),
        "language": _("language"),
        "on": _("live leaderboard on"),
        "daily_at": _("daily standings at"),
        "post_results": _("post the results"),
        "post_new_race": _("post the new race"),
        "chats": _("chats"),
        "title": _("title"),
        "kind": _("kind"),
        "starts_at": _("starts"),
        "ends_at": _("ends"),
        "start_late": _("start observed late"),
        "amounts": _("milestones"),
    }.get(key, key)


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if isinstance(value, int | float | str) and not isinstance(value, bool) else None
    except InvalidOperation:
        return None


def _moment(value: object) -> str:
    try:
        return when(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _money(value: object) -> str:
    amount = _decimal(value)
    return money(amount) if amount is not None else str(value)


def _audience(value: object) -> str:
    kind, _sep, size = str(value).partition("-")
    if kind == "top" and size.isdecimal():
        return _("this race's top {n}").format(n=size)
    return {"linked": _("linked players"), "everyone": _("everyone who started the bot")}.get(kind, str(value))


def _outcome(value: object) -> str:
    return {
        "ok": _("ok"),
        "failed": _("failed"),
        "rejected": _("rejected"),
        "interrupted": _("interrupted"),
        "running": _("running"),
        "sent": _("delivered"),
        "blocked": _("the user blocked the bot"),
    }.get(str(value), str(value))


def _role(value: object) -> str:
    return {"user": _("user"), "admin": _("admin"), "owner": _("owner")}.get(str(value), str(value))


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | str) and str(value).isdecimal() else 0


def _recipients(value: object) -> str:
    return ngettext("{n} recipient", "{n} recipients", _int(value)).format(n=_int(value))


def _ranked(value: object) -> str:
    return ngettext("{n} player", "{n} players", _int(value)).format(n=_int(value))


def _codes(value: object) -> str:
    return ngettext("{n} code", "{n} codes", _int(value)).format(n=_int(value))


def _rows(value: object) -> str:
    return ngettext("{n} row", "{n} rows", _int(value)).format(n=_int(value))


def _formatter(action: str, key: str) -> Callable[[object], str] | None:
    """How one stored value reads; None for a value shown as generic text."""
    if key == "reason":
        return (
            (lambda v: reject_reason(str(v)))
            if action.startswith("challenge.")
            else (lambda v: unescape(reason_text(str(v))))
        )
    return {
        "pool": _money,
        "prize": _money,
        "min_bet": _money,
        "min_wager_month": _money,
        "all_time": _money,
        "month": _money,
        "amount": _money,
        "expires_at": _moment,
        "deadline": _moment,
        "amounts": lambda v: (listed(_money(a) for a in v) or _("(none)")) if isinstance(v, list) else str(v),
        "starts_at": _moment,
        "ends_at": _moment,
        "kind": lambda v: {"weekly": _("weekly"), "custom": _("custom")}.get(str(v), str(v)),
        "split": lambda v: " · ".join(percent(Decimal(str(p))) for p in v) if isinstance(v, list) else str(v),
        "multiplier": lambda v: f"{number(d)}×" if (d := _decimal(v)) is not None else str(v),
        "audience": _audience,
        "outcome": _outcome,
        "role": _role,
        "recipients": _recipients,
        "ranked": _ranked,
        "codes": _codes,
        "rows": _rows,
        "text": lambda v: (str(v)[:80] + ("…" if len(str(v)) > 80 else "")) or _("(none)"),
    }.get(key)


def value_text(action: str, key: str, value: object) -> str:
    formatter = _formatter(action, key)
    if formatter is not None:
        return formatter(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return listed(str(v) for v in value) or _("(none)")
    if isinstance(value, int | float) and (amount := _decimal(value)) is not None:
        return number(amount)
    return str(value)


def values_text(action: str, values: object) -> str:
    if not isinstance(values, dict):
        return str(values)
    return "; ".join(
        f"{label(key, action)}: {value_text(action, key, value)}" for key, value in values.items() if value is not None
    )


def change_text(entry: AuditEntry) -> str:
    """What the action changed ("pool: $500.00; split: 50% · 50% → pool: $800.00; ..."), or what it set."""
    if entry.before is None and entry.after is None:
        return ""
    if entry.before is None:
        return values_text(entry.action, entry.after)
    return f"{values_text(entry.action, entry.before)} → {values_text(entry.action, entry.after)}"
