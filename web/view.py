"""What the public sees, in one place: the page, the JSON API and the live socket all show these dicts.
Money is a two-decimal string; names pass through `public_name` (masked unless NAME_DISPLAY=full)."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from models import clock
from models.leaderboard import Leaderboards, Period
from models.money import money_str
from models.names import public_name
from models.results import finished_race_by_id, finished_races, results
from models.tables import FinishedRace
from models.users import player_by_uid
from settings import Settings

BOARD_ROWS = 25


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _money(amount: Decimal | None) -> str | None:
    return money_str(amount) if amount is not None else None


async def race_view(leaderboards: Leaderboards, settings: Settings, rows: int = BOARD_ROWS) -> dict[str, Any]:
    """The current race: its dates, prizes, standings with movement since yesterday, and data freshness."""
    now = clock.now()
    race = await leaderboards.race(now, settings.race_timezone)
    standings = await leaderboards.race_standings(race)
    movement = await leaderboards.race_movement(race)
    moved = movement.since_day or {}
    return {
        "month": race.month,
        "starts_at": _iso(race.starts_at),
        "ends_at": _iso(race.ends_at),
        "seconds_left": int(race.time_left(now)),
        "prize_pool": money_str(race.prize_pool),
        "prizes": [{"rank": rank, "amount": _money(race.prize_for(rank))} for rank in range(1, len(race.split) + 1)],
        "updated_at": _iso(await leaderboards.updated_at()),
        "demo": settings.uses_demo_data,
        "players": len(standings),
        "entries": [
            {
                "rank": e.rank,
                "uid": e.uid,
                "name": public_name(e.name, settings.name_display),
                "wagered": money_str(e.wagered),
                "prize": _money(race.prize_for(e.rank)),
                "moved": moved.get(e.uid),
            }
            for e in standings.top(rows)
        ],
    }


async def board_view(leaderboards: Leaderboards, settings: Settings, period: Period, rows: int) -> dict[str, Any]:
    """One period's leaderboard (all players, race exclusions do not apply)."""
    return {
        "period": period.value,
        "updated_at": _iso(await leaderboards.updated_at()),
        "demo": settings.uses_demo_data,
        "entries": [
            {
                "rank": e.rank,
                "uid": e.uid,
                "name": public_name(e.name, settings.name_display),
                "wagered": money_str(e.wagered),
            }
            for e in await leaderboards.top(period, rows)
        ],
    }


async def finished_by_id(text: str) -> FinishedRace | None:
    """The finished race a URL names (`/races/12`, `/api/races/12`); None for anything that is not an id."""
    return await finished_race_by_id(int(text)) if re.fullmatch(r"[0-9]{1,9}", text) else None


def finished_summary(race: FinishedRace) -> dict[str, Any]:
    return {
        "id": race.id,
        "month": race.month,
        "starts_at": _iso(race.starts_at),
        "ends_at": _iso(race.ends_at),
        "prize_pool": money_str(race.prize_pool),
        "finalised_at": _iso(race.finalised_at),
        "stale": race.stale,
    }


async def finished_view(race: FinishedRace, settings: Settings, rows: int | None = None) -> dict[str, Any]:
    return finished_summary(race) | {
        "results": [
            {
                "rank": r.rank,
                "uid": r.player_id,
                "name": public_name(r.name, settings.name_display),
                "wagered": money_str(r.wagered),
                "prize": _money(r.prize),
            }
            for r in await results(race, rows)
        ],
    }


async def races_list(limit: int = 24) -> list[dict[str, Any]]:
    return [finished_summary(race) for race in await finished_races(limit)]


async def player_view(uid: str, leaderboards: Leaderboards, settings: Settings) -> dict[str, Any] | None:
    """A player's public figures: the four boards and their place in the race. None when unknown."""
    player = await player_by_uid(uid)
    if player is None:
        return None
    race = await leaderboards.race(clock.now(), settings.race_timezone)
    position = (await leaderboards.race_standings(race)).position(uid)
    return {
        "uid": player.uid,
        "name": public_name(player.name, settings.name_display),
        "wagered": {period.value: money_str(getattr(player, period.column)) for period in Period},
        "race": {"month": race.month, "rank": position.entry.rank, "wagered": money_str(position.entry.wagered)}
        if position
        else None,
    }
