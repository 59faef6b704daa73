"""Publish/subscribe: the scheduler announces, the web and the bot listen.

`EventBus` is in-process: the embedded default, one replica. `RedisEventBus` also carries every event to
the other replicas over Redis pub/sub, so their live page clients and caches follow a sync that ran on
the leader. A listener subscribes either where the event happens (the race alerts: once, on the leader)
or on every replica (the live page, the caches).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime

from redis.asyncio import Redis
from redis.exceptions import RedisError

from models import clock

log = logging.getLogger(__name__)

CHANNEL = "goatedvips:events"
RECONNECT_MAX_SECONDS = 10.0


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
        return LeaderboardChanged(fields["sync_run_id"], datetime.fromisoformat(fields["finished_at"]),
                                  fields["players_changed"])
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


@dataclass
class RedisEventBus(EventBus):
    redis: Redis | None = None  # publishes
    subscriber: Redis | None = None  # listens: a client without a read timeout, since the channel may be quiet for long
    replica: str = field(default_factory=lambda: uuid.uuid4().hex)
    _listening: asyncio.Task | None = None
    connected: asyncio.Event = field(default_factory=asyncio.Event)

    async def publish(self, event: Event) -> None:
        await super().publish(event)  # this replica's listeners first: they need no Redis
        assert self.redis is not None
        try:
            await self.redis.publish(CHANNEL, json.dumps({"from": self.replica, "event": encode(event)}))
        except RedisError as error:  # the others catch up at the next event; their caches expire meanwhile
            log.error("could not tell the other replicas about %s: %s", type(event).__name__, error)

    async def start(self) -> None:
        self._listening = asyncio.create_task(self._listen(), name="event-bus")

    async def stop(self) -> None:
        if self._listening is not None:
            self._listening.cancel()
            await asyncio.gather(self._listening, return_exceptions=True)

    async def _listen(self) -> None:
        """Receive the other replicas' events; when Redis goes away, reconnect with backoff."""
        assert self.subscriber is not None
        delay, reconnecting = 0.5, False
        while True:
            pubsub = self.subscriber.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(CHANNEL)
                if reconnecting:  # events published meanwhile were lost: follow the database as it is now
                    log.info("event channel back")
                    await self._notify(self._everywhere, LeaderboardChanged(0, clock.now(), 0))
                self.connected.set()
                delay, reconnecting = 0.5, False
                async for message in pubsub.listen():
                    await self._receive(message["data"])
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as error:
                if self.connected.is_set():
                    log.error("lost the event channel (%s); reconnecting", error)
                self.connected.clear()
                reconnecting = True
            finally:
                with suppress(Exception):
                    await pubsub.aclose()
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)

    async def _receive(self, data: bytes | str) -> None:
        try:
            envelope = json.loads(data)
            if envelope["from"] == self.replica:
                return  # published here: this replica's listeners have run already
            event = decode(envelope["event"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a message on the event channel that is not an event")
            return
        await self._notify(self._everywhere, event)
