"""/notifications: which race alerts (and challenge announcements) a player gets. Wins are always told."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import continue_in_private
from models.tables import TelegramUser
from models.users import ALERT_SETTINGS, switch_alert


class AlertButton(CallbackData, prefix="alerts"):
    setting: str


def label(setting: str) -> str:
    return {
        "notify_overtaken": _("Someone overtakes me in the race"),
        "notify_paid_places": _("I reach the paid places"),
        "notify_final_day": _("The race's last 24 hours"),
        "notify_challenges": _("A new challenge starts"),
    }[setting]


def alerts_view(user: TelegramUser) -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    for setting in ALERT_SETTINGS:
        mark = "✅" if getattr(user, setting) else "❌"
        builder.button(text=f"{mark} {label(setting)}", callback_data=AlertButton(setting=setting))
    builder.adjust(1)
    text = _("🔔 <b>Race alerts</b>\nTap to switch one on or off. At most three a day; a win is always told.")
    if not user.player_id:
        text += "\n" + _("They start once your Goated account is linked (/verify).")
    return text, builder.as_markup()


async def show_alerts(message: Message, user: TelegramUser, bot: Bot) -> None:
    if message.chat.type != ChatType.PRIVATE:
        await continue_in_private(message, bot, "notifications")
        return
    text, markup = alerts_view(user)
    await message.answer(text, reply_markup=markup)


async def toggle(query: CallbackQuery, callback_data: AlertButton, user: TelegramUser) -> None:
    if callback_data.setting not in ALERT_SETTINGS:
        await query.answer(_("This button no longer works. Send the command again."))
        return
    await switch_alert(user, callback_data.setting)
    text, markup = alerts_view(user)
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)
    await query.answer()


def build_router() -> Router:
    router = Router(name="alert_settings")
    router.message.register(show_alerts, Command("notifications"))
    router.callback_query.register(toggle, AlertButton.filter())
    return router
