"""What several replicas share through Redis (only when REDIS_URL is set): the event channel, the
leaderboards' cache, conversation state and the update ids already handled.

Redis being down or slow must not take a replica with it: every use here has a fall-back (a cache miss,
memory, this replica alone), reached through one `Fallback`, which also logs the outage once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from aiocache import Cache
from aiocache.serializers import PickleSerializer
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from redis.exceptions import RedisError

from models import clock
from models.events import Event, EventBus, LeaderboardChanged, decode, encode
from models.leaderboard import Leaderboards
from scheduler.watch import WebhookState
from web.seen_updates import Claim, SeenUpdates

log = logging.getLogger(__name__)

T = TypeVar("T")
StateType = str | State | None
TIMEOUT_SECONDS = 1.0  # a Redis that does not answer within this is treated as down
QUIET_SECONDS = 60.0  # one log line per outage, not one per request
CHANNEL = "goatedvips:events"
RECONNECT_MAX_SECONDS = 10.0


class Fallback:
    """Calls Redis; on an error answers from the fall-back instead. One error line when Redis goes away
    (then at most one a minute), one line when it is back."""

    def __init__(
        self,
        used_for: str,
        meanwhile: str,
        errors: tuple[type[BaseException], ...] = (RedisError, OSError, asyncio.TimeoutError),
    ) -> None:
        self.used_for, self.meanwhile, self.errors = used_for, meanwhile, errors
        self._failing_since: float | None = None

    async def call(self, shared: Callable[[], Awaitable[T]], fallback: Callable[[], Awaitable[T]]) -> T:
        try:
            result = await shared()
        except self.errors as error:
            self.failed(error)
            return await fallback()
        if self._failing_since is not None:
            log.info("Redis is back for %s", self.used_for)
            self._failing_since = None
        return result

    def failed(self, error: BaseException) -> None:
        now = time.monotonic()
        if self._failing_since is None or now - self._failing_since > QUIET_SECONDS:
            log.error("Redis is unavailable for %s (%s): %s", self.used_for, type(error).__name__, self.meanwhile)
            self._failing_since = now


async def _nothing() -> Any:
    return None


@dataclass
class Replicas:
    url: str
    commands: Redis  # short timeouts: a command waits at most a second
    subscriber: Redis  # the event channel's connection waits for messages as long as it takes

    @classmethod
    def connect(cls, url: str) -> Replicas:
        """No connection is made yet: a replica starts and serves while Redis is still down."""
        return cls(
            url,
            Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS),
            Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, health_check_interval=15),
        )

    def bus(self) -> RedisEventBus:
        return RedisEventBus(redis=self.commands, subscriber=self.subscriber)

    def cache(self, ttl: float) -> SharedCache:
        """`ttl` bounds how long a replica that missed an invalidation (Redis was away) can serve old boards."""
        url = urlsplit(self.url)
        return SharedCache(
            Cache(
                Cache.REDIS,
                endpoint=url.hostname or "127.0.0.1",
                port=url.port or 6379,
                db=int(url.path.strip("/") or 0),
                password=url.password,
                ssl=url.scheme == "rediss",
                namespace=Leaderboards.NAMESPACE,
                ttl=ttl,
                timeout=TIMEOUT_SECONDS,
                create_connection_timeout=TIMEOUT_SECONDS,
                # Values are ours (boards, dates), written by our replicas only: pickle keeps them as they are.
                serializer=PickleSerializer(),
            )
        )

    def fsm_storage(self) -> SharedStorage:
        return SharedStorage(self.commands)

    def seen_updates(self) -> SharedSeenUpdates:
        return SharedSeenUpdates(self.commands)

    async def reachable(self) -> bool:
        try:
            return bool(await asyncio.wait_for(self.commands.ping(), TIMEOUT_SECONDS))
        except Exception:  # any error means "not reachable" to a health check
            return False

    async def close(self) -> None:
        await self.commands.aclose()
        await self.subscriber.aclose()

    WEBHOOK_KEY = "goatedvips:webhook_info"

    async def put_webhook_state(self, state: WebhookState) -> None:
        """The leader's latest getWebhookInfo, for the other replicas' /health (kept 3 minutes)."""
        with suppress(RedisError, OSError, TimeoutError):
            await self.commands.set(self.WEBHOOK_KEY, json.dumps(state.to_json()), ex=180)

    async def get_webhook_state(self) -> WebhookState | None:
        try:
            data = await self.commands.get(self.WEBHOOK_KEY)
            return WebhookState.from_json(json.loads(data)) if data else None
        except (TimeoutError, RedisError, OSError, ValueError, KeyError, TypeError):
            return None


class SharedCache:
    """The leaderboards' cache in Redis (aiocache), where a Redis error is a miss or a skipped write."""

    def __init__(self, cache: Any) -> None:
        self.cache = cache
        # aiocache wraps the client's errors in its own (timeouts, refused connections): any error is a miss.
        self.fallback = Fallback("the leaderboards' cache", "reading the database instead", errors=(Exception,))

    async def get(self, key: str) -> Any:
        return await self.fallback.call(lambda: self.cache.get(key), _nothing)

    async def set(self, key: str, value: Any) -> None:
        await self.fallback.call(lambda: self.cache.set(key, value), _nothing)

    async def clear(self, namespace: str | None = None) -> None:
        await self.fallback.call(lambda: self.cache.clear(namespace=namespace), _nothing)

    async def close(self) -> None:
        await self.cache.close()


class SharedStorage(BaseStorage):
    """Conversation state in Redis, so a flow begun on one replica continues on another. While Redis is
    away, state is kept in this replica's memory instead: commands keep working, and a conversation that
    changes replica during the outage starts over."""

    def __init__(self, redis: Redis) -> None:
        self.shared = RedisStorage(redis)
        self.local = MemoryStorage()
        self.fallback = Fallback("conversation state", "kept in memory meanwhile")

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        await self.fallback.call(lambda: self.shared.set_state(key, state), lambda: self.local.set_state(key, state))

    async def get_state(self, key: StorageKey) -> str | None:
        return await self.fallback.call(lambda: self.shared.get_state(key), lambda: self.local.get_state(key))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self.fallback.call(lambda: self.shared.set_data(key, data), lambda: self.local.set_data(key, data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return await self.fallback.call(lambda: self.shared.get_data(key), lambda: self.local.get_data(key))

    async def close(self) -> None:
        await self.local.close()  # the Redis client belongs to Replicas, which closes it


class SharedSeenUpdates(SeenUpdates):
    """Update ids across replicas, in Redis. Redis being away must not stop the bot: this replica's memory
    answers instead (a copy redelivered to another replica could be handled twice during the outage, which
    beats losing it)."""

    PREFIX = "goatedvips:update:"
    CLAIM_SECONDS = 120  # longer than aiogram's 55 s webhook budget: a crashed replica's claim expires
    DONE_SECONDS = 24 * 3600  # Telegram gives up redelivering well within a day

    def __init__(self, redis: Redis) -> None:
        super().__init__()
        self.redis = redis
        self.fallback = Fallback("update ids", "updates are handled without the cross-replica check")

    async def claim(self, update_id: int) -> Claim:
        return await self.fallback.call(
            lambda: self._claim_shared(update_id), lambda: SeenUpdates.claim(self, update_id)
        )

    async def _claim_shared(self, update_id: int) -> Claim:
        key = f"{self.PREFIX}{update_id}"
        while True:
            if await self.redis.set(key, Claim.IN_PROGRESS.value, nx=True, ex=self.CLAIM_SECONDS):
                return Claim.NEW
            state = await self.redis.get(key)
            if state is not None:  # else it expired between the two calls: claim again
                return Claim(state.decode() if isinstance(state, bytes) else state)

    async def done(self, update_id: int) -> None:
        await super().done(update_id)
        await self.fallback.call(
            lambda: self.redis.set(f"{self.PREFIX}{update_id}", Claim.DONE.value, ex=self.DONE_SECONDS), _nothing
        )

    async def release(self, update_id: int) -> None:
        await super().release(update_id)
        await self.fallback.call(lambda: self.redis.delete(f"{self.PREFIX}{update_id}"), _nothing)


@dataclass
class RedisEventBus(EventBus):
    """Also carries every event to the other replicas over Redis pub/sub, so their live page clients and
    caches follow a sync that ran on the leader."""

    redis: Redis | None = None  # publishes
    subscriber: Redis | None = None  # listens: a client without a read timeout, since the channel may be quiet for long
    replica: str = field(default_factory=lambda: uuid.uuid4().hex)
    _listening: asyncio.Task[None] | None = None
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
