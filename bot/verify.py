"""/verify, /unlink and /cancel: linking a Telegram account to a Goated account."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import assert_never

from aiogram import Bot, F, Router
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
from bot.review_cards import refresh_cards, send_cards
from bot.sender import Sender
from bot.texts import time_left
from models import clock
from models.tables import TelegramUser
from models.users import player_of
from models.verification import LinkOutcome, LinkResult, cancel_open_request, request_link, unlink
from settings import Settings


class VerifyFlow(StatesGroup):
    waiting_for_name = State()


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


async def ask_for_name(message: Message, state: FSMContext) -> None:
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


def link_reply(result: LinkResult, typed: str, settings: Settings) -> str:
    """What the user reads once /verify has a name."""
    name = escape(result.player.name) if result.player else ""
    match result.outcome:
        case LinkOutcome.INVALID_NAME:
            return _("That does not look like a Goated username. Send just the name, as shown on Goated.")
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
            return _("Your last request was rejected. You can try again in {left}.").format(
                left=time_left((result.retry_at - clock.now()).total_seconds() + 59)
            )
        case LinkOutcome.NOT_FOUND:
            return (
                _("I could not find <b>{name}</b> among our referred players.").format(name=escape(typed.strip()[:64]))
                + "\n"
                + signup_hint(settings)
            )
        case LinkOutcome.TAKEN:
            support = _("If it is yours, contact an admin: they can sort it out.")
            return _("<b>{name}</b> is already linked to another Telegram account.").format(name=name) + "\n" + support
    assert_never(result.outcome)


async def submit(
    message: Message, state: FSMContext, user: TelegramUser, typed: str, settings: Settings, sender: Sender, i18n: I18n
) -> None:
    result = await request_link(user, typed, timedelta(seconds=settings.verify_cooldown_seconds))
    text = link_reply(result, typed, settings)
    if result.outcome == LinkOutcome.INVALID_NAME:
        await message.answer(text, reply_markup=cancel_keyboard())
        return  # stay in the flow: they can try again
    await state.clear()
    await message.answer(text)
    if result.outcome == LinkOutcome.CREATED:
        assert result.request is not None
        await send_cards(sender, i18n, result.request)


async def verify_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    user: TelegramUser,
    settings: Settings,
    bot: Bot,
    sender: Sender,
    i18n: I18n,
) -> None:
    if message.chat.type != ChatType.PRIVATE:
        await continue_in_private(message, bot, "verify")
        return
    if command.args:
        await submit(message, state, user, command.args, settings, sender, i18n)
    elif user.player_id:
        await message.answer(_("Your account is already linked. Send /unlink first to link another one."))
    else:
        await ask_for_name(message, state)


async def name_given(
    message: Message, state: FSMContext, user: TelegramUser, settings: Settings, sender: Sender, i18n: I18n
) -> None:
    await submit(message, state, user, message.text or "", settings, sender, i18n)


async def not_text(message: Message) -> None:
    await message.answer(_("Please send your Goated username as text."), reply_markup=cancel_keyboard())


async def cancel_command(message: Message, state: FSMContext, user: TelegramUser, sender: Sender, i18n: I18n) -> None:
    if await state.get_state() is not None:  # leaving a conversation; a link request stays as it is
        await state.clear()
        await message.answer(_("Cancelled."))
        return
    withdrawn = await cancel_open_request(user)
    if withdrawn:
        await message.answer(_("Your link request was withdrawn."))
        await refresh_cards(sender, i18n, withdrawn)
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
    router.message.register(cancel_command, Command("cancel"))
    router.callback_query.register(cancel_button, VerifyButton.filter(F.action == "cancel"))
    router.message.register(unlink_command, Command("unlink"))
    router.callback_query.register(unlink_button, UnlinkButton.filter())
    return router
