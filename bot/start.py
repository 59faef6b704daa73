"""/start: a welcome that fits the user, with buttons to the main actions."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import CommandStart
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.leaderboard import LeaderboardButton
from models.leaderboard import Period
from models.tables import TelegramUser
from settings import Settings


def start_keyboard(settings: Settings) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("🏆 Leaderboard"), callback_data=LeaderboardButton(period=Period.MONTH))
    if settings.affiliate_url:
        builder.button(text=_("🎰 Play on Goated"), url=settings.affiliate_url)
    if settings.public_url:
        builder.button(text=_("🌐 Live race page"), url=settings.public_url)
    builder.adjust(1)
    return builder.as_markup()


def build_router() -> Router:
    router = Router(name="start")

    @router.message(CommandStart())
    async def start(message: Message, user: TelegramUser, settings: Settings) -> None:
        name = escape(message.from_user.first_name if message.from_user else "")
        lines = [_("👋 Welcome to <b>GoatedVIPs</b>, {name}!").format(name=name), ""]
        if user.player_id:
            lines.append(_("Your Goated account is linked. Check the race and the leaderboards below."))
        else:
            lines.append(_("Follow the monthly wager race and the leaderboards of our Goated community."))
        lines += ["", _("Commands: /leaderboard")]
        private = message.chat.type == ChatType.PRIVATE
        await message.answer("\n".join(lines), reply_markup=start_keyboard(settings) if private else None)

    return router
