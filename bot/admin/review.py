"""The verification queue: Approve / Reject with a reason on the review cards, /review, /pending in bulk.

The first decision wins (models.verification.decide); every admin's copy of the card is then rewritten
to show who decided, in that admin's language (bot.review_cards), and the user is told.
Only requests that carry evidence (a screenshot) and raise no warning can be approved in bulk; a claim
without proof is decided on its card, by someone who read it.
"""

from __future__ import annotations

from contextlib import suppress
from html import escape

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.review_cards import (
    PendingButton,
    ReviewButton,
    caption_text,
    card_text,
    concern_text,
    decision_keyboard,
    reason_text,
    refresh_cards,
)
from bot.sender import Sender
from bot.texts import money, speaking_to
from models.tables import TelegramUser, VerificationRequest, VerificationStatus
from models.users import display_name
from models.verification import (
    CHECKS_REASON,
    MAX_REASON_LENGTH,
    REJECT_REASONS,
    Concern,
    Decision,
    concerns,
    decide,
    find_request,
    pending_requests,
    remember_card,
    request_parties,
    review_facts,
)

PAGE_SIZE = 5


class RejectReason(StatesGroup):
    typing = State()


def reasons_keyboard(request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for key in REJECT_REASONS:
        builder.button(
            text=reason_text(key).capitalize(),
            callback_data=ReviewButton(request_id=request_id, action="reason", reason=key),
        )
    builder.button(text=_("✍️ Type a reason"), callback_data=ReviewButton(request_id=request_id, action="type"))
    builder.button(text=_("↩️ Back"), callback_data=ReviewButton(request_id=request_id, action="back"))
    builder.adjust(1)
    return builder.as_markup()


async def tell_user(sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    user, player = await request_parties(request)
    with speaking_to(i18n, user):
        if request.status == VerificationStatus.APPROVED:
            text = _("🎉 Your Goated account <b>{name}</b> is now linked! Try /stats and /race.").format(
                name=escape(player.name)
            )
        else:
            text = _(
                "Your request to link <b>{name}</b> was not approved ({reason}). You can try again later with /verify."
            ).format(name=escape(player.name), reason=reason_text(request.reason))
    if not user.blocked_bot:
        await sender.send_message(user.id, text)


async def announce_decision(
    sender: Sender, i18n: I18n, decision: Decision, request: VerificationRequest | None
) -> None:
    """When this press decided the request: every admin's card shows it and the user is told."""
    if request is None or decision == Decision.ALREADY_DECIDED:
        return
    await refresh_cards(sender, i18n, request)
    await tell_user(sender, i18n, request)


async def apply_decision(
    sender: Sender, i18n: I18n, request_id: int, admin: TelegramUser, approve: bool, reason: str | None = None
) -> tuple[Decision, VerificationRequest | None]:
    decision, request = await decide(request_id, admin.id, approve, reason)
    await announce_decision(sender, i18n, decision, request)
    return decision, request


def already_text(request: VerificationRequest) -> str:
    return {
        VerificationStatus.APPROVED: _("Already approved."),
        VerificationStatus.REJECTED: _("Already rejected."),
        VerificationStatus.CANCELLED: _("The user withdrew this request."),
    }.get(request.status, "")


def bulk_approvable(request: VerificationRequest, found: list[Concern]) -> bool:
    """Approvable from /pending: proven by a screenshot and passing every check."""
    return bool(request.evidence_file_id) and not found


def pending_line(request: VerificationRequest, found: list[Concern]) -> list[str]:
    """A request on the /pending page: ✅ may be approved in bulk, ⚠️ flagged, ▫️ to decide on its card."""
    mark = "⚠️" if found else ("✅" if bulk_approvable(request, found) else "▫️")
    proof = "📷" if request.evidence_file_id else _("no proof")
    line = (
        f"{mark} #{request.id} {escape(display_name(request.user))} → <b>{escape(request.player.name)}</b> "
        f"({money(request.player.wagered_month)}) · {proof}"
    )
    return [line, *[f"    · {concern_text(c)}" for c in found]]


async def pending_page(offset: int) -> tuple[str, InlineKeyboardMarkup | None]:
    requests, total = await pending_requests(offset, PAGE_SIZE)
    if not requests and offset:
        offset = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
        requests, total = await pending_requests(offset, PAGE_SIZE)
    if not requests:
        return _("No open link requests. 🎉"), None
    lines = [
        _("<b>Open link requests</b> ({first}–{last} of {total})").format(
            first=offset + 1, last=offset + len(requests), total=total
        ),
        "",
    ]
    passing: list[int] = []
    flagged: list[int] = []
    for request in requests:
        found = await concerns(request)
        if found:
            flagged.append(request.id)
        elif bulk_approvable(request, found):
            passing.append(request.id)
        lines += pending_line(request, found)
    lines.append("")
    if any(not request.evidence_file_id for request in requests):
        lines.append(_("Requests with no proof are decided one by one, on their card."))
    lines.append(escape(_("Open a card with /review <id>.")))
    return "\n".join(lines), pending_keyboard(offset, total, passing, flagged)


def pending_keyboard(offset: int, total: int, passing: list[int], flagged: list[int]) -> InlineKeyboardMarkup:
    """The bulk buttons for the page's requests (one row each), then the pager."""
    builder = InlineKeyboardBuilder()
    sizes = []
    if passing:
        builder.button(
            text=_("✅ Approve the {n} with a screenshot and no warnings").format(n=len(passing)),
            callback_data=PendingButton(action="approve", offset=offset, ids=".".join(map(str, passing))),
        )
        sizes.append(1)
    if flagged:
        builder.button(
            text=_("❌ Reject the {n} with warnings").format(n=len(flagged)),
            callback_data=PendingButton(action="reject", offset=offset, ids=".".join(map(str, flagged))),
        )
        sizes.append(1)
    pager = 0
    if offset > 0:
        builder.button(text="◀️", callback_data=PendingButton(action="page", offset=max(0, offset - PAGE_SIZE)))
        pager += 1
    if offset + PAGE_SIZE < total:
        builder.button(text="▶️", callback_data=PendingButton(action="page", offset=offset + PAGE_SIZE))
        pager += 1
    builder.adjust(*sizes, *([pager] if pager else []))
    return builder.as_markup()


async def answer_decision(query: CallbackQuery, decision: Decision, request: VerificationRequest | None) -> None:
    if request is None:
        await query.answer(_("This request no longer exists."), show_alert=True)
    elif decision == Decision.ALREADY_DECIDED:
        await query.answer(already_text(request), show_alert=True)
    elif decision == Decision.TAKEN:
        await query.answer(_("Not linked: the account is linked to another Telegram user."), show_alert=True)
    else:
        await query.answer(_("Done."))


async def decide_button(
    query: CallbackQuery, callback_data: ReviewButton, user: TelegramUser, sender: Sender, i18n: I18n
) -> None:
    approve = callback_data.action == "approve"
    if not approve and callback_data.reason not in REJECT_REASONS:
        await query.answer(_("This button no longer works. Send the command again."))
        return
    decision, request = await decide(
        callback_data.request_id, user.id, approve, None if approve else callback_data.reason
    )
    # Answered first: the cards and the user's message go through the paced sender and may take a while.
    await answer_decision(query, decision, request)
    await announce_decision(sender, i18n, decision, request)


async def reasons_button(query: CallbackQuery, callback_data: ReviewButton) -> None:
    request = await find_request(callback_data.request_id)
    if request is None or request.status != VerificationStatus.PENDING:
        await query.answer(already_text(request) if request else _("This request no longer exists."), show_alert=True)
        return
    markup = reasons_keyboard(request.id) if callback_data.action == "reject" else decision_keyboard(request.id)
    if isinstance(query.message, Message):
        with suppress(TelegramBadRequest):  # unchanged (pressed twice): nothing to do
            await query.message.edit_reply_markup(reply_markup=markup)
    await query.answer()


async def type_reason(query: CallbackQuery, callback_data: ReviewButton, state: FSMContext) -> None:
    await state.set_state(RejectReason.typing)
    await state.update_data(request_id=callback_data.request_id)
    if isinstance(query.message, Message):
        await query.message.answer(
            _("Send the reason for rejecting request #{id} (the user will read it), or /cancel.").format(
                id=callback_data.request_id
            )
        )
    await query.answer()


async def reason_typed(message: Message, state: FSMContext, user: TelegramUser, sender: Sender, i18n: I18n) -> None:
    reason = (message.text or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        await message.answer(_("Please keep the reason under {n} characters.").format(n=MAX_REASON_LENGTH))
        return
    request_id = (await state.get_data()).get("request_id", 0)
    await state.clear()
    decision, request = await apply_decision(sender, i18n, request_id, user, False, reason)
    if request is None:
        await message.answer(_("This request no longer exists."))
    elif decision == Decision.ALREADY_DECIDED:
        await message.answer(already_text(request))
    else:
        await message.answer(_("Request #{id} rejected.").format(id=request.id))


async def reason_not_text(message: Message) -> None:
    await message.answer(_("Please send the reason as text, or /cancel."))


async def review_command(message: Message, command: CommandObject) -> None:
    arg = (command.args or "").strip().lstrip("#")
    request = await find_request(int(arg)) if arg.isdecimal() and len(arg) < 10 else None
    if request is None:
        await message.answer(escape(_("Usage: /review <request id>, as listed by /pending.")))
        return
    pending = request.status == VerificationStatus.PENDING
    facts = await review_facts(request)
    markup = decision_keyboard(request.id) if pending else None
    if request.evidence_file_id:  # the screenshot, the card as its caption
        sent = await message.answer_photo(request.evidence_file_id, caption=caption_text(facts), reply_markup=markup)
    else:
        sent = await message.answer(card_text(facts), reply_markup=markup)
    if pending:
        await remember_card(request, sent.chat.id, sent.message_id)


async def show_pending(message: Message) -> None:
    text, markup = await pending_page(0)
    await message.answer(text, reply_markup=markup)


async def decide_if_unchanged(request_id: int, approve: bool, admin: TelegramUser, sender: Sender, i18n: I18n) -> bool:
    """One request of a bulk action; True when this admin decided it."""
    request = await find_request(request_id)
    # Checked again now: a request that changed since the list was drawn is left for a person.
    if request is None or request.status != VerificationStatus.PENDING:
        return False
    found = await concerns(request)
    if not (bulk_approvable(request, found) if approve else found):
        return False
    decision, _request = await apply_decision(
        sender, i18n, request_id, admin, approve, None if approve else CHECKS_REASON
    )
    return decision in (Decision.APPROVED, Decision.REJECTED)


async def bulk_decide(ids: str, approve: bool, admin: TelegramUser, sender: Sender, i18n: I18n) -> str:
    """Approve (or reject) the page's requests one by one; returns the summary the admin reads."""
    done = skipped = 0
    for request_id in [int(i) for i in ids.split(".") if i.isdecimal()]:
        if await decide_if_unchanged(request_id, approve, admin, sender, i18n):
            done += 1
        else:
            skipped += 1
    summary = _("Approved: {done}, skipped: {skipped}.") if approve else _("Rejected: {done}, skipped: {skipped}.")
    return summary.format(done=done, skipped=skipped)


async def pending_button(
    query: CallbackQuery, callback_data: PendingButton, user: TelegramUser, sender: Sender, i18n: I18n
) -> None:
    summary = ""
    if callback_data.action in ("approve", "reject"):
        summary = await bulk_decide(callback_data.ids, callback_data.action == "approve", user, sender, i18n)
    text, markup = await pending_page(callback_data.offset)
    if callback_data.action == "open" and isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)  # from /start: a message of its own, under the welcome
    elif isinstance(query.message, Message):
        with suppress(TelegramBadRequest):
            await query.message.edit_text(f"{summary}\n\n{text}" if summary else text, reply_markup=markup)
    await query.answer(summary or None)


def build_router() -> Router:
    router = Router(name="admin.review")
    router.callback_query.register(decide_button, ReviewButton.filter(F.action.in_({"approve", "reason"})))
    router.callback_query.register(reasons_button, ReviewButton.filter(F.action.in_({"reject", "back"})))
    router.callback_query.register(type_reason, ReviewButton.filter(F.action == "type"))
    router.message.register(reason_typed, StateFilter(RejectReason.typing), F.text, ~F.text.startswith("/"))
    router.message.register(reason_not_text, StateFilter(RejectReason.typing))
    router.message.register(review_command, Command("review"))
    router.message.register(show_pending, Command("pending"))
    router.callback_query.register(pending_button, PendingButton.filter())
    return router
