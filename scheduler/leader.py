"""Which replica leads: the one that runs the scheduled jobs (sync, races) and the start-up recoveries.

On PostgreSQL, leading means holding a session advisory lock on a connection of its own. PostgreSQL
releases the lock when that session ends, which includes the process being killed, so another replica
takes it at its next try (every few seconds, well within one sync interval). A leader that can no
longer reach its lock's connection steps down at once, so two replicas never run the jobs together.
On SQLite there is one process, and it leads.

A watchdog thread watches the leader's event loop: when the loop has not run for STALL_SECONDS (a blocking
call, a CPU-bound step), the thread ends the lock's session from outside the loop (pg_terminate_backend, on a
connection of its own), so another replica takes the lock at its next try instead of waiting for a loop that
may never come back. When the stalled loop runs again, the leader finds its lock gone and steps down.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress

import asyncpg

from models.db import normalise_url

log = logging.getLogger(__name__)

# The advisory lock's key ("goatedvips scheduler"); advisory locks are per database.
LOCK_KEY = 0x60A7ED_5C4ED
PROBE_TIMEOUT = 5.0
STALL_SECONDS = 5.0  # a leader whose event loop stalls longer gives up the lock
BEAT_SECONDS = 0.25  # how often the loop says it is alive


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
        stall: float = STALL_SECONDS,
    ) -> None:
        url = normalise_url(database_url)
        self.dsn = None if url.startswith("sqlite://") else url.split("?", 1)[0]
        self.on_elected, self.on_deposed, self.interval = on_elected, on_deposed, interval
        self.leading = False
        self._connection: asyncpg.Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self.watchdog = Watchdog(self.dsn, stall) if self.dsn is not None else None

    async def start(self) -> None:
        if self.dsn is None:  # SQLite: one process
            await self._elected()
            return
        await self._attempt()  # at start-up at once: a lone replica leads before it serves
        self._task = asyncio.create_task(self._keep(), name="leadership")
        if self.watchdog is not None:
            self.watchdog.start(self)

    async def stop(self) -> None:
        """At shutdown: stop trying, and hand the lock over by closing its session."""
        if self.watchdog is not None:
            await self.watchdog.stop()
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

    async def step_down(self, reason: str) -> None:
        """Stop leading at once (the lock's session is gone or going): the jobs pause, the lock is let go."""
        if self.leading:
            log.error("%s: stepping down", reason)
            await self._deposed()
        await self._disconnect()

    async def _elected(self) -> None:
        self.leading = True
        if self.watchdog is not None and self._connection is not None:
            self.watchdog.backend = self._connection.get_server_pid()
        log.info("this replica leads: it runs the scheduled jobs")
        await self.on_elected()

    async def _deposed(self) -> None:
        self.leading = False
        if self.watchdog is not None:
            self.watchdog.backend = None
        await self.on_deposed()

    async def _disconnect(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with suppress(Exception):
                await asyncio.wait_for(connection.close(), PROBE_TIMEOUT)
            if not connection.is_closed():
                connection.terminate()


class Watchdog:
    """Gives up the leadership of a stalled loop. The loop beats every BEAT_SECONDS; a thread checks the beats,
    and when the leader's loop has missed them for `stall` seconds it terminates the lock's session (the
    PostgreSQL backend `backend`). When the loop runs again, its beat steps the leader down at once."""

    def __init__(self, dsn: str, stall: float) -> None:
        self.dsn, self.stall = dsn, stall
        self.backend: int | None = None  # the lock session's server process, while leading
        self._beat = time.monotonic()
        self._fired = threading.Event()
        self._stopping = threading.Event()
        self._beating: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None

    def start(self, leadership: Leadership) -> None:
        self._beat = time.monotonic()
        self._beating = asyncio.create_task(self._beats(leadership), name="leader-heartbeat")
        self._thread = threading.Thread(target=self._watch, name="leader-watchdog", daemon=True)
        self._thread.start()

    async def stop(self) -> None:
        self._stopping.set()
        if self._beating is not None:
            self._beating.cancel()
            await asyncio.gather(self._beating, return_exceptions=True)
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, PROBE_TIMEOUT + 1)

    async def _beats(self, leadership: Leadership) -> None:
        while True:
            self._beat = time.monotonic()
            if self._fired.is_set():
                self._fired.clear()
                await leadership.step_down("the event loop stalled and the scheduler lock was given up")
            await asyncio.sleep(BEAT_SECONDS)

    def _watch(self) -> None:
        while not self._stopping.wait(BEAT_SECONDS):
            backend = self.backend
            stalled = time.monotonic() - self._beat
            if backend is None or stalled < self.stall or self._fired.is_set():
                continue
            log.error("the event loop has not run for %.1fs: giving up the scheduler lock", stalled)
            try:
                asyncio.run(self._terminate(backend))
            except Exception as error:  # the database unreachable too: the lock's own probe will tell
                log.error("could not give up the scheduler lock: %s", type(error).__name__)
            self.backend = None
            self._fired.set()

    async def _terminate(self, backend: int) -> None:
        connection = await asyncio.wait_for(asyncpg.connect(self.dsn), PROBE_TIMEOUT)
        try:
            await asyncio.wait_for(connection.fetchval("SELECT pg_terminate_backend($1)", backend), PROBE_TIMEOUT)
        finally:
            await connection.close()
