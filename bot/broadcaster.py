"""Runs broadcasts in the background through the one sender, and resumes them after a restart.

Each recipient is claimed in the database before the send and settled after it, so no recipient is sent
twice, by this process or the next. At shutdown, sends already started are finished, not abandoned.
"""

from __future__ import annotations

import asyncio
import logging
import time

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.sender import STORED_STATUS, Sender
from bot.texts import speaking_to
from models import broadcasts
from models.tables import Broadcast, BroadcastStatus, DeliveryStatus
from models.users import addressee

log = logging.getLogger(__name__)

BATCH = 200
PROGRESS_EVERY = 3.0  # seconds between edits of the progress message


class BroadcastButton(CallbackData, prefix="bc"):
    action: str  # audience | send | drop (the draft) | cancel (a running broadcast)
    value: str = ""


def cancel_keyboard(broadcast_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("⏹ Cancel the broadcast"), callback_data=BroadcastButton(action="cancel", value=str(broadcast_id))
    )
    return builder.as_markup()


def progress_text(broadcast: Broadcast, counts: dict[DeliveryStatus, int]) -> str:
    left = counts.get(DeliveryStatus.PENDING, 0) + counts.get(DeliveryStatus.SENDING, 0)
    failed = sum(counts.get(s, 0) for s in (DeliveryStatus.FAILED, DeliveryStatus.BLOCKED, DeliveryStatus.UNKNOWN))
    state = {
        BroadcastStatus.SENDING: _("sending…"),
        BroadcastStatus.DONE: _("finished"),
        BroadcastStatus.CANCELLED: _("cancelled"),
    }[broadcast.status]
    lines = [
        _("📣 <b>Broadcast #{id}</b>: {state}").format(id=broadcast.id, state=state),
        _("Sent: {sent} · failed: {failed} · left: {left}").format(
            sent=counts.get(DeliveryStatus.SENT, 0), failed=failed, left=left
        ),
    ]
    if counts.get(DeliveryStatus.BLOCKED):
        lines.append(_("{n} had blocked the bot and are skipped from now on.").format(n=counts[DeliveryStatus.BLOCKED]))
    if counts.get(DeliveryStatus.SKIPPED):
        lines.append(_("Not sent because of the cancel: {n}").format(n=counts[DeliveryStatus.SKIPPED]))
    return "\n".join(lines)


class Broadcaster:
    def __init__(self, sender: Sender, i18n: I18n, workers: int = 8) -> None:
        self.sender, self.i18n, self.workers = sender, i18n, workers
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._stopping = False

    def start(self, broadcast_id: int) -> None:
        if broadcast_id not in self._tasks and not self._stopping:
            task = asyncio.create_task(self._run(broadcast_id), name=f"broadcast-{broadcast_id}")
            self._tasks[broadcast_id] = task
            task.add_done_callback(lambda _t: self._tasks.pop(broadcast_id, None))

    async def resume(self) -> int:
        running = await broadcasts.interrupted()
        for broadcast in running:
            log.info("resuming broadcast %d", broadcast.id)
            self.start(broadcast.id)
        return len(running)

    async def wait(self, broadcast_id: int) -> None:
        task = self._tasks.get(broadcast_id)
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    async def stop(self, grace: float) -> None:
        """No new recipient is claimed; sends in flight get `grace` seconds to finish."""
        self._stopping = True
        tasks = list(self._tasks.values())
        if not tasks:
            return
        done, not_done = await asyncio.wait(tasks, timeout=grace)
        for task in not_done:
            task.cancel()
        await asyncio.gather(*not_done, return_exceptions=True)

    async def _run(self, broadcast_id: int) -> None:
        try:
            broadcast = await broadcasts.get(broadcast_id)
            last_progress = time.monotonic()
            while not self._stopping:
                batch = await broadcasts.next_batch(broadcast_id, BATCH)
                if not batch:
                    break
                queue: asyncio.Queue[tuple[int, int]] = asyncio.Queue()
                for item in batch:
                    queue.put_nowait(item)
                await asyncio.gather(*(self._worker(queue, broadcast) for _ in range(self.workers)))
                if time.monotonic() - last_progress >= PROGRESS_EVERY:
                    last_progress = time.monotonic()
                    await self.show_progress(broadcast_id)
            if not self._stopping:
                await broadcasts.finish(broadcast_id)
                await self.show_progress(broadcast_id)
        except Exception:
            log.exception("broadcast %d stopped by an error; it resumes at the next start", broadcast_id)

    async def _worker(self, queue: asyncio.Queue[tuple[int, int]], broadcast: Broadcast) -> None:
        while not self._stopping and not queue.empty():
            delivery_id, user_id = queue.get_nowait()
            if not await broadcasts.claim(delivery_id):
                continue  # cancelled meanwhile, or taken by someone else
            if broadcast.photo:
                delivery = await self.sender.send_photo(user_id, broadcast.photo, broadcast.text)
            else:
                delivery = await self.sender.send_message(user_id, broadcast.text)
            await broadcasts.settle(delivery_id, STORED_STATUS[delivery.outcome], delivery.error)

    async def show_progress(self, broadcast_id: int) -> None:
        broadcast = await broadcasts.get(broadcast_id)
        if broadcast.progress_chat_id is None or broadcast.progress_message_id is None:
            return
        admin = await addressee(broadcast.created_by)
        with speaking_to(self.i18n, admin):
            text = progress_text(broadcast, await broadcasts.counts(broadcast_id))
            markup = cancel_keyboard(broadcast_id) if broadcast.status == BroadcastStatus.SENDING else None
        chat_id, message_id = broadcast.progress_chat_id, broadcast.progress_message_id
        await self.sender.deliver(
            chat_id,
            lambda: self.sender.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=markup
            ),
        )
