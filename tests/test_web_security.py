"""Security headers, CORS on the JSON API, per-IP rate limits, the client's address behind proxies, body limits."""

from __future__ import annotations

import asyncio
import io
import ipaddress
import logging

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from tests import updates
from tests.support import WEBHOOK_SECRET, make_settings
from web.security import CONTENT_SECURITY_POLICY, RATE_LIMITERS, RateLimiter, Tier, client_ip, install, tier_for

ALLOWED = "https://partner.example"
FOREIGN = "https://evil.example"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def assert_security_headers(response) -> None:
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


# Security headers


@pytest.mark.parametrize(
    "path, status",
    [
        ("/", 200),
        ("/api/leaderboard", 200),
        ("/no/such/page", 404),
        ("/api/leaderboard?limit=0", 400),
        ("/static/style.css", 200),
    ],
)
async def test_every_answer_carries_the_security_headers(harness, path, status):
    response = await harness.client.get(path)
    assert response.status == status
    assert_security_headers(response)


async def test_a_refused_method_carries_the_security_headers(harness):
    response = await harness.client.delete("/")
    assert response.status == 405
    assert_security_headers(response)


async def test_the_policy_lets_the_page_load_only_its_own_and_telegrams_scripts():
    policy = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert policy["script-src"] == "'self' https://telegram.org"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY


async def test_websockets_and_streamed_answers_still_work(aiohttp_client):
    """Answers a handler has already sent (a WebSocket, a stream) pass through untouched."""

    async def socket(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            await ws.send_str(f"echo {message.data}")
        return ws

    async def stream(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        await response.write(b"chunk")
        return response

    app = web.Application()
    app.router.add_get("/ws", socket)
    app.router.add_get("/stream", stream)
    install(app, make_settings(rate_limit_high=1, rate_limit_medium=1, rate_limit_low=1))
    client = await aiohttp_client(app)

    async with client.ws_connect("/ws") as ws:
        await ws.send_str("hi")
        assert await ws.receive_str() == "echo hi"
    response = await client.get("/stream")
    assert response.status == 200 and await response.read() == b"chunk"


# CORS


async def test_an_allowed_origin_may_read_the_api(app_with):
    harness = await app_with(cors_origins=f"{ALLOWED},https://other.example")
    response = await harness.client.get("/api/leaderboard", headers={"Origin": ALLOWED})
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in response.headers.getall("Vary")
    assert response.headers["Access-Control-Expose-Headers"] == "ETag, Retry-After"


async def test_a_foreign_origin_gets_no_cors_headers(app_with):
    harness = await app_with(cors_origins=ALLOWED)
    response = await harness.client.get("/api/leaderboard", headers={"Origin": FOREIGN})
    assert response.status == 200  # the browser, not the server, withholds the body from the page
    assert not [name for name in response.headers if name.lower().startswith("access-control-")]
    assert "Origin" in response.headers.getall("Vary")


async def test_cors_is_only_for_the_api(app_with):
    harness = await app_with(cors_origins=ALLOWED)
    response = await harness.client.get("/", headers={"Origin": ALLOWED})
    assert response.status == 200
    assert "Access-Control-Allow-Origin" not in response.headers


async def test_a_preflight_from_an_allowed_origin_gets_204(app_with):
    harness = await app_with(cors_origins=ALLOWED)
    response = await harness.client.options(
        "/api/leaderboard",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status == 204
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert response.headers["Access-Control-Allow-Methods"] == "GET, OPTIONS"
    assert response.headers["Access-Control-Allow-Headers"] == "If-None-Match, Content-Type"
    assert response.headers["Access-Control-Max-Age"] == "600"
    assert_security_headers(response)


@pytest.mark.parametrize("origin", [FOREIGN, None])
async def test_a_preflight_from_elsewhere_gets_403(app_with, origin):
    harness = await app_with(cors_origins=ALLOWED)
    headers = {"Access-Control-Request-Method": "GET"} | ({"Origin": origin} if origin else {})
    response = await harness.client.options("/api/leaderboard", headers=headers)
    assert response.status == 403
    assert "Access-Control-Allow-Origin" not in response.headers


# Rate limits


@pytest.mark.parametrize(
    "path, tier",
    [
        ("/", Tier.HIGH),
        ("/api/leaderboard", Tier.HIGH),
        ("/api/race/current", Tier.HIGH),
        ("/api/races", Tier.MEDIUM),
        ("/api/anything", Tier.MEDIUM),
        ("/races", Tier.MEDIUM),
        ("/races/2024-05", Tier.MEDIUM),
        ("/login/telegram", Tier.LOW),
        ("/login", Tier.LOW),
        ("/static/style.css", None),
        ("/ws", None),
        ("/health", None),
        ("/metrics", None),
        ("/favicon.ico", None),
        ("/telegram/webhook", None),
        ("/racesx", None),
        ("/api", None),
    ],
)
def test_tiers_by_path(path, tier):
    assert tier_for(path) == tier


async def test_the_fourth_page_view_in_a_minute_gets_429_and_others_are_unaffected(app_with):
    harness = await app_with(rate_limit_high=3, trusted_proxies="127.0.0.1")
    harness.runtime.web_app[RATE_LIMITERS][Tier.HIGH].clock = FakeClock()  # Retry-After counts from one instant
    alice = {"X-Forwarded-For": "203.0.113.5"}
    for _ in range(3):
        assert (await harness.client.get("/", headers=alice)).status == 200

    refused = await harness.client.get("/", headers=alice)
    assert refused.status == 429
    assert refused.headers["Retry-After"] == "20"  # 3 a minute: one comes back every 20 s
    assert refused.content_type == "text/html" and "<h1>Too many requests</h1>" in await refused.text()
    assert_security_headers(refused)
    in_portuguese = await harness.client.get("/?lang=pt", headers=alice)
    assert in_portuguese.status == 429 and "Aguarde um momento e tente novamente." in await in_portuguese.text()

    assert (await harness.client.get("/", headers={"X-Forwarded-For": "203.0.113.6"})).status == 200
    assert (await harness.client.get("/api/leaderboard", headers=alice)).status == 429  # the same tier


async def test_a_limited_api_call_gets_json_and_cors_headers(app_with):
    harness = await app_with(rate_limit_medium=1, cors_origins=ALLOWED)
    harness.runtime.web_app[RATE_LIMITERS][Tier.MEDIUM].clock = FakeClock()
    assert (await harness.client.get("/api/unknown")).status == 404  # counted, though nothing is there
    refused = await harness.client.get("/api/unknown", headers={"Origin": ALLOWED})
    assert refused.status == 429
    assert await refused.json() == {"error": "too many requests"}
    assert refused.headers["Retry-After"] == "60"
    assert refused.headers["Access-Control-Allow-Origin"] == ALLOWED  # so the page can read Retry-After
    assert "Retry-After" in refused.headers["Access-Control-Expose-Headers"]


async def test_the_window_refills(app_with):
    harness = await app_with(rate_limit_high=3)
    clock = FakeClock()
    harness.runtime.web_app[RATE_LIMITERS][Tier.HIGH].clock = clock
    for _ in range(3):
        assert (await harness.client.get("/")).status == 200
    assert (await harness.client.get("/")).headers["Retry-After"] == "20"

    clock.now += 19
    refused = await harness.client.get("/")
    assert refused.status == 429 and refused.headers["Retry-After"] == "1"
    clock.now += 1
    assert (await harness.client.get("/")).status == 200
    assert (await harness.client.get("/")).status == 429
    clock.now += 60
    for _ in range(3):  # a full minute later the whole burst is back, and no more
        assert (await harness.client.get("/")).status == 200
    assert (await harness.client.get("/")).status == 429


async def test_a_forged_forwarded_for_does_not_escape_the_limit_without_a_trusted_proxy(app_with):
    harness = await app_with(rate_limit_high=2)  # no TRUSTED_PROXIES: the test client is the client
    statuses = [
        (await harness.client.get("/", headers={"X-Forwarded-For": f"198.51.100.{i}"})).status for i in range(3)
    ]
    assert statuses == [200, 200, 429]


async def test_a_forged_forwarded_for_does_not_escape_the_limit_behind_a_proxy(app_with):
    harness = await app_with(rate_limit_high=2, trusted_proxies="127.0.0.0/8")
    statuses = []
    for i in range(3):  # the client writes its own left part; the proxy appends the address it saw
        headers = {"X-Forwarded-For": f"198.51.100.{i}, 203.0.113.5"}
        statuses.append((await harness.client.get("/", headers=headers)).status)
    assert statuses == [200, 200, 429]


async def test_static_files_health_and_the_webhook_are_not_limited(app_with):
    harness = await app_with(rate_limit_high=1, rate_limit_medium=1, rate_limit_low=1)
    for _ in range(5):
        assert (await harness.client.get("/static/style.css")).status == 200
        assert (await harness.client.get("/health")).status == 200
        assert (await harness.client.get("/favicon.ico")).status == 404
    for _ in range(3):
        assert await harness.send("/help")  # answered each time
    assert (await harness.client.get("/")).status == 200
    assert (await harness.client.get("/")).status == 429


def test_the_limiter_forgets_idle_clients_and_stays_bounded():
    clock = FakeClock()
    limiter = RateLimiter(5, clock=clock, max_keys=100)
    for i in range(1000):
        assert limiter.hit(f"10.0.{i // 256}.{i % 256}") == 0
    assert len(limiter) == 100  # the least recently seen went first

    clock.now += 11
    limiter.hit("busy")
    assert len(limiter) == 100
    clock.now += 1  # one request at 5 a minute is refilled in 12 s: full buckets, the same as none
    limiter.hit("busy")
    assert len(limiter) == 1


def test_the_limiter_counts_each_key_on_its_own():
    clock = FakeClock()
    limiter = RateLimiter(2, clock=clock)
    assert [limiter.hit("a"), limiter.hit("a"), limiter.hit("b")] == [0, 0, 0]
    assert limiter.hit("a") == 30
    clock.now += 15
    assert limiter.hit("a") == 15  # a refused request does not push the wait further out


# The client's address


def request_from(remote: str, forwarded: str | None = None) -> web.Request:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return make_mocked_request("GET", "/", headers=headers).clone(remote=remote)


def networks(*texts: str):
    return tuple(ipaddress.ip_network(t, strict=False) for t in texts)


@pytest.mark.parametrize(
    "remote, forwarded, trusted, expected",
    [
        ("203.0.113.9", "1.2.3.4", (), "203.0.113.9"),  # nobody trusted: the header is the client's word
        ("203.0.113.9", "1.2.3.4", ("10.0.0.0/8",), "203.0.113.9"),  # the peer is not our proxy
        ("10.0.0.1", None, ("10.0.0.0/8",), "10.0.0.1"),
        ("10.0.0.1", "1.2.3.4", ("10.0.0.0/8",), "1.2.3.4"),
        ("10.0.0.1", "6.6.6.6, 1.2.3.4", ("10.0.0.0/8",), "1.2.3.4"),  # the forged left part is ignored
        ("10.0.0.1", "6.6.6.6, 1.2.3.4, 10.0.0.7", ("10.0.0.0/8",), "1.2.3.4"),  # a chain of our proxies
        ("10.0.0.1", "10.0.0.8, 10.0.0.7", ("10.0.0.0/8",), "10.0.0.8"),  # only proxies: the leftmost
        ("10.0.0.1", "1.2.3.4, junk, 10.0.0.7", ("10.0.0.0/8",), "10.0.0.7"),  # garbage: the last proxy's word
        ("10.0.0.1", "junk", ("10.0.0.0/8",), "10.0.0.1"),
        ("10.0.0.1", "", ("10.0.0.0/8",), "10.0.0.1"),
        ("::ffff:10.0.0.1", "2001:db8::1", ("10.0.0.0/8",), "2001:db8::1"),  # IPv4 seen on a dual-stack socket
        ("2001:db8:ffff::1", "1.2.3.4", ("2001:db8:ffff::/48",), "1.2.3.4"),
    ],
)
def test_client_ip(remote, forwarded, trusted, expected):
    assert client_ip(request_from(remote, forwarded), networks(*trusted)) == expected


def test_client_ip_reads_every_forwarded_for_header():
    request = make_mocked_request(
        "GET", "/", headers=[("X-Forwarded-For", "6.6.6.6, 1.2.3.4"), ("X-Forwarded-For", "10.0.0.7")]
    ).clone(remote="10.0.0.1")
    assert client_ip(request, networks("10.0.0.0/8")) == "1.2.3.4"


# Request bodies and the webhook


async def test_a_two_mib_webhook_post_gets_413(harness):
    body = io.BytesIO(b"x" * (2 << 20))
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET, "Content-Type": "application/json"}
    response = await harness.client.post(harness.runtime.settings.webhook_path, data=body, headers=headers)
    assert response.status == 413

    async def chunks():  # no Content-Length: aiohttp's client_max_size stops it while reading
        for _ in range(32):
            yield b"x" * (64 << 10)

    response = await harness.client.post(harness.runtime.settings.webhook_path, data=chunks(), headers=headers)
    assert response.status == 413
    assert harness.telegram.sent() == []


async def test_the_webhook_refuses_get_and_a_missing_or_wrong_secret(harness):
    path = harness.runtime.settings.webhook_path
    assert (await harness.client.get(path)).status == 405
    for secret in (None, "wrong-secret"):
        response = await harness.post_update(updates.message("/help"), secret=secret)
        assert response.status == 401
    assert harness.telegram.sent() == []


# Malformed requests: aiohttp answers them before any middleware runs


async def raw_request(harness, request: bytes) -> bytes:
    """Send `request` on a fresh connection as it is (no client library to tidy it up); the whole answer."""
    reader, writer = await asyncio.open_connection(harness.client.host, harness.client.port)
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()


def head_of(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def assert_raw_security_headers(headers: dict[str, str]) -> None:
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def tracebacks(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


async def test_a_request_line_over_8_kb_gets_a_plain_400_with_the_security_headers(harness, caplog):
    secret_path = "/" + "a" * 9000 + "?token=SECRET-IN-URL"
    answer = await raw_request(harness, f"GET {secret_path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    status, headers, body = head_of(answer)
    assert status == 400
    assert_raw_security_headers(headers)
    assert b"aaaa" not in body and b"SECRET-IN-URL" not in body  # the URL is not echoed
    assert tracebacks(caplog) == []
    assert not [r for r in caplog.records if "SECRET-IN-URL" in r.getMessage() or len(r.getMessage()) > 1000]


@pytest.mark.parametrize(
    "request_line",
    [b"FOO\x01 / HTTP/1.1", b"G\xc3\xa9T / HTTP/1.1", b"GET / HTTP/9.9", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03"],
)
async def test_an_unknown_method_or_garbage_gets_a_400_with_the_security_headers(harness, caplog, request_line):
    status, headers, body = head_of(await raw_request(harness, request_line + b"\r\nHost: x\r\n\r\n"))
    assert status == 400
    assert_raw_security_headers(headers)
    assert tracebacks(caplog) == []


async def test_a_well_formed_request_still_works_on_the_raw_socket(harness):
    status, headers, body = head_of(
        await raw_request(harness, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    )
    assert status == 200
    assert_raw_security_headers(headers)


# Strict-Transport-Security


async def test_hsts_when_the_public_url_is_https(app_with):
    harness = await app_with(public_url="https://vip.example.com")
    for path in ("/", "/api/leaderboard", "/no/such/page"):
        response = await harness.client.get(path)
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


async def test_no_hsts_without_an_https_public_url(app_with):
    for public_url in (None, "http://vip.example.com"):
        harness = await app_with(public_url=public_url)
        assert "Strict-Transport-Security" not in (await harness.client.get("/")).headers


# What is not there


@pytest.mark.parametrize("path", ["/api/nothing", "/api/races/x/y", "/api/leaderboard/"])
async def test_an_unknown_api_path_gets_a_json_404(harness, path):
    response = await harness.client.get(path)
    assert response.status == 404
    assert response.content_type == "application/json"
    assert await response.json() == {"error": "not found"}
    assert_security_headers(response)


async def test_a_wrong_method_on_the_api_gets_json(harness):
    response = await harness.client.post("/api/leaderboard")
    assert response.status == 405
    assert response.content_type == "application/json"
    assert await response.json() == {"error": "method not allowed"}


@pytest.mark.parametrize("path", ["/static/nothing.css", "/static/a/b.js", "/static/../settings.py", "/static/"])
async def test_a_missing_static_file_gets_a_proper_404(harness, path):
    response = await harness.client.get(path)
    assert response.status == 404
    assert response.content_type == "text/html"
    assert "<h1>" in await response.text()
    assert_security_headers(response)


# The live socket's input


async def test_a_frame_nested_2000_deep_is_ignored_quietly(race_app, caplog):
    app = await race_app()
    async with app.client.ws_connect("/ws") as socket:
        assert (await socket.receive_json(timeout=10))["type"] == "snapshot"
        for frame in ("[" * 2000 + "]" * 2000, '{"a":' * 600 + "1" + "}" * 600, "[" * 4000):
            await socket.send_str(frame)
        await socket.send_json({"type": "resync"})  # still served
        again = await socket.receive_json(timeout=10)
        assert again["type"] == "snapshot"
    assert tracebacks(caplog) == []


async def test_a_socket_that_sends_too_fast_is_closed_politely(race_app, caplog):
    app = await race_app(ws_messages_per_minute=5)
    async with app.client.ws_connect("/ws") as socket:
        assert (await socket.receive_json(timeout=10))["type"] == "snapshot"
        for _ in range(5):
            await socket.send_json({"type": "resync"})
            assert (await socket.receive_json(timeout=10))["type"] == "snapshot"
        await socket.send_json({"type": "resync"})
        closing = await socket.receive(timeout=10)
        assert closing.type == aiohttp.WSMsgType.CLOSE
        assert closing.data == aiohttp.WSCloseCode.POLICY_VIOLATION and closing.extra == "too many messages"
    assert tracebacks(caplog) == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/players/%00",
        "/api/leaderboard?period=%00",
        "/races/%00",
        "/?lang=%00",
        "/api/races/1%00",
        "/static/%00%7B",
    ],
)
async def test_a_nul_in_the_address_finds_nothing(harness, path, caplog):
    """Found by tests/test_fuzz.py: PostgreSQL refused the NUL with an error, a 500."""
    response = await harness.client.get(path)
    assert response.status == 404
    assert tracebacks(caplog) == []
    if path.startswith("/api/"):
        assert await response.json() == {"error": "not found"}
