"""Flood control: about 5 actions per 10 seconds per user (then one polite notice and silence), and a
short cooldown per group, so nobody can make the bot flood a chat or Telegram's limits."""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject, User
from aiogram.utils.i18n import gettext as _

from models import clock
from models.tables import TelegramUser
from models.users import ADMIN_ROLES

GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)
PRUNE_ABOVE = 10_000  # tracked users/groups before stale entries are dropped


def product_seconds() -> float:
    """The product's clock (models.clock), so a test that moves it sees the same limits every run."""
    return clock.now().timestamp()


class Throttle(BaseMiddleware):
    def __init__(
        self,
        rate: int = 5,
        per: float = 10.0,
        group_interval: float = 3.0,
        clock: Callable[[], float] = product_seconds,
    ) -> None:
        self.rate, self.per, self.group_interval, self.clock = rate, per, group_interval, clock
        self._hits: dict[int, deque[float]] = {}
        self._warned: set[int] = set()
        self._group_answered: dict[int, float] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        now = self.clock()
        user: User | None = data.get("event_from_user")
        member: TelegramUser | None = data.get("user")
        if member is not None and member.role in ADMIN_ROLES:
            return await handler(event, data)  # admins work in bursts (queues, bulk actions) and are trusted
        if user is not None and not self._allow_user(user.id, now):
            if user.id not in self._warned:
                self._warned.add(user.id)
                await self._notice(event)
            elif isinstance(event, CallbackQuery):
                await event.answer()  # stop the button's spinner, silently
            return None
        chat: Chat | None = data.get("event_chat")
        if (
            isinstance(event, Message)
            and chat is not None
            and chat.type in GROUP_TYPES
            and (event.text or "").startswith("/")
        ):
            last = self._group_answered.get(chat.id)
            if last is not None and now - last < self.group_interval:
                return None
            self._group_answered[chat.id] = now
        return await handler(event, data)

    def _allow_user(self, user_id: int, now: float) -> bool:
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] > self.per:
            hits.popleft()
        if len(hits) >= self.rate:
            return False
        hits.append(now)
        self._warned.discard(user_id)
        if len(self._hits) > PRUNE_ABOVE:
            self._prune(now)
        return True

    def _prune(self, now: float) -> None:
        self._hits = {uid: h for uid, h in self._hits.items() if h and now - h[-1] <= self.per}
        self._group_answered = {cid: t for cid, t in self._group_answered.items() if now - t <= self.group_interval}

    @staticmethod
    async def _notice(event: TelegramObject) -> None:
        text = _("Easy there! Please wait a few seconds before the next command.")
        if isinstance(event, CallbackQuery):
            await event.answer(text)
        elif isinstance(event, Message):
            await event.reply(text)
