"""Admins' bonus codes and challenges: guided forms (or one line for a code), the lists, the entry queue.

A guided form asks one thing at a time and checks each answer at once with the models' own parsers;
the answers live in the FSM state as the admin typed them, and the model checks them all again on saving.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import RowId
from bot.notifier import Notifier
from bot.reward_texts import bonus_line, challenge_text, reject_reason, when
from bot.texts import fit
from models import bonus, challenges, clock
from models.challenges import REJECT_REASONS, Decision
from models.forms import Invalid, Problem, parse_amount, parse_count, parse_deadline, parse_id, parse_text
from models.tables import BonusCode, ChallengeEntry, EntryStatus, TelegramUser
from models.users import display_name
from settings import Settings


def problem_text(problem: Problem) -> str:
    return {
        Problem.FIELD_COUNT: _("Use: /newcode CODE | what it gives | claims | expiry | minimum wager (optional)."),
        Problem.BAD_CODE: _("A code is 2–64 letters, digits, - or _."),
        Problem.EMPTY: _("That is empty."),
        Problem.TOO_LONG: _("That is too long."),
        Problem.NOT_A_NUMBER: _("That is not a number."),
        Problem.NOT_POSITIVE: _("It must be more than that."),
        Problem.TOO_LARGE: _("That is too large."),
        Problem.TOO_PRECISE: _("At most two decimals, please."),
        Problem.NOT_A_COUNT: _("A whole number, please."),
        Problem.BAD_DEADLINE: _("Write it as 7d, 12h, 2026-12-31 or 2026-12-31 18:00."),
        Problem.DEADLINE_PAST: _("That moment has passed."),
        Problem.DEADLINE_FAR: _("At most a year ahead, please."),
        Problem.TOO_FEW_CODES: _("Send at least one prize code per winner."),
        Problem.BAD_LINK: _("That is not a Goated bet link."),
    }[problem]


# ---- guided forms ----


class FormFlow(StatesGroup):
    filling = State()


@dataclass(frozen=True)
class Step:
    prompt: Callable[[Settings], str]
    check: Callable[[str, list[str], Settings], object]  # raises Invalid; gets the earlier answers


@dataclass(frozen=True)
class Form:
    steps: tuple[Step, ...]
    finish: Callable[[Message, list[str], TelegramUser, Settings, Notifier | None], Awaitable[None]]


def _holds(step: Step, answers: list[str], settings: Settings) -> bool:
    """Whether the last of `answers` passes its step's check now."""
    try:
        step.check(answers[-1], answers[:-1], settings)
    except Invalid:
        return False
    return True


def _deadline_prompt(settings: Settings) -> str:
    return _("Until when? 7d, 12h, 2026-12-31 or 2026-12-31 18:00 ({zone}).").format(zone=settings.race_timezone)


def _minimum(text: str) -> object:
    return None if text.strip() in ("0", "-") else parse_amount(text)


def _enough_codes(text: str, answers: list[str], settings: Settings) -> object:
    if len(challenges.parse_codes(text)) < parse_count(answers[4], challenges.MAX_WINNERS):
        raise Invalid(Problem.TOO_FEW_CODES)
    return None


async def finish_code(
    message: Message, answers: list[str], user: TelegramUser, settings: Settings, notifier: Notifier | None
) -> None:
    """Raises Invalid when an answer no longer holds (the expiry passed while the form was filled)."""
    code = await bonus.create(bonus.parse_new_code(answers, clock.now(), settings.race_timezone), user.id)
    await message.answer(
        _("✅ Bonus code #{id} is live. Players see it in /bonus.").format(id=code.id) + "\n" + bonus_line(code)
    )


async def finish_challenge(
    message: Message, answers: list[str], user: TelegramUser, settings: Settings, notifier: Notifier | None
) -> None:
    new = challenges.new_challenge(answers, clock.now(), settings.race_timezone)  # Invalid, as in finish_code
    challenge = await challenges.create(new, user.id, tuple(sorted(settings.announce_chat_ids)))
    await message.answer(
        _("✅ Challenge #{id} is open and being announced.").format(id=challenge.id)
        + "\n\n"
        + challenge_text(challenge)
    )
    if notifier is not None:
        notifier.deliver_soon()


FORMS = {
    "code": Form(
        (
            Step(
                lambda s: _("New bonus code (1/5): the code players type at Goated."),
                lambda t, a, s: bonus.parse_code(t),
            ),
            Step(lambda s: _("2/5: what does it give? For example: $10 free bet."), lambda t, a, s: parse_text(t, 255)),
            Step(lambda s: _("3/5: how many claims in total?"), lambda t, a, s: parse_count(t, bonus.MAX_CLAIMS)),
            Step(
                lambda s: "4/5: " + _deadline_prompt(s), lambda t, a, s: parse_deadline(t, clock.now(), s.race_timezone)
            ),
            Step(
                lambda s: _("5/5: how much must a player have wagered this month to claim it? 0 for no minimum."),
                lambda t, a, s: _minimum(t),
            ),
        ),
        finish_code,
    ),
    "challenge": Form(
        (
            Step(
                lambda s: _("New challenge (1/8): which game? For example: Plinko."), lambda t, a, s: parse_text(t, 64)
            ),
            Step(
                lambda s: _("2/8: the target multiplier? For example: 100 for 100×."),
                lambda t, a, s: challenges.parse_multiplier(t),
            ),
            Step(lambda s: _("3/8: the minimum bet, in dollars?"), lambda t, a, s: parse_amount(t)),
            Step(lambda s: _("4/8: the prize for each winner, in dollars?"), lambda t, a, s: parse_amount(t)),
            Step(lambda s: _("5/8: how many winners at most?"), lambda t, a, s: challenges.parse_winners(t)),
            Step(
                lambda s: "6/8: " + _deadline_prompt(s), lambda t, a, s: parse_deadline(t, clock.now(), s.race_timezone)
            ),
            Step(lambda s: _("7/8: describe it for the players."), lambda t, a, s: parse_text(t, 1000)),
            Step(lambda s: _("8/8: the prize codes, one per line, at least one per winner."), _enough_codes),
        ),
        finish_challenge,
    ),
}


async def start_form(message: Message, state: FSMContext, name: str, settings: Settings) -> None:
    await state.set_state(FormFlow.filling)
    await state.set_data({"form": name, "answers": []})
    await message.answer(FORMS[name].steps[0].prompt(settings) + "\n" + _("/cancel stops."))


# ---- lists and the entry queue ----


class CodeButton(CallbackData, prefix="codeadm"):
    action: str  # "claims" | "close"
    bonus_id: RowId


class EntryButton(CallbackData, prefix="entry"):
    action: str  # "approve" | "reject"
    entry_id: RowId
    reason: str = ""


def code_state(code) -> str:
    now = clock.now()
    if code.closed_at is not None:
        return _("closed")
    if code.expires_at <= now:
        return _("expired")
    if code.claims >= code.max_claims:
        return _("all claimed")
    return _("open")


async def codes_view() -> tuple[str, InlineKeyboardMarkup | None]:
    codes = await bonus.all_codes()
    if not codes:
        return _("No bonus codes yet. /newcode creates one."), None
    blocks = [
        _("#{id} <code>{code}</code> · {claims}/{max} claimed · {state}").format(
            id=code.id, code=escape(code.code), claims=code.claims, max=code.max_claims, state=code_state(code)
        )
        + "\n   "
        + bonus_line(code)
        for code in codes
    ]
    shown = codes[: fit(blocks, 3900)]  # the newest first
    lines = [_("🎁 <b>Bonus codes</b>")] + blocks[: len(shown)]
    builder = InlineKeyboardBuilder()
    for code in shown:
        builder.button(
            text=_("👥 #{id}").format(id=code.id), callback_data=CodeButton(action="claims", bonus_id=code.id)
        )
        if code.closed_at is None:
            builder.button(
                text=_("🛑 Close #{id}").format(id=code.id), callback_data=CodeButton(action="close", bonus_id=code.id)
            )
    builder.adjust(2)
    return "\n".join(lines), builder.as_markup()


def who(user: TelegramUser) -> str:
    return f"{escape(display_name(user))} (id <code>{user.id}</code>)"


def entry_card(entry: ChallengeEntry) -> str:
    return "\n".join(
        [
            _("🎯 <b>Entry #{id}</b> for challenge #{challenge}").format(id=entry.id, challenge=entry.challenge.id),
            challenge_text(entry.challenge),
            _("From: {who}").format(who=who(entry.user)),
            _("Bet: {link}").format(link=escape(entry.bet_url)),
        ]
    )


def entry_keyboard(entry_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✅ Approve"), callback_data=EntryButton(action="approve", entry_id=entry_id))
    for reason in REJECT_REASONS:
        builder.button(
            text="❌ " + reject_reason(reason),
            callback_data=EntryButton(action="reject", entry_id=entry_id, reason=reason),
        )
    builder.adjust(1)
    return builder.as_markup()


def decision_text(decision: Decision) -> str:
    return {
        Decision.APPROVED: _("✅ Approved: the winner gets their prize code in a private message."),
        Decision.REJECTED: _("❌ Rejected: the player has been told why."),
        Decision.ALREADY_DECIDED: _("Someone already decided this entry."),
        Decision.FULL: _("Not approved: the challenge is full or closed."),
        Decision.NO_CODES: _("Not approved: no prize codes are left for this challenge."),
    }[decision]


def build_router() -> Router:
    router = Router(name="admin.rewards")

    @router.message(Command("newcode"))
    async def new_code(
        message: Message, command: CommandObject, state: FSMContext, user: TelegramUser, settings: Settings
    ) -> None:
        if not command.args:
            await start_form(message, state, "code", settings)
            return
        try:
            await finish_code(message, [part.strip() for part in command.args.split("|")], user, settings, None)
        except Invalid as invalid:
            await message.answer(problem_text(invalid.problem))

    @router.message(Command("newchallenge"))
    async def new_challenge(message: Message, state: FSMContext, settings: Settings) -> None:
        await start_form(message, state, "challenge", settings)

    @router.message(StateFilter(FormFlow.filling), F.text, ~F.text.startswith("/"))
    async def answered(
        message: Message, state: FSMContext, user: TelegramUser, settings: Settings, notifier: Notifier | None = None
    ) -> None:
        data = await state.get_data()
        form, answers = FORMS[data["form"]], list(data["answers"])
        step, text = form.steps[len(answers)], message.text or ""
        try:
            step.check(text, answers, settings)
        except Invalid as invalid:
            await message.answer(problem_text(invalid.problem) + "\n" + step.prompt(settings))
            return
        answers.append(text)
        if len(answers) < len(form.steps):
            await state.update_data(answers=answers)
            await message.answer(form.steps[len(answers)].prompt(settings))
            return
        try:
            await form.finish(message, answers, user, settings, notifier)
        except Invalid as invalid:  # time passed while the form was filled: ask again where an answer no longer holds
            redo = next(i for i, s in enumerate(form.steps) if not _holds(s, answers[: i + 1], settings))
            await state.update_data(answers=answers[:redo])
            await message.answer(problem_text(invalid.problem) + "\n" + form.steps[redo].prompt(settings))
            return
        await state.clear()

    @router.message(StateFilter(FormFlow.filling))
    async def not_text(message: Message) -> None:
        await message.answer(_("Please answer with text, or /cancel."))

    @router.message(Command("codes"))
    async def codes(message: Message) -> None:
        text, markup = await codes_view()
        await message.answer(text, reply_markup=markup)

    @router.callback_query(CodeButton.filter(F.action == "claims"))
    async def claims(query: CallbackQuery, callback_data: CodeButton) -> None:
        code = await BonusCode.get_or_none(id=callback_data.bonus_id)
        rows = [f"{when(row.claimed_at)} · {who(row.user)}" for row in await bonus.claimants(callback_data.bonus_id)]
        shown = rows[: fit(rows, 3900)]  # the first claims; the count says how many there are in all
        lines = [
            _("👥 Claims of code #{id}: {n}").format(id=callback_data.bonus_id, n=code.claims if code else 0)
        ] + shown
        if code is not None and code.claims > len(shown):
            lines.append("…")
        if isinstance(query.message, Message):
            await query.message.answer("\n".join(lines))
        await query.answer()

    @router.callback_query(CodeButton.filter(F.action == "close"))
    async def close_code(query: CallbackQuery, callback_data: CodeButton, user: TelegramUser) -> None:
        closed = await bonus.close(callback_data.bonus_id, user.id)
        await query.answer(_("Closed: players no longer see it.") if closed else _("It was closed already."))
        if isinstance(query.message, Message):
            text, markup = await codes_view()
            await query.message.edit_text(text, reply_markup=markup)

    @router.message(Command("closechallenge"))
    async def close_challenge(
        message: Message, command: CommandObject, user: TelegramUser, notifier: Notifier | None = None
    ) -> None:
        challenge_id = parse_id(command.args or "")
        if challenge_id is None:
            await message.answer(_("Usage: /closechallenge 12"))
            return
        closed = await challenges.close(challenge_id, user.id)
        await message.answer(
            (_("Challenge #{id} is closed.") if closed else _("No open challenge #{id}.")).format(id=challenge_id)
        )
        if closed and notifier is not None:
            notifier.deliver_soon()  # the entries that were still waiting are rejected

    @router.message(Command("entries"))
    async def entries(message: Message) -> None:
        pending = await challenges.pending_entries()
        if not pending:
            await message.answer(_("No entries are waiting."))
            return
        for entry in pending:
            await message.answer(entry_card(entry), reply_markup=entry_keyboard(entry.id))

    @router.callback_query(EntryButton.filter())
    async def decide(
        query: CallbackQuery, callback_data: EntryButton, user: TelegramUser, notifier: Notifier | None = None
    ) -> None:
        approve = callback_data.action == "approve"
        reason = None if approve else (callback_data.reason if callback_data.reason in REJECT_REASONS else "other")
        decision = await challenges.decide(callback_data.entry_id, user.id, approve, reason)
        await query.answer(decision_text(decision), show_alert=decision not in (Decision.APPROVED, Decision.REJECTED))
        entry = await ChallengeEntry.get_or_none(id=callback_data.entry_id).prefetch_related("challenge", "user")
        if entry is not None and isinstance(query.message, Message) and entry.status != EntryStatus.PENDING:
            await query.message.edit_text(
                entry_card(entry)
                + "\n\n"
                + decision_text(Decision.APPROVED if entry.status == EntryStatus.APPROVED else Decision.REJECTED)
            )
        if notifier is not None:
            notifier.deliver_soon()

    return router
