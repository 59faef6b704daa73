"""The database tables. Money is Decimal, times are UTC-aware.

Tortoise adds each foreign key's column as an attribute (`player_id` for `player`); the bare annotations
after the relations declare those for the type checker."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any, cast

from tortoise import fields
from tortoise.models import Model


def money_field() -> fields.DecimalField[Decimal]:
    """A wager figure: up to 14 digits before the point and 6 after, 0 until reported."""
    return fields.DecimalField(max_digits=20, decimal_places=6, default=0)


class Player(Model):
    """A player referred by the affiliate, as last reported by Goated. `uid` is stable; `name` can change."""

    uid = fields.CharField(primary_key=True, max_length=64)
    name = fields.CharField(max_length=255)
    wagered_today = money_field()
    wagered_week = money_field()
    wagered_month = money_field()
    wagered_all_time = money_field()
    first_seen_at = fields.DatetimeField()  # the first sync that reported this player
    # The last sync that changed a figure or the name. Unchanged rows are never rewritten, so a
    # "last seen" per row would cost a write per player per sync; the sync run records that instead.
    changed_at = fields.DatetimeField()

    class Meta:
        table = "player"
        # One index per board: standings read "wagered > 0 ORDER BY wagered DESC".
        indexes = (("wagered_today",), ("wagered_week",), ("wagered_month",), ("wagered_all_time",))


class SyncOutcome(StrEnum):
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"  # the upstream could not be reached or answered an error
    REJECTED = "rejected"  # the upstream answered, but with data we refuse to store
    INTERRUPTED = "interrupted"  # the process stopped during the run; its transaction was rolled back


class SyncRun(Model):
    """One attempt to copy the upstream leaderboard into `player`."""

    id = fields.IntField(primary_key=True)
    source = fields.CharField(max_length=16)  # "goated" or "demo"
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    outcome = fields.CharEnumField(SyncOutcome, max_length=16, default=SyncOutcome.RUNNING, db_index=True)
    players_received = fields.IntField(default=0)
    players_changed = fields.IntField(default=0)
    # Tortoise types a TextField as never null, whatever `null` says.
    error = cast("fields.Field[str | None]", fields.TextField(null=True))
    duration_ms = fields.IntField(null=True)
    # The upstream's monthly reset: most players this sync changed fell back (see models/history.py).
    month_reset = fields.BooleanField(default=False)

    class Meta:
        table = "sync_run"


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"
    OWNER = "owner"


class TelegramUser(Model):
    """Someone who has talked to the bot."""

    id = fields.BigIntField(primary_key=True, generated=False)  # Telegram's user id
    username = fields.CharField(max_length=64, null=True, db_index=True)
    first_name = fields.CharField(max_length=255, default="")
    language = fields.CharField(max_length=16, null=True)  # chosen with /language; None: follow Telegram's
    telegram_language = fields.CharField(max_length=16, null=True)  # Telegram's language_code, last seen
    role = fields.CharEnumField(Role, max_length=8, default=Role.USER)
    player: fields.OneToOneNullableRelation[Player] = fields.OneToOneField(
        "models.Player", related_name="telegram_user", null=True, on_delete=fields.SET_NULL
    )
    player_id: str | None
    blocked_bot = fields.BooleanField(default=False)
    banned = fields.BooleanField(default=False)  # by an admin: the bot ignores them
    # Race alerts the user wants (/notifications); wins are always told.
    notify_overtaken = fields.BooleanField(default=True)
    notify_paid_places = fields.BooleanField(default=True)
    notify_final_day = fields.BooleanField(default=True)
    notify_challenges = fields.BooleanField(default=True)  # told of new challenges
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "telegram_user"


class VerificationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class VerificationRequest(Model):
    """A Telegram user's claim to a Goated account, waiting for (or decided by) an admin."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[TelegramUser] = fields.ForeignKeyField(
        "models.TelegramUser", related_name="verification_requests", on_delete=fields.CASCADE
    )
    player: fields.ForeignKeyRelation[Player] = fields.ForeignKeyField(
        "models.Player", related_name="verification_requests", on_delete=fields.CASCADE
    )
    user_id: int
    player_id: str
    claimed_name = fields.CharField(max_length=255)  # as the user typed it
    status = fields.CharEnumField(VerificationStatus, max_length=16, default=VerificationStatus.PENDING, db_index=True)
    # Equals user_id while pending, NULL once decided: the unique index allows one open request per user.
    open_for_user = fields.BigIntField(null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    decided_at = fields.DatetimeField(null=True)
    decided_by = fields.BigIntField(null=True)  # the admin's Telegram id
    reason = fields.CharField(max_length=255, null=True)
    # Telegram's file_id of the screenshot of the Goated profile the user sent as evidence; None: no evidence.
    evidence_file_id = fields.CharField(max_length=255, null=True)

    class Meta:
        table = "verification_request"


class ProofStatus(StrEnum):
    OPEN = "open"
    LINKED = "linked"  # the amount showed in the account's figures: it was linked to the prover
    MISMATCH = "mismatch"  # the figures moved by another amount; the player was offered a new one
    EXPIRED = "expired"
    LOST = "lost"  # another user's proof for the same account held first
    CLOSED = "closed"  # withdrawn, or replaced by a new proof or by a request for review


class WagerProof(Model):
    """A player proves a Goated account is theirs by making its wagered figures grow by an exact amount.

    The baseline is the account's figures when the proof opened. Times come from the product's clock."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[TelegramUser] = fields.ForeignKeyField(
        "models.TelegramUser", related_name="wager_proofs", on_delete=fields.CASCADE
    )
    player: fields.ForeignKeyRelation[Player] = fields.ForeignKeyField(
        "models.Player", related_name="wager_proofs", on_delete=fields.CASCADE
    )
    user_id: int
    player_id: str
    amount = fields.DecimalField(max_digits=8, decimal_places=2)
    # While open: the amount in cents and the user's id. Unique, so no two open proofs share an amount
    # and a user has one open proof; NULL once closed.
    open_cents = fields.IntField(null=True, unique=True)
    open_for_user = fields.BigIntField(null=True, unique=True)
    baseline_all_time = money_field()
    baseline_month = money_field()
    seen_all_time = fields.DecimalField(max_digits=20, decimal_places=6, null=True)  # at the last check
    seen_month = fields.DecimalField(max_digits=20, decimal_places=6, null=True)
    checks = fields.IntField(default=0)
    status = fields.CharEnumField(ProofStatus, max_length=16, default=ProofStatus.OPEN, db_index=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "wager_proof"


class ReviewCard(Model):
    """A review card sent to one admin, so every admin's copy can show the decision once it is made."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[VerificationRequest] = fields.ForeignKeyField(
        "models.VerificationRequest", related_name="cards", on_delete=fields.CASCADE
    )
    request_id: int
    chat_id = fields.BigIntField()
    message_id = fields.BigIntField()

    class Meta:
        table = "review_card"


class AuditEntry(Model):
    """One admin action: who, what, on what, the state before and after, when."""

    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    actor_id = fields.BigIntField()  # the admin's Telegram id (0: the system itself)
    action = fields.CharField(max_length=48)
    target = fields.CharField(max_length=255, default="")
    before: fields.JSONField[Any] = fields.JSONField(null=True)
    after: fields.JSONField[Any] = fields.JSONField(null=True)

    class Meta:
        table = "audit_log"


class RacePrizes(Model):
    """A race's prize pool and split as set by an admin. Rows are never updated: the newest row for a
    month is its setting, older rows are the history. A month without a row inherits the latest earlier one."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, db_index=True)  # "2026-11", the race's month in RACE_TIMEZONE
    pool = fields.DecimalField(max_digits=14, decimal_places=2)
    split: fields.JSONField[list[str]] = fields.JSONField()  # percentages as strings, place 1 first: ["40", "20", ...]
    set_by = fields.BigIntField()
    set_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "race_prizes"


class RaceRules(Model):
    """A race's rules as an admin wrote them (/setrules). Rows are never updated: the newest row for a month
    is its text, older rows are the history. A month without a row inherits the latest earlier one."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, db_index=True)  # "2026-11", the race's month in RACE_TIMEZONE
    text = fields.TextField()
    set_by = fields.BigIntField()
    set_at = fields.DatetimeField()  # the product's clock

    class Meta:
        table = "race_rules"


class UpstreamToken(Model):
    """The Goated bearer token an owner sent with /token, encrypted. Rows are never updated: the newest row
    is the token in use; a row without ciphertext means "cleared" (no token)."""

    id = fields.IntField(primary_key=True)
    ciphertext = cast("fields.Field[str | None]", fields.TextField(null=True))
    expires_at = fields.DatetimeField(null=True)  # a JWT's `exp`; None: not a JWT, or cleared
    set_by = fields.BigIntField()
    set_at = fields.DatetimeField()  # the product's clock

    class Meta:
        table = "upstream_token"


class RaceExclusion(Model):
    """A player left out of a race's standings, with a reason, until an admin lifts it."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, db_index=True)
    player: fields.ForeignKeyRelation[Player] = fields.ForeignKeyField(
        "models.Player", related_name="race_exclusions", on_delete=fields.CASCADE
    )
    player_id: str
    reason = fields.CharField(max_length=255)
    # "month:uid" while in force, NULL once lifted: the unique index allows one active exclusion per player and race.
    active_key = fields.CharField(max_length=80, null=True, unique=True)
    excluded_by = fields.BigIntField()
    excluded_at = fields.DatetimeField(auto_now_add=True)
    lifted_by = fields.BigIntField(null=True)
    lifted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "race_exclusion"


class BroadcastStatus(StrEnum):
    SENDING = "sending"
    CANCELLED = "cancelled"
    DONE = "done"


class Broadcast(Model):
    """A message an admin sent to an audience. Its recipients are fixed when the admin confirms."""

    id = fields.IntField(primary_key=True)
    created_by = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)
    text = fields.TextField()  # Telegram HTML; the caption when there is a photo
    photo = fields.CharField(max_length=255, null=True)  # Telegram file_id
    audience = fields.CharField(max_length=32)
    # The preview's id: confirming the same preview twice cannot create a second broadcast.
    draft_id = fields.CharField(max_length=32, unique=True)
    status = fields.CharEnumField(BroadcastStatus, max_length=16, default=BroadcastStatus.SENDING, db_index=True)
    progress_chat_id = fields.BigIntField(null=True)
    progress_message_id = fields.BigIntField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "broadcast"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a sender; if the process died here, it is not sent again
    SENT = "sent"
    BLOCKED = "blocked"  # the user blocked the bot
    FAILED = "failed"
    SKIPPED = "skipped"  # cancelled before its turn
    UNKNOWN = "unknown"  # the process stopped during the send: maybe delivered, never repeated


class BroadcastDelivery(Model):
    """One recipient of one broadcast: the unique pair makes "at most once" a database rule."""

    id = fields.IntField(primary_key=True)
    broadcast: fields.ForeignKeyRelation[Broadcast] = fields.ForeignKeyField(
        "models.Broadcast", related_name="deliveries", on_delete=fields.CASCADE
    )
    broadcast_id: int
    user_id = fields.BigIntField()
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    error = fields.CharField(max_length=255, null=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "broadcast_delivery"
        unique_together = (("broadcast", "user_id"),)
        indexes = (("broadcast", "status"),)


class WagerSnapshot(Model):
    """A player's figures as one sync saw them, written only when they changed: together the rows give every
    player's wagers at every sync, which is what race finalisation reads."""

    id = fields.BigIntField(primary_key=True)
    player_id = fields.CharField(max_length=64)  # no foreign key: history outlives nothing, and inserts stay cheap
    sync_run_id = fields.IntField()
    at = fields.DatetimeField()  # when the sync wrote it
    wagered_today = money_field()
    wagered_week = money_field()
    wagered_month = money_field()
    wagered_all_time = money_field()

    class Meta:
        table = "wager_snapshot"
        indexes = (("player_id", "at"), ("at",))


class FinishedRace(Model):
    """A race's final result set, written once: the unique month makes a second finalisation fail."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, unique=True)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    prize_pool = fields.DecimalField(max_digits=14, decimal_places=2)
    split: fields.JSONField[list[str]] = fields.JSONField()  # as RacePrizes.split
    finalised_at = fields.DatetimeField()
    data_as_of = fields.DatetimeField(null=True)  # the last sync before the end that the results come from
    stale = fields.BooleanField(default=False)  # that sync was older than two sync intervals at the end

    class Meta:
        table = "finished_race"


class RaceResult(Model):
    """One ranked player of a finished race, as they stood at the end."""

    id = fields.IntField(primary_key=True)
    race: fields.ForeignKeyRelation[FinishedRace] = fields.ForeignKeyField(
        "models.FinishedRace", related_name="results", on_delete=fields.CASCADE
    )
    race_id: int
    rank = fields.IntField()
    player_id = fields.CharField(max_length=64, db_index=True)
    name = fields.CharField(max_length=255)  # the name at the end
    wagered = money_field()
    prize = fields.DecimalField(max_digits=14, decimal_places=2, null=True)

    class Meta:
        table = "race_result"
        unique_together = (("race", "rank"), ("race", "player_id"))


class RaceKind(StrEnum):
    MONTHLY = "monthly"
    WEEKLY = "weekly"  # repeats each ISO week in RACE_TIMEZONE
    CUSTOM = "custom"  # once, in the window an admin gave


class CustomRaceStatus(StrEnum):
    SCHEDULED = "scheduled"  # upcoming or running, by the clock
    FINISHED = "finished"
    CANCELLED = "cancelled"


class RaceSeries(Model):
    """A repeating race (weekly): the race job creates one `custom_race` per occurrence from it."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=255)
    kind = fields.CharEnumField(RaceKind, max_length=16, default=RaceKind.WEEKLY)
    pool = fields.DecimalField(max_digits=14, decimal_places=2)
    split: fields.JSONField[list[str]] = fields.JSONField()  # as RacePrizes.split
    created_by = fields.BigIntField()
    created_at = fields.DatetimeField()  # the product's clock
    cancelled_by = fields.BigIntField(null=True)
    cancelled_at = fields.DatetimeField(null=True)  # no further occurrences

    class Meta:
        table = "race_series"


class CustomRace(Model):
    """A race beside the monthly one (a custom window, or one week of a weekly series). Its results are written
    once: the finaliser's conditional update of `status` lets exactly one commit."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=255)
    kind = fields.CharEnumField(RaceKind, max_length=16)
    series: fields.ForeignKeyNullableRelation[RaceSeries] = fields.ForeignKeyField(
        "models.RaceSeries", related_name="races", null=True, on_delete=fields.CASCADE
    )
    series_id: int | None
    occurrence = fields.CharField(max_length=32, null=True, unique=True)  # "3:2026-W48": one race per series and week
    starts_at = fields.DatetimeField(db_index=True)
    ends_at = fields.DatetimeField(db_index=True)  # exclusive
    pool = fields.DecimalField(max_digits=14, decimal_places=2)
    split: fields.JSONField[list[str]] = fields.JSONField()  # as RacePrizes.split
    status = fields.CharEnumField(CustomRaceStatus, max_length=16, default=CustomRaceStatus.SCHEDULED, db_index=True)
    created_by = fields.BigIntField()
    created_at = fields.DatetimeField()  # the product's clock
    cancelled_by = fields.BigIntField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    finalised_at = fields.DatetimeField(null=True)
    data_as_of = fields.DatetimeField(null=True)  # the last sync before the end that the results come from
    stale = fields.BooleanField(default=False)  # that sync was older than two sync intervals at the end
    start_seen_at = fields.DatetimeField(null=True)  # the first sync at or after the start (its edge as observed)
    start_late = fields.BooleanField(default=False)  # that sync came more than two sync intervals after the start
    end_seen_at = fields.DatetimeField(null=True)  # the last sync before the end
    end_late = fields.BooleanField(default=False)  # that sync came more than two sync intervals before the end

    class Meta:
        table = "custom_race"


class CustomRaceResult(Model):
    """One ranked player of a finished custom or weekly race: what they wagered inside its window."""

    id = fields.IntField(primary_key=True)
    race: fields.ForeignKeyRelation[CustomRace] = fields.ForeignKeyField(
        "models.CustomRace", related_name="results", on_delete=fields.CASCADE
    )
    race_id: int
    rank = fields.IntField()
    player_id = fields.CharField(max_length=64, db_index=True)
    name = fields.CharField(max_length=255)  # the name at the end
    wagered = money_field()
    prize = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    joined_late = fields.BooleanField(default=False)  # first seen after the start: counted from that observation

    class Meta:
        table = "custom_race_result"
        unique_together = (("race", "rank"), ("race", "player_id"))


class Milestone(Model):
    """An amount wagered in a month (RACE_TIMEZONE) that players are told of reaching, once each."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7)
    amount = fields.DecimalField(max_digits=20, decimal_places=2)
    active = fields.BooleanField(default=True)  # dropped from the month's list by a later /milestones
    set_by = fields.BigIntField()
    set_at = fields.DatetimeField()

    class Meta:
        table = "milestone"
        unique_together = (("month", "amount"),)


class MilestoneCode(Model):
    """One reward code of a milestone, handed to at most one player; the unique pair gives each player one."""

    id = fields.IntField(primary_key=True)
    milestone: fields.ForeignKeyRelation[Milestone] = fields.ForeignKeyField(
        "models.Milestone", related_name="codes", on_delete=fields.CASCADE
    )
    milestone_id: int
    code = fields.CharField(max_length=128)
    player_id = fields.CharField(max_length=64, null=True)  # NULL while the code is left
    user_id = fields.BigIntField(null=True)
    claimed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "milestone_code"
        unique_together = (("milestone", "player_id"),)


class CommunityGoal(Model):
    """The community's wagering goal for a month; `reached_at` is set once, by the update that announces it."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, unique=True)
    amount = fields.DecimalField(max_digits=24, decimal_places=2)
    set_by = fields.BigIntField()
    set_at = fields.DatetimeField()
    reached_at = fields.DatetimeField(null=True)

    class Meta:
        table = "community_goal"


class Notification(Model):
    """A message the program owes someone (a win, the results for admins). The unique key makes "once per
    person" a database rule; the sender claims each row before sending, as broadcasts do."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=128, unique=True)  # "race:2026-11:won:111"
    user_id = fields.BigIntField()
    kind = fields.CharField(max_length=32)
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField()
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification"


class BonusCode(Model):
    """A bonus code players claim in /bonus: the total cap holds because `claims` only grows through a
    conditional UPDATE (claims < max_claims) in the same transaction as the claim's row."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64)
    reward = fields.CharField(max_length=255)  # what it gives, as the admin wrote it
    max_claims = fields.IntField()
    claims = fields.IntField(default=0)
    expires_at = fields.DatetimeField()
    min_wager_month = fields.DecimalField(max_digits=20, decimal_places=6, null=True)  # this month's wager needed
    created_by = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)
    closed_at = fields.DatetimeField(null=True)  # closed by an admin before its expiry

    class Meta:
        table = "bonus_code"


class BonusClaim(Model):
    """One claim per code per Telegram user and per Goated account: unique pairs."""

    id = fields.IntField(primary_key=True)
    bonus: fields.ForeignKeyRelation[BonusCode] = fields.ForeignKeyField("models.BonusCode", related_name="claimed_by")
    user: fields.ForeignKeyRelation[TelegramUser] = fields.ForeignKeyField(
        "models.TelegramUser", related_name="bonus_claims"
    )
    bonus_id: int
    user_id: int
    # The Goated account the user was linked to: re-linking the account to another Telegram user claims nothing twice.
    player_id = fields.CharField(max_length=64)
    claimed_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "bonus_claim"
        unique_together = (("bonus", "user"), ("bonus", "player_id"))


class Challenge(Model):
    """Hit a multiplier on a game: admins approve entries up to `max_winners`, each winner gets a prize code.
    `winners` only grows through a conditional UPDATE, so the cap holds under concurrent approvals."""

    id = fields.IntField(primary_key=True)
    game = fields.CharField(max_length=64)
    multiplier = fields.DecimalField(max_digits=12, decimal_places=2)
    min_bet = fields.DecimalField(max_digits=20, decimal_places=2)
    prize = fields.DecimalField(max_digits=20, decimal_places=2)  # per winner
    max_winners = fields.IntField()
    winners = fields.IntField(default=0)
    deadline = fields.DatetimeField()
    description = fields.TextField()
    created_by = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)
    closed_at = fields.DatetimeField(null=True)  # full, or closed by an admin

    class Meta:
        table = "challenge"


class EntryStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ChallengeEntry(Model):
    """A player's one entry in a challenge: a Goated bet link, decided once by an admin."""

    id = fields.IntField(primary_key=True)
    challenge: fields.ForeignKeyRelation[Challenge] = fields.ForeignKeyField("models.Challenge", related_name="entries")
    user: fields.ForeignKeyRelation[TelegramUser] = fields.ForeignKeyField(
        "models.TelegramUser", related_name="challenge_entries"
    )
    challenge_id: int
    user_id: int
    player_id = fields.CharField(max_length=64)  # one entry per Goated account too, as for bonus claims
    bet_url = fields.CharField(max_length=500)
    status = fields.CharEnumField(EntryStatus, max_length=16, default=EntryStatus.PENDING, db_index=True)
    reason = fields.CharField(max_length=64, null=True)  # a rejection reason's key
    decided_by = fields.BigIntField(null=True)
    decided_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    prize_code: fields.BackwardOneToOneRelation[PrizeCode]  # the approved entry's code, once given

    class Meta:
        table = "challenge_entry"
        unique_together = (("challenge", "user"), ("challenge", "player_id"))


class PrizeCode(Model):
    """The pool of codes an admin filled for a challenge; each goes to at most one approved entry."""

    id = fields.IntField(primary_key=True)
    challenge: fields.ForeignKeyRelation[Challenge] = fields.ForeignKeyField(
        "models.Challenge", related_name="prize_codes"
    )
    code = fields.CharField(max_length=128)
    entry: fields.OneToOneNullableRelation[ChallengeEntry] = fields.OneToOneField(
        "models.ChallengeEntry", related_name="prize_code", null=True
    )
    challenge_id: int
    entry_id: int | None

    class Meta:
        table = "prize_code"


class MonthSummary(Model):
    """A month's community figures, written once when the month closes and kept for good: the snapshots
    they come from are pruned, so reports on past months read these (models/reports.py)."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, unique=True)  # "2026-11", in RACE_TIMEZONE
    total_wagered = fields.DecimalField(max_digits=24, decimal_places=6, default=0)
    active_players = fields.IntField()  # wagered in the month
    new_referrals = fields.IntField()  # first seen in the month
    # The community's month total at the end of each day, day 1 first, as strings (exact).
    daily: fields.JSONField[list[str]] = fields.JSONField()
    closed_at = fields.DatetimeField()  # the product's clock

    class Meta:
        table = "month_summary"


class MonthPlayerTotal(Model):
    """One player's wagers in a closed month (only players who wagered), kept for good with its MonthSummary."""

    id = fields.BigIntField(primary_key=True)
    month = fields.CharField(max_length=7)
    player_id = fields.CharField(max_length=64)  # no foreign key, like the snapshots it comes from
    wagered = money_field()

    class Meta:
        table = "month_player_total"
        unique_together = (("month", "player_id"),)


class ChatStatus(StrEnum):
    MEMBER = "member"  # a member of a group: may post unless the group restricts it
    ADMINISTRATOR = "administrator"
    RESTRICTED = "restricted"
    LEFT = "left"  # removed, or left
    KICKED = "kicked"


class BotChat(Model):
    """A group or channel the bot is (or was) in, as the last `my_chat_member` update (or its first use there)
    showed it: whether it may post, pin and edit, the chat's language and what the bot posts there on its own."""

    id = fields.BigIntField(primary_key=True)  # Telegram's chat id (negative)
    kind = fields.CharField(max_length=16)  # group, supergroup, channel
    title = fields.CharField(max_length=255, default="")
    status = fields.CharEnumField(ChatStatus, max_length=16, default=ChatStatus.MEMBER)
    can_post = fields.BooleanField(default=True)
    can_pin = fields.BooleanField(default=False)
    can_edit = fields.BooleanField(default=False)
    language = fields.CharField(max_length=8, default="en")
    added_by = fields.BigIntField(null=True)
    updated_at = fields.DatetimeField()
    # The live leaderboard post: the message the bot edits after each sync, for the race `live_month`.
    live_on = fields.BooleanField(default=False)
    live_message_id = fields.BigIntField(null=True)
    live_month = fields.CharField(max_length=7, null=True)
    live_digest = fields.CharField(max_length=64, null=True)  # of the text last shown: unchanged, no edit
    live_reposts = fields.IntField(default=0)  # posted anew after the message was deleted
    # Scheduled posts: the daily standings at `daily_at` (HH:MM in RACE_TIMEZONE), results and new race.
    daily_at = fields.CharField(max_length=5, null=True)
    post_results = fields.BooleanField(default=False)
    post_new_race = fields.BooleanField(default=False)

    class Meta:
        table = "bot_chat"


class ChatPost(Model):
    """An announcement an admin sent to some of the bot's chats (/post). Its chats are fixed at confirmation."""

    id = fields.IntField(primary_key=True)
    created_by = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)
    text = fields.TextField()  # Telegram HTML; the caption when there is a photo
    photo = fields.CharField(max_length=255, null=True)  # Telegram file_id
    draft_id = fields.CharField(max_length=32, unique=True)
    status = fields.CharEnumField(BroadcastStatus, max_length=16, default=BroadcastStatus.SENDING, db_index=True)
    report_chat_id = fields.BigIntField(null=True)
    report_message_id = fields.BigIntField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "chat_post"


class ChatPostDelivery(Model):
    """One chat of one post: the unique pair makes "at most once per chat" a database rule."""

    id = fields.IntField(primary_key=True)
    post: fields.ForeignKeyRelation[ChatPost] = fields.ForeignKeyField(
        "models.ChatPost", related_name="deliveries", on_delete=fields.CASCADE
    )
    post_id: int
    chat_id = fields.BigIntField()
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    error = fields.CharField(max_length=255, null=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "chat_post_delivery"
        unique_together = (("post", "chat_id"),)
