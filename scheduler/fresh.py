"""Fresh figures on demand, for the wager proof's checks: at most one upstream call every 30 seconds.

Every check waiting at the same time is served by the same call: they queue on one lock, the first
one calls the upstream, and the others find figures fresh enough when their turn comes.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from models import clock
from models.sync_runs import last_runs
from models.tables import SyncOutcome
from scheduler.sync import SyncService

MIN_INTERVAL = timedelta(seconds=30)  # Goated is slow and shared: a check never calls it more often


class FreshFigures:
    def __init__(self, sync: SyncService, min_interval: timedelta = MIN_INTERVAL) -> None:
        self.sync = sync
        self.min_interval = min_interval
        self._lock = asyncio.Lock()
        self._last_call: datetime | None = None  # by a check, successful or not

    async def refresh(self) -> datetime | None:
        """When the stored figures were fetched, at most `min_interval` ago (fetching them anew unless a
        sync did so lately); None when the upstream could not give fresh figures."""
        async with self._lock:
            now = clock.now()
            _latest, ok = await last_runs()
            if ok is not None and now - ok.started_at < self.min_interval:
                return ok.started_at  # a sync of any replica or of the schedule fetched them lately
            if self._last_call is not None and now - self._last_call < self.min_interval:
                return None  # a call just failed: not again so soon
            self._last_call = now
            run = await self.sync.run_once()
            return run.started_at if run.outcome == SyncOutcome.OK else None
