"""/bonus, /challenges, /enter and /myentries: bonus codes to claim and challenges to enter.

Codes are personal, so all of it happens in the private chat; a group gets a button that opens it.
"""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import RowId, continue_in_private
from bot.reward_texts import bonus_line, challenge_text, reject_reason, status_text
from bot.texts import fit, number
from models import bonus, challenges, clock
from models.forms import Invalid, parse_id
from models.tables import BonusCode, Challenge, EntryStatus, TelegramUser
from settings import Settings


class BonusButton(CallbackData, prefix="bonus"):
    bonus_id: RowId


class EnterButton(CallbackData, prefix="enter"):
    challenge_id: RowId


class EntryFlow(StatesGroup):
    waiting_for_link = State()


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


def enter_answer(outcome: challenges.EnterOutcome) -> str:
    return {
        challenges.EnterOutcome.ENTERED: _("✅ Entry received. An admin will check your bet; you will hear back here."),
        challenges.EnterOutcome.ALREADY: _("You have already entered this challenge (one entry each). See /myentries."),
        challenges.EnterOutcome.CLOSED: _("This challenge is closed. See /challenges for open ones."),
        challenges.EnterOutcome.NOT_LINKED: _("Link your Goated account first with /verify; then you can enter."),
    }[outcome]


def bad_link() -> str:
    return _(
        "That is not a Goated bet link. Open the bet on goated.com, copy its link (https://goated.com/…) and send it."
    )


async def submit_entry(message: Message, state: FSMContext, user: TelegramUser, challenge_id: int, link: str) -> None:
    try:
        challenges.parse_bet_url(link)
    except Invalid:
        await message.answer(bad_link())
        return
    await state.clear()
    await message.answer(enter_answer(await challenges.enter(challenge_id, user, link)))


async def show_bonus(message: Message, user: TelegramUser) -> None:
    if not user.player_id:
        await message.answer(_("Bonus codes are for linked players: link your Goated account with /verify first."))
        return
    text, markup = await bonus_view(user)
    await message.answer(text, reply_markup=markup)


async def show_challenges(message: Message) -> None:
    found = await challenges.open_challenges()
    if not found:
        await message.answer(_("No open challenges right now. New ones are announced here."))
        return
    for challenge in found[:10]:
        builder = InlineKeyboardBuilder()
        builder.button(
            text=_("Enter #{id}").format(id=challenge.id), callback_data=EnterButton(challenge_id=challenge.id)
        )
        await message.answer(challenge_text(challenge), reply_markup=builder.as_markup())


def build_router() -> Router:
    router = Router(name="rewards")

    @router.message(Command("bonus", "challenges", "myentries", "enter"), F.chat.type != ChatType.PRIVATE)
    async def in_group(message: Message, bot: Bot, command: CommandObject) -> None:
        await continue_in_private(message, bot, "bonus" if command.command == "bonus" else "challenges")

    router.message(Command("bonus"))(show_bonus)

    @router.callback_query(BonusButton.filter())
    async def claim(query: CallbackQuery, callback_data: BonusButton, user: TelegramUser, settings: Settings) -> None:
        result = await bonus.claim(callback_data.bonus_id, user, settings.race_timezone)
        outcome = result.outcome
        if outcome in (bonus.ClaimOutcome.CLAIMED, bonus.ClaimOutcome.ALREADY):
            assert result.bonus is not None
            await query.answer(
                _("Claimed!") if outcome == bonus.ClaimOutcome.CLAIMED else _("You claimed this one before.")
            )
            if isinstance(query.message, Message):
                await query.message.answer(revealed(result.bonus))
            return
        await query.answer(
            {
                bonus.ClaimOutcome.GONE: _("Too late: this code has expired or every claim is taken."),
                bonus.ClaimOutcome.NOT_LINKED: _("Link your Goated account first with /verify."),
                bonus.ClaimOutcome.BELOW_MINIMUM: _("This code needs more wagered this month than you have so far."),
            }[outcome],
            show_alert=True,
        )

    router.message(Command("challenges"))(show_challenges)

    @router.callback_query(EnterButton.filter())
    async def enter_pressed(
        query: CallbackQuery, callback_data: EnterButton, state: FSMContext, user: TelegramUser
    ) -> None:
        challenge = await Challenge.get_or_none(id=callback_data.challenge_id)
        if challenge is None or not challenges.is_open(challenge, clock.now()):
            await query.answer(_("This challenge is closed. See /challenges for open ones."), show_alert=True)
            return
        if not user.player_id:
            await query.answer(_("Link your Goated account first with /verify."), show_alert=True)
            return
        await state.set_state(EntryFlow.waiting_for_link)
        await state.update_data(challenge_id=challenge.id)
        if isinstance(query.message, Message):
            await query.message.answer(
                _("Send the link to your bet for challenge #{id} (https://goated.com/…). /cancel stops.").format(
                    id=challenge.id
                )
            )
        await query.answer()

    @router.message(StateFilter(EntryFlow.waiting_for_link), F.text, ~F.text.startswith("/"))
    async def link_given(message: Message, state: FSMContext, user: TelegramUser) -> None:
        challenge_id = (await state.get_data())["challenge_id"]
        await submit_entry(message, state, user, challenge_id, message.text or "")

    @router.message(StateFilter(EntryFlow.waiting_for_link), ~F.text.startswith("/"))  # commands still work mid-flow
    async def not_a_link(message: Message) -> None:
        await message.answer(bad_link())

    @router.message(Command("enter"))
    async def enter_command(message: Message, command: CommandObject, state: FSMContext, user: TelegramUser) -> None:
        number, _sep, link = (command.args or "").strip().partition(" ")
        challenge_id = parse_id(number)
        if challenge_id is None or not link.strip():
            await message.answer(_("Usage: /enter 12 https://goated.com/… (the challenge's number and your bet link)."))
            return
        await submit_entry(message, state, user, challenge_id, link.strip())

    @router.message(Command("myentries"))
    async def my_entries(message: Message, user: TelegramUser) -> None:
        entries = await challenges.entries_of(user)
        if not entries:
            await message.answer(_("You have not entered a challenge yet. See /challenges."))
            return
        lines = [_("🎯 <b>Your entries</b>")]
        for entry in entries:
            line = f"#{entry.challenge.id} {escape(entry.challenge.game)} {number(entry.challenge.multiplier)}× · {status_text(entry.status)}"
            if entry.status == EntryStatus.APPROVED and entry.prize_code is not None:
                line += " · " + _("code: <tg-spoiler><code>{code}</code></tg-spoiler>").format(
                    code=escape(entry.prize_code.code)
                )
            elif entry.status == EntryStatus.REJECTED:
                line += " · " + reject_reason(entry.reason)
            lines.append(line)
        await message.answer("\n".join(lines))

    return router
