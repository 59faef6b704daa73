"""The leaderboards' cache: in memory for one process; several replicas share one in Redis (the wiring's
`SharedCache`), which falls through to the database when Redis is away."""

from __future__ import annotations

from typing import Any, Protocol

from aiocache import BaseCache, Cache


class BoardsCache(Protocol):
    """The subset of aiocache's API the leaderboards use."""

    async def get(self, key: str) -> Any: ...

    async def set(self, key: str, value: Any) -> Any: ...

    async def clear(self, namespace: str | None = None) -> Any: ...

    async def close(self) -> Any: ...


def memory_cache(namespace: str) -> BaseCache:
    # No timeout: a dict lookup cannot hang, and aiocache would otherwise wrap every call in asyncio.wait_for,
    # a task per call (BENCHMARKS.md: the page benchmark).
    return Cache(Cache.MEMORY, namespace=namespace, timeout=None)
