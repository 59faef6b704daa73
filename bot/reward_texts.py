"""Texts of bonus codes and challenges, shared by the players' screens, the admins' and the notifications."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.texts import money, number, when
from models import challenges
from models.tables import BonusCode, Challenge, EntryStatus, TelegramUser
from models.users import display_name


def who(user: TelegramUser) -> str:
    """A player as the admins' claim lists and entry cards name them."""
    return f"{escape(display_name(user))} (id <code>{user.id}</code>)"


def bonus_line(code: BonusCode) -> str:
    line = _("🎁 <b>{reward}</b> · until {until}").format(reward=escape(code.reward), until=when(code.expires_at))
    if code.min_wager_month:
        line += " · " + _("for players with {amount} wagered this month").format(amount=money(code.min_wager_month))
    return line


def challenge_text(challenge: Challenge) -> str:
    left = challenge.max_winners - challenge.winners
    return "\n".join(
        [
            _("🎯 <b>#{id} {game}</b>: hit <b>{multiplier}×</b> with a bet of at least {min_bet}").format(
                id=challenge.id,
                game=escape(challenge.game),
                multiplier=number(challenge.multiplier),
                min_bet=money(challenge.min_bet),
            ),
            _("Prize: {prize} each · {places} · until {until}").format(
                prize=money(challenge.prize),
                places=places_left(left, challenge.max_winners),
                until=when(challenge.deadline),
            ),
            escape(challenge.description),
        ]
    )


def places_left(left: int, total: int) -> str:
    """ "1 place left of 3" / "3 of 3 places left": the verb and the noun agree with what is left."""
    return ngettext("{left} place left of {total}", "{left} of {total} places left", left).format(
        left=left, total=total
    )


def status_text(status: EntryStatus) -> str:
    return {
        EntryStatus.PENDING: _("⏳ waiting for an admin"),
        EntryStatus.APPROVED: _("✅ approved"),
        EntryStatus.REJECTED: _("❌ not approved"),
    }[status]


def reject_reason(key: str | None) -> str:
    return {
        "multiplier": _("the bet did not reach the target multiplier"),
        "min_bet": _("the bet was below the minimum"),
        "game": _("the bet was on another game"),
        "link": _("the link does not show your bet"),
        challenges.CLOSED_REASON: _("the challenge closed before your entry was reviewed"),
    }.get(key or "", _("it does not meet the challenge's rules"))
