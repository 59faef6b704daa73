"""The race the page is about, and its state: the page, `/api/race/current` and every socket message show it.

Through a race's end the page follows the race, not the calendar: while the race that has just ended is
being finalised it stays on it ("finalising", its last standings); once its results exist it shows its
winners ("finished") until the next race has begun to fill; then the next race ("live"). Each state comes
from the product's clock and the stored results only, so every replica and every visitor agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from models import clock
from models.history import has_history_before
from models.leaderboard import Leaderboards, Period, Standings
from models.milestones import month_goal
from models.race import Race
from models.races_custom import (
    as_race,
    custom_results,
    finished_custom_races,
    get_race,
    live_standings,
    phase,
    player_names,
    running_races,
)
from models.results import RaceState, finished_race, finished_race_by_id, results_count, results_page
from models.tables import CustomRace, CustomRaceStatus, FinishedRace, RaceResult
from models.verification import find_player
from settings import Settings
from web.view import BOARD_ROWS, _iso, _money, finished_summary, finished_view, money_str, public_name

# How long after a race's end the page may stay on it: then the next race shows, with the older winners below,
# even if finalising found no data.
ENDED_SHOWN = timedelta(hours=6)


@dataclass(frozen=True)
class Focus:
    race: Race
    state: RaceState
    finished_id: int = 0  # its results' id, once the race is finished
    following: Race | None = None  # the race after it, when the page is still on an ended race


async def _finished_id(month: str) -> int:
    finished = await finished_race(month)
    return finished.id if finished is not None else 0  # 0, not None: "not yet" is kept too, until the race ends


async def focus(leaderboards: Leaderboards, settings: Settings, now: datetime) -> Focus:
    """Which race the page is about, and in which state; every lookup is kept with the boards (a race's end,
    like a sync, clears them), so each request costs a few cache reads."""
    current = await leaderboards.race(now, settings.race_timezone)
    if now < current.starts_at:
        return Focus(current, RaceState.UPCOMING)
    if now - current.starts_at < ENDED_SHOWN:
        ended = await leaderboards.race(current.starts_at - timedelta(seconds=1), settings.race_timezone)
        finished_id = await leaderboards.cached(f"finished-id:{ended.month}", lambda: _finished_id(ended.month))
        if not finished_id:
            if await leaderboards.cached(f"had-history:{ended.month}", lambda: has_history_before(current.starts_at)):
                return Focus(ended, RaceState.FINALISING, following=current)  # the race job is writing its results
        elif not len(await leaderboards.race_standings(current)):
            return Focus(ended, RaceState.FINISHED, finished_id, following=current)  # winners, until the next fills
    return Focus(current, RaceState.LIVE)


def clock_moves_on(seen: Focus, now: datetime) -> datetime:
    """The next moment at which what the page shows may change with the clock alone (everything else changes with
    the boards): the next day in the race's time zone (places moved since yesterday), the race's end, and the end
    of the hours the page may stay on an ended race."""
    current = seen.following or seen.race
    zone = ZoneInfo(current.timezone)
    tomorrow = datetime.combine(now.astimezone(zone).date() + timedelta(days=1), time(), tzinfo=zone)
    moments = [tomorrow.astimezone(UTC), current.ends_at]
    if now < current.starts_at + ENDED_SHOWN:
        moments.append(current.starts_at + ENDED_SHOWN)
    return min(moments)


def _entries(race: Race, standings: Standings, moved: dict[str, int], settings: Settings) -> list[dict[str, Any]]:
    return [
        {
            "rank": e.rank,
            "uid": e.uid,
            "name": public_name(e.name, settings.name_display),
            "wagered": money_str(e.wagered),
            "prize": _money(race.prize_for(e.rank)),
            "moved": moved.get(e.uid),
        }
        for e in standings.top(BOARD_ROWS)
    ]


async def _standings(leaderboards: Leaderboards, seen: Focus) -> tuple[Standings, dict[str, int]]:
    if seen.state == RaceState.LIVE:
        movement = await leaderboards.race_movement(seen.race)
        return await leaderboards.race_standings(seen.race), movement.since_day or {}
    if seen.state == RaceState.FINALISING:
        return await leaderboards.ended_race_standings(seen.race), {}
    return Standings([]), {}


async def _next(leaderboards: Leaderboards, race: Race | None, now: datetime) -> dict[str, Any] | None:
    if race is None:
        return None
    return {
        "month": race.month,
        "starts_at": _iso(race.starts_at),
        "ends_at": _iso(race.ends_at),
        "seconds_left": int(race.time_left(now)),
        "players": len(await leaderboards.race_standings(race)),
    }


async def page_race(leaderboards: Leaderboards, settings: Settings) -> dict[str, Any]:
    """The race the page is about, in the API's shape (web/openapi.json, Race), plus the server's `now`."""
    now = clock.now()
    seen = await focus(leaderboards, settings, now)
    race = seen.race
    standings, moved = await _standings(leaderboards, seen)
    view: dict[str, Any] = {
        "month": race.month,
        "state": seen.state.value,
        "starts_at": _iso(race.starts_at),
        "ends_at": _iso(race.ends_at),
        "seconds_left": int(race.time_left(now)),
        "now": _iso(now),
        "prize_pool": money_str(race.prize_pool),
        "prizes": [{"rank": rank, "amount": _money(race.prize_for(rank))} for rank in range(1, race.paid_places + 1)],
        "updated_at": _iso(await leaderboards.updated_at()),
        "demo": settings.uses_demo_data,
        "players": len(standings),
        "entries": _entries(race, standings, moved, settings),
        "next": await _next(leaderboards, seen.following, now),
        "finished_id": None,
    }
    finished = await finished_race_by_id(seen.finished_id) if seen.finished_id else None
    if finished is not None:
        results = await finished_view(finished, settings, BOARD_ROWS)
        view |= {"entries": [r | {"moved": None} for r in results["results"]], "finished_id": finished.id}
        view |= {"players": await results_count(finished), "prize_pool": results["prize_pool"]}
    return view


MAX_FIND = 64  # longer than any Goated name


async def found_view(
    leaderboards: Leaderboards, settings: Settings, name: str, period: Period
) -> dict[str, Any] | None:
    """ "Find me": a player by name (any letter case) on a board, even beyond its top rows. On the month's board,
    the race's standings (exclusions apply), with their prize and how far they are behind the last paid place.
    None when no player has that name. Only this player's entry: nobody else's full name is revealed."""
    player = await find_player(name.strip()[:MAX_FIND]) if name.strip() else None
    if player is None:
        return None
    race = await leaderboards.race(clock.now(), settings.race_timezone)
    race_board = period == Period.MONTH
    standings = await leaderboards.race_standings(race) if race_board else await leaderboards.standings(period)
    position = standings.position(player.uid)
    view: dict[str, Any] = {
        "uid": player.uid,
        "name": public_name(player.name, settings.name_display),
        "rank": None,
        "wagered": None,
        "gap_to_above": None,
    }
    if race_board:
        view |= {"prize": None, "paid_places": race.paid_places, "gap_to_paid": None}
    if position is None:
        return view  # known, but nothing wagered on this board
    entry = position.entry
    view |= {"rank": entry.rank, "wagered": money_str(entry.wagered), "gap_to_above": _money(position.gap_to_above)}
    if race_board:
        view["prize"] = _money(race.prize_for(entry.rank))
        if entry.rank > race.paid_places and len(standings) >= race.paid_places:
            view["gap_to_paid"] = money_str(standings.entries[race.paid_places - 1].wagered - entry.wagered)
    return view


RESULTS_PAGE = 50


async def finished_page(race: FinishedRace, settings: Settings, page: int) -> dict[str, Any]:
    """A finished race's page: its podium, then its results 50 to a page (page 1 starts after the podium)."""
    pages = max(1, -(-max(0, await results_count(race) - 3) // RESULTS_PAGE))
    page = min(max(1, page), pages)
    rows = await results_page(race, 3 + (page - 1) * RESULTS_PAGE, RESULTS_PAGE)
    return {
        "finished": finished_summary(race),
        "podium": [_result(r, settings) for r in await results_page(race, 0, 3)],
        "rows": [_result(r, settings) for r in rows],
        "page": page,
        "pages": pages,
    }


def _result(row: RaceResult, settings: Settings) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "uid": row.player_id,
        "name": public_name(row.name, settings.name_display),
        "wagered": money_str(row.wagered),
        "prize": _money(row.prize),
    }


# ---- races beside the monthly one (weekly, custom): `/api/races/current`, `/api/races/custom/<id>` ----


async def custom_race_view(race: CustomRace, settings: Settings, rows: int = BOARD_ROWS) -> dict[str, Any]:
    """A weekly or custom race: its window, prizes and standings (live, or its results once finished)."""
    now = clock.now()
    prizes = as_race(race)
    if race.status == CustomRaceStatus.FINISHED:
        figures = [(r.player_id, r.name, r.wagered) for r in await custom_results(race, rows)]
    else:
        standings = (await live_standings(race, now))[:rows]
        known = await player_names([f.uid for f in standings])
        figures = [(f.uid, known.get(f.uid, f.uid), f.wagered) for f in standings]
    return {
        "id": race.id,
        "title": race.title,
        "kind": race.kind.value,
        "state": phase(race, now).value,
        "starts_at": _iso(race.starts_at),
        "ends_at": _iso(race.ends_at),
        "prize_pool": money_str(race.pool),
        "split": list(race.split),
        "stale": race.stale,
        "start_late": race.start_late,
        "end_late": race.end_late,
        "standings": [
            {
                "rank": rank,
                "uid": uid,
                "name": public_name(name, settings.name_display),
                "wagered": money_str(wagered),
                "prize": _money(prizes.prize_for(rank)),
            }
            for rank, (uid, name, wagered) in enumerate(figures, start=1)
        ],
    }


async def running_views(leaderboards: Leaderboards, settings: Settings) -> list[dict[str, Any]]:
    """Kept until the boards change (a sync: the race job syncs around each race's start and end; a race made or
    cancelled by an admin)."""

    async def build() -> list[dict[str, Any]]:
        return [await custom_race_view(race, settings) for race in await running_races(clock.now())]

    return await leaderboards.cached("custom-races:running", build)


async def finished_custom_list(limit: int = 24) -> list[dict[str, Any]]:
    return [
        {
            "id": race.id,
            "title": race.title,
            "kind": race.kind.value,
            "starts_at": _iso(race.starts_at),
            "ends_at": _iso(race.ends_at),
            "prize_pool": money_str(race.pool),
            "finalised_at": _iso(race.finalised_at),
            "stale": race.stale,
        }
        for race in await finished_custom_races(limit)
    ]


async def custom_by_id(text: str) -> CustomRace | None:
    return await get_race(int(text)) if re.fullmatch(r"[0-9]{1,9}", text) else None


async def goal_view(leaderboards: Leaderboards, settings: Settings) -> dict[str, Any] | None:
    """The community's goal for this month's race and how far the community is (None: no goal set)."""
    race = await leaderboards.race(clock.now(), settings.race_timezone)
    goal = await month_goal(race.month)
    if goal is None:
        return None
    total = sum((entry.wagered for entry in (await leaderboards.race_standings(race)).entries), Decimal(0))
    return {
        "month": race.month,
        "amount": money_str(goal.amount),
        "total": money_str(total),
        "percent": min(100, int(total * 100 / goal.amount)) if goal.amount else 100,
        "reached": total >= goal.amount,
    }
