"""What operators see and are told (issue 19): the token store, the operations watch, and the state that
/status (bot) and /health (web) read through their small Protocols."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from models import clock
from models.tokens import TokenInUse, UpstreamTokens
from scheduler.goated import GoatedClient, LeaderboardSource
from scheduler.watch import Watch, WebhookState
from settings import Settings
from web.health import OPERATIONS
from web.keys import CanBeReached, HasJobsState
from wiring.logs import redact_also

log = logging.getLogger(__name__)

try:
    VERSION = version("goatedvips-bot")
except PackageNotFoundError:  # running from a checkout that was not pip-installed
    VERSION = "unknown"


async def webhook_state(bot: Bot) -> WebhookState | None:
    """Telegram's getWebhookInfo, as the watch keeps it; None when Telegram cannot be reached."""
    try:
        info = await bot.get_webhook_info()
    except TelegramAPIError as error:
        log.warning("getWebhookInfo failed: %s", type(error).__name__)
        return None
    error_at = info.last_error_date
    return WebhookState(
        info.url,
        info.pending_update_count,
        info.last_error_message,
        error_at.astimezone(UTC) if error_at else None,
        clock.now(),
    )


def build_tokens(settings: Settings, source: LeaderboardSource) -> UpstreamTokens | None:
    """The token store, given to the Goated client so it reads the newest token before each call (None on
    demo data). GOATED_API_TOKEN (or the client's own token) is the initial value; /token takes precedence."""
    if not isinstance(source, GoatedClient):
        return None
    key = settings.token_encryption_key.get_secret_value() if settings.token_encryption_key else None
    initial = settings.goated_api_token or source.initial_token
    tokens = source.tokens or UpstreamTokens(
        key, initial.get_secret_value() if initial else None, on_secret=redact_also
    )
    source.tokens = tokens
    return tokens


class Operations:
    """The replica's operational state, for /status and /health, and its operations watch."""

    def __init__(
        self,
        settings: Settings,
        source: LeaderboardSource,
        scheduler: AsyncIOScheduler,
        redis: CanBeReached | None,
    ) -> None:
        self.settings, self.source, self.scheduler, self.redis = settings, source, scheduler, redis
        self.tokens = build_tokens(settings, source)
        self.jobs: HasJobsState | None = None  # the Runtime, once built
        self.watch: Watch | None = None
        self._run_watch = True
        self.version = VERSION
        self._started = time.monotonic()

    def attach(self, runtime: Any) -> None:
        """Once the runtime is built: the watch (its alerts go out through the bot's notifier), /health's view."""
        self.jobs = runtime
        self._run_watch = bool(runtime.run_scheduler)  # tests that drive the jobs themselves drive the watch too
        runtime.operations = self
        runtime.web_app[OPERATIONS] = self
        bot = runtime.bot
        self.watch = Watch(
            self.tokens,
            timedelta(minutes=self.settings.alert_after_minutes),
            leading=lambda: bool(runtime.leading),
            webhook_info=(lambda: webhook_state(bot)) if bot is not None else None,
            shared=runtime.replicas,
            deliver=runtime.notifier.deliver_pending if runtime.notifier is not None else None,
        )

    async def watch_context(self, app: web.Application) -> AsyncIterator[None]:
        """The watch runs on every replica while the app serves (its first round a little after start)."""
        assert self.watch is not None
        if self._run_watch:
            self.watch.start()
        yield
        await self.watch.stop()

    @property
    def upstream_state(self) -> str:
        return str(self.source.state)

    @property
    def leading(self) -> bool:
        return self.jobs is not None and self.jobs.leading

    @property
    def uptime_seconds(self) -> float:
        return time.monotonic() - self._started

    def next_sync(self) -> datetime | None:
        """When the scheduled sync runs next, where this replica runs it; None elsewhere."""
        if self.jobs is None or not self.jobs.running or not self.jobs.leading:
            return None
        job = self.scheduler.get_job("sync")
        moment = job.next_run_time if job is not None else None
        return moment.astimezone(UTC) if moment is not None else None

    async def redis_reachable(self) -> bool | None:
        return await self.redis.reachable() if self.redis is not None else None

    async def token(self) -> TokenInUse:
        if self.tokens is None:
            return TokenInUse(None, "none", None)
        return await self.tokens.current()

    @property
    def webhook(self) -> dict[str, Any] | None:
        """Telegram's webhook info as the watch last read it (about once a minute)."""
        state = self.watch.webhook if self.watch is not None else None
        return state.to_json() if state is not None else None
