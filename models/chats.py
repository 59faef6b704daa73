"""The groups and channels the bot is in (BotChat): what it may do there, the chat's language, and what it posts
there on its own (the live leaderboard post, scheduled posts). Handlers and jobs read and change them here."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from models import clock
from models.audit import record
from models.notification_kinds import ChatLost, Payload
from models.race import Race
from models.tables import BotChat, ChatStatus, Notification
from models.users import reachable_admins

PRESENT = (ChatStatus.MEMBER, ChatStatus.ADMINISTRATOR, ChatStatus.RESTRICTED)


@dataclass(frozen=True)
class Rights:
    """What a `my_chat_member` update says the bot may do in a chat."""

    status: ChatStatus
    can_post: bool
    can_pin: bool = False
    can_edit: bool = False


async def chat(chat_id: int) -> BotChat | None:
    return await BotChat.get_or_none(id=chat_id)


async def seen_in(chat_id: int, kind: str, title: str) -> BotChat:
    """A group or channel the bot is used in: recorded the first time (as a member that may post), its title
    kept up to date."""
    found, created = await BotChat.get_or_create(
        id=chat_id, defaults={"kind": kind, "title": title[:255], "updated_at": clock.now()}
    )
    if not created and (found.title != title[:255] or found.status not in PRESENT):
        # A message there means the bot is there: a missed `my_chat_member` update is made up for.
        changes = {"title": title[:255], "updated_at": clock.now()}
        if found.status not in PRESENT:
            changes |= {"status": ChatStatus.MEMBER, "can_post": True}
        await BotChat.filter(id=chat_id).update(**changes)
        await found.refresh_from_db()
    return found


async def update_rights(chat_id: int, kind: str, title: str, rights: Rights, by: int | None) -> tuple[BotChat, bool]:
    """The bot's membership changed (added, promoted, demoted, removed). Returns the chat and whether the bot
    has just lost the right to post there, which the admins are told of once (a Notification each)."""
    now = clock.now()
    values = {
        "kind": kind,
        "title": title[:255],
        "status": rights.status,
        "can_post": rights.can_post,
        "can_pin": rights.can_pin,
        "can_edit": rights.can_edit,
        "updated_at": now,
    }
    found, created = await BotChat.get_or_create(id=chat_id, defaults={**values, "added_by": by})
    lost = False
    if not created:
        # Only one update can turn "may post" off: the admins are told once, even if Telegram repeats it.
        if not rights.can_post:
            lost = bool(await BotChat.filter(id=chat_id, can_post=True).update(**values))
        await BotChat.filter(id=chat_id).update(**values, **({"added_by": by} if rights.can_post and by else {}))
        await found.refresh_from_db()
    if lost:
        await owe_admins(f"chat:{chat_id}:lost:{now.isoformat(timespec='seconds')}", ChatLost(chat_id, found.title))
    return found, lost


async def mark_lost(chat_id: int, removed: bool = True) -> bool:
    """A send there was refused (the bot was removed, or may not post, and the update about it missed): it stops
    posting there, and the admins are told once. False when it was known already. Not `removed` (still there,
    muted), the chat stays present: a message seen there later does not make it postable again."""
    now = clock.now()
    status = ChatStatus.LEFT if removed else ChatStatus.RESTRICTED
    lost = await BotChat.filter(id=chat_id, can_post=True).update(
        status=status, can_post=False, can_pin=False, can_edit=False, updated_at=now
    )
    if lost:
        found = await BotChat.get(id=chat_id)
        await owe_admins(f"chat:{chat_id}:lost:{now.isoformat(timespec='seconds')}", ChatLost(chat_id, found.title))
    return bool(lost)


async def owe_admins(key: str, payload: Payload) -> None:
    """A message to every reachable admin, at most once per `key` and admin (the outbox delivers it)."""
    for admin in await reachable_admins():
        with contextlib.suppress(IntegrityError):
            await Notification.create(
                key=f"{key}:{admin.id}"[:128],
                user_id=admin.id,
                kind=payload.kind,
                payload=payload.to_json(),
                created_at=clock.now(),
            )


async def chats(present_only: bool = True) -> list[BotChat]:
    """The bot's groups and channels, the ones it is still in first, by title."""
    rows = BotChat.all() if not present_only else BotChat.filter(status__in=PRESENT)
    found = await rows.order_by("title", "id")
    return sorted(found, key=lambda chat: chat.status not in PRESENT)  # stable: by title within each part


async def postable() -> list[BotChat]:
    """The chats the bot may post in now."""
    return await BotChat.filter(status__in=PRESENT, can_post=True).order_by("title", "id")


async def set_language(chat_id: int, code: str, by: int) -> None:
    before = await BotChat.get(id=chat_id)
    await BotChat.filter(id=chat_id).update(language=code)
    await record(by, "chat.language", f"chat {chat_id}", before={"language": before.language}, after={"language": code})


# ---- the live leaderboard post ----


async def set_live(chat_id: int, on: bool, by: int) -> bool:
    """Switch the live post on or off; False when it already was. Switching on starts a new post."""
    changes = {"live_on": on} if not on else {"live_on": True, "live_message_id": None, "live_digest": None}
    changed = await BotChat.filter(id=chat_id, live_on=not on).update(**changes)
    if changed:
        await record(by, "chat.liveboard", f"chat {chat_id}", after={"on": on})
    return bool(changed)


async def live_chats() -> list[BotChat]:
    return await BotChat.filter(live_on=True, status__in=PRESENT, can_post=True).order_by("id")


async def set_live_post(chat_id: int, month: str, message_id: int, digest: str, reposted: bool = False) -> None:
    """The live post now is `message_id` in `chat_id`, for the race `month`, showing the text of `digest`."""
    await BotChat.filter(id=chat_id).update(live_month=month, live_message_id=message_id, live_digest=digest)
    if reposted:
        chat_row = await BotChat.get(id=chat_id)
        await BotChat.filter(id=chat_id).update(live_reposts=chat_row.live_reposts + 1)


async def set_live_digest(chat_id: int, digest: str) -> None:
    await BotChat.filter(id=chat_id).update(live_digest=digest)


# ---- scheduled posts ----


async def set_schedule(
    chat_id: int, by: int, daily_at: str | None = None, results: bool | None = None, new_race: bool | None = None
) -> BotChat:
    """Change what is posted on a schedule: None leaves a setting as it is; `daily_at=""` stops the daily post."""
    before = await BotChat.get(id=chat_id)
    changes: dict[str, object] = {}
    if daily_at is not None:
        changes["daily_at"] = daily_at or None
    if results is not None:
        changes["post_results"] = results
    if new_race is not None:
        changes["post_new_race"] = new_race
    if changes:
        await BotChat.filter(id=chat_id).update(**changes)
        old = {key: getattr(before, key) for key in changes}
        await record(by, "chat.schedule", f"chat {chat_id}", before=old, after=changes)
    return await BotChat.get(id=chat_id)


async def scheduled_chats() -> list[BotChat]:
    """Chats with any scheduled post, that the bot may post in."""
    rows = BotChat.filter(status__in=PRESENT, can_post=True)
    return [c for c in await rows.order_by("id") if c.daily_at or c.post_results or c.post_new_race]


SCHEDULE_GRACE = timedelta(hours=1)  # a scheduled post still goes out this long after its time (a restart)
ANNOUNCE_WITHIN = timedelta(days=1)  # results and a new race are announced within a day of the race's turn


class Scheduled:
    DAILY = "daily"
    RESULTS = "results"
    NEW_RACE = "new_race"


@dataclass(frozen=True)
class Due:
    """One occurrence of a scheduled post: `key` is unique to it, so it is posted at most once anywhere."""

    key: str
    kind: str
    month: str  # the race it is about


def due_posts(chat: BotChat, now: datetime, race: Race, ended: Race, ended_final: bool) -> list[Due]:
    """What is owed to `chat` at `now`: the previous race's results (`ended`, once finalised), the new race's
    start, the daily standings (at `daily_at` in the race's time zone), in that order."""
    due = []
    if chat.post_results and ended_final and now < ended.ends_at + ANNOUNCE_WITHIN:
        due.append(Due(f"r:{chat.id}:{ended.month}", Scheduled.RESULTS, ended.month))
    if chat.post_new_race and race.starts_at <= now < race.starts_at + ANNOUNCE_WITHIN:
        due.append(Due(f"n:{chat.id}:{race.month}", Scheduled.NEW_RACE, race.month))
    if chat.daily_at:
        hour, minute = (int(part) for part in chat.daily_at.split(":"))
        local = now.astimezone(ZoneInfo(race.timezone))
        at = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if at <= local < at + SCHEDULE_GRACE:
            due.append(Due(f"d:{chat.id}:{local.date().isoformat()}", Scheduled.DAILY, race.month))
    return due
