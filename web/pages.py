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

from models import clock
from models.leaderboard import Period
from models.locales import format_month, pick_locale
from models.money import MONEY_LOCALES, format_money
from models.results import latest_finished
from models.rules import rules_for
from settings import Settings
from web import login
from web.answers import KEPT, FinishedAnswer
from web.errors import error_page, render
from web.keys import I18N, LEADERBOARDS, SETTINGS
from web.race_page import (
    MAX_FIND,
    Focus,
    clock_moves_on,
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
    return _pick_locale(
        request.query.get("lang"),
        request.headers.get("Accept-Language", ""),
        i18n.available_locales,
        i18n.default_locale,
    )


@functools.lru_cache(maxsize=1024)  # browsers send a handful of different headers: each is read once
def _pick_locale(lang: str | None, accept_language: str, available: tuple[str, ...], default: str) -> str:
    wanted = [lang, *(part.split(";")[0] for part in accept_language.split(","))]
    return pick_locale(wanted, available, default)


def page_context(request: web.Request) -> dict[str, Any]:
    """What every page's template reads (web/errors.py's `render` adds it); sets the request's language for gettext."""
    locale = request_locale(request)
    request.app[I18N].ctx_locale.set(locale)
    settings = request.app[SETTINGS]
    widget = login.widget(request)
    footer = {
        "responsible_url": settings.responsible_gambling_url,
        "responsible_name": settings.responsible_gambling_name,
        "bot_username": widget["bot_username"] if widget else None,
    }
    return {
        "locale": locale,
        "money_locale": MONEY_LOCALES.get(locale, locale).replace("_", "-"),  # for live.js, as the server writes money
        "demo": settings.uses_demo_data,
        "footer": footer,
        "tz": settings.race_timezone,
    }


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


PUBLIC_PAGE_HEADERS = (
    # Kept by a browser, asked again each time (answered 304 while it is the same); its language follows
    # Accept-Language and a signed-in visitor's page is another one (Cache-Control: private).
    ("Cache-Control", "no-cache"),
    ("Vary", "Accept-Language, Cookie"),
)


async def index(request: web.Request) -> web.Response:
    """The race page. A visitor who is not signed in and looks for nobody gets it as finished bytes (with their
    gzip form and ETag), built once per language, tab, race state and day and kept with the boards (web/answers.py
    says what drops them); the countdown and "updated N minutes ago" are the browser's (web/static/live.js) from
    the dates the page states. A signed-in visitor's page (their row highlighted, Sign out) and a search are
    rendered for the request, private."""
    period = Period.parse(request.query.get("period", "month")) or Period.MONTH
    locale = request_locale(request)
    search = request.query.get("player", "").strip()[:MAX_FIND]
    if not search and await login.signed_in_user(request) is None:
        return (await _public_page(request, locale, period)).answer(request)
    leaderboards, settings = request.app[LEADERBOARDS], request.app[SETTINGS]
    me = await login.signed_in_player(request)
    request.app[I18N].ctx_locale.set(locale)
    seen = await focus(leaderboards, settings, clock.now())
    context = await _index_context(request, period, seen, me, login.widget(request))
    if search:  # "find me": their place, even beyond the top rows, and their row highlighted
        found = await found_view(leaderboards, settings, search, period)
        context |= {"search": search, "found": found, "me": me or (found and found["uid"])}
    page = aiohttp_jinja2.render_string("index.html", request, page_context(request) | context)
    return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "private"})


async def _public_page(request: web.Request, locale: str, period: Period) -> FinishedAnswer:
    leaderboards, settings, kept = request.app[LEADERBOARDS], request.app[SETTINGS], request.app[KEPT]
    now = clock.now()
    widget = login.widget(request)
    bot_username = widget and widget["bot_username"]
    host = "" if settings.public_url else request.host  # the link preview's addresses
    held = ("page", locale, period, bot_username, host)
    answer = kept.get(held, now)
    if answer is not None:
        return answer
    generation = kept.generation
    seen = await focus(leaderboards, settings, now)
    day = seen.race.day_start(now).isoformat()  # places moved since yesterday: a new day, a new page
    key = f"page:{locale}:{period.value}:{seen.race.month}:{seen.state}:{day}:{bot_username}:{host}"

    async def build() -> FinishedAnswer:
        context = await _index_context(request, period, seen, None, widget)
        # page_context sets the language for gettext, in this build's own task (and context)
        page = aiohttp_jinja2.render_string("index.html", request, page_context(request) | context)
        return FinishedAnswer(page.encode(), "text/html; charset=utf-8", PUBLIC_PAGE_HEADERS)

    answer = await leaderboards.cached(key, build)
    kept.put(held, answer, now, clock_moves_on(seen, now), generation)
    return answer


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


async def previous_race(settings: Settings) -> dict[str, Any] | None:
    """The last finished race's winners, shown near the top of the race in progress."""
    finished = await latest_finished()
    if finished is None:
        return None
    return await finished_view(finished, settings, 3)


async def races(request: web.Request) -> web.Response:
    return render("races.html", request, {"races": await races_list(), "other_races": await finished_custom_list()})


async def race(request: web.Request) -> web.Response:
    found = await finished_by_id(request.match_info["id"])
    if found is None:
        return error_page(request, "no_race", 404)
    page = request.query.get("page", "1")
    number = int(page) if page.isdecimal() and len(page) <= 6 else 1
    return render("race.html", request, await finished_page(found, request.app[SETTINGS], number))
