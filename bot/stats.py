"""/stats: a linked player's wagers and ranks on every board, and their VIP tier. In a group, where the
sender's Telegram name stands beside it, their Goated name follows NAME_DISPLAY like everyone's."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.race_texts import month_name
from bot.texts import footer, mention, money, movement_line, period_title, reader_names, sparkline
from models import clock
from models.history import month_curve
from models.leaderboard import Leaderboards, Period
from models.results import player_results
from models.tables import Player, TelegramUser
from models.users import player_of
from models.vip import vip_tier
from settings import DEFAULT_VIP_TIERS, Settings


def tier_name(name: str, settings: Settings) -> str:
    """The default tiers read in the reader's language; tiers set in VIP_TIERS read as the owner wrote them."""
    if settings.vip_tiers != DEFAULT_VIP_TIERS:
        return name
    return {
        "Bronze": _("Bronze"),
        "Silver": _("Silver"),
        "Gold": _("Gold"),
        "Platinum": _("Platinum"),
        "Diamond": _("Diamond"),
    }.get(name, name)


async def race_lines(player: Player, leaderboards: Leaderboards, settings: Settings) -> list[str]:
    """The player in this month's race: place, movement, today's gain, and the month day by day."""
    now = clock.now()
    race = await leaderboards.race(now, settings.race_timezone)
    position = (await leaderboards.race_standings(race)).position(player.uid)
    if position is None:
        return []
    lines = ["", _("🏁 Race: <b>#{rank}</b>").format(rank=position.entry.rank)]
    if moved := movement_line(await leaderboards.race_movement(race), player.uid):
        lines.append(moved)
    curve = await month_curve(race, player.uid, now)
    if len(curve) > 1:
        lines.append(_("Day by day: {curve}").format(curve=sparkline(curve)))
    return lines


async def past_race_lines(player: Player) -> list[str]:
    history = await player_results(player.uid)
    if not history:
        return []
    return ["", _("<b>Past races</b>")] + [
        f"{month_name(race.month)}: #{row.rank} · {money(row.wagered)}"
        + (f" · 🏆 {money(row.prize)}" if row.prize else "")
        for race, row in history
    ]


async def player_stats(
    message: Message, user: TelegramUser, leaderboards: Leaderboards, settings: Settings, demo: bool
) -> None:
    group = message.chat.type != ChatType.PRIVATE
    player = await player_of(user)
    if player is None:
        if group and message.from_user:
            await message.answer(_("{who} has not linked a Goated account yet.").format(who=mention(message.from_user)))
        else:
            await message.answer(_("Link your Goated account first: send /verify and your Goated username."))
        return
    tier = vip_tier(player.wagered_all_time, settings.vip_tiers)
    name = reader_names(settings.name_display, user, not group)(player.uid, player.name)
    title = _("📊 <b>{name}</b>").format(name=name)
    if group and message.from_user:
        title += f" ({mention(message.from_user)})"
    lines = [
        title,
        _("VIP tier: <b>{tier}</b>").format(tier=escape(tier_name(tier, settings)))
        if tier
        else _("VIP tier: none yet"),
        "",
    ]
    for period in Period:
        position = await leaderboards.position(period, player.uid)
        rank = f"#{position.entry.rank}" if position else "—"
        lines.append(f"{period_title(period)}: <b>{money(getattr(player, period.column))}</b> · {rank}")
    lines += await race_lines(player, leaderboards, settings)
    lines += await past_race_lines(player)
    lines += ["", footer(await leaderboards.updated_at(), demo)]
    await message.answer("\n".join(lines))


def build_router() -> Router:
    router = Router(name="stats")
    router.message.register(player_stats, Command("stats"))
    return router
