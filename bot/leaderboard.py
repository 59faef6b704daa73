"""/leaderboard [today|week|month|all]: a board's top 10, with buttons to switch period and refresh. The period
is typed in English or in the reader's language (`/leaderboard hoy`, `/leaderboard mês`).
Other players' names follow NAME_DISPLAY; the reader's own name is whole in a private chat only."""

from __future__ import annotations

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import edit_in_place
from bot.texts import Names, board_lines, current_locale, footer, is_keyword, keyword, period_title, reader_names
from models.leaderboard import Leaderboards, Period
from models.tables import TelegramUser
from settings import Settings

TOP_N = 10
PERIOD_WORDS = {Period.TODAY: "today", Period.WEEK: "week", Period.MONTH: "month", Period.ALL_TIME: "all"}


class LeaderboardButton(CallbackData, prefix="lb"):
    period: Period


# Each keyboard depends only on the language and the period: built once each (the catalogs do not change while
# the bot runs). A markup is never changed after it is built; whoever adds buttons builds a new one.
_KEYBOARDS: dict[tuple[str, Period], InlineKeyboardMarkup] = {}


def leaderboard_keyboard(current: Period) -> InlineKeyboardMarkup:
    key = (current_locale(), current)
    markup = _KEYBOARDS.get(key)
    if markup is None:
        markup = _KEYBOARDS[key] = _build_keyboard(current)
    return markup


def _build_keyboard(current: Period) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for period in Period:
        label = period_title(period)
        builder.button(
            text=f"• {label} •" if period == current else label, callback_data=LeaderboardButton(period=period)
        )
    builder.button(text=_("🔄 Refresh"), callback_data=LeaderboardButton(period=current))
    builder.adjust(2, 2, 1)
    return builder.as_markup()


async def leaderboard_text(leaderboards: Leaderboards, period: Period, demo: bool, names: Names) -> str:
    entries = await leaderboards.top(period, TOP_N)
    title = _("🏆 <b>Top {n} — {period}</b>").format(n=TOP_N, period=period_title(period))
    body = board_lines(entries, [names(e.uid, e.name) for e in entries]) or [
        _("Nobody has wagered yet in this period.")
    ]
    return "\n".join([title, "", *body, "", footer(await leaderboards.updated_at(), demo)])


def parse_period(text: str) -> Period | None:
    """The reader's word for a period ("hoy", "mês", "tudo"), or an English one ("week", "all_time")."""
    for period, word in PERIOD_WORDS.items():
        if is_keyword(text, word):
            return period
    return Period.parse(text)


def unknown_period() -> str:
    return _("Unknown period. Use one of: {options}.").format(
        options=", ".join(keyword(word) for word in PERIOD_WORDS.values())
    )


async def show_leaderboard(
    message: Message,
    command: CommandObject,
    user: TelegramUser,
    leaderboards: Leaderboards,
    settings: Settings,
    demo: bool,
) -> None:
    period = Period.MONTH
    if command.args:
        parsed = parse_period(command.args)
        if parsed is None:
            await message.answer(unknown_period())
            return
        period = parsed
    names = reader_names(settings.name_display, user, message.chat.type == ChatType.PRIVATE)
    text = await leaderboard_text(leaderboards, period, demo, names)
    await message.answer(text, reply_markup=leaderboard_keyboard(period))


async def switch(
    query: CallbackQuery,
    callback_data: LeaderboardButton,
    user: TelegramUser,
    leaderboards: Leaderboards,
    settings: Settings,
    demo: bool,
) -> None:
    if not isinstance(query.message, Message):  # too old for Telegram to let us edit it
        await query.answer(_("This message is too old; send /leaderboard again."))
        return
    # Whoever presses a button in a group, the edited board is read by the whole group.
    names = reader_names(settings.name_display, user, query.message.chat.type == ChatType.PRIVATE)
    text = await leaderboard_text(leaderboards, callback_data.period, demo, names)
    await edit_in_place(query, query.message, text, leaderboard_keyboard(callback_data.period))


def build_router() -> Router:
    router = Router(name="leaderboard")
    router.message.register(show_leaderboard, Command("leaderboard", "lb", "top"))
    router.callback_query.register(switch, LeaderboardButton.filter())
    return router
