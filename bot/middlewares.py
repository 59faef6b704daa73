"""Outer middlewares: who is talking (the `user` row) and in which language."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject, User
from aiogram.utils.i18n import I18nMiddleware

from bot.menu import set_admin_commands
from bot.review_cards import send_missing_cards
from bot.texts import user_locale
from models.tables import Role, TelegramUser
from models.users import ADMIN_ROLES, upsert_user

log = logging.getLogger(__name__)

BIGINT = range(-(2**63), 2**63)  # the ids the database can hold (Telegram's are far smaller)
# Telegram's limits: usernames are 5-32 characters, language codes IETF tags; longer ones are not Telegram's.
MAX_USERNAME, MAX_LANGUAGE_CODE = 32, 16


class InFlightUpdates(BaseMiddleware):
    """Counts the updates being handled, so that the dispatcher's shutdown hook can wait for them."""

    def __init__(self) -> None:
        self.handling = 0
        self.idle = asyncio.Event()
        self.idle.set()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        self.handling += 1
        self.idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.handling -= 1
            if not self.handling:
                self.idle.set()

    async def finish(self) -> None:
        """The shutdown hook: wait for the updates in hand (whoever stops polling bounds the wait)."""
        await self.idle.wait()


class UserMiddleware(BaseMiddleware):
    """Upserts the sender's TelegramUser row and hands it to handlers as `user`."""

    def __init__(self, owner_ids: frozenset[int]) -> None:
        self.owner_ids = owner_ids

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        for kind, talker in (("user", sender), ("chat", chat)):
            if talker is not None and talker.id not in BIGINT:  # no Telegram id is that large: a forged update
                log.warning("ignored an update from %s id %.30s…, outside the database's range", kind, talker.id)
                return None
        if sender is None:
            return await handler(event, data)
        if sender.is_bot:  # an anonymous group admin or a channel: answer, but keep no row
            data["user"] = TelegramUser(id=sender.id, first_name=sender.first_name, role=Role.USER)
            return await handler(event, data)
        user, role_changed = await upsert_user(
            sender.id,
            _within(sender.username, MAX_USERNAME),
            sender.first_name,
            _within(sender.language_code, MAX_LANGUAGE_CODE),
            owner=sender.id in self.owner_ids,
        )
        if role_changed and data.get("bot") is not None and data.get("i18n") is not None:
            await set_admin_commands(data["bot"], data["i18n"], user)  # an owner added to (or removed from) ADMIN_IDS
        if user.banned and user.role not in ADMIN_ROLES:
            return None  # banned by an admin: ignored
        data["user"] = user
        result = await handler(event, data)
        if role_changed and user.role in ADMIN_ROLES and data.get("sender") is not None:
            # An admin's first contact, whatever it says: the requests waiting for review follow the answer.
            await send_missing_cards(data["sender"], data["i18n"], user)
        return result


def _within(text: str | None, limit: int) -> str | None:
    """A profile field Telegram keeps short; a longer one (a forged update) is kept cut to its column."""
    return text[:limit] if text is not None else None


class UserLocaleMiddleware(I18nMiddleware):
    """The language a user chose, else the one their Telegram app uses, else the default."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user: TelegramUser | None = data.get("user")
        return user_locale(self.i18n, user) if user else self.i18n.default_locale
