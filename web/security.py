"""Security headers, CORS on the JSON API, per-IP rate limits and the client's real address.
(Being written: `install` adds the middlewares.)"""

from __future__ import annotations

from aiohttp import web

from settings import Settings


def install(app: web.Application, settings: Settings) -> None:
    """Add this module's middlewares to `app`."""
