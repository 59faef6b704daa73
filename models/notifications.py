"""Messages owed to people (race wins, results): claimed before sending, settled after, never sent twice."""

from __future__ import annotations

from models import clock
from models.tables import DeliveryStatus, Notification


async def pending(limit: int = 500) -> list[Notification]:
    return await Notification.filter(status=DeliveryStatus.PENDING).order_by("id").limit(limit)


async def claim(notification_id: int) -> bool:
    return bool(
        await Notification.filter(id=notification_id, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING
        )
    )


async def settle(notification_id: int, status: DeliveryStatus) -> None:
    await Notification.filter(id=notification_id).update(
        status=status, sent_at=clock.now() if status == DeliveryStatus.SENT else None
    )


async def mark_interrupted() -> int:
    """At start-up: a notification caught mid-send by a stopped process is not sent again (at most once)."""
    return await Notification.filter(status=DeliveryStatus.SENDING).update(status=DeliveryStatus.UNKNOWN)
