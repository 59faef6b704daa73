"""`python main.py check`: a deployment checked before Telegram is pointed at it. One line per check, ✓ or ✗
with the reason; exit status 0 when every check passes, 1 otherwise. Secrets are never printed: every line
goes through the same redaction as the logs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiogram.exceptions import TelegramAPIError
from pydantic import SecretStr, ValidationError
from tortoise import connections

from bot.setup import build_bot
from models import clock
from models.db import MIGRATIONS_DIR, close_db, open_db
from models.tokens import TokenInUse, UpstreamTokens, jwt_expiry
from scheduler.goated import CircuitBreaker, GoatedClient, RetryPolicy, UpstreamError
from scheduler.payload import PayloadRejected
from settings import Settings, describe_errors
from wiring.logs import RedactSecrets
from wiring.replicas import Replicas

TIMEOUT = 10.0
WEBHOOK_ERROR_RECENT = timedelta(minutes=10)


class Failed(Exception):
    """A check's reason for ✗."""


@dataclass
class Line:
    ok: bool
    name: str
    detail: str

    def __str__(self) -> str:
        return f"{'✓' if self.ok else '✗'} {self.name}: {self.detail}"


async def _run(name: str, check: Callable[[], Awaitable[str]]) -> Line:
    try:
        return Line(True, name, await asyncio.wait_for(check(), TIMEOUT))
    except Failed as error:
        return Line(False, name, str(error))
    except TimeoutError:
        return Line(False, name, f"no answer within {TIMEOUT:.0f}s")
    except Exception as error:  # whatever it is, the line says what and the check goes on
        return Line(False, name, f"{type(error).__name__}: {error}")


def _describe(settings: Settings) -> str:
    database = "SQLite" if settings.is_sqlite else "PostgreSQL"
    data = "demo data" if settings.uses_demo_data else f"Goated code {settings.goated_affiliate_code}"
    return f"bot {settings.bot_mode}, {database}, {'Redis' if settings.redis_url else 'no Redis'}, {data}"


async def _database(settings: Settings) -> str:
    await open_db(settings.database_url)
    try:
        connection = connections.get("default")
        await connection.execute_query("SELECT 1")
        try:
            rows = await connection.execute_query_dict("SELECT version FROM aerich WHERE app = 'models'")
        except Exception:
            raise Failed("reachable, but no migrations applied (run: python main.py migrate)") from None
        applied = {row["version"] for row in rows}
        wanted = sorted(path.name for path in (MIGRATIONS_DIR / "models").glob("*.py") if path.name[0].isdigit())
        missing = [name for name in wanted if name not in applied]
        if missing:
            raise Failed(f"reachable, but {len(missing)} migration(s) not applied (run: python main.py migrate)")
        return f"reachable, migrations current ({len(applied)} applied)"
    finally:
        await close_db()


async def _redis(url: str) -> str:
    replicas = Replicas.connect(url)
    try:
        if not await replicas.reachable():
            raise Failed("not reachable")
        return "reachable"
    finally:
        await replicas.close()


async def _bot(settings: Settings) -> str:
    bot = build_bot(settings)
    try:
        try:
            me = await bot.get_me()
        except TelegramAPIError as error:
            raise Failed(f"Telegram refused it: {error}") from None
        return f"valid, the bot is @{me.username}"
    finally:
        await bot.session.close()


async def _webhook(settings: Settings) -> str:
    bot = build_bot(settings)
    try:
        info = await bot.get_webhook_info()
    finally:
        await bot.session.close()
    if info.url != settings.webhook_url:
        where = f"at {info.url}" if info.url else "nowhere"
        raise Failed(f"registered {where}, expected {settings.webhook_url} (the app registers it when it starts)")
    error_at = info.last_error_date
    if error_at is not None and datetime.now(UTC) - error_at <= WEBHOOK_ERROR_RECENT:
        raise Failed(f"Telegram reports an error at {error_at:%H:%M} UTC: {info.last_error_message}")
    return f"registered at {info.url}, {info.pending_update_count} updates waiting, no recent error"


async def _token(settings: Settings) -> TokenInUse:
    """The token the app would use: the newest set with /token (when the database can say), else the setting."""
    key = settings.token_encryption_key.get_secret_value() if settings.token_encryption_key else None
    initial = settings.goated_api_token.get_secret_value() if settings.goated_api_token else None
    try:
        await open_db(settings.database_url)
        return await UpstreamTokens(key, initial).current()
    except Exception:
        return TokenInUse(initial, "settings", jwt_expiry(initial) if initial else None)
    finally:
        await close_db()


def _token_text(token: TokenInUse) -> str:
    if token.value is None:
        return "no token"
    origin = "set with /token" if token.origin == "bot" else "GOATED_API_TOKEN"
    if token.expires_at is None:
        return f"token ({origin}) expiry unknown (not a JWT)"
    left = token.expires_at - clock.now()
    if left.total_seconds() <= 0:
        return f"token ({origin}) expired at {token.expires_at:%Y-%m-%d %H:%M} UTC"
    hours, minutes = int(left.total_seconds() // 3600), int(left.total_seconds() % 3600 // 60)
    return f"token ({origin}) expires at {token.expires_at:%Y-%m-%d %H:%M} UTC (in {hours}h {minutes}m)"


async def _goated(settings: Settings) -> str:
    assert settings.goated_affiliate_code is not None
    token = await _token(settings)
    client = GoatedClient(
        settings.goated_api_url,
        settings.goated_affiliate_code,
        token=SecretStr(token.value) if token.value else None,
        timeout=settings.goated_timeout_seconds,
        retry=RetryPolicy(attempts=1),
        breaker=CircuitBreaker(),
    )
    started = time.monotonic()
    try:
        rows = await client.fetch()
    except (UpstreamError, PayloadRejected) as error:
        raise Failed(f"{error}; {_token_text(token)}") from None
    finally:
        await client.close()
    latency = time.monotonic() - started
    return f"{len(rows)} players in {latency * 1000:.0f} ms; {_token_text(token)}"


async def run_checks(settings: Settings) -> list[Line]:
    lines = [Line(True, "settings", f"valid ({_describe(settings)})")]
    if settings.is_sqlite and not Path(settings.database_url.removeprefix("sqlite://")).exists():
        lines.append(Line(False, "database", "no SQLite file yet (run: python main.py migrate)"))
    else:
        lines.append(await _run("database", lambda: _database(settings)))
    if settings.redis_url:
        lines.append(await _run("redis", lambda: _redis(settings.redis_url or "")))
    if settings.bot_token is not None:
        lines.append(await _run("bot token", lambda: _bot(settings)))
        if settings.bot_mode == "webhook":
            lines.append(await _run("webhook", lambda: _webhook(settings)))
    if settings.uses_demo_data:
        lines.append(Line(True, "goated", "demo data (GOATED_AFFILIATE_CODE unset): nothing to fetch"))
    else:
        lines.append(await _run("goated", lambda: _goated(settings)))
    return lines


def check(load: Callable[[], Settings]) -> int:
    """Print one line per check; 0 when all pass, else 1."""
    try:
        settings = load()
    except ValidationError as error:
        for problem in describe_errors(error):
            print(f"✗ settings: {problem}")
        return 1
    secrets = [
        secret.get_secret_value()
        for secret in (
            settings.bot_token,
            settings.goated_api_token,
            settings.webhook_secret,
            settings.metrics_token,
            settings.token_encryption_key,
        )
        if secret
    ]
    redact = RedactSecrets(secrets).redact
    lines = asyncio.run(run_checks(settings))
    for line in lines:
        print(redact(str(line)), flush=True)
    return 0 if all(line.ok for line in lines) else 1
