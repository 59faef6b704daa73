"""/newcode and /newchallenge: the guided forms that create a bonus code (or one line for a code) and a challenge.

A guided form asks one thing at a time and checks each answer at once with the models' own parsers;
the answers live in the FSM state as the admin typed them, and the model checks them all again on saving.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.notification_delivery import Notifier
from bot.reward_texts import bonus_line, challenge_text
from models import bonus, challenges, clock
from models.forms import Invalid, Problem, parse_amount, parse_count, parse_deadline, parse_text
from models.tables import TelegramUser
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


async def new_challenge(message: Message, state: FSMContext, settings: Settings) -> None:
    await start_form(message, state, "challenge", settings)


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


async def not_text(message: Message) -> None:
    await message.answer(_("Please answer with text, or /cancel."))


def build_router() -> Router:
    router = Router(name="admin.reward_forms")
    router.message.register(new_code, Command("newcode"))
    router.message.register(new_challenge, Command("newchallenge"))
    # While a form is open it takes every message but the commands above (and the routers before this one).
    router.message.register(answered, StateFilter(FormFlow.filling), F.text, ~F.text.startswith("/"))
    router.message.register(not_text, StateFilter(FormFlow.filling))
    return router
