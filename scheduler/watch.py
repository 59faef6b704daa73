"""The operations watch: about once a minute, on every replica, it probes the database and reads Telegram's
webhook info (for /health and /status); on the leader it also tells the owners what needs them: the Goated
token about to expire, syncs failing for longer than ALERT_AFTER_MINUTES, Telegram reporting a webhook
error, the database having been unreachable, and each recovery. Each message is a Notification row with a
unique key, so "once" holds across replicas and restarts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from models import clock
from models.alerts import (
    owe_database_recovery,
    owe_outage,
    owe_recovery,
    owe_token_expiry_warnings,
    sync_failing_since,
)
from models.db import database_reachable
from models.tokens import UpstreamTokens

log = logging.getLogger(__name__)

WATCH_SECONDS = 60.0  # a round: the webhook's info, the alerts
PROBE_SECONDS = 10.0  # the database is probed more often, so a short outage is seen too
WATCH_FIRST_SECONDS = 15.0
WEBHOOK_ERROR_RECENT = timedelta(minutes=10)  # a webhook error older than this is over


@dataclass(frozen=True)
class WebhookState:
    """What Telegram's getWebhookInfo said, and when we asked."""

    url: str
    pending_updates: int
    last_error: str | None
    last_error_at: datetime | None
    checked_at: datetime

    def failing(self, now: datetime) -> bool:
        return self.last_error_at is not None and now - self.last_error_at <= WEBHOOK_ERROR_RECENT

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "pending_updates": self.pending_updates,
            "last_error": self.last_error,
            "last_error_at": self.last_error_at.isoformat() if self.last_error_at else None,
            "checked_at": self.checked_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WebhookState:
        error_at = data.get("last_error_at")
        return cls(
            str(data["url"]),
            int(data["pending_updates"]),
            data.get("last_error"),
            datetime.fromisoformat(error_at) if error_at else None,
            datetime.fromisoformat(data["checked_at"]),
        )


class SharesWebhookState(Protocol):
    """Where the leader leaves the webhook info for the other replicas (Redis, with REDIS_URL)."""

    async def put_webhook_state(self, state: WebhookState) -> None: ...

    async def get_webhook_state(self) -> WebhookState | None: ...


class Watch:
    def __init__(
        self,
        tokens: UpstreamTokens | None,
        alert_after: timedelta,
        leading: Callable[[], bool],
        webhook_info: Callable[[], Awaitable[WebhookState | None]] | None = None,
        shared: SharesWebhookState | None = None,
        deliver: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self.tokens, self.alert_after, self.leading = tokens, alert_after, leading
        self.webhook_info, self.shared, self.deliver = webhook_info, shared, deliver
        self.webhook: WebhookState | None = None
        self.database_down_since: datetime | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self, interval: float = WATCH_SECONDS, first: float = WATCH_FIRST_SECONDS) -> None:
        self._task = asyncio.create_task(self._every(interval, first), name="watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _every(self, interval: float, first: float) -> None:
        await asyncio.sleep(first)  # the leader's start-up duties first
        loop = asyncio.get_running_loop()
        last_round = -interval
        while True:
            due = loop.time() - last_round >= interval
            try:
                if await self.tick(full=due or self.database_down_since is not None):
                    last_round = loop.time() if due else last_round
            except asyncio.CancelledError:
                raise
            except Exception:  # the next round tries again
                log.exception("the operations watch failed")
            await asyncio.sleep(min(interval, PROBE_SECONDS))

    async def tick(self, full: bool = True) -> bool:
        """Probe the database; with `full`, also a round (webhook info, alerts). True when a round ran."""
        now = clock.now()
        if not await database_reachable():
            if self.database_down_since is None:
                self.database_down_since = now
                log.error("the database is unreachable; owners are told when it answers again")
            return False
        if not full:
            return False
        down_since, self.database_down_since = self.database_down_since, None
        leading = self.leading()
        await self._refresh_webhook(leading)
        if not leading:
            return True
        if down_since is not None:
            await owe_database_recovery(down_since, now)
        await self._check(now)
        if self.deliver is not None:
            await self.deliver()
        return True

    async def _refresh_webhook(self, leading: bool) -> None:
        """The leader asks Telegram and shares the answer; the others read the shared one (or, without
        Redis, ask Telegram themselves, once a minute)."""
        if not leading and self.shared is not None:
            self.webhook = await self.shared.get_webhook_state()
            return
        if self.webhook_info is None:
            return
        state = await self.webhook_info()
        if state is None:
            return
        self.webhook = state
        if leading and self.shared is not None:
            await self.shared.put_webhook_state(state)

    async def _check(self, now: datetime) -> None:
        if self.tokens is not None:
            await owe_token_expiry_warnings((await self.tokens.current()).expires_at, now)
        since, error = await sync_failing_since()
        if since is not None and now - since >= self.alert_after:
            if await owe_outage("sync", since, error):
                log.error("syncs have failed since %s: owners told", since.isoformat())
        elif since is None and await owe_recovery("sync", now):
            log.info("syncs work again: owners told")
        webhook = self.webhook
        if webhook is not None and webhook.failing(now):
            assert webhook.last_error_at is not None
            if await owe_outage("webhook", webhook.last_error_at, webhook.last_error):
                log.error("Telegram reports a webhook error: owners told")
        elif webhook is not None and await owe_recovery("webhook", now):
            log.info("the webhook works again: owners told")
