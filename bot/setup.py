"""Building the Bot and the Dispatcher. Every test builds a fresh pair the same way."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage
from aiogram.utils.i18n import I18n

from bot import (
    admin,
    alert_settings,
    bonus,
    challenges,
    errors,
    groups,
    help,
    language,
    leaderboard,
    links,
    proof,
    race,
    rules,
    start,
    stats,
    verify,
)
from bot.admin.community import SyncsNow
from bot.admin.links import TakesDemoBets
from bot.broadcaster import Broadcaster
from bot.middlewares import InFlightUpdates, UserLocaleMiddleware, UserMiddleware
from bot.notification_delivery import Notifier
from bot.proof import RefreshesFigures
from bot.sender import Sender
from bot.texts import race_zone_middleware, use_race_zone
from bot.throttling import Throttle
from models.events import EventBus
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


def build_sender(bot: Bot, settings: Settings) -> Sender:
    return Sender(
        bot,
        per_second=settings.telegram_messages_per_second,
        chat_interval=settings.telegram_chat_interval_seconds,
        group_interval=settings.telegram_group_interval_seconds,
    )


def build_dispatcher(
    settings: Settings,
    i18n: I18n,
    leaderboards: Leaderboards,
    sync: SyncsNow,
    sender: Sender,
    broadcaster: Broadcaster,
    notifier: Notifier,
    events: EventBus,
    figures: RefreshesFigures,
    demo_bets: TakesDemoBets | None = None,
    storage: BaseStorage | None = None,
) -> Dispatcher:
    # Conversation state lives in `storage`: memory in one process, Redis across replicas.
    # Everything handlers need arrives as workflow data, by name.
    dispatcher = Dispatcher(
        storage=storage,
        settings=settings,
        i18n=i18n,
        leaderboards=leaderboards,
        demo=settings.uses_demo_data,
        sync=sync,
        events=events,
        sender=sender,
        broadcaster=broadcaster,
        notifier=notifier,
        figures=figures,
        demo_bets=demo_bets,
    )
    install_middlewares(dispatcher, settings, i18n)
    dispatcher.include_routers(
        start.build_router(),
        verify.build_router(),
        proof.build_router(),
        admin.build_router(
            demo_bets=demo_bets is not None
        ),  # before the player routers: an admin's /stats shows the community
        stats.build_router(),
        race.build_router(),
        rules.build_router(),
        leaderboard.build_router(),
        links.build_router(),
        language.build_router(),
        alert_settings.build_router(),
        bonus.build_router(),
        challenges.build_router(),
        help.build_router(),  # last: it answers whatever the others did not take
        errors.build_router(),
    )
    return dispatcher


def install_middlewares(dispatcher: Dispatcher, settings: Settings, i18n: I18n) -> None:
    # At shutdown (polling), updates already taken from Telegram are finished, not dropped.
    in_flight = InFlightUpdates()
    dispatcher.update.outer_middleware(in_flight)
    dispatcher.shutdown.register(in_flight.finish)
    locale_middleware = UserLocaleMiddleware(i18n)
    dispatcher.update.outer_middleware(UserMiddleware(owner_ids=settings.admin_ids))
    dispatcher.update.outer_middleware(locale_middleware)
    # Dates and times read in RACE_TIMEZONE: in every update, and in what the bot sends on its own initiative.
    dispatcher.update.outer_middleware(race_zone_middleware(settings.race_timezone))
    use_race_zone(settings.race_timezone)
    # Error handlers run outside the update's middlewares; they get the user's language again.
    dispatcher.errors.outer_middleware(locale_middleware)
    groups.install(dispatcher)  # the bot's groups and channels (issue 21): tracked, /card, the live post
    throttle = Throttle()
    dispatcher.message.outer_middleware(throttle)
    dispatcher.callback_query.outer_middleware(throttle)
