"""Linking a Telegram account to a Goated account: requests, decisions, unlinking.

The rules live in the database where they can: one open request per user (a unique column), one
Telegram account per Goated account and back (a one-to-one column), and the first decision on a
request wins (a conditional UPDATE), so two admins pressing at once cannot both decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.tables import Player, TelegramUser, VerificationRequest, VerificationStatus

MAX_NAME_LENGTH = 64


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
    return (exact or candidates or [None])[0]


async def open_request(user: TelegramUser) -> VerificationRequest | None:
    return await VerificationRequest.filter(open_for_user=user.id).prefetch_related("player").first()


async def request_link(user: TelegramUser, typed_name: str, cooldown: timedelta) -> LinkResult:
    if user.player_id:
        return LinkResult(LinkOutcome.ALREADY_LINKED)
    name = clean_name(typed_name)
    if name is None:
        return LinkResult(LinkOutcome.INVALID_NAME)
    pending = await open_request(user)
    if pending is not None:
        return LinkResult(LinkOutcome.PENDING, request=pending, player=pending.player)
    last_rejection = await VerificationRequest.filter(user_id=user.id, status=VerificationStatus.REJECTED).order_by("-decided_at").first()
    if last_rejection and last_rejection.decided_at and last_rejection.decided_at + cooldown > datetime.now(UTC):
        return LinkResult(LinkOutcome.COOLDOWN, retry_at=last_rejection.decided_at + cooldown)
    player = await find_player(name)
    if player is None:
        return LinkResult(LinkOutcome.NOT_FOUND)
    if await TelegramUser.filter(player_id=player.uid).exclude(id=user.id).exists():
        return LinkResult(LinkOutcome.TAKEN, player=player)
    try:
        request = await VerificationRequest.create(user_id=user.id, player=player, claimed_name=name, open_for_user=user.id)
    except IntegrityError:  # a second /verify raced this one: the unique column kept just one
        pending = await open_request(user)
        return LinkResult(LinkOutcome.PENDING, request=pending, player=pending.player if pending else player)
    return LinkResult(LinkOutcome.CREATED, request=request, player=player)


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    ALREADY_DECIDED = "already_decided"
    TAKEN = "taken"  # approving would link a Goated account that got linked to someone else meanwhile


async def decide(request_id: int, admin_id: int, approve: bool, reason: str | None = None) -> tuple[Decision, VerificationRequest | None]:
    """Approve or reject once. Whoever's UPDATE matches the pending row first wins; others change nothing."""
    now = datetime.now(UTC)
    status = VerificationStatus.APPROVED if approve else VerificationStatus.REJECTED
    try:
        async with in_transaction() as conn:
            won = await VerificationRequest.filter(id=request_id, status=VerificationStatus.PENDING).using_db(conn).update(
                status=status, open_for_user=None, decided_at=now, decided_by=admin_id, reason=reason
            )
            request = await VerificationRequest.get_or_none(id=request_id).using_db(conn)
            if not won or request is None:
                return Decision.ALREADY_DECIDED, request
            if approve:
                # The one-to-one column refuses a Goated account that is linked to someone else.
                await TelegramUser.filter(id=request.user_id).using_db(conn).update(player_id=request.player_id)
    except IntegrityError:
        await VerificationRequest.filter(id=request_id, status=VerificationStatus.PENDING).update(
            status=VerificationStatus.REJECTED, open_for_user=None, decided_at=now, decided_by=admin_id,
            reason="linked to another account",
        )
        return Decision.TAKEN, await VerificationRequest.get_or_none(id=request_id)
    return (Decision.APPROVED if approve else Decision.REJECTED), request


async def cancel_open_request(user: TelegramUser) -> bool:
    cancelled = await VerificationRequest.filter(open_for_user=user.id).update(
        status=VerificationStatus.CANCELLED, open_for_user=None, decided_at=datetime.now(UTC)
    )
    return bool(cancelled)


async def unlink(user: TelegramUser) -> bool:
    unlinked = await TelegramUser.filter(id=user.id, player_id__isnull=False).update(player_id=None)
    user.player_id = None
    return bool(unlinked)
