"""The race job: a sync shortly before each race's end, then finalisation once it has ended.

It runs every RACE_TICK_SECONDS and once at start-up, so a process that was down across the end
finalises from the last sync it made before the end.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from models.race import load_race, race_at
from models.results import Finalised, finalise
from scheduler.sync import SyncService

log = logging.getLogger(__name__)

RACE_TICK_SECONDS = 30
PRE_END_SYNC = timedelta(minutes=2)  # the last sync of a race starts within this before its end
SYNC_WAIT_SECONDS = 120.0  # a sync still running at the end may finish before the results are read


class RaceKeeper:
    def __init__(self, sync: SyncService, timezone: str, sync_interval: timedelta,
                 after_finalise: Callable[[], Awaitable[None]] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.sync, self.timezone, self.sync_interval = sync, timezone, sync_interval
        self.after_finalise = after_finalise
        self.clock = clock
        self._pre_end_synced: str | None = None

    async def tick(self) -> Finalised | None:
        now = self.clock()
        current = race_at(now, self.timezone)
        if current.ends_at - now <= PRE_END_SYNC and self._pre_end_synced != current.month:
            self._pre_end_synced = current.month
            log.info("race %s ends in under %s: syncing now", current.month, PRE_END_SYNC)
            await self.sync.run_once()
        previous = await load_race(current.starts_at - timedelta(seconds=1), self.timezone)
        await self.sync.wait_idle(SYNC_WAIT_SECONDS)  # a run that began before the end may still add pre-end figures
        outcome = await finalise(previous, self.sync_interval, now)
        if self.after_finalise is not None:
            await self.after_finalise()  # also delivers what an earlier run left unsent
        return outcome
