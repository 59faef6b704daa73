"""Database wiring: the Tortoise config, start/stop, migrations and a liveness probe."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import asyncpg
from aerich import Command
from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.exceptions import DBConnectionError

log = logging.getLogger(__name__)

# What a query raises while PostgreSQL restarts or is unreachable (the pool reconnects by itself after).
DATABASE_DOWN = (
    DBConnectionError,
    OSError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
)

MODEL_MODULES = ["models.tables", "aerich.models"]
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def normalise_url(database_url: str) -> str:
    """Tortoise spells PostgreSQL `postgres://`; platforms often hand out `postgresql://`."""
    for prefix in ("postgresql://", "asyncpg://"):
        if database_url.startswith(prefix):
            return "postgres://" + database_url.removeprefix(prefix)
    return database_url


async def keep_session(connection: asyncpg.Connection) -> None:
    """What the pool does to a connection given back, besides asyncpg's own rollback of an open transaction:
    nothing. asyncpg's default reset is one more round trip after every query (`pg_advisory_unlock_all`,
    `CLOSE ALL`, `UNLISTEN *`, `RESET ALL`: 7% of a bot update's CPU in a profile), for session state this app
    never leaves on a pooled connection: the leader's advisory lock has a connection of its own
    (scheduler/leader.py), cursors live inside a transaction, and nothing LISTENs or SETs on the pool."""


def tortoise_config(database_url: str) -> dict[str, Any]:
    url = normalise_url(database_url)
    connection: str | dict[str, Any] = url
    if url.startswith("sqlite://"):
        path = url.removeprefix("sqlite://")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    elif url.startswith("postgres://"):
        connection = expand_db_url(url)  # the URL's settings, plus the pool's reset, which a URL cannot carry
        connection["credentials"]["reset"] = keep_session
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def aerich_command(database_url: str, location: Path = MIGRATIONS_DIR) -> Command:
    """An aerich Command for this database; use it as `async with`, which closes the connections after."""
    config = tortoise_config(database_url)
    # aerich reuses whatever Tortoise was initialised with last; make sure that is this database.
    await Tortoise.init(config=config)
    return Command(tortoise_config=config, app="models", location=str(location))


async def migrate(database_url: str) -> list[str]:
    """Apply every migration not yet applied (aerich). Returns the names applied."""
    async with await aerich_command(database_url) as command:
        applied = await command.upgrade(run_in_transaction=True)
    for name in applied:
        log.info("applied migration %s", name)
    return applied


async def open_db(database_url: str) -> None:
    await Tortoise.init(config=tortoise_config(database_url))


async def close_db() -> None:
    # Tortoise's own close also forgets the configuration, so a later init (or aerich) starts afresh.
    await Tortoise.close_connections()
    # Tortoise caches each table's INSERT statement by connection name, not by engine: a process that opens
    # SQLite and then PostgreSQL (the tests do) would reuse SQLite's "?" placeholders. Forget them.
    EXECUTOR_CACHE.clear()


async def database_reachable(timeout: float = 2.0) -> bool:
    try:
        await asyncio.wait_for(connections.get("default").execute_query("SELECT 1"), timeout)
    except Exception:  # any driver error means "not reachable" to a health check
        return False
    return True
