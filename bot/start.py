"""/start: a welcome that fits the user (new, pending, linked); deep links open a flow directly.

An admin's /start also counts the link requests waiting (a button opens /pending) and brings them the
review cards they lack: an owner's first contact, or an admin back after blocking the bot."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n, ngettext
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.alert_settings import alerts_view
from bot.bonus import show_bonus
from bot.challenges import show_challenges
from bot.leaderboard import LeaderboardButton
from bot.race import RaceButton, race_text, refresh_keyboard
from bot.review_cards import PendingButton, send_missing_cards
from bot.sender import Sender
from bot.texts import reader_names
from bot.verify import ask_for_name, ask_to_unlink
from models.leaderboard import Leaderboards, Period
from models.tables import TelegramUser
from models.users import ADMIN_ROLES, player_of
from models.verification import open_request, pending_count
from settings import Settings


def start_keyboard(settings: Settings, linked: bool, waiting: int = 0) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if waiting:  # an admin's way to the queue
        builder.button(text=_("📋 Review the waiting requests"), callback_data=PendingButton(action="open"))
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
    private = message.chat.type == ChatType.PRIVATE
    waiting = await pending_count() if private and user.role in ADMIN_ROLES else 0
    name = escape(message.from_user.first_name if message.from_user else "")
    lines = [_("👋 Welcome to <b>GoatedVIPs</b>, {name}!").format(name=name), ""]
    player = await player_of(user)
    pending = None if player else await open_request(user)
    if player is not None:
        lines.append(
            _("You are linked as <b>{player}</b>. Check your race position and the leaderboards below.").format(
                player=reader_names(settings.name_display, user, private)(player.uid, player.name)
            )
        )
    elif pending is not None:
        lines.append(
            _("Your request to link <b>{name}</b> is waiting for an admin.").format(name=escape(pending.player.name))
        )
    else:
        lines.append(_("Follow the monthly wager race and the leaderboards of our Goated community."))
        lines.append(_("Link your Goated account with /verify to see your own place and stats."))
    if waiting:
        lines += [
            "",
            ngettext(
                "🔗 {n} link request is waiting for review.", "🔗 {n} link requests are waiting for review.", waiting
            ).format(n=waiting),
        ]
    lines += ["", _("Send /help for everything I can do.")]
    await message.answer(
        "\n".join(lines), reply_markup=start_keyboard(settings, bool(user.player_id), waiting) if private else None
    )


async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    user: TelegramUser,
    settings: Settings,
    leaderboards: Leaderboards,
    demo: bool,
    sender: Sender,
    i18n: I18n,
) -> None:
    payload = (command.args or "").strip().lower()
    private = message.chat.type == ChatType.PRIVATE
    await answer_start(message, payload, private, state, user, settings, leaderboards, demo)
    if private and user.role in ADMIN_ROLES:  # an admin who just became reachable gets the cards they lack
        await send_missing_cards(sender, i18n, user)


async def answer_start(
    message: Message,
    payload: str,
    private: bool,
    state: FSMContext,
    user: TelegramUser,
    settings: Settings,
    leaderboards: Leaderboards,
    demo: bool,
) -> None:
    if payload == "verify" and private and not user.player_id:
        await ask_for_name(message, state, user, settings)
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
