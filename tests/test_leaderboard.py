"""Ranking rules on a real database."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from models.leaderboard import Leaderboards, Period
from models.tables import Player


async def add(uid: str, month: str, name: str | None = None) -> None:
    now = datetime.now(UTC)
    await Player.create(
        uid=uid, name=name or uid.upper(), wagered_month=Decimal(month), first_seen_at=now, changed_at=now
    )


async def test_order_ties_and_unranked_players(database):
    for uid, month in [("c", "50"), ("b", "100.5"), ("a", "50"), ("z", "0"), ("d", "9.99"), ("e", "100.49")]:
        await add(uid, month)
    top = await Leaderboards().top(Period.MONTH, 10)
    # Highest first; the tie at 50 goes to the smaller uid; nobody with 0 is ranked.
    assert [(e.rank, e.uid) for e in top] == [(1, "b"), (2, "e"), (3, "a"), (4, "c"), (5, "d")]


async def test_large_amounts_order_exactly(database):
    # Beyond float precision: SQLite's REAL comparison alone would call these equal.
    await add("x", "12345678901234.000001")
    await add("y", "12345678901234.000002")
    top = await Leaderboards().top(Period.MONTH, 2)
    assert [e.uid for e in top] == ["y", "x"]


async def test_position_and_gap_to_the_place_above(database):
    for uid, month in [("a", "300"), ("b", "250.25"), ("c", "100")]:
        await add(uid, month)
    boards = Leaderboards()
    leader = await boards.position(Period.MONTH, "a")
    third = await boards.position(Period.MONTH, "c")
    assert (leader.entry.rank, leader.gap_to_above) == (1, None)
    assert (third.entry.rank, third.gap_to_above) == (3, Decimal("150.25"))
    assert await boards.position(Period.MONTH, "nobody") is None
    assert await boards.position(Period.TODAY, "a") is None  # nothing wagered today


async def test_cached_until_invalidated(database):
    boards = Leaderboards()
    await add("a", "10")
    assert len(await boards.top(Period.MONTH)) == 1
    await add("b", "20")
    assert len(await boards.top(Period.MONTH)) == 1  # served from the cache
    await boards.invalidate()
    assert [e.uid for e in await boards.top(Period.MONTH)] == ["b", "a"]


def test_period_words_people_type():
    assert Period.parse("all") is Period.ALL_TIME
    assert Period.parse(" This_Week ") is Period.WEEK
    assert Period.parse("month") is Period.MONTH
    assert Period.parse("yesterday") is None
