"""The command menus: one for everyone, per language, and one per admin chat (a chat scope) that adds the
admin commands, so nobody else even sees them."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat
from aiogram.utils.i18n import I18n

from bot.commands import ADMIN_COMMANDS, PLAYER_COMMANDS, CommandText
from bot.texts import speaking_to
from models.tables import TelegramUser
from models.users import ADMIN_ROLES

log = logging.getLogger(__name__)


def menu_of(commands: tuple[CommandText, ...], i18n: I18n) -> list[BotCommand]:
    return [BotCommand(command=c.command, description=i18n.gettext(c.menu)) for c in commands]


def command_menu(i18n: I18n) -> list[BotCommand]:
    """The menu in the current locale."""
    return menu_of(PLAYER_COMMANDS, i18n)


def admin_command_menu(i18n: I18n) -> list[BotCommand]:
    players = [c for c in command_menu(i18n) if c.command != "stats"]  # /stats shows admins the community
    return players + menu_of(ADMIN_COMMANDS, i18n)


async def set_commands(bot: Bot, i18n: I18n) -> None:
    """The command menu, in every language we have a catalog for."""
    for locale in i18n.available_locales:
        with i18n.use_locale(locale):
            commands = command_menu(i18n)
        await bot.set_my_commands(commands, language_code=None if locale == i18n.default_locale else locale)


async def set_admin_commands(bot: Bot, i18n: I18n, user: TelegramUser) -> None:
    """The admin menu in this admin's chat, in their language; removed again when they are no longer admin."""
    scope = BotCommandScopeChat(chat_id=user.id)
    try:
        if user.role in ADMIN_ROLES:
            with speaking_to(i18n, user):
                commands = admin_command_menu(i18n)
            await bot.set_my_commands(commands, scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramAPIError as error:  # an admin who never started the bot has no chat yet
        log.warning("could not set the command menu of user %d: %s", user.id, error)
