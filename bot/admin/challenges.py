"""/entries and /closechallenge: the admins' queue of challenge entries to approve or reject, and closing one."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import RowId
from bot.notification_delivery import Notifier
from bot.reward_texts import challenge_text, reject_reason, who
from models import challenges
from models.challenges import REJECT_REASONS, Decision
from models.forms import parse_id
from models.tables import ChallengeEntry, EntryStatus, TelegramUser


class EntryButton(CallbackData, prefix="entry"):
    action: str  # "approve" | "reject"
    entry_id: RowId
    reason: str = ""


def entry_card(entry: ChallengeEntry) -> str:
    return "\n".join(
        [
            _("🎯 <b>Entry #{id}</b> for challenge #{challenge}").format(id=entry.id, challenge=entry.challenge.id),
            challenge_text(entry.challenge),
            _("From: {who}").format(who=who(entry.user)),
            _("Bet: {link}").format(link=escape(entry.bet_url)),
        ]
    )


def entry_keyboard(entry_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✅ Approve"), callback_data=EntryButton(action="approve", entry_id=entry_id))
    for reason in REJECT_REASONS:
        builder.button(
            text="❌ " + reject_reason(reason),
            callback_data=EntryButton(action="reject", entry_id=entry_id, reason=reason),
        )
    builder.adjust(1)
    return builder.as_markup()


def decision_text(decision: Decision) -> str:
    return {
        Decision.APPROVED: _("✅ Approved: the winner gets their prize code in a private message."),
        Decision.REJECTED: _("❌ Rejected: the player has been told why."),
        Decision.ALREADY_DECIDED: _("Someone already decided this entry."),
        Decision.FULL: _("Not approved: the challenge is full or closed."),
        Decision.NO_CODES: _("Not approved: no prize codes are left for this challenge."),
    }[decision]


async def close_challenge(
    message: Message, command: CommandObject, user: TelegramUser, notifier: Notifier | None = None
) -> None:
    challenge_id = parse_id(command.args or "")
    if challenge_id is None:
        await message.answer(_("Usage: /closechallenge 12"))
        return
    closed = await challenges.close(challenge_id, user.id)
    await message.answer(
        (_("Challenge #{id} is closed.") if closed else _("No open challenge #{id}.")).format(id=challenge_id)
    )
    if closed and notifier is not None:
        notifier.deliver_soon()  # the entries that were still waiting are rejected


async def show_entries(message: Message) -> None:
    pending = await challenges.pending_entries()
    if not pending:
        await message.answer(_("No entries are waiting."))
        return
    for entry in pending:
        await message.answer(entry_card(entry), reply_markup=entry_keyboard(entry.id))


async def decide(
    query: CallbackQuery, callback_data: EntryButton, user: TelegramUser, notifier: Notifier | None = None
) -> None:
    approve = callback_data.action == "approve"
    reason = None if approve else (callback_data.reason if callback_data.reason in REJECT_REASONS else "other")
    decision = await challenges.decide(callback_data.entry_id, user.id, approve, reason)
    await query.answer(decision_text(decision), show_alert=decision not in (Decision.APPROVED, Decision.REJECTED))
    entry = await challenges.find_entry(callback_data.entry_id)
    if entry is not None and isinstance(query.message, Message) and entry.status != EntryStatus.PENDING:
        await query.message.edit_text(
            entry_card(entry)
            + "\n\n"
            + decision_text(Decision.APPROVED if entry.status == EntryStatus.APPROVED else Decision.REJECTED)
        )
    if notifier is not None:
        notifier.deliver_soon()


def build_router() -> Router:
    router = Router(name="admin.challenges")
    router.message.register(close_challenge, Command("closechallenge"))
    router.message.register(show_entries, Command("entries"))
    router.callback_query.register(decide, EntryButton.filter())
    return router
