"""/post: an announcement to the bot's groups and channels. Compose (text with formatting, or a photo with a
caption), choose the chats (all, or some), see the preview, confirm; the post goes out in the background
(bot.posting) and the admin's message then tells how it went in each chat."""

from __future__ import annotations

import uuid
from html import escape

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.admin.broadcast import read_composition
from bot.chats import chat_id_in
from bot.keyboards import safe_edit
from bot.posting import Poster
from bot.texts import listed
from models import chats, posts
from models.tables import BotChat, TelegramUser


class PostFlow(StatesGroup):
    composing = State()
    choosing = State()


class PostButton(CallbackData, prefix="post"):
    action: str  # toggle (a chat) | all | next (the preview) | send | drop
    value: str = ""


def chats_keyboard(rows: list[BotChat], chosen: set[int]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("📣 All chats ({n})").format(n=len(rows)), callback_data=PostButton(action="all"))
    for chat in rows:
        mark = "☑️" if chat.id in chosen else "▫️"
        builder.button(text=f"{mark} {chat.title}", callback_data=PostButton(action="toggle", value=str(chat.id)))
    builder.button(text=_("➡️ Preview for the chosen chats"), callback_data=PostButton(action="next"))
    builder.button(text=_("✖️ Cancel"), callback_data=PostButton(action="drop"))
    builder.adjust(1)
    return builder.as_markup()


async def start_post(message: Message, state: FSMContext) -> None:
    if not await chats.postable():
        await message.answer(_("The bot may post in no group or channel yet. Add it to one first (/chats)."))
        return
    await state.set_state(PostFlow.composing)
    await message.answer(_("Send the post: text with formatting, or a photo with a caption. /cancel stops."))


async def composed(message: Message, state: FSMContext) -> None:
    composition = await read_composition(message)
    if composition is None:
        return
    text, photo = composition
    await state.update_data(text=text, photo=photo, chosen=[])
    await state.set_state(PostFlow.choosing)
    await message.answer(_("Where should it be posted?"), reply_markup=chats_keyboard(await chats.postable(), set()))


async def not_composable(message: Message) -> None:
    await message.answer(_("Please send text or one photo with a caption, or /cancel."))


async def toggle(query: CallbackQuery, callback_data: PostButton, state: FSMContext) -> None:
    data = await state.get_data()
    if "text" not in data or not isinstance(query.message, Message):
        await query.answer(_("This draft is gone; send /post again."), show_alert=True)
        return
    chat_id = chat_id_in(callback_data.value)
    if chat_id is None:
        await query.answer()
        return
    chosen = set(data.get("chosen", [])) ^ {chat_id}
    await state.update_data(chosen=sorted(chosen))
    await query.message.edit_reply_markup(reply_markup=chats_keyboard(await chats.postable(), chosen))
    await query.answer()


async def preview(query: CallbackQuery, callback_data: PostButton, state: FSMContext) -> None:
    data = await state.get_data()
    if "text" not in data or not isinstance(query.message, Message):
        await query.answer(_("This draft is gone; send /post again."), show_alert=True)
        return
    rows = await chats.postable()
    wanted = {c.id for c in rows} if callback_data.action == "all" else set(data.get("chosen", []))
    chosen = [c for c in rows if c.id in wanted]
    if not chosen:
        await query.answer(_("Choose at least one chat."), show_alert=True)
        return
    draft_id = uuid.uuid4().hex
    await state.update_data(chat_ids=[c.id for c in chosen], draft_id=draft_id)
    if data.get("photo"):  # the preview is exactly what the chats will get
        await query.message.answer_photo(data["photo"], caption=data["text"] or None)
    else:
        await query.message.answer(data["text"])
    builder = InlineKeyboardBuilder()
    builder.button(
        text=ngettext("✅ Post in {n} chat", "✅ Post in {n} chats", len(chosen)).format(n=len(chosen)),
        callback_data=PostButton(action="send", value=draft_id),
    )
    builder.button(text=_("✖️ Cancel"), callback_data=PostButton(action="drop"))
    summary = _("Above is the preview. It goes to: {chats}.").format(chats=listed(escape(c.title) for c in chosen))
    await query.message.answer(summary, reply_markup=builder.as_markup())
    await query.answer()


async def send(
    query: CallbackQuery, callback_data: PostButton, state: FSMContext, user: TelegramUser, poster: Poster
) -> None:
    data = await state.get_data()
    if data.get("draft_id") != callback_data.value or not isinstance(query.message, Message):
        await query.answer(_("This post was already sent or dropped."), show_alert=True)
        return
    created = await posts.create(user.id, callback_data.value, data["text"], data.get("photo"), data["chat_ids"])
    await state.clear()
    if created is None:  # a second press on the same preview
        await query.answer(_("This post was already sent or dropped."), show_alert=True)
        return
    await posts.set_report_message(created.id, query.message.chat.id, query.message.message_id)
    poster.start(created.id)
    await query.answer()
    await safe_edit(query.message, _("📢 <b>Post #{id}</b>: posting…").format(id=created.id))


async def drop(query: CallbackQuery, state: FSMContext) -> None:
    await state.clear()
    if isinstance(query.message, Message):
        await safe_edit(query.message, _("Post dropped; nothing was sent."))
    await query.answer()


def build_router() -> Router:
    router = Router(name="admin.posts")
    router.message.register(start_post, Command("post"))
    router.message.register(composed, StateFilter(PostFlow.composing), F.photo)
    router.message.register(composed, StateFilter(PostFlow.composing), F.text, ~F.text.startswith("/"))
    router.message.register(not_composable, StateFilter(PostFlow.composing))
    router.callback_query.register(toggle, PostButton.filter(F.action == "toggle"))
    router.callback_query.register(preview, PostButton.filter(F.action.in_({"all", "next"})))
    router.callback_query.register(send, PostButton.filter(F.action == "send"))
    router.callback_query.register(drop, PostButton.filter(F.action == "drop"))
    return router
