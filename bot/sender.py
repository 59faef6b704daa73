"""The one outgoing sender: every message the bot starts (not replies to an update) goes through here.

It keeps within Telegram's limits (about 30 messages/s overall, 1/s per private chat, 20/min per group),
waits out `retry_after`, retries network and server errors a few times, and marks users who blocked the bot,
who are then skipped by everything that reads `blocked_bot`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import Message

from metrics import telegram_messages_total
from models.tables import DeliveryStatus
from models.users import mark_blocked

log = logging.getLogger(__name__)

PRUNE_ABOVE = 10_000  # per-chat timestamps kept before old ones are dropped
MAX_RETRY_AFTER = 300.0  # a longer wait than this is treated as a failure, not slept through


class Outcome(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"  # the user blocked the bot or deleted their account
    FAILED = "failed"


# How an outcome is recorded on a broadcast recipient or a notification row.
STORED_STATUS = {
    Outcome.SENT: DeliveryStatus.SENT,
    Outcome.BLOCKED: DeliveryStatus.BLOCKED,
    Outcome.FAILED: DeliveryStatus.FAILED,
}


def blocked_the_bot(error: TelegramForbiddenError) -> bool:
    """The person blocked the bot or deleted their account; being kicked from a group is not that."""
    return "blocked" in error.message or "deactivated" in error.message


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    message: Message | None = None
    error: str | None = None


class Sender:
    def __init__(
        self,
        bot: Bot,
        per_second: float = 30.0,
        chat_interval: float = 1.0,
        group_interval: float = 3.0,
        attempts: int = 4,
        backoff: float = 1.0,
    ) -> None:
        self.bot = bot
        self.interval = 1.0 / per_second
        self.chat_interval, self.group_interval = chat_interval, group_interval
        self.attempts, self.backoff = attempts, backoff
        self._next_any = 0.0  # monotonic time of the next free slot, for any chat
        self._next_chat: dict[int, float] = {}
        self._lock = asyncio.Lock()
        self.counts = {"sent": 0, "failed": 0, "blocked": 0, "retried": 0}

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> Delivery:
        return await self.deliver(chat_id, lambda: self.bot.send_message(chat_id, text, **kwargs))

    async def send_photo(self, chat_id: int, photo: str, caption: str, **kwargs: Any) -> Delivery:
        return await self.deliver(chat_id, lambda: self.bot.send_photo(chat_id, photo, caption=caption, **kwargs))

    async def deliver(self, chat_id: int, call: Callable[[], Awaitable[Any]]) -> Delivery:
        """Make one Bot API call addressed to `chat_id`, paced and retried."""
        for attempt in range(1, self.attempts + 1):
            await self._wait_for_slot(chat_id)
            try:
                result = await call()
            except TelegramRetryAfter as error:
                if error.retry_after > MAX_RETRY_AFTER:
                    return self._failed(chat_id, error)
                # A flood wait applies to the whole bot: everyone waits, not just this chat.
                await self._pause(float(error.retry_after))
            except TelegramForbiddenError as error:
                if chat_id > 0 and blocked_the_bot(error):
                    await mark_blocked(chat_id)
                    self.counts["blocked"] += 1
                    telegram_messages_total.labels("blocked").inc()
                    return Delivery(Outcome.BLOCKED, error=error.message)
                return self._failed(chat_id, error)
            except TelegramNetworkError as error:
                # A timeout may come after Telegram accepted the message: sending again could deliver it twice.
                await self._pause(self.backoff)
                return self._failed(chat_id, error)
            except TelegramServerError as error:  # a 5xx answer: the message was not taken
                if attempt == self.attempts:
                    return self._failed(chat_id, error)
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
            except TelegramAPIError as error:  # bad request, chat not found, …: retrying cannot help
                return self._failed(chat_id, error)
            else:
                self.counts["sent"] += 1
                telegram_messages_total.labels("sent").inc()
                return Delivery(Outcome.SENT, message=result if isinstance(result, Message) else None)
            self.counts["retried"] += 1
            telegram_messages_total.labels("retried").inc()
        return self._failed(chat_id, None)

    def _failed(self, chat_id: int, error: TelegramAPIError | None) -> Delivery:
        self.counts["failed"] += 1
        telegram_messages_total.labels("failed").inc()
        text = error.message if error is not None else "retries exhausted"
        log.warning("could not send to chat %d: %s", chat_id, text)
        return Delivery(Outcome.FAILED, error=text[:255])

    async def _wait_for_slot(self, chat_id: int) -> None:
        async with self._lock:
            now = time.monotonic()
            start = max(now, self._next_any, self._next_chat.get(chat_id, 0.0))
            self._next_any = start + self.interval
            self._next_chat[chat_id] = start + (self.chat_interval if chat_id > 0 else self.group_interval)
            if len(self._next_chat) > PRUNE_ABOVE:
                self._next_chat = {chat: at for chat, at in self._next_chat.items() if at > now}
        if start > now:
            await asyncio.sleep(start - now)

    async def _pause(self, seconds: float) -> None:
        async with self._lock:
            self._next_any = max(self._next_any, time.monotonic() + seconds)
