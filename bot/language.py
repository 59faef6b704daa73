"""/language: pick the bot's language; stored on the user, overriding Telegram's. `/language es`, `/language
español` and `/language Spanish` all work: a code, or the language's name in itself, English or the reader's."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from babel import Locale

from bot.texts import current_locale, folded
from models.tables import TelegramUser
from models.users import set_language


class LanguageButton(CallbackData, prefix="lang"):
    code: str


def language_keyboard(i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in sorted(i18n.available_locales):
        name = Locale.parse(code).get_display_name(code) or code
        builder.button(text=name[:1].upper() + name[1:], callback_data=LanguageButton(code=code))
    builder.adjust(3)
    return builder.as_markup()


def language_code(text: str, i18n: I18n) -> str | None:
    """The catalog `text` names: its code ("pt"), or its name in itself, English or the reader's language."""
    wanted = folded(text)
    for code in i18n.available_locales:
        locale = Locale.parse(code)
        names = {code, *(locale.get_display_name(language) for language in (code, "en", current_locale()))}
        if wanted in {folded(name) for name in names if name}:
            return code
    return None


async def choose(user: TelegramUser, text: str, i18n: I18n) -> str | None:
    """Store the choice; returns the confirmation in the new language, or None for an unknown language."""
    code = language_code(text, i18n)
    if code is None:
        return None
    await set_language(user, code)
    i18n.current_locale = code
    return _("Language set to English.")  # each catalog says this in its own language


async def language_command(message: Message, command: CommandObject, user: TelegramUser, i18n: I18n) -> None:
    if command.args:
        confirmation = await choose(user, command.args, i18n)
        if confirmation:
            await message.answer(confirmation)
            return
    await message.answer(_("Choose your language:"), reply_markup=language_keyboard(i18n))


async def picked(query: CallbackQuery, callback_data: LanguageButton, user: TelegramUser, i18n: I18n) -> None:
    confirmation = await choose(user, callback_data.code, i18n)
    if confirmation is None:  # a tampered or outdated button
        await query.answer(_("That language is not available."), show_alert=True)
        return
    if isinstance(query.message, Message):
        await query.message.edit_text(confirmation)
    await query.answer()


def build_router() -> Router:
    router = Router(name="language")
    router.message.register(language_command, Command("language", "lang"))
    router.callback_query.register(picked, LanguageButton.filter())
    return router
