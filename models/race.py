"""The monthly wager race: its window in RACE_TIMEZONE and its prizes.

Today every race uses the default pool and split; the admin issue stores per-race settings and the
races issue stores results, both behind these same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

DEFAULT_PRIZE_POOL = Decimal(500)
DEFAULT_SPLIT = tuple(Decimal(p) for p in ("40", "20", "12", "8", "6", "5", "3.5", "2.5", "1.5", "1.5"))  # percent


@dataclass(frozen=True)
class Race:
    starts_at: datetime  # UTC-aware
    ends_at: datetime  # UTC-aware, exclusive
    prize_pool: Decimal = DEFAULT_PRIZE_POOL
    split: tuple[Decimal, ...] = DEFAULT_SPLIT

    @property
    def paid_places(self) -> int:
        return len(self.split)

    def prize_for(self, rank: int) -> Decimal | None:
        if not 1 <= rank <= len(self.split):
            return None
        return (self.prize_pool * self.split[rank - 1] / 100).quantize(Decimal("0.01"))

    def time_left(self, now: datetime) -> float:
        return max(0.0, (self.ends_at - now).total_seconds())


def race_at(now: datetime, timezone: str = "UTC") -> Race:
    """The race that contains `now`: the calendar month in the race's time zone."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return Race(starts_at=start.astimezone(UTC), ends_at=end.astimezone(UTC))
