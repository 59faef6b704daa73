"""The command line: `python main.py` serves everything on one event loop; `python main.py check` checks a
deployment (settings, database, Redis, Telegram, Goated) and exits 0 or 1; `python main.py migrate`
migrates; `python main.py backup FILE` and `restore FILE` copy the SQLite database out and back.
The parts are composed in wiring/; this module only reads the command."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from aiohttp import web

from models.backup import BackupError, backup, restore, sqlite_path
from models.db import migrate, tortoise_config
from settings import Settings, load_settings
from web.metrics import JsonAccessLogger
from wiring.check import check
from wiring.logs import setup_logging
from wiring.runtime import SHUTDOWN_GRACE_SECONDS, build_runtime

log = logging.getLogger("goatedvips")


def __getattr__(name: str) -> dict[str, Any]:
    # `aerich` (the migration CLI) reads `main.TORTOISE_ORM`; built on demand so importing main reads no settings.
    if name == "TORTOISE_ORM":
        return tortoise_config(load_settings().database_url)
    raise AttributeError(name)


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:  # reads the settings itself: an invalid one is a ✗ line, not a stop
        return check(Settings)
    settings = load_settings()
    setup_logging(settings)
    command = argv[0] if argv else "serve"
    if command == "migrate":
        applied = asyncio.run(migrate(settings.database_url))
        print(f"applied {len(applied)} migration(s)" if applied else "database is up to date")
        return 0
    if command in ("backup", "restore") and len(argv) == 2:
        try:
            if command == "backup":
                print(
                    f"backed up {sqlite_path(settings.database_url)} to {backup(settings.database_url, Path(argv[1]))}"
                )
            else:
                print(f"restored {restore(Path(argv[1]), settings.database_url)} from {argv[1]}")
        except BackupError as error:
            print(f"{command} failed: {error}", file=sys.stderr)
            return 1
        return 0
    if command != "serve":
        print("usage: python main.py [serve | check | migrate | backup FILE | restore FILE]", file=sys.stderr)
        return 2
    runtime = build_runtime(settings)
    log.info(
        "serving on http://%s:%d (%s data)",
        settings.host,
        settings.port,
        "demo" if settings.uses_demo_data else "Goated",
    )
    web.run_app(
        runtime.web_app,
        host=settings.host,
        port=settings.port,
        print=None,
        shutdown_timeout=SHUTDOWN_GRACE_SECONDS,
        access_log=logging.getLogger("aiohttp.access"),
        access_log_class=JsonAccessLogger,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
