"""/help, and the answers to everything no other router took: unknown commands and stray text."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.commands import ADMIN_COMMANDS, PLAYER_COMMANDS, CommandText
from models.tables import TelegramUser
from models.users import ADMIN_ROLES


def help_lines(commands: tuple[CommandText, ...]) -> list[str]:
    # Plain text lines, escaped: "<id>" and "<name>" are placeholders to type, not HTML tags.
    return [escape(_(line)) for command in commands for line in command.help]


def help_text(user: TelegramUser) -> str:
    text = "\n".join([_("<b>What I can do</b>"), *help_lines(PLAYER_COMMANDS)])
    if user.role in ADMIN_ROLES:
        intro = _("Link requests arrive here with Approve and Reject buttons; the first decision counts.")
        text += "\n\n" + "\n".join([_("<b>Admin</b>"), escape(intro), *help_lines(ADMIN_COMMANDS)])
    return text


async def show_help(message: Message, user: TelegramUser) -> None:
    await message.answer(help_text(user))


async def unknown_command(message: Message) -> None:
    await message.answer(_("I don't know that command. Send /help to see what I can do."))


async def stray_message(message: Message) -> None:
    await message.answer(_("I answer commands. Send /help to see them."))


async def stale_button(query: CallbackQuery) -> None:
    await query.answer(_("This button no longer works. Send the command again."))


def build_router() -> Router:
    router = Router(name="help")
    router.message.register(show_help, Command("help"))
    # Groups: stay quiet about anything not addressed to us (other bots' commands, chatter).
    router.message.register(unknown_command, F.chat.type == ChatType.PRIVATE, F.text.startswith("/"))
    router.message.register(stray_message, F.chat.type == ChatType.PRIVATE, StateFilter(None))
    router.callback_query.register(stale_button)
    return router
