"""Filters shared by routers."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from models.tables import TelegramUser
from models.users import ADMIN_ROLES


class IsAdmin(Filter):
    """Checked on every message and every button press, so a forwarded or forged button does nothing."""

    async def __call__(self, event: TelegramObject, user: TelegramUser | None = None) -> bool:
        return user is not None and user.role in ADMIN_ROLES
