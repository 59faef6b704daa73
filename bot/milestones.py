"""/milestones: a player's progress to this month's next wager milestone (a bar); /goal: the community's."""

from __future__ import annotations

from decimal import Decimal

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.texts import money
from models import clock
from models.leaderboard import Leaderboards
from models.milestones import bar, month_goal, month_milestones, progress, reached_amounts
from models.tables import TelegramUser
from settings import Settings


async def milestones_text(user: TelegramUser, leaderboards: Leaderboards, settings: Settings) -> str:
    race = await leaderboards.race(clock.now(), settings.race_timezone)
    milestones = await month_milestones(race.month)
    if not milestones:
        return _("No wager milestones are set for this month.")
    amounts = [m.amount for m in milestones]
    lines = [_("🎯 <b>This month's wager milestones</b>"), " · ".join(money(a) for a in amounts)]
    if not user.player_id:
        return "\n".join([*lines, "", _("Link your Goated account with /verify to see your progress.")])
    standings = await leaderboards.race_standings(race)
    position = standings.position(user.player_id)
    step = progress(position.entry.wagered if position else Decimal(0), amounts)
    lines += ["", _("You wagered {wagered} this month.").format(wagered=money(step.wagered))]
    if step.next_amount is None:
        lines.append(bar(1.0) + " " + _("Every milestone reached!"))
    else:
        lines.append(
            bar(step.fraction)
            + " "
            + _("{left} to go to {next}").format(
                left=money(step.next_amount - step.wagered), next=money(step.next_amount)
            )
        )
    if reached := await reached_amounts(race.month, user.player_id):
        lines.append(_("Reached: {amounts}").format(amounts=", ".join(money(a) for a in reached)))
    return "\n".join(lines)


async def goal_text(leaderboards: Leaderboards, settings: Settings) -> str:
    race = await leaderboards.race(clock.now(), settings.race_timezone)
    goal = await month_goal(race.month)
    if goal is None:
        return _("No community goal is set for this month.")
    standings = await leaderboards.race_standings(race)
    total = sum((entry.wagered for entry in standings.entries), Decimal(0))
    fraction = min(1.0, float(total / goal.amount))
    return "\n".join(
        [
            _("🎉 <b>Community goal</b>: {goal} wagered this month").format(goal=money(goal.amount)),
            bar(fraction) + f" {fraction:.0%}",
            _("{total} so far").format(total=money(total)),
        ]
    )


async def show_milestones(message: Message, user: TelegramUser, leaderboards: Leaderboards, settings: Settings) -> None:
    await message.answer(await milestones_text(user, leaderboards, settings))


async def show_goal(message: Message, leaderboards: Leaderboards, settings: Settings) -> None:
    await message.answer(await goal_text(leaderboards, settings))


def build_router() -> Router:
    router = Router(name="milestones")
    router.message.register(show_milestones, Command("milestones"))
    router.message.register(show_goal, Command("goal"))
    return router
