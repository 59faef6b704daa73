"""/leaderboard [today|week|month|all]: a board's top 10, with buttons to switch period and refresh."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import edit_in_place
from bot.texts import board_lines, footer, period_title
from models.leaderboard import Leaderboards, Period

TOP_N = 10


class LeaderboardButton(CallbackData, prefix="lb"):
    period: Period


def leaderboard_keyboard(current: Period) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for period in Period:
        label = period_title(period)
        builder.button(
            text=f"• {label} •" if period == current else label, callback_data=LeaderboardButton(period=period)
        )
    builder.button(text=_("🔄 Refresh"), callback_data=LeaderboardButton(period=current))
    builder.adjust(2, 2, 1)
    return builder.as_markup()


async def leaderboard_text(leaderboards: Leaderboards, period: Period, demo: bool) -> str:
    entries = await leaderboards.top(period, TOP_N)
    title = _("🏆 <b>Top {n} — {period}</b>").format(n=TOP_N, period=period_title(period))
    body = board_lines(entries) if entries else [_("Nobody has wagered yet in this period.")]
    return "\n".join([title, "", *body, "", footer(await leaderboards.updated_at(), demo)])


async def show_leaderboard(message: Message, command: CommandObject, leaderboards: Leaderboards, demo: bool) -> None:
    period = Period.MONTH
    if command.args:
        parsed = Period.parse(command.args)
        if parsed is None:
            await message.answer(_("Unknown period. Use one of: today, week, month, all."))
            return
        period = parsed
    await message.answer(await leaderboard_text(leaderboards, period, demo), reply_markup=leaderboard_keyboard(period))


async def switch(
    query: CallbackQuery, callback_data: LeaderboardButton, leaderboards: Leaderboards, demo: bool
) -> None:
    if not isinstance(query.message, Message):  # too old for Telegram to let us edit it
        await query.answer(_("This message is too old; send /leaderboard again."))
        return
    text = await leaderboard_text(leaderboards, callback_data.period, demo)
    await edit_in_place(query, query.message, text, leaderboard_keyboard(callback_data.period))


def build_router() -> Router:
    router = Router(name="leaderboard")
    router.message.register(show_leaderboard, Command("leaderboard", "lb", "top"))
    router.callback_query.register(switch, LeaderboardButton.filter())
    return router
