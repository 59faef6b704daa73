"""In-process publish/subscribe: the scheduler announces, the web and the bot listen.

A later replica-aware bus (Redis pub/sub) keeps the same two methods.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LeaderboardChanged:
    sync_run_id: int
    finished_at: datetime
    players_changed: int


Listener = Callable[[LeaderboardChanged], Awaitable[None]]


@dataclass
class EventBus:
    _listeners: list[Listener] = field(default_factory=list)

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    async def publish(self, event: LeaderboardChanged) -> None:
        for listener in list(self._listeners):
            try:
                await listener(event)
            except Exception:  # one broken listener must not starve the others
                log.exception("event listener %r failed", listener)
