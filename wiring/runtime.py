"""The wiring: builds every part from the settings and runs them on one event loop.

The web app owns the lifecycle (aiohttp cleanup contexts): the database, the event channel between
replicas, the leader election (the leader runs the scheduled jobs), then the bot, started in that order
and stopped in reverse on SIGTERM/SIGINT, after in-flight requests finish. Only this package (and the
command line in main.py) may import the bot, the web app and the scheduler together.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import I18n
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import STATE_RUNNING
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.broadcaster import Broadcaster
from bot.chat_posts import ScheduledPosts
from bot.groups import after_race_job
from bot.liveboard import LiveBoards
from bot.menu import set_admin_commands, set_commands
from bot.notification_delivery import Notifier
from bot.posting import Poster
from bot.sender import Sender
from bot.setup import build_bot, build_dispatcher, build_sender
from models import clock
from models.db import close_db, migrate, open_db
from models.events import EventBus
from models.leaderboard import Leaderboards
from models.outbox import mark_interrupted_notifications
from models.race import race_at
from models.results import seed_history
from models.sync_runs import mark_interrupted_runs
from models.users import reachable_admins
from scheduler.demo import DemoSource, demo_weekly_race
from scheduler.fresh import FreshFigures
from scheduler.goated import GoatedClient, LeaderboardSource
from scheduler.jobs import build_scheduler
from scheduler.leader import Leadership, try_interval
from scheduler.races import RaceKeeper
from scheduler.sync import SyncService
from settings import Settings
from web import login
from web.app import build_web_app
from web.keys import JOBS, LIVE, REDIS
from web.webhook import TelegramWebhook
from wiring.ops import Operations
from wiring.replicas import Replicas

log = logging.getLogger("goatedvips")

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SHUTDOWN_GRACE_SECONDS = 8.0


def compile_catalogs(locales_dir: Path = LOCALES_DIR) -> None:
    """Compile each `messages.po` whose `.mo` is missing or older, so a fresh clone just runs."""
    for po_path in locales_dir.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


def build_i18n() -> I18n:
    compile_catalogs()
    return I18n(path=LOCALES_DIR, default_locale="en", domain="messages")


def build_source(settings: Settings) -> LeaderboardSource:
    if settings.uses_demo_data:
        return DemoSource()
    assert settings.goated_affiliate_code is not None
    return GoatedClient(
        settings.goated_api_url,
        settings.goated_affiliate_code,
        token=settings.goated_api_token,
        timeout=settings.goated_timeout_seconds,
    )


def run_demo_clock_ahead(minutes: int, timezone: str) -> None:
    """Start the product's clock `minutes` before the current race's end (the demo's way to watch one end)."""
    real_now = datetime.now(UTC)
    race = race_at(real_now, timezone)
    ahead = race.ends_at - timedelta(minutes=minutes) - real_now
    clock.run_ahead(ahead)
    log.warning("demo: the clock runs %s ahead, so the %s race ends in %d minutes", ahead, race.month, minutes)


@dataclass
class Runtime:
    """Everything one process runs, wired together; tests build it the same way."""

    settings: Settings
    i18n: I18n
    leaderboards: Leaderboards
    bus: EventBus
    source: LeaderboardSource
    sync: SyncService
    scheduler: AsyncIOScheduler
    web_app: web.Application
    bot: Bot | None
    dispatcher: Dispatcher | None
    races: RaceKeeper
    sender: Sender | None
    broadcaster: Broadcaster | None
    notifier: Notifier | None
    run_scheduler: bool = True
    replicas: Replicas | None = None  # with REDIS_URL
    operations: Operations | None = None  # /status, /health's token and webhook, the owners' alerts
    poster: Poster | None = None  # /post's announcements to groups and channels (issue 21)
    leadership: Leadership = field(init=False)

    def __post_init__(self) -> None:
        interval = try_interval(self.settings.sync_interval_seconds)
        self.leadership = Leadership(self.settings.database_url, self.on_elected, self.on_deposed, interval)
        self._stopping = False

    @property
    def running(self) -> bool:
        """For /health (web.keys.HasJobsState): the job scheduler runs in this process."""
        return bool(self.run_scheduler and self.scheduler.state == STATE_RUNNING)

    @property
    def leading(self) -> bool:
        return self.leadership.leading

    async def events_context(self, app: web.Application) -> AsyncIterator[None]:
        """Listen to the other replicas' events (with REDIS_URL; a no-op in one process)."""
        await self.bus.start()
        yield
        await self.bus.stop()
        if self.replicas is not None:
            await self.leaderboards.cache.close()
            await self.replicas.close()

    async def database_context(self, app: web.Application) -> AsyncIterator[None]:
        if self.settings.is_sqlite:
            await migrate(self.settings.database_url)  # the embedded default keeps itself up to date
        await open_db(self.settings.database_url)
        seeded = await seed_history()
        if seeded:
            log.info("recorded the current figures of %d players as the start of the history of wagers", seeded)
        if self.settings.uses_demo_data:
            await demo_weekly_race(self.settings.race_timezone)  # the demo shows a weekly race too
        yield
        await close_db()

    async def leader_context(self, app: web.Application) -> AsyncIterator[None]:
        """Every replica takes part in the election; only the leader runs the jobs (see scheduler/leader.py)."""
        if self.run_scheduler:
            self.scheduler.start(paused=True)
        await self.leadership.start()
        yield
        await self.leadership.stop()  # steps down first: running jobs finish or stop cleanly
        if self.run_scheduler:
            self.scheduler.shutdown(wait=False)
        await self.source.close()

    async def on_elected(self) -> None:
        """The leader's duties: recover what a stopped leader left half-done, register with Telegram once
        for all replicas, then run the jobs, the first ones at once."""
        interrupted = await mark_interrupted_runs()
        if interrupted:
            log.warning(
                "%d sync run(s) were interrupted by the last shutdown; their writes were rolled back", interrupted
            )
        if self.bot is not None and self.dispatcher is not None and self.broadcaster is not None:
            await mark_interrupted_notifications()
            await self._register_with_telegram(self.bot, self.dispatcher)
            if self.poster is not None:
                await self.poster.resume()  # /post announcements a stopped leader left half-sent
            resumed = await self.broadcaster.resume()
            if resumed:
                log.warning("resuming %d broadcast(s) that the last shutdown interrupted", resumed)
        if self.run_scheduler:
            for job in self.scheduler.get_jobs():
                job.modify(next_run_time=datetime.now(UTC))
            self.scheduler.resume()

    async def on_deposed(self) -> None:
        if self.run_scheduler:
            self.scheduler.pause()  # no new runs; the running ones finish or stop cleanly first
        await self.sync.stop(SHUTDOWN_GRACE_SECONDS)
        await self.races.stop()

    async def _register_with_telegram(self, bot: Bot, dispatcher: Dispatcher) -> None:
        """Command menu and webhook (or its removal, for polling). Telegram being unreachable at start
        is logged, not fatal: the page and the sync keep running, and a webhook set earlier still works."""
        try:
            await set_commands(bot, self.i18n)
            for admin in await reachable_admins():
                await set_admin_commands(bot, self.i18n, admin)
            if self.settings.bot_mode == "webhook":
                url, secret = self.settings.webhook_url, self.settings.webhook_secret
                assert url is not None and secret is not None  # the settings require both in webhook mode
                await bot.set_webhook(
                    url, secret_token=secret.get_secret_value(), allowed_updates=dispatcher.resolve_used_update_types()
                )
            else:
                await bot.delete_webhook()
        except TelegramAPIError as error:  # network errors included
            log.error("could not register the bot with Telegram: %s", error)

    async def bot_context(self, app: web.Application) -> AsyncIterator[None]:
        settings, bot, dispatcher = self.settings, self.bot, self.dispatcher
        if bot is None or dispatcher is None:
            log.info("BOT_TOKEN is not set: the Telegram bot is off; the web page and the sync still run")
            yield
            return
        try:  # the page's "Log in with Telegram" button names the bot
            login.set_bot_username(app, (await bot.me()).username)
        except TelegramAPIError as error:
            log.error("getMe failed; the page's login button stays hidden: %s", error)
        assert self.broadcaster is not None
        polling = None
        if settings.bot_mode == "webhook":
            log.info("bot: webhook mode at %s", settings.webhook_url)
        else:
            polling = asyncio.create_task(self._poll_forever(bot, dispatcher))
            log.info("bot: long polling")
        try:
            yield
        finally:
            if polling is not None:
                await self._stop_polling(dispatcher, polling)
            await self.broadcaster.stop(SHUTDOWN_GRACE_SECONDS)
            if self.notifier is not None:
                await self.notifier.idle(SHUTDOWN_GRACE_SECONDS)
            await bot.session.close()
            log.info("bot stopped")

    async def _stop_polling(self, dispatcher: Dispatcher, polling: asyncio.Task[None]) -> None:
        """aiogram's public stop: polling ends and the dispatcher's shutdown hook waits for the updates in
        hand (bot.middlewares.InFlightUpdates), so they are finished, not dropped."""
        self._stopping = True
        try:
            await asyncio.wait_for(dispatcher.stop_polling(), SHUTDOWN_GRACE_SECONDS)
        except (RuntimeError, TimeoutError):  # not polling right now (waiting to retry), or stuck
            polling.cancel()
        await asyncio.gather(polling, return_exceptions=True)

    async def _poll_forever(self, bot: Bot, dispatcher: Dispatcher) -> None:
        """aiogram gives up polling when Telegram is unreachable at its start; keep trying, with backoff."""
        delay = 1.0
        while not self._stopping:
            started = asyncio.get_running_loop().time()
            try:
                await dispatcher.start_polling(bot, handle_signals=False, close_bot_session=False)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.error("polling stopped: %s", type(error).__name__)
            if self._stopping:
                return
            if asyncio.get_running_loop().time() - started > 60:
                delay = 1.0
            log.warning("polling ended; starting again in %.0fs", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)


def build_runtime(
    settings: Settings,
    *,
    manage_database: bool = True,
    run_scheduler: bool = True,
    source: LeaderboardSource | None = None,
) -> Runtime:
    if settings.demo_race_ends_in_minutes is not None:
        run_demo_clock_ahead(settings.demo_race_ends_in_minutes, settings.race_timezone)
    i18n = build_i18n()
    replicas = Replicas.connect(settings.redis_url) if settings.redis_url else None
    # Across replicas, a cache entry outlives a missed invalidation by at most one sync interval.
    leaderboards = Leaderboards(replicas.cache(ttl=settings.sync_interval_seconds) if replicas else None)
    bus = replicas.bus() if replicas else EventBus()
    source = source or build_source(settings)
    sync = SyncService(source, leaderboards, bus)
    sync_interval = timedelta(seconds=settings.sync_interval_seconds)
    races = RaceKeeper(sync, leaderboards, settings.race_timezone, sync_interval, settings.announce_chat_ids)
    bus.subscribe(races.on_leaderboard_changed)  # where the sync ran: alerts are owed once
    races.daily_report_at = settings.report_daily_at  # the owners' daily summary, owed by the race job
    scheduler = build_scheduler(sync, races, settings.sync_interval_seconds)
    app = build_web_app(settings, i18n, leaderboards, upstream=source, events=bus)
    app[REDIS] = replicas
    bus.subscribe(leaderboards.on_event, every_replica=True)
    bus.subscribe(app[LIVE].on_event, every_replica=True)
    operations = Operations(settings, source, scheduler, replicas)  # also gives the client the /token store
    telegram = _build_telegram(settings, i18n, leaderboards, source, sync, races, bus, replicas, operations)
    runtime = Runtime(
        settings,
        i18n,
        leaderboards,
        bus,
        source,
        sync,
        scheduler,
        app,
        telegram.bot,
        telegram.dispatcher,
        races,
        telegram.sender,
        telegram.broadcaster,
        telegram.notifier,
        run_scheduler,
        replicas,
    )
    runtime.poster = telegram.poster
    app[JOBS] = runtime
    operations.attach(runtime)
    _add_lifecycle(app, runtime, manage_database)
    return runtime


@dataclass
class _Telegram:
    """The bot's parts; all None without BOT_TOKEN."""

    bot: Bot | None = None
    dispatcher: Dispatcher | None = None
    sender: Sender | None = None
    broadcaster: Broadcaster | None = None
    notifier: Notifier | None = None
    poster: Poster | None = None


def _build_telegram(
    settings: Settings,
    i18n: I18n,
    leaderboards: Leaderboards,
    source: LeaderboardSource,
    sync: SyncService,
    races: RaceKeeper,
    bus: EventBus,
    replicas: Replicas | None,
    operations: Operations | None = None,
) -> _Telegram:
    if settings.bot_token is None:
        return _Telegram()
    bot = build_bot(settings)
    sender = build_sender(bot, settings)
    broadcaster = Broadcaster(sender, i18n)
    notifier = Notifier(sender, i18n, settings.name_display)
    races.deliver = notifier.deliver_pending  # the race keeper's messages go out through the bot
    dispatcher = build_dispatcher(
        settings,
        i18n,
        leaderboards,
        sync,
        sender,
        broadcaster,
        notifier,
        bus,
        figures=FreshFigures(sync),
        demo_bets=source if isinstance(source, DemoSource) else None,
        storage=replicas.fsm_storage() if replicas else None,
    )
    liveboards = LiveBoards(sender, i18n, leaderboards, settings, notifier)  # live posts in groups (issue 21)
    dispatcher.workflow_data["liveboards"] = liveboards
    poster = Poster(sender, i18n, notifier)
    dispatcher.workflow_data["poster"] = poster
    # The leader's race job edits the live posts after each sync, and makes the scheduled posts.
    scheduled = ScheduledPosts(poster, i18n, leaderboards, settings)
    poster.cards = scheduled.card_for  # scheduled posts show the race card
    races.chat_posts = after_race_job(liveboards, scheduled)
    if operations is not None:  # /token's store and /status's view (bot.admin.ops), as workflow data
        dispatcher.workflow_data.update(tokens=operations.tokens, operations=operations)
    return _Telegram(bot, dispatcher, sender, broadcaster, notifier, poster)


def _add_lifecycle(app: web.Application, runtime: Runtime, manage_database: bool) -> None:
    """The parts start in this order when the app starts, and stop in reverse; the webhook takes updates."""
    if manage_database:
        app.cleanup_ctx.append(runtime.database_context)
    app.cleanup_ctx.append(runtime.events_context)  # after the database: listeners' tasks inherit its context
    app.cleanup_ctx.append(runtime.leader_context)
    app.cleanup_ctx.append(runtime.bot_context)
    if runtime.operations is not None:
        app.cleanup_ctx.append(runtime.operations.watch_context)
    settings, bot, dispatcher, replicas = runtime.settings, runtime.bot, runtime.dispatcher, runtime.replicas
    if settings.bot_mode == "webhook":
        assert bot is not None and dispatcher is not None and settings.webhook_secret is not None
        TelegramWebhook(
            dispatcher,
            bot,
            secret_token=settings.webhook_secret.get_secret_value(),
            seen=replicas.seen_updates() if replicas else None,
        ).register(app, path=settings.webhook_path)
