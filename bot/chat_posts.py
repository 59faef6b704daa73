"""Scheduled posts in the bot's groups and channels (`/schedule`): the daily standings at a set time in
RACE_TIMEZONE, a race's final results when it ends, the new race's start. The leader's race job asks after
every tick what is owed (models.chats.due_posts, by the product's clock); each occurrence becomes one /post row
with a unique key, so it is posted at most once, on any replica, before or after a restart."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.card import card_png, final_board, live_board
from bot.chats import target_chat
from bot.filters import IsAdmin
from bot.liveboard import board_text
from bot.posting import CARD, Poster
from bot.race_texts import month_name
from bot.texts import money
from models import chats, clock, posts
from models.chats import Due, Scheduled
from models.leaderboard import Leaderboards
from models.race import load_race
from models.results import finished_race
from models.tables import BotChat, TelegramUser
from settings import Settings

log = logging.getLogger(__name__)

MAX_CAPTION = 1000  # Telegram: 1,024 characters for a caption
DAILY_AT = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def caption(text: str) -> str:
    """The post's text under the card: whole when Telegram's caption takes it, else its first line."""
    return text if len(text) <= MAX_CAPTION else text.split("\n", 1)[0]


class ScheduledPosts:
    def __init__(self, poster: Poster, i18n: I18n, leaderboards: Leaderboards, settings: Settings) -> None:
        self.poster, self.i18n, self.leaderboards, self.settings = poster, i18n, leaderboards, settings

    async def run(self) -> int:
        """Post what is owed now; the number of posts started."""
        now = clock.now()
        race = await load_race(now, self.settings.race_timezone)
        ended = await load_race(race.starts_at - timedelta(seconds=1), self.settings.race_timezone)
        ended_final = await finished_race(ended.month) is not None
        started = 0
        for chat in await chats.scheduled_chats():
            for due in chats.due_posts(chat, now, race, ended, ended_final):
                text = await self._text(chat, due)
                card = f"{CARD}{due.month}" if due.kind == Scheduled.RESULTS else f"{CARD}live"
                post = await posts.create_scheduled(due.key, chat.id, caption(text), card) if text else None
                if post is not None:
                    self.poster.start(post.id)
                    started += 1
        return started

    async def card_for(self, chat_id: int, spec: str) -> bytes | None:
        """The race card a scheduled post shows ("card:live", or "card:2026-11" for a race's final results), in
        the chat's language; None when there is nothing to draw."""
        chat = await chats.chat(chat_id)
        locale = chat.language if chat is not None else self.i18n.default_locale
        month = spec.removeprefix(CARD)
        with self.i18n.context(), self.i18n.use_locale(locale):
            board = await (
                live_board(self.leaderboards, self.settings) if month == "live" else final_board(month, self.settings)
            )
            return await card_png(board, self.leaderboards, locale) if board is not None else None

    async def _text(self, chat: BotChat, due: Due) -> str | None:
        with self.i18n.context(), self.i18n.use_locale(chat.language):
            if due.kind == Scheduled.RESULTS:
                board = await final_board(due.month, self.settings)
                return board_text(board, self.settings) if board else None
            if due.kind == Scheduled.NEW_RACE:
                race = await self.leaderboards.race(clock.now(), self.settings.race_timezone)
                return _("🆕 The {month} wager race has begun! Prize pool: <b>{pool}</b>. Your place: /race").format(
                    month=month_name(race.month), pool=money(race.prize_pool)
                )
            return board_text(await live_board(self.leaderboards, self.settings), self.settings)


def schedule_text(chat: BotChat, zone: str) -> str:
    on, off = _("on"), _("off")
    return "\n".join(
        [
            _("<b>Scheduled posts in {title}</b>").format(title=escape(chat.title)),
            _("Daily standings: {at}").format(at=chat.daily_at or off),
            _("Final results at the race's end: {state}").format(state=on if chat.post_results else off),
            _("The new race's start: {state}").format(state=on if chat.post_new_race else off),
            "",
            _(
                "Change with /schedule daily HH:MM (or off), /schedule results on|off, /schedule newrace on|off; "
                "times are in {zone}."
            ).format(zone=escape(zone)),
        ]
    )


async def apply_schedule(chat_id: int, by: int, words: list[str]) -> BotChat | None:
    """The change `/schedule` asks for, made; None when it is not understood."""
    if len(words) != 2:
        return None
    what, value = words[0].lower(), words[1].lower()
    if what == "daily":
        if value == "off":
            return await chats.set_schedule(chat_id, by, daily_at="")
        match = DAILY_AT.match(value)
        return await chats.set_schedule(chat_id, by, daily_at=f"{int(match[1]):02d}:{match[2]}") if match else None
    if value not in ("on", "off"):
        return None
    if what == "results":
        return await chats.set_schedule(chat_id, by, results=value == "on")
    if what == "newrace":
        return await chats.set_schedule(chat_id, by, new_race=value == "on")
    return None


async def schedule(message: Message, command: CommandObject, user: TelegramUser, settings: Settings) -> None:
    chat, rest = await target_chat(message, (command.args or "").split())
    if chat is None:
        await message.answer(_("Usage: /schedule in a group, or /schedule &lt;chat id&gt; here for a channel."))
        return
    if rest:
        chat = await apply_schedule(chat.id, user.id, rest) or chat
    await message.answer(schedule_text(chat, settings.race_timezone))


def build_router() -> Router:
    router = Router(name="chat_posts")
    router.message.register(schedule, Command("schedule"), IsAdmin())
    return router
