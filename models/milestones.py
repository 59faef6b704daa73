"""Wager milestones (amounts wagered this month, with optional reward codes) and the community's monthly goal.

"Told once" is the unique key of the player's notification (`milestone:<month>:<milestone>:<uid>`), written
in the same transaction as the reward code's claim: a code goes to a player with a conditional update of its
still-free row (`player_id IS NULL`), and the unique (milestone, player) pair gives each player one at most,
so players crossing at once, on any number of replicas, never take more codes than the pool holds.
The goal's announcement is the conditional update that sets `reached_at`, with its messages in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.audit import record
from models.forms import Invalid, Problem, parse_amount
from models.notification_kinds import GoalReached, MilestoneAnnounced, MilestoneReached, NotificationKind
from models.tables import CommunityGoal, Milestone, MilestoneCode, Notification, TelegramUser

MAX_MILESTONES = 20
MAX_CODES = 1000
CODE_RETRIES = 20


def parse_amounts(words: list[str]) -> list[Decimal]:
    """`1000 5000 10000`: 1 to 20 positive amounts, returned in order, duplicates dropped."""
    if not words or len(words) > MAX_MILESTONES:
        raise Invalid(Problem.FIELD_COUNT)
    return sorted({parse_amount(word) for word in words})


async def set_milestones(month: str, amounts: list[Decimal], admin_id: int, now: datetime) -> list[Milestone]:
    """The month's milestones become exactly `amounts` (a dropped one keeps its codes and its claims)."""
    async with in_transaction() as conn:
        before = await Milestone.filter(month=month, active=True).using_db(conn).values_list("amount", flat=True)
        await Milestone.filter(month=month).using_db(conn).update(active=False)
        for amount in amounts:
            updated = await Milestone.filter(month=month, amount=amount).using_db(conn).update(active=True)
            if not updated:
                await Milestone.create(month=month, amount=amount, set_by=admin_id, set_at=now, using_db=conn)
        await record(
            admin_id,
            "milestones.set",
            month,
            before={"amounts": [str(a) for a in before]},
            after={"amounts": [str(a) for a in amounts]},
            using_db=conn,
        )
    return await month_milestones(month)


async def month_milestones(month: str) -> list[Milestone]:
    return await Milestone.filter(month=month, active=True).order_by("amount")


async def add_codes(month: str, amount: Decimal, codes: list[str], admin_id: int) -> int | None:
    """Reward codes for one of the month's milestones; None when there is no such milestone."""
    milestone = await Milestone.get_or_none(month=month, amount=amount, active=True)
    if milestone is None:
        return None
    codes = list(dict.fromkeys(code.strip()[:128] for code in codes if code.strip()))[:MAX_CODES]
    async with in_transaction() as conn:
        await MilestoneCode.bulk_create(
            [MilestoneCode(milestone_id=milestone.id, code=code) for code in codes], using_db=conn
        )
        await record(
            admin_id, "milestones.codes", f"{month} {amount}", after={"codes": len(codes)}, using_db=conn
        )  # the codes themselves stay out of the audit
    return len(codes)


async def codes_left(milestone: Milestone) -> int:
    return await MilestoneCode.filter(milestone_id=milestone.id, player_id__isnull=True).count()


async def told_keys(month: str) -> set[str]:
    """The keys of the month's milestone messages owed so far: who has been told of which."""
    keys = await Notification.filter(
        kind=NotificationKind.MILESTONE_REACHED, key__startswith=f"milestone:{month}:"
    ).values_list("key", flat=True)
    return {str(key) for key in keys}


async def reached_amounts(month: str, uid: str) -> list[Decimal]:
    """The month's milestones this player has been told of reaching."""
    keys = await told_keys(month)
    return [m.amount for m in await month_milestones(month) if f"milestone:{month}:{m.id}:{uid}" in keys]


async def owe_milestones(
    month: str, wagered: Mapping[str, Decimal], announce_chats: tuple[int, ...], now: datetime
) -> int:
    """After a sync: each linked player who has crossed one of the month's milestones is told once (with a
    reward code if one is left), and the announcement chats are told. Returns how many were told now."""
    milestones = await month_milestones(month)
    if not milestones:
        return 0
    lowest = milestones[0].amount
    rows = await TelegramUser.filter(player_id__isnull=False, banned=False).values_list("player_id", "id")
    told, done = 0, await told_keys(month)
    for uid, user_id in rows:
        amount = wagered.get(str(uid), Decimal(0))
        if amount < lowest:
            continue
        for milestone in milestones:
            if milestone.amount <= amount and f"milestone:{month}:{milestone.id}:{uid}" not in done:
                told += await _tell(milestone, str(uid), int(user_id), announce_chats, now)
    return told


async def _tell(milestone: Milestone, uid: str, user_id: int, announce_chats: tuple[int, ...], now: datetime) -> int:
    key = f"milestone:{milestone.month}:{milestone.id}:{uid}"
    try:
        async with in_transaction() as conn:
            told = await Notification.create(
                key=key,
                user_id=user_id,
                kind=NotificationKind.MILESTONE_REACHED,
                payload=MilestoneReached(milestone.month, milestone.amount).to_json(),
                using_db=conn,
            )  # first: a second teller fails here, before it could take a code
            code = await _take_code(milestone, uid, user_id, now, conn)
            if code:
                told.payload = MilestoneReached(milestone.month, milestone.amount, code).to_json()
                await told.save(using_db=conn, update_fields=["payload"])
            for chat in announce_chats:
                await Notification.create(
                    key=f"{key}:chat:{chat}",
                    user_id=chat,
                    kind=NotificationKind.MILESTONE_ANNOUNCED,
                    payload=MilestoneAnnounced(milestone.month, milestone.amount, uid).to_json(),
                    using_db=conn,
                )
    except IntegrityError:  # told already (another sync, another replica)
        return 0
    return 1


async def _take_code(milestone: Milestone, uid: str, user_id: int, now: datetime, conn: BaseDBAsyncClient) -> str:
    """A free code of the milestone, claimed for this player; "" when none is left."""
    for _ in range(CODE_RETRIES):
        free = (
            await MilestoneCode.filter(milestone_id=milestone.id, player_id__isnull=True)
            .using_db(conn)
            .order_by("id")
            .first()
        )
        if free is None:
            return ""
        taken = (
            await MilestoneCode.filter(id=free.id, player_id__isnull=True)
            .using_db(conn)
            .update(player_id=uid, user_id=user_id, claimed_at=now)
        )
        if taken:
            return free.code
    return ""


# ---- progress ----


@dataclass(frozen=True)
class Progress:
    wagered: Decimal
    next_amount: Decimal | None  # None: every milestone reached (or none set)
    previous_amount: Decimal  # the last one reached, or 0

    @property
    def fraction(self) -> float:
        if self.next_amount is None:
            return 1.0
        span = self.next_amount - self.previous_amount
        return float(max(Decimal(0), min(Decimal(1), (self.wagered - self.previous_amount) / span)))


def progress(wagered: Decimal, amounts: list[Decimal]) -> Progress:
    below = [a for a in amounts if a <= wagered]
    above = [a for a in amounts if a > wagered]
    return Progress(wagered, above[0] if above else None, below[-1] if below else Decimal(0))


def bar(fraction: float, width: int = 10) -> str:
    filled = round(fraction * width)
    return "▰" * filled + "▱" * (width - filled)


# ---- the community goal ----


async def set_goal(month: str, amount: Decimal, admin_id: int, now: datetime) -> CommunityGoal:
    async with in_transaction() as conn:
        goal = await CommunityGoal.filter(month=month).using_db(conn).first()
        before = {"amount": str(goal.amount)} if goal else None
        if goal is None:
            goal = await CommunityGoal.create(month=month, amount=amount, set_by=admin_id, set_at=now, using_db=conn)
        else:
            goal.amount, goal.set_by, goal.set_at = amount, admin_id, now
            await goal.save(using_db=conn)
        await record(admin_id, "goal.set", month, before=before, after={"amount": str(amount)}, using_db=conn)
    return goal


async def month_goal(month: str) -> CommunityGoal | None:
    return await CommunityGoal.get_or_none(month=month)


async def owe_goal(month: str, total: Decimal, announce_chats: tuple[int, ...], now: datetime) -> bool:
    """Once the community's total passes the month's goal: announced once, whoever checks at once."""
    goal = await CommunityGoal.get_or_none(month=month, reached_at__isnull=True)
    if goal is None or total < goal.amount:
        return False
    async with in_transaction() as conn:
        won = await CommunityGoal.filter(id=goal.id, reached_at__isnull=True).using_db(conn).update(reached_at=now)
        if not won:
            return False
        for chat in announce_chats:
            await Notification.create(
                key=f"goal:{month}:{chat}",
                user_id=chat,
                kind=NotificationKind.GOAL_REACHED,
                payload=GoalReached(month, goal.amount).to_json(),
                using_db=conn,
            )
    return True
