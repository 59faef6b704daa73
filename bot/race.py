"""/race: the player's place in the current monthly race, the gap above, the prize, time left, top 5.
Other players' names follow NAME_DISPLAY; the reader's own name is whole in a private chat only."""

from __future__ import annotations

from datetime import datetime
from html import escape

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, User
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import milestones
from bot.keyboards import edit_in_place
from bot.race_texts import month_name, stale_note
from bot.texts import (
    Names,
    board_lines,
    current_locale,
    footer,
    is_keyword,
    keyword,
    mention,
    money,
    movement_line,
    places_moved,
    reader_names,
    time_left,
    when,
)
from models import clock
from models.forms import parse_month
from models.history import Movement
from models.leaderboard import Leaderboards, Standings
from models.race import Race
from models.races_custom import (
    RacePhase,
    as_race,
    custom_results,
    get_race,
    live_standings,
    open_races,
    phase,
    player_names,
)
from models.results import finished_race, latest_finished, race_result, results
from models.tables import CustomRace, CustomRaceStatus, TelegramUser
from settings import Settings

TOP_N = 5
TOP_RESULTS = 10


class RaceButton(CallbackData, prefix="race"):
    action: str  # "refresh"


# The Refresh button reads in the reader's language, and nothing else changes it: one markup per language (the
# catalogs do not change while the bot runs). Never changed after it is built: `with_other_races` copies it.
_REFRESH_KEYBOARDS: dict[str, InlineKeyboardMarkup] = {}


def refresh_keyboard() -> InlineKeyboardMarkup:
    locale = current_locale()
    markup = _REFRESH_KEYBOARDS.get(locale)
    if markup is None:
        builder = InlineKeyboardBuilder()
        builder.button(text=_("🔄 Refresh"), callback_data=RaceButton(action="refresh"))
        markup = _REFRESH_KEYBOARDS[locale] = builder.as_markup()
    return markup


def position_lines(race: Race, standings: Standings, movement: Movement, player_id: str, who: str | None) -> list[str]:
    """The linked player's place: rank, movement, the gap above, and the prize or the way to the paid places."""
    position = standings.position(player_id)
    if position is None:
        if who:
            return [_("{who} has not wagered this month yet.").format(who=who)]
        return [_("You have not wagered this month yet.")]
    rank, wagered = position.entry.rank, money(position.entry.wagered)
    lines = [
        _("{who} is <b>#{rank}</b> with {wagered}").format(who=who, rank=rank, wagered=wagered)
        if who
        else _("You are <b>#{rank}</b> with {wagered} wagered this month").format(rank=rank, wagered=wagered)
    ]
    if moved := movement_line(movement, position.entry.uid):
        lines.append(moved)
    if position.gap_to_above is None:
        lines.append(_("🥇 In the lead!"))
    else:
        lines.append(_("{gap} behind #{above}").format(gap=money(position.gap_to_above), above=rank - 1))
    prize = race.prize_for(rank)
    if prize is not None:
        lines.append(_("Prize for this place: <b>{prize}</b>").format(prize=money(prize)))
    elif len(standings) >= race.paid_places:
        last_paid = standings.entries[race.paid_places - 1]
        lines.append(
            _("{gap} more to reach the paid places (top {n})").format(
                gap=money(last_paid.wagered - position.entry.wagered), n=race.paid_places
            )
        )
    return lines


def top_lines(race: Race, standings: Standings, movement: Movement, names: Names) -> list[str]:
    lines = [_("<b>Top {n}</b>").format(n=TOP_N)]
    top = standings.top(TOP_N)
    for line, entry in zip(board_lines(top, [names(e.uid, e.name) for e in top]), top, strict=True):
        if moved := places_moved((movement.since_day or {}).get(entry.uid, 0)):
            line += f" {moved}"
        prize = race.prize_for(entry.rank)
        lines.append(f"{line} · {money(prize)}" if prize else line)
    if not top:
        lines.append(_("Nobody has wagered yet in this period."))
    return lines


async def race_text(
    user: TelegramUser, sender: User | None, group: bool, leaderboards: Leaderboards, settings: Settings, demo: bool
) -> str:
    now = clock.now()
    race = await leaderboards.race(now, settings.race_timezone)
    standings = await leaderboards.race_standings(race)
    movement = await leaderboards.race_movement(race)
    lines = [_("🏁 <b>Monthly wager race</b>"), _("Ends in {left}").format(left=time_left(race.time_left(now))), ""]
    if user.player_id:
        who = mention(sender) if group and sender else None
        lines += position_lines(race, standings, movement, user.player_id, who)
    elif not group:
        lines.append(_("Link your Goated account with /verify to see your place."))
    lines += ["", *top_lines(race, standings, movement, reader_names(settings.name_display, user, not group))]
    lines += ["", _("Prize pool: {pool}").format(pool=money(race.prize_pool))]
    if await leaderboards.any_race_finished():
        lines.append(_("Last race's results: /race {previous}").format(previous=keyword("previous")))
    lines.append(footer(await leaderboards.updated_at(), demo))
    return "\n".join(lines)


async def results_text(month_arg: str, user: TelegramUser, names: Names) -> str:
    """`/race previous` (`/race anterior`), `/race 2026-11` or `/race noviembre 2026`: a finished race's final
    standings and the user's own place."""
    month = parse_month(month_arg, current_locale())
    if is_keyword(month_arg, "previous") or month_arg == "last":
        race = await latest_finished()
    elif month is not None:
        race = await finished_race(month)
    else:
        return _("Usage: /race, /race {previous}, or /race {month} for a month's results.").format(
            previous=keyword("previous"), month="2026-10"
        )
    if race is None:
        return _("No finished race for that month yet.")
    lines = [_("🏁 <b>{month} race — final results</b>").format(month=month_name(race.month))]
    if race.stale:
        lines.append(stale_note(race))
    top = await results(race, TOP_RESULTS)
    for line, row in zip(board_lines(top, [names(r.player_id, r.name) for r in top]), top, strict=True):
        lines.append(f"{line} · {money(row.prize)}" if row.prize else line)
    if not top:
        lines.append(_("Nobody wagered during this race."))
    if user.player_id:
        mine = await race_result(race, user.player_id)
        if mine is not None:
            lines += [
                "",
                _("You finished <b>#{rank}</b> with {wagered}.").format(rank=mine.rank, wagered=money(mine.wagered))
                + (" " + _("Prize: <b>{prize}</b>").format(prize=money(mine.prize)) if mine.prize else ""),
            ]
    return "\n".join(lines)


async def race_results(message: Message, command: CommandObject, user: TelegramUser, settings: Settings) -> None:
    names = reader_names(settings.name_display, user, message.chat.type == ChatType.PRIVATE)
    await message.answer(await results_text((command.args or "").strip().lower(), user, names))


async def show_race(
    message: Message, user: TelegramUser, leaderboards: Leaderboards, settings: Settings, demo: bool
) -> None:
    group = message.chat.type != ChatType.PRIVATE
    text = await race_text(user, message.from_user, group, leaderboards, settings, demo)
    await message.answer(text, reply_markup=None if group else await with_other_races(refresh_keyboard(), leaderboards))


async def refresh(
    query: CallbackQuery, user: TelegramUser, leaderboards: Leaderboards, settings: Settings, demo: bool
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(_("This message is too old; send /race again."))
        return
    group = query.message.chat.type != ChatType.PRIVATE  # the edit is read by whoever is in that chat
    text = await race_text(user, query.from_user, group, leaderboards, settings, demo)
    await edit_in_place(query, query.message, text, refresh_keyboard())


# ---- races beside the monthly one (weekly, custom): /race <id> and the buttons under /race ----


class CustomRaceButton(CallbackData, prefix="crace"):
    race_id: int


async def other_races(leaderboards: Leaderboards) -> list[tuple[int, str]]:
    """The other races running or upcoming, as (id, title). Kept with the boards (plain values: the cache may
    be Redis): creating or cancelling a race clears them (`RaceEdited`), and a race that ends drops out here."""
    now = clock.now()

    async def load() -> list[tuple[int, str, datetime]]:
        return [(race.id, race.title, race.ends_at) for race in await open_races(now)]

    return [
        (race_id, title) for race_id, title, ends_at in await leaderboards.cached("races:open", load) if ends_at > now
    ]


async def with_other_races(
    markup: InlineKeyboardMarkup | None, leaderboards: Leaderboards
) -> InlineKeyboardMarkup | None:
    """/race's keyboard, with a button for each other race running or upcoming (none: unchanged)."""
    others = await other_races(leaderboards)
    if not others or markup is None:
        return markup
    builder = InlineKeyboardBuilder([list(row) for row in markup.inline_keyboard])  # `markup` itself stays as it is
    for race_id, title in others[:8]:
        builder.row(
            InlineKeyboardButton(text=f"🏁 {title}"[:60], callback_data=CustomRaceButton(race_id=race_id).pack())
        )
    return builder.as_markup()


def custom_heading(race: CustomRace, now: datetime) -> list[str]:
    state = phase(race, now)
    lines = [_("🏁 <b>{title}</b> (race #{id})").format(title=escape(race.title), id=race.id)]
    lines.append(_("{start} → {end}").format(start=when(race.starts_at), end=when(race.ends_at)))
    if state == RacePhase.UPCOMING:
        lines.append(_("Starts in {left}").format(left=time_left((race.starts_at - now).total_seconds())))
    elif state == RacePhase.RUNNING:
        lines.append(_("Ends in {left}").format(left=time_left((race.ends_at - now).total_seconds())))
    elif state == RacePhase.CANCELLED:
        lines.append(_("This race was cancelled."))
    elif state == RacePhase.FINISHED:
        lines.append(_("Final results"))
        if race.start_late or race.end_late:
            lines.append(_("⚠️ An edge of this race was observed late: its figures come from a sync far from it."))
    else:
        lines.append(_("The race is over: its results are on their way."))
    return lines


async def custom_race_text(race: CustomRace, user: TelegramUser, names: Names) -> str:
    now = clock.now()
    prizes = as_race(race)
    lines = custom_heading(race, now)
    if race.status == CustomRaceStatus.FINISHED:
        figures = [(r.player_id, r.name, r.wagered) for r in await custom_results(race, TOP_RESULTS)]
    else:
        standings = await live_standings(race, now)
        known = await player_names([f.uid for f in standings[:TOP_RESULTS]])
        figures = [(f.uid, known.get(f.uid, f.uid), f.wagered) for f in standings[:TOP_RESULTS]]
    lines.append("")
    for rank, (uid, name, wagered) in enumerate(figures, start=1):
        prize = prizes.prize_for(rank)
        mine = " ◀" if uid == user.player_id else ""
        lines.append(f"{rank}. {names(uid, name)} — {money(wagered)}" + (f" · {money(prize)}" if prize else "") + mine)
    if not figures:
        lines.append(_("Nobody has wagered yet in this race."))
    lines += ["", _("Prize pool: {pool}").format(pool=money(race.pool))]
    return "\n".join(lines)


async def show_custom_race(message: Message, command: CommandObject, user: TelegramUser, settings: Settings) -> None:
    race = await get_race(int((command.args or "").strip().removeprefix("#")))
    if race is None:
        await message.answer(_("There is no race with that number."))
        return
    names = reader_names(settings.name_display, user, message.chat.type == ChatType.PRIVATE)
    await message.answer(await custom_race_text(race, user, names))


async def custom_race_button(
    query: CallbackQuery, callback_data: CustomRaceButton, user: TelegramUser, settings: Settings
) -> None:
    race = await get_race(callback_data.race_id)
    if race is None or not isinstance(query.message, Message):
        await query.answer(_("This race is no longer there."))
        return
    names = reader_names(settings.name_display, user, query.message.chat.type == ChatType.PRIVATE)
    await query.answer()
    await query.message.answer(await custom_race_text(race, user, names))


def build_router() -> Router:
    router = Router(name="race")
    router.message.register(show_custom_race, Command("race", magic=F.args.regexp(r"^\s*#?\d{1,9}\s*$")))
    router.callback_query.register(custom_race_button, CustomRaceButton.filter())
    router.message.register(race_results, Command("race", magic=F.args))
    router.message.register(show_race, Command("race"))
    router.callback_query.register(refresh, RaceButton.filter(F.action == "refresh"))
    router.include_router(milestones.build_router())  # /milestones, /goal: the month's targets beside the race
    return router
