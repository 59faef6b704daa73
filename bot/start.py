"""/start: a welcome that fits the user (new, pending, linked); deep links open a flow directly."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.alert_settings import alerts_view
from bot.bonus import show_bonus
from bot.challenges import show_challenges
from bot.leaderboard import LeaderboardButton
from bot.race import RaceButton, race_text, refresh_keyboard
from bot.verify import ask_for_name, ask_to_unlink
from models.leaderboard import Leaderboards, Period
from models.tables import TelegramUser
from models.users import player_of
from models.verification import open_request
from settings import Settings


def start_keyboard(settings: Settings, linked: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("🏁 My race position") if linked else _("🏁 The race"), callback_data=RaceButton(action="refresh")
    )
    builder.button(text=_("🏆 Leaderboard"), callback_data=LeaderboardButton(period=Period.MONTH))
    if settings.affiliate_url:
        builder.button(text=_("🎰 Play on Goated"), url=settings.affiliate_url)
    if settings.public_url:
        builder.button(text=_("🌐 Live race page"), url=settings.public_url)
    builder.adjust(1)
    return builder.as_markup()


async def welcome(message: Message, user: TelegramUser, settings: Settings) -> None:
    name = escape(message.from_user.first_name if message.from_user else "")
    lines = [_("👋 Welcome to <b>GoatedVIPs</b>, {name}!").format(name=name), ""]
    player = await player_of(user)
    pending = None if player else await open_request(user)
    if player is not None:
        lines.append(
            _("You are linked as <b>{player}</b>. Check your race position and the leaderboards below.").format(
                player=escape(player.name)
            )
        )
    elif pending is not None:
        lines.append(
            _("Your request to link <b>{name}</b> is waiting for an admin.").format(name=escape(pending.player.name))
        )
    else:
        lines.append(_("Follow the monthly wager race and the leaderboards of our Goated community."))
        lines.append(_("Link your Goated account with /verify to see your own place and stats."))
    lines += ["", _("Send /help for everything I can do.")]
    private = message.chat.type == ChatType.PRIVATE
    await message.answer(
        "\n".join(lines), reply_markup=start_keyboard(settings, bool(user.player_id)) if private else None
    )


async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    user: TelegramUser,
    settings: Settings,
    leaderboards: Leaderboards,
    demo: bool,
) -> None:
    payload = (command.args or "").strip().lower()
    private = message.chat.type == ChatType.PRIVATE
    if payload == "verify" and private and not user.player_id:
        await ask_for_name(message, state)
    elif payload == "unlink" and private:
        await ask_to_unlink(message, user)
    elif payload == "notifications" and private:
        text, markup = alerts_view(user)
        await message.answer(text, reply_markup=markup)
    elif payload == "bonus" and private:
        await show_bonus(message, user)
    elif payload == "challenges" and private:
        await show_challenges(message)
    elif payload == "race":
        text = await race_text(user, message.from_user, not private, leaderboards, settings, demo)
        await message.answer(text, reply_markup=refresh_keyboard() if private else None)
    else:
        await welcome(message, user, settings)


def build_router() -> Router:
    router = Router(name="start")
    router.message.register(start, CommandStart())
    return router
