"""The leaderboards' cache: in memory for one process, in Redis (aiocache) shared by several replicas.

A Redis that is down or slow must not take the page or the bot with it: every cache call falls through
(a miss, or a write skipped) within a second, and the caller reads the database instead.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlsplit

from aiocache import BaseCache, Cache
from aiocache.serializers import PickleSerializer

log = logging.getLogger(__name__)

REDIS_TIMEOUT_SECONDS = 1.0
QUIET_SECONDS = 60.0  # one log line per outage, not one per request


def memory_cache(namespace: str) -> BaseCache:
    # No timeout: a dict lookup cannot hang, and aiocache would otherwise wrap every call in asyncio.wait_for,
    # a task per call (BENCHMARKS.md: the page benchmark).
    return Cache(Cache.MEMORY, namespace=namespace, timeout=None)


def redis_cache(redis_url: str, namespace: str, ttl: float) -> FallThroughCache:
    """`ttl` bounds how long a replica that missed an invalidation (Redis was away) can serve old boards."""
    url = urlsplit(redis_url)
    cache = Cache(
        Cache.REDIS, endpoint=url.hostname or "127.0.0.1", port=url.port or 6379,
        db=int(url.path.strip("/") or 0), password=url.password, ssl=url.scheme == "rediss",
        namespace=namespace, ttl=ttl, timeout=REDIS_TIMEOUT_SECONDS,
        create_connection_timeout=REDIS_TIMEOUT_SECONDS,
        # Values are ours (boards, dates), written by our replicas only: pickle keeps them as they are.
        serializer=PickleSerializer(),
    )
    return FallThroughCache(cache)


class OutageLog:
    """One error line when a shared service goes away (then at most one a minute), one line when it is back."""

    def __init__(self, message: str) -> None:
        self.message = message  # "%s" is the error's type
        self._failing_since: float | None = None

    def failed(self, error: BaseException) -> None:
        now = time.monotonic()
        if self._failing_since is None or now - self._failing_since > QUIET_SECONDS:
            log.error(self.message, type(error).__name__)
            self._failing_since = now

    def recovered(self, message: str) -> None:
        if self._failing_since is not None:
            log.info(message)
            self._failing_since = None


class FallThroughCache:
    """The subset of aiocache's API the leaderboards use, where a Redis error is a miss."""

    def __init__(self, cache: BaseCache) -> None:
        self.cache = cache
        self.outage = OutageLog("the Redis cache is unavailable (%s); reading the database instead")

    async def get(self, key: str) -> Any:
        return await self._call("get", key)

    async def set(self, key: str, value: Any) -> None:
        await self._call("set", key, value)

    async def clear(self, namespace: str | None = None) -> None:
        await self._call("clear", namespace=namespace)

    async def close(self) -> None:
        await self.cache.close()

    async def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            result = await getattr(self.cache, method)(*args, **kwargs)
        except Exception as error:  # redis errors, timeouts, refused connections
            self.outage.failed(error)
            return None
        self.outage.recovered("the Redis cache is back")
        return result
