"""Queries on the history of sync runs."""

from __future__ import annotations

from models.tables import SyncOutcome, SyncRun


async def mark_interrupted_runs() -> int:
    """At start-up: runs left 'running' by a killed process were rolled back; say so."""
    return await SyncRun.filter(outcome=SyncOutcome.RUNNING).update(
        outcome=SyncOutcome.INTERRUPTED, error="the process stopped during this run; nothing was written"
    )


async def last_runs() -> tuple[SyncRun | None, SyncRun | None]:
    """(the latest finished run, the latest successful run)."""
    latest = await SyncRun.exclude(outcome=SyncOutcome.RUNNING).order_by("-id").first()
    if latest is None or latest.outcome == SyncOutcome.OK:
        return latest, latest
    return latest, await SyncRun.filter(outcome=SyncOutcome.OK).order_by("-id").first()
