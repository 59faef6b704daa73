"""What notifications read when they are sent, not when they are owed: a message tells how things are now."""

from __future__ import annotations

from dataclasses import dataclass

from models import clock
from models.challenges import is_open
from models.notification_kinds import ChallengeNew
from models.tables import Challenge, TelegramUser


async def announced_challenge(payload: ChallengeNew) -> Challenge | None:
    """The challenge to announce; None when it closed before the announcement went out."""
    challenge = await Challenge.get_or_none(id=payload.challenge_id)
    return challenge if challenge is not None and is_open(challenge, clock.now()) else None


@dataclass(frozen=True)
class Account:
    """A Telegram user as a results list names them."""

    user_id: int
    username: str | None


async def accounts_of(player_ids: list[str]) -> dict[str, Account]:
    """The Telegram users linked to these Goated players, by player id."""
    rows = await TelegramUser.filter(player_id__in=player_ids).values_list("player_id", "id", "username")
    return {player_id: Account(user_id, username) for player_id, user_id, username in rows}
