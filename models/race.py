"""The monthly wager race: its window in RACE_TIMEZONE, its prizes as admins set them, and exclusions.

Prizes are rounded down to the cent, so the prizes paid never add up to more than the pool.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import cast
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import clock
from models.audit import record
from models.forms import parse_number
from models.money import CENT
from models.tables import Player, RaceExclusion, RacePrizes
from models.users import player_by_uid
from models.verification import MAX_NAME_LENGTH, find_player

DEFAULT_PRIZE_POOL = Decimal(500)
DEFAULT_SPLIT = tuple(Decimal(p) for p in ("40", "20", "12", "8", "6", "5", "3.5", "2.5", "1.5", "1.5"))  # percent
MAX_PAID_PLACES = 100
MAX_POOL = Decimal(10_000_000)


@dataclass(frozen=True)
class Race:
    month: str  # "2026-11"
    starts_at: datetime  # UTC-aware
    ends_at: datetime  # UTC-aware, exclusive
    prize_pool: Decimal = DEFAULT_PRIZE_POOL
    split: tuple[Decimal, ...] = DEFAULT_SPLIT
    timezone: str = "UTC"  # RACE_TIMEZONE: where its month and its days begin

    @property
    def paid_places(self) -> int:
        return len(self.split)

    def prize_for(self, rank: int) -> Decimal | None:
        if not 1 <= rank <= len(self.split):
            return None
        return (self.prize_pool * self.split[rank - 1] / 100).quantize(CENT, rounding=ROUND_DOWN)

    def time_left(self, now: datetime) -> float:
        return max(0.0, (self.ends_at - now).total_seconds())

    def day_start(self, now: datetime) -> datetime:
        """The start of `now`'s day in the race's time zone, never before the race's start."""
        local = now.astimezone(ZoneInfo(self.timezone)).replace(hour=0, minute=0, second=0, microsecond=0)
        return max(self.starts_at, local.astimezone(UTC))


def race_at(now: datetime, timezone: str = "UTC") -> Race:
    """The race that contains `now`: the calendar month in the race's time zone, with the default prizes."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return Race(
        month=f"{start.year:04d}-{start.month:02d}",
        starts_at=start.astimezone(UTC),
        ends_at=end.astimezone(UTC),
        timezone=timezone,
    )


async def load_race(now: datetime, timezone: str = "UTC") -> Race:
    """The race containing `now`, with the prizes in force for it."""
    race = race_at(now, timezone)
    setting = await prize_setting(race.month)
    if setting is None:
        return race
    return replace(race, prize_pool=setting.pool, split=tuple(Decimal(p) for p in setting.split))


async def prize_setting(month: str) -> RacePrizes | None:
    """The newest setting for this month, else the newest for an earlier month (settings carry forward)."""
    return await RacePrizes.filter(month__lte=month).order_by("-month", "-id").first()


async def prize_history(limit: int = 5) -> list[RacePrizes]:
    return await RacePrizes.all().order_by("-id").limit(limit)


# ---- setting prizes ----


class PrizeProblem(StrEnum):
    NOT_A_NUMBER = "not_a_number"
    POOL_NOT_POSITIVE = "pool_not_positive"
    POOL_TOO_LARGE = "pool_too_large"
    NO_PLACES = "no_places"
    TOO_MANY_PLACES = "too_many_places"
    PERCENT_NOT_POSITIVE = "percent_not_positive"
    OVER_100 = "over_100"
    TOO_PRECISE = "too_precise"


class InvalidPrizes(ValueError):
    def __init__(self, problem: PrizeProblem, detail: str = "") -> None:
        super().__init__(problem.value)
        self.problem, self.detail = problem, detail


def _number(text: str) -> Decimal:
    value = parse_number(text.strip().removesuffix("%").removeprefix("$"))
    if value is None:
        raise InvalidPrizes(PrizeProblem.NOT_A_NUMBER, text)
    return value


def parse_pool(text: str) -> Decimal:
    pool = _number(text)
    if pool <= 0:
        raise InvalidPrizes(PrizeProblem.POOL_NOT_POSITIVE)
    if pool > MAX_POOL:
        raise InvalidPrizes(PrizeProblem.POOL_TOO_LARGE)
    if pool != pool.quantize(CENT):
        raise InvalidPrizes(PrizeProblem.TOO_PRECISE, text)
    return pool.quantize(CENT)


def parse_split(words: list[str]) -> tuple[Decimal, ...]:
    """Percentages for places 1, 2, …: 1–100 places, each above 0 with at most two decimals, summing to at most 100."""
    if not words:
        raise InvalidPrizes(PrizeProblem.NO_PLACES)
    if len(words) > MAX_PAID_PLACES:
        raise InvalidPrizes(PrizeProblem.TOO_MANY_PLACES)
    split = tuple(_number(word) for word in words)
    for percent, word in zip(split, words, strict=True):
        if percent <= 0:
            raise InvalidPrizes(PrizeProblem.PERCENT_NOT_POSITIVE, word)
        if percent != percent.quantize(CENT):
            raise InvalidPrizes(PrizeProblem.TOO_PRECISE, word)
    total = sum(split, Decimal(0))
    if total > 100:
        raise InvalidPrizes(PrizeProblem.OVER_100, percent_str(total))
    return split


def percent_str(percent: Decimal) -> str:
    """`Decimal("40.00")` -> "40", `Decimal("3.50")` -> "3.5": never exponent notation."""
    return format(percent.normalize(), "f")


def parse_prizes(text: str) -> tuple[Decimal, tuple[Decimal, ...]]:
    """`500 40 20 12 …`: the pool, then the percentage for each paid place."""
    words = text.split()  # "3,5" is a decimal comma, as people in es/pt write it; "1,000" is a thousand
    if not words:
        raise InvalidPrizes(PrizeProblem.NO_PLACES)
    return parse_pool(words[0]), parse_split(words[1:])


async def set_prizes(month: str, pool: Decimal, split: tuple[Decimal, ...], admin_id: int) -> RacePrizes:
    """Validated again here, so no caller can store a split over 100%."""
    parse_pool(str(pool))
    parse_split([str(p) for p in split])
    before = await prize_setting(month)
    async with in_transaction() as conn:
        setting = await RacePrizes.create(
            month=month, pool=pool, split=[percent_str(p) for p in split], set_by=admin_id, using_db=conn
        )
        await record(admin_id, "race.prizes", month, before=_describe(before), after=_describe(setting), using_db=conn)
    return setting


def _describe(setting: RacePrizes | None) -> dict[str, object] | None:
    return None if setting is None else {"pool": str(setting.pool), "split": list(setting.split)}


# ---- exclusions ----


class ExclusionOutcome(StrEnum):
    DONE = "done"
    ALREADY = "already"
    NOT_EXCLUDED = "not_excluded"


async def exclude(month: str, player: Player, reason: str, admin_id: int) -> ExclusionOutcome:
    try:
        async with in_transaction() as conn:
            await RaceExclusion.create(
                month=month,
                player=player,
                reason=reason[:255],
                active_key=f"{month}:{player.uid}",
                excluded_by=admin_id,
                using_db=conn,
            )
            await record(
                admin_id, "race.exclude", f"{month} {player.uid}", after={"reason": reason[:255]}, using_db=conn
            )
    except IntegrityError:  # the unique active_key: already excluded from this race
        return ExclusionOutcome.ALREADY
    return ExclusionOutcome.DONE


async def include(month: str, player: Player, admin_id: int) -> ExclusionOutcome:
    async with in_transaction() as conn:
        lifted = (
            await RaceExclusion.filter(active_key=f"{month}:{player.uid}")
            .using_db(conn)
            .update(active_key=None, lifted_by=admin_id, lifted_at=clock.now())
        )
        if lifted:
            await record(admin_id, "race.include", f"{month} {player.uid}", using_db=conn)
    return ExclusionOutcome.DONE if lifted else ExclusionOutcome.NOT_EXCLUDED


async def find_race_player(text: str) -> Player | None:
    """The player an admin means: by Goated uid, else by name (None for what cannot be either)."""
    if not text or len(text) > MAX_NAME_LENGTH:
        return None
    return await player_by_uid(text) or await find_player(text)


async def active_exclusions(month: str) -> list[RaceExclusion]:
    return await RaceExclusion.filter(month=month, active_key__isnull=False).prefetch_related("player").order_by("id")


async def excluded_uids(month: str) -> frozenset[str]:
    uids = await RaceExclusion.filter(month=month, active_key__isnull=False).values_list("player_id", flat=True)
    return frozenset(cast("list[str]", uids))  # flat: one uid per row, not the tuples Tortoise's types promise
