"""APScheduler wiring: the jobs run in the app's own event loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from scheduler.races import RACE_TICK_SECONDS, RaceKeeper
from scheduler.sync import SyncService

log = logging.getLogger(__name__)


def stopped_quietly(job: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[None]]:
    """A job cancelled at shutdown is not an error (the sync and the race job are safe to cut short)."""

    async def run() -> None:
        try:
            await job()
        except asyncio.CancelledError:
            log.info("%s stopped by the shutdown", getattr(job, "__qualname__", job))

    return run


def build_scheduler(sync: SyncService, races: RaceKeeper, interval_seconds: int) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(
        stopped_quietly(sync.run_once),
        "interval",
        seconds=interval_seconds,
        id="sync",
        next_run_time=datetime.now(UTC),  # at start-up, then every interval
        max_instances=1,
        coalesce=True,  # runs missed while busy collapse into one
        misfire_grace_time=interval_seconds,  # a busy loop delays a run; it never skips it
    )
    scheduler.add_job(
        stopped_quietly(races.tick),
        "interval",
        seconds=RACE_TICK_SECONDS,
        id="races",
        next_run_time=datetime.now(UTC),  # at start-up: finalise a race that ended while we were down
        max_instances=1,
        coalesce=True,
        misfire_grace_time=RACE_TICK_SECONDS,
    )
    return scheduler
