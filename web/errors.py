"""What a visitor reads when a request cannot be answered: a page in their language (error.html), JSON on the
API, and plain text for Telegram's webhook, which nobody reads."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from aiohttp.typedefs import Handler

from models.db import DATABASE_DOWN
from web.keys import SETTINGS

log = logging.getLogger(__name__)

RETRY_AFTER_DATABASE = "5"


# What every page's template reads (the visitor's language, the footer): web/pages.py's `page_context`, set by
# web/app.py. Given to each rendering, not by aiohttp_jinja2's context processors: those run in a middleware of
# their own on every request, the API's and the static files' too.
PAGE_CONTEXT = web.AppKey[Callable[[web.Request], dict[str, Any]]]("page_context")


def render(template: str, request: web.Request, context: dict[str, Any], status: int = 200) -> web.Response:
    """`template` with `context` and the page context, as an HTML answer."""
    page_context = request.app.get(PAGE_CONTEXT)
    full = page_context(request) | context if page_context is not None else context
    return aiohttp_jinja2.render_template(template, request, full, status=status)


def error_page(request: web.Request, kind: str, status: int, headers: dict[str, str] | None = None) -> web.Response:
    """error.html for `kind` (one of the kinds it names), in the visitor's language. Never cached: the next
    attempt may well succeed."""
    response = render("error.html", request, {"kind": kind}, status=status)
    response.headers.update(headers or {})
    response.headers["Cache-Control"] = "no-store"
    return response


def _is_page(request: web.Request) -> bool:
    """A request a person's browser makes for a page (not the API, not Telegram's webhook)."""
    return not request.path.startswith("/api/") and request.path != request.app[SETTINGS].webhook_path


def _database_down(request: web.Request, error: BaseException) -> web.Response:
    """A request that needs the database while it is down gets a clean 503 (and Telegram, for the
    webhook, delivers the update again later) instead of a 500 with a traceback."""
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


async def with_error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """`handler`'s answer, or what a visitor reads instead (part of web/front.py's middleware): an address with
    nothing behind it gets a page that says so, with a way back to the race (on the API, JSON like the API's
    other answers); a request that needs the database while it is down gets a 503."""
    try:
        if _holds_nul(request) or _missing_static_file(request):  # NUL first: no file name can hold one
            raise web.HTTPNotFound()
        return await handler(request)
    except DATABASE_DOWN as error:
        return _database_down(request, error)
    except (web.HTTPNotFound, web.HTTPMethodNotAllowed) as error:
        if request.path.startswith("/api/"):
            allow = {"Allow": error.headers["Allow"]} if "Allow" in error.headers else None
            return web.json_response({"error": API_ERRORS[error.status]}, status=error.status, headers=allow)
        if error.status != 404 or request.method not in ("GET", "HEAD") or not _is_page(request):
            raise
    return error_page(request, "not_found", 404)
