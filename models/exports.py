"""Exports as CSV: the rows come from the database in batches (keyset pages, never one huge query), and every
cell is written so that a spreadsheet opens it as text: UTF-8 with a byte-order mark, and a cell that a
spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) prefixed with '.

The bot sends them as documents (bot/admin/exports.py); the payouts also as GET /api/races/{id}/payouts.csv
(web/exports.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from models.forms import parse_month
from models.money import money_str
from models.tables import AuditEntry, BonusClaim, ChallengeEntry, FinishedRace, Player, RaceResult, TelegramUser

BATCH = 1000
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_AUDIT_DAYS = 3650

Cell = str | int | Decimal | datetime | None
Row = Sequence[Cell]

PAYOUTS_HEADER = ("rank", "goated_name", "goated_uid", "telegram_id", "telegram_username", "wagered", "prize")
PLAYERS_HEADER = (
    "goated_uid",
    "goated_name",
    "wagered_today",
    "wagered_week",
    "wagered_month",
    "wagered_all_time",
    "first_seen_at",
    "last_changed_at",
    "telegram_id",
    "telegram_username",
)
CLAIMS_HEADER = (
    "type",
    "at",
    "telegram_id",
    "telegram_username",
    "goated_uid",
    "goated_name",
    "item",
    "reward",
    "status",
    "detail",
)
AUDIT_HEADER = ("at", "actor_id", "actor", "action", "target", "before", "after")


# ---- the cells ----


def inert(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula gets a leading '."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Cell) -> str:
    """Money with two decimals, times as ISO-8601 UTC, text made inert; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money_str(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, int):
        return str(value)
    return inert(value)


class CsvEncoder:
    """Turns batches of rows into UTF-8 bytes; the first call also writes the byte-order mark and the header."""

    def __init__(self, header: Sequence[str]) -> None:
        self.header, self.rows = header, 0
        self._started = False

    def encode(self, rows: Iterable[Row]) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        if not self._started:
            buffer.write(BOM)
            writer.writerow(self.header)
            self._started = True
        for row in rows:
            writer.writerow([cell(value) for value in row])
            self.rows += 1
        return buffer.getvalue().encode("utf-8")


async def linked_users(uids: Iterable[str]) -> dict[str, tuple[int, str | None]]:
    """Goated uid -> (Telegram id, username) of the users linked to these players."""
    rows = await TelegramUser.filter(player_id__in=list(uids)).values_list("player_id", "id", "username")
    return {uid: (user_id, username) for uid, user_id, username in rows}


# ---- what can be exported ----


async def find_finished_race(which: str | None, locale: str = "en") -> FinishedRace | None:
    """A finished race by id or month ("2026-11", "noviembre 2026"); without one, the latest."""
    if not which:
        return await FinishedRace.all().order_by("-month").first()
    if re.fullmatch(r"[0-9]{1,9}", which):
        return await FinishedRace.get_or_none(id=int(which))
    month = parse_month(which, locale)
    return await FinishedRace.get_or_none(month=month) if month else None


async def payout_rows(race: FinishedRace) -> AsyncIterator[list[Row]]:
    """Every ranked player of a finished race, rank first, with the Telegram user linked to them."""
    after = 0
    while rows := await RaceResult.filter(race_id=race.id, rank__gt=after).order_by("rank").limit(BATCH):
        users = await linked_users(row.player_id for row in rows)
        yield [
            (row.rank, row.name, row.player_id, *users.get(row.player_id, (None, None)), row.wagered, row.prize)
            for row in rows
        ]
        after = rows[-1].rank


async def player_rows() -> AsyncIterator[list[Row]]:
    """Every referred player with the four figures, when first seen and last changed, and the linked user."""
    after = ""
    while rows := await Player.filter(uid__gt=after).order_by("uid").limit(BATCH):
        users = await linked_users(row.uid for row in rows)
        yield [
            (
                p.uid,
                p.name,
                p.wagered_today,
                p.wagered_week,
                p.wagered_month,
                p.wagered_all_time,
                p.first_seen_at,
                p.changed_at,
                *users.get(p.uid, (None, None)),
            )
            for p in rows
        ]
        after = rows[-1].uid


async def _names(uids: Iterable[str]) -> dict[str, str]:
    return {uid: name for uid, name in await Player.filter(uid__in=list(uids)).values_list("uid", "name")}


async def claim_rows() -> AsyncIterator[list[Row]]:
    """Bonus code claims, then challenge entries with their outcome."""
    after = 0
    while claims := await BonusClaim.filter(id__gt=after).order_by("id").limit(BATCH).prefetch_related("bonus", "user"):
        names = await _names(c.player_id for c in claims)
        yield [
            ("bonus_claim", c.claimed_at, c.user_id, c.user.username, c.player_id, names.get(c.player_id),
             c.bonus.code, c.bonus.reward, "claimed", None)
            for c in claims
        ]  # fmt: skip
        after = claims[-1].id
    after = 0
    while entries := (
        await ChallengeEntry.filter(id__gt=after).order_by("id").limit(BATCH).prefetch_related("challenge", "user")
    ):
        names = await _names(e.player_id for e in entries)
        yield [
            ("challenge_entry", e.created_at, e.user_id, e.user.username, e.player_id, names.get(e.player_id),
             f"#{e.challenge_id} {e.challenge.game} x{e.challenge.multiplier.normalize():f}", e.challenge.prize,
             e.status.value, e.bet_url)
            for e in entries
        ]  # fmt: skip
        after = entries[-1].id


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


async def audit_rows(days: int, now: datetime) -> AsyncIterator[list[Row]]:
    """The admin actions of the last `days` days, oldest first."""
    since, after = now - timedelta(days=days), 0
    while entries := await AuditEntry.filter(at__gte=since, id__gt=after).order_by("id").limit(BATCH):
        actors = await TelegramUser.filter(id__in={e.actor_id for e in entries}).values_list(
            "id", "username", "first_name"
        )
        names = {user_id: username or first for user_id, username, first in actors}
        yield [
            (e.at, e.actor_id, names.get(e.actor_id), e.action, e.target, _json(e.before), _json(e.after))
            for e in entries
        ]
        after = entries[-1].id
