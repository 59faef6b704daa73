"""/health: is the app ready to serve, and how fresh is its data. 503 when the database is unreachable.
Also: the upstream's state (ok, failing, token expired, circuit open), the bot's mode, whether the job
scheduler runs, how many live clients are connected, and how many admins the bot can reach (0: link
requests wait unseen until an admin or owner starts the bot)."""

from __future__ import annotations

from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Protocol

from aiohttp import web

from models import clock
from models.db import database_reachable
from models.sync_runs import last_runs
from models.users import reachable_admin_count
from web.keys import JOBS, LIVE, REDIS, SETTINGS, UPSTREAM

try:
    VERSION = version("goatedvips-bot")
except PackageNotFoundError:  # running from a checkout that was not pip-installed
    VERSION = "unknown"


class TokenState(Protocol):
    @property
    def origin(self) -> str: ...

    @property
    def expires_at(self) -> datetime | None: ...


class ReportsOperations(Protocol):
    """The Goated token in use and Telegram's webhook info (refreshed about once a minute by the leader)."""

    async def token(self) -> TokenState: ...

    @property
    def webhook(self) -> dict[str, Any] | None: ...


OPERATIONS = web.AppKey[ReportsOperations | None]("operations")  # set by the wiring


async def _operations(request: web.Request, now: datetime) -> dict[str, Any]:
    operations = request.app.get(OPERATIONS)
    if operations is None:
        return {}
    token = await operations.token()
    expires_at = token.expires_at
    return {
        "token": {
            "source": token.origin,
            "expires_at": expires_at.isoformat() if expires_at else None,
            "expires_in_seconds": int((expires_at - now).total_seconds()) if expires_at else None,
        },
        "webhook": operations.webhook,
    }


def _age(moment: datetime | None, now: datetime) -> int | None:
    return int((now - moment).total_seconds()) if moment else None


async def health(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    jobs = request.app.get(JOBS)
    redis = request.app.get(REDIS)
    now = clock.now()
    body: dict[str, Any] = {
        "status": "ok",
        "version": VERSION,
        "database": {"reachable": await database_reachable()},
        "upstream": {"source": "demo" if settings.uses_demo_data else "goated", "state": request.app[UPSTREAM].state},
        "bot": {"mode": settings.bot_mode, "webhook_url": settings.webhook_url},
        # Only the leading replica runs the jobs; the others stand by to take over.
        "scheduler": {"running": bool(jobs and jobs.running), "leader": bool(jobs and jobs.leading)},
        "live": {"connections": len(request.app[LIVE].clients), "max": settings.ws_max_connections},
        # Several replicas share Redis; without it they keep serving (see README), so it is reported, not fatal.
        "redis": {"reachable": await redis.reachable()} if redis is not None else None,
        "sync": None,
        "reachable_admins": None,  # read from the database, once it answers
    }
    if not body["database"]["reachable"]:
        body["status"] = "unavailable"
        return web.json_response(body, status=503)
    body["reachable_admins"] = await reachable_admin_count()
    body.update(await _operations(request, now))  # the token's expiry, the webhook's pending updates and error
    latest, last_ok = await last_runs()
    if latest is not None:
        ok_age = _age(last_ok.finished_at if last_ok else None, now)
        body["sync"] = {
            "last_run_at": latest.finished_at.isoformat() if latest.finished_at else None,
            "last_outcome": latest.outcome.value,
            "last_error": latest.error,
            "last_success_at": last_ok.finished_at.isoformat() if last_ok and last_ok.finished_at else None,
            "age_seconds": ok_age,
            "interval_seconds": settings.sync_interval_seconds,
        }
        # Serving, but on old data: still 200 (the page works), flagged for whoever watches.
        if ok_age is None or ok_age > 2 * settings.sync_interval_seconds:
            body["status"] = "degraded"
    return web.json_response(body)
