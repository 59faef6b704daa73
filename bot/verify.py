"""/verify, /unlink and /cancel: linking a Telegram account to a Goated account.

By VERIFY_MODE, /verify <name> opens a wager proof (bot.proof) or sends a request to the admins' review;
in proof_or_review a player who cannot bet asks for review from the proof's message, with a screenshot."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import assert_never

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import continue_in_private
from bot.proof import ProofButton, RefreshesFigures, check, opened_reply, proof_keyboard, proof_rules
from bot.review_cards import refresh_cards, send_cards, send_evidence
from bot.sender import Sender
from bot.texts import is_keyword, time_left
from models import clock
from models.proofs import OpenOutcome, open_proof, open_proof_of, withdraw_proof
from models.tables import TelegramUser, VerificationRequest
from models.users import player_by_uid, player_of
from models.verification import (
    LinkOutcome,
    LinkResult,
    attach_evidence,
    cancel_open_request,
    cooldown_until,
    request_link,
    unlink,
)
from settings import Settings


class VerifyFlow(StatesGroup):
    waiting_for_name = State()
    waiting_for_screenshot = State()  # asked for review instead of the proof: the evidence comes next


class VerifyButton(CallbackData, prefix="verify"):
    action: str  # "cancel"


class UnlinkButton(CallbackData, prefix="unlink"):
    confirm: bool


def cancel_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✖️ Cancel"), callback_data=VerifyButton(action="cancel"))
    return builder.as_markup()


def signup_hint(settings: Settings) -> str:
    if settings.affiliate_url:
        return _("Not signed up with us yet? Join here: {url}").format(url=escape(settings.affiliate_url))
    return _("Only players who signed up with our referral link can link their account.")


def cooldown(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.verify_cooldown_seconds)


def cooldown_text(retry_at: datetime) -> str:
    return _("Your last request was rejected. You can try again in {left}.").format(
        left=time_left((retry_at - clock.now()).total_seconds() + 59)
    )


async def ask_for_name(message: Message, state: FSMContext, user: TelegramUser, settings: Settings) -> None:
    # Review only: after a rejection, say so before asking for a name that could not be sent anyway.
    if settings.verify_mode == "review" and (retry_at := await cooldown_until(user, cooldown(settings))):
        await message.answer(cooldown_text(retry_at))
        return
    await state.set_state(VerifyFlow.waiting_for_name)
    await message.answer(_("What is your Goated username? Send it as a message."), reply_markup=cancel_keyboard())


async def ask_to_unlink(message: Message, user: TelegramUser) -> None:
    player = await player_of(user)
    if player is None:
        await message.answer(_("Your account is not linked. Send /verify to link it."))
        return
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Yes, unlink"), callback_data=UnlinkButton(confirm=True))
    builder.button(text=_("No, keep it"), callback_data=UnlinkButton(confirm=False))
    await message.answer(
        _("Unlink your Telegram from <b>{name}</b>?").format(name=escape(player.name)), reply_markup=builder.as_markup()
    )


def name_problem(invalid: bool, typed: str, settings: Settings) -> str:
    """An unusable name: what was wrong; the conversation stays open for another try."""
    if invalid:
        return _("That does not look like a Goated username. Send just the name, as shown on Goated.")
    if len(typed.split()) > 1:
        return _("Send only the name, as shown on Goated (for example LuckyGoat42).")
    return (
        _("I could not find <b>{name}</b> among our referred players.").format(name=escape(typed.strip()[:64]))
        + "\n"
        + signup_hint(settings)
        + "\n"
        + escape(_("Send another name, or /cancel."))
    )


async def try_again(message: Message, state: FSMContext, text: str) -> None:
    await state.set_state(VerifyFlow.waiting_for_name)
    await message.answer(text, reply_markup=cancel_keyboard())


def link_reply(result: LinkResult) -> str:
    """What the user reads once a request for review has a name."""
    name = escape(result.player.name) if result.player else ""
    match result.outcome:
        case LinkOutcome.CREATED:
            return _(
                "✅ Request sent! An admin will check that <b>{name}</b> is yours; I will tell you when it is approved."
            ).format(name=name)
        case LinkOutcome.ALREADY_LINKED:
            return _("Your account is already linked. Send /unlink first to link another one.")
        case LinkOutcome.PENDING:
            return _(
                "Your request to link <b>{name}</b> is still waiting for an admin. I will tell you when it is decided."
            ).format(name=name)
        case LinkOutcome.COOLDOWN:
            assert result.retry_at is not None
            return cooldown_text(result.retry_at)
        case LinkOutcome.TAKEN:
            support = _("If it is yours, contact an admin: they can sort it out.")
            return _("<b>{name}</b> is already linked to another Telegram account.").format(name=name) + "\n" + support
        case LinkOutcome.INVALID_NAME | LinkOutcome.NOT_FOUND:
            return ""  # worded by name_problem
    assert_never(result.outcome)


async def submit(
    message: Message, state: FSMContext, user: TelegramUser, typed: str, settings: Settings, sender: Sender, i18n: I18n
) -> None:
    if settings.verify_mode == "review":
        await submit_for_review(message, state, user, typed, settings, sender, i18n)
        return
    result = await open_proof(user, typed, proof_rules(settings))
    if result.outcome in (OpenOutcome.INVALID_NAME, OpenOutcome.NOT_FOUND):
        await try_again(message, state, name_problem(result.outcome == OpenOutcome.INVALID_NAME, typed, settings))
        return
    await state.clear()
    await message.answer(opened_reply(result) or "", reply_markup=proof_keyboard(settings) if result.proof else None)


async def submit_for_review(
    message: Message, state: FSMContext, user: TelegramUser, typed: str, settings: Settings, sender: Sender, i18n: I18n
) -> None:
    result = await request_link(user, typed, cooldown(settings))
    if result.outcome in (LinkOutcome.INVALID_NAME, LinkOutcome.NOT_FOUND):
        await try_again(message, state, name_problem(result.outcome == LinkOutcome.INVALID_NAME, typed, settings))
        return
    await state.clear()
    if result.outcome != LinkOutcome.CREATED:
        await message.answer(link_reply(result))
        return
    invite = _("To help the admin decide, you can send a screenshot of your Goated profile that shows the name.")
    await message.answer(link_reply(result) + "\n" + invite)
    assert result.request is not None
    await send_for_review(message, sender, i18n, result.request)


async def send_for_review(message: Message, sender: Sender, i18n: I18n, request: VerificationRequest) -> None:
    if not await send_cards(sender, i18n, request):
        await message.answer(_("No admin can be reached right now, so the review may take longer than usual."))


async def verify_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    user: TelegramUser,
    settings: Settings,
    bot: Bot,
    sender: Sender,
    i18n: I18n,
    figures: RefreshesFigures,
) -> None:
    if message.chat.type != ChatType.PRIVATE:
        await continue_in_private(message, bot, "verify")
        return
    args = (command.args or "").strip()
    if is_keyword(args, "check") and settings.verify_mode != "review":
        await check(message, user, settings, figures, sender, i18n)
    elif args:
        await submit(message, state, user, args, settings, sender, i18n)
    elif user.player_id:
        await message.answer(_("Your account is already linked. Send /unlink first to link another one."))
    else:
        await ask_for_name(message, state, user, settings)


async def name_given(
    message: Message, state: FSMContext, user: TelegramUser, settings: Settings, sender: Sender, i18n: I18n
) -> None:
    await submit(message, state, user, message.text or "", settings, sender, i18n)


async def not_text(message: Message) -> None:
    await message.answer(_("Please send your Goated username as text."), reply_markup=cancel_keyboard())


async def review_instead(query: CallbackQuery, state: FSMContext, user: TelegramUser, settings: Settings) -> None:
    """ "I can't bet": the player asks an admin instead, with a screenshot as evidence."""
    proof = await open_proof_of(user)
    player = await player_by_uid(proof.player_id) if proof else None
    if settings.verify_mode != "proof_or_review" or player is None:
        await query.answer(_("This proof is closed. Send /verify to start again."), show_alert=True)
        return
    if retry_at := await cooldown_until(user, cooldown(settings)):
        await query.answer(cooldown_text(retry_at), show_alert=True)
        return
    await state.set_state(VerifyFlow.waiting_for_screenshot)
    await state.update_data(name=player.name)
    if isinstance(query.message, Message):
        await query.message.answer(
            _(
                "Send a screenshot of your Goated profile that shows the name <b>{name}</b>, as a photo. "
                "An admin will compare it and decide."
            ).format(name=escape(player.name)),
            reply_markup=cancel_keyboard(),
        )
    await query.answer()


async def screenshot_given(
    message: Message, state: FSMContext, user: TelegramUser, settings: Settings, sender: Sender, i18n: I18n
) -> None:
    assert message.photo  # the handler's filter
    name = str((await state.get_data()).get("name", ""))
    await state.clear()
    result = await request_link(user, name, cooldown(settings), evidence_file_id=message.photo[-1].file_id)
    await message.answer(link_reply(result) or escape(_("Send /verify <your Goated name> to start again.")))
    if result.outcome == LinkOutcome.CREATED:
        assert result.request is not None
        await withdraw_proof(user)  # asked for review instead: one way at a time, the amount no longer counts
        await send_for_review(message, sender, i18n, result.request)


async def screenshot_not_photo(message: Message) -> None:
    await message.answer(_("Please send the screenshot as a photo, or /cancel."), reply_markup=cancel_keyboard())


async def evidence_given(message: Message, user: TelegramUser, sender: Sender, i18n: I18n) -> None:
    """A photo while a request waits for review: it becomes the request's evidence."""
    assert message.photo  # the handler's filter
    request = await attach_evidence(user, message.photo[-1].file_id)
    if request is None:
        raise SkipHandler  # not about linking: the other features may take it
    await message.answer(_("Thanks: the admins can see your screenshot now."))
    await send_evidence(sender, i18n, request)


async def cancel_command(message: Message, state: FSMContext, user: TelegramUser, sender: Sender, i18n: I18n) -> None:
    if await state.get_state() is not None:  # leaving a conversation; a link request stays as it is
        await state.clear()
        await message.answer(_("Cancelled."))
        return
    withdrawn = await cancel_open_request(user)
    if withdrawn:
        await message.answer(_("Your link request was withdrawn."))
        await refresh_cards(sender, i18n, withdrawn)
    elif await withdraw_proof(user):
        await message.answer(_("Your proof was cancelled: its amount no longer counts."))
    else:
        await message.answer(_("There is nothing to cancel."))


async def cancel_button(query: CallbackQuery, state: FSMContext) -> None:
    await state.clear()
    if isinstance(query.message, Message):
        await query.message.edit_text(_("Cancelled."))
    await query.answer()


async def unlink_command(message: Message, user: TelegramUser, bot: Bot) -> None:
    if message.chat.type != ChatType.PRIVATE:
        await continue_in_private(message, bot, "unlink")
        return
    await ask_to_unlink(message, user)


async def unlink_button(query: CallbackQuery, callback_data: UnlinkButton, user: TelegramUser) -> None:
    if callback_data.confirm:
        text = (
            _("Unlinked. Send /verify to link an account again.")
            if await unlink(user)
            else _("Your account is not linked.")
        )
    else:
        text = _("Kept as it is.")
    if isinstance(query.message, Message):
        await query.message.edit_text(text)
    await query.answer()


def build_router() -> Router:
    router = Router(name="verify")
    router.message.register(verify_command, Command("verify"))
    router.message.register(name_given, StateFilter(VerifyFlow.waiting_for_name), F.text, ~F.text.startswith("/"))
    router.message.register(not_text, StateFilter(VerifyFlow.waiting_for_name), ~F.text)
    router.callback_query.register(review_instead, ProofButton.filter(F.action == "review"))
    router.message.register(screenshot_given, StateFilter(VerifyFlow.waiting_for_screenshot), F.photo)
    router.message.register(
        screenshot_not_photo, StateFilter(VerifyFlow.waiting_for_screenshot), ~F.text.startswith("/")
    )
    router.message.register(evidence_given, F.photo, F.chat.type == ChatType.PRIVATE)
    router.message.register(cancel_command, Command("cancel"))
    router.callback_query.register(cancel_button, VerifyButton.filter(F.action == "cancel"))
    router.message.register(unlink_command, Command("unlink"))
    router.callback_query.register(unlink_button, UnlinkButton.filter())
    return router
