"""/bonus: the bonus codes a linked player can claim, and the ones they claimed.

Codes are personal, so all of it happens in the private chat; a group gets a button that opens it.
"""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import RowId, continue_in_private
from bot.reward_texts import bonus_line
from bot.texts import fit
from models import bonus
from models.tables import BonusCode, TelegramUser
from settings import Settings


class BonusButton(CallbackData, prefix="bonus"):
    bonus_id: RowId


def revealed(code: BonusCode) -> str:
    return _("🎁 {reward}: <tg-spoiler><code>{code}</code></tg-spoiler>").format(
        reward=escape(code.reward), code=escape(code.code)
    )


async def bonus_view(user: TelegramUser) -> tuple[str, InlineKeyboardMarkup | None]:
    codes = await bonus.claimable(user)
    lines = [_("🎁 <b>Bonus codes</b>")]
    offers = [bonus_line(code) for code in codes]
    shown = codes[: fit(offers, 2400)]  # the soonest to expire; the rest of the message is the player's own codes
    lines += offers[: len(shown)] + (["…"] if len(shown) < len(codes) else [])
    builder = InlineKeyboardBuilder()
    for code in shown:
        builder.button(
            text=_("Claim: {reward}").format(reward=code.reward[:40]), callback_data=BonusButton(bonus_id=code.id)
        )
    if not codes:
        lines.append(_("No codes to claim right now. New ones are announced here."))
    mine = [revealed(claim.bonus) for claim in await bonus.claimed_by(user)]
    if mine:
        lines += ["", _("<b>Your codes</b>")] + mine[: fit(mine, 1500)]
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup() if shown else None


def refusal(outcome: bonus.ClaimOutcome) -> str:
    return {
        bonus.ClaimOutcome.GONE: _("Too late: this code has expired or every claim is taken."),
        bonus.ClaimOutcome.NOT_LINKED: _("Link your Goated account first with /verify."),
        bonus.ClaimOutcome.BELOW_MINIMUM: _("This code needs more wagered this month than you have so far."),
    }[outcome]


async def in_group(message: Message, bot: Bot) -> None:
    await continue_in_private(message, bot, "bonus")


async def show_bonus(message: Message, user: TelegramUser) -> None:
    if not user.player_id:
        await message.answer(_("Bonus codes are for linked players: link your Goated account with /verify first."))
        return
    text, markup = await bonus_view(user)
    await message.answer(text, reply_markup=markup)


async def claim(query: CallbackQuery, callback_data: BonusButton, user: TelegramUser, settings: Settings) -> None:
    result = await bonus.claim(callback_data.bonus_id, user, settings.race_timezone)
    outcome = result.outcome
    if outcome not in (bonus.ClaimOutcome.CLAIMED, bonus.ClaimOutcome.ALREADY):
        await query.answer(refusal(outcome), show_alert=True)
        return
    assert result.bonus is not None
    await query.answer(_("Claimed!") if outcome == bonus.ClaimOutcome.CLAIMED else _("You claimed this one before."))
    if isinstance(query.message, Message):
        await query.message.answer(revealed(result.bonus))


def build_router() -> Router:
    router = Router(name="bonus")
    router.message.register(in_group, Command("bonus"), F.chat.type != ChatType.PRIVATE)
    router.message.register(show_bonus, Command("bonus"))
    router.callback_query.register(claim, BonusButton.filter())
    return router
