"""What a notification says: its kind (the string stored in `notification.kind`) and the payload stored
with it as JSON. Amounts are stored as strings, so they stay exact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar, Self, get_type_hints

from models.tables import Notification


class NotificationKind(StrEnum):
    RACE_WON = "race_won"
    RACE_RESULTS = "race_results"  # for admins
    OVERTAKEN = "overtaken"
    PAID_PLACES = "paid_places"
    FINAL_DAY = "final_day"
    NEW_LEADER = "new_leader"  # for the announcement groups
    CHALLENGE_NEW = "challenge_new"
    CHALLENGE_WON = "challenge_won"
    CHALLENGE_REJECTED = "challenge_rejected"
    TOKEN_EXPIRED = "token_expired"  # for admins: Goated refused the API token
    # For owners (operations, issue 19):
    TOKEN_REFUSED = "token_refused"  # Goated refused the token (401): send a new one with /token
    TOKEN_EXPIRING = "token_expiring"  # the token's JWT expiry is near
    OUTAGE = "outage"  # syncs failing for long, or Telegram reporting a webhook error
    RECOVERED = "recovered"  # an outage is over (or the database was unreachable and answers again)
    DAILY_REPORT = "daily_report"  # for owners: the day's summary at REPORT_DAILY_AT (issue 23)
    # The bot's groups and channels (issue 21):
    CHAT_LOST = "chat_lost"  # for admins: the bot was removed from a chat, or may no longer post there
    LIVE_REPOSTED = "live_reposted"  # for admins: the live post was deleted, so it was posted anew
    # Races beside the monthly one, milestones and the community goal (issue 22):
    CUSTOM_RACE_WON = "custom_race_won"
    CUSTOM_RACE_RESULTS = "custom_race_results"  # for admins
    CUSTOM_RACE_CANCELLED = "custom_race_cancelled"
    MILESTONE_REACHED = "milestone_reached"  # to the player (with a reward code, if one was left)
    MILESTONE_ANNOUNCED = "milestone_announced"  # to the announcement chats
    GOAL_REACHED = "goal_reached"  # to the announcement chats
    # The race alerts of a weekly or custom race (the monthly race's are OVERTAKEN, PAID_PLACES, FINAL_DAY):
    CUSTOM_OVERTAKEN = "custom_overtaken"
    CUSTOM_PAID_PLACES = "custom_paid_places"
    CUSTOM_FINAL_DAY = "custom_final_day"


@dataclass(frozen=True)
class Payload:
    kind: ClassVar[NotificationKind]

    def to_json(self) -> dict[str, Any]:
        return {name: str(value) if isinstance(value, Decimal) else value for name, value in asdict(self).items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """A field missing from the JSON takes its default; without one, the payload is broken (TypeError)."""
        amounts = _amount_fields(cls)
        return cls(
            **{
                field.name: Decimal(data[field.name]) if field.name in amounts else data[field.name]
                for field in fields(cls)
                if field.name in data
            }
        )


_AMOUNT_FIELDS: dict[type[Payload], frozenset[str]] = {}


def _amount_fields(payload: type[Payload]) -> frozenset[str]:
    """The Decimal fields of a payload type, read once: resolving the annotations is not free, and every
    notification delivered reads its payload."""
    if payload not in _AMOUNT_FIELDS:
        types = get_type_hints(payload)
        _AMOUNT_FIELDS[payload] = frozenset(field.name for field in fields(payload) if types[field.name] is Decimal)
    return _AMOUNT_FIELDS[payload]


@dataclass(frozen=True)
class RaceWon(Payload):
    kind = NotificationKind.RACE_WON
    month: str
    rank: int
    prize: Decimal


@dataclass(frozen=True)
class RaceResults(Payload):
    kind = NotificationKind.RACE_RESULTS
    month: str


@dataclass(frozen=True)
class Overtaken(Payload):
    kind = NotificationKind.OVERTAKEN
    rank: int
    gap: Decimal  # to the player now just above


@dataclass(frozen=True)
class PaidPlaces(Payload):
    kind = NotificationKind.PAID_PLACES
    rank: int
    prize: Decimal


@dataclass(frozen=True)
class FinalDay(Payload):
    kind = NotificationKind.FINAL_DAY
    month: str
    rank: int


@dataclass(frozen=True)
class NewLeader(Payload):
    kind = NotificationKind.NEW_LEADER
    name: str
    wagered: Decimal


@dataclass(frozen=True)
class ChallengeNew(Payload):
    kind = NotificationKind.CHALLENGE_NEW
    challenge_id: int


@dataclass(frozen=True)
class ChallengeWon(Payload):
    kind = NotificationKind.CHALLENGE_WON
    challenge_id: int
    code: str


@dataclass(frozen=True)
class ChallengeRejected(Payload):
    kind = NotificationKind.CHALLENGE_REJECTED
    challenge_id: int
    reason: str | None = None


@dataclass(frozen=True)
class TokenExpired(Payload):
    kind = NotificationKind.TOKEN_EXPIRED


@dataclass(frozen=True)
class TokenRefused(Payload):
    kind = NotificationKind.TOKEN_REFUSED


@dataclass(frozen=True)
class TokenExpiring(Payload):
    kind = NotificationKind.TOKEN_EXPIRING
    expires_at: str  # ISO-8601, UTC
    minutes: int  # the warning's lead: 120 or 15


@dataclass(frozen=True)
class Outage(Payload):
    kind = NotificationKind.OUTAGE
    what: str  # "sync" or "webhook"
    since: str  # ISO-8601, UTC
    detail: str | None = None  # the last error, as the program or Telegram worded it


@dataclass(frozen=True)
class Recovered(Payload):
    kind = NotificationKind.RECOVERED
    what: str  # "sync", "webhook" or "database"
    since: str  # ISO-8601, UTC: when the outage began
    until: str  # ISO-8601, UTC: when it was seen to be over


@dataclass(frozen=True)
class DailyReport(Payload):
    kind = NotificationKind.DAILY_REPORT
    day: str  # ISO date in RACE_TIMEZONE: the figures are read when the message is written
    timezone: str = "UTC"  # RACE_TIMEZONE when it was owed: the months the summary speaks of


@dataclass(frozen=True)
class ChatLost(Payload):
    kind = NotificationKind.CHAT_LOST
    chat_id: int
    title: str


@dataclass(frozen=True)
class LiveReposted(Payload):
    kind = NotificationKind.LIVE_REPOSTED
    chat_id: int
    title: str


@dataclass(frozen=True)
class CustomRaceWon(Payload):
    kind = NotificationKind.CUSTOM_RACE_WON
    race_id: int
    title: str
    rank: int
    prize: Decimal


@dataclass(frozen=True)
class CustomRaceResults(Payload):
    kind = NotificationKind.CUSTOM_RACE_RESULTS
    race_id: int
    title: str


@dataclass(frozen=True)
class CustomRaceCancelled(Payload):
    kind = NotificationKind.CUSTOM_RACE_CANCELLED
    race_id: int
    title: str


@dataclass(frozen=True)
class MilestoneReached(Payload):
    kind = NotificationKind.MILESTONE_REACHED
    month: str
    amount: Decimal
    code: str = ""


@dataclass(frozen=True)
class MilestoneAnnounced(Payload):
    kind = NotificationKind.MILESTONE_ANNOUNCED
    month: str
    amount: Decimal
    uid: str


@dataclass(frozen=True)
class GoalReached(Payload):
    kind = NotificationKind.GOAL_REACHED
    month: str
    amount: Decimal


@dataclass(frozen=True)
class CustomOvertaken(Payload):
    kind = NotificationKind.CUSTOM_OVERTAKEN
    race_id: int
    title: str
    rank: int
    gap: Decimal  # to the player now just above


@dataclass(frozen=True)
class CustomPaidPlaces(Payload):
    kind = NotificationKind.CUSTOM_PAID_PLACES
    race_id: int
    title: str
    rank: int
    prize: Decimal


@dataclass(frozen=True)
class CustomFinalDay(Payload):
    kind = NotificationKind.CUSTOM_FINAL_DAY
    race_id: int
    title: str
    rank: int


PAYLOADS: dict[NotificationKind, type[Payload]] = {
    payload.kind: payload
    for payload in (
        RaceWon,
        RaceResults,
        Overtaken,
        PaidPlaces,
        FinalDay,
        NewLeader,
        ChallengeNew,
        ChallengeWon,
        ChallengeRejected,
        TokenExpired,
        TokenRefused,
        TokenExpiring,
        Outage,
        Recovered,
        DailyReport,
        ChatLost,
        LiveReposted,
        CustomRaceWon,
        CustomRaceResults,
        CustomRaceCancelled,
        MilestoneReached,
        MilestoneAnnounced,
        GoalReached,
        CustomOvertaken,
        CustomPaidPlaces,
        CustomFinalDay,
    )
}


def read_payload(notification: Notification) -> Payload | None:
    """The notification's payload; None when its kind is unknown (written by a newer version, say)."""
    if notification.kind not in PAYLOADS:
        return None
    return PAYLOADS[NotificationKind(notification.kind)].from_json(notification.payload)
