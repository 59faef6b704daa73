"""Backup and restore of the embedded SQLite database (PostgreSQL has pg_dump and pg_restore; see README).

A backup is taken with SQLite's online backup API, so it is consistent even while the app runs and
writes. A restore replaces the database file as a whole, from a file that is checked first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from models.db import normalise_url

REQUIRED_TABLES = {"player", "sync_run", "telegram_user", "aerich"}


class BackupError(Exception):
    pass


def sqlite_path(database_url: str) -> Path:
    url = normalise_url(database_url)
    if not url.startswith("sqlite://"):
        raise BackupError("this command backs up the SQLite database; for PostgreSQL use pg_dump (see README)")
    path = url.removeprefix("sqlite://").split("?", 1)[0]
    if not path or path == ":memory:":
        raise BackupError("an in-memory database has nothing to back up")
    return Path(path)


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def backup(database_url: str, target: Path) -> Path:
    source = sqlite_path(database_url)
    if not source.exists():
        raise BackupError(f"there is no database at {source}")
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)
    return target


def check(path: Path) -> None:
    """A restore source must be a sound SQLite file holding this product's tables."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (integrity check failed)")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database: {error}") from None
    if missing := REQUIRED_TABLES - tables:
        raise BackupError(f"{path} is not a GoatedVIPs backup (no table {', '.join(sorted(missing))})")


def restore(source: Path, database_url: str) -> Path:
    """Stop the app first: the database is replaced whole. Migrations newer than the backup are applied
    by the next start, as for any older database."""
    target = sqlite_path(database_url)
    if not source.exists():
        raise BackupError(f"there is no backup at {source}")
    check(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)  # page by page into the existing file, so its WAL and journal stay consistent
    return target
