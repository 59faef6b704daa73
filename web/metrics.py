"""/metrics in the Prometheus text format, the request-metrics middleware, and the one-line JSON access log."""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable
from typing import Any

from aiohttp import hdrs, web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.typedefs import Handler
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse
from prometheus_client import REGISTRY
from prometheus_client.exposition import choose_encoder
from pydantic import SecretStr

from metrics import http_request_duration_seconds, http_requests_total
from web.front import front_of

# Any other method (aiohttp accepts any token as one) is counted as "other", so a client cannot mint label values.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_label(request: web.Request) -> str:
    """The matched route's path template ("/", "/api/leaderboard", "/static"), or "unmatched" (404, 405):
    never the raw path, whose values are unbounded."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"


class RequestCounter:
    """Counts and times each answer (web/front.py's middleware calls it for every request, the answers other parts
    give included: 429s, error pages, redirects). Each series' child is looked up once and kept: prometheus_client
    would otherwise take a lock and build the label tuple on every request."""

    def __init__(self) -> None:
        self._counters: dict[tuple[str, str, int], Any] = {}
        self._timers: dict[str, Any] = {}

    def __call__(self, request: web.Request, status: int, started: float, timed: bool) -> None:
        route = route_label(request)
        method = request.method if request.method in KNOWN_METHODS else "other"
        counter = self._counters.get((route, method, status))
        if counter is None:  # bounded: routes, methods and statuses are each a small, fixed set
            counter = self._counters[route, method, status] = http_requests_total.labels(route, method, str(status))
        counter.inc()
        if timed:
            timer = self._timers.get(route)
            if timer is None:
                timer = self._timers[route] = http_request_duration_seconds.labels(route)
            timer.observe(time.perf_counter() - started)


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
    """Count every request (web/front.py's middleware) and add the /metrics route (only for `token`'s bearer,
    if given) to `app`."""
    front_of(app).observe = RequestCounter()
    # /metrics counts itself: its series show that the scraper is reaching this process.
    handler = serve_metrics if token is None else bearer_only(token.get_secret_value(), serve_metrics)
    app.router.add_get("/metrics", handler, name="metrics")


# The answers that are most of the traffic and tell nothing new one by one: a visitor's GET of the page or of what it
# polls, answered 200 or 304 in good time. Prometheus counts and times every one of them (/metrics); the access
# log writes a sample of them (RoutineSample), and every other answer.
ROUTINE_PATHS = frozenset({"/", "/api/leaderboard", "/api/race/current"})
ROUTINE_STATUSES = frozenset({200, 304})
ROUTINE_SECONDS = 1.0  # one routine line a second per path and status; a slower answer is always written


class RoutineSample:
    """Which routine answers the access log writes: the first of each second per (path, status); the line says how
    many like answers since the previous line were not written (`unwritten`), so the log still adds up."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._next: dict[tuple[str, int], float] = {}  # when the next line for each may be written
        self._unwritten: dict[tuple[str, int], int] = {}

    def admit(self, path: str, status: int) -> int | None:
        """None: not written; else how many like answers were not written before this one."""
        key, now = (path, status), self.clock()
        if now < self._next.get(key, 0.0):
            self._unwritten[key] = self._unwritten.get(key, 0) + 1
            return None
        self._next[key] = now + ROUTINE_SECONDS
        return self._unwritten.pop(key, 0)


class JsonAccessLogger(AbstractAccessLogger):
    """One INFO line per request on the "aiohttp.access" logger, its fields as structured `extra`
    (written as JSON by wiring.logs.JsonFormatter). Use: `web.run_app(..., access_log_class=JsonAccessLogger)`.

    A documented choice: every error, every slow answer, every other route and method is written; the routine
    answers (ROUTINE_PATHS) are sampled, one line a second per path and status with the count of those not
    written. A line costs about as much as serving the page from memory (BENCHMARKS.md, benchmark 2: a fifth of
    the process), and thousands a second of the same cached page would bury the lines that matter.

    The record is made directly: `Logger.info` would first walk the stack for the caller's file and line, which
    an access line does not use. It then goes through the handlers as any other (redaction, JSON, tests' capture)."""

    routine = RoutineSample()  # one for the process: aiohttp makes an access logger per connection

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        method, path, status = request.method, request.path, response.status  # the path without the query string
        unwritten = -1  # not a routine answer
        if method == "GET" and path in ROUTINE_PATHS and status in ROUTINE_STATUSES and time < ROUTINE_SECONDS:
            admitted = self.routine.admit(path, status)
            if admitted is None:
                return
            unwritten = admitted
        duration_ms = round(time * 1000, 1)
        fields: dict[str, object] = {"method": method, "path": path, "status": status, "duration_ms": duration_ms}
        fields["remote"] = request.remote
        if unwritten >= 0:
            fields["unwritten"] = unwritten
        logger = self.logger
        message = (method, path, status, duration_ms)
        logger.handle(
            logger.makeRecord(logger.name, logging.INFO, "", 0, "%s %s %d %.0fms", message, None, extra=fields)
        )

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
