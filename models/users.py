"""Queries on Telegram users."""

from __future__ import annotations

from models.tables import Role, TelegramUser

ADMIN_ROLES = (Role.ADMIN, Role.OWNER)


async def reachable_admins() -> list[TelegramUser]:
    """Admins and owners who have started the bot and not blocked it (a bot may only write to those).
    Owners get their role from ADMIN_IDS the first time they talk to the bot."""
    return await TelegramUser.filter(role__in=ADMIN_ROLES, blocked_bot=False).order_by("id")
