"""Backup and restore, each proved by a round trip: SQLite with the project's command, PostgreSQL with
pg_dump and pg_restore, as the README documents them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import asyncpg
from tortoise import connections

from models.db import close_db, migrate, open_db
from models.tables import Player, TelegramUser
from tests.support import PG_ADMIN_URL, TABLES, service_missing

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def run_main(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env={**env, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
    )


async def fill() -> None:
    await Player.create(
        uid="u1", name="LuckyGoat", wagered_month=Decimal("1234.567891"), first_seen_at=NOW, changed_at=NOW
    )
    await TelegramUser.create(id=111, first_name="Alice", player_id="u1")


async def contents() -> tuple[list, list]:
    return (
        await Player.all().order_by("uid").values_list("uid", "name", "wagered_month"),
        await TelegramUser.all().order_by("id").values_list("id", "player_id"),
    )


async def test_postgres_pg_dump_and_pg_restore_round_trip(postgres_url, tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        service_missing("pg_dump and pg_restore are not installed")
    await open_db(postgres_url)
    await connections.get("default").execute_script(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    await fill()
    original = await contents()
    await close_db()
    dump = tmp_path / "goatedvips.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={postgres_url}"], check=True)

    name = f"goatedvips_restore_{os.getpid()}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    await admin.execute(f'CREATE DATABASE "{name}"')
    restored_url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored_url}", str(dump)], check=True)
        assert "database is up to date" in run_main(restored_url, "migrate").stdout
        await open_db(restored_url)
        assert await contents() == original
        await close_db()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_sqlite_backup_and_restore_round_trip(tmp_path):
    url = f"sqlite://{tmp_path}/live.sqlite3"
    await migrate(url)
    await open_db(url)
    await fill()
    original = await contents()
    await close_db()

    made = run_main(url, "backup", str(tmp_path / "backup.sqlite3"))
    assert made.returncode == 0, made.stderr
    again = run_main(url, "backup", str(tmp_path / "backup.sqlite3"))
    assert again.returncode == 1 and "exists already" in again.stderr  # a backup is never overwritten

    await open_db(url)
    await Player.filter(uid="u1").delete()  # the loss the backup is for
    await Player.create(uid="u2", name="Later", first_seen_at=NOW, changed_at=NOW)
    await close_db()
    (tmp_path / "notes.txt").write_text("not a database")
    refused = run_main(url, "restore", str(tmp_path / "notes.txt"))
    assert refused.returncode == 1 and "not a SQLite database" in refused.stderr
    restored = run_main(url, "restore", str(tmp_path / "backup.sqlite3"))
    assert restored.returncode == 0, restored.stderr

    await open_db(url)
    assert await contents() == original
    await close_db()
