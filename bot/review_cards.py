"""The admins' review cards of link requests: their text, their buttons, sending and rewriting them.

Shared by /verify (a new request is sent to the admins, a withdrawn one is shown as withdrawn, a screenshot
sent later replaces the cards), by /start (an admin who just became reachable gets the cards they lack) and
by the admins' routers (a decision is shown on every card; a promoted admin gets the open cards).
This module registers no handlers.

A request with evidence (a screenshot) is reviewed on photo cards: the screenshot with the card as its
caption. Every card a request has is of one kind, the kind its evidence says: when a screenshot arrives, the
earlier cards are removed and photo cards sent instead (send_evidence), so a card is rewritten by
editMessageCaption exactly when its request has evidence.
"""

from __future__ import annotations

import html
import logging
import re
from functools import cache, partial
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import Offset, RowId
from bot.sender import Outcome, Sender
from bot.texts import money, period_title, speaking_to
from models.leaderboard import Period
from models.tables import TelegramUser, VerificationRequest, VerificationStatus
from models.users import display_name, reachable_admins
from models.verification import (
    CHECKS_REASON,
    TAKEN_REASON,
    Concern,
    ReviewFacts,
    cards_with_readers,
    drop_cards,
    remember_card,
    requests_without_card,
    review_facts,
)

log = logging.getLogger(__name__)

CAPTION_LIMIT = 1024  # Telegram's limit on a photo's caption, in UTF-16 code units after parsing the markup
CLIP = 64  # the longest name the compact card shows whole


class ReviewButton(CallbackData, prefix="review"):
    request_id: RowId
    action: str  # approve | reject (show reasons) | reason | type | back
    reason: str = ""


class PendingButton(CallbackData, prefix="pend"):
    """The /pending page's buttons (handled by the admins' review router); `open` is /start's way in."""

    action: str  # open (a new message) | page | approve (those proven and passing the checks) | reject (flagged)
    offset: Offset = 0
    ids: str = ""  # the page's request ids, "12.13.14": a bulk action touches only what the admin saw


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


def evidence_text(request: VerificationRequest) -> str:
    if request.evidence_file_id:
        return _("📷 Evidence: a screenshot of their Goated profile")
    return _("Evidence: no proof (no screenshot)")


def earlier_text(facts: ReviewFacts, shown: int) -> str:
    if not facts.earlier:
        return _("Earlier requests: none")
    listed = [f"#{r.id} {escape(r.player.name)} ({status_text(r.status)})" for r in facts.earlier[:shown]]
    if len(facts.earlier) > shown:
        listed.append(_("{n} more").format(n=len(facts.earlier) - shown))
    return _("Earlier requests: {list}").format(list=", ".join(listed))


def card_text(facts: ReviewFacts, earlier_shown: int | None = None) -> str:
    """The whole card in the current locale: who asks, for which account, its wagers, history, evidence,
    checks, verdict. `earlier_shown` lists fewer of the earlier requests (a caption is short)."""
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
        earlier_text(facts, len(facts.earlier) if earlier_shown is None else earlier_shown),
        evidence_text(request),
        *state_lines(facts),
    ]
    return "\n".join(lines)


def state_lines(facts: ReviewFacts) -> list[str]:
    """The checks' warnings while the request is open, the verdict once it is not."""
    if facts.request.status == VerificationStatus.PENDING:
        return [f"⚠️ {concern_text(c)}" for c in facts.concerns]
    return ["", verdict_text(facts)]


def visible_length(text: str) -> int:
    """What Telegram counts against a caption's limit: the text after the HTML markup, in UTF-16 code units."""
    return len(html.unescape(re.sub(r"<[^>]*>", "", text)).encode("utf-16-le")) // 2


def compact_card(facts: ReviewFacts) -> str:
    """The card at its shortest, names clipped: for a caption that nothing else fits in."""
    request = facts.request
    lines = [
        _("🔗 <b>Link request #{id}</b>").format(id=request.id),
        _("Telegram: {who} (id <code>{tg}</code>)").format(
            who=escape(display_name(facts.user)[:CLIP]), tg=facts.user.id
        ),
        _("Goated: <b>{name}</b>").format(name=escape(facts.player.name[:CLIP])),
        evidence_text(request),
        escape(_("The whole card: /review {id}").format(id=request.id)),
        *state_lines(facts),  # a verdict's names and reason are short enough (64 and 255 characters at most)
    ]
    return "\n".join(lines)


def caption_text(facts: ReviewFacts) -> str:
    """The card as a photo's caption: fewer earlier requests until it fits, else the compact card."""
    for shown in range(len(facts.earlier), -1, -1):
        text = card_text(facts, shown)
        if visible_length(text) <= CAPTION_LIMIT:
            return text
    return compact_card(facts)


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


@cache
def warn_no_admins_once() -> None:
    """Logged once per process: requests keep coming and wait, but nobody is told until an admin starts the bot."""
    log.warning(
        "no admin or owner is reachable: link requests wait until one starts the bot (ADMIN_IDS lists the owners)"
    )


async def send_card(sender: Sender, i18n: I18n, admin: TelegramUser, facts: ReviewFacts) -> bool:
    """One admin's card, in their language (a photo card when the request has evidence), remembered;
    False when it did not reach them."""
    request = facts.request
    with speaking_to(i18n, admin):
        markup = decision_keyboard(request.id)
        if request.evidence_file_id:
            delivery = await sender.send_photo(
                admin.id, request.evidence_file_id, caption_text(facts), reply_markup=markup
            )
        else:
            delivery = await sender.send_message(admin.id, card_text(facts), reply_markup=markup)
    if delivery.message is None:
        return False
    await remember_card(request, admin.id, delivery.message.message_id)
    return True


async def send_cards(sender: Sender, i18n: I18n, request: VerificationRequest) -> int:
    """A new request: each reachable admin gets a card in their own language; each card is remembered.
    Returns how many admins it reached (0: the request waits until an admin starts the bot)."""
    admins = await reachable_admins()
    reached = 0
    if admins:
        facts = await review_facts(request)  # read once, written in each admin's language
        for admin in admins:
            reached += await send_card(sender, i18n, admin, facts)
    if not reached:
        warn_no_admins_once()
    return reached


async def remove_card_message(sender: Sender, chat_id: int, message_id: int) -> None:
    """A replaced card goes; one Telegram no longer lets the bot delete (after 48 hours) loses its buttons."""
    deleted = await sender.deliver(chat_id, partial(sender.bot.delete_message, chat_id, message_id))
    if deleted.outcome != Outcome.SENT:
        unbutton = partial(sender.bot.edit_message_reply_markup, chat_id=chat_id, message_id=message_id)
        await sender.deliver(chat_id, unbutton)


async def send_evidence(sender: Sender, i18n: I18n, request: VerificationRequest) -> int:
    """The user sent a screenshot for their open request (request.evidence_file_id is set): the cards sent so
    far are replaced by photo cards, one for every reachable admin. Returns how many admins it reached."""
    if request.status != VerificationStatus.PENDING or not request.evidence_file_id:
        return 0
    for card in await drop_cards(request):
        await remove_card_message(sender, card.chat_id, card.message_id)
    return await send_cards(sender, i18n, request)


async def send_missing_cards(sender: Sender, i18n: I18n, admin: TelegramUser) -> int:
    """An admin who just became reachable (first /start, back after blocking the bot, promoted) gets a card
    for each open request they hold none of; run again, it sends nothing new. Returns how many it sent."""
    sent = 0
    for request in await requests_without_card(admin.id):
        sent += await send_card(sender, i18n, admin, await review_facts(request))
    return sent


async def refresh_cards(sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    """After a decision, every admin's card shows it, without buttons."""
    cards = await cards_with_readers(request)
    if not cards:
        return
    facts = await review_facts(request)
    bot = sender.bot
    for card, admin in cards:
        where = {"chat_id": card.chat_id, "message_id": card.message_id, "reply_markup": None}
        with speaking_to(i18n, admin):
            if request.evidence_file_id:
                edit = partial(bot.edit_message_caption, caption=caption_text(facts), **where)
            else:
                edit = partial(bot.edit_message_text, card_text(facts), **where)
        await sender.deliver(card.chat_id, edit)
