"""The reads behind /status: the latest syncs and the messages still waiting in the outbox."""

from __future__ import annotations

from models.tables import BroadcastDelivery, DeliveryStatus, Notification, SyncOutcome, SyncRun


async def recent_syncs(count: int = 3) -> list[SyncRun]:
    """The latest finished sync runs, newest first."""
    return await SyncRun.exclude(outcome=SyncOutcome.RUNNING).order_by("-id").limit(count)


async def waiting_messages() -> tuple[int, int]:
    """(notifications, broadcast deliveries) not sent yet."""
    notifications = await Notification.filter(status=DeliveryStatus.PENDING).count()
    deliveries = await BroadcastDelivery.filter(status=DeliveryStatus.PENDING).count()
    return notifications, deliveries
