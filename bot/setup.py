"""Building the Bot and the Dispatcher. Every test builds a fresh pair the same way."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BotCommand
from aiogram.utils.i18n import I18n

from bot import errors, leaderboard, start
from bot.middlewares import UserLocaleMiddleware, UserMiddleware
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
    dispatcher = Dispatcher(settings=settings, leaderboards=leaderboards, demo=settings.uses_demo_data)
    locale_middleware = UserLocaleMiddleware(i18n)
    dispatcher.update.outer_middleware(UserMiddleware(owner_ids=settings.admin_ids))
    dispatcher.update.outer_middleware(locale_middleware)
    # Error handlers run outside the update's middlewares; they get the user's language again.
    dispatcher.errors.outer_middleware(locale_middleware)
    dispatcher.include_routers(start.build_router(), leaderboard.build_router(), errors.build_router())
    return dispatcher


async def set_commands(bot: Bot, i18n: I18n) -> None:
    """The command menu, in every language we have a catalog for."""
    for locale in i18n.available_locales:
        with i18n.use_locale(locale):
            commands = [
                BotCommand(command="start", description=i18n.gettext("Welcome and main menu")),
                BotCommand(command="leaderboard", description=i18n.gettext("Top 10 of a leaderboard")),
            ]
        await bot.set_my_commands(commands, language_code=None if locale == i18n.default_locale else locale)
