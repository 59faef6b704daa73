"""Leaderboards: who ranks where on each board, served from a cache that each sync invalidates.

Tie rule (stable, documented in the README): players are ordered by wagered descending; equal amounts
are ordered by Goated `uid` ascending, so two equal players always appear in the same order and get
distinct ranks. Players with nothing wagered on a board are not ranked on it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar, cast

from models import clock
from models.cache import BoardsCache, memory_cache
from models.events import Event
from models.history import Movement, race_movement, reset_out_of, shows_last_month
from models.race import Race, excluded_uids, load_race, race_at
from models.results import final_standings
from models.tables import FinishedRace, Player, SyncOutcome, SyncRun

T = TypeVar("T")


class Period(StrEnum):
    TODAY = "today"
    WEEK = "week"
    MONTH = "month"
    ALL_TIME = "all_time"

    @property
    def column(self) -> str:
        return f"wagered_{self.value}"

    @classmethod
    def parse(cls, text: str) -> Period | None:
        """Accepts the API names plus the short words people type (`all`, `this_week`, …)."""
        key = text.strip().lower().removeprefix("this_").replace("-", "_").replace(" ", "_")
        return _PERIOD_ALIASES.get(key)


_PERIOD_ALIASES = {p.value: p for p in Period} | {
    "all": Period.ALL_TIME,
    "alltime": Period.ALL_TIME,
    "day": Period.TODAY,
}


@dataclass(frozen=True, slots=True)
class Entry:
    rank: int
    uid: str
    name: str
    wagered: Decimal


@dataclass(frozen=True, slots=True)
class Position:
    entry: Entry
    gap_to_above: Decimal | None  # None for the leader


class Standings:
    """One board, fully ranked. Built once per sync; lookups are O(1)."""

    __slots__ = ("entries", "_rank_by_uid")

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._rank_by_uid = {e.uid: e.rank for e in entries}

    def top(self, limit: int) -> list[Entry]:
        return self.entries[:limit]

    def position(self, uid: str) -> Position | None:
        rank = self._rank_by_uid.get(uid)
        if rank is None:
            return None
        entry = self.entries[rank - 1]
        gap = None if rank == 1 else self.entries[rank - 2].wagered - entry.wagered
        return Position(entry=entry, gap_to_above=gap)

    def __len__(self) -> int:
        return len(self.entries)

    def without(self, uids: frozenset[str]) -> Standings:
        """The same board with some players left out and everyone below them moved up."""
        if not uids:
            return self
        kept = [e for e in self.entries if e.uid not in uids]
        return Standings(
            [Entry(rank=i, uid=e.uid, name=e.name, wagered=e.wagered) for i, e in enumerate(kept, start=1)]
        )


class Leaderboards:
    """Ranked boards per period, cached (aiocache) until the next sync calls `invalidate`."""

    NAMESPACE = "leaderboard"

    def __init__(self, cache: BoardsCache | None = None) -> None:
        self.cache = cache or memory_cache(self.NAMESPACE)
        # Bumped by every invalidation, so a load that raced a sync never caches the older rows.
        self._generation = 0
        self._building: dict[str, asyncio.Task[Any]] = {}

    async def standings(self, period: Period) -> Standings:
        return await self.cached(period.value, lambda: self._load(period))

    async def race_standings(self, race: Race) -> Standings:
        """This month's board without the players excluded from the race (exclusions invalidate the cache).
        Empty from the race's start until the upstream resets its month figures: they are last month's.
        After an early reset into the next month, the figures from before it until the race ends."""

        async def load() -> Standings:
            now = clock.now()
            if await shows_last_month(race, now):
                return Standings([])
            if now < race.ends_at and await reset_out_of(race) is not None:
                # The upstream began next month early: the race keeps the figures it had before that reset.
                names = dict(await Player.all().values_list("uid", "name"))
                return Standings(
                    [
                        Entry(rank=rank, uid=f.uid, name=names.get(f.uid, f.uid), wagered=f.wagered)
                        for rank, f in enumerate(await final_standings(race), start=1)
                    ]
                )
            return (await self.standings(Period.MONTH)).without(await excluded_uids(race.month))

        return await self.cached(f"race:{race.month}", load)

    async def ended_race_standings(self, race: Race) -> Standings:
        """A race that has ended and is not finalised yet: the standings its results will have (each player's
        last figure before its end and before the upstream's reset into the next month), cached with the boards."""

        async def load() -> Standings:
            names = dict(await Player.all().values_list("uid", "name"))
            return Standings(
                [
                    Entry(rank=rank, uid=f.uid, name=names.get(f.uid, f.uid), wagered=f.wagered)
                    for rank, f in enumerate(await final_standings(race), start=1)
                ]
            )

        return await self.cached(f"ended:{race.month}", load)

    async def race_movement(self, race: Race) -> Movement:
        """Rank movement and today's gains in the race; cached until the next sync or the next day."""
        now = clock.now()

        async def load() -> Movement:
            standings = await self.race_standings(race)
            return await race_movement(race, {e.uid: e.wagered for e in standings.entries}, now)

        return await self.cached(f"movement:{race.month}:{race.day_start(now).isoformat()}", load)

    async def top(self, period: Period, limit: int = 10) -> list[Entry]:
        return (await self.standings(period)).top(limit)

    async def position(self, period: Period, uid: str) -> Position | None:
        return (await self.standings(period)).position(uid)

    async def updated_at(self) -> datetime | None:
        """When the boards last changed: the end of the latest successful sync."""

        async def load() -> datetime | None:
            run = await SyncRun.filter(outcome=SyncOutcome.OK).order_by("-id").only("finished_at").first()
            return run.finished_at if run else None

        return await self.cached("updated_at", load)

    async def race(self, now: datetime, timezone: str) -> Race:
        """The race containing `now` with its prizes, kept with the boards: new prizes clear them."""
        return await self.cached(f"prizes:{timezone}:{race_at(now, timezone).month}", lambda: load_race(now, timezone))

    async def any_race_finished(self) -> bool:
        """Kept with the boards: a race's end clears them."""
        return await self.cached("any_race_finished", lambda: FinishedRace.exists())

    async def cached(self, key: str, build: Callable[[], Awaitable[T]]) -> T:
        """What `build` makes from the boards, kept until the boards change (None is never kept).

        Callers who miss the same key at once share one build: right after a sync clears the cache, a burst of
        commands waits for one load of the rows instead of each loading them. The build runs as its own task,
        so a caller that goes away (a closed connection) does not cut it short for the others.
        """
        cached = await self.cache.get(key)
        if cached is not None:
            return cast(T, cached)  # under each key the cache holds what that key's build made
        building = self._building.get(key)
        if building is None:
            building = self._building[key] = asyncio.ensure_future(self._build(key, build))
            building.add_done_callback(lambda task: self._forget(key, task))
        return cast(T, await asyncio.shield(building))

    async def _build(self, key: str, build: Callable[[], Awaitable[Any]]) -> Any:
        generation = self._generation
        value = await build()
        if value is not None and generation == self._generation:
            await self.cache.set(key, value)
        return value

    def _forget(self, key: str, task: asyncio.Task[Any]) -> None:
        if self._building.get(key) is task:
            del self._building[key]
        if not task.cancelled():
            task.exception()  # its callers saw it; this keeps asyncio from logging it as never retrieved

    async def on_event(self, event: Event) -> None:
        """Another replica synced (or a race ended): what this replica cached is out of date."""
        await self.invalidate()

    async def invalidate(self) -> None:
        self._generation += 1
        self._building.clear()  # a build begun before the change is not joined after it
        await self.cache.clear(namespace=self.NAMESPACE)

    @staticmethod
    async def _load(period: Period) -> Standings:
        column = period.column
        rows = (
            await Player.filter(**{f"{column}__gt": 0}).order_by(f"-{column}", "uid").values_list("uid", "name", column)
        )
        # SQLite compares DECIMAL as REAL; re-sort exactly so both engines agree on every tie.
        rows.sort(key=lambda row: (-row[2], row[0]))
        return Standings(
            [Entry(rank=i, uid=uid, name=name, wagered=w) for i, (uid, name, w) in enumerate(rows, start=1)]
        )
