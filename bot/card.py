"""The race as the bot shows it to a group: the board (pool, top ten with names as NAME_DISPLAY shows them to
anyone, time left or final), as a picture (`/card`, drawn by models.race_card, shared with the page's link
preview) and as the text of the live post and the scheduled posts."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.race_texts import month_name
from bot.texts import money, time_left
from models import chats, clock
from models.leaderboard import Leaderboards
from models.names import public_name
from models.race_card import Card, draw
from models.results import finished_race, results
from settings import Settings

ROWS = 10


@dataclass(frozen=True)
class Row:
    rank: int
    name: str  # as anyone may read it (NAME_DISPLAY), not escaped
    wagered: Decimal
    prize: Decimal | None


@dataclass(frozen=True)
class Board:
    month: str
    pool: Decimal
    ends_at: datetime
    final: bool  # the race's final results
    rows: tuple[Row, ...]
    demo: bool

    def key(self) -> str:
        """What the board shows, in one string: the same key, the same post."""
        rows = ";".join(f"{r.rank}|{r.name}|{r.wagered}|{r.prize}" for r in self.rows)
        return f"{self.month}|{self.pool}|{self.final}|{self.demo}|{rows}"


async def live_board(leaderboards: Leaderboards, settings: Settings) -> Board:
    """The current race's standings, as the boards' cache has them."""
    now = clock.now()
    race = await leaderboards.race(now, settings.race_timezone)
    top = (await leaderboards.race_standings(race)).top(ROWS)
    rows = tuple(
        Row(e.rank, public_name(e.name, settings.name_display), e.wagered, race.prize_for(e.rank)) for e in top
    )
    return Board(race.month, race.prize_pool, race.ends_at, False, rows, settings.uses_demo_data)


async def final_board(month: str, settings: Settings) -> Board | None:
    """A finished race's final results; None until it is finalised."""
    race = await finished_race(month)
    if race is None:
        return None
    rows = tuple(
        Row(r.rank, public_name(r.name, settings.name_display), r.wagered, r.prize) for r in await results(race, ROWS)
    )
    return Board(race.month, race.prize_pool, race.ends_at, True, rows, settings.uses_demo_data)


def card_of(board: Board) -> Card:
    """The picture's texts in the current language."""
    if board.final:
        title = _("{month} race — final results").format(month=month_name(board.month))
        label, left = _("Race over"), _("Final results")
    else:
        title = _("{month} wager race").format(month=month_name(board.month))
        label, left = _("Ends in"), time_left((board.ends_at - clock.now()).total_seconds())
    return Card(
        title=title,
        pool_label=_("Prize pool"),
        pool=money(board.pool),
        time_label=label,
        time_left=left,
        demo=_("Demo data") if board.demo else None,
        rows=tuple((f"#{r.rank}", r.name, money(r.wagered)) for r in board.rows),
        footer=_("Live standings, updated with every sync"),
        empty=_("Nobody has wagered yet this month."),
    )


async def card_png(board: Board, leaderboards: Leaderboards, locale: str) -> bytes:
    """The board's picture in `locale` (the current one): drawn in a worker thread and kept with the boards,
    so a burst of /card costs one drawing."""
    card = card_of(board)
    return await leaderboards.cached(f"card:{locale}:{board.key()}", lambda: asyncio.to_thread(draw, card))


async def chat_locale(message: Message, i18n: I18n) -> str:
    """A group's or channel's own language (set with /chatlang); in private, the reader's."""
    if message.chat.type == ChatType.PRIVATE:
        return i18n.current_locale
    chat = await chats.chat(message.chat.id)
    return chat.language if chat is not None else i18n.default_locale


async def send_card(message: Message, leaderboards: Leaderboards, settings: Settings, i18n: I18n) -> None:
    locale = await chat_locale(message, i18n)
    with i18n.use_locale(locale):
        board = await live_board(leaderboards, settings)
        png = await card_png(board, leaderboards, locale)
        caption = _("🏁 {month} wager race · /race").format(month=month_name(board.month))
    await message.answer_photo(BufferedInputFile(png, filename="race.png"), caption=caption)


def build_router() -> Router:
    router = Router(name="card")
    router.message.register(send_card, Command("card"))
    return router
