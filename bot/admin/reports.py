"""/report [YYYY-MM] (a month's business figures with a chart) and /trend (the last 12 months as a chart).

Charts are drawn in a worker process (bot/charts.py): drawing one takes a few hundred milliseconds, and the
event loop keeps answering everyone else meanwhile.
"""

from __future__ import annotations

import html
import re

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import gettext as _

from bot.charts import render
from bot.report_texts import CAPTION_LIMIT, month_chart, report_text, trend_chart, trend_text
from bot.texts import current_locale
from models import clock
from models.forms import parse_month
from models.race import race_at
from models.reports import month_report, trend
from settings import Settings


def visible_length(text: str) -> int:
    """What Telegram counts against a caption's limit: the text without its HTML tags and entities."""
    return len(html.unescape(re.sub(r"<[^>]+>", "", text)))


async def send_chart(message: Message, png: bytes, name: str, text: str) -> None:
    """The chart with the text as its caption, or, when the text is too long for one, the text just after."""
    photo = BufferedInputFile(png, filename=name)
    if visible_length(text) <= CAPTION_LIMIT:
        await message.answer_photo(photo, caption=text)
        return
    await message.answer_photo(photo, caption=text.split("\n", 1)[0])
    await message.answer(text)


async def report(message: Message, command: CommandObject, settings: Settings) -> None:
    now = clock.now()
    arg = (command.args or "").strip()
    month = parse_month(arg, current_locale()) if arg else race_at(now, settings.race_timezone).month
    if month is None:
        await message.answer(_("Usage: /report [month], for example /report 2026-11 or /report November 2026"))
        return
    found = await month_report(month, settings.race_timezone, now)
    if found is None:
        await message.answer(
            _("No figures for {month}: it is before the history began, or still to come.").format(month=month)
        )
        return
    text = report_text(found)
    chart = month_chart(found)  # translated here, in the admin's language; drawn in the worker process
    drawn = await render(chart, current_locale())
    await send_chart(message, drawn.png, f"report-{month}.png", text)


async def trend_chart_command(message: Message, settings: Settings) -> None:
    months = await trend(settings.race_timezone, clock.now())
    if all(m.total is None for m in months):
        await message.answer(_("No monthly figures yet: the first come with the first sync."))
        return
    drawn = await render(trend_chart(months), current_locale())
    await send_chart(message, drawn.png, "trend.png", trend_text(months))


def build_router() -> Router:
    router = Router(name="admin.reports")
    router.message.register(report, Command("report"))
    router.message.register(trend_chart_command, Command("trend"))
    return router
