"""What several replicas share through Redis (only when REDIS_URL is set): the event channel, the
leaderboards' cache, conversation state and the update ids already handled."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis

from bot.seen_updates import RedisSeenUpdates
from models.cache import FallThroughCache, redis_cache
from models.events import RedisEventBus
from models.leaderboard import Leaderboards

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

    def fsm_storage(self) -> RedisStorage:
        return RedisStorage(self.commands)

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
