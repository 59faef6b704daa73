"""The Goated affiliate API client: timeouts, retries with backoff, a circuit breaker, validation.

Only the scheduler calls it, so a slow or dead upstream never slows a command or a page.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import aiohttp
from pydantic import SecretStr

from models.tokens import UpstreamTokens
from scheduler.payload import PayloadRejected, PlayerRow, parse_body

log = logging.getLogger(__name__)


class UpstreamState(StrEnum):
    OK = "ok"
    FAILING = "failing"
    TOKEN_EXPIRED = "token_expired"
    NOT_FOUND = "not_found"
    CIRCUIT_OPEN = "circuit_open"
    UNKNOWN = "unknown"  # nothing fetched yet


class UpstreamError(Exception):
    """The upstream could not give us a leaderboard. `state` is what /health reports."""

    def __init__(self, message: str, state: UpstreamState = UpstreamState.FAILING) -> None:
        super().__init__(message)
        self.state = state


class LeaderboardSource(Protocol):
    name: str
    state: UpstreamState

    async def fetch(self) -> list[PlayerRow]: ...

    async def close(self) -> None: ...


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class RetryPolicy:
    attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_delay)
        # Full jitter: spreads replicas and retries apart instead of hammering in step.
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


@dataclass
class CircuitBreaker:
    """After `threshold` failed fetches in a row, stop calling for `cooldown` seconds, then probe once."""

    threshold: int = 5
    cooldown: float = 300.0
    failures: int = 0
    opened_at: float | None = None

    def allows_call(self) -> bool:
        if self.opened_at is None:
            return True
        return time.monotonic() - self.opened_at >= self.cooldown  # half-open: one probe

    def record_success(self) -> None:
        self.failures = 0
        self.opened_at = None

    def record_failure(self) -> None:
        self.failures += 1
        if self.failures >= self.threshold:
            self.opened_at = time.monotonic()


def _parse_retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


_PRESIZE_LIMIT = 64 * 1024 * 1024  # how far a Content-Length is trusted for sizing the buffer


async def _read_body(response: aiohttp.ClientResponse) -> bytearray:
    """The answer's body in one buffer, allocated at its announced length (a hint, capped; a compressed body
    grows past it): a big answer is not copied as it grows, which would hold it twice for a moment. parse_body
    empties the buffer once read."""
    body = bytearray(min(response.content_length or 0, _PRESIZE_LIMIT))
    filled = 0
    async for chunk in response.content.iter_any():
        end = filled + len(chunk)
        body[filled:end] = chunk
        filled = end
    del body[filled:]
    return body


class GoatedClient:
    name = "goated"

    def __init__(
        self,
        base_url: str,
        affiliate_code: str,
        token: SecretStr | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
        tokens: UpstreamTokens | None = None,
    ) -> None:
        self.url = f"{base_url.rstrip('/')}/affiliate/referral-leaderboard/{affiliate_code}"
        self._token = token
        # The token set from the bot (/token), read before each fetch so every replica uses the newest one.
        self.tokens = tokens
        self._sent_authorization: str | None = None
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self.retry = retry or RetryPolicy()
        self.breaker = breaker or CircuitBreaker()
        self.state = UpstreamState.UNKNOWN
        self._session: aiohttp.ClientSession | None = None

    @property
    def token_tag(self) -> str:
        """A short fingerprint of the token last sent (not the token): tells one refused token from the next."""
        sent = self._sent_authorization
        return hashlib.sha256(sent.encode()).hexdigest()[:10] if sent else "none"

    @property
    def initial_token(self) -> SecretStr | None:
        """The token given at construction (GOATED_API_TOKEN); one set from the bot takes precedence."""
        return self._token

    async def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": "GoatedVIPs-bot"}
        if self.tokens is not None:
            token = (await self.tokens.current()).value
        else:
            token = self._token.get_secret_value() if self._token is not None else None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self) -> list[PlayerRow]:
        headers = await self._headers()  # the newest token, once per fetch
        if headers.get("Authorization") != self._sent_authorization:
            # A new token (an owner sent /token) deserves a call at once, even with the circuit open.
            self._sent_authorization = headers.get("Authorization")
            self.breaker.record_success()
        if not self.breaker.allows_call():
            self.state = UpstreamState.CIRCUIT_OPEN
            raise UpstreamError("circuit open after repeated failures; will probe again later", self.state)
        try:
            rows = await self._fetch_with_retries(headers)
        except UpstreamError as error:
            self._record_failure(error.state)
            raise
        except PayloadRejected:
            self._record_failure(UpstreamState.FAILING)
            raise
        self.breaker.record_success()
        self.state = UpstreamState.OK
        return rows

    def _record_failure(self, state: UpstreamState) -> None:
        self.breaker.record_failure()
        # An actionable cause (expired token, unknown code) says more than "circuit open".
        opened = self.breaker.opened_at is not None
        self.state = UpstreamState.CIRCUIT_OPEN if opened and state == UpstreamState.FAILING else state

    async def _fetch_with_retries(self, headers: dict[str, str]) -> list[PlayerRow]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        for attempt in range(1, self.retry.attempts + 1):
            try:
                return await self._fetch_once(self._session, headers)
            except _Retryable as error:
                if error.retry_after is not None and error.retry_after > self.retry.max_delay:
                    # Honour Retry-After: waiting that long here would hold the job; the next run retries.
                    raise UpstreamError(f"{error}; asked to wait {error.retry_after:.0f}s") from None
                if attempt == self.retry.attempts:
                    raise UpstreamError(f"{error} (after {attempt} attempts)") from None
                delay = self.retry.delay(attempt, error.retry_after)
                log.warning("goated fetch attempt %d failed: %s; retrying in %.1fs", attempt, error, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _fetch_once(self, session: aiohttp.ClientSession, headers: dict[str, str]) -> list[PlayerRow]:
        try:
            async with session.get(self.url, headers=headers) as response:
                status = response.status
                if status in (401, 403):
                    raise UpstreamError(f"token expired or invalid (HTTP {status})", UpstreamState.TOKEN_EXPIRED)
                if status == 404:
                    raise UpstreamError("affiliate code not found (HTTP 404)", UpstreamState.NOT_FOUND)
                if status == 429:
                    raise _Retryable("rate limited (HTTP 429)", _parse_retry_after(response.headers.get("Retry-After")))
                if status >= 500:
                    raise _Retryable(f"upstream error (HTTP {status})")
                if status != 200:
                    raise UpstreamError(f"unexpected HTTP {status}")
                body = await _read_body(response)
        except TimeoutError:
            raise _Retryable(f"timed out after {self._timeout.total:.0f}s") from None
        except aiohttp.ClientError as error:
            raise _Retryable(f"connection failed: {type(error).__name__}") from None
        # Off the event loop: 100,000 players take a second or two to decode and check, which would stall the
        # page, the bot and the leader's heartbeat (scheduler.leader's watchdog) if done on the loop.
        return await asyncio.to_thread(parse_body, body)
