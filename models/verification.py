"""Linking a Telegram account to a Goated account: requests, decisions, unlinking.

The rules live in the database where they can: one open request per user (a unique column), one
Telegram account per Goated account and back (a one-to-one column), and the first decision on a
request wins (a conditional UPDATE), so two admins pressing at once cannot both decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import clock
from models.audit import record
from models.tables import Player, ReviewCard, TelegramUser, VerificationRequest, VerificationStatus
from models.users import user_by_id

MAX_NAME_LENGTH = 64
MAX_REASON_LENGTH = 255
# Rejection reasons an admin can pick with one press; stored as these keys and shown in the reader's language.
REJECT_REASONS = ("not_yours", "not_referred", "duplicate")
TAKEN_REASON = "taken"  # set by the system when the account got linked to someone else first
CHECKS_REASON = "checks"  # bulk rejection from /pending of requests the automatic checks flagged


class LinkOutcome(StrEnum):
    CREATED = "created"
    ALREADY_LINKED = "already_linked"  # this Telegram account is linked already
    INVALID_NAME = "invalid_name"
    NOT_FOUND = "not_found"  # not one of the affiliate's referred players
    TAKEN = "taken"  # that Goated account is linked to someone else
    PENDING = "pending"  # a request is already open
    COOLDOWN = "cooldown"  # rejected recently


@dataclass(frozen=True)
class LinkResult:
    outcome: LinkOutcome
    request: VerificationRequest | None = None
    player: Player | None = None
    retry_at: datetime | None = None


def clean_name(text: str) -> str | None:
    """A Goated name as typed, or None when it cannot be one (empty, too long, control characters)."""
    name = text.strip().lstrip("@")
    if not name or len(name) > MAX_NAME_LENGTH or any(not ch.isprintable() for ch in name):
        return None
    return name


async def find_player(name: str) -> Player | None:
    """Case-insensitive; an exact-case match wins if several players differ only by case."""
    candidates = await Player.filter(name__iexact=name).order_by("uid")
    exact = [p for p in candidates if p.name == name]
    return (exact or candidates)[0] if candidates else None


async def find_request(request_id: int) -> VerificationRequest | None:
    return await VerificationRequest.get_or_none(id=request_id)


async def open_request(user: TelegramUser) -> VerificationRequest | None:
    return await VerificationRequest.filter(open_for_user=user.id).prefetch_related("player").first()


async def request_link(
    user: TelegramUser, typed_name: str, cooldown: timedelta, evidence_file_id: str | None = None
) -> LinkResult:
    """A request for an admin's review; `evidence_file_id` is the screenshot the user sent, if any."""
    if user.player_id:
        return LinkResult(LinkOutcome.ALREADY_LINKED)
    name = clean_name(typed_name)
    if name is None:
        return LinkResult(LinkOutcome.INVALID_NAME)
    pending = await open_request(user)
    if pending is not None:
        return LinkResult(LinkOutcome.PENDING, request=pending, player=pending.player)
    last_rejection = (
        await VerificationRequest.filter(user_id=user.id, status=VerificationStatus.REJECTED)
        .order_by("-decided_at")
        .first()
    )
    if last_rejection and last_rejection.decided_at and last_rejection.decided_at + cooldown > clock.now():
        return LinkResult(LinkOutcome.COOLDOWN, retry_at=last_rejection.decided_at + cooldown)
    player = await find_player(name)
    if player is None:
        return LinkResult(LinkOutcome.NOT_FOUND)
    if await TelegramUser.filter(player_id=player.uid).exclude(id=user.id).exists():
        return LinkResult(LinkOutcome.TAKEN, player=player)
    try:
        request = await VerificationRequest.create(
            user_id=user.id,
            player=player,
            claimed_name=name,
            open_for_user=user.id,
            evidence_file_id=evidence_file_id,
        )
    except IntegrityError:  # a second /verify raced this one: the unique column kept just one
        pending = await open_request(user)
        return LinkResult(LinkOutcome.PENDING, request=pending, player=pending.player if pending else player)
    return LinkResult(LinkOutcome.CREATED, request=request, player=player)


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    ALREADY_DECIDED = "already_decided"
    TAKEN = "taken"  # approving would link a Goated account that got linked to someone else meanwhile


async def decide(
    request_id: int, admin_id: int, approve: bool, reason: str | None = None
) -> tuple[Decision, VerificationRequest | None]:
    """Approve or reject once. Whoever's UPDATE matches the pending row first wins; others change nothing."""
    now = clock.now()
    status = VerificationStatus.APPROVED if approve else VerificationStatus.REJECTED
    try:
        async with in_transaction() as conn:
            won = (
                await VerificationRequest.filter(id=request_id, status=VerificationStatus.PENDING)
                .using_db(conn)
                .update(status=status, open_for_user=None, decided_at=now, decided_by=admin_id, reason=reason)
            )
            request = await VerificationRequest.filter(id=request_id).using_db(conn).first()
            if not won or request is None:
                return Decision.ALREADY_DECIDED, request
            if approve:
                # The one-to-one column refuses a Goated account that is linked to someone else.
                await TelegramUser.filter(id=request.user_id).using_db(conn).update(player_id=request.player_id)
            await record(
                admin_id,
                f"verification.{status.value}",
                f"request {request_id}",
                after={"user": request.user_id, "player": request.player_id, "reason": reason},
                using_db=conn,
            )
    except IntegrityError:
        taken = await reject_as_taken(request_id, admin_id, now)
        request = await VerificationRequest.get_or_none(id=request_id)
        return (Decision.TAKEN if taken else Decision.ALREADY_DECIDED), request
    return (Decision.APPROVED if approve else Decision.REJECTED), request


async def reject_as_taken(request_id: int, admin_id: int, now: datetime) -> bool:
    """An approval the one-to-one column refused: the request is rejected instead, if still pending."""
    async with in_transaction() as conn:
        taken = (
            await VerificationRequest.filter(id=request_id, status=VerificationStatus.PENDING)
            .using_db(conn)
            .update(
                status=VerificationStatus.REJECTED,
                open_for_user=None,
                decided_at=now,
                decided_by=admin_id,
                reason=TAKEN_REASON,
            )
        )
        if taken:
            await record(
                admin_id,
                "verification.rejected",
                f"request {request_id}",
                after={"reason": TAKEN_REASON},
                using_db=conn,
            )
    return bool(taken)


async def cancel_open_request(user: TelegramUser) -> VerificationRequest | None:
    """Withdraw the user's open request; returns it, or None when there was none (or it was just decided)."""
    request = await open_request(user)
    if request is None:
        return None
    withdrawn = await VerificationRequest.filter(id=request.id, status=VerificationStatus.PENDING).update(
        status=VerificationStatus.CANCELLED, open_for_user=None, decided_at=clock.now()
    )
    if not withdrawn:
        return None
    await request.refresh_from_db()
    return request


async def attach_evidence(user: TelegramUser, file_id: str) -> VerificationRequest | None:
    """A screenshot sent while the user's request is open becomes its evidence (a newer one replaces it);
    returns the request, or None when the user has no open request."""
    request = await open_request(user)
    if request is None:
        return None
    await VerificationRequest.filter(id=request.id, status=VerificationStatus.PENDING).update(evidence_file_id=file_id)
    request.evidence_file_id = file_id
    return request


async def unlink(user: TelegramUser) -> bool:
    unlinked = await TelegramUser.filter(id=user.id, player_id__isnull=False).update(player_id=None)
    user.player_id = None
    return bool(unlinked)


class Concern(StrEnum):
    """What the automatic checks found about a pending request; none means it may be bulk-approved."""

    ACCOUNT_LINKED = "account_linked"  # the Goated account is linked to another Telegram account
    COMPETING = "competing"  # someone else has an open request for the same account
    EARLIER_REJECTION = "earlier_rejection"  # this user had a request rejected before


async def concerns(request: VerificationRequest) -> list[Concern]:
    found = []
    if await TelegramUser.filter(player_id=request.player_id).exclude(id=request.user_id).exists():
        found.append(Concern.ACCOUNT_LINKED)
    if (
        await VerificationRequest.filter(player_id=request.player_id, status=VerificationStatus.PENDING)
        .exclude(id=request.id)
        .exists()
    ):
        found.append(Concern.COMPETING)
    if await VerificationRequest.filter(user_id=request.user_id, status=VerificationStatus.REJECTED).exists():
        found.append(Concern.EARLIER_REJECTION)
    return found


async def pending_count() -> int:
    """How many link requests wait for an admin."""
    return await VerificationRequest.filter(status=VerificationStatus.PENDING).count()


async def pending_requests(offset: int, limit: int) -> tuple[list[VerificationRequest], int]:
    """A page of open requests, oldest first, with the total count."""
    query = VerificationRequest.filter(status=VerificationStatus.PENDING)
    page = await query.order_by("id").offset(offset).limit(limit).prefetch_related("user", "player")
    return page, await query.count()


async def earlier_requests(request: VerificationRequest, limit: int = 5) -> list[VerificationRequest]:
    return (
        await VerificationRequest.filter(user_id=request.user_id)
        .exclude(id=request.id)
        .order_by("-id")
        .limit(limit)
        .prefetch_related("player")
    )


async def request_parties(request: VerificationRequest) -> tuple[TelegramUser, Player]:
    """Who asks, and for which Goated account."""
    user: TelegramUser = await request.user
    player: Player = await request.player
    return user, player


@dataclass(frozen=True)
class ReviewFacts:
    """Everything a review card shows about a request, read once for all the admins' copies."""

    request: VerificationRequest
    user: TelegramUser
    player: Player
    linked_to: TelegramUser | None  # another Telegram account already linked to that Goated account
    earlier: list[VerificationRequest]
    concerns: list[Concern]  # read only while the request is pending
    decided_by: TelegramUser | None  # read only once an admin decided it


async def review_facts(request: VerificationRequest) -> ReviewFacts:
    user, player = await request_parties(request)
    linked_to = await TelegramUser.filter(player_id=player.uid).exclude(id=user.id).first()
    pending = request.status == VerificationStatus.PENDING
    decided = request.status in (VerificationStatus.APPROVED, VerificationStatus.REJECTED)
    return ReviewFacts(
        request=request,
        user=user,
        player=player,
        linked_to=linked_to,
        earlier=await earlier_requests(request),
        concerns=await concerns(request) if pending else [],
        decided_by=await user_by_id(request.decided_by or 0) if decided else None,
    )


async def remember_card(request: VerificationRequest, chat_id: int, message_id: int) -> None:
    """A review card was sent: remembered so it can show the decision later."""
    await ReviewCard.create(request=request, chat_id=chat_id, message_id=message_id)


async def cards_with_readers(request: VerificationRequest) -> list[tuple[ReviewCard, TelegramUser]]:
    """Every card sent for a request, with the admin who reads it (an unsaved stand-in when that user is gone,
    so the card is written in the default language)."""
    return [
        (card, await user_by_id(card.chat_id) or TelegramUser(id=card.chat_id))
        for card in await ReviewCard.filter(request_id=request.id)
    ]


async def cooldown_until(user: TelegramUser, cooldown: timedelta) -> datetime | None:
    """When the user may ask for review again after a rejection; None when they may now."""
    last_rejection = (
        await VerificationRequest.filter(user_id=user.id, status=VerificationStatus.REJECTED)
        .order_by("-decided_at")
        .first()
    )
    if last_rejection and last_rejection.decided_at and last_rejection.decided_at + cooldown > clock.now():
        return last_rejection.decided_at + cooldown
    return None


async def drop_cards(request: VerificationRequest) -> list[ReviewCard]:
    """Forget every card of a request (they are being replaced); returns them, so their messages can go too."""
    cards = await ReviewCard.filter(request_id=request.id)
    await ReviewCard.filter(id__in=[card.id for card in cards]).delete()
    return cards


async def requests_without_card(chat_id: int) -> list[VerificationRequest]:
    """Open requests, oldest first, of which this chat holds no card (an admin who just became reachable)."""
    carded = ReviewCard.filter(chat_id=chat_id, request__status=VerificationStatus.PENDING).values_list(
        "request_id", flat=True
    )
    return (
        await VerificationRequest.filter(status=VerificationStatus.PENDING)
        .exclude(id__in=list(await carded))
        .order_by("id")
    )
