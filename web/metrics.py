"""/metrics in the Prometheus text format, and the request metrics middleware. (Being written.)"""

from __future__ import annotations

from aiohttp import web


def install(app: web.Application) -> None:
    """Add the request-metrics middleware and the /metrics route to `app`."""
