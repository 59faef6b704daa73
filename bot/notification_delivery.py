"""Delivers the notifications the program owes (models.outbox), each in its reader's language, with players'
names as NAME_DISPLAY lets that reader see them."""

from __future__ import annotations

import asyncio
import logging

from aiogram.utils.i18n import I18n

from bot.notification_texts import render
from bot.sender import STORED_STATUS, Outcome, Sender
from bot.texts import reader_names, speaking_to
from models import outbox
from models.names import FULL
from models.tables import DeliveryStatus, Notification
from models.users import addressee

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, sender: Sender, i18n: I18n, name_display: str = FULL) -> None:
        self.sender, self.i18n, self.name_display = sender, i18n, name_display
        self._lock = asyncio.Lock()  # one delivery round at a time
        self._rounds: set[asyncio.Task[None]] = set()

    def deliver_soon(self) -> None:
        """Deliver in the background: the admin's update is answered without waiting for every message."""
        task = asyncio.create_task(self._round_in_background())
        self._rounds.add(task)
        task.add_done_callback(self._rounds.discard)

    async def _round_in_background(self) -> None:
        try:
            await self.deliver_pending()
        except Exception:  # the rows stay pending; the next round (or the next start) sends them
            log.exception("a notification round failed")

    async def idle(self, timeout: float | None = None) -> None:
        """Wait for the background rounds (at shutdown, and in tests before looking at what was sent)."""
        while self._rounds:
            await asyncio.wait(set(self._rounds), timeout=timeout)
            if timeout is not None:
                return

    async def deliver_pending(self) -> int:
        sent = 0
        async with self._lock:
            for notification in await outbox.pending_notifications():
                if await outbox.claim_notification(notification.id):
                    sent += await self._deliver(notification) == Outcome.SENT
        return sent

    async def _deliver(self, notification: Notification) -> Outcome | None:
        """Send one claimed notification and settle it; None when it was not sent at all."""
        user = await addressee(notification.user_id)
        private = notification.user_id > 0  # Telegram's groups and channels have negative ids
        try:
            with speaking_to(self.i18n, user):
                text = await render(notification, reader_names(self.name_display, user, private))
        except Exception:  # a bad payload must not stop the others
            log.exception("could not render notification %d", notification.id)
            await outbox.settle_notification(notification.id, DeliveryStatus.FAILED)
            return None
        if text is None or user.blocked_bot:
            await outbox.settle_notification(notification.id, DeliveryStatus.SKIPPED)
            return None
        delivery = await self.sender.send_message(user.id, text)
        await outbox.settle_notification(notification.id, STORED_STATUS[delivery.outcome])
        return delivery.outcome
