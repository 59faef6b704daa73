"""The reads of the public web app (pages, JSON API, sign-in) that no other domain module answers."""

from __future__ import annotations

from models.tables import Player, TelegramUser


async def player_by_uid(uid: str) -> Player | None:
    return await Player.get_or_none(uid=uid)


async def linked_player_uid(user_id: int) -> str | None:
    """The Goated uid a Telegram user is linked to; None when the user is unknown, unlinked or banned
    (a banned user is not shown as signed in)."""
    user = await TelegramUser.get_or_none(id=user_id)
    if user is None or user.banned:
        return None
    uid: str | None = user.player_id  # type: ignore[attr-defined]
    return uid
