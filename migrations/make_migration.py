"""Write the next migration for both engines: `python migrations/make_migration.py NAME`.

aerich writes SQL for one dialect at a time, and we run on PostgreSQL in production and SQLite as the
embedded default. This script lets aerich generate the change on a scratch database of each engine
(with every existing migration applied), then writes one migration file that returns the SQL of
whichever engine it runs on. Needs a PostgreSQL server: MIGRATION_ADMIN_URL (default
postgres://postgres:postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tortoise import Tortoise  # noqa: E402

from models.db import MIGRATIONS_DIR, aerich_command  # noqa: E402

TEMPLATE = '''from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
{postgres_upgrade}"""

POSTGRES_DOWNGRADE = """
{postgres_downgrade}"""

SQLITE_UPGRADE = """
{sqlite_upgrade}"""

SQLITE_DOWNGRADE = """
{sqlite_downgrade}"""

SQL = {{
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    {models_state}
)
'''


def _sql_of(path: Path, function: str) -> str:
    match = re.search(
        rf'async def {function}\(db: BaseDBAsyncClient\) -> str:\n    return """(.*?)"""', path.read_text(), re.S
    )
    return match.group(1).strip() if match else ""


def _drops_in_dependency_order(upgrade: str, downgrade: str) -> str:
    """aerich lists DROP TABLEs in no particular order; drop tables in the reverse of their creation order,
    so a table goes before the tables its foreign keys point at."""
    created = re.findall(r'CREATE TABLE IF NOT EXISTS "(\w+)"', upgrade)
    statements = [line.strip() for line in downgrade.splitlines() if line.strip()]
    drops = {
        re.search(r'DROP TABLE IF EXISTS "(\w+)"', s).group(1): s for s in statements if s.startswith("DROP TABLE")
    }
    others = [s for s in statements if not s.startswith("DROP TABLE")]
    ordered = [drops.pop(name) for name in reversed(created) if name in drops] + list(drops.values())
    return "\n".join(others + ordered)


def _models_state(path: Path) -> str:
    match = re.search(r"MODELS_STATE = \(\n    (.*?)\n\)", path.read_text(), re.S)
    assert match, f"no MODELS_STATE in {path}"
    return match.group(1)


async def _generate(url: str, name: str) -> Path | None:
    """Apply the existing migrations to a scratch database, let aerich write the next one, return it."""
    work = Path(tempfile.mkdtemp()) / "migrations"
    shutil.copytree(MIGRATIONS_DIR, work, ignore=shutil.ignore_patterns("*.py[co]", "__pycache__", "make_migration.py"))
    command = await aerich_command(url, location=work)
    existing = set((work / "models").glob("*.py")) if (work / "models").exists() else set()
    if not existing:
        await command.init_db(safe=True)
        await Tortoise.close_connections()
    else:
        async with command:
            await command.upgrade()
        # A fresh Command reads the applied state from the database; aerich only does that in init().
        async with await aerich_command(url, location=work) as command:
            await command.migrate(name, no_input=True)
    new = [p for p in (work / "models").glob("*.py") if p not in existing]
    return new[0] if new else None


def _generate_in_subprocess(url: str, name: str) -> Path | None:
    """aerich keeps the dialect and pending operations in class attributes: one engine per process."""
    result = subprocess.run([sys.executable, __file__, "--one", url, name], capture_output=True, text=True, check=True)
    path = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    return Path(path) if path else None


async def main(name: str) -> None:
    admin_url = os.environ.get("MIGRATION_ADMIN_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres")
    scratch = f"migration_scratch_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(admin_url)
    await admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        pg_file = _generate_in_subprocess(admin_url.rsplit("/", 1)[0] + "/" + scratch, name)
        sqlite_file = _generate_in_subprocess(f"sqlite://{tempfile.mkdtemp()}/scratch.sqlite3", name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        await admin.close()
    if pg_file is None or sqlite_file is None:
        print("no changes: the models match the migrations")
        return
    target = MIGRATIONS_DIR / "models" / pg_file.name
    target.parent.mkdir(parents=True, exist_ok=True)
    pg_up, sqlite_up = _sql_of(pg_file, "upgrade"), _sql_of(sqlite_file, "upgrade")

    def literal(sql: str) -> str:  # the SQL goes into a Python string: its backslashes must stay backslashes
        return sql.replace("\\", "\\\\")

    target.write_text(
        TEMPLATE.format(
            postgres_upgrade=literal(pg_up),
            postgres_downgrade=literal(_drops_in_dependency_order(pg_up, _sql_of(pg_file, "downgrade"))),
            sqlite_upgrade=literal(sqlite_up),
            sqlite_downgrade=literal(_drops_in_dependency_order(sqlite_up, _sql_of(sqlite_file, "downgrade"))),
            models_state=_models_state(pg_file),
        )
    )
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":  # internal: generate for one engine, print the file
        generated = asyncio.run(_generate(sys.argv[2], sys.argv[3]))
        print(generated or "")
        sys.exit(0)
    if len(sys.argv) != 2 or not re.fullmatch(r"[a-z0-9_]+", sys.argv[1]):
        sys.exit("usage: python migrations/make_migration.py NAME   (lowercase letters, digits and _)")
    asyncio.run(main(sys.argv[1]))
