"""Bonus codes: admins create them, linked players claim them in /bonus, every claim counted.

The total cap is a database rule, not a check in code: a claim increments `bonus_code.claims` with
`UPDATE … WHERE claims < max_claims` and inserts its unique (code, player) row in the same transaction,
so a hundred players pressing at once on the last unit yield exactly one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from models import clock
from models.audit import record
from models.forms import Invalid, Problem, parse_amount, parse_count, parse_deadline, parse_text
from models.history import wagered_this_month
from models.tables import BonusClaim, BonusCode, TelegramUser

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{2,64}$")
MAX_CLAIMS = 1_000_000


@dataclass(frozen=True)
class NewCode:
    code: str
    reward: str
    max_claims: int
    expires_at: datetime
    min_wager_month: Decimal | None = None


def parse_code(text: str) -> str:
    code = text.strip()
    if not CODE_PATTERN.match(code):
        raise Invalid(Problem.BAD_CODE)
    return code


def parse_new_code(fields: list[str], now: datetime, timezone: str) -> NewCode:
    """`CODE | reward | claims | expiry [| minimum wager this month]`, each part checked."""
    if len(fields) not in (4, 5):
        raise Invalid(Problem.FIELD_COUNT)
    minimum = parse_amount(fields[4]) if len(fields) == 5 and fields[4].strip() not in ("", "-", "0") else None
    return NewCode(
        parse_code(fields[0]),
        parse_text(fields[1], 255),
        parse_count(fields[2], MAX_CLAIMS),
        parse_deadline(fields[3], now, timezone),
        minimum,
    )


async def create(new: NewCode, admin_id: int) -> BonusCode:
    async with in_transaction() as conn:
        bonus = await BonusCode.create(
            code=new.code,
            reward=new.reward,
            max_claims=new.max_claims,
            expires_at=new.expires_at,
            min_wager_month=new.min_wager_month,
            created_by=admin_id,
            using_db=conn,
        )
        await record(admin_id, "bonus.create", str(bonus.id), after=describe(bonus), using_db=conn)
    return bonus


async def close(bonus_id: int, admin_id: int) -> bool:
    async with in_transaction() as conn:
        closed = (
            await BonusCode.filter(id=bonus_id, closed_at__isnull=True).using_db(conn).update(closed_at=clock.now())
        )
        if closed:
            await record(admin_id, "bonus.close", str(bonus_id), using_db=conn)
    return bool(closed)


def describe(bonus: BonusCode) -> dict[str, str | int | None]:
    return {
        "code": bonus.code,
        "reward": bonus.reward,
        "max_claims": bonus.max_claims,
        "expires_at": bonus.expires_at.isoformat(),
        "min_wager_month": str(bonus.min_wager_month or "") or None,
    }


def _available(now: datetime) -> Q:
    return Q(closed_at__isnull=True, expires_at__gt=now, claims__lt=F("max_claims"))


async def claimable(user: TelegramUser) -> list[BonusCode]:
    """Open codes the user has not claimed yet (whether they qualify is said when they press)."""
    claimed = BonusClaim.filter(_mine(user)).values_list("bonus_id", flat=True)
    return await BonusCode.filter(_available(clock.now())).exclude(id__in=await claimed).order_by("expires_at", "id")


async def claimed_by(user: TelegramUser, limit: int = 10) -> list[BonusClaim]:
    return await BonusClaim.filter(_mine(user)).prefetch_related("bonus").order_by("-id").limit(limit)


def _mine(user: TelegramUser) -> Q:
    """Claims by this Telegram user or by the Goated account it is linked to."""
    return Q(user_id=user.id) | Q(player_id=user.player_id) if user.player_id else Q(user_id=user.id)


class ClaimOutcome(StrEnum):
    CLAIMED = "claimed"
    ALREADY = "already"  # this player claimed it before: shown again
    GONE = "gone"  # expired, closed, or every claim taken
    NOT_LINKED = "not_linked"
    BELOW_MINIMUM = "below_minimum"


@dataclass(frozen=True)
class Claim:
    outcome: ClaimOutcome
    bonus: BonusCode | None = None


async def claim(bonus_id: int, user: TelegramUser, timezone: str) -> Claim:
    """`timezone`: the race's, where "this month" of a minimum wager begins."""
    bonus = await find_code(bonus_id)
    if bonus is None:
        return Claim(ClaimOutcome.GONE)
    if await BonusClaim.filter(_mine(user), bonus_id=bonus_id).exists():
        return Claim(ClaimOutcome.ALREADY, bonus)
    if user.player_id is None:
        return Claim(ClaimOutcome.NOT_LINKED, bonus)
    if bonus.min_wager_month is not None and await wagered_this_month(user.player_id, timezone) < bonus.min_wager_month:
        return Claim(ClaimOutcome.BELOW_MINIMUM, bonus)
    try:
        async with in_transaction() as conn:
            taken = (
                await BonusCode.filter(_available(clock.now()), id=bonus_id)
                .using_db(conn)
                .update(claims=F("claims") + 1)
            )
            if not taken:
                return Claim(ClaimOutcome.GONE, bonus)
            await BonusClaim.create(bonus_id=bonus_id, user_id=user.id, player_id=user.player_id, using_db=conn)
    except IntegrityError:  # the same player pressing twice at once: the unique pairs keep one claim
        return Claim(ClaimOutcome.ALREADY, bonus)
    return Claim(ClaimOutcome.CLAIMED, bonus)


async def find_code(bonus_id: int) -> BonusCode | None:
    return await BonusCode.get_or_none(id=bonus_id)


async def all_codes(limit: int = 20) -> list[BonusCode]:
    return await BonusCode.all().order_by("-id").limit(limit)


async def claimants(bonus_id: int, limit: int = 50) -> list[BonusClaim]:
    return await BonusClaim.filter(bonus_id=bonus_id).prefetch_related("user").order_by("id").limit(limit)
