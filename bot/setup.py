"""Building the Bot and the Dispatcher. Every test builds a fresh pair the same way."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BotCommand
from aiogram.utils.i18n import I18n

from bot import errors, help, language, leaderboard, links, race, review, start, stats, verify
from bot.middlewares import UserLocaleMiddleware, UserMiddleware
from bot.throttling import Throttle
from models.leaderboard import Leaderboards
from settings import Settings


def build_bot(settings: Settings) -> Bot:
    assert settings.bot_token is not None
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_dispatcher(settings: Settings, i18n: I18n, leaderboards: Leaderboards) -> Dispatcher:
    # Everything handlers need arrives as workflow data, by name.
    dispatcher = Dispatcher(settings=settings, i18n=i18n, leaderboards=leaderboards, demo=settings.uses_demo_data)
    locale_middleware = UserLocaleMiddleware(i18n)
    dispatcher.update.outer_middleware(UserMiddleware(owner_ids=settings.admin_ids))
    dispatcher.update.outer_middleware(locale_middleware)
    # Error handlers run outside the update's middlewares; they get the user's language again.
    dispatcher.errors.outer_middleware(locale_middleware)
    throttle = Throttle()
    dispatcher.message.outer_middleware(throttle)
    dispatcher.callback_query.outer_middleware(throttle)
    dispatcher.include_routers(
        start.build_router(), verify.build_router(), review.build_router(), stats.build_router(),
        race.build_router(), leaderboard.build_router(), links.build_router(), language.build_router(),
        help.build_router(),  # last: it answers whatever the others did not take
        errors.build_router(),
    )
    return dispatcher


def command_menu(i18n: I18n) -> list[BotCommand]:
    """The menu in the current locale."""
    return [
        BotCommand(command="race", description=i18n.gettext("Your place in this month's race")),
        BotCommand(command="stats", description=i18n.gettext("Your wagers, ranks and VIP tier")),
        BotCommand(command="leaderboard", description=i18n.gettext("Top 10 of a leaderboard")),
        BotCommand(command="verify", description=i18n.gettext("Link your Goated account")),
        BotCommand(command="play", description=i18n.gettext("Our Goated referral link")),
        BotCommand(command="website", description=i18n.gettext("The live race page")),
        BotCommand(command="language", description=i18n.gettext("Change the language")),
        BotCommand(command="unlink", description=i18n.gettext("Unlink your Goated account")),
        BotCommand(command="cancel", description=i18n.gettext("Stop what you are doing")),
        BotCommand(command="help", description=i18n.gettext("What I can do")),
        BotCommand(command="start", description=i18n.gettext("Welcome and main menu")),
    ]


async def set_commands(bot: Bot, i18n: I18n) -> None:
    """The command menu, in every language we have a catalog for."""
    for locale in i18n.available_locales:
        with i18n.use_locale(locale):
            commands = command_menu(i18n)
        await bot.set_my_commands(commands, language_code=None if locale == i18n.default_locale else locale)
