"""/export payouts [race] | players | claims | audit [days]: CSV documents for spreadsheets (models/exports.py).

Rows are read in batches; a file over GZIP_ABOVE is sent gzip-compressed (compressed in a worker thread).
The caption says how many rows it holds.
"""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator, Sequence
from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.race_texts import month_name
from bot.texts import current_locale
from models import clock
from models.audit import record
from models.exports import (
    AUDIT_HEADER,
    CLAIMS_HEADER,
    MAX_AUDIT_DAYS,
    PAYOUTS_HEADER,
    PLAYERS_HEADER,
    CsvEncoder,
    Row,
    audit_rows,
    claim_rows,
    find_finished_race,
    payout_rows,
    player_rows,
)
from models.tables import TelegramUser

GZIP_ABOVE = 1 << 20  # 1 MiB: smaller files open straight from the chat
AUDIT_DEFAULT_DAYS = 30


async def csv_file(
    header: Sequence[str], batches: AsyncIterator[list[Row]], name: str
) -> tuple[BufferedInputFile, int]:
    """The CSV document and its number of rows."""
    encoder = CsvEncoder(header)
    parts = [encoder.encode([])]
    async for batch in batches:
        parts.append(encoder.encode(batch))
    data = b"".join(parts)
    if len(data) > GZIP_ABOVE:
        return BufferedInputFile(await asyncio.to_thread(gzip.compress, data), filename=f"{name}.csv.gz"), encoder.rows
    return BufferedInputFile(data, filename=f"{name}.csv"), encoder.rows


def rows_text(rows: int) -> str:
    return ngettext("{count} row", "{count} rows", rows).format(count=rows)


def usage() -> str:
    return _("Usage: /export payouts [month or race id] · /export players · /export claims · /export audit [days]")


async def export_payouts(message: Message, which: str | None) -> tuple[BufferedInputFile, int, str] | None:
    race = await find_finished_race(which, current_locale())
    if race is None:
        await message.answer(
            _("No finished race to export yet.")
            if not which
            else _("No finished race {which}.").format(which=escape(which[:64]))
        )
        return None
    document, rows = await csv_file(PAYOUTS_HEADER, payout_rows(race), f"payouts-{race.month}")
    return document, rows, _("💸 Payouts of the {month} race").format(month=month_name(race.month))


async def export_audit(message: Message, days_text: str | None) -> tuple[BufferedInputFile, int, str] | None:
    if days_text is not None and not (days_text.isdecimal() and 1 <= int(days_text) <= MAX_AUDIT_DAYS):
        await message.answer(_("Usage: /export audit [days, 1–{max}]").format(max=MAX_AUDIT_DAYS))
        return None
    days = int(days_text) if days_text else AUDIT_DEFAULT_DAYS
    now = clock.now()
    document, rows = await csv_file(AUDIT_HEADER, audit_rows(days, now), f"audit-{now:%Y-%m-%d}-{days}d")
    return document, rows, _("🧾 Admin actions of the last {days} days").format(days=days)


async def export(message: Message, command: CommandObject, user: TelegramUser) -> None:
    words = (command.args or "").split()
    what, arg = (words[0].lower() if words else ""), (" ".join(words[1:]) or None)
    stamp = f"{clock.now():%Y-%m-%d}"
    made: tuple[BufferedInputFile, int, str] | None
    if what == "payouts":
        made = await export_payouts(message, arg)
    elif what == "audit":
        made = await export_audit(message, arg)
    elif what == "players":
        document, rows = await csv_file(PLAYERS_HEADER, player_rows(), f"players-{stamp}")
        made = document, rows, _("👥 Referred players")
    elif what == "claims":
        document, rows = await csv_file(CLAIMS_HEADER, claim_rows(), f"claims-{stamp}")
        made = document, rows, _("🎁 Bonus code claims and challenge entries")
    else:
        await message.answer(usage())
        return
    if made is None:
        return
    document, rows, title = made
    await record(user.id, "export", " ".join(words)[:255], after={"rows": rows})  # who took which data out
    await message.answer_document(document, caption=f"{title}: {rows_text(rows)}")


def build_router() -> Router:
    router = Router(name="admin.exports")
    router.message.register(export, Command("export"))
    return router
