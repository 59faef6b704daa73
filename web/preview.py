"""The link preview: Open Graph / Twitter meta for the page, and `/og/race.png`, a 1200×630 picture of the race
(pool, top five, time left, the demo badge) that Telegram and other apps show under a shared link.

The picture is drawn with Pillow in a worker thread (drawing and PNG encoding hold the CPU for tens of
milliseconds, which would stall every socket and request on the event loop) and kept, per language, with the
boards: the next sync, prize change or race end draws it again.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from aiohttp import web
from PIL import Image, ImageDraw, ImageFont

from models.locales import format_month
from models.money import format_money
from web.keys import I18N, LEADERBOARDS, SETTINGS
from web.pages import request_locale
from web.race_page import page_race

WIDTH, HEIGHT = 1200, 630
BACKGROUND, PANEL, TEXT, MUTED, ACCENT = "#0e0f13", "#171922", "#eef0f4", "#a3a8b8", "#D7FF00"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
CACHE_SECONDS = 300  # what a link-preview crawler may keep; the picture itself changes with each sync


@dataclass(frozen=True)
class Card:
    """Everything the picture shows, as text already in the visitor's language."""

    title: str
    pool_label: str
    pool: str
    time_label: str
    time_left: str
    demo: str | None
    rows: tuple[tuple[str, str, str], ...]  # place, name, wagered
    footer: str
    empty: str = ""  # said in the standings' panel when nobody is ranked yet


@lru_cache(maxsize=8)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu where the system has it (it covers every language we speak), else Pillow's own font."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, face: Any) -> str:
    """The text, cut with an ellipsis to fit `width` pixels."""
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text + "…"


def _sized(draw: ImageDraw.ImageDraw, text: str, width: int, largest: int, smallest: int) -> Any:
    """The largest bold face, from `largest` down to `smallest`, in which the text fits `width` pixels."""
    size = largest
    while size > smallest and draw.textlength(text, font=font(size, True)) > width:
        size -= 4
    return font(size, True)


def draw(card: Card) -> bytes:
    """The picture as PNG bytes. Pure and thread-safe: it runs in a worker thread."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 8), fill=ACCENT)
    pen.text((60, 44), "GoatedVIPs", font=font(34, True), fill=ACCENT)
    if card.demo:
        badge = font(24)
        left = 60 + pen.textlength("GoatedVIPs", font=font(34, True)) + 24
        right = left + pen.textlength(card.demo, font=badge) + 28
        pen.rounded_rectangle((left, 46, right, 84), radius=19, outline=ACCENT, width=2)
        pen.text((left + 14, 51), card.demo, font=badge, fill=ACCENT)
    title = _sized(pen, card.title, 1080, 52, 36)
    pen.text((60, 106), _fit(pen, card.title, 1080, title), font=title, fill=TEXT)
    pen.text((60, 196), card.pool_label, font=font(28), fill=MUTED)
    pool = _sized(pen, card.pool, 470, 76, 40)
    pen.text((60, 232), card.pool, font=pool, fill=ACCENT)
    pen.text((60, 350), _fit(pen, card.time_label, 470, font(28)), font=font(28), fill=MUTED)
    left_face = _sized(pen, card.time_left, 470, 44, 28)
    pen.text((60, 386), _fit(pen, card.time_left, 470, left_face), font=left_face, fill=TEXT)
    pen.rounded_rectangle((560, 190, 1140, 560), radius=18, fill=PANEL)
    if not card.rows:
        pen.text((588, 352), _fit(pen, card.empty, 524, font(28)), font=font(28), fill=MUTED)
    for i, (place, name, wagered) in enumerate(card.rows):
        y = 212 + i * 68
        pen.text((588, y), place, font=font(32, True), fill=ACCENT if i < 3 else TEXT)
        pen.text((650, y), _fit(pen, name, 250, font(32)), font=font(32), fill=TEXT)
        width = pen.textlength(wagered, font=font(30))
        pen.text((1112 - width, y + 2), wagered, font=font(30), fill=MUTED)
    pen.text((60, 560), _fit(pen, card.footer, 480, font(24)), font=font(24), fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


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
