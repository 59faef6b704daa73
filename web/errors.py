"""What a visitor reads when a request cannot be answered: a page in their language (error.html), JSON on the
API, and plain text for Telegram's webhook, which nobody reads."""

from __future__ import annotations

import logging

import aiohttp_jinja2
from aiohttp import web
from aiohttp.typedefs import Handler

from models.db import DATABASE_DOWN
from web.keys import SETTINGS

log = logging.getLogger(__name__)

RETRY_AFTER_DATABASE = "5"


def error_page(request: web.Request, kind: str, status: int, headers: dict[str, str] | None = None) -> web.Response:
    """error.html for `kind` (one of the kinds it names), in the visitor's language. Never cached: the next
    attempt may well succeed."""
    response = aiohttp_jinja2.render_template("error.html", request, {"kind": kind}, status=status)
    response.headers.update(headers or {})
    response.headers["Cache-Control"] = "no-store"
    return response


def _is_page(request: web.Request) -> bool:
    """A request a person's browser makes for a page (not the API, not Telegram's webhook)."""
    return not request.path.startswith("/api/") and request.path != request.app[SETTINGS].webhook_path


@web.middleware
async def database_unavailable(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A request that needs the database while it is down gets a clean 503 (and Telegram, for the
    webhook, delivers the update again later) instead of a 500 with a traceback."""
    try:
        return await handler(request)
    except DATABASE_DOWN as error:
        log.warning("%s %s: the database is unavailable (%s)", request.method, request.path, type(error).__name__)
    headers = {"Retry-After": RETRY_AFTER_DATABASE}
    if request.path.startswith("/api/"):
        return web.json_response(
            {"error": "the database is unavailable; try again shortly"}, status=503, headers=headers
        )
    if _is_page(request):
        return error_page(request, "unavailable", 503, headers)
    return web.Response(status=503, text="The database is unavailable; try again shortly.", headers=headers)


@web.middleware
async def page_not_found(request: web.Request, handler: Handler) -> web.StreamResponse:
    """An address with nothing behind it gets a page that says so, with a way back to the race."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        if request.method not in ("GET", "HEAD") or not _is_page(request):
            raise
    return error_page(request, "not_found", 404)
