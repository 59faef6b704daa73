"""The wager proof: a player proves a Goated account is theirs by betting an exact amount on it.

Only the account's holder can make its wagered figures grow. A proof records the account's figures
(the baseline) and a random amount with cents; when the account's `all_time` figure has grown by exactly
that amount (and `this_month` agrees), the prover holds the account and it is linked to them at once,
taking it over from whoever held it before.

The rules hold in the database: a unique column keeps one open proof per user, another keeps the open
proofs' amounts apart (so the amount that shows names its prover), and the link is one transaction that
closes the proof only if it is still open: of two provers, the first whose amount shows wins.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import clock
from models.audit import SYSTEM, record
from models.tables import (
    Player,
    ProofStatus,
    TelegramUser,
    VerificationRequest,
    VerificationStatus,
    WagerProof,
)
from models.verification import TAKEN_REASON, clean_name, find_player, open_request

MAX_CHECKS = 5  # checks per proof: each may cost an upstream call, so a few, then a new amount
# Proofs a user may open in 24 hours: each check is a small chance that someone else's play matches the
# amount by accident (tests/test_proof.py measures it), so an impostor may not retry without end.
MAX_PROOFS_PER_DAY = 10
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ProofRules:
    """VERIFY_PROOF_* from the settings."""

    minutes: int = 120
    min_amount: Decimal = Decimal("1.00")
    max_amount: Decimal = Decimal("9.99")
    tolerance: Decimal = Decimal("0.005")


def month_agrees(proof: WagerProof, seen_month: Decimal, tolerance: Decimal) -> bool:
    """`this_month` grew by the amount too, or it was reset meanwhile (then it holds at most the amount)."""
    if abs(seen_month - proof.baseline_month - proof.amount) <= tolerance:
        return True
    reset = seen_month < proof.baseline_month - tolerance
    return reset and seen_month <= proof.amount + tolerance


def proves(proof: WagerProof, seen_all_time: Decimal, seen_month: Decimal, tolerance: Decimal) -> bool:
    """The figures seen now show the proof's exact bet and nothing else."""
    grew = seen_all_time - proof.baseline_all_time
    return abs(grew - proof.amount) <= tolerance and month_agrees(proof, seen_month, tolerance)


# Opening a proof


class OpenOutcome(StrEnum):
    OPENED = "opened"
    STILL_OPEN = "still_open"  # the user's open proof for the same account, shown again
    ALREADY_LINKED = "already_linked"
    INVALID_NAME = "invalid_name"
    NOT_FOUND = "not_found"
    PENDING_REVIEW = "pending_review"  # the user asked an admin for review of a link; that comes first
    NO_AMOUNT_FREE = "no_amount_free"  # every amount in the range is in use by an open proof
    TOO_MANY_TODAY = "too_many_today"  # MAX_PROOFS_PER_DAY reached


@dataclass(frozen=True)
class OpenResult:
    outcome: OpenOutcome
    proof: WagerProof | None = None
    player: Player | None = None
    linked_elsewhere: bool = False  # the account is linked to another Telegram user: a proof takes it over


async def open_proof(user: TelegramUser, typed_name: str, rules: ProofRules) -> OpenResult:
    if user.player_id:
        return OpenResult(OpenOutcome.ALREADY_LINKED)
    name = clean_name(typed_name)
    if name is None:
        return OpenResult(OpenOutcome.INVALID_NAME)
    pending = await open_request(user)
    if pending is not None:
        return OpenResult(OpenOutcome.PENDING_REVIEW, player=pending.player)
    player = await find_player(name)
    if player is None:
        return OpenResult(OpenOutcome.NOT_FOUND)
    now = clock.now()
    linked_elsewhere = await TelegramUser.filter(player_id=player.uid).exclude(id=user.id).exists()
    current = await open_proof_of(user)
    if current is not None and current.expires_at > now and current.player_id == player.uid:
        return OpenResult(OpenOutcome.STILL_OPEN, current, player, linked_elsewhere)
    if not await may_open_another(user.id, now):
        return OpenResult(OpenOutcome.TOO_MANY_TODAY, player=player)
    if current is not None:
        await close(current, ProofStatus.EXPIRED if current.expires_at <= now else ProofStatus.CLOSED, now)
    proof = await new_proof(user.id, player, rules, now)
    if proof is None:
        return OpenResult(OpenOutcome.NO_AMOUNT_FREE, player=player)
    return OpenResult(OpenOutcome.OPENED, proof, player, linked_elsewhere)


async def may_open_another(user_id: int, now: datetime) -> bool:
    opened = await WagerProof.filter(user_id=user_id, created_at__gt=now - timedelta(days=1)).count()
    return opened < MAX_PROOFS_PER_DAY


async def new_proof(user_id: int, player: Player, rules: ProofRules, now: datetime) -> WagerProof | None:
    """A proof with an amount no open proof uses, from the player's figures as they are stored now;
    None when the range has no free amount left. A user's second open proof is refused by the database."""
    await expire_proofs(now)  # their amounts become free
    low, high = int(rules.min_amount / CENT), int(rules.max_amount / CENT)
    for _attempt in range(5):
        taken = {cents for (cents,) in await WagerProof.filter(open_cents__isnull=False).values_list("open_cents")}
        free = [cents for cents in range(low, high + 1) if cents not in taken]
        if not free:
            return None
        cents = secrets.choice(free)  # not guessable: an impostor cannot foresee the amount
        try:
            return await WagerProof.create(
                user_id=user_id,
                player_id=player.uid,
                amount=Decimal(cents) * CENT,
                open_cents=cents,
                open_for_user=user_id,
                baseline_all_time=player.wagered_all_time,
                baseline_month=player.wagered_month,
                created_at=now,
                expires_at=now + timedelta(minutes=rules.minutes),
            )
        except IntegrityError:  # the amount was taken meanwhile, or this user opened a proof meanwhile
            if (existing := await open_proof_of_id(user_id)) is not None:
                return existing
    return None


async def open_proof_of(user: TelegramUser) -> WagerProof | None:
    return await open_proof_of_id(user.id)


async def open_proof_of_id(user_id: int) -> WagerProof | None:
    return await WagerProof.filter(open_for_user=user_id).first()


async def expire_proofs(now: datetime) -> int:
    return await WagerProof.filter(status=ProofStatus.OPEN, expires_at__lte=now).update(
        status=ProofStatus.EXPIRED, open_cents=None, open_for_user=None, closed_at=now
    )


async def close(
    proof: WagerProof, status: ProofStatus, now: datetime, using_db: BaseDBAsyncClient | None = None
) -> bool:
    """Close an open proof; False when it was closed already (by a check, an expiry or another prover)."""
    closed = (
        await WagerProof.filter(id=proof.id, status=ProofStatus.OPEN)
        .using_db(using_db)
        .update(status=status, open_cents=None, open_for_user=None, closed_at=now)
    )
    if closed:
        proof.status, proof.open_cents, proof.open_for_user, proof.closed_at = status, None, None, now
    return bool(closed)


async def withdraw_proof(user: TelegramUser) -> WagerProof | None:
    """/cancel: the user's open proof is closed; returns it, or None when there was none."""
    proof = await open_proof_of(user)
    if proof is None or not await close(proof, ProofStatus.CLOSED, clock.now()):
        return None
    return proof


# Checking a proof


class CheckOutcome(StrEnum):
    LINKED = "linked"
    NO_CHANGE = "no_change"  # the figures have not moved since the proof opened
    MISMATCH = "mismatch"  # they moved by another amount: a new amount was offered (`new_proof`)
    CHECKS_USED = "checks_used"  # no change after the last check allowed: the proof is closed
    EXPIRED = "expired"
    LOST = "lost"  # another user's proof for the same account held first
    ALREADY_LINKED = "already_linked"
    NO_PROOF = "no_proof"


@dataclass(frozen=True)
class CheckResult:
    outcome: CheckOutcome
    proof: WagerProof | None = None
    player: Player | None = None
    new_proof: WagerProof | None = None  # after a mismatch; None when no amount was free or none is left today
    previous_holder: int | None = None  # the Telegram user the account was taken over from
    losers: list[int] = field(default_factory=list)  # users whose open proofs for the account were closed
    overruled_requests: list[int] = field(default_factory=list)  # review requests for the account, now rejected

    @property
    def grew_all_time(self) -> Decimal | None:
        p = self.proof
        return None if p is None or p.seen_all_time is None else p.seen_all_time - p.baseline_all_time

    @property
    def grew_month(self) -> Decimal | None:
        p = self.proof
        return None if p is None or p.seen_month is None else p.seen_month - p.baseline_month


async def latest_proof(user: TelegramUser) -> WagerProof | None:
    return await WagerProof.filter(user_id=user.id).order_by("-id").first()


async def check_proof(user: TelegramUser, rules: ProofRules) -> CheckResult:
    """Compare the account's stored figures (just refreshed by the caller) with the user's proof."""
    now = clock.now()
    proof = await latest_proof(user)
    if proof is None or proof.status in (ProofStatus.MISMATCH, ProofStatus.CLOSED, ProofStatus.LINKED):
        return CheckResult(CheckOutcome.NO_PROOF, proof)
    if proof.status != ProofStatus.OPEN:
        return CheckResult(CheckOutcome.LOST if proof.status == ProofStatus.LOST else CheckOutcome.EXPIRED, proof)
    if proof.expires_at <= now:
        await close(proof, ProofStatus.EXPIRED, now)
        return CheckResult(CheckOutcome.EXPIRED, proof)
    player = await Player.get(uid=proof.player_id)
    if user.player_id:
        await close(proof, ProofStatus.CLOSED, now)
        return CheckResult(CheckOutcome.ALREADY_LINKED, proof, player)
    proof.seen_all_time, proof.seen_month = player.wagered_all_time, player.wagered_month
    proof.checks += 1
    if proves(proof, player.wagered_all_time, player.wagered_month, rules.tolerance):
        return await link_by_proof(user, proof, player, now)
    if abs(player.wagered_all_time - proof.baseline_all_time) <= rules.tolerance:
        return await no_change(proof, player, now)
    return await mismatch(user, proof, player, rules, now)


async def no_change(proof: WagerProof, player: Player, now: datetime) -> CheckResult:
    await WagerProof.filter(id=proof.id, status=ProofStatus.OPEN).update(
        checks=proof.checks, seen_all_time=proof.seen_all_time, seen_month=proof.seen_month
    )
    if proof.checks >= MAX_CHECKS:
        await close(proof, ProofStatus.CLOSED, now)
        return CheckResult(CheckOutcome.CHECKS_USED, proof, player)
    return CheckResult(CheckOutcome.NO_CHANGE, proof, player)


async def mismatch(
    user: TelegramUser, proof: WagerProof, player: Player, rules: ProofRules, now: datetime
) -> CheckResult:
    """The figures moved by another amount: this proof ends with what was seen, and a new one starts
    from the figures as they are now."""
    closed = await WagerProof.filter(id=proof.id, status=ProofStatus.OPEN).update(
        status=ProofStatus.MISMATCH,
        open_cents=None,
        open_for_user=None,
        closed_at=now,
        checks=proof.checks,
        seen_all_time=proof.seen_all_time,
        seen_month=proof.seen_month,
    )
    if not closed:  # another check of the same user, or another prover, got there first
        return await check_result_of_closed(proof)
    fresh = await new_proof(user.id, player, rules, now) if await may_open_another(user.id, now) else None
    return CheckResult(CheckOutcome.MISMATCH, proof, player, new_proof=fresh)


async def check_result_of_closed(proof: WagerProof) -> CheckResult:
    await proof.refresh_from_db()
    outcome = {ProofStatus.LOST: CheckOutcome.LOST, ProofStatus.EXPIRED: CheckOutcome.EXPIRED}
    return CheckResult(outcome.get(proof.status, CheckOutcome.NO_PROOF), proof)


async def link_by_proof(user: TelegramUser, proof: WagerProof, player: Player, now: datetime) -> CheckResult:
    """The proof held: in one transaction the proof closes, the account moves to the prover (from its
    previous holder, if any), other open proofs and review requests for it end, and the audit says why."""
    try:
        async with in_transaction() as conn:
            won = (
                await WagerProof.filter(id=proof.id, status=ProofStatus.OPEN)
                .using_db(conn)
                .update(
                    status=ProofStatus.LINKED,
                    open_cents=None,
                    open_for_user=None,
                    closed_at=now,
                    checks=proof.checks,
                    seen_all_time=proof.seen_all_time,
                    seen_month=proof.seen_month,
                )
            )
            if not won:
                raise _Lost
            previous, losers, overruled = await move_link(user.id, player.uid, now, conn)
            await record(
                user.id,
                "link.proof",
                f"player {player.uid}",
                before={
                    "all_time": str(proof.baseline_all_time),
                    "month": str(proof.baseline_month),
                    "holder": previous,
                },
                after={
                    "all_time": str(proof.seen_all_time),
                    "month": str(proof.seen_month),
                    "amount": str(proof.amount),
                    "user": user.id,
                },
                using_db=conn,
            )
    except (_Lost, IntegrityError):  # closed meanwhile, or the account got linked to someone else meanwhile
        return await check_result_of_closed(proof)
    proof.status = ProofStatus.LINKED
    user.player_id = player.uid
    return CheckResult(
        CheckOutcome.LINKED, proof, player, previous_holder=previous, losers=losers, overruled_requests=overruled
    )


class _Lost(Exception):
    """Rolls the link back: the proof was no longer open."""


async def move_link(
    user_id: int, uid: str, now: datetime, conn: BaseDBAsyncClient
) -> tuple[int | None, list[int], list[int]]:
    """Link the Goated account `uid` to `user_id` inside the caller's transaction, unlinking its previous
    holder; the other open proofs for it are lost and the open review requests for it rejected as taken.
    Returns (the previous holder, the losers' user ids, the rejected requests' ids)."""
    previous = [
        holder
        for (holder,) in await TelegramUser.filter(player_id=uid).exclude(id=user_id).using_db(conn).values_list("id")
    ]
    if previous:  # first: the one-to-one column allows one holder at a time
        await TelegramUser.filter(id__in=previous).using_db(conn).update(player_id=None)
    await TelegramUser.filter(id=user_id).using_db(conn).update(player_id=uid)
    open_proofs = WagerProof.filter(player_id=uid, status=ProofStatus.OPEN).exclude(user_id=user_id).using_db(conn)
    losers = [loser for (loser,) in await open_proofs.values_list("user_id")]
    await open_proofs.update(status=ProofStatus.LOST, open_cents=None, open_for_user=None, closed_at=now)
    requests = VerificationRequest.filter(player_id=uid, status=VerificationStatus.PENDING).using_db(conn)
    overruled = [request_id for (request_id,) in await requests.values_list("id")]
    await requests.update(
        status=VerificationStatus.REJECTED, open_for_user=None, decided_at=now, decided_by=SYSTEM, reason=TAKEN_REASON
    )
    return (previous[0] if previous else None), losers, overruled


# Linking by an owner


class ManualLink(StrEnum):
    LINKED = "linked"
    NO_USER = "no_user"
    NO_PLAYER = "no_player"
    ALREADY = "already"  # that user holds that account already


@dataclass(frozen=True)
class ManualLinkResult:
    outcome: ManualLink
    user: TelegramUser | None = None
    player: Player | None = None
    previous_holder: int | None = None
    previous_account: str | None = None  # the account the user held before, now unlinked
    overruled_requests: list[int] = field(default_factory=list)


async def link_by_owner(owner_id: int, user: TelegramUser | None, typed_name: str) -> ManualLinkResult:
    """/link: an owner links a user to an account (support cases); the account moves from its holder."""
    if user is None:
        return ManualLinkResult(ManualLink.NO_USER)
    name = clean_name(typed_name)
    player = await find_player(name) if name else None
    if player is None:
        return ManualLinkResult(ManualLink.NO_PLAYER, user)
    if user.player_id == player.uid:
        return ManualLinkResult(ManualLink.ALREADY, user, player)
    now = clock.now()
    previous_account = user.player_id
    async with in_transaction() as conn:
        # The user's own open proof and request end first: the owner decided for them.
        await (
            WagerProof.filter(open_for_user=user.id)
            .using_db(conn)
            .update(status=ProofStatus.CLOSED, open_cents=None, open_for_user=None, closed_at=now)
        )
        await (
            VerificationRequest.filter(open_for_user=user.id)
            .using_db(conn)
            .update(status=VerificationStatus.CANCELLED, open_for_user=None, decided_at=now)
        )
        await TelegramUser.filter(id=user.id).using_db(conn).update(player_id=None)
        previous, _losers, overruled = await move_link(user.id, player.uid, now, conn)
        await record(
            owner_id,
            "link.manual",
            f"user {user.id}",
            before={"account": previous_account, "holder": previous},
            after={"account": player.uid},
            using_db=conn,
        )
    user.player_id = player.uid
    return ManualLinkResult(ManualLink.LINKED, user, player, previous, previous_account, overruled)
