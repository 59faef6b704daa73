"""The verification queue: review cards for every admin, Approve / Reject with a reason, /pending in bulk.

The first decision wins (models.verification.decide); every admin's copy of the card is then rewritten
to show who decided, in that admin's language, and the user is told.
"""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import Offset, RowId
from bot.sender import Sender
from bot.texts import money, period_title, speaking_to
from models.leaderboard import Period
from models.tables import Player, ReviewCard, TelegramUser, VerificationRequest, VerificationStatus
from models.users import display_name, reachable_admins
from models.verification import (
    CHECKS_REASON,
    MAX_REASON_LENGTH,
    REJECT_REASONS,
    TAKEN_REASON,
    Concern,
    Decision,
    concerns,
    decide,
    earlier_requests,
    pending_requests,
)

PAGE_SIZE = 5


class ReviewButton(CallbackData, prefix="review"):
    request_id: RowId
    action: str  # approve | reject (show reasons) | reason | type | back
    reason: str = ""


class PendingButton(CallbackData, prefix="pend"):
    action: str  # page | approve (those passing the checks) | reject (those flagged)
    offset: Offset = 0
    ids: str = ""  # the page's request ids, "12.13.14": a bulk action touches only what the admin saw


class RejectReason(StatesGroup):
    typing = State()


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


async def card_text(request: VerificationRequest) -> str:
    """The whole card in the current locale: who asks, for which account, its wagers, history, checks, verdict."""
    user: TelegramUser = await request.user
    player: Player = await request.player
    linked_to = await TelegramUser.filter(player_id=player.uid).exclude(id=user.id).first()
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
        _("Linked elsewhere: {who}").format(who=escape(display_name(linked_to)))
        if linked_to
        else _("Linked elsewhere: no"),
    ]
    earlier = await earlier_requests(request)
    if earlier:
        history = ", ".join(f"#{r.id} {escape(r.player.name)} ({status_text(r.status)})" for r in earlier)
        lines.append(_("Earlier requests: {list}").format(list=history))
    else:
        lines.append(_("Earlier requests: none"))
    if request.status == VerificationStatus.PENDING:
        lines += [f"⚠️ {concern_text(c)}" for c in await concerns(request)]
    else:
        lines += ["", await verdict_text(request)]
    return "\n".join(lines)


async def verdict_text(request: VerificationRequest) -> str:
    if request.status == VerificationStatus.CANCELLED:
        return _("↩️ Withdrawn by the user")
    admin = await TelegramUser.get_or_none(id=request.decided_by or 0)
    who = escape(display_name(admin)) if admin else str(request.decided_by)
    if request.status == VerificationStatus.APPROVED:
        return _("✅ Approved by {admin}").format(admin=who)
    return _("❌ Rejected by {admin}: {reason}").format(admin=who, reason=reason_text(request.reason))


def decision_keyboard(request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✅ Approve"), callback_data=ReviewButton(request_id=request_id, action="approve"))
    builder.button(text=_("❌ Reject"), callback_data=ReviewButton(request_id=request_id, action="reject"))
    return builder.as_markup()


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


async def send_cards(sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    """A new request: each reachable admin gets a card in their own language; each card is remembered."""
    for admin in await reachable_admins():
        with speaking_to(i18n, admin):
            delivery = await sender.send_message(
                admin.id, await card_text(request), reply_markup=decision_keyboard(request.id)
            )
        if delivery.message is not None:
            await ReviewCard.create(request=request, chat_id=admin.id, message_id=delivery.message.message_id)


async def refresh_cards(sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    """After a decision, every admin's card shows it, without buttons."""
    for card in await ReviewCard.filter(request_id=request.id):
        admin = await TelegramUser.get_or_none(id=card.chat_id) or TelegramUser(id=card.chat_id)
        with speaking_to(i18n, admin):
            text = await card_text(request)
        await sender.deliver(
            card.chat_id,
            lambda c=card, t=text: sender.bot.edit_message_text(
                t, chat_id=c.chat_id, message_id=c.message_id, reply_markup=None
            ),
        )


async def tell_user(sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    user: TelegramUser = await request.user
    player: Player = await request.player
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


async def apply_decision(
    sender: Sender, i18n: I18n, request_id: int, admin: TelegramUser, approve: bool, reason: str | None = None
) -> tuple[Decision, VerificationRequest | None]:
    decision, request = await decide(request_id, admin.id, approve, reason)
    if request is not None and decision != Decision.ALREADY_DECIDED:
        await announce_decision(sender, i18n, request)
    return decision, request


async def announce_decision(sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    await refresh_cards(sender, i18n, request)
    await tell_user(sender, i18n, request)


def already_text(request: VerificationRequest) -> str:
    return {
        VerificationStatus.APPROVED: _("Already approved."),
        VerificationStatus.REJECTED: _("Already rejected."),
        VerificationStatus.CANCELLED: _("The user withdrew this request."),
    }.get(request.status, "")


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
    passing, flagged = [], []
    for request in requests:
        found = await concerns(request)
        (flagged if found else passing).append(request.id)
        mark = "⚠️" if found else "✅"
        lines.append(
            f"{mark} #{request.id} {escape(display_name(request.user))} → <b>{escape(request.player.name)}</b> "
            f"({money(request.player.wagered_month)})"
        )
        lines += [f"    · {concern_text(c)}" for c in found]
    builder = InlineKeyboardBuilder()
    sizes = []
    if passing:
        builder.button(
            text=_("✅ Approve the {n} without warnings").format(n=len(passing)),
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
    lines += ["", escape(_("Open a card with /review <id>."))]
    return "\n".join(lines), builder.as_markup()


def build_router() -> Router:
    router = Router(name="admin.review")

    @router.callback_query(ReviewButton.filter(F.action.in_({"approve", "reason"})))
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
        if request is None:
            await query.answer(_("This request no longer exists."), show_alert=True)
        elif decision == Decision.ALREADY_DECIDED:
            await query.answer(already_text(request), show_alert=True)
        elif decision == Decision.TAKEN:
            await query.answer(_("Not linked: the account is linked to another Telegram user."), show_alert=True)
        else:
            await query.answer(_("Done."))
        if request is not None and decision != Decision.ALREADY_DECIDED:
            await announce_decision(sender, i18n, request)

    @router.callback_query(ReviewButton.filter(F.action.in_({"reject", "back"})))
    async def reasons_button(query: CallbackQuery, callback_data: ReviewButton) -> None:
        request = await VerificationRequest.get_or_none(id=callback_data.request_id)
        if request is None or request.status != VerificationStatus.PENDING:
            await query.answer(
                already_text(request) if request else _("This request no longer exists."), show_alert=True
            )
            return
        markup = reasons_keyboard(request.id) if callback_data.action == "reject" else decision_keyboard(request.id)
        if isinstance(query.message, Message):
            try:
                await query.message.edit_reply_markup(reply_markup=markup)
            except TelegramBadRequest:  # unchanged (pressed twice): nothing to do
                pass
        await query.answer()

    @router.callback_query(ReviewButton.filter(F.action == "type"))
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

    @router.message(StateFilter(RejectReason.typing), F.text, ~F.text.startswith("/"))
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

    @router.message(StateFilter(RejectReason.typing))
    async def reason_not_text(message: Message) -> None:
        await message.answer(_("Please send the reason as text, or /cancel."))

    @router.message(Command("review"))
    async def review_command(message: Message, command: CommandObject) -> None:
        arg = (command.args or "").strip().lstrip("#")
        request = await VerificationRequest.get_or_none(id=int(arg)) if arg.isdigit() and len(arg) < 10 else None
        if request is None:
            await message.answer(escape(_("Usage: /review <request id>, as listed by /pending.")))
            return
        pending = request.status == VerificationStatus.PENDING
        sent = await message.answer(
            await card_text(request), reply_markup=decision_keyboard(request.id) if pending else None
        )
        if pending:
            await ReviewCard.create(request=request, chat_id=sent.chat.id, message_id=sent.message_id)

    @router.message(Command("pending"))
    async def pending(message: Message) -> None:
        text, markup = await pending_page(0)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(PendingButton.filter())
    async def pending_button(
        query: CallbackQuery, callback_data: PendingButton, user: TelegramUser, sender: Sender, i18n: I18n
    ) -> None:
        summary = ""
        if callback_data.action in ("approve", "reject"):
            approve = callback_data.action == "approve"
            done = skipped = 0
            for request_id in [int(i) for i in callback_data.ids.split(".") if i.isdigit()]:
                request = await VerificationRequest.get_or_none(id=request_id)
                # Checked again now: a request that changed since the list was drawn is left for a person.
                if (
                    request is None
                    or request.status != VerificationStatus.PENDING
                    or (not await concerns(request)) != approve
                ):
                    skipped += 1
                    continue
                decision, _request = await apply_decision(
                    sender, i18n, request_id, user, approve, None if approve else CHECKS_REASON
                )
                if decision in (Decision.APPROVED, Decision.REJECTED):
                    done += 1
                else:
                    skipped += 1
            summary = (
                _("Approved: {done}, skipped: {skipped}.") if approve else _("Rejected: {done}, skipped: {skipped}.")
            ).format(done=done, skipped=skipped)
        text, markup = await pending_page(callback_data.offset)
        if isinstance(query.message, Message):
            try:
                await query.message.edit_text(f"{summary}\n\n{text}" if summary else text, reply_markup=markup)
            except TelegramBadRequest:
                pass
        await query.answer(summary or None)

    return router
