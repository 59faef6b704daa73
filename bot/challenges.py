"""/challenges, /enter and /myentries: challenges to enter with a Goated bet link, and the player's entries.

Entries are personal, so all of it happens in the private chat; a group gets a button that opens it.
"""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import RowId, continue_in_private
from bot.reward_texts import challenge_text, reject_reason, status_text
from bot.texts import number
from models import challenges
from models.forms import Invalid, parse_id
from models.tables import ChallengeEntry, EntryStatus, TelegramUser


class EnterButton(CallbackData, prefix="enter"):
    challenge_id: RowId


class EntryFlow(StatesGroup):
    waiting_for_link = State()


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


def entry_line(entry: ChallengeEntry) -> str:
    challenge = entry.challenge
    line = f"#{challenge.id} {escape(challenge.game)} {number(challenge.multiplier)}× · {status_text(entry.status)}"
    if entry.status == EntryStatus.APPROVED and entry.prize_code is not None:
        line += " · " + _("code: <tg-spoiler><code>{code}</code></tg-spoiler>").format(
            code=escape(entry.prize_code.code)
        )
    elif entry.status == EntryStatus.REJECTED:
        line += " · " + reject_reason(entry.reason)
    return line


async def submit_entry(message: Message, state: FSMContext, user: TelegramUser, challenge_id: int, link: str) -> None:
    try:
        challenges.parse_bet_url(link)
    except Invalid:
        await message.answer(bad_link())
        return
    await state.clear()
    await message.answer(enter_answer(await challenges.enter(challenge_id, user, link)))


async def in_group(message: Message, bot: Bot) -> None:
    await continue_in_private(message, bot, "challenges")


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


async def enter_pressed(
    query: CallbackQuery, callback_data: EnterButton, state: FSMContext, user: TelegramUser
) -> None:
    challenge = await challenges.find_open_challenge(callback_data.challenge_id)
    if challenge is None:
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


async def link_given(message: Message, state: FSMContext, user: TelegramUser) -> None:
    challenge_id = (await state.get_data())["challenge_id"]
    await submit_entry(message, state, user, challenge_id, message.text or "")


async def not_a_link(message: Message) -> None:
    await message.answer(bad_link())


async def enter_command(message: Message, command: CommandObject, state: FSMContext, user: TelegramUser) -> None:
    typed_id, _sep, link = (command.args or "").strip().partition(" ")
    challenge_id = parse_id(typed_id)
    if challenge_id is None or not link.strip():
        await message.answer(_("Usage: /enter 12 https://goated.com/… (the challenge's number and your bet link)."))
        return
    await submit_entry(message, state, user, challenge_id, link.strip())


async def my_entries(message: Message, user: TelegramUser) -> None:
    entries = await challenges.entries_of(user)
    if not entries:
        await message.answer(_("You have not entered a challenge yet. See /challenges."))
        return
    await message.answer("\n".join([_("🎯 <b>Your entries</b>")] + [entry_line(entry) for entry in entries]))


def build_router() -> Router:
    router = Router(name="challenges")
    router.message.register(in_group, Command("challenges", "myentries", "enter"), F.chat.type != ChatType.PRIVATE)
    router.message.register(show_challenges, Command("challenges"))
    router.callback_query.register(enter_pressed, EnterButton.filter())
    waiting = StateFilter(EntryFlow.waiting_for_link)
    router.message.register(link_given, waiting, F.text, ~F.text.startswith("/"))
    router.message.register(not_a_link, waiting, ~F.text.startswith("/"))  # commands still work mid-flow
    router.message.register(enter_command, Command("enter"))
    router.message.register(my_entries, Command("myentries"))
    return router
