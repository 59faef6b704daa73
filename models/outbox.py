"""The outbox: messages the program sends on its own, one row per message (a notification, or one recipient
of a broadcast). A row is claimed before the send (pending -> sending: only one claimer wins) and settled
after it. A row a stopped process left in `sending` becomes `unknown` at the next start and is not sent
again: at most once, even if that one message may have been lost."""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.queryset import QuerySet

from models import clock
from models.tables import BroadcastDelivery, DeliveryStatus, Notification

Row = TypeVar("Row", Notification, BroadcastDelivery)


async def claim(table: type[Row], row_id: int) -> bool:
    """Take one row for sending; only one sender can, and only once."""
    return bool(await table.filter(id=row_id, status=DeliveryStatus.PENDING).update(status=DeliveryStatus.SENDING))


async def settle(table: type[Row], row_id: int, status: DeliveryStatus, **details: Any) -> None:
    """Record how the send went; `details` are the table's own columns (a broadcast recipient's error)."""
    sent_at = clock.now() if status == DeliveryStatus.SENT else None
    await table.filter(id=row_id).update(status=status, sent_at=sent_at, **details)


async def mark_interrupted(rows: QuerySet[Row]) -> int:
    """At start-up: rows caught mid-send by a stopped process are not sent again."""
    return await rows.filter(status=DeliveryStatus.SENDING).update(status=DeliveryStatus.UNKNOWN)


# Notifications: messages owed to people (race wins, results, alerts), never sent twice.


async def pending_notifications(limit: int = 500) -> list[Notification]:
    return await Notification.filter(status=DeliveryStatus.PENDING).order_by("id").limit(limit)


async def claim_notification(notification_id: int) -> bool:
    return await claim(Notification, notification_id)


async def settle_notification(notification_id: int, status: DeliveryStatus) -> None:
    await settle(Notification, notification_id, status)


async def mark_interrupted_notifications() -> int:
    return await mark_interrupted(Notification.all())
