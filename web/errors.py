"""What a visitor reads when a request cannot be answered: a page in their language (error.html), JSON on the
API, and plain text for Telegram's webhook, which nobody reads."""

from __future__ import annotations

import logging
from pathlib import Path

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
        log.warning("%s %.200s: the database is unavailable (%s)", request.method, request.path, type(error).__name__)
    headers = {"Retry-After": RETRY_AFTER_DATABASE}
    if request.path.startswith("/api/"):
        return web.json_response(
            {"error": "the database is unavailable; try again shortly"}, status=503, headers=headers
        )
    if _is_page(request):
        return error_page(request, "unavailable", 503, headers)
    return web.Response(status=503, text="The database is unavailable; try again shortly.", headers=headers)


API_ERRORS = {404: "not found", 405: "method not allowed"}


def _missing_static_file(request: web.Request) -> bool:
    """Whether `request` asks add_static's folder for something that is not a file in it (a missing file, a
    folder, a way out): aiohttp would answer 403, or 404 with an empty application/octet-stream body."""
    resource = request.match_info.route.resource
    if not isinstance(resource, web.StaticResource):
        return False
    directory = Path(resource.get_info()["directory"])
    wanted = (directory / request.match_info.get("filename", "")).resolve()
    return not wanted.is_relative_to(directory) or not wanted.is_file()


def _holds_nul(request: web.Request) -> bool:
    """A NUL in the path or the query (`%00`): nothing has such a name, and no database text can hold one."""
    return "\x00" in request.path or "\x00" in request.query_string or "%00" in request.raw_path.lower()


@web.middleware
async def page_not_found(request: web.Request, handler: Handler) -> web.StreamResponse:
    """An address with nothing behind it gets a page that says so, with a way back to the race; on the API,
    its errors are JSON like the API's other answers."""
    try:
        if _missing_static_file(request) or _holds_nul(request):
            raise web.HTTPNotFound()
        return await handler(request)
    except (web.HTTPNotFound, web.HTTPMethodNotAllowed) as error:
        if request.path.startswith("/api/"):
            allow = {"Allow": error.headers["Allow"]} if "Allow" in error.headers else None
            return web.json_response({"error": API_ERRORS[error.status]}, status=error.status, headers=allow)
        if error.status != 404 or request.method not in ("GET", "HEAD") or not _is_page(request):
            raise
    return error_page(request, "not_found", 404)
