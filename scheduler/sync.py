"""The sync job: copy the upstream leaderboard into `player`, all or nothing, touching only changes."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from metrics import sync_duration_seconds, sync_runs_total
from models import clock
from models.alerts import owe_token_refused_alerts
from models.events import EventBus, LeaderboardChanged
from models.history import is_month_reset
from models.leaderboard import Leaderboards
from models.tables import Player, SyncOutcome, SyncRun, WagerSnapshot
from scheduler.goated import GoatedClient, LeaderboardSource, UpstreamError, UpstreamState
from scheduler.payload import PayloadRejected, PlayerRow

log = logging.getLogger(__name__)

BATCH_SIZE = 1_000
_STORED = Decimal("0.000001")  # the precision of Player's money columns
_FIGURES = ("wagered_today", "wagered_week", "wagered_month", "wagered_all_time")
_KNOWN_QUERY = 'SELECT {} FROM "{}"'.format(
    ", ".join(f'"{column}"' for column in ("uid", "name", *_FIGURES)), Player._meta.db_table
)
YIELD_EVERY = 5_000  # rows compared between two yields to the event loop


def _observe(run: SyncRun) -> dict[str, Any]:
    """Count a finished run (its outcome is final only once its transaction is over, so not in `_finish`:
    a commit that fails after the run was marked ok finishes it again as failed) and return its log fields."""
    sync_runs_total.labels(str(run.outcome)).inc()
    if run.duration_ms is not None:
        sync_duration_seconds.observe(run.duration_ms / 1000)
    return {
        "sync_run": run.id,
        "outcome": str(run.outcome),
        "players": run.players_received,
        "changed": run.players_changed,
        "duration_ms": run.duration_ms,
    }


async def _known_players(conn: BaseDBAsyncClient) -> dict[str, tuple[Any, ...]]:
    """uid -> (name, *figures) of every stored player, in one plain query (no model conversion per value).
    PostgreSQL returns the figures as Decimal; SQLite stores them as text, made Decimal here. Compared with
    `==`, a Decimal is equal to the same amount at any precision, as the models' quantized values were."""
    _, records = await conn.execute_query(_KNOWN_QUERY)
    known: dict[str, tuple[Any, ...]] = {}
    for uid, name, *figures in records:
        if type(figures[0]) is not Decimal:  # SQLite
            figures = [Decimal(str(value)) for value in figures]
        known[uid] = (name, *figures)
    return known


async def _changed_players(
    rows: list[PlayerRow], known: dict[str, tuple[Any, ...]], now: datetime
) -> tuple[list[Player], list[tuple[Decimal, Decimal]]]:
    """The players to write (new, renamed or with a changed figure) and, for `is_month_reset`, the (before, after)
    month figures of the known players who had one."""
    writes: list[Player] = []
    month_changes: list[tuple[Decimal, Decimal]] = []
    stored: dict[int, Decimal] = {}  # id of a payload amount -> it at the stored precision (rows share them)
    for index, row in enumerate(rows):
        if index % YIELD_EVERY == YIELD_EVERY - 1:
            await asyncio.sleep(0)  # a big payload: let the loop serve others between chunks
        figures = []
        for amount in row.wagered:
            exact = stored.get(id(amount))
            if exact is None:
                exact = stored[id(amount)] = amount.quantize(_STORED)
            figures.append(exact)
        before = known.get(row.uid)
        if before is not None:  # unchanged players count too: one player's drop is not a reset
            if before[3] > 0:  # is_month_reset looks only at players who had a month figure
                month_changes.append((before[3], figures[2]))
            if (
                before[0] == row.name
                and before[1] == figures[0]
                and before[2] == figures[1]
                and before[3] == figures[2]
                and before[4] == figures[3]
            ):
                continue
        writes.append(
            Player(
                uid=row.uid,
                name=row.name,
                first_seen_at=now,
                changed_at=now,
                wagered_today=figures[0],
                wagered_week=figures[1],
                wagered_month=figures[2],
                wagered_all_time=figures[3],
            )
        )
    return writes, month_changes


async def _write_players(writes: list[Player], sync_run_id: int, now: datetime, conn: BaseDBAsyncClient) -> None:
    """Upsert the changed players in batches, each with its row in the history of wagers."""
    for start in range(0, len(writes), BATCH_SIZE):
        await Player.bulk_create(
            writes[start : start + BATCH_SIZE],
            on_conflict=["uid"],
            update_fields=["name", *_FIGURES, "changed_at"],  # first_seen_at keeps its first value
            using_db=conn,
        )
        # The history of wagers: one row per changed player per sync.
        await WagerSnapshot.bulk_create(
            [
                WagerSnapshot(
                    player_id=p.uid,
                    sync_run_id=sync_run_id,
                    at=now,
                    wagered_today=p.wagered_today,
                    wagered_week=p.wagered_week,
                    wagered_month=p.wagered_month,
                    wagered_all_time=p.wagered_all_time,
                )
                for p in writes[start : start + BATCH_SIZE]
            ],
            using_db=conn,
        )


class SyncService:
    def __init__(self, source: LeaderboardSource, leaderboards: Leaderboards, bus: EventBus) -> None:
        self.source = source
        self.leaderboards = leaderboards
        self.bus = bus
        self._lock = asyncio.Lock()  # one run at a time, whoever asks (scheduler or an admin)
        self._running: asyncio.Task[SyncRun] | None = None
        self._writing = False

    async def run_once(self) -> SyncRun:
        async with self._lock:
            self._running = asyncio.current_task()
            try:
                return await self._run()
            finally:
                self._running, self._writing = None, False

    async def stop(self, grace: float) -> None:
        """At shutdown: a run still fetching is cancelled (it wrote nothing); a run writing gets `grace`
        seconds to commit, else its transaction rolls back when the database closes."""
        task = self._running
        if task is None:
            return
        if not self._writing:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        elif not await self.wait_idle(grace):
            log.warning("a sync was still writing at shutdown; it will be rolled back")

    async def wait_idle(self, timeout: float) -> bool:
        """Wait for a running sync to finish; False if it is still running after `timeout` seconds."""
        try:
            async with asyncio.timeout(timeout):
                async with self._lock:
                    return True
        except TimeoutError:
            return False

    async def _run(self) -> SyncRun:
        started = time.monotonic()
        run = await SyncRun.create(source=self.source.name, started_at=clock.now())
        try:
            rows = await self.source.fetch()
            if not rows and await Player.exists():
                raise PayloadRejected("upstream sent an empty list although players were synced before")
            changed = await self._store(rows, run, started)
        except (UpstreamError, PayloadRejected) as error:
            outcome = SyncOutcome.FAILED if isinstance(error, UpstreamError) else SyncOutcome.REJECTED
            await self._finish(run, outcome, started, error=str(error))
            fields = _observe(run)
            log.warning("sync %d %s: %s", run.id, outcome, error, extra=fields)
            if isinstance(error, UpstreamError) and error.state == UpstreamState.TOKEN_EXPIRED:
                # Owners, once per outage and refused token; delivered by the race job's next round, within a minute.
                await owe_token_refused_alerts(self.source.token_tag if isinstance(self.source, GoatedClient) else "")
            return run
        except Exception as error:  # a database fault: the transaction rolled back; record why
            await self._finish(run, SyncOutcome.FAILED, started, error=f"internal error: {type(error).__name__}")
            fields = _observe(run)
            log.exception("sync %d failed", run.id, extra=fields)
            return run
        fields = _observe(run)
        log.info(
            "sync %d ok: %d players, %d changed%s",
            run.id,
            len(rows),
            changed,
            "; the upstream reset the month's figures" if run.month_reset else "",
            extra=fields,
        )
        await self.leaderboards.invalidate()
        assert run.finished_at is not None  # _store finished the run
        await self.bus.publish(LeaderboardChanged(run.id, run.finished_at, changed))
        return run

    async def _store(self, rows: list[PlayerRow], run: SyncRun, started: float) -> int:
        now = clock.now()
        self._writing = True
        async with in_transaction() as conn:
            writes, month_changes = await _changed_players(rows, await _known_players(conn), now)
            await _write_players(writes, run.id, now, conn)
            run.players_received = len(rows)
            run.players_changed = len(writes)
            run.month_reset = is_month_reset(month_changes)
            # The run is marked ok in the same transaction as the data: both land, or neither.
            await self._finish(run, SyncOutcome.OK, started, using_db=conn)
        return len(writes)

    async def _finish(
        self,
        run: SyncRun,
        outcome: SyncOutcome,
        started: float,
        error: str | None = None,
        using_db: BaseDBAsyncClient | None = None,
    ) -> None:
        run.outcome = outcome
        run.error = error
        run.finished_at = clock.now()
        run.duration_ms = int((time.monotonic() - started) * 1000)
        await run.save(using_db=using_db)
