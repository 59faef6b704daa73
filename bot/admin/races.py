"""/raceconfig, /setprizes, /exclude, /include: the race's prizes and who is left out of its standings."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.race_texts import month_name
from bot.texts import day_text, is_keyword, keyword, money, percent, time_left
from models import clock
from models.events import EventBus, RaceEdited
from models.race import (
    ExclusionOutcome,
    InvalidPrizes,
    PrizeProblem,
    Race,
    active_exclusions,
    exclude,
    find_race_player,
    include,
    load_race,
    parse_pool,
    parse_prizes,
    parse_split,
    prize_history,
    set_prizes,
)
from models.tables import TelegramUser
from models.users import display_name, users_by_id
from settings import Settings

LISTED_PLACES = 15
LISTED_EXCLUSIONS = 15


class PrizeFlow(StatesGroup):
    pool = State()
    split = State()


class PrizeButton(CallbackData, prefix="prizes"):
    which: str  # "current" or "next"


def problem_text(error: InvalidPrizes) -> str:
    return {
        PrizeProblem.NOT_A_NUMBER: _("“{detail}” is not a number."),
        PrizeProblem.POOL_NOT_POSITIVE: _("The prize pool must be more than zero."),
        PrizeProblem.POOL_TOO_LARGE: _("That prize pool is too large."),
        PrizeProblem.NO_PLACES: _("Give at least one paid place: the percentage for place 1, then place 2, and so on."),
        PrizeProblem.TOO_MANY_PLACES: _("At most 100 places can be paid."),
        PrizeProblem.PERCENT_NOT_POSITIVE: _("Every paid place needs more than 0% (“{detail}”)."),
        PrizeProblem.OVER_100: _("The percentages add up to {detail}%: they may add up to 100% at most."),
        PrizeProblem.TOO_PRECISE: _("Use at most two decimals (“{detail}”)."),
    }[error.problem].format(detail=escape(error.detail[:32]))


def prize_lines(race: Race) -> list[str]:
    total = sum(race.split, Decimal(0))
    lines = [_("Prize pool: <b>{pool}</b>").format(pool=money(race.prize_pool))]
    if race.paid_places <= LISTED_PLACES:
        lines += [
            f"  {place}. {percent(pct)} — {money(race.prize_for(place) or Decimal(0))}"
            for place, pct in enumerate(race.split, start=1)
        ]
    else:  # up to 100 places: one compact line keeps the message under Telegram's size limit
        lines.append("  " + " · ".join(percent(pct) for pct in race.split))
    paid = sum((race.prize_for(p) or Decimal(0) for p in range(1, race.paid_places + 1)), Decimal(0))
    lines.append(_("Total: {percent} ({paid})").format(percent=percent(total), paid=money(paid)))
    return lines


async def races_now(settings: Settings) -> tuple[Race, Race]:
    current = await load_race(clock.now(), settings.race_timezone)
    return current, await load_race(current.ends_at, settings.race_timezone)


async def history_lines() -> list[str]:
    """The latest prize changes, with who made them."""
    history = await prize_history()
    if not history:
        return []
    admins = await users_by_id(change.set_by for change in history)
    lines = ["", _("<b>Recent changes</b>")]
    for change in history:
        admin = admins.get(change.set_by)
        places = ngettext("{n} paid place", "{n} paid places", len(change.split)).format(n=len(change.split))
        lines.append(
            _("• {date} {admin}: {month} → {pool}, {places}").format(
                date=day_text(change.set_at),
                admin=escape(display_name(admin)) if admin else change.set_by,
                month=month_name(change.month),
                pool=money(change.pool),
                places=places,
            )
        )
    return lines


async def config_text(settings: Settings) -> tuple[str, InlineKeyboardMarkup]:
    current, upcoming = await races_now(settings)
    lines = [
        _("🏁 <b>Race settings</b>"),
        "",
        _("<b>This race</b> ({month}, ends in {left})").format(
            month=month_name(current.month), left=time_left(current.time_left(clock.now()))
        ),
    ]
    lines += prize_lines(current)
    lines += ["", _("<b>Next race</b> ({month})").format(month=month_name(upcoming.month))]
    lines += prize_lines(upcoming)
    excluded = await active_exclusions(current.month)
    lines += ["", _("<b>Excluded from this race</b>")]
    lines += [
        f"• {escape(e.player.name)} (<code>{escape(e.player.uid)}</code>) — {escape(e.reason[:80])}"
        for e in excluded[:LISTED_EXCLUSIONS]
    ] or [_("nobody")]
    if len(excluded) > LISTED_EXCLUSIONS:
        lines.append(f"… +{len(excluded) - LISTED_EXCLUSIONS}")
    lines += await history_lines()
    lines += [
        "",
        _(
            "Change in one line: /setprizes 500 40 20 12 8 6 5 3.5 2.5 1.5 1.5 (this race) "
            "or /setprizes {next} 500 40 20 … (next race)."
        ).format(next=keyword("next")),
        escape(_("Leave a player out: /exclude <name or uid> <reason>; undo with /include <name or uid>.")),
    ]
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✏️ Change this race"), callback_data=PrizeButton(which="current"))
    builder.button(text=_("✏️ Change next race"), callback_data=PrizeButton(which="next"))
    return "\n".join(lines), builder.as_markup()


async def store(
    message: Message,
    which: str,
    pool: Decimal,
    split: tuple[Decimal, ...],
    user: TelegramUser,
    settings: Settings,
    events: EventBus,
) -> None:
    current, upcoming = await races_now(settings)
    race = upcoming if which == "next" else current
    await set_prizes(race.month, pool, split, user.id)
    await events.publish(RaceEdited(race.month))  # every replica's /race, page and live clients show it at once
    updated = await load_race(race.starts_at, settings.race_timezone)
    await message.answer(
        "\n".join([_("✅ Prizes for {month} saved.").format(month=month_name(updated.month)), *prize_lines(updated)])
    )


async def show_config(message: Message, settings: Settings) -> None:
    text, markup = await config_text(settings)
    await message.answer(text, reply_markup=markup)


async def setprizes(
    message: Message, command: CommandObject, user: TelegramUser, settings: Settings, events: EventBus
) -> None:
    args = (command.args or "").split()
    which = "next" if args and is_keyword(args[0], "next") else "current"
    try:
        pool, split = parse_prizes(" ".join(args[1:] if which == "next" else args))
    except InvalidPrizes as error:
        await message.answer(
            problem_text(error)
            + "\n"
            + _("Nothing was changed. Example: /setprizes 500 40 20 12 8 6 5 3.5 2.5 1.5 1.5")
        )
        return
    await store(message, which, pool, split, user, settings, events)


async def change_button(query: CallbackQuery, callback_data: PrizeButton, state: FSMContext) -> None:
    await state.set_state(PrizeFlow.pool)
    await state.update_data(which=callback_data.which)
    if isinstance(query.message, Message):
        await query.message.answer(_("Send the prize pool in dollars, for example 500. /cancel stops."))
    await query.answer()


async def pool_given(message: Message, state: FSMContext) -> None:
    try:
        pool = parse_pool(message.text or "")
    except InvalidPrizes as error:
        await message.answer(problem_text(error) + "\n" + _("Send the prize pool again, or /cancel."))
        return
    await state.update_data(pool=str(pool))
    await state.set_state(PrizeFlow.split)
    await message.answer(
        _("Now the percentage for each paid place, first place first, for example: 40 20 12 8 6 5 3.5 2.5 1.5 1.5")
    )


async def split_given(
    message: Message, state: FSMContext, user: TelegramUser, settings: Settings, events: EventBus
) -> None:
    try:
        split = parse_split((message.text or "").split())
    except InvalidPrizes as error:
        await message.answer(problem_text(error) + "\n" + _("Send the percentages again, or /cancel."))
        return
    data = await state.get_data()
    await state.clear()
    await store(message, data.get("which", "current"), Decimal(data["pool"]), split, user, settings, events)


async def not_text(message: Message) -> None:
    await message.answer(_("Please send numbers as text, or /cancel."))


async def exclude_command(
    message: Message, command: CommandObject, user: TelegramUser, settings: Settings, events: EventBus
) -> None:
    parts = (command.args or "").split(maxsplit=1)
    if len(parts) < 2:
        await message.answer(escape(_("Usage: /exclude <name or uid> <reason>")))
        return
    player = await find_race_player(parts[0])
    if player is None:
        await message.answer(_("No player called {name}.").format(name=escape(parts[0][:64])))
        return
    race, _next = await races_now(settings)
    reason = parts[1].strip()
    outcome = await exclude(race.month, player, reason, user.id)
    await events.publish(RaceEdited(race.month))
    if outcome == ExclusionOutcome.ALREADY:
        await message.answer(_("{name} is already excluded from this race.").format(name=escape(player.name)))
    else:
        await message.answer(
            _("{name} is excluded from this race: {reason}. Undo with /include {uid}").format(
                name=escape(player.name), reason=escape(reason), uid=escape(player.uid)
            )
        )


async def include_command(
    message: Message, command: CommandObject, user: TelegramUser, settings: Settings, events: EventBus
) -> None:
    name = (command.args or "").strip()
    player = await find_race_player(name) if name else None
    if player is None:
        await message.answer(
            escape(_("Usage: /include <name or uid>"))
            if not name
            else _("No player called {name}.").format(name=escape(name[:64]))
        )
        return
    race, _next = await races_now(settings)
    outcome = await include(race.month, player, user.id)
    await events.publish(RaceEdited(race.month))
    if outcome == ExclusionOutcome.NOT_EXCLUDED:
        await message.answer(_("{name} is not excluded from this race.").format(name=escape(player.name)))
    else:
        await message.answer(_("{name} counts in this race again.").format(name=escape(player.name)))


def build_router() -> Router:
    router = Router(name="admin.races")
    router.message.register(show_config, Command("raceconfig"))
    router.message.register(setprizes, Command("setprizes"))
    router.callback_query.register(change_button, PrizeButton.filter())
    router.message.register(pool_given, StateFilter(PrizeFlow.pool), F.text, ~F.text.startswith("/"))
    router.message.register(split_given, StateFilter(PrizeFlow.split), F.text, ~F.text.startswith("/"))
    router.message.register(not_text, StateFilter(PrizeFlow.pool, PrizeFlow.split))
    router.message.register(exclude_command, Command("exclude"))
    router.message.register(include_command, Command("include"))
    return router
