"""Sends /post announcements to their chats in the background, through the one sender, and resumes them after
a restart. Each chat is claimed in the database before the send and settled after it, so no chat gets a post
twice; a chat that refuses because the bot was removed stops being posted to, and the admins are told."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from html import escape

from aiogram.types import BufferedInputFile
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.notification_delivery import Notifier
from bot.sender import STORED_STATUS, Delivery, Sender
from bot.texts import speaking_to
from models import chats, posts
from models.posts import Outcome
from models.tables import DeliveryStatus
from models.users import addressee

log = logging.getLogger(__name__)

CARD = "card:"  # a post's `photo` that starts so is the race card, drawn when it is sent ("card:live", "card:2026-11")
MUTED = ("have no rights", "not enough rights", "CHAT_WRITE_FORBIDDEN")  # still in the chat, may not post
REMOVED = ("kicked", "not a member", "chat not found", "have no rights", "not enough rights", "CHAT_WRITE_FORBIDDEN")


async def refused(chat_id: int, error: str) -> bool:
    """Telegram refused a send because the bot is gone from the chat or may not post there: the chat is marked
    (True when this is news, and the admins are owed a message)."""
    if not any(word in error for word in REMOVED):
        return False
    return await chats.mark_lost(chat_id, removed=not any(word in error for word in MUTED))


def outcome_line(outcome: Outcome) -> str:
    title = escape(outcome.title)
    if outcome.status == DeliveryStatus.SENT:
        return _("✅ {title}: posted").format(title=title)
    if outcome.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING):
        return _("⏳ {title}: waiting").format(title=title)
    if outcome.status == DeliveryStatus.UNKNOWN:
        return _("❔ {title}: interrupted by a restart, maybe posted; not posted again").format(title=title)
    return _("❌ {title}: not posted ({error})").format(title=title, error=escape(outcome.error or "?"))


def report_text(post_id: int, outcomes: list[Outcome], done: bool) -> str:
    head = (
        _("📢 <b>Post #{id}</b>: done").format(id=post_id)
        if done
        else _("📢 <b>Post #{id}</b>: posting…").format(id=post_id)
    )
    return "\n".join([head, *(outcome_line(o) for o in outcomes)])


class Poster:
    def __init__(self, sender: Sender, i18n: I18n, notifier: Notifier) -> None:
        self.sender, self.i18n, self.notifier = sender, i18n, notifier
        self._tasks: dict[int, asyncio.Task[None]] = {}
        # One post at a time, in the order they were started: a race's results go out before the next race's start.
        self._turn = asyncio.Lock()
        # Draws the race card for a chat (chat id, the post's "card:…"); set by the wiring (bot.chat_posts).
        self.cards: Callable[[int, str], Awaitable[bytes | None]] | None = None

    def start(self, post_id: int) -> None:
        if post_id not in self._tasks:
            task = asyncio.create_task(self._run(post_id), name=f"post-{post_id}")
            self._tasks[post_id] = task
            task.add_done_callback(lambda _t: self._tasks.pop(post_id, None))

    async def resume(self) -> int:
        running = await posts.interrupted()
        for post in running:
            log.info("resuming post %d", post.id)
            self.start(post.id)
        return len(running)

    async def wait(self, post_id: int) -> None:
        task = self._tasks.get(post_id)
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    async def _run(self, post_id: int) -> None:
        async with self._turn:
            await self._send_post(post_id)

    async def _send_post(self, post_id: int) -> None:
        try:
            post = await posts.get(post_id)
            for delivery_id, chat_id in await posts.pending(post_id):
                if not await posts.claim(delivery_id):
                    continue
                delivery = await self._send(chat_id, post.text, post.photo)
                await posts.settle(delivery_id, STORED_STATUS[delivery.outcome], delivery.error)
                if await refused(chat_id, delivery.error or ""):
                    self.notifier.deliver_soon()
            await posts.finish(post_id)
            await self.show_report(post_id)
        except Exception:
            log.exception("post %d stopped by an error; it resumes at the next start", post_id)

    async def _send(self, chat_id: int, text: str, photo: str | None) -> Delivery:
        if photo and photo.startswith(CARD):
            png = await self.cards(chat_id, photo) if self.cards is not None else None
            if png is None:
                return await self.sender.send_message(chat_id, text)
            picture = BufferedInputFile(png, filename="race.png")
            return await self.sender.deliver(
                chat_id, lambda: self.sender.bot.send_photo(chat_id, picture, caption=text)
            )
        if photo:
            return await self.sender.send_photo(chat_id, photo, text)
        return await self.sender.send_message(chat_id, text)

    async def show_report(self, post_id: int) -> None:
        post = await posts.get(post_id)
        if post.report_chat_id is None or post.report_message_id is None:
            return
        with speaking_to(self.i18n, await addressee(post.created_by)):
            text = report_text(post_id, await posts.outcomes(post_id), done=post.finished_at is not None)
        chat_id, message_id = post.report_chat_id, post.report_message_id
        await self.sender.deliver(
            chat_id, lambda: self.sender.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
        )
