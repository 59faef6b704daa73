"""What several replicas share through Redis (only when REDIS_URL is set): the event channel, the
leaderboards' cache, conversation state and the update ids already handled."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.seen_updates import RedisSeenUpdates
from models.cache import FallThroughCache, OutageLog, redis_cache
from models.events import RedisEventBus
from models.leaderboard import Leaderboards

log = logging.getLogger(__name__)

StateType = str | State | None
TIMEOUT_SECONDS = 1.0  # a Redis that does not answer within this is treated as down


@dataclass
class Replicas:
    url: str
    commands: Redis  # short timeouts: a command waits at most a second
    subscriber: Redis  # the event channel's connection waits for messages as long as it takes

    @classmethod
    def connect(cls, url: str) -> Replicas:
        """No connection is made yet: a replica starts and serves while Redis is still down."""
        return cls(url, Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS),
                   Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, health_check_interval=15))

    def bus(self) -> RedisEventBus:
        return RedisEventBus(redis=self.commands, subscriber=self.subscriber)

    def cache(self, ttl: float) -> FallThroughCache:
        return redis_cache(self.url, Leaderboards.NAMESPACE, ttl)

    def fsm_storage(self) -> SharedStorage:
        return SharedStorage(self.commands)

    def seen_updates(self) -> RedisSeenUpdates:
        return RedisSeenUpdates(self.commands)

    async def reachable(self) -> bool:
        try:
            return bool(await asyncio.wait_for(self.commands.ping(), TIMEOUT_SECONDS))
        except Exception:  # any error means "not reachable" to a health check
            return False

    async def close(self) -> None:
        await self.commands.aclose()
        await self.subscriber.aclose()


class SharedStorage(BaseStorage):
    """Conversation state in Redis, so a flow begun on one replica continues on another. While Redis is
    away, state is kept in this replica's memory instead: commands keep working, and a conversation that
    changes replica during the outage starts over."""

    def __init__(self, redis: Redis) -> None:
        self.shared = RedisStorage(redis)
        self.local = MemoryStorage()
        self.outage = OutageLog("Redis is unavailable for conversation state (%s): kept in memory meanwhile")

    async def _call(self, method: str, *args: Any) -> Any:
        try:
            result = await getattr(self.shared, method)(*args)
        except (RedisError, OSError) as error:
            self.outage.failed(error)
            return await getattr(self.local, method)(*args)
        self.outage.recovered("Redis is back for conversation state")
        return result

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        await self._call("set_state", key, state)

    async def get_state(self, key: StorageKey) -> str | None:
        return await self._call("get_state", key)

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._call("set_data", key, data)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return await self._call("get_data", key)

    async def close(self) -> None:
        await self.local.close()  # the Redis client belongs to Replicas, which closes it
