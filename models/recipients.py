"""The people the bot writes to on its own: who a chat is, who blocked the bot, which alerts they want."""

from __future__ import annotations

from models.tables import TelegramUser

# The race alerts (and challenge announcements) a player can switch on or off; a win is always told.
ALERT_SETTINGS = ("notify_overtaken", "notify_paid_places", "notify_final_day", "notify_challenges")


async def addressee(chat_id: int) -> TelegramUser:
    """Who a message to `chat_id` is for (their language); an unsaved stand-in for a chat that is no user."""
    return await TelegramUser.get_or_none(id=chat_id) or TelegramUser(id=chat_id)


async def mark_blocked(user_id: int) -> None:
    """The user blocked the bot: everything that reads `blocked_bot` skips them from now on."""
    await TelegramUser.filter(id=user_id).update(blocked_bot=True)


async def switch_alert(user: TelegramUser, setting: str) -> None:
    """Turn one of the user's ALERT_SETTINGS on or off, on the row and on `user`."""
    value = not getattr(user, setting)
    await TelegramUser.filter(id=user.id).update(**{setting: value})
    setattr(user, setting, value)
