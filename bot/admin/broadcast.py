"""/broadcast: compose (text with formatting, or a photo with a caption), pick the audience, see the
preview and the audience size, confirm. Sending runs in the background (bot.broadcaster)."""

from __future__ import annotations

import uuid

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.broadcaster import BroadcastButton, Broadcaster, cancel_keyboard
from bot.keyboards import safe_edit
from models import broadcasts, clock
from models.broadcasts import Audience
from models.leaderboard import Leaderboards
from models.race import race_at
from models.tables import TelegramUser
from settings import Settings

MAX_TEXT, MAX_CAPTION = 4000, 1000  # Telegram: 4096 for a message, 1024 for a caption
TOP_SIZES = (3, 10, 25)


class BroadcastFlow(StatesGroup):
    composing = State()
    choosing = State()


def audience_label(audience: str, count: int) -> str:
    if audience == Audience.LINKED:
        return _("Linked players ({n})").format(n=count)
    if audience == Audience.EVERYONE:
        return _("Everyone who started the bot ({n})").format(n=count)
    return _("This race's top {top} ({n})").format(top=audience.partition("-")[2], n=count)


async def audience_keyboard(leaderboards: Leaderboards, settings: Settings) -> InlineKeyboardMarkup:
    race = race_at(clock.now(), settings.race_timezone)
    builder = InlineKeyboardBuilder()
    for audience in (Audience.LINKED, Audience.EVERYONE, *(f"{Audience.TOP}-{n}" for n in TOP_SIZES)):
        count = len(await broadcasts.recipients(audience, leaderboards, race))
        builder.button(
            text=audience_label(audience, count), callback_data=BroadcastButton(action="audience", value=audience)
        )
    builder.button(text=_("✖️ Cancel"), callback_data=BroadcastButton(action="drop"))
    builder.adjust(1)
    return builder.as_markup()


async def start_broadcast(message: Message, state: FSMContext) -> None:
    await state.set_state(BroadcastFlow.composing)
    await message.answer(
        _("Send the message to broadcast: text with formatting, or a photo with a caption. /cancel stops.")
    )


async def read_composition(message: Message) -> tuple[str, str | None] | None:
    """A composed message (broadcasts and /post): its HTML text and photo, or None after saying it is too long."""
    text = message.html_text if (message.text or message.caption) else ""
    limit = MAX_CAPTION if message.photo else MAX_TEXT
    if len(text) > limit:
        await message.answer(
            ngettext(
                "That is too long for Telegram; please keep it under {n} character.",
                "That is too long for Telegram; please keep it under {n} characters.",
                limit,
            ).format(n=limit)
        )
        return None
    return text, message.photo[-1].file_id if message.photo else None


async def composed(message: Message, state: FSMContext, leaderboards: Leaderboards, settings: Settings) -> None:
    composition = await read_composition(message)
    if composition is None:
        return
    text, photo = composition
    await state.update_data(text=text, photo=photo)
    await state.set_state(BroadcastFlow.choosing)
    await message.answer(_("Who should get it?"), reply_markup=await audience_keyboard(leaderboards, settings))


async def not_composable(message: Message) -> None:
    await message.answer(_("Please send text or one photo with a caption, or /cancel."))


def confirm_keyboard(count: int, draft_id: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if count:
        builder.button(
            text=ngettext("✅ Send to {n} person", "✅ Send to {n} people", count).format(n=count),
            callback_data=BroadcastButton(action="send", value=draft_id),
        )
    builder.button(text=_("✖️ Cancel"), callback_data=BroadcastButton(action="drop"))
    return builder.as_markup()


async def audience_chosen(
    query: CallbackQuery,
    callback_data: BroadcastButton,
    state: FSMContext,
    leaderboards: Leaderboards,
    settings: Settings,
) -> None:
    data = await state.get_data()
    if "text" not in data or not isinstance(query.message, Message):
        await query.answer(_("This draft is gone; send /broadcast again."), show_alert=True)
        return
    race = race_at(clock.now(), settings.race_timezone)
    count = len(await broadcasts.recipients(callback_data.value, leaderboards, race))
    draft_id = uuid.uuid4().hex
    await state.update_data(audience=callback_data.value, draft_id=draft_id)
    # The preview is exactly what recipients will get.
    if data.get("photo"):
        await query.message.answer_photo(data["photo"], caption=data["text"] or None)
    else:
        await query.message.answer(data["text"])
    summary = _("Above is the preview. Audience: {audience}.").format(
        audience=audience_label(callback_data.value, count)
    )
    if not count:
        summary += "\n" + _("Nobody is in this audience; pick another with /broadcast.")
    await query.message.answer(summary, reply_markup=confirm_keyboard(count, draft_id))
    await query.answer()


async def send(
    query: CallbackQuery,
    callback_data: BroadcastButton,
    state: FSMContext,
    user: TelegramUser,
    leaderboards: Leaderboards,
    settings: Settings,
    broadcaster: Broadcaster,
) -> None:
    data = await state.get_data()
    if data.get("draft_id") != callback_data.value or not isinstance(query.message, Message):
        await query.answer(_("This broadcast was already sent or dropped."), show_alert=True)
        return
    race = race_at(clock.now(), settings.race_timezone)
    users = await broadcasts.recipients(data["audience"], leaderboards, race)
    created = await broadcasts.create(
        user.id, callback_data.value, data["text"], data.get("photo"), data["audience"], users
    )
    await state.clear()
    if created is None:  # a second press on the same preview
        await query.answer(_("This broadcast was already sent or dropped."), show_alert=True)
        return
    # The progress message is this one; stored first, so the first progress edit finds it.
    await broadcasts.set_progress_message(created.id, query.message.chat.id, query.message.message_id)
    broadcaster.start(created.id)
    await query.answer()
    await safe_edit(
        query.message, _("📣 Broadcast #{id}: starting…").format(id=created.id), cancel_keyboard(created.id)
    )


async def drop(query: CallbackQuery, state: FSMContext) -> None:
    await state.clear()
    if isinstance(query.message, Message):
        await safe_edit(query.message, _("Broadcast dropped; nothing was sent."))
    await query.answer()


async def cancel(
    query: CallbackQuery, callback_data: BroadcastButton, user: TelegramUser, broadcaster: Broadcaster
) -> None:
    broadcast_id = int(callback_data.value) if callback_data.value.isdecimal() else 0
    stopped = await broadcasts.cancel(broadcast_id, user.id)
    await query.answer(_("Cancelled: nobody else will get it.") if stopped else _("This broadcast has already ended."))
    if stopped:
        await broadcaster.show_progress(broadcast_id)


def build_router() -> Router:
    router = Router(name="admin.broadcast")
    router.message.register(start_broadcast, Command("broadcast"))
    router.message.register(composed, StateFilter(BroadcastFlow.composing), F.photo)
    router.message.register(composed, StateFilter(BroadcastFlow.composing), F.text, ~F.text.startswith("/"))
    router.message.register(not_composable, StateFilter(BroadcastFlow.composing))
    router.callback_query.register(audience_chosen, BroadcastButton.filter(F.action == "audience"))
    router.callback_query.register(send, BroadcastButton.filter(F.action == "send"))
    router.callback_query.register(drop, BroadcastButton.filter(F.action == "drop"))
    router.callback_query.register(cancel, BroadcastButton.filter(F.action == "cancel"))
    return router
