"""Challenges: hit a multiplier on a game, send the Goated bet link, an admin approves up to the cap.

Like the verification queue, the first decision on an entry wins (a conditional UPDATE on its status).
The winner cap is a database rule: an approval increments `challenge.winners` with `UPDATE … WHERE
winners < max_winners` and takes a prize code in the same transaction, so concurrent approvals past
the cap fail cleanly. The winner's code, the rejection and the announcement are `notification` rows,
written with the change and delivered by the one sender.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from urllib.parse import parse_qs, urlsplit

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from models import clock
from models.audit import record
from models.forms import Invalid, Problem, parse_amount, parse_count, parse_deadline, parse_text
from models.notification_kinds import ChallengeNew, ChallengeRejected, ChallengeWon, NotificationKind
from models.tables import Challenge, ChallengeEntry, EntryStatus, Notification, PrizeCode, TelegramUser

MAX_WINNERS = 1_000
MAX_MULTIPLIER = Decimal(1_000_000)
GOATED_HOSTS = ("goated.com", "www.goated.com")
_BET_PATH = re.compile(r"/bets?/[A-Za-z0-9_-]{3,}/?$")
_BET_QUERY = ("bet", "betId", "betid", "iid")
REJECT_REASONS = ("multiplier", "min_bet", "game", "link", "other")  # what an admin picks
CLOSED_REASON = "closed"  # the entries still waiting when a challenge fills up or an admin closes it


@dataclass(frozen=True)
class NewChallenge:
    game: str
    multiplier: Decimal
    min_bet: Decimal
    prize: Decimal
    max_winners: int
    deadline: datetime
    description: str
    codes: tuple[str, ...]


def parse_multiplier(text: str) -> Decimal:
    value = parse_amount(text, MAX_MULTIPLIER)
    if value <= 1:
        raise Invalid(Problem.NOT_POSITIVE)
    return value


def parse_winners(text: str) -> int:
    return parse_count(text, MAX_WINNERS)


def parse_codes(text: str) -> tuple[str, ...]:
    """Prize codes, one per line (or separated by spaces); duplicates count once."""
    codes = tuple(dict.fromkeys(code for code in text.split() if code))
    if not codes:
        raise Invalid(Problem.EMPTY)
    if any(len(code) > 128 for code in codes):
        raise Invalid(Problem.TOO_LONG)
    return codes


def parse_bet_url(text: str) -> str:
    """A goated.com bet link over https: a `/bet/<id>` path or a `?bet=`/`?betId=`/`?iid=` query."""
    url = text.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Invalid(Problem.BAD_LINK) from None
    if (
        parts.scheme != "https"
        or (parts.hostname or "").lower() not in GOATED_HOSTS
        or parts.username is not None
        or port is not None
        or len(url) > 500
        or any(c.isspace() for c in url)
    ):
        raise Invalid(Problem.BAD_LINK)
    query = parse_qs(parts.query)
    if not (_BET_PATH.search(parts.path) or any(query.get(key, [""])[0].strip() for key in _BET_QUERY)):
        raise Invalid(Problem.BAD_LINK)
    return url


def is_open(challenge: Challenge, now: datetime) -> bool:
    return challenge.closed_at is None and now < challenge.deadline and challenge.winners < challenge.max_winners


def _open(now: datetime) -> Q:
    return Q(closed_at__isnull=True, deadline__gt=now, winners__lt=F("max_winners"))


async def find_open_challenge(challenge_id: int) -> Challenge | None:
    """The challenge if it still takes entries now."""
    challenge = await Challenge.get_or_none(id=challenge_id)
    return challenge if challenge is not None and is_open(challenge, clock.now()) else None


async def open_challenges() -> list[Challenge]:
    return await Challenge.filter(_open(clock.now())).order_by("deadline", "id")


async def create(new: NewChallenge, admin_id: int, announce_chats: tuple[int, ...] = ()) -> Challenge:
    """The challenge, its prize codes, the announcements owed and the audit entry: one transaction."""
    if len(new.codes) < new.max_winners:
        raise Invalid(Problem.TOO_FEW_CODES)
    async with in_transaction() as conn:
        challenge = await Challenge.create(
            game=new.game,
            multiplier=new.multiplier,
            min_bet=new.min_bet,
            prize=new.prize,
            max_winners=new.max_winners,
            deadline=new.deadline,
            description=new.description,
            created_by=admin_id,
            using_db=conn,
        )
        await PrizeCode.bulk_create(
            [PrizeCode(challenge_id=challenge.id, code=code) for code in new.codes], using_db=conn
        )
        await _announce(challenge, announce_chats, conn)
        await record(admin_id, "challenge.create", str(challenge.id), after=_describe(new), using_db=conn)
    return challenge


async def _announce(challenge: Challenge, announce_chats: tuple[int, ...], conn: BaseDBAsyncClient) -> None:
    """Owes the announcement to every linked player who wants challenges, and to the announcement chats."""
    told = (
        await TelegramUser.filter(player_id__isnull=False, notify_challenges=True, blocked_bot=False, banned=False)
        .using_db(conn)
        .values_list("id", flat=True)
    )
    await Notification.bulk_create(
        [
            Notification(
                key=f"challenge:{challenge.id}:new:{chat}",
                user_id=chat,
                kind=NotificationKind.CHALLENGE_NEW,
                payload=ChallengeNew(challenge.id).to_json(),
            )
            for chat in (*told, *announce_chats)
        ],
        using_db=conn,
    )


def _describe(new: NewChallenge) -> dict[str, str | int]:
    return {
        "game": new.game,
        "multiplier": str(new.multiplier),
        "min_bet": str(new.min_bet),
        "prize": str(new.prize),
        "max_winners": new.max_winners,
        "deadline": new.deadline.isoformat(),
        "codes": len(new.codes),
    }


async def close(challenge_id: int, admin_id: int) -> bool:
    async with in_transaction() as conn:
        now = clock.now()
        closed = await Challenge.filter(id=challenge_id, closed_at__isnull=True).using_db(conn).update(closed_at=now)
        if closed:
            await _reject_waiting(challenge_id, now, conn)
            await record(admin_id, "challenge.close", str(challenge_id), using_db=conn)
    return bool(closed)


class EnterOutcome(StrEnum):
    ENTERED = "entered"
    ALREADY = "already"
    CLOSED = "closed"
    NOT_LINKED = "not_linked"


async def enter(challenge_id: int, user: TelegramUser, bet_url: str) -> EnterOutcome:
    """`bet_url` has passed `parse_bet_url`. One entry per challenge per user and per Goated account."""
    if user.player_id is None:
        return EnterOutcome.NOT_LINKED
    if await find_open_challenge(challenge_id) is None:
        return EnterOutcome.CLOSED
    try:
        await ChallengeEntry.create(
            challenge_id=challenge_id, user_id=user.id, player_id=user.player_id, bet_url=parse_bet_url(bet_url)
        )
    except IntegrityError:
        return EnterOutcome.ALREADY
    return EnterOutcome.ENTERED


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    ALREADY_DECIDED = "already_decided"
    FULL = "full"  # the cap is reached or the challenge closed
    NO_CODES = "no_codes"


class _Undo(Exception):
    """Rolls the decision's transaction back with the reason."""

    def __init__(self, decision: Decision) -> None:
        self.decision = decision


async def decide(entry_id: int, admin_id: int, approve: bool, reason: str | None = None) -> Decision:
    now = clock.now()
    entry = await ChallengeEntry.get_or_none(id=entry_id)
    if entry is None:
        return Decision.ALREADY_DECIDED
    status = EntryStatus.APPROVED if approve else EntryStatus.REJECTED
    try:
        async with in_transaction() as conn:
            # Decisions on one challenge take turns (the challenge row first, as in `close`), so filling the
            # last place and rejecting the waiting entries cannot deadlock with another approval.
            await Challenge.filter(id=entry.challenge_id).using_db(conn).select_for_update().first()
            decided = (
                await ChallengeEntry.filter(id=entry_id, status=EntryStatus.PENDING)
                .using_db(conn)
                .update(status=status, reason=None if approve else reason, decided_by=admin_id, decided_at=now)
            )
            if not decided:
                return Decision.ALREADY_DECIDED
            if approve:
                await _award(entry, now, conn)
            else:
                await _tell_rejected(entry, reason, conn)
            await record(
                admin_id,
                f"challenge.{status.value}",
                str(entry_id),
                after={"challenge": entry.challenge_id, "user": entry.user_id, "reason": reason},
                using_db=conn,
            )
    except _Undo as undo:
        return undo.decision
    return Decision.APPROVED if approve else Decision.REJECTED


async def _award(entry: ChallengeEntry, now: datetime, conn: BaseDBAsyncClient) -> None:
    # Not the deadline: an entry sent in time may be reviewed after it. Closing rejects the waiting entries.
    won = (
        await Challenge.filter(id=entry.challenge_id, closed_at__isnull=True, winners__lt=F("max_winners"))
        .using_db(conn)
        .update(winners=F("winners") + 1)
    )
    if not won:
        raise _Undo(Decision.FULL)
    code = (
        await PrizeCode.filter(challenge_id=entry.challenge_id, entry_id__isnull=True)
        .using_db(conn)
        .order_by("id")
        .first()
    )
    if code is None or not await PrizeCode.filter(id=code.id, entry_id__isnull=True).using_db(conn).update(
        entry_id=entry.id
    ):
        raise _Undo(Decision.NO_CODES)
    # The last place taken closes the challenge.
    if (
        await Challenge.filter(id=entry.challenge_id, winners__gte=F("max_winners"))
        .using_db(conn)
        .update(closed_at=now)
    ):
        await _reject_waiting(entry.challenge_id, now, conn)
    await Notification.create(
        key=f"challenge:{entry.challenge_id}:won:{entry.user_id}",
        user_id=entry.user_id,
        kind=NotificationKind.CHALLENGE_WON,
        payload=ChallengeWon(entry.challenge_id, code.code).to_json(),
        using_db=conn,
    )


async def _tell_rejected(entry: ChallengeEntry, reason: str | None, conn: BaseDBAsyncClient) -> None:
    await Notification.create(
        key=f"challenge:{entry.challenge_id}:rejected:{entry.user_id}",
        user_id=entry.user_id,
        kind=NotificationKind.CHALLENGE_REJECTED,
        payload=ChallengeRejected(entry.challenge_id, reason).to_json(),
        using_db=conn,
    )


async def _reject_waiting(challenge_id: int, now: datetime, conn: BaseDBAsyncClient) -> None:
    """A closed challenge decides no more: its waiting entries are rejected, and their players told why."""
    waiting = await ChallengeEntry.filter(challenge_id=challenge_id, status=EntryStatus.PENDING).using_db(conn)
    await (
        ChallengeEntry.filter(id__in=[e.id for e in waiting], status=EntryStatus.PENDING)
        .using_db(conn)
        .update(status=EntryStatus.REJECTED, reason=CLOSED_REASON, decided_at=now)
    )
    for entry in waiting:
        await _tell_rejected(entry, CLOSED_REASON, conn)


async def find_entry(entry_id: int) -> ChallengeEntry | None:
    """With its challenge and player loaded, as the admins' entry card shows them."""
    return await ChallengeEntry.get_or_none(id=entry_id).prefetch_related("challenge", "user")


async def pending_entries(limit: int = 10) -> list[ChallengeEntry]:
    return (
        await ChallengeEntry.filter(status=EntryStatus.PENDING)
        .prefetch_related("challenge", "user")
        .order_by("id")
        .limit(limit)
    )


async def entries_of(user: TelegramUser, limit: int = 10) -> list[ChallengeEntry]:
    return (
        await ChallengeEntry.filter(user_id=user.id)
        .prefetch_related("challenge", "prize_code")
        .order_by("-id")
        .limit(limit)
    )


async def all_challenges(limit: int = 10) -> list[Challenge]:
    return await Challenge.all().order_by("-id").limit(limit)


def new_challenge(answers: list[str], now: datetime, timezone: str) -> NewChallenge:
    """The guided form's answers in order: game, multiplier, minimum bet, prize, winners, deadline,
    description, prize codes. Raises Invalid for the first bad one."""
    game, multiplier, min_bet, prize, winners, deadline, description, codes = answers
    new = NewChallenge(
        parse_text(game, 64),
        parse_multiplier(multiplier),
        parse_amount(min_bet),
        parse_amount(prize),
        parse_winners(winners),
        parse_deadline(deadline, now, timezone),
        parse_text(description, 1000),
        parse_codes(codes),
    )
    if len(new.codes) < new.max_winners:
        raise Invalid(Problem.TOO_FEW_CODES)
    return new


async def announced_challenge(challenge_id: int) -> Challenge | None:
    """The challenge a notification announces; None when it closed before the announcement went out."""
    challenge = await Challenge.get_or_none(id=challenge_id)
    return challenge if challenge is not None and is_open(challenge, clock.now()) else None
