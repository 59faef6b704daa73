"""Announcements to the bot's groups and channels (/post): the chats are fixed at confirmation, one row per
chat, so a restart resumes where it stopped and no chat gets the same post twice (a unique pair)."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import clock
from models.audit import SYSTEM, record
from models.tables import BotChat, BroadcastStatus, ChatPost, ChatPostDelivery, DeliveryStatus


async def create(admin_id: int, draft_id: str, text: str, photo: str | None, chat_ids: list[int]) -> ChatPost | None:
    """The post and its chats, or nothing; None when this draft was already confirmed."""
    try:
        async with in_transaction() as conn:
            post = await ChatPost.create(created_by=admin_id, draft_id=draft_id, text=text, photo=photo, using_db=conn)
            await ChatPostDelivery.bulk_create(
                [ChatPostDelivery(post_id=post.id, chat_id=chat_id) for chat_id in chat_ids], using_db=conn
            )
            await record(admin_id, "post.start", f"post {post.id}", after={"chats": chat_ids}, using_db=conn)
    except IntegrityError:
        return None
    return post


async def create_scheduled(key: str, chat_id: int, text: str, photo: str | None = None) -> ChatPost | None:
    """A scheduled post's one occurrence (`key`, unique): None when it was already made, here or on another
    replica, before or after a restart."""
    try:
        async with in_transaction() as conn:
            post = await ChatPost.create(created_by=SYSTEM, draft_id=key, text=text, photo=photo, using_db=conn)
            await ChatPostDelivery.create(post_id=post.id, chat_id=chat_id, using_db=conn)
    except IntegrityError:
        return None
    return post


async def get(post_id: int) -> ChatPost:
    return await ChatPost.get(id=post_id)


async def claim(delivery_id: int) -> bool:
    """Take one chat for sending; only one sender can, and only once."""
    return bool(
        await ChatPostDelivery.filter(id=delivery_id, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING
        )
    )


async def settle(delivery_id: int, status: DeliveryStatus, error: str | None = None) -> None:
    sent_at = clock.now() if status == DeliveryStatus.SENT else None
    await ChatPostDelivery.filter(id=delivery_id).update(status=status, error=error, sent_at=sent_at)


async def pending(post_id: int) -> list[tuple[int, int]]:
    """(delivery id, chat id) of the chats still waiting, in order."""
    return (
        await ChatPostDelivery.filter(post_id=post_id, status=DeliveryStatus.PENDING)
        .order_by("id")
        .values_list("id", "chat_id")
    )


async def finish(post_id: int) -> None:
    await ChatPost.filter(id=post_id, status=BroadcastStatus.SENDING).update(
        status=BroadcastStatus.DONE, finished_at=clock.now()
    )


@dataclass(frozen=True)
class Outcome:
    chat_id: int
    title: str
    status: DeliveryStatus
    error: str | None


async def outcomes(post_id: int) -> list[Outcome]:
    """How the post went in each of its chats."""
    rows = await ChatPostDelivery.filter(post_id=post_id).order_by("id")
    titles = dict(await BotChat.filter(id__in=[r.chat_id for r in rows]).values_list("id", "title"))
    return [Outcome(r.chat_id, titles.get(r.chat_id, str(r.chat_id)), r.status, r.error) for r in rows]


async def set_report_message(post_id: int, chat_id: int, message_id: int) -> None:
    """The admin's message that tells how the post went, edited when it is done."""
    await ChatPost.filter(id=post_id).update(report_chat_id=chat_id, report_message_id=message_id)


async def interrupted() -> list[ChatPost]:
    """At start-up: posts a stopped process left sending; their chats caught mid-send are marked unknown and
    not sent again (the outbox's at most once)."""
    running = await ChatPost.filter(status=BroadcastStatus.SENDING).order_by("id")
    for post in running:
        await ChatPostDelivery.filter(post_id=post.id, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.UNKNOWN
        )
    return running
