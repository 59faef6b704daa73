"""The one place configuration is read: the environment and an optional `.env` file.

Every other module receives a `Settings` instance; nothing else reads `os.environ`.
"""

from __future__ import annotations

import ipaddress
import re
import sys
from datetime import time
from decimal import Decimal
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, HttpUrl, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Telegram's own rule for `secret_token` in setWebhook.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
BOT_TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")

DEFAULT_DATABASE_URL = "sqlite://data/goatedvips.sqlite3"
DEFAULT_VIP_TIERS = (
    ("Bronze", Decimal(1_000)),
    ("Silver", Decimal(10_000)),
    ("Gold", Decimal(50_000)),
    ("Platinum", Decimal(250_000)),
    ("Diamond", Decimal(1_000_000)),
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,  # `FOO=` in .env means "unset", not "empty string"
        extra="ignore",
        case_sensitive=False,
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    webhook_base_url: str | None = None
    webhook_path: str = "/telegram/webhook"
    webhook_secret: SecretStr | None = None

    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None

    goated_api_url: str = "https://apis.goated.com/user"
    goated_affiliate_code: str | None = None
    goated_api_token: SecretStr | None = None
    goated_timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    # Encrypts the Goated token an owner sends with /token (any long random string; not the bot token, which
    # may be rotated too). Unset: /token is off and GOATED_API_TOKEN is the only token.
    token_encryption_key: SecretStr | None = None
    # Owners are told when syncs have failed for this long, and once when they work again.
    alert_after_minutes: int = Field(default=30, ge=1, le=7 * 24 * 60)
    sync_interval_seconds: int = Field(default=900, ge=10, le=86_400)

    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    announce_chat_ids: Annotated[frozenset[int], NoDecode] = frozenset()  # groups told of a new race leader
    # Outgoing messages the bot starts (notifications, broadcasts): Telegram allows about 30/s overall, 1/s per chat.
    telegram_messages_per_second: float = Field(default=30.0, gt=0, le=1000)
    telegram_chat_interval_seconds: float = Field(default=1.0, ge=0, le=60)
    # Between messages (and edits) to one group or channel: Telegram allows about 20 a minute there.
    telegram_group_interval_seconds: float = Field(default=3.0, ge=0, le=60)

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65_535)
    public_url: str | None = None
    affiliate_url: str | None = None

    # The public page and API (see the README's "Web page and API" section).
    name_display: Literal["masked", "full"] = (
        "masked"  # masked: Luck***42, so a leaderboard link shared in a group outs nobody
    )
    ws_max_connections: int = Field(default=2000, ge=1, le=100_000)
    ws_heartbeat_seconds: float = Field(default=30.0, gt=0, le=300)
    ws_send_queue: int = Field(default=16, ge=1, le=1000)  # messages a slow client may lag behind before it is dropped
    # Messages a live client may send a minute (the page sends one after a gap or a return to the tab).
    ws_messages_per_minute: int = Field(default=30, ge=1, le=10_000)
    # Origins allowed to call the JSON API from a browser (CORS) and to open /ws, besides the page's own.
    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()
    # Requests a minute per client IP, in tiers: HIGH for the page and the leaderboard API, MEDIUM for the other
    # API reads, LOW for signing in. Static files, /ws, /health, /metrics and the webhook are not limited.
    rate_limit_high: int = Field(default=30, ge=1, le=100_000)
    rate_limit_medium: int = Field(default=15, ge=1, le=100_000)
    rate_limit_low: int = Field(default=5, ge=1, le=100_000)
    # Proxies whose X-Forwarded-For is believed (comma-separated IPs or networks); others are the client.
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = ()
    login_max_age_seconds: int = Field(default=86_400, ge=60, le=30 * 86_400)  # Telegram Login Widget auth_date
    # The page's footer: where "play responsibly" links to, and that link's text.
    responsible_gambling_url: str = "https://www.begambleaware.org"
    responsible_gambling_name: str = "BeGambleAware"

    race_timezone: str = "UTC"
    # Demo data only: the product's clock starts this many minutes before the current race's end, to watch one end.
    demo_race_ends_in_minutes: int | None = Field(default=None, ge=1, le=24 * 60)
    # VIP tiers from the all-time wagered figure: "Name:threshold" pairs, lowest first.
    vip_tiers: Annotated[tuple[tuple[str, Decimal], ...], NoDecode] = DEFAULT_VIP_TIERS
    verify_cooldown_seconds: int = Field(default=1800, ge=0, le=7 * 86_400)  # after a rejection
    # How a Telegram account gets linked to a Goated account (see the README's "Linking an account"):
    # proof: only by the wager proof; review: an admin decides; proof_or_review: the proof, or an admin
    # decides on a screenshot for a player who cannot bet.
    verify_mode: Literal["proof", "review", "proof_or_review"] = "proof_or_review"
    verify_proof_minutes: int = Field(default=120, ge=5, le=7 * 24 * 60)  # how long a proof stays open
    # The amounts to bet, in dollars with cents, drawn at random in this range and unique among open proofs.
    verify_proof_min_amount: Decimal = Field(default=Decimal("1.00"), ge=Decimal("0.01"), le=Decimal(1000))
    verify_proof_max_amount: Decimal = Field(default=Decimal("9.99"), ge=Decimal("0.01"), le=Decimal(1000))
    # How far the figures' growth may be from the amount and still prove it (the upstream's float noise).
    verify_proof_tolerance: Decimal = Field(default=Decimal("0.005"), ge=0, lt=Decimal("0.01"))

    log_level: str = "INFO"
    metrics_token: SecretStr | None = None  # when set, /metrics wants "Authorization: Bearer <token>"
    # GET /api/races/{id}/payouts.csv answers only "Authorization: Bearer <token>"; unset: the route is 404.
    export_token: SecretStr | None = Field(default=None, min_length=16)
    # The owners' daily summary at this time (HH:MM in RACE_TIMEZONE); unset: none is sent.
    report_daily_at: time | None = None

    @field_validator("admin_ids", "announce_chat_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            bad = [p for p in parts if not p.lstrip("-").isdigit()]
            if bad:
                raise ValueError(f"expected comma-separated Telegram ids, got {bad[0]!r}")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        return tuple(p.strip() for p in value.split(",") if p.strip()) if isinstance(value, str) else value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for network in value:
            ipaddress.ip_network(network, strict=False)  # ValueError names the bad one
        return value

    @field_validator("vip_tiers", mode="before")
    @classmethod
    def _parse_vip_tiers(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        tiers = []
        for part in filter(None, (p.strip() for p in value.split(","))):
            name, _, threshold = part.rpartition(":")
            try:
                amount = Decimal(threshold)
            except ArithmeticError:
                amount = Decimal(-1)
            if not name.strip() or not amount.is_finite() or amount < 0:
                raise ValueError(f"expected Name:amount pairs like Gold:50000, got {part!r}")
            tiers.append((name.strip(), amount))
        if [t[1] for t in tiers] != sorted({t[1] for t in tiers}):
            raise ValueError("thresholds must increase from one tier to the next")
        return tuple(tiers)

    @field_validator("race_timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not a known time zone (for example UTC or Europe/Lisbon)") from None
        return value

    @field_validator("bot_token")
    @classmethod
    def _check_bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not BOT_TOKEN_PATTERN.match(value.get_secret_value()):
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return value

    @field_validator("token_encryption_key")
    @classmethod
    def _check_encryption_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("must be at least 16 characters: any long random string")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET_PATTERN.match(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("webhook_path")
    @classmethod
    def _check_webhook_path(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("must start with /")
        return value

    @field_validator("telegram_api_url", "goated_api_url", "webhook_base_url", "public_url", "affiliate_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            HttpUrl(value)  # a real parser: it also refuses bad hosts and ports
        except ValidationError:
            raise ValueError("must be an http:// or https:// URL") from None
        return value.rstrip("/")

    @field_validator("responsible_gambling_url")
    @classmethod
    def _check_footer_url(cls, value: str) -> str:
        try:
            HttpUrl(value)
        except ValidationError:
            raise ValueError("must be an http:// or https:// URL") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if not re.match(r"^(sqlite|postgres|postgresql|asyncpg)://", value):
            raise ValueError("must start with sqlite:// or postgres://")
        return value

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR")
        return level

    @field_validator("verify_proof_min_amount", "verify_proof_max_amount")
    @classmethod
    def _check_cents(cls, value: Decimal) -> Decimal:
        if value != value.quantize(Decimal("0.01")):
            raise ValueError("must be dollars with at most two decimals, like 1.00")
        return value

    @model_validator(mode="after")
    def _proof_range_has_room(self) -> Settings:
        if self.verify_proof_max_amount - self.verify_proof_min_amount < Decimal(1):
            raise ValueError(
                "VERIFY_PROOF_MAX_AMOUNT must be at least 1.00 above VERIFY_PROOF_MIN_AMOUNT, "
                "so open proofs have 100 or more amounts to choose from"
            )
        return self

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_base_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_BASE_URL is set (webhook mode)")
        return self

    @model_validator(mode="after")
    def _demo_clock_needs_demo_data(self) -> Settings:
        if self.demo_race_ends_in_minutes is not None and not self.uses_demo_data:
            raise ValueError("DEMO_RACE_ENDS_IN_MINUTES works only on demo data (GOATED_AFFILIATE_CODE unset)")
        return self

    # Derived values: one definition each, used by every part.

    @property
    def bot_mode(self) -> str:
        if self.bot_token is None:
            return "off"
        return "webhook" if self.webhook_base_url else "polling"

    @property
    def webhook_url(self) -> str | None:
        return self.webhook_base_url + self.webhook_path if self.webhook_base_url else None

    @property
    def uses_demo_data(self) -> bool:
        return not self.goated_affiliate_code

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite://")


def describe_errors(error: ValidationError) -> list[str]:
    """One line per problem, naming the environment variable. Never echoes the value (it may be a secret)."""
    lines = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "configuration"
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{field.upper()}: {message}" if item["loc"] else message)
    return lines


def load_settings(**overrides: object) -> Settings:
    """Build settings or stop the process with exit status 2 and a message per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        print("Configuration error; the app did not start:", file=sys.stderr)
        for line in describe_errors(error):
            print(f"  {line}", file=sys.stderr)
        raise SystemExit(2) from None
