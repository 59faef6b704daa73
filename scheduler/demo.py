"""A simulated affiliate for the embedded default: the same JSON shape as Goated, from the clock alone.

Deterministic: the same instant always gives the same payload, so a restart shows the same race.
About 2,000 referred players, most inactive, a few dozen racing. Wagers grow through the day and the
periods reset at UTC day / ISO week / month boundaries, like the real board is believed to.
"""

from __future__ import annotations

import hashlib
import logging
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from models import clock
from models.races_custom import ensure_series
from scheduler.goated import UpstreamState
from scheduler.payload import PlayerRow, parse_payload

log = logging.getLogger(__name__)

EPOCH = date(2026, 1, 1)  # wagers before this day are folded into each player's starting total
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_FIRST = [
    "Lucky",
    "Night",
    "Neon",
    "Golden",
    "Silent",
    "Wild",
    "Crypto",
    "Royal",
    "Iron",
    "Turbo",
    "Shadow",
    "Frosty",
    "Blaze",
    "Cosmic",
    "Rapid",
    "Sly",
    "Jolly",
    "Brave",
    "Mega",
    "Pixel",
]
_SECOND = [
    "Goat",
    "Owl",
    "Tiger",
    "Whale",
    "Fox",
    "Shark",
    "Wolf",
    "Panda",
    "Falcon",
    "Viper",
    "Bull",
    "Bear",
    "Lynx",
    "Raven",
    "Hawk",
    "Cobra",
    "Moose",
    "Otter",
    "Mantis",
    "Dragon",
]


def _uid(index: int, seed: str) -> str:
    digest = hashlib.sha256(f"{seed}:{index}".encode()).digest()
    return "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:20])


class _DemoPlayer:
    __slots__ = ("uid", "name", "daily_rate", "play_chance", "base_all_time")

    def __init__(self, index: int, seed: str) -> None:
        rng = random.Random(f"{seed}:player:{index}")
        self.uid = _uid(index, seed)
        self.name = f"{rng.choice(_FIRST)}{rng.choice(_SECOND)}{rng.randint(1, 999)}"
        kind = rng.random()
        if kind < 0.02:  # racers: play every day, big
            self.daily_rate, self.play_chance = rng.uniform(1_500, 12_000), 0.95
        elif kind < 0.10:  # casuals: some days, small
            self.daily_rate, self.play_chance = rng.uniform(20, 600), 0.35
        else:  # inactive
            self.daily_rate, self.play_chance = 0.0, 0.0
        self.base_all_time = rng.uniform(100, 250_000) if rng.random() < 0.25 or self.daily_rate else 0.0


class DemoSource:
    """Looks like GoatedClient to the sync job: `fetch()` returns validated rows from a JSON document."""

    name = "demo"

    def __init__(self, players: int = 2_000, seed: str = "goatedvips-demo") -> None:
        self.players = [_DemoPlayer(i, seed) for i in range(players)]
        self.seed = seed
        self.state = UpstreamState.UNKNOWN
        # Per player: (a day, the total of the days from EPOCH before it), so all_time costs only the
        # days since the last call instead of every day since EPOCH.
        self._running_totals: dict[int, tuple[date, float]] = {}
        self.bets: list[tuple[str, datetime, float]] = []  # (uid, when, amount): /demobet's simulated bets

    def place_bet(self, name: str, amount: float) -> str | None:
        """/demobet: a bet on a player's account, in every figure from now on; returns the player's name as
        the demo spells it, or None when no demo player has that name."""
        found = next((p for p in self.players if p.name.lower() == name.strip().lower()), None)
        if found is None:
            return None
        self.bets.append((found.uid, clock.now(), amount))
        return found.name

    def _bets_since(self, uid: str, start: datetime, now: datetime) -> float:
        return sum(amount for bet_uid, when, amount in self.bets if bet_uid == uid and start <= when <= now)

    def _day_amount(self, index: int, day: date) -> float:
        player = self.players[index]
        rng = random.Random(f"{self.seed}:day:{index}:{day.isoformat()}")
        return player.daily_rate * rng.uniform(0.2, 1.8) if rng.random() < player.play_chance else 0.0

    def _total_before(self, index: int, day: date) -> float:
        """The sum of the player's whole days from EPOCH up to (not including) `day`."""
        start, total = self._running_totals.get(index, (EPOCH, 0.0))
        if start > day:  # asked about the past: count from the beginning
            start, total = EPOCH, 0.0
        while start < day:
            total += self._day_amount(index, start)
            start += timedelta(days=1)
        self._running_totals[index] = (start, total)
        return total

    def document(self, now: datetime | None = None) -> dict[str, Any]:
        """The JSON document Goated would answer at `now`."""
        now = (now or clock.now()).astimezone(UTC)
        today = now.date()
        elapsed = (now - datetime.combine(today, datetime.min.time(), UTC)).total_seconds() / 86_400
        week_start = today - timedelta(days=today.weekday())
        month_start = today.replace(day=1)
        data = []
        for index, player in enumerate(self.players):
            if player.daily_rate == 0:
                figures = {"today": 0, "this_week": 0, "this_month": 0, "all_time": _noisy(player.base_all_time)}
            else:

                def total_since(start: date, _index: int = index) -> float:
                    days = (today - start).days
                    return sum(self._day_amount(_index, start + timedelta(days=d)) for d in range(days))

                today_amount = self._day_amount(index, today) * elapsed
                figures = {
                    "today": _noisy(today_amount),
                    "this_week": _noisy(total_since(week_start) + today_amount),
                    "this_month": _noisy(total_since(month_start) + today_amount),
                    "all_time": _noisy(player.base_all_time + self._total_before(index, today) + today_amount),
                }
            data.append({"uid": player.uid, "name": player.name, "wagered": figures})
        if self.bets:
            self._add_bets(data, now, week_start, month_start)
        return {"success": True, "data": data}

    def _add_bets(self, data: list[dict[str, Any]], now: datetime, week_start: date, month_start: date) -> None:
        day = datetime.combine(now.date(), datetime.min.time(), UTC)
        starts = {
            "today": day,
            "this_week": datetime.combine(week_start, datetime.min.time(), UTC),
            "this_month": datetime.combine(month_start, datetime.min.time(), UTC),
            "all_time": datetime.min.replace(tzinfo=UTC),
        }
        for row in data:
            if not any(uid == row["uid"] for uid, _when, _amount in self.bets):
                continue
            for figure, start in starts.items():
                row["wagered"][figure] = _noisy(row["wagered"][figure] + self._bets_since(row["uid"], start, now))

    async def fetch(self) -> list[PlayerRow]:
        rows = parse_payload(self.document())
        self.state = UpstreamState.OK
        return rows

    async def close(self) -> None:
        return None


def _noisy(amount: float) -> float | int:
    """Goated sends exact zeros as integers and everything else as long floats."""
    return 0 if amount == 0 else round(amount, 5)


async def demo_weekly_race(timezone: str) -> None:
    """The demo shows a weekly race beside the monthly one (created once, by the system)."""
    if await ensure_series(
        "Weekly sprint", Decimal(250), (Decimal(50), Decimal(30), Decimal(20)), clock.now(), timezone
    ):
        log.info("demo: a weekly race runs beside the monthly one")
