"""The affiliate's monthly figures: what the community wagered, who was active, who is new, who moved, what
the race cost and where the month in progress will end.

A month's figures come from the history of wagers (models/history.py) while it is kept; when a month closes
(the race job, right after finalising its race) they are stored for good in `month_summary` and
`month_player_total`, since the snapshots are pruned a few months later. Reports on a closed month read those.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from models.history import RESET_LOOKBACK, last_figures, race_history
from models.notification_kinds import DailyReport
from models.race import Race, load_race, race_at
from models.tables import (
    FinishedRace,
    MonthPlayerTotal,
    MonthSummary,
    Notification,
    Player,
    RaceResult,
    Role,
    TelegramUser,
    WagerSnapshot,
)

log = logging.getLogger(__name__)

THOUSAND = Decimal(1000)
PROJECTION_DAYS = 7  # the projection's daily rate: the average of up to this many last full days
MOVERS = 5
LAPSED_SHOWN = 5
TREND_MONTHS = 12
INSERT_BATCH = 1000
DAILY_REPORT_LATE = timedelta(hours=2)  # the daily summary goes out at most this late


def race_of(month: str, timezone: str) -> Race:
    """The race (calendar month in RACE_TIMEZONE) of "2026-11"."""
    year, number = (int(part) for part in month.split("-"))
    return race_at(datetime(year, number, 15, 12, tzinfo=ZoneInfo(timezone)), timezone)


def previous_race(race: Race) -> Race:
    return race_at(race.starts_at - timedelta(seconds=1), race.timezone)


# ---- a month's figures, from the history or from the stored summary ----


@dataclass(frozen=True)
class MonthFigures:
    """A month as far as `until`: each active player's figure, and the community's total at the end of each
    day (the last entry: at `until`). `stored`: read from the summary of a closed month."""

    month: str
    players: dict[str, Decimal]
    cumulative: list[Decimal]
    new_referrals: int
    stored: bool = False

    @property
    def total(self) -> Decimal:
        return self.cumulative[-1] if self.cumulative else Decimal(0)

    @property
    def active(self) -> int:
        return len(self.players)

    @property
    def per_day(self) -> list[Decimal]:
        return [b - a for a, b in zip([Decimal(0), *self.cumulative], self.cumulative, strict=False)]


def next_day(race: Race, moment: datetime) -> datetime:
    """The start of the day after `moment`'s, in the race's time zone (DST days are 23 or 25 hours)."""
    return min(race.day_start(race.day_start(moment) + timedelta(hours=25)), race.ends_at)


async def walk(race: Race, until: datetime) -> tuple[list[Decimal], dict[str, Decimal]]:
    """One pass over the race's history, a day at a time: the community's total at each day's end (the last
    day: as of `until`, a sync at that very moment included) and every player's figure then. Each day reads
    only that day's snapshots."""
    history = await race_history(race)
    end = min(until + timedelta(microseconds=1), race.ends_at)
    figures: dict[str, Decimal] = {}
    curve: list[Decimal] = []
    total, day = Decimal(0), race.starts_at
    while day < end:
        upper = min(next_day(race, day), end)
        # The first day also takes what the history holds from before the start (an early upstream reset).
        window = history.filter(at__lt=upper) if not curve else history.filter(at__gte=day, at__lt=upper)
        for uid, amount in (await last_figures(window)).items():
            total += amount - figures.get(uid, Decimal(0))
            figures[uid] = amount
        curve.append(total)
        day = upper
    return curve, {uid: amount for uid, amount in figures.items() if amount > 0}


async def new_referrals(race: Race) -> int:
    return await Player.filter(first_seen_at__gte=race.starts_at, first_seen_at__lt=race.ends_at).count()


async def has_history(race: Race) -> bool:
    return await WagerSnapshot.filter(at__gte=race.starts_at - RESET_LOOKBACK, at__lt=race.ends_at).exists()


async def stored_figures(month: str) -> MonthFigures | None:
    summary = await MonthSummary.get_or_none(month=month)
    if summary is None:
        return None
    rows = await MonthPlayerTotal.filter(month=month).values_list("player_id", "wagered")
    players = {uid: Decimal(str(amount)) for uid, amount in rows}
    cumulative = [Decimal(value) for value in summary.daily]
    return MonthFigures(month, players, cumulative, summary.new_referrals, stored=True)


async def month_figures(race: Race, now: datetime) -> MonthFigures | None:
    """The month as far as `now` (all of it once ended); None when nothing is known of it."""
    stored = await stored_figures(race.month)
    if stored is not None:
        return stored
    if now < race.starts_at or not await has_history(race):
        return None
    curve, players = await walk(race, now)
    return MonthFigures(race.month, players, curve, await new_referrals(race))


async def figures_at(race: Race, moment: datetime) -> MonthFigures | None:
    """The month as it stood at `moment` (a month in progress is compared with the same point of the one before)."""
    if moment >= race.ends_at:
        return await month_figures(race, moment)
    if not await has_history(race):
        return None
    curve, players = await walk(race, moment)
    return MonthFigures(race.month, players, curve, await new_referrals(race))


# ---- closing a month ----


async def close_month(race: Race, now: datetime) -> bool:
    """Store the ended month's figures for good, once (the unique month); False when stored already, not
    ended, or with no history to take them from. Safe on two replicas at once."""
    if now < race.ends_at or await MonthSummary.exists(month=race.month) or not await has_history(race):
        return False
    curve, players = await walk(race, race.ends_at)
    try:
        async with in_transaction() as conn:
            await MonthSummary.create(
                month=race.month,
                total_wagered=curve[-1] if curve else Decimal(0),
                active_players=len(players),
                new_referrals=await new_referrals(race),
                daily=[str(value) for value in curve],
                closed_at=now,
                using_db=conn,
            )
            rows = [
                MonthPlayerTotal(month=race.month, player_id=uid, wagered=amount) for uid, amount in players.items()
            ]
            for start in range(0, len(rows), INSERT_BATCH):
                await MonthPlayerTotal.bulk_create(rows[start : start + INSERT_BATCH], using_db=conn)
    except IntegrityError:  # another replica stored it first
        return False
    log.info("month %s closed: %d active players, %s wagered", race.month, len(players), curve[-1] if curve else 0)
    return True


# ---- the report ----


class Projection(StrEnum):
    RECENT_DAYS = "recent_days"  # so far + the last full days' average × the days left
    RUN_RATE = "run_rate"  # no full day yet: so far ÷ time elapsed × the month's length


@dataclass(frozen=True)
class Mover:
    uid: str
    name: str
    now: Decimal
    before: Decimal

    @property
    def change(self) -> Decimal:
        return self.now - self.before


@dataclass(frozen=True)
class MonthReport:
    month: str
    previous_month: str
    in_progress: bool
    figures: MonthFigures
    previous: MonthFigures | None  # the month before: at the same point for a month in progress, else all of it
    previous_full: MonthFigures | None  # the month before, all of it (the chart, who lapsed)
    days_in_month: int
    lapsed: int = 0  # active the month before, not in this one
    lapsed_top: list[Mover] = field(default_factory=list)
    risers: list[Mover] = field(default_factory=list)
    fallers: list[Mover] = field(default_factory=list)
    prizes: Decimal = Decimal(0)
    prizes_paid: bool = False  # the race is finished: the prizes it paid; else the pool in force
    projection: Decimal | None = None
    projection_method: Projection | None = None
    projection_days: int = 0  # the full days averaged (RECENT_DAYS)

    @property
    def cost_per_thousand(self) -> Decimal | None:
        return cost_per_thousand(self.prizes, self.figures.total)

    @property
    def projected_cost_per_thousand(self) -> Decimal | None:
        return None if self.projection is None else cost_per_thousand(self.prizes, self.projection)


def cost_per_thousand(prizes: Decimal, wagered: Decimal) -> Decimal | None:
    return prizes / wagered * THOUSAND if wagered > 0 else None


def change_ratio(now: Decimal, before: Decimal | None) -> Decimal | None:
    """+0.25 for a quarter more; None when there is nothing to compare with."""
    if before is None or before <= 0:
        return None
    return (now - before) / before


def days_in(race: Race) -> int:
    zone = ZoneInfo(race.timezone)
    return (race.ends_at.astimezone(zone).date() - race.starts_at.astimezone(zone).date()).days


def project(figures: MonthFigures, race: Race, now: datetime) -> tuple[Decimal, Projection, int]:
    """Where the month in progress will end: so far + the average of the last full days × the days left;
    before the first full day, the rate so far over the whole month."""
    full_days = figures.per_day[:-1][-PROJECTION_DAYS:]
    left = Decimal(str((race.ends_at - now) / timedelta(days=1)))
    if full_days:
        rate = sum(full_days, Decimal(0)) / len(full_days)
        return figures.total + rate * left, Projection.RECENT_DAYS, len(full_days)
    elapsed = Decimal(str((now - race.starts_at) / timedelta(days=1)))
    if elapsed <= 0:
        return figures.total, Projection.RUN_RATE, 0
    return figures.total / elapsed * (elapsed + left), Projection.RUN_RATE, 0


async def prizes_of(race: Race) -> tuple[Decimal, bool]:
    """The prizes the month's race paid (finished), else the pool in force for it."""
    finished = await FinishedRace.get_or_none(month=race.month)
    if finished is None:
        return (await load_race(race.starts_at, race.timezone)).prize_pool, False
    paid = await RaceResult.filter(race_id=finished.id).annotate(paid=Sum("prize")).values_list("paid", flat=True)
    value = paid[0] if paid else None
    return Decimal(str(value)) if value is not None else Decimal(0), True


async def names_of(uids: set[str]) -> dict[str, str]:
    rows = await Player.filter(uid__in=list(uids)).values_list("uid", "name")
    return {uid: name for uid, name in rows}


async def movers(now: dict[str, Decimal], before: dict[str, Decimal]) -> tuple[list[Mover], list[Mover]]:
    """The players whose wagers grew most, and fell most, against the month before."""
    changes = {uid: now.get(uid, Decimal(0)) - before.get(uid, Decimal(0)) for uid in now.keys() | before.keys()}
    up = sorted((uid for uid, c in changes.items() if c > 0), key=lambda uid: (-changes[uid], uid))[:MOVERS]
    down = sorted((uid for uid, c in changes.items() if c < 0), key=lambda uid: (changes[uid], uid))[:MOVERS]
    names = await names_of(set(up) | set(down))

    def mover(uid: str) -> Mover:
        return Mover(uid, names.get(uid, uid), now.get(uid, Decimal(0)), before.get(uid, Decimal(0)))

    return [mover(uid) for uid in up], [mover(uid) for uid in down]


async def lapsed_players(now: dict[str, Decimal], before: MonthFigures | None) -> tuple[int, list[Mover]]:
    """Players active the month before and not in this one: how many, and the biggest of them."""
    if before is None:
        return 0, []
    gone = sorted((uid for uid in before.players if uid not in now), key=lambda uid: (-before.players[uid], uid))
    names = await names_of(set(gone[:LAPSED_SHOWN]))
    return len(gone), [Mover(uid, names.get(uid, uid), Decimal(0), before.players[uid]) for uid in gone[:LAPSED_SHOWN]]


async def month_report(month: str, timezone: str, now: datetime) -> MonthReport | None:
    """The report on `month`; None when nothing is known of it (before the history began, or in the future)."""
    race = race_of(month, timezone)
    figures = await month_figures(race, now)
    if figures is None:
        return None
    previous = previous_race(race)
    in_progress = race.starts_at <= now < race.ends_at
    previous_full = await month_figures(previous, now)
    same_point = min(previous.starts_at + (now - race.starts_at), previous.ends_at)
    compared = await figures_at(previous, same_point) if in_progress else previous_full
    if compared is None and in_progress:
        compared = previous_full  # the month before is only known as a whole
    lapsed, lapsed_top = await lapsed_players(figures.players, previous_full)
    risers, fallers = await movers(figures.players, compared.players if compared else {})
    prizes, paid = await prizes_of(race)
    report = MonthReport(
        month, previous.month, in_progress, figures, compared, previous_full, days_in(race),
        lapsed, lapsed_top, risers, fallers, prizes, paid,
    )  # fmt: skip
    if not in_progress:
        return report
    projection, method, days = project(figures, race, now)
    return replace(report, projection=projection, projection_method=method, projection_days=days)


# ---- the trend ----


@dataclass(frozen=True)
class TrendMonth:
    month: str
    total: Decimal | None  # None: nothing known of it
    active: int | None


async def trend(timezone: str, now: datetime, months: int = TREND_MONTHS) -> list[TrendMonth]:
    """The last `months` months, oldest first, the one in progress last."""
    race = race_at(now, timezone)
    races = [race]
    for _ in range(months - 1):
        races.insert(0, previous_race(races[0]))
    summaries = {s.month: s for s in await MonthSummary.filter(month__in=[r.month for r in races])}
    rows = []
    for month_race in races:
        summary = summaries.get(month_race.month)
        if summary is not None:  # closed: its row says it all (its players' rows are not needed)
            rows.append(TrendMonth(month_race.month, Decimal(str(summary.total_wagered)), summary.active_players))
            continue
        figures = await month_figures(month_race, now)
        rows.append(
            TrendMonth(month_race.month, figures.total, figures.active)
            if figures
            else TrendMonth(month_race.month, None, None)
        )
    return rows


# ---- the daily summary for owners ----


async def owe_daily_report(at: time | None, timezone: str, now: datetime) -> int:
    """At REPORT_DAILY_AT (in RACE_TIMEZONE), one summary per owner per day: the unique key holds it to once
    across replicas and restarts. Returns how many were owed now."""
    if at is None:
        return 0
    local = now.astimezone(ZoneInfo(timezone))
    due = datetime.combine(local.date(), at, local.tzinfo)
    if not due <= local < due + DAILY_REPORT_LATE:  # a leader down all that time skips a day, not sends it at night
        return 0
    day = local.date().isoformat()
    owed = 0
    for owner in await TelegramUser.filter(role=Role.OWNER, blocked_bot=False).order_by("id"):
        key = f"report:daily:{day}:{owner.id}"
        if await Notification.exists(key=key):  # the race job runs every 30 s: most rounds find it owed
            continue
        payload = DailyReport(day, timezone)
        with contextlib.suppress(IntegrityError):  # owed already today
            await Notification.create(
                key=key,
                user_id=owner.id,
                kind=payload.kind,
                payload=payload.to_json(),
                created_at=now,
            )
            owed += 1
    return owed
