"""The product's one clock: races, syncs, pages and the bot all ask `now()`, so they always agree.

It is the wall clock, unless the demo runs it ahead (DEMO_RACE_ENDS_IN_MINUTES, to watch a race end in
a few minutes) or a test sets it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_ahead = timedelta(0)
_fixed: datetime | None = None


def now() -> datetime:
    return _fixed if _fixed is not None else datetime.now(UTC) + _ahead


def run_ahead(offset: timedelta) -> None:
    global _ahead
    _ahead = offset


def set_now(moment: datetime | None) -> None:
    """Tests: stop the clock at `moment` (None: the wall clock again)."""
    global _fixed
    _fixed = moment
