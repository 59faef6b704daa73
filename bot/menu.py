"""The command menus: one for everyone, per language, and one per admin chat (a chat scope) that adds the
admin commands, so nobody else even sees them."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat
from aiogram.utils.i18n import I18n

from bot.texts import speaking_to
from models.tables import TelegramUser
from models.users import ADMIN_ROLES

log = logging.getLogger(__name__)


def command_menu(i18n: I18n) -> list[BotCommand]:
    """The menu in the current locale."""
    return [
        BotCommand(command="race", description=i18n.gettext("Your place in this month's race")),
        BotCommand(command="stats", description=i18n.gettext("Your wagers, ranks and VIP tier")),
        BotCommand(command="leaderboard", description=i18n.gettext("Top 10 of a leaderboard")),
        BotCommand(command="bonus", description=i18n.gettext("Bonus codes to claim")),
        BotCommand(command="challenges", description=i18n.gettext("Open challenges to enter")),
        BotCommand(command="myentries", description=i18n.gettext("Your challenge entries")),
        BotCommand(command="verify", description=i18n.gettext("Link your Goated account")),
        BotCommand(command="play", description=i18n.gettext("Our Goated referral link")),
        BotCommand(command="website", description=i18n.gettext("The live race page")),
        BotCommand(command="notifications", description=i18n.gettext("Choose your race alerts")),
        BotCommand(command="language", description=i18n.gettext("Change the language")),
        BotCommand(command="unlink", description=i18n.gettext("Unlink your Goated account")),
        BotCommand(command="cancel", description=i18n.gettext("Stop what you are doing")),
        BotCommand(command="help", description=i18n.gettext("What I can do")),
        BotCommand(command="start", description=i18n.gettext("Welcome and main menu")),
    ]


def admin_command_menu(i18n: I18n) -> list[BotCommand]:
    players = [c for c in command_menu(i18n) if c.command != "stats"]  # /stats shows admins the community
    return players + [
        BotCommand(command="pending", description=i18n.gettext("Admin: open link requests")),
        BotCommand(command="user", description=i18n.gettext("Admin: look up a user")),
        BotCommand(command="raceconfig", description=i18n.gettext("Admin: race prizes and exclusions")),
        BotCommand(command="broadcast", description=i18n.gettext("Admin: message many users")),
        BotCommand(command="codes", description=i18n.gettext("Admin: bonus codes and their claims")),
        BotCommand(command="newcode", description=i18n.gettext("Admin: create a bonus code")),
        BotCommand(command="newchallenge", description=i18n.gettext("Admin: create a challenge")),
        BotCommand(command="entries", description=i18n.gettext("Admin: challenge entries to decide")),
        BotCommand(command="stats", description=i18n.gettext("Admin: community figures")),
        BotCommand(command="sync", description=i18n.gettext("Admin: sync with Goated now")),
        BotCommand(command="audit", description=i18n.gettext("Admin: latest admin actions")),
        BotCommand(command="admins", description=i18n.gettext("Admin: who the admins are")),
    ]


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
