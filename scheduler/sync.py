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
from models.history import MonthResetTally
from models.leaderboard import Leaderboards
from models.tables import Player, SyncOutcome, SyncRun, WagerSnapshot
from scheduler.goated import GoatedClient, LeaderboardSource, UpstreamError, UpstreamState
from scheduler.payload import PayloadRejected, PlayerRow

log = logging.getLogger(__name__)

BATCH_SIZE = 10_000  # players written per statement
_STORED = Decimal("0.000001")  # the precision of Player's money columns
_ZERO = Decimal(0)
_FIGURES = ("wagered_today", "wagered_week", "wagered_month", "wagered_all_time")
_KNOWN_QUERY = 'SELECT {} FROM "{}"'.format(
    ", ".join(f'"{column}"' for column in ("uid", "name", *_FIGURES)), Player._meta.db_table
)
# PostgreSQL: each figure as the text of its stored value (numeric(20,6): always six decimals, no exponent), or
# NULL for zero, so the 100,000 rows of a big affiliate cost no Decimal each, and mostly no string either.
_PG_KNOWN_QUERY = 'SELECT "uid", "name", {} FROM "player"'.format(
    ", ".join(f'NULLIF("{column}", 0)::text' for column in _FIGURES)
)
# PostgreSQL: one batch of new and changed players (figures as text, NULL for zero) upserted, and its rows in
# the history of wagers, in one statement. first_seen_at keeps its first value on a conflict.
_PG_WRITE = """
WITH incoming (uid, name, today, week, month, all_time) AS (
    SELECT u, n, COALESCE(t::numeric, 0), COALESCE(w::numeric, 0), COALESCE(m::numeric, 0), COALESCE(a::numeric, 0)
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x (u, n, t, w, m, a)
), upserted AS (
    INSERT INTO "player" ("uid", "name", {figures}, "first_seen_at", "changed_at")
    SELECT uid, name, today, week, month, all_time, $7, $7 FROM incoming
    ON CONFLICT ("uid") DO UPDATE SET "name" = EXCLUDED."name", {updates}, "changed_at" = EXCLUDED."changed_at"
)
INSERT INTO "wager_snapshot" ("player_id", "sync_run_id", "at", {figures})
SELECT uid, $8, $7, today, week, month, all_time FROM incoming
""".format(
    figures=", ".join(f'"{column}"' for column in _FIGURES),
    updates=", ".join(f'"{column}" = EXCLUDED."{column}"' for column in _FIGURES),
)
# The players to write and the month reset's tally (see _changed_players)
Changes = tuple[list[PlayerRow], MonthResetTally]
YIELD_EVERY = 5_000  # SQLite: rows compared between two yields to the event loop
KNOWN_CHUNK = 5_000  # PostgreSQL: known players read (through a cursor) and compared at a time


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


def _is_postgres(conn: BaseDBAsyncClient) -> bool:
    return conn.capabilities.dialect == "postgres"


def _text(amount: Decimal) -> str | None:
    """An amount as PostgreSQL shows it stored (_PG_KNOWN_QUERY): the text at six decimals (a Decimal with
    exponent -6 never prints an exponent), or None for zero (-0 too: PostgreSQL has no negative zero)."""
    if not amount:
        return None
    exact = amount.quantize(_STORED)
    return str(exact) if exact else None


async def _changed_on_postgres(rows: list[PlayerRow], conn: BaseDBAsyncClient) -> Changes:
    """`_changed_players` on PostgreSQL: the stored players are read through a cursor, a chunk at a time, and
    compared as text, so the known rows of a big affiliate never all live at once and cost no Decimal each."""
    new = {row.uid: row for row in rows}  # once the known players are popped: the players not stored yet
    changed: set[str] = set()
    tally = MonthResetTally()
    async with conn.acquire_connection() as connection:  # the transaction's own connection
        cursor = await connection.cursor(_PG_KNOWN_QUERY)
        while records := await cursor.fetch(KNOWN_CHUNK):
            for uid, name, today, week, month, all_time in records:
                row = new.pop(uid, None)
                if row is None:  # a stored player the upstream no longer lists: left as it is
                    continue
                wagered = row.wagered
                if month is not None:  # the tally looks only at players who had a month figure
                    after = _text(wagered.this_month)
                    tally.add(Decimal(month), _ZERO if after is None else Decimal(after))
                if (
                    name != row.name
                    or today != _text(wagered.today)
                    or week != _text(wagered.this_week)
                    or month != _text(wagered.this_month)
                    or all_time != _text(wagered.all_time)
                ):
                    changed.add(uid)
    return [row for row in rows if row.uid in changed or row.uid in new], tally


async def _changed_on_sqlite(rows: list[PlayerRow], conn: BaseDBAsyncClient) -> Changes:
    """`_changed_players` on SQLite (the embedded default, small affiliates): the stored figures as Decimals,
    compared with `==` (a Decimal is equal to the same amount at any precision, as the models' were)."""
    _, records = await conn.execute_query(_KNOWN_QUERY)
    known = {uid: (name, *(Decimal(str(value)) for value in figures)) for uid, name, *figures in records}
    writes: list[PlayerRow] = []
    tally = MonthResetTally()
    for index, row in enumerate(rows):
        if index % YIELD_EVERY == YIELD_EVERY - 1:
            await asyncio.sleep(0)  # a big payload: let the loop serve others between chunks
        before = known.get(row.uid)
        if before is not None:  # unchanged players count too: one player's drop is not a reset
            figures = [amount.quantize(_STORED) for amount in row.wagered]
            tally.add(before[3], figures[2])
            if before == (row.name, *figures):
                continue
        writes.append(row)
    return writes, tally


async def _changed_players(rows: list[PlayerRow], conn: BaseDBAsyncClient) -> Changes:
    """The players to write (new, renamed or with a changed figure at the stored precision), in the payload's
    order, and the month reset's tally over the known players' (before, after) month figures (unchanged players
    count too: one player's drop is not a reset)."""
    if _is_postgres(conn):
        return await _changed_on_postgres(rows, conn)
    return await _changed_on_sqlite(rows, conn)


async def _write_batch(batch: list[PlayerRow], sync_run_id: int, now: datetime, conn: BaseDBAsyncClient) -> None:
    """Upsert one batch of changed players, each with its row in the history of wagers (one per changed player
    per sync)."""
    if _is_postgres(conn):
        figures = [[_text(amount) for amount in column] for column in zip(*(row.wagered for row in batch), strict=True)]
        uids, names = [row.uid for row in batch], [row.name for row in batch]
        await conn.execute_query(_PG_WRITE, [uids, names, *figures, now, sync_run_id])
        return
    players, snapshots = [], []
    for row in batch:
        today, week, month, all_time = (amount.quantize(_STORED) for amount in row.wagered)
        stored = {"wagered_today": today, "wagered_week": week, "wagered_month": month, "wagered_all_time": all_time}
        players.append(Player(uid=row.uid, name=row.name, first_seen_at=now, changed_at=now, **stored))
        snapshots.append(WagerSnapshot(player_id=row.uid, sync_run_id=sync_run_id, at=now, **stored))
    await Player.bulk_create(
        players,
        on_conflict=["uid"],
        update_fields=["name", *_FIGURES, "changed_at"],  # first_seen_at keeps its first value
        using_db=conn,
    )
    await WagerSnapshot.bulk_create(snapshots, using_db=conn)


async def _write_players(writes: list[PlayerRow], sync_run_id: int, now: datetime, conn: BaseDBAsyncClient) -> None:
    for start in range(0, len(writes), BATCH_SIZE):
        await _write_batch(writes[start : start + BATCH_SIZE], sync_run_id, now, conn)


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
            writes, tally = await _changed_players(rows, conn)
            await _write_players(writes, run.id, now, conn)
            run.players_received = len(rows)
            run.players_changed = len(writes)
            run.month_reset = tally.is_reset
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
