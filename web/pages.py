"""The public page, server-rendered."""

from __future__ import annotations

from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from models import clock
from models.locales import pick_locale
from models.money import format_money
from models.race import load_race
from web.keys import I18N, LEADERBOARDS, SETTINGS

PAGE_ROWS = 25


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


@aiohttp_jinja2.template("index.html")
async def index(request: web.Request) -> dict[str, Any]:
    leaderboards = request.app[LEADERBOARDS]
    updated_at = await leaderboards.updated_at()
    now = clock.now()
    minutes = int((now - updated_at).total_seconds() // 60) if updated_at else None
    race = await load_race(now, request.app[SETTINGS].race_timezone)
    standings = await leaderboards.race_standings(race.month)
    return {
        "entries": [(e, race.prize_for(e.rank)) for e in standings.top(PAGE_ROWS)],
        "prize_pool": race.prize_pool,
        "updated_minutes": minutes,
        "demo": request.app[SETTINGS].uses_demo_data,
    }
