"""/stats (the community, for admins), /sync (now) and /audit (the latest admin actions)."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Protocol

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.admin.audit_texts import action_text, change_text, target_text
from bot.texts import age, keyword, money, number, when
from models import clock
from models.audit import SYSTEM, latest, record
from models.leaderboard import Leaderboards, Period
from models.milestones import month_goal
from models.race import race_at
from models.tables import AuditEntry, SyncOutcome, SyncRun, TelegramUser
from models.users import community, display_name, users_by_id
from settings import Settings

AUDIT_DEFAULT, AUDIT_MAX = 10, 50
MESSAGE_BUDGET = 3900  # Telegram allows 4096 characters; older entries are left out beyond this


class SyncsNow(Protocol):
    """The scheduler's sync, as /sync sees it (the wiring hands it in as `sync`)."""

    async def run_once(self) -> SyncRun: ...


def outcome_text(run: SyncRun) -> str:
    return {
        SyncOutcome.RUNNING: _("running"),
        SyncOutcome.OK: _("ok"),
        SyncOutcome.FAILED: _("failed"),
        SyncOutcome.REJECTED: _("rejected"),
        SyncOutcome.INTERRUPTED: _("interrupted"),
    }[run.outcome]


def sync_line(run: SyncRun | None) -> str:
    if run is None:
        return _("Last sync: none yet")
    return _("Last sync: #{id} {outcome}, {age}").format(
        id=run.id, outcome=outcome_text(run), age=age(run.finished_at or run.started_at)
    )


async def community_stats(message: Message, leaderboards: Leaderboards, settings: Settings) -> None:
    figures = await community()
    month = await leaderboards.standings(Period.MONTH)
    this_race = race_at(clock.now(), settings.race_timezone)
    race = await leaderboards.race_standings(this_race)
    lines = [
        _("📈 <b>Community</b>"),
        _("Users: {users} · linked: {linked} · pending requests: {pending}").format(
            users=figures.users, linked=figures.linked, pending=figures.pending
        ),
        _("Blocked the bot: {blocked} · banned: {banned}").format(blocked=figures.blocked, banned=figures.banned),
        _("Active in this race: {n}").format(n=len(race)),
        _("Wagered this month: {total}").format(total=money(sum((e.wagered for e in month.entries), Decimal(0)))),
        sync_line(figures.last_sync),
        _("Your own stats: /stats {me}").format(me=keyword("me")),
    ]
    goal = await month_goal(this_race.month)
    if goal is not None:  # the community's goal (/goal): how far this month's race has come
        wagered = sum((e.wagered for e in race.entries), Decimal(0))
        percent = min(100, int(wagered * 100 / goal.amount)) if goal.amount else 100
        lines.insert(
            5,
            _("Community goal: {total} of {goal} ({percent}%)").format(
                total=money(wagered), goal=money(goal.amount), percent=percent
            ),
        )
    await message.answer("\n".join(lines))


async def sync_now(message: Message, user: TelegramUser, sync: SyncsNow) -> None:
    await message.answer(_("Syncing with Goated…"))
    run = await sync.run_once()
    await record(user.id, "sync.manual", f"sync {run.id}", after={"outcome": run.outcome.value})
    if run.outcome == SyncOutcome.OK:
        text = ngettext(
            "✅ Sync #{id} done: {received} player, {changed} changed, in {seconds} s.",
            "✅ Sync #{id} done: {received} players, {changed} changed, in {seconds} s.",
            run.players_received,
        ).format(
            id=run.id,
            received=run.players_received,
            changed=run.players_changed,
            seconds=number(Decimal(run.duration_ms or 0).scaleb(-3).quantize(Decimal("0.1"))),
        )
    else:
        text = _("❌ Sync #{id} {outcome}: {error}. The last good data stays in use.").format(
            id=run.id, outcome=outcome_text(run), error=escape(run.error or "")
        )
    await message.answer(text)


def actor_text(actor_id: int, actors: dict[int, TelegramUser]) -> str:
    actor = actors.get(actor_id)
    if actor:
        return escape(display_name(actor))
    return _("the system") if actor_id == SYSTEM else str(actor_id)


def audit_line(entry: AuditEntry, actors: dict[int, TelegramUser]) -> str:
    change = change_text(entry)
    if len(change) > 300:
        change = change[:299] + "…"
    action, target = action_text(entry.action), target_text(entry.action, entry.target)
    return (
        f"<code>{escape(when(entry.at))}</code> {actor_text(entry.actor_id, actors)} "
        f"{escape(action, quote=False)} <i>{escape(target, quote=False)}</i>"
        + (f" ({escape(change, quote=False)})" if change else "")
    )


async def audit(message: Message, command: CommandObject) -> None:
    arg = (command.args or "").strip()
    if arg and not (arg.isdecimal() and 1 <= int(arg) <= AUDIT_MAX):
        await message.answer(_("Usage: /audit [number of entries, 1–{max}]").format(max=AUDIT_MAX))
        return
    entries = await latest(int(arg) if arg else AUDIT_DEFAULT)
    if not entries:
        await message.answer(_("No admin actions recorded yet."))
        return
    actors = await users_by_id(e.actor_id for e in entries)
    lines = [_("🧾 <b>Latest admin actions</b>")]
    for entry in entries:
        line = audit_line(entry, actors)
        if sum(len(x) + 1 for x in lines) + len(line) > MESSAGE_BUDGET:
            break
        lines.append(line)
    await message.answer("\n".join(lines))


def build_router() -> Router:
    router = Router(name="admin.community")
    # "/stats me" shows an admin their own stats
    router.message.register(community_stats, Command("stats", magic=F.args.is_(None)))
    router.message.register(sync_now, Command("sync"))
    router.message.register(audit, Command("audit"))
    return router
