"""The one middleware every request passes through: request metrics, the security headers, CORS, the rate limits,
the error pages and gzip, in one function instead of a middleware each (each layer was a coroutine and a
closure per request: BENCHMARKS.md, benchmark 2).

What each part does is in its own module (web/metrics.py, web/security.py, web/errors.py, web/compression.py);
their `install` functions switch their part on here. In the order the layers had, outermost first:

- metrics: counts every answer, the ones the other parts give (429s, error pages, raised errors) included;
- gzip of the final answer (error pages too; not raised errors, streams, or answers already finished);
- security headers on every answer, a 429 and a raised error included; CORS on the JSON API; the preflight;
- the rate limit (before the handler; a refused request still gets the headers above);
- the error pages: 404 and 405 as a page or as the API's JSON, 503 while the database is down.
"""

from __future__ import annotations

import time
from typing import Protocol

from aiohttp import web
from aiohttp.typedefs import Handler

from web.compression import compress_answer
from web.errors import with_error_pages


class Guard(Protocol):
    def before(self, request: web.Request) -> web.StreamResponse | None:
        """An answer given instead of the handler's (a preflight, a 429), or None."""

    def finish(self, request: web.Request, response: web.StreamResponse) -> None:
        """Touch up an answer, returned or raised, before it is sent."""


class Observer(Protocol):
    def __call__(self, request: web.Request, status: int, started: float, timed: bool) -> None: ...


class Front:
    """The middleware; parts are switched on by the modules' `install` (None / False: off)."""

    __middleware_version__ = 1  # a new-style middleware, as @web.middleware marks a function

    def __init__(self) -> None:
        self.observe: Observer | None = None
        self.guard: Guard | None = None
        self.compress = False
        self.error_pages = False

    async def __call__(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        started = time.perf_counter()
        guard, observe = self.guard, self.observe
        try:
            response = guard.before(request) if guard is not None else None
            if response is None:
                response = await (with_error_pages(request, handler) if self.error_pages else handler(request))
        except web.HTTPException as error:  # raised 4xx/5xx and redirects: aiohttp turns them into the answer
            if guard is not None:
                guard.finish(request, error)
            if observe is not None:
                observe(request, error.status, started, True)
            raise
        except Exception:  # aiohttp answers 500
            if observe is not None:
                observe(request, 500, started, True)
            raise
        # A request cancelled at shutdown (CancelledError) is not counted: it got no answer.
        if self.compress:
            compress_answer(request, response)
        if guard is not None:
            guard.finish(request, response)
        if observe is not None:
            # A WebSocket's "duration" is the whole session, which would swamp the request histogram: not timed.
            observe(request, response.status, started, not isinstance(response, web.WebSocketResponse))
        return response


FRONT = web.AppKey("front", Front)


def front_of(app: web.Application) -> Front:
    """`app`'s front middleware, added (outermost) the first time it is asked for."""
    front = app.get(FRONT)
    if front is None:
        front = app[FRONT] = Front()
        app.middlewares.insert(0, front)
    return front
