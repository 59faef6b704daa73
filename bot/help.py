"""/help, and the answers to everything no other router took: unknown commands and stray text."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from models.tables import TelegramUser
from models.users import ADMIN_ROLES


def help_text(user: TelegramUser) -> str:
    # Plain text lines, escaped: "<id>" and "<name>" are placeholders to type, not HTML tags.
    lines = [
        _("/race — your place in this month's wager race"),
        _("/stats — your wagers, ranks and VIP tier"),
        _("/leaderboard — top 10 today, this week, this month or all time"),
        _("/bonus — bonus codes to claim"),
        _("/challenges — open challenges; /enter <number> <bet link> — enter one; /myentries — your entries"),
        _("/verify — link your Goated account"),
        _("/unlink — unlink it"),
        _("/play — our Goated referral link"),
        _("/website — the live race page"),
        _("/notifications — race alerts: overtaken, paid places, last 24 hours"),
        _("/language — change my language"),
        _("/cancel — stop what you are doing"),
    ]
    admin = []
    if user.role in ADMIN_ROLES:
        admin = [
            _("Link requests arrive here with Approve and Reject buttons; the first decision counts."),
            _("/pending — open link requests, with bulk approve; /review <id> — one request's card"),
            _("/raceconfig — race prizes, exclusions and their history; /setprizes — change prizes in one line"),
            _("/exclude <name> <reason> and /include <name> — leave a player out of this race, or undo it"),
            _("/broadcast — message linked players, everyone, or the race's top players"),
            _(
                "/newcode — create a bonus code (guided, or /newcode CODE | gives | claims | expiry | min wager); /codes — codes and claims"
            ),
            _("/newchallenge — create a challenge; /entries — entries to approve or reject; /closechallenge <number>"),
            _("/user <id | @username | Goated name> — a user's card: unlink, ban, unban, message"),
            _("/stats — community figures (/stats me for your own); /sync — sync with Goated now"),
            _("/audit [n] — the latest admin actions; /admins — who the admins are"),
        ]
    text = "\n".join([_("<b>What I can do</b>"), *map(escape, lines)])
    if admin:
        text += "\n\n" + "\n".join([_("<b>Admin</b>"), *map(escape, admin)])
    return text


def build_router() -> Router:
    router = Router(name="help")

    @router.message(Command("help"))
    async def help_command(message: Message, user: TelegramUser) -> None:
        await message.answer(help_text(user))

    # Groups: stay quiet about anything not addressed to us (other bots' commands, chatter).
    @router.message(F.chat.type == ChatType.PRIVATE, F.text.startswith("/"))
    async def unknown_command(message: Message) -> None:
        await message.answer(_("I don't know that command. Send /help to see what I can do."))

    @router.message(F.chat.type == ChatType.PRIVATE, StateFilter(None))
    async def stray_message(message: Message) -> None:
        await message.answer(_("I answer commands. Send /help to see them."))

    @router.callback_query()
    async def stale_button(query: CallbackQuery) -> None:
        await query.answer(_("This button no longer works. Send the command again."))

    return router
