"""Migrations: every one applies to an empty database, downgrades and re-applies (a stairway), and
afterwards the models need no further migration. On PostgreSQL (production) and SQLite (the default)."""

from __future__ import annotations

import uuid

import asyncpg
import pytest
from tortoise import connections

from migrations import make_migration
from models.db import aerich_command, close_db, open_db

TABLES = {"player", "sync_run", "telegram_user", "verification_request"}


async def tables(url: str) -> set[str]:
    await open_db(url)
    try:
        conn = connections.get("default")
        if url.startswith("sqlite"):
            rows = (await conn.execute_query("SELECT name FROM sqlite_master WHERE type='table'"))[1]
        else:
            rows = (await conn.execute_query("SELECT tablename AS name FROM pg_tables WHERE schemaname='public'"))[1]
        return {row["name"] for row in rows}
    finally:
        await close_db()


@pytest.fixture(params=["postgres", "sqlite"])
async def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path}/empty.sqlite3"
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    name = f"goatedvips_stairway_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(admin_url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    yield admin_url.rsplit("/", 1)[0] + "/" + name
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


async def test_stairway_upgrade_downgrade_upgrade(empty_database):
    async with await aerich_command(empty_database) as command:
        applied = await command.upgrade()
        assert applied == await command.history()
    assert await tables(empty_database) >= TABLES

    async with await aerich_command(empty_database) as command:
        for _ in applied:
            assert await command.downgrade(version=-1, delete=False)
    assert not (TABLES & await tables(empty_database))

    async with await aerich_command(empty_database) as command:
        assert await command.upgrade() == applied
    assert await tables(empty_database) >= TABLES


async def test_models_need_no_further_migration(empty_database):
    """A model change without its migration fails here: aerich would write a new one."""
    assert make_migration._generate_in_subprocess(empty_database, "check") is None
