"""Publish/subscribe: the scheduler announces, the web and the bot listen.

`EventBus` is in-process: the embedded default, one replica. With several replicas the wiring's
`RedisEventBus` also carries every event to the others, so their live page clients and caches follow a
sync that ran on the leader. A listener subscribes either where the event happens (the race alerts: once, on the leader)
or on every replica (the live page, the caches).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LeaderboardChanged:
    sync_run_id: int
    finished_at: datetime
    players_changed: int


@dataclass(frozen=True)
class RaceFinished:
    month: str


@dataclass(frozen=True)
class RaceEdited:
    """An admin changed a race's prizes or who is excluded from it."""

    month: str


Event = LeaderboardChanged | RaceFinished | RaceEdited
Listener = Callable[[Event], Awaitable[None]]


def encode(event: Event) -> str:
    fields = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(event).items()}
    return json.dumps({"type": type(event).__name__, **fields})


def decode(text: str | bytes) -> Event:
    fields = json.loads(text)
    kind = fields.pop("type")
    if kind == "LeaderboardChanged":
        return LeaderboardChanged(
            fields["sync_run_id"], datetime.fromisoformat(fields["finished_at"]), fields["players_changed"]
        )
    if kind == "RaceFinished":
        return RaceFinished(fields["month"])
    if kind == "RaceEdited":
        return RaceEdited(fields["month"])
    raise ValueError(f"unknown event {kind!r}")


@dataclass
class EventBus:
    _here: list[Listener] = field(default_factory=list)
    _everywhere: list[Listener] = field(default_factory=list)

    def subscribe(self, listener: Listener, *, every_replica: bool = False) -> None:
        (self._everywhere if every_replica else self._here).append(listener)

    async def publish(self, event: Event) -> None:
        # Every replica's listeners (caches, the live page) first: the local ones read what they refreshed.
        await self._notify([*self._everywhere, *self._here], event)

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    @staticmethod
    async def _notify(listeners: list[Listener], event: Event) -> None:
        for listener in listeners:
            try:
                await listener(event)
            except Exception:  # one broken listener must not starve the others
                log.exception("event listener %r failed", listener)
