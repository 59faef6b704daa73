"""The public pages, server-rendered (they work with JavaScript off; /static/live.js adds live updates)."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from markupsafe import Markup

from models import clock
from models.history import has_history_before
from models.leaderboard import Period
from models.locales import format_month, pick_locale
from models.money import format_money
from models.race import Race, race_at
from models.results import latest_finished
from settings import Settings
from web import login
from web.errors import error_page
from web.keys import I18N, LEADERBOARDS, SETTINGS
from web.view import BOARD_ROWS, board_view, finished_by_id, finished_view, race_view, races_list

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
    return {"locale": locale, "demo": request.app[SETTINGS].uses_demo_data}


def add_filters(env: jinja2.Environment) -> None:
    # Views hold money as two-decimal strings (as the API does); the page formats them for the visitor's locale.
    env.filters["money"] = lambda amount, locale="en": (
        format_money(Decimal(str(amount)), locale) if amount is not None else ""
    )
    env.filters["month"] = format_month


CLOCK = Markup("\x00clock\x00")  # where each request's countdown goes into the cached page (names hold no NUL)


def _minutes_since(moment: datetime | None, now: datetime) -> int | None:
    return int((now - moment).total_seconds() // 60) if moment else None


async def index(request: web.Request) -> web.Response:
    """The race page. Everything but the countdown and "updated N minutes ago" changes only when the boards do
    (a sync, new prizes, an exclusion, a race's end), so a visitor who is not signed in gets it from the boards'
    cache, rendered once per language, tab and day; the clock's part is rendered for each request."""
    leaderboards, settings = request.app[LEADERBOARDS], request.app[SETTINGS]
    period = Period.parse(request.query.get("period", "month")) or Period.MONTH
    locale = request_locale(request)
    request.app[I18N].ctx_locale.set(locale)
    now = clock.now()
    current = race_at(now, settings.race_timezone)  # its dates only: race_view reads the prizes
    me = await login.signed_in_player(request)
    widget = login.widget(request)

    async def render() -> str:
        race = await race_view(leaderboards, settings)
        board = race if period == Period.MONTH else await board_view(leaderboards, settings, period, BOARD_ROWS)
        return aiohttp_jinja2.render_string(
            "index.html",
            request,
            {
                "race": race,
                "period": period.value,
                "periods": list(Period),
                "entries": board["entries"],
                "previous": await previous_race(current, now, settings),
                "clock": CLOCK,
                "me": me,
                "widget": widget,
            },
        )

    if me is None:  # the day and the first hours of a race are in the key: "since yesterday" and the finalising note
        early = now - current.starts_at < FINALISING_NOTE
        bot_username = widget and widget["bot_username"]
        key = f"page:{locale}:{period.value}:{current.day_start(now).isoformat()}:{early}:{bot_username}"
        page = await leaderboards.cached(key, render)
    else:
        page = await render()  # their own row is highlighted
    clock_part = _clock_part(
        aiohttp_jinja2.get_env(request.app),
        locale,
        current.ends_at.isoformat(),
        int(current.time_left(now)),
        _minutes_since(await leaderboards.updated_at(), now),
    )
    return web.Response(text=page.replace(CLOCK, clock_part), content_type="text/html")


@functools.lru_cache(maxsize=64)  # a busy second's visitors share one rendering
def _clock_part(env: jinja2.Environment, locale: str, ends_at: str, left: int, updated_minutes: int | None) -> str:
    """_clock.html; `locale` is the request's (already set for gettext), and part of the memo's key."""
    return env.get_template("_clock.html").render(
        locale=locale, ends_at=ends_at, left=left, updated_minutes=updated_minutes
    )


async def previous_race(current: Race, now: datetime, settings: Settings) -> dict[str, Any] | None:
    """The last finished race's winners; just after a race ends, word that its results are being worked out."""
    month = race_at(current.starts_at - timedelta(seconds=1), current.timezone).month
    finished = await latest_finished()
    if (
        (finished is None or finished.month < month)
        and now - current.starts_at < FINALISING_NOTE
        and await has_history_before(current.starts_at)
    ):
        return {"month": month, "finalising": True}  # it had data: the race job is writing its results
    if finished is None:
        return None
    return await finished_view(finished, settings, PREVIOUS_ROWS)


@aiohttp_jinja2.template("races.html")
async def races(request: web.Request) -> dict[str, Any]:
    return {"races": await races_list()}


async def race(request: web.Request) -> web.Response:
    found = await finished_by_id(request.match_info["id"])
    if found is None:
        return error_page(request, "no_race", 404)
    return aiohttp_jinja2.render_template(
        "race.html", request, {"finished": await finished_view(found, request.app[SETTINGS])}
    )
