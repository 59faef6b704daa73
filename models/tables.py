"""The database tables. Money is Decimal, times are UTC-aware."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

MONEY = {"max_digits": 20, "decimal_places": 6, "default": 0}


class Player(Model):
    """A player referred by the affiliate, as last reported by Goated. `uid` is stable; `name` can change."""

    uid = fields.CharField(primary_key=True, max_length=64)
    name = fields.CharField(max_length=255)
    wagered_today = fields.DecimalField(**MONEY)
    wagered_week = fields.DecimalField(**MONEY)
    wagered_month = fields.DecimalField(**MONEY)
    wagered_all_time = fields.DecimalField(**MONEY)
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
    error = fields.TextField(null=True)
    duration_ms = fields.IntField(null=True)

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
    blocked_bot = fields.BooleanField(default=False)
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
    claimed_name = fields.CharField(max_length=255)  # as the user typed it
    status = fields.CharEnumField(VerificationStatus, max_length=16, default=VerificationStatus.PENDING, db_index=True)
    # Equals user_id while pending, NULL once decided: the unique index allows one open request per user.
    open_for_user = fields.BigIntField(null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    decided_at = fields.DatetimeField(null=True)
    decided_by = fields.BigIntField(null=True)  # the admin's Telegram id
    reason = fields.CharField(max_length=255, null=True)

    class Meta:
        table = "verification_request"
