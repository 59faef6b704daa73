"""/metrics in the Prometheus text format, the request-metrics middleware, and the one-line JSON access log."""

from __future__ import annotations

import hmac
import logging
import time

from aiohttp import hdrs, web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.typedefs import Handler
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse
from prometheus_client import REGISTRY
from prometheus_client.exposition import choose_encoder
from pydantic import SecretStr

from metrics import http_request_duration_seconds, http_requests_total

# Any other method (aiohttp accepts any token as one) is counted as "other", so a client cannot mint label values.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_label(request: web.Request) -> str:
    """The matched route's path template ("/", "/api/leaderboard", "/static"), or "unmatched" (404, 405):
    never the raw path, whose values are unbounded."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"


def _observe(request: web.Request, route: str, status: int, started: float, timed: bool = True) -> None:
    method = request.method if request.method in KNOWN_METHODS else "other"
    http_requests_total.labels(route, method, str(status)).inc()
    if timed:
        http_request_duration_seconds.labels(route).observe(time.perf_counter() - started)


@web.middleware
async def observe_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
    route = route_label(request)
    started = time.perf_counter()
    try:
        response = await handler(request)
    except web.HTTPException as error:  # raised 4xx/5xx and redirects: aiohttp turns them into the answer
        _observe(request, route, error.status, started)
        raise
    except Exception:  # aiohttp answers 500
        _observe(request, route, 500, started)
        raise
    # A request cancelled at shutdown (CancelledError) is not counted: it got no answer.
    # A WebSocket's "duration" is the whole session, which would swamp the request histogram: counted, not timed.
    _observe(request, route, response.status, started, timed=not isinstance(response, web.WebSocketResponse))
    return response


async def serve_metrics(request: web.Request) -> web.Response:
    # The format the scraper asks for (Prometheus asks for OpenMetrics); the classic text format,
    # "text/plain; version=0.0.4", otherwise. The content type carries its own charset (and escaping)
    # parameters, which web.Response's `content_type` argument refuses, so it is set as a header.
    encoder, content_type = choose_encoder(request.headers.get(hdrs.ACCEPT, ""))
    return web.Response(body=encoder(REGISTRY), headers={hdrs.CONTENT_TYPE: content_type})


def bearer_only(token: str, handler: Handler) -> Handler:
    """`handler` for a caller that sends `Authorization: Bearer <token>`; 401 for anyone else."""
    wanted = f"Bearer {token}".encode()

    async def guarded(request: web.Request) -> web.StreamResponse:
        if not hmac.compare_digest(
            request.headers.get(hdrs.AUTHORIZATION, "").encode("utf-8", "surrogateescape"), wanted
        ):
            return web.Response(
                status=401,
                text="This needs the bearer token set in METRICS_TOKEN.",
                headers={hdrs.WWW_AUTHENTICATE: "Bearer"},
            )
        return await handler(request)

    return guarded


def install(app: web.Application, token: SecretStr | None = None) -> None:
    """Add the request-metrics middleware and the /metrics route (only for `token`'s bearer, if given) to `app`."""
    # First in the list, so outermost: it also counts the answers other middlewares give (429s, redirects…).
    app.middlewares.insert(0, observe_requests)
    # /metrics counts itself: its series show that the scraper is reaching this process.
    handler = serve_metrics if token is None else bearer_only(token.get_secret_value(), serve_metrics)
    app.router.add_get("/metrics", handler, name="metrics")


class JsonAccessLogger(AbstractAccessLogger):
    """One INFO line per request on the "aiohttp.access" logger, its fields as structured `extra`
    (written as JSON by main.setup_logging). Use: `web.run_app(..., access_log_class=JsonAccessLogger)`."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        duration_ms = round(time * 1000, 1)
        path = request.path  # without the query string, which may carry anything
        self.logger.info(
            "%s %s %d %.0fms",
            request.method,
            path,
            response.status,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status,
                "duration_ms": duration_ms,
                "remote": request.remote,
            },
        )

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
