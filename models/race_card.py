"""The race card: a picture of the race (pool, the top places, time left or "final", the demo badge) drawn with
Pillow from plain texts. The page's link preview (web/preview.py, top five) and the bot's /card and chat posts
(bot/card.py, top ten) draw it here, so both look the same.

`draw` is pure and thread-safe: callers run it in a worker thread (drawing and PNG encoding hold the CPU for
tens of milliseconds) and keep its bytes until the boards change.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

WIDTH, HEIGHT = 1200, 630  # with up to PREVIEW_ROWS rows; each row more adds ROW_HEIGHT
PREVIEW_ROWS, ROW_HEIGHT = 5, 68
BACKGROUND, PANEL, TEXT, MUTED, ACCENT = "#0e0f13", "#171922", "#eef0f4", "#a3a8b8", "#D7FF00"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")


@dataclass(frozen=True)
class Card:
    """Everything the picture shows, as text already in the reader's language."""

    title: str
    pool_label: str
    pool: str
    time_label: str
    time_left: str
    demo: str | None
    rows: tuple[tuple[str, str, str], ...]  # place, name, wagered
    footer: str
    empty: str = ""  # said in the standings' panel when nobody is ranked yet


def size_of(card: Card) -> tuple[int, int]:
    """The picture's size: the preview's 1200×630, taller for more than five rows."""
    return WIDTH, HEIGHT + max(0, len(card.rows) - PREVIEW_ROWS) * ROW_HEIGHT


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


def description(card: Card) -> str:
    """The picture's words, one line each (stored in the PNG for screen readers and indexers)."""
    lines = [card.title, f"{card.pool_label}: {card.pool}", f"{card.time_label}: {card.time_left}"]
    if card.demo:
        lines.append(card.demo)
    lines += [" ".join(row) for row in card.rows]
    return "\n".join(lines)


def _header(pen: ImageDraw.ImageDraw, card: Card) -> None:
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


def draw(card: Card) -> bytes:
    """The picture as PNG bytes. Pure and thread-safe: it runs in a worker thread."""
    width, height = size_of(card)
    extra = height - HEIGHT
    image = Image.new("RGB", (width, height), BACKGROUND)
    pen = ImageDraw.Draw(image)
    _header(pen, card)
    pen.rounded_rectangle((560, 190, 1140, 560 + extra), radius=18, fill=PANEL)
    if not card.rows:
        pen.text((588, 352), _fit(pen, card.empty, 524, font(28)), font=font(28), fill=MUTED)
    name_x, name_width = (650, 250) if len(card.rows) <= PREVIEW_ROWS else (676, 230)  # "#10" is wider
    for i, (place, name, wagered) in enumerate(card.rows):
        y = 212 + i * ROW_HEIGHT
        pen.text((588, y), place, font=font(32, True), fill=ACCENT if i < 3 else TEXT)
        pen.text((name_x, y), _fit(pen, name, name_width, font(32)), font=font(32), fill=TEXT)
        wide = pen.textlength(wagered, font=font(30))
        pen.text((1112 - wide, y + 2), wagered, font=font(30), fill=MUTED)
    pen.text((60, 560 + extra), _fit(pen, card.footer, 480, font(24)), font=font(24), fill=MUTED)
    info = PngInfo()
    info.add_itxt("Description", description(card))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6, pnginfo=info)
    return out.getvalue()
