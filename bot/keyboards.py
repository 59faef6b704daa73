"""Keyboards used by more than one feature."""

from __future__ import annotations

from typing import Annotated

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from pydantic import Field

# Numbers in button data are bounded like their columns: a forged `bonus:99999999999` matches no
# handler ("this button no longer works") instead of overflowing an integer column in PostgreSQL.
RowId = Annotated[int, Field(ge=1, le=2**31 - 1)]
TelegramId = Annotated[int, Field(ge=1, le=2**63 - 1)]
Offset = Annotated[int, Field(ge=0, le=2**31 - 1)]


async def continue_in_private(message: Message, bot: Bot, start_payload: str) -> None:
    """Private-only flows answer a group with a button that opens the bot's private chat on that flow."""
    me = await bot.me()
    button = InlineKeyboardButton(
        text=_("Continue in private chat"), url=f"https://t.me/{me.username}?start={start_payload}"
    )
    await message.answer(
        _("This works in a private chat with me."), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]])
    )


async def safe_edit(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit a message whose text may already be this (a button pressed twice): that is not an error."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as error:
        if "not modified" not in error.message:
            raise


async def edit_in_place(query: CallbackQuery, message: Message, text: str, markup: InlineKeyboardMarkup) -> None:
    """Refresh buttons edit their own message; when nothing changed, Telegram refuses and we say so."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as error:
        if "not modified" not in error.message:
            raise
        await query.answer(_("Already up to date."))
        return
    await query.answer()
