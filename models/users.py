"""Queries and admin actions on Telegram users. Each action is audited in its own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tortoise.transactions import in_transaction

from models.audit import record
from models.tables import Role, SyncRun, TelegramUser, VerificationRequest, VerificationStatus

ADMIN_ROLES = (Role.ADMIN, Role.OWNER)


async def reachable_admins() -> list[TelegramUser]:
    """Admins and owners who have started the bot and not blocked it (a bot may only write to those).
    Owners get their role from ADMIN_IDS the first time they talk to the bot."""
    return await TelegramUser.filter(role__in=ADMIN_ROLES, blocked_bot=False).order_by("id")


async def find_user(query: str) -> TelegramUser | None:
    """By Telegram id, by @username, or by the Goated name of the account they linked."""
    text = query.strip()
    if text.lstrip("-").isdigit():
        return await TelegramUser.get_or_none(id=int(text))
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
