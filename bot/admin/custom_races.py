"""/newrace, /races, /cancelrace: races beside the monthly one (a custom window, or weekly); /milestones and
/goal with arguments: this month's wager milestones, their reward codes, and the community goal."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.admin.races import problem_text
from bot.notification_delivery import Notifier
from bot.texts import money, percent, when
from models import clock
from models.events import EventBus, RaceEdited
from models.forms import Invalid, Problem, parse_amount
from models.milestones import add_codes, parse_amounts, set_goal, set_milestones
from models.race import InvalidPrizes, race_at
from models.races_custom import (
    CancelOutcome,
    InvalidRace,
    NewRaceProblem,
    RacePhase,
    cancel_race,
    create_race,
    open_races,
    parse_new_race,
    phase,
)
from models.tables import CustomRace, RaceKind, TelegramUser
from settings import Settings

USAGE = (
    "/newrace Weekend | 2026-12-05 18:00 | 2026-12-07 18:00 | 300 | 50 30 20\n"
    "/newrace Weekly sprint | weekly | 100 | 60 40"
)


def race_problem(error: InvalidRace) -> str:
    return {
        NewRaceProblem.FORMAT: _("Write it on one line: title | start | end | pool | percent for #1 #2 …"),
        NewRaceProblem.NO_TITLE: _("Give the race a title."),
        NewRaceProblem.BAD_DATE: _("“{detail}” is not a date: write it as 2026-12-05 or 2026-12-05 18:00."),
        NewRaceProblem.END_BEFORE_START: _("The race must end after it starts."),
        NewRaceProblem.ENDED: _("That end is already past."),
    }[error.problem].format(detail=escape(error.detail))


def race_line(race: CustomRace) -> str:
    kind = _("weekly") if race.kind == RaceKind.WEEKLY else _("custom")
    state = _("running") if phase(race, clock.now()) == RacePhase.RUNNING else _("upcoming")
    split = " ".join(percent(Decimal(p)) for p in race.split)
    return _("#{id} <b>{title}</b> ({kind}, {state}): {start} → {end}, {pool} split {split}").format(
        id=race.id,
        title=escape(race.title),
        kind=kind,
        state=state,
        start=when(race.starts_at),
        end=when(race.ends_at),
        pool=money(race.pool),
        split=split,
    )


class NewRaceFlow(StatesGroup):
    line = State()  # the guided form: the race on one line, asked for


async def newrace(
    message: Message,
    command: CommandObject,
    user: TelegramUser,
    settings: Settings,
    state: FSMContext,
    events: EventBus,
) -> None:
    if not command.args:
        await state.set_state(NewRaceFlow.line)
        await message.answer(
            _("Create a race beside the monthly one: send it on one line, like")
            + "\n"
            + escape(USAGE)
            + "\n"
            + _("/cancel stops.")
        )
        return
    await create_from_line(message, command.args, user, settings, state, events)


async def line_given(
    message: Message, user: TelegramUser, settings: Settings, state: FSMContext, events: EventBus
) -> None:
    await create_from_line(message, message.text or "", user, settings, state, events)


async def create_from_line(
    message: Message, text: str, user: TelegramUser, settings: Settings, state: FSMContext, events: EventBus
) -> None:
    """Parsed in RACE_TIMEZONE; a mistake is explained and the form (if open) stays open for another try."""
    now = clock.now()
    try:
        new = parse_new_race(text, settings.race_timezone, now)
    except InvalidRace as error:
        await message.answer(race_problem(error) + "\n" + escape(USAGE))
        return
    except InvalidPrizes as error:
        await message.answer(problem_text(error))
        return
    await state.clear()
    race = await create_race(new, user.id, now, settings.race_timezone)
    await events.publish(RaceEdited(f"r{race.id}"))  # every replica's /race and page list it at once
    text = _("✅ Race created:") if not new.weekly else _("✅ Weekly race created, repeating each week:")
    await message.answer(text + "\n" + race_line(race) + "\n" + _("Cancel it with /cancelrace {id}").format(id=race.id))


async def list_races(message: Message) -> None:
    races = await open_races(clock.now())
    if not races:
        await message.answer(_("No race beside the monthly one is running or upcoming. Create one with /newrace"))
        return
    lines = [_("🏁 <b>Running and upcoming races</b>"), *(race_line(race) for race in races)]
    await message.answer("\n".join(lines))


async def cancelrace(
    message: Message,
    command: CommandObject,
    user: TelegramUser,
    events: EventBus,
    notifier: Notifier | None = None,
) -> None:
    text = (command.args or "").strip().removeprefix("#")
    if not text.isdecimal() or len(text) > 9:
        await message.answer(_("Usage: /cancelrace <id> (the ids are in /races)"))
        return
    outcome = await cancel_race(int(text), user.id, clock.now())
    if outcome == CancelOutcome.DONE:
        await events.publish(RaceEdited(f"r{text}"))  # gone from every replica's /race and page at once
    if outcome == CancelOutcome.DONE and notifier is not None:
        notifier.deliver_soon()  # its players are told
    await message.answer(
        {
            CancelOutcome.DONE: _("Race #{id} is cancelled; its players are told."),
            CancelOutcome.NOT_FOUND: _("There is no race #{id}."),
            CancelOutcome.ENDED: _("Race #{id} has ended or was cancelled already."),
        }[outcome].format(id=text)
    )


def build_router() -> Router:
    router = Router(name="admin_custom_races")
    router.message.register(newrace, Command("newrace"))
    router.message.register(line_given, StateFilter(NewRaceFlow.line), F.text, ~F.text.startswith("/"))
    router.message.register(list_races, Command("races"))
    router.message.register(cancelrace, Command("cancelrace"))
    router.message.register(set_milestones_command, Command("milestones", magic=F.args))
    router.message.register(set_goal_command, Command("goal", magic=F.args))
    return router


# ---- /milestones and /goal with arguments: admins set this month's ----


async def set_milestones_command(
    message: Message, command: CommandObject, user: TelegramUser, settings: Settings
) -> None:
    words = (command.args or "").split()
    now = clock.now()
    month = race_at(now, settings.race_timezone).month
    try:
        if words[0].lower() == "reward":
            await reward_codes(message, month, words[1:], user)
            return
        amounts = parse_amounts(words)
    except (Invalid, IndexError):
        await message.answer(
            _(
                "Usage: /milestones 1000 5000 10000 — this month's milestones; "
                "/milestones reward 5000 CODE1 CODE2 … — reward codes for one"
            )
        )
        return
    await set_milestones(month, amounts, user.id, now)
    await message.answer(
        _("✅ This month's milestones: {amounts}").format(amounts=" · ".join(money(a) for a in amounts))
    )


async def reward_codes(message: Message, month: str, words: list[str], user: TelegramUser) -> None:
    amount = parse_amount(words[0])
    if len(words) < 2:
        raise Invalid(Problem.TOO_FEW_CODES)
    added = await add_codes(month, amount, words[1:], user.id)
    if added is None:
        await message.answer(_("{amount} is not one of this month's milestones.").format(amount=money(amount)))
        return
    await message.answer(
        _("✅ {count} reward codes added to the {amount} milestone.").format(count=added, amount=money(amount))
    )


async def set_goal_command(
    message: Message, command: CommandObject, user: TelegramUser, settings: Settings, events: EventBus
) -> None:
    try:
        amount = parse_amount((command.args or "").strip(), Decimal(10) ** 12)
    except Invalid:
        await message.answer(_("Usage: /goal 2500000 — the community's goal for this month's total wagered"))
        return
    now = clock.now()
    month = race_at(now, settings.race_timezone).month
    await set_goal(month, amount, user.id, now)
    await events.publish(RaceEdited(month))  # every replica's page shows the new goal at once
    await message.answer(_("✅ This month's community goal: {amount}").format(amount=money(amount)))
