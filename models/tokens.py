"""The Goated bearer token set from the bot (/token): stored encrypted, newest row wins, read by every replica.

The token is a login token that expires daily. An owner sends a new one with /token; it is encrypted with
Fernet under a key derived from TOKEN_ENCRYPTION_KEY (a secret of its own: the bot token may be rotated too)
and appended to `upstream_token`. Every replica's Goated client reads the newest row before each call, so the
new token is used from the next call on. Without any row, GOATED_API_TOKEN (the initial value) is used.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.fernet import Fernet, InvalidToken

from models import clock
from models.tables import UpstreamToken

log = logging.getLogger(__name__)


def jwt_expiry(token: str) -> datetime | None:
    """A JWT's `exp` claim, read without checking the signature (we do not have the key); None when the
    token is not a JWT or has no `exp`."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    if isinstance(exp, bool) or not isinstance(exp, int | float):
        return None
    try:
        return datetime.fromtimestamp(exp, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def fernet_key(secret: str) -> bytes:
    """Any long random string is a key: Fernet's 32 bytes are its SHA-256."""
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


@dataclass(frozen=True)
class TokenInUse:
    """The token the client sends, and where it came from ("bot": set with /token; "settings":
    GOATED_API_TOKEN; "cleared": /token clear; "none")."""

    value: str | None
    origin: str
    expires_at: datetime | None
    set_at: datetime | None = None


class UpstreamTokens:
    """Reads and writes the token set from the bot. `key` is TOKEN_ENCRYPTION_KEY (None: /token is off, and
    GOATED_API_TOKEN is the only token); `initial` is GOATED_API_TOKEN. `on_secret` is told every token
    read or written, so the logs can redact it."""

    def __init__(
        self, key: str | None, initial: str | None = None, on_secret: Callable[[str], None] | None = None
    ) -> None:
        self._fernet = Fernet(fernet_key(key)) if key else None
        self.initial = initial
        self.on_secret = on_secret
        self._decrypted: tuple[int, str | None] | None = None  # (row id, token): decrypt a row once
        self._unreadable: int | None = None  # the row id already logged as undecryptable

    @property
    def can_store(self) -> bool:
        return self._fernet is not None

    async def set(self, token: str | None, set_by: int) -> UpstreamToken:
        """Store a new token (None: clear it). Raises RuntimeError without an encryption key."""
        if token is not None and self._fernet is None:
            raise RuntimeError("TOKEN_ENCRYPTION_KEY is not set")
        ciphertext = None
        if token is not None:
            assert self._fernet is not None
            self._told(token)
            ciphertext = self._fernet.encrypt(token.encode()).decode()
        return await UpstreamToken.create(
            ciphertext=ciphertext,
            expires_at=jwt_expiry(token) if token else None,
            set_by=set_by,
            set_at=clock.now(),
        )

    async def current(self) -> TokenInUse:
        """The newest token: one small query (the newest row), decrypted once per row."""
        row = await UpstreamToken.all().order_by("-id").first()
        if row is None:
            if self.initial:
                return TokenInUse(self.initial, "settings", jwt_expiry(self.initial))
            return TokenInUse(None, "none", None)
        if row.ciphertext is None:
            return TokenInUse(None, "cleared", None, row.set_at)
        value = self._decrypt(row)
        if value is None:  # a changed key: the stored token cannot be read, so fall back to the initial one
            return TokenInUse(self.initial, "settings", jwt_expiry(self.initial) if self.initial else None)
        return TokenInUse(value, "bot", row.expires_at, row.set_at)

    def _decrypt(self, row: UpstreamToken) -> str | None:
        if self._decrypted is not None and self._decrypted[0] == row.id:
            return self._decrypted[1]
        value: str | None = None
        if self._fernet is not None and row.ciphertext is not None:
            try:
                value = self._fernet.decrypt(row.ciphertext.encode()).decode()
            except InvalidToken:
                value = None
        if value is None:
            if self._unreadable != row.id:
                log.error(
                    "the Goated token set with /token (row %d) cannot be decrypted: TOKEN_ENCRYPTION_KEY is unset "
                    "or changed; using GOATED_API_TOKEN until an owner sends /token again",
                    row.id,
                )
                self._unreadable = row.id
            return None
        self._told(value)
        self._decrypted = (row.id, value)
        return value

    def _told(self, token: str) -> None:
        if self.on_secret is not None:
            self.on_secret(token)
