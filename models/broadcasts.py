"""Broadcasts in the database: the audience is fixed at confirmation, one row per recipient, so a restart
resumes where it stopped and nobody gets the same broadcast twice (a unique pair, not a check in code)."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from models import clock, outbox
from models.audit import record
from models.leaderboard import Leaderboards
from models.race import Race
from models.tables import Broadcast, BroadcastDelivery, BroadcastStatus, DeliveryStatus, TelegramUser

INSERT_BATCH = 1_000


class Audience:
    LINKED = "linked"  # users with a linked Goated account
    EVERYONE = "everyone"  # everyone who started the bot
    TOP = "top"  # "top-N": linked players in the current race's top N


async def recipients(audience: str, leaderboards: Leaderboards, race: Race) -> list[int]:
    reachable = TelegramUser.filter(blocked_bot=False, banned=False)
    if audience == Audience.EVERYONE:
        return await _ids(reachable)
    if audience == Audience.LINKED:
        return await _ids(reachable.filter(player_id__isnull=False))
    kind, _, size = audience.partition("-")
    if kind == Audience.TOP and size.isdecimal():
        top = [e.uid for e in (await leaderboards.race_standings(race)).top(int(size))]
        return await _ids(reachable.filter(player_id__in=top))
    raise ValueError(f"unknown audience {audience!r}")


async def _ids(users: QuerySet[TelegramUser]) -> list[int]:
    return [user_id for (user_id,) in await users.order_by("id").values_list("id")]


async def create(
    admin_id: int, draft_id: str, text: str, photo: str | None, audience: str, users: list[int]
) -> Broadcast | None:
    """The broadcast and all its recipients, or nothing; None when this draft was already confirmed."""
    try:
        async with in_transaction() as conn:
            broadcast = await Broadcast.create(
                created_by=admin_id, draft_id=draft_id, text=text, photo=photo, audience=audience, using_db=conn
            )
            for start in range(0, len(users), INSERT_BATCH):
                await BroadcastDelivery.bulk_create(
                    [
                        BroadcastDelivery(broadcast_id=broadcast.id, user_id=u)
                        for u in users[start : start + INSERT_BATCH]
                    ],
                    using_db=conn,
                )
            await record(
                admin_id,
                "broadcast.start",
                f"broadcast {broadcast.id}",
                after={"audience": audience, "recipients": len(users)},
                using_db=conn,
            )
    except IntegrityError:
        return None
    return broadcast


async def cancel(broadcast_id: int, admin_id: int) -> bool:
    """Stop a broadcast: recipients not yet reached are skipped. False when it had already ended."""
    async with in_transaction() as conn:
        stopped = (
            await Broadcast.filter(id=broadcast_id, status=BroadcastStatus.SENDING)
            .using_db(conn)
            .update(status=BroadcastStatus.CANCELLED, finished_at=clock.now())
        )
        if stopped:
            await (
                BroadcastDelivery.filter(broadcast_id=broadcast_id, status=DeliveryStatus.PENDING)
                .using_db(conn)
                .update(status=DeliveryStatus.SKIPPED)
            )
            await record(admin_id, "broadcast.cancel", f"broadcast {broadcast_id}", using_db=conn)
    return bool(stopped)


async def claim(delivery_id: int) -> bool:
    """Take one recipient for sending; only one sender can, and only once."""
    return await outbox.claim(BroadcastDelivery, delivery_id)


async def settle(delivery_id: int, status: DeliveryStatus, error: str | None = None) -> None:
    await outbox.settle(BroadcastDelivery, delivery_id, status, error=error)


async def next_batch(broadcast_id: int, size: int) -> list[tuple[int, int]]:
    """(delivery id, user id) of recipients still waiting, in order."""
    return (
        await BroadcastDelivery.filter(broadcast_id=broadcast_id, status=DeliveryStatus.PENDING)
        .order_by("id")
        .limit(size)
        .values_list("id", "user_id")
    )


async def finish(broadcast_id: int) -> None:
    await Broadcast.filter(id=broadcast_id, status=BroadcastStatus.SENDING).update(
        status=BroadcastStatus.DONE, finished_at=clock.now()
    )


async def counts(broadcast_id: int) -> dict[DeliveryStatus, int]:
    rows = (
        await BroadcastDelivery.filter(broadcast_id=broadcast_id)
        .annotate(n=Count("id"))
        .group_by("status")
        .values_list("status", "n")
    )
    return {DeliveryStatus(status): n for status, n in rows}


async def get(broadcast_id: int) -> Broadcast:
    return await Broadcast.get(id=broadcast_id)


async def set_progress_message(broadcast_id: int, chat_id: int, message_id: int) -> None:
    """The admin's message that shows the broadcast's progress, edited as it goes."""
    await Broadcast.filter(id=broadcast_id).update(progress_chat_id=chat_id, progress_message_id=message_id)


async def interrupted() -> list[Broadcast]:
    """At start-up: broadcasts a stopped process left running, their recipients caught mid-send marked
    unknown (the outbox's at most once)."""
    running = await Broadcast.filter(status=BroadcastStatus.SENDING).order_by("id")
    for broadcast in running:
        await outbox.mark_interrupted(BroadcastDelivery.filter(broadcast_id=broadcast.id))
    return running
