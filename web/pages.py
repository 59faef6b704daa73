"""The public pages, server-rendered (they work with JavaScript off; /static/live.js adds live updates)."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp_jinja2
import jinja2
from aiohttp import web
from babel.dates import format_date, format_datetime
from markupsafe import Markup

from models import clock
from models.leaderboard import Period
from models.locales import format_month, pick_locale
from models.money import format_money
from models.results import latest_finished
from models.rules import rules_for
from settings import Settings
from web import login
from web.errors import error_page
from web.keys import I18N, LEADERBOARDS, SETTINGS
from web.race_page import (
    MAX_FIND,
    Focus,
    finished_custom_list,
    finished_page,
    focus,
    found_view,
    goal_view,
    page_race,
    running_views,
)
from web.view import BOARD_ROWS, board_view, finished_by_id, finished_view, races_list


def request_locale(request: web.Request) -> str:
    """`?lang=` first, then the browser's Accept-Language, then the default."""
    i18n = request.app[I18N]
    wanted = [request.query.get("lang")]
    wanted += [part.split(";")[0] for part in request.headers.get("Accept-Language", "").split(",")]
    return pick_locale(wanted, i18n.available_locales, i18n.default_locale)


async def locale_context(request: web.Request) -> dict[str, Any]:
    locale = request_locale(request)
    request.app[I18N].ctx_locale.set(locale)
    settings = request.app[SETTINGS]
    widget = login.widget(request)
    footer = {
        "responsible_url": settings.responsible_gambling_url,
        "responsible_name": settings.responsible_gambling_name,
        "bot_username": widget["bot_username"] if widget else None,
    }
    return {"locale": locale, "demo": settings.uses_demo_data, "footer": footer, "tz": settings.race_timezone}


def add_filters(env: jinja2.Environment) -> None:
    # Views hold money as two-decimal strings (as the API does); the page formats them for the visitor's locale.
    env.filters["money"] = lambda amount, locale="en": (
        format_money(Decimal(str(amount)), locale) if amount is not None else ""
    )
    env.filters["month"] = format_month
    env.filters["utc"] = lambda moment, locale="en": format_datetime(
        datetime.fromisoformat(moment), "medium", tzinfo=UTC, locale=locale
    )
    env.filters["day"] = _day


def _day(moment: str, locale: str = "en", timezone: str = "UTC", last: bool = False) -> str:
    """A race's first day, or (`last`: the day of the instant before its exclusive end) its last day."""
    at = datetime.fromisoformat(moment) - (timedelta(seconds=1) if last else timedelta(0))
    return format_date(at.astimezone(ZoneInfo(timezone)).date(), "medium", locale=locale)


CLOCK = Markup("\x00clock\x00")  # where each request's countdown goes into the cached page (names hold no NUL)


def _minutes_since(moment: datetime | None, now: datetime) -> int | None:
    return int((now - moment).total_seconds() // 60) if moment else None


async def index(request: web.Request) -> web.Response:
    """The race page. Everything but the countdown and "updated N minutes ago" changes only when the boards do
    (a sync, new prizes, an exclusion, a race's end), so a visitor who is not signed in gets it from the boards'
    cache, rendered once per language, tab, race state and day; the clock's part is rendered for each request."""
    leaderboards, settings = request.app[LEADERBOARDS], request.app[SETTINGS]
    period = Period.parse(request.query.get("period", "month")) or Period.MONTH
    locale = request_locale(request)
    request.app[I18N].ctx_locale.set(locale)
    now = clock.now()
    seen = await focus(leaderboards, settings, now)
    me = await login.signed_in_player(request)
    widget = login.widget(request)
    search = request.query.get("player", "").strip()[:MAX_FIND]

    async def render() -> str:
        context = await _index_context(request, period, seen, me, widget)
        if search:  # "find me": their place, even beyond the top rows, and their row highlighted
            found = await found_view(leaderboards, settings, search, period)
            context |= {"search": search, "found": found, "me": me or (found and found["uid"])}
        return aiohttp_jinja2.render_string("index.html", request, context)

    if me is None and not search:
        bot_username = widget and widget["bot_username"]
        day = seen.race.day_start(now).isoformat()
        host = "" if settings.public_url else request.host  # the link preview's addresses
        key = f"page:{locale}:{period.value}:{seen.race.month}:{seen.state}:{day}:{bot_username}:{host}"
        page = await leaderboards.cached(key, render)
    else:
        page = await render()  # their own row is highlighted, or the one they looked for
    counted = seen.following or seen.race  # after a race's end the clock counts down the next one
    updated_at = await leaderboards.updated_at()
    clock_part = _clock_part(
        aiohttp_jinja2.get_env(request.app),
        locale,
        counted.ends_at.isoformat(),
        int(counted.time_left(now)),
        _minutes_since(updated_at, now),
        updated_at.isoformat() if updated_at else "",
        now.replace(microsecond=0).isoformat(),
    )
    return web.Response(text=page.replace(CLOCK, clock_part), content_type="text/html")


async def _index_context(
    request: web.Request, period: Period, seen: Focus, me: str | None, widget: dict[str, str] | None
) -> dict[str, Any]:
    leaderboards, settings = request.app[LEADERBOARDS], request.app[SETTINGS]
    race = await page_race(leaderboards, settings)
    board = race if period == Period.MONTH else await board_view(leaderboards, settings, period, BOARD_ROWS)
    entries = board["entries"]
    return {
        "race": race,
        "state": race["state"],
        "period": period.value,
        "periods": list(Period),
        "podium": entries[:3] if period == Period.MONTH else [],
        "entries": entries,  # the month's places 1-3 stay in the table, hidden under the podium
        "previous": await previous_race(settings) if race["state"] == "live" else None,
        "rules": await rules_for(race["month"]),
        "goal": await goal_view(leaderboards, settings),
        "other_races": await running_views(leaderboards, settings),  # weekly and custom races beside this one
        "clock": CLOCK,
        "me": me,
        "widget": widget,
        "join": _join(settings),
        "og": _link_preview(request),
    }


def _link_preview(request: web.Request) -> dict[str, str]:
    """Absolute addresses for the link preview: under PUBLIC_URL, else where the page was asked for."""
    base = request.app[SETTINGS].public_url or f"{request.scheme}://{request.host}"
    locale = request_locale(request)
    return {"url": f"{base}/?lang={locale}", "image": f"{base}/og/race.png?lang={locale}"}


def _join(settings: Settings) -> dict[str, str] | None:
    """The sign-up button: the referral link, with its code when there is one."""
    if not settings.affiliate_url:
        return None
    return {"url": settings.affiliate_url, "code": settings.goated_affiliate_code or ""}


@functools.lru_cache(maxsize=64)  # a busy second's visitors share one rendering
def _clock_part(
    env: jinja2.Environment,
    locale: str,
    ends_at: str,
    left: int,
    updated_minutes: int | None,
    updated_at: str,
    now: str,
) -> str:
    """_clock.html; `locale` is the request's (already set for gettext), and part of the memo's key."""
    return env.get_template("_clock.html").render(
        locale=locale, ends_at=ends_at, left=left, updated_minutes=updated_minutes, updated_at=updated_at, now=now
    )


async def previous_race(settings: Settings) -> dict[str, Any] | None:
    """The last finished race's winners, shown near the top of the race in progress."""
    finished = await latest_finished()
    if finished is None:
        return None
    return await finished_view(finished, settings, 3)


@aiohttp_jinja2.template("races.html")
async def races(request: web.Request) -> dict[str, Any]:
    return {"races": await races_list(), "other_races": await finished_custom_list()}


async def race(request: web.Request) -> web.Response:
    found = await finished_by_id(request.match_info["id"])
    if found is None:
        return error_page(request, "no_race", 404)
    page = request.query.get("page", "1")
    number = int(page) if page.isdecimal() and len(page) <= 6 else 1
    return aiohttp_jinja2.render_template(
        "race.html", request, await finished_page(found, request.app[SETTINGS], number)
    )
