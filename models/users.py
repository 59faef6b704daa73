"""Queries and admin actions on Telegram users. Each action is audited in its own transaction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.audit import record
from models.tables import Player, Role, SyncRun, TelegramUser, VerificationRequest, VerificationStatus

ADMIN_ROLES = (Role.ADMIN, Role.OWNER)
ModelT = TypeVar("ModelT", bound=Model)


async def upsert_user(
    user_id: int, username: str | None, first_name: str, telegram_language: str | None, owner: bool
) -> tuple[TelegramUser, bool]:
    """The row of someone writing to the bot, created or brought up to date with their Telegram profile.
    Returns it and whether their role changed (their command menu must follow)."""
    profile = {"username": username, "first_name": first_name[:255], "telegram_language": telegram_language}
    user = await _stored_user(user_id)
    if user is None:  # their first update (or a race with another replica's first insert: get_or_create copes)
        user, _ = await TelegramUser.get_or_create(id=user_id, defaults=profile)
    # ADMIN_IDS is the truth for owners: listed ids become owners, removed ones lose the role.
    role = Role.OWNER if owner else (Role.USER if user.role == Role.OWNER else user.role)
    # A user writing to us has evidently not blocked the bot (any more).
    wanted: dict[str, Any] = {**profile, "role": role, "blocked_bot": False}
    changes = {key: value for key, value in wanted.items() if getattr(user, key) != value}
    if changes:
        await TelegramUser.filter(id=user.id).update(**changes)
        for key, value in changes.items():
            setattr(user, key, value)
    return user, "role" in changes


# The row of whoever sent an update is read on every update (and /stats reads their player's): one plain SELECT
# by primary key, its SQL built by Tortoise once per model and database dialect (PostgreSQL's `$1`, SQLite's `?`)
# instead of a queryset built per call (BENCHMARKS.md, benchmark 1). The row is made into a model the way
# Tortoise makes any fetched row.
_BY_PK_SQL: dict[tuple[str, str], str] = {}


async def _by_pk(model: type[ModelT], pk: object) -> ModelT | None:
    connection = model._meta.db
    key = (model._meta.db_table, connection.capabilities.dialect)
    sql = _BY_PK_SQL.get(key)
    if sql is None:
        sql = _BY_PK_SQL[key] = model.filter(pk=pk).sql()
    _, rows = await connection.execute_query(sql, [pk])
    return model._init_from_db(**rows[0]) if rows else None


async def _stored_user(user_id: int) -> TelegramUser | None:
    return await _by_pk(TelegramUser, user_id)


async def set_language(user: TelegramUser, code: str) -> None:
    await TelegramUser.filter(id=user.id).update(language=code)
    user.language = code


async def user_by_id(user_id: int) -> TelegramUser | None:
    return await TelegramUser.get_or_none(id=user_id)


async def users_by_id(ids: Iterable[int]) -> dict[int, TelegramUser]:
    """Those of `ids` who have talked to the bot, by id."""
    return {user.id: user for user in await TelegramUser.filter(id__in=set(ids))}


async def admins() -> list[TelegramUser]:
    """Admins, then owners, each by id."""
    return await TelegramUser.filter(role__in=ADMIN_ROLES).order_by("role", "id")


async def player_of(user: TelegramUser) -> Player | None:
    """The Goated account the user linked, or None."""
    return await player_by_uid(user.player_id) if user.player_id else None


async def recent_link_requests(user: TelegramUser, limit: int = 3) -> list[VerificationRequest]:
    """The user's latest requests to link an account, newest first."""
    return await VerificationRequest.filter(user_id=user.id).order_by("-id").limit(limit)


async def reachable_admins() -> list[TelegramUser]:
    """Admins and owners who have started the bot and not blocked it (a bot may only write to those).
    Owners get their role from ADMIN_IDS the first time they talk to the bot."""
    return await TelegramUser.filter(role__in=ADMIN_ROLES, blocked_bot=False).order_by("id")


async def reachable_admin_count() -> int:
    """How many admins and owners the bot can write to (see reachable_admins)."""
    return await TelegramUser.filter(role__in=ADMIN_ROLES, blocked_bot=False).count()


async def find_user(query: str) -> TelegramUser | None:
    """By Telegram id, by @username, or by the Goated name of the account they linked."""
    text = query.strip()
    if re.fullmatch(r"-?[0-9]{1,19}", text):  # ASCII digits: int() would take "١٢" and "²" fails it
        number = int(text)
        return await TelegramUser.get_or_none(id=number) if -(2**63) <= number < 2**63 else None
    if text.startswith("@"):
        return await TelegramUser.filter(username__iexact=text[1:]).first()
    user = await TelegramUser.filter(player__name__iexact=text).first()
    return user or await TelegramUser.filter(username__iexact=text).first()


def display_name(user: TelegramUser) -> str:
    return f"@{user.username}" if user.username else (user.first_name or str(user.id))


class RoleChange(StrEnum):
    DONE = "done"
    UNCHANGED = "unchanged"
    OWNER = "owner"  # owners come from ADMIN_IDS and cannot be changed in the bot


async def set_role(target: TelegramUser, role: Role, by: int) -> RoleChange:
    if target.role == Role.OWNER:
        return RoleChange.OWNER
    if target.role == role:
        return RoleChange.UNCHANGED
    async with in_transaction() as conn:
        changed = await TelegramUser.filter(id=target.id, role=target.role).using_db(conn).update(role=role)
        if changed:
            await record(
                by,
                "user.role",
                str(target.id),
                before={"role": target.role.value},
                after={"role": role.value},
                using_db=conn,
            )
    if not changed:
        return RoleChange.UNCHANGED
    target.role = role
    return RoleChange.DONE


async def set_banned(target: TelegramUser, banned: bool, by: int) -> bool:
    """False when nothing changed (already so)."""
    async with in_transaction() as conn:
        changed = await TelegramUser.filter(id=target.id, banned=not banned).using_db(conn).update(banned=banned)
        if changed:
            await record(by, "user.ban" if banned else "user.unban", str(target.id), using_db=conn)
    target.banned = banned
    return bool(changed)


async def unlink_by_admin(target: TelegramUser, by: int) -> bool:
    async with in_transaction() as conn:
        changed = await TelegramUser.filter(id=target.id, player_id__isnull=False).using_db(conn).update(player_id=None)
        if changed:
            await record(by, "user.unlink", str(target.id), before={"player": target.player_id}, using_db=conn)
    target.player_id = None
    return bool(changed)


@dataclass(frozen=True)
class Community:
    users: int
    linked: int
    blocked: int
    banned: int
    pending: int
    last_sync: SyncRun | None


async def community() -> Community:
    """Counts over users and requests; race figures come from the cached standings instead."""
    return Community(
        users=await TelegramUser.all().count(),
        linked=await TelegramUser.filter(player_id__isnull=False).count(),
        blocked=await TelegramUser.filter(blocked_bot=True).count(),
        pending=await VerificationRequest.filter(status=VerificationStatus.PENDING).count(),
        banned=await TelegramUser.filter(banned=True).count(),
        last_sync=await SyncRun.all().order_by("-id").first(),
    )


# The race alerts (and challenge announcements) a player can switch on or off; a win is always told.
ALERT_SETTINGS = ("notify_overtaken", "notify_paid_places", "notify_final_day", "notify_challenges")


async def addressee(chat_id: int) -> TelegramUser:
    """Who a message to `chat_id` is for (their language); an unsaved stand-in for a chat that is no user."""
    return await user_by_id(chat_id) or TelegramUser(id=chat_id)


async def mark_blocked(user_id: int) -> None:
    """The user blocked the bot: everything that reads `blocked_bot` skips them from now on."""
    await TelegramUser.filter(id=user_id).update(blocked_bot=True)


async def switch_alert(user: TelegramUser, setting: str) -> None:
    """Turn one of the user's ALERT_SETTINGS on or off, on the row and on `user`."""
    value = not getattr(user, setting)
    await TelegramUser.filter(id=user.id).update(**{setting: value})
    setattr(user, setting, value)


async def player_by_uid(uid: str) -> Player | None:
    return await _by_pk(Player, uid)


async def linked_player_uid(user_id: int) -> str | None:
    """The Goated uid a Telegram user is linked to; None when the user is unknown, unlinked or banned
    (a banned user is not shown as signed in)."""
    user = await user_by_id(user_id)
    if user is None or user.banned:
        return None
    return user.player_id


@dataclass(frozen=True)
class Account:
    """A Telegram user as a results list names them."""

    user_id: int
    username: str | None


async def accounts_of(player_ids: list[str]) -> dict[str, Account]:
    """The Telegram users linked to these Goated players, by player id."""
    rows = await TelegramUser.filter(player_id__in=player_ids).values_list("player_id", "id", "username")
    return {player_id: Account(user_id, username) for player_id, user_id, username in rows}
