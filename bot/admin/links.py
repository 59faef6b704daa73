"""Owners' linking tools: /link (support cases) and, on demo data only, /demobet (a simulated bet, so the
wager proof can be tried offline)."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape
from typing import Protocol

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.review_cards import refresh_cards
from bot.sender import Sender
from bot.texts import money, speaking_to
from models.forms import parse_number
from models.proofs import ManualLink, link_by_owner
from models.tables import Role, TelegramUser
from models.users import display_name, find_user, user_by_id
from models.verification import find_request

DEMO_BET_MAX = Decimal(100_000)


class TakesDemoBets(Protocol):
    """The demo affiliate, as /demobet sees it (the wiring hands it in as `demo_bets`)."""

    def place_bet(self, name: str, amount: float) -> str | None: ...


async def link_command(
    message: Message, command: CommandObject, user: TelegramUser, sender: Sender, i18n: I18n
) -> None:
    if user.role != Role.OWNER:
        await message.answer(_("Only owners can link accounts by hand."))
        return
    target_text, _sep, name = (command.args or "").strip().partition(" ")
    if not name.strip() or not (re.fullmatch(r"-?[0-9]{1,19}", target_text) or target_text.startswith("@")):
        await message.answer(escape(_("Usage: /link <telegram id | @username> <Goated name>")))
        return
    result = await link_by_owner(user.id, await find_user(target_text), name)
    if result.outcome == ManualLink.NO_USER:
        await message.answer(_("I do not know that Telegram user: they must start the bot first."))
        return
    if result.outcome == ManualLink.NO_PLAYER:
        await message.answer(
            _("I could not find <b>{name}</b> among our referred players.").format(name=escape(name.strip()[:64]))
        )
        return
    assert result.user is not None and result.player is not None
    who, account = escape(display_name(result.user)), escape(result.player.name)
    if result.outcome == ManualLink.ALREADY:
        await message.answer(_("{who} is already linked to <b>{name}</b>.").format(who=who, name=account))
        return
    await message.answer(_("✅ Linked {who} to <b>{name}</b>.").format(who=who, name=account))
    await tell_linked_parties(sender, i18n, result.user, result.player.name, result.previous_holder)
    for request_id in result.overruled_requests:
        if request := await find_request(request_id):
            await refresh_cards(sender, i18n, request)


async def tell_linked_parties(
    sender: Sender, i18n: I18n, linked: TelegramUser, name: str, previous_holder: int | None
) -> None:
    with speaking_to(i18n, linked):
        text = _("An owner linked your Telegram account to <b>{name}</b>. Try /stats and /race.").format(
            name=escape(name)
        )
    if not linked.blocked_bot:
        await sender.send_message(linked.id, text)
    holder = await user_by_id(previous_holder) if previous_holder is not None else None
    if holder is not None and not holder.blocked_bot:
        with speaking_to(i18n, holder):
            text = _(
                "An owner moved <b>{name}</b> to another Telegram account, so yours is no longer linked to it. "
                "If this is a mistake, contact an admin."
            ).format(name=escape(name))
        await sender.send_message(holder.id, text)


async def demo_bet_command(
    message: Message, command: CommandObject, user: TelegramUser, demo_bets: TakesDemoBets
) -> None:
    if user.role != Role.OWNER:
        await message.answer(_("Only owners can simulate bets."))
        return
    name, _sep, amount_text = (command.args or "").strip().rpartition(" ")
    amount = parse_number(amount_text)
    if not name.strip() or amount is None or not 0 < amount <= DEMO_BET_MAX:
        await message.answer(escape(_("Usage: /demobet <Goated name> <amount>, for example /demobet LuckyGoat42 3.47")))
        return
    placed = demo_bets.place_bet(name, float(amount))
    if placed is None:
        await message.answer(_("No demo player is called <b>{name}</b>.").format(name=escape(name.strip()[:64])))
        return
    await message.answer(
        _("🎲 Demo: a bet of {amount} on <b>{name}</b>. The next sync (or a proof's Check) will show it.").format(
            amount=money(amount), name=escape(placed)
        )
    )


def build_router(demo_bets: bool) -> Router:
    router = Router(name="admin.links")
    router.message.register(link_command, Command("link"))
    if demo_bets:  # the command does not exist with a real affiliate
        router.message.register(demo_bet_command, Command("demobet"))
    return router
