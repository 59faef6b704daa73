"""The admins' review cards of link requests: their text, their buttons, sending and rewriting them.

Shared by /verify (a new request is sent to the admins, a withdrawn one is shown as withdrawn) and by the
admins' review router (a decision is shown on every card). This module registers no handlers.
"""

from __future__ import annotations

from functools import partial
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import RowId
from bot.sender import Sender
from bot.texts import money, period_title, speaking_to
from models.leaderboard import Period
from models.tables import VerificationRequest, VerificationStatus
from models.users import display_name, reachable_admins
from models.verification import (
    CHECKS_REASON,
    TAKEN_REASON,
    Concern,
    ReviewFacts,
    cards_with_readers,
    remember_card,
    review_facts,
)


class ReviewButton(CallbackData, prefix="review"):
    request_id: RowId
    action: str  # approve | reject (show reasons) | reason | type | back
    reason: str = ""


def reason_text(reason: str | None) -> str:
    labels = {
        "not_yours": _("we could not confirm the account is yours"),
        "not_referred": _("the account did not sign up with our referral link"),
        "duplicate": _("a duplicate or suspicious request"),
        TAKEN_REASON: _("the account is linked to another Telegram user"),
        CHECKS_REASON: _("it did not pass our automatic checks"),
    }
    return labels.get(reason or "", escape(reason or ""))


def concern_text(concern: Concern) -> str:
    return {
        Concern.ACCOUNT_LINKED: _("the Goated account is linked to another Telegram user"),
        Concern.COMPETING: _("someone else also claims this account"),
        Concern.EARLIER_REJECTION: _("this user had a request rejected before"),
    }[concern]


def status_text(status: VerificationStatus) -> str:
    return {
        VerificationStatus.PENDING: _("pending"),
        VerificationStatus.APPROVED: _("approved"),
        VerificationStatus.REJECTED: _("rejected"),
        VerificationStatus.CANCELLED: _("withdrawn"),
    }[status]


def card_text(facts: ReviewFacts) -> str:
    """The whole card in the current locale: who asks, for which account, its wagers, history, checks, verdict."""
    request, user, player = facts.request, facts.user, facts.player
    lines = [
        _("🔗 <b>Link request #{id}</b>").format(id=request.id),
        _("Telegram: {who} · {name} (id <code>{tg}</code>), first seen {date}").format(
            who=escape(display_name(user)),
            name=escape(user.first_name),
            tg=user.id,
            date=user.created_at.date().isoformat(),
        ),
        _("Goated: <b>{name}</b> (uid <code>{uid}</code>), typed as “{typed}”").format(
            name=escape(player.name), uid=escape(player.uid), typed=escape(request.claimed_name)
        ),
        " · ".join(f"{period_title(p)} {money(getattr(player, p.column))}" for p in Period),
        _("Linked elsewhere: {who}").format(who=escape(display_name(facts.linked_to)))
        if facts.linked_to
        else _("Linked elsewhere: no"),
    ]
    if facts.earlier:
        history = ", ".join(f"#{r.id} {escape(r.player.name)} ({status_text(r.status)})" for r in facts.earlier)
        lines.append(_("Earlier requests: {list}").format(list=history))
    else:
        lines.append(_("Earlier requests: none"))
    if request.status == VerificationStatus.PENDING:
        lines += [f"⚠️ {concern_text(c)}" for c in facts.concerns]
    else:
        lines += ["", verdict_text(facts)]
    return "\n".join(lines)


def verdict_text(facts: ReviewFacts) -> str:
    request = facts.request
    if request.status == VerificationStatus.CANCELLED:
        return _("↩️ Withdrawn by the user")
    who = escape(display_name(facts.decided_by)) if facts.decided_by else str(request.decided_by)
    if request.status == VerificationStatus.APPROVED:
        return _("✅ Approved by {admin}").format(admin=who)
    return _("❌ Rejected by {admin}: {reason}").format(admin=who, reason=reason_text(request.reason))


def decision_keyboard(request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✅ Approve"), callback_data=ReviewButton(request_id=request_id, action="approve"))
    builder.button(text=_("❌ Reject"), callback_data=ReviewButton(request_id=request_id, action="reject"))
    return builder.as_markup()


async def send_cards(sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    """A new request: each reachable admin gets a card in their own language; each card is remembered."""
    admins = await reachable_admins()
    if not admins:
        return
    facts = await review_facts(request)  # read once, written in each admin's language
    for admin in admins:
        with speaking_to(i18n, admin):
            delivery = await sender.send_message(admin.id, card_text(facts), reply_markup=decision_keyboard(request.id))
        if delivery.message is not None:
            await remember_card(request, admin.id, delivery.message.message_id)


async def refresh_cards(sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    """After a decision, every admin's card shows it, without buttons."""
    cards = await cards_with_readers(request)
    if not cards:
        return
    facts = await review_facts(request)
    for card, admin in cards:
        with speaking_to(i18n, admin):
            text = card_text(facts)
        edit = partial(
            sender.bot.edit_message_text, text, chat_id=card.chat_id, message_id=card.message_id, reply_markup=None
        )
        await sender.deliver(card.chat_id, edit)
