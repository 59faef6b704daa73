"""The public page, server-rendered."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from models import clock
from models.locales import format_month, pick_locale
from models.money import format_money
from models.race import Race, load_race, race_at
from models.results import latest_finished, results
from models.tables import WagerSnapshot
from web.keys import I18N, LEADERBOARDS, SETTINGS

PAGE_ROWS = 25
PREVIOUS_ROWS = 10
FINALISING_NOTE = timedelta(hours=6)  # then the older winners show again, if finalising found no data


def request_locale(request: web.Request) -> str:
    """`?lang=` first, then the browser's Accept-Language, then the default."""
    i18n = request.app[I18N]
    wanted = [request.query.get("lang")]
    wanted += [part.split(";")[0] for part in request.headers.get("Accept-Language", "").split(",")]
    return pick_locale(wanted, i18n.available_locales, i18n.default_locale)


async def locale_context(request: web.Request) -> dict[str, Any]:
    locale = request_locale(request)
    request.app[I18N].ctx_locale.set(locale)
    return {"locale": locale}


def add_filters(env: jinja2.Environment) -> None:
    env.filters["money"] = lambda amount, locale="en": format_money(amount, locale)
    env.filters["month"] = format_month


@aiohttp_jinja2.template("index.html")
async def index(request: web.Request) -> dict[str, Any]:
    leaderboards = request.app[LEADERBOARDS]
    updated_at = await leaderboards.updated_at()
    now = clock.now()
    minutes = int((now - updated_at).total_seconds() // 60) if updated_at else None
    race = await load_race(now, request.app[SETTINGS].race_timezone)
    standings = await leaderboards.race_standings(race)
    movement = await leaderboards.race_movement(race)
    return {
        "race": race,
        "seconds_left": int(race.time_left(now)),
        "entries": [(e, race.prize_for(e.rank), (movement.since_day or {}).get(e.uid)) for e in standings.top(PAGE_ROWS)],
        "previous": await previous_race(race, now),
        "updated_minutes": minutes,
        "demo": request.app[SETTINGS].uses_demo_data,
    }


async def previous_race(current: Race, now: datetime) -> dict[str, Any] | None:
    """The last finished race's winners; just after a race ends, word that its results are being worked out."""
    month = race_at(current.starts_at - timedelta(seconds=1), current.timezone).month
    finished = await latest_finished()
    if (finished is None or finished.month < month) and now - current.starts_at < FINALISING_NOTE \
            and await WagerSnapshot.filter(at__lt=current.starts_at).exists():
        return {"month": month, "finalising": True}  # it had data: the race job is writing its results
    if finished is None:
        return None
    return {"month": finished.month, "winners": await results(finished, PREVIOUS_ROWS), "stale": finished.stale}
