"""Security headers, CORS on the JSON API, per-IP rate limits and the client's real address.

`install` switches on `Guard`, this module's part of the one front middleware (web/front.py): the headers on every
answer (a 429 included), CORS (so a browser on an allowed origin can read a 429's Retry-After), the rate limit.
"""

from __future__ import annotations

import enum
import functools
import ipaddress
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeAlias
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.http_exceptions import BadHttpMethod, HttpProcessingError
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from settings import Settings
from web.errors import error_page
from web.front import front_of

log = logging.getLogger(__name__)

Network: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network
Address: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address

# The page's only scripts are its own /static files and the Telegram Login Widget (a script from telegram.org
# that opens an iframe on oauth.telegram.org and shows avatars from t.me / telegram.org).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' https://telegram.org; frame-src https://oauth.telegram.org; "
    "img-src 'self' data: https://t.me https://*.telegram.org https://telegram.org; style-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}
HSTS = "max-age=31536000"  # a year, for this host only: other hosts under the domain are not ours to pin
EXPOSE_HEADERS = "ETag, Retry-After"  # what a page on another origin may read: caching and 429s
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, Content-Type",
    "Access-Control-Max-Age": "600",
}
WINDOW_SECONDS = 60  # the limits are requests a minute


class Tier(enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def page_origins(request: web.Request, public_url: str | None) -> set[str]:
    """The origins our own pages have: where this request was sent, and PUBLIC_URL's (behind a proxy)."""
    origins = {f"{request.scheme}://{request.host}"}
    if public_url:
        parts = urlsplit(public_url)
        origins.add(f"{parts.scheme}://{parts.netloc}")
    return origins


def tier_for(path: str) -> Tier | None:
    """Which rate limit a path falls under; None for what is cheap or must never be refused."""
    if path in ("/", "/api/leaderboard", "/api/race/current"):
        return Tier.HIGH  # the page and what it polls
    if path.startswith("/api/") or path == "/races" or path.startswith("/races/"):
        return Tier.MEDIUM
    if path == "/login" or path.startswith("/login/"):
        return Tier.LOW  # signing in: nobody needs it often, a password-guesser would
    return None  # static files, /ws, /health, /metrics, the webhook, /favicon.ico


class RateLimiter:
    """`per_minute` requests a minute per key, any of them at once: a token bucket, kept as one number per key
    (GCRA): the time its bucket will be full again. Each request pushes that time one share of the minute on;
    a request that would push it more than a minute ahead of now is refused.

    Keys are kept least recently used first. A key whose bucket is full is the same as no key, so it is
    dropped; past `max_keys` the oldest go too (that client merely starts afresh). Memory is therefore
    bounded however many addresses call.
    """

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000):
        self.interval = WINDOW_SECONDS / per_minute  # the refill time of one request
        self.clock = clock
        self.max_keys = max_keys
        self._full_at: OrderedDict[Hashable, float] = OrderedDict()

    def hit(self, key: Hashable) -> float:
        """Count one request: 0 if it is allowed, else the seconds until one would be."""
        now = self.clock()
        full_at = max(self._full_at.pop(key, now), now)
        wait = max(0.0, full_at + self.interval - now - WINDOW_SECONDS)
        self._full_at[key] = full_at if wait else full_at + self.interval  # re-inserted last: most recently used
        while self._full_at:
            oldest, oldest_full_at = next(iter(self._full_at.items()))
            if oldest_full_at > now and len(self._full_at) <= self.max_keys:
                break
            del self._full_at[oldest]
        return wait

    def __len__(self) -> int:
        return len(self._full_at)


TRUSTED_PROXIES = web.AppKey("trusted_proxies", tuple[Network, ...])
RATE_LIMITERS = web.AppKey("rate_limiters", dict[Tier, RateLimiter])


@functools.lru_cache(maxsize=8192)  # visitors come back: parse each address once (a pure function)
def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; compare them as the IPv4 they are.
    return address.ipv4_mapped or address if isinstance(address, ipaddress.IPv6Address) else address


def client_ip(request: web.Request, trusted: tuple[Network, ...]) -> str:
    """The caller's address: the socket's peer, unless that peer is one of our proxies. Then X-Forwarded-For
    is read from the right (each proxy appends the address it saw) up to the first hop that is not ours;
    everything left of it was written by the client and may be forged."""
    remote = request.remote or ""
    hop = _address(remote)
    if hop is None or not _ours(hop, trusted):
        return remote
    forwarded = ",".join(request.headers.getall("X-Forwarded-For", ()))
    for entry in reversed(forwarded.split(",")):
        address = _address(entry)
        if address is None:
            break  # garbage: believe nothing further left
        hop = address
        if not _ours(hop, trusted):
            break
    return _text(hop)


@functools.lru_cache(maxsize=8192)
def _ours(address: Address, trusted: tuple[Network, ...]) -> bool:
    return any(address in network for network in trusted)


@functools.lru_cache(maxsize=8192)
def _text(address: Address) -> str:
    return str(address)


@functools.lru_cache(maxsize=8192)
def _limit_key(ip: str) -> str:
    # One IPv6 host usually owns a whole /64 and can rotate through it for free: limit the /64.
    address = _address(ip)
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network((address, 64), strict=False))
    return ip


def _preflight(origin: str, allowed: bool) -> web.Response:
    """The answer to a browser's preflight: no route answers OPTIONS, so it ends here."""
    if not allowed:
        return web.Response(status=403, text="Origin not allowed")
    return web.Response(
        status=204, headers={"Access-Control-Allow-Origin": origin, "Vary": "Origin", **PREFLIGHT_HEADERS}
    )


def _too_many_requests(request: web.Request, wait: float) -> web.Response:
    headers = {"Retry-After": str(max(1, math.ceil(wait)))}
    if request.path.startswith("/api/"):
        return web.json_response({"error": "too many requests"}, status=429, headers=headers)
    return error_page(request, "too_many", 429, headers)


@dataclass
class Guard:
    """This module's part of the front middleware (web/front.py): before the handler, the CORS preflight and each
    tier's per-client limit (the webhook, Telegram's own calls, is never limited); after it, on every answer
    (a 429 and a raised error included), the security headers, HSTS (when PUBLIC_URL is https: then the host is
    ours to pin) and CORS on the JSON API for `allowed_origins`."""

    limiters: dict[Tier, RateLimiter]
    trusted: tuple[Network, ...]
    webhook_path: str
    allowed_origins: frozenset[str]
    hsts: bool = False

    MAX_CLIENTS = 65_536  # remembered (address, X-Forwarded-For) pairs; past it, forgotten all at once

    def __post_init__(self) -> None:
        self.headers = tuple({**SECURITY_HEADERS, **({"Strict-Transport-Security": HSTS} if self.hsts else {})}.items())
        self._client_keys: dict[tuple[str, str], str] = {}

    def client_key(self, request: web.Request) -> str:
        """The rate limit's key for the client (`client_ip`, its /64 for IPv6), worked out once per socket address
        and X-Forwarded-For: both are all it depends on, and visitors come back."""
        remote, forwarded = request.remote or "", ",".join(request.headers.getall("X-Forwarded-For", ()))
        key = self._client_keys.get((remote, forwarded))
        if key is None:
            key = _limit_key(client_ip(request, self.trusted))
            if len(self._client_keys) >= self.MAX_CLIENTS:
                self._client_keys.clear()
            self._client_keys[remote, forwarded] = key
        return key

    def before(self, request: web.Request) -> web.StreamResponse | None:
        path = request.path
        if request.method == "OPTIONS" and path.startswith("/api/"):
            origin = request.headers.get("Origin", "")
            return _preflight(origin, origin in self.allowed_origins)
        tier = None if path == self.webhook_path else tier_for(path)
        if tier is None:
            return None
        wait = self.limiters[tier].hit(self.client_key(request))
        return _too_many_requests(request, wait) if wait else None

    def finish(self, request: web.Request, response: web.StreamResponse) -> None:
        if response.prepared:  # a WebSocket or a stream already sent its headers; they cannot change now
            return
        headers = response.headers
        for name, value in self.headers:
            headers.setdefault(name, value)  # a handler that needs its own policy keeps it
        if request.method != "OPTIONS" and request.path.startswith("/api/"):  # a preflight has its own
            # The answer depends on Origin even when it is refused: a shared cache must not mix them up.
            if "origin" not in ",".join(headers.getall("Vary", ())).lower():
                headers.add("Vary", "Origin")
            origin = request.headers.get("Origin", "")
            if origin in self.allowed_origins:  # others get no CORS headers: the browser's same-origin rule applies
                headers["Access-Control-Allow-Origin"] = origin
                headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS


class AnswerMalformedRequests(RequestHandler):
    """A request aiohttp cannot parse (a request line over 8 KB, an unknown method, TLS on the plain port) is
    answered by aiohttp itself before any middleware, with its parser's message (the URL included) and none of
    our headers, and logged as "Error handling request" with a traceback. Here it gets a bare 400 with the
    security headers and one short log line. aiohttp has no hook for this (aio-libs/aiohttp#3287): the app's
    server makes this protocol instead of aiohttp's (`answer_malformed_requests`)."""

    answer_headers: dict[str, str] = SECURITY_HEADERS

    def handle_error(
        self, request: BaseRequest, status: int = 500, exc: BaseException | None = None, message: str | None = None
    ) -> web.StreamResponse:
        if not isinstance(exc, HttpProcessingError):  # a handler failed: aiohttp's 500 and traceback are right
            response = super().handle_error(request, status, exc, message)
        else:
            # Non-HTTP traffic (scanners, TLS to the plain port) is routine on the internet: as aiohttp does, debug.
            level = logging.DEBUG if isinstance(exc, BadHttpMethod) else logging.INFO
            log.log(level, "refused a malformed request from %s: %s", request.remote, type(exc).__name__)
            if request.writer.output_size > 0:  # as aiohttp: some of an answer is out, the connection is broken
                raise ConnectionError("Response is sent already, cannot send another response")
            response = web.Response(status=status, text=f"{status} {HTTPStatus(status).phrase}")
            response.force_close()
        response.headers.update(self.answer_headers)
        return response


def answer_malformed_requests(app: web.Application, headers: dict[str, str]) -> None:
    """Have `app`'s server (run_app's, the test server's) answer unparseable requests with `AnswerMalformedRequests`
    and `headers`."""
    protocol = type("AnswerMalformedRequests", (AnswerMalformedRequests,), {"answer_headers": headers})

    class Server(web.Server):
        def __call__(self) -> RequestHandler:
            return protocol(self, loop=self._loop, **self._kwargs)

    make_handler = app._make_handler

    def make_server(**kwargs: Any) -> web.Server:
        server = make_handler(**kwargs)
        server.__class__ = Server  # the same server; only the protocol it makes per connection differs
        return server

    setattr(app, "_make_handler", make_server)  # noqa: B010  (a method is replaced on this app only)


def install(app: web.Application, settings: Settings) -> None:
    """Switch on this module's part of `app`'s front middleware (web/front.py), and answer malformed requests."""
    https = (settings.public_url or "").startswith("https://")
    answer_malformed_requests(app, {**SECURITY_HEADERS, **({"Strict-Transport-Security": HSTS} if https else {})})
    trusted = app[TRUSTED_PROXIES] = tuple(ipaddress.ip_network(p, strict=False) for p in settings.trusted_proxies)
    limiters = app[RATE_LIMITERS] = {
        Tier.HIGH: RateLimiter(settings.rate_limit_high),
        Tier.MEDIUM: RateLimiter(settings.rate_limit_medium),
        Tier.LOW: RateLimiter(settings.rate_limit_low),
    }
    front_of(app).guard = Guard(limiters, trusted, settings.webhook_path, frozenset(settings.cors_origins), https)
