"""Which replica leads: the one that runs the scheduled jobs (sync, races) and the start-up recoveries.

On PostgreSQL, leading means holding a session advisory lock on a connection of its own. PostgreSQL
releases the lock when that session ends, which includes the process being killed, so another replica
takes it at its next try (every few seconds, well within one sync interval). A leader that can no
longer reach its lock's connection steps down at once, so two replicas never run the jobs together.
On SQLite there is one process, and it leads.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress

import asyncpg

from models.db import normalise_url

log = logging.getLogger(__name__)

# The advisory lock's key ("goatedvips scheduler"); advisory locks are per database.
LOCK_KEY = 0x60A7ED_5C4ED
PROBE_TIMEOUT = 5.0


def try_interval(sync_interval_seconds: float) -> float:
    """How often a follower tries the lock and a leader checks it still holds it."""
    return min(5.0, sync_interval_seconds / 3)


class Leadership:
    def __init__(
        self,
        database_url: str,
        on_elected: Callable[[], Awaitable[None]],
        on_deposed: Callable[[], Awaitable[None]],
        interval: float,
    ) -> None:
        url = normalise_url(database_url)
        self.dsn = None if url.startswith("sqlite://") else url.split("?", 1)[0]
        self.on_elected, self.on_deposed, self.interval = on_elected, on_deposed, interval
        self.leading = False
        self._connection: asyncpg.Connection | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self.dsn is None:  # SQLite: one process
            await self._elected()
            return
        await self._attempt()  # at start-up at once: a lone replica leads before it serves
        self._task = asyncio.create_task(self._keep(), name="leadership")

    async def stop(self) -> None:
        """At shutdown: stop trying, and hand the lock over by closing its session."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self.leading:
            await self._deposed()
        await self._disconnect()

    async def _keep(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self._attempt()

    async def _attempt(self) -> None:
        """A follower tries to take the lock; the leader checks that its session still holds it."""
        try:
            if self.leading:
                await asyncio.wait_for(self._connection.fetchval("SELECT 1"), PROBE_TIMEOUT)  # type: ignore[union-attr]
            elif await self._try_lock():
                await self._elected()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # the database restarting or unreachable
            if self.leading:
                log.error("lost the scheduler lock's connection (%s): stepping down", type(error).__name__)
                await self._deposed()
            else:
                log.warning("could not try the scheduler lock: %s", type(error).__name__)
            await self._disconnect()

    async def _try_lock(self) -> bool:
        if self._connection is None or self._connection.is_closed():
            self._connection = await asyncio.wait_for(asyncpg.connect(self.dsn), PROBE_TIMEOUT)
        return bool(
            await asyncio.wait_for(
                self._connection.fetchval("SELECT pg_try_advisory_lock($1)", LOCK_KEY), PROBE_TIMEOUT
            )
        )

    async def _elected(self) -> None:
        self.leading = True
        log.info("this replica leads: it runs the scheduled jobs")
        await self.on_elected()

    async def _deposed(self) -> None:
        self.leading = False
        await self.on_deposed()

    async def _disconnect(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with suppress(Exception):
                await asyncio.wait_for(connection.close(), PROBE_TIMEOUT)
            if not connection.is_closed():
                connection.terminate()
