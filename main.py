"""Entry point: `python main.py` serves everything on one event loop; `python main.py migrate` migrates;
`python main.py backup FILE` and `restore FILE` copy the SQLite database out and back.

The web app owns the lifecycle (aiohttp cleanup contexts): the database, the event channel between
replicas, the leader election (the leader runs the scheduled jobs), then the bot, started in that order
and stopped in reverse on SIGTERM/SIGINT, after in-flight requests finish.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import I18n
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.broadcaster import Broadcaster
from bot.menu import set_admin_commands, set_commands
from bot.notifier import Notifier
from bot.sender import Sender
from bot.setup import build_bot, build_dispatcher, build_sender
from models import clock
from models.backup import BackupError, backup, restore, sqlite_path
from models.db import close_db, migrate, open_db, tortoise_config
from models.events import EventBus
from models.leaderboard import Leaderboards
from models.replicas import Replicas
from models.notifications import mark_interrupted as mark_interrupted_notifications
from models.race import race_at
from models.results import seed_history
from models.sync_runs import mark_interrupted_runs
from models.users import reachable_admins
from scheduler.demo import DemoSource
from scheduler.goated import GoatedClient, LeaderboardSource
from scheduler.jobs import build_scheduler
from scheduler.leader import Leadership, try_interval
from scheduler.races import RaceKeeper
from scheduler.sync import SyncService
from settings import Settings, load_settings
from web import login
from web.app import build_web_app
from web.keys import LEADERSHIP, LIVE, REPLICAS, SCHEDULER
from web.metrics import JsonAccessLogger
from web.webhook import TelegramWebhook

log = logging.getLogger("goatedvips")

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
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
    leadership: Leadership = field(init=False)

    def __post_init__(self) -> None:
        interval = try_interval(self.settings.sync_interval_seconds)
        self.leadership = Leadership(self.settings.database_url, self.on_elected, self.on_deposed, interval)

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
            log.warning("%d sync run(s) were interrupted by the last shutdown; their writes were rolled back", interrupted)
        if self.bot is not None and self.dispatcher is not None and self.broadcaster is not None:
            await mark_interrupted_notifications()
            await self._register_with_telegram(self.bot, self.dispatcher)
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
                await bot.set_webhook(
                    self.settings.webhook_url,
                    secret_token=self.settings.webhook_secret.get_secret_value(),
                    allowed_updates=dispatcher.resolve_used_update_types(),
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
                polling.cancel()
                await asyncio.gather(polling, return_exceptions=True)
                # Updates already taken from Telegram are finished, not dropped.
                in_flight = set(dispatcher._handle_update_tasks)
                if in_flight:
                    await asyncio.wait(in_flight, timeout=SHUTDOWN_GRACE_SECONDS)
            await self.broadcaster.stop(SHUTDOWN_GRACE_SECONDS)
            if self.notifier is not None:
                await self.notifier.idle(SHUTDOWN_GRACE_SECONDS)
            await bot.session.close()

    @staticmethod
    async def _poll_forever(bot: Bot, dispatcher: Dispatcher) -> None:
        """aiogram gives up polling when Telegram is unreachable at its start; keep trying, with backoff."""
        delay = 1.0
        while True:
            started = asyncio.get_running_loop().time()
            try:
                await dispatcher.start_polling(bot, handle_signals=False, close_bot_session=False)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.error("polling stopped: %s", type(error).__name__)
            if asyncio.get_running_loop().time() - started > 60:
                delay = 1.0
            log.warning("polling ended; starting again in %.0fs", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)


def build_runtime(settings: Settings, *, manage_database: bool = True, run_scheduler: bool = True,
                  source: LeaderboardSource | None = None) -> Runtime:
    if settings.demo_race_ends_in_minutes is not None:
        run_demo_clock_ahead(settings.demo_race_ends_in_minutes, settings.race_timezone)
    i18n = build_i18n()
    replicas = Replicas.connect(settings.redis_url) if settings.redis_url else None
    # Across replicas, a cache entry outlives a missed invalidation by at most one sync interval.
    leaderboards = Leaderboards(replicas.cache(ttl=settings.sync_interval_seconds) if replicas else None)
    bus = replicas.bus() if replicas else EventBus()
    source = source or build_source(settings)
    sync = SyncService(source, leaderboards, bus)
    races = RaceKeeper(sync, leaderboards, settings.race_timezone, timedelta(seconds=settings.sync_interval_seconds),
                       settings.announce_chat_ids)
    bus.subscribe(races.on_leaderboard_changed)  # where the sync ran: alerts are owed once
    scheduler = build_scheduler(sync, races, settings.sync_interval_seconds)
    app = build_web_app(settings, i18n, leaderboards, upstream=source)
    app[SCHEDULER] = scheduler
    app[REPLICAS] = replicas
    bus.subscribe(leaderboards.on_event, every_replica=True)
    bus.subscribe(app[LIVE].on_event, every_replica=True)
    bot = dispatcher = sender = broadcaster = notifier = None
    if settings.bot_token is not None:
        bot = build_bot(settings)
        sender = build_sender(bot, settings)
        broadcaster = Broadcaster(sender, i18n)
        notifier = Notifier(sender, i18n)
        races.deliver = notifier.deliver_pending
        dispatcher = build_dispatcher(settings, i18n, leaderboards, sync, sender, broadcaster, notifier,
                                      storage=replicas.fsm_storage() if replicas else None)
    runtime = Runtime(settings, i18n, leaderboards, bus, source, sync, scheduler, app, bot, dispatcher, races, sender,
                      broadcaster, notifier, run_scheduler, replicas)
    app[LEADERSHIP] = runtime.leadership

    if manage_database:
        app.cleanup_ctx.append(runtime.database_context)
    app.cleanup_ctx.append(runtime.events_context)  # after the database: listeners' tasks inherit its context
    app.cleanup_ctx.append(runtime.leader_context)
    app.cleanup_ctx.append(runtime.bot_context)
    if settings.bot_mode == "webhook":
        assert bot is not None and dispatcher is not None and settings.webhook_secret is not None
        TelegramWebhook(dispatcher, bot, secret_token=settings.webhook_secret.get_secret_value(),
                        seen=replicas.seen_updates() if replicas else None).register(app, path=settings.webhook_path)
    return runtime


def __getattr__(name: str) -> dict:
    # `aerich` (the migration CLI) reads `main.TORTOISE_ORM`; built on demand so importing main reads no settings.
    if name == "TORTOISE_ORM":
        return tortoise_config(load_settings().database_url)
    raise AttributeError(name)


# The attributes every LogRecord has; any other attribute came from `extra={...}`.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _extra_fields(record: logging.LogRecord) -> dict[str, object]:
    return {key: value for key, value in vars(record).items()
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_")}


class RedactSecrets(logging.Filter):
    """Last line of defence: a secret that reaches a log line (say, inside a library's error text
    holding a Bot API URL) is replaced before it is written: in the message, the traceback and the
    string fields passed as `extra`."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the format: the handler reports it, unformatted
            message = None
        if message is not None and (redacted := self.redact(message)) != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            # Formatters use `exc_text` when it is set, so the original traceback is never formatted again.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        for key, value in _extra_fields(record).items():
            if isinstance(value, str):
                setattr(record, key, self.redact(value))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: `ts` (ISO-8601, UTC), `level`, `logger`, `message`, `exc` when there is a
    traceback, and every JSON-serialisable field passed as `extra={...}` (others are left out)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in _extra_fields(record).items():
            if key in entry:
                continue
            try:
                json.dumps(value, allow_nan=False)
            except (TypeError, ValueError):
                continue
            entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logging.basicConfig(level=settings.log_level, handlers=[handler])
    logging.captureWarnings(True)  # a library's warning becomes a JSON line ("py.warnings") too
    secrets = [s.get_secret_value() for s in (settings.bot_token, settings.goated_api_token, settings.webhook_secret, settings.metrics_token) if s]
    for root_handler in logging.getLogger().handlers:
        root_handler.addFilter(RedactSecrets(secrets))
    # One line per request, from web.metrics.JsonAccessLogger, at INFO.
    logging.getLogger("aiohttp.access").setLevel(logging.NOTSET)
    # APScheduler's "Running job… / Job executed successfully" every 30 s would bury the lines that matter;
    # each sync writes its own line, and job failures (ERROR) still show.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if settings.bot_mode == "webhook":
        # web/webhook.py writes one line per update; aiogram's own "Update id=… is handled" would repeat it.
        # (Its error lines are still written; in polling mode its per-update line is the only one, so kept.)
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)


def main(argv: list[str]) -> int:
    settings = load_settings()
    setup_logging(settings)
    command = argv[0] if argv else "serve"
    if command == "migrate":
        applied = asyncio.run(migrate(settings.database_url))
        print(f"applied {len(applied)} migration(s)" if applied else "database is up to date")
        return 0
    if command in ("backup", "restore") and len(argv) == 2:
        try:
            if command == "backup":
                print(f"backed up {sqlite_path(settings.database_url)} to {backup(settings.database_url, Path(argv[1]))}")
            else:
                print(f"restored {restore(Path(argv[1]), settings.database_url)} from {argv[1]}")
        except BackupError as error:
            print(f"{command} failed: {error}", file=sys.stderr)
            return 1
        return 0
    if command != "serve":
        print("usage: python main.py [serve | migrate | backup FILE | restore FILE]", file=sys.stderr)
        return 2
    runtime = build_runtime(settings)
    log.info("serving on http://%s:%d (%s data)", settings.host, settings.port,
             "demo" if settings.uses_demo_data else "Goated")
    web.run_app(runtime.web_app, host=settings.host, port=settings.port, print=None,
                shutdown_timeout=SHUTDOWN_GRACE_SECONDS, access_log=logging.getLogger("aiohttp.access"),
                access_log_class=JsonAccessLogger)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
