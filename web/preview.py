"""The link preview: Open Graph / Twitter meta for the page, and `/og/race.png`, a 1200×630 picture of the race
(pool, top five, time left, the demo badge) that Telegram and other apps show under a shared link.

The picture is drawn by models.race_card (shared with the bot's /card) in a worker thread (drawing and PNG
encoding hold the CPU for tens of milliseconds, which would stall every socket and request on the event loop)
and kept, per language, with the boards: the next sync, prize change or race end draws it again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from aiohttp import web

from models.locales import format_month
from models.money import format_money
from models.race_card import HEIGHT as HEIGHT  # the preview's size, for bench/preview.py
from models.race_card import WIDTH as WIDTH
from models.race_card import Card, draw
from web.keys import I18N, LEADERBOARDS, SETTINGS
from web.pages import request_locale
from web.race_page import page_race

CACHE_SECONDS = 300  # what a link-preview crawler may keep; the picture itself changes with each sync


def _time_left(seconds: int, _: Callable[[str], str]) -> str:
    """Days, hours and minutes: the picture is kept for a while, so seconds would only be wrong."""
    return _("{d}d {h}h {m}m").format(d=seconds // 86400, h=seconds % 86400 // 3600, m=seconds % 3600 // 60)


def card_for(race: dict[str, Any], locale: str, _: Callable[[str], str]) -> Card:
    """The card's texts in the locale; `_` is the page's gettext, with the locale set by the caller."""
    month = format_month(race["month"], locale)
    title = _("%(month)s wager race") % {"month": month}
    label, left = _("Ends in"), _time_left(race["seconds_left"], _)
    if race["state"] == "finished":
        title = _("%(month)s race — winners") % {"month": month}
        label, left = _("Race over"), _("Final results")
    elif race["state"] == "finalising":
        label, left = _("Race over"), _("Final results are being worked out")
    rows = tuple((f"#{e['rank']}", e["name"], format_money(Decimal(e["wagered"]), locale)) for e in race["entries"][:5])
    return Card(
        title=title,
        pool_label=_("Prize pool"),
        pool=format_money(Decimal(race["prize_pool"]), locale),
        time_label=label,
        time_left=left,
        demo=_("Demo data") if race["demo"] else None,
        rows=rows,
        footer=_("Live standings, updated with every sync"),
        empty=_("Nobody has wagered yet this month."),
    )


async def race_png(request: web.Request) -> web.Response:
    """`/og/race.png?lang=`: drawn off the event loop, kept per language until the boards change."""
    leaderboards, settings = request.app[LEADERBOARDS], request.app[SETTINGS]
    locale = request_locale(request)
    request.app[I18N].ctx_locale.set(locale)

    race = await page_race(leaderboards, settings)  # made of what the boards' cache keeps: cheap

    async def render() -> bytes:
        return await asyncio.to_thread(draw, card_for(race, locale, request.app[I18N].gettext))

    png = await leaderboards.cached(f"og:{locale}:{race['month']}:{race['state']}", render)
    return web.Response(
        body=png, content_type="image/png", headers={"Cache-Control": f"public, max-age={CACHE_SECONDS}"}
    )


def install(app: web.Application) -> None:
    app.router.add_get("/og/race.png", race_png)
