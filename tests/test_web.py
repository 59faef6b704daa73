"""The page, the JSON API and /health through aiohttp's test client."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest
from aiohttp import web

from models.db import close_db, open_db
from models.tables import SyncOutcome, SyncRun
from tests.fakes.goated import SERVER_ERROR, player
from web.metrics import JsonAccessLogger, RoutineSample


@pytest.fixture
async def synced(harness):
    harness.goated.players = [
        player("u1", "LuckyGoat42", 412.66138, 6120.4483, 128944.2771, 171302.9055),
        player("u2", "NightOwl77", 1, 2, 3.005, 4),
        player("u3", "Idle"),
    ]
    await harness.sync()
    return harness


async def test_api_leaderboard(synced):
    response = await synced.client.get("/api/leaderboard?period=month&limit=5")
    assert response.status == 200
    body = await response.json()
    assert body["period"] == "month" and body["demo"] is False and body["updated_at"]
    assert body["entries"] == [
        {"rank": 1, "uid": "u1", "name": "LuckyGoat42", "wagered": "128944.28"},
        {"rank": 2, "uid": "u2", "name": "NightOwl77", "wagered": "3.01"},
    ]


async def test_api_leaderboard_defaults_and_periods(synced):
    body = await (await synced.client.get("/api/leaderboard")).json()
    assert body["period"] == "month" and len(body["entries"]) == 2
    body = await (await synced.client.get("/api/leaderboard?period=all_time&limit=1")).json()
    assert body["entries"] == [{"rank": 1, "uid": "u1", "name": "LuckyGoat42", "wagered": "171302.91"}]


@pytest.mark.parametrize(
    "query, message",
    [
        ("period=yesterday", "period must be one of"),
        ("limit=0", "limit must be"),
        ("limit=101", "limit must be"),
        ("limit=ten", "limit must be"),
        ("limit=-3", "limit must be"),
    ],
)
async def test_api_leaderboard_bad_parameters_get_400(synced, query, message):
    response = await synced.client.get(f"/api/leaderboard?{query}")
    assert response.status == 400
    assert message in (await response.json())["error"]


async def test_page_shows_this_months_top(synced):
    response = await synced.client.get("/")
    assert response.status == 200
    html = await response.text()
    assert "Monthly wager race" in html
    assert html.index("LuckyGoat42") < html.index("NightOwl77")
    assert "$128,944.28" in html
    assert "Idle" not in html
    assert "Demo data" not in html


async def test_page_escapes_names_from_the_upstream(harness):
    harness.goated.players = [player("x", '<script>alert("x")</script><b>Eve', month=5)]
    await harness.sync()
    html = await (await harness.client.get("/")).text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;Eve" in html


async def test_health_reports_sync_state(synced):
    response = await synced.client.get("/health")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"reachable": True}
    assert body["bot"] == {"mode": "webhook", "webhook_url": "https://bot.example.com/telegram/webhook"}
    assert body["scheduler"] == {"running": False, "leader": True}  # the tests run syncs by hand
    assert body["live"]["connections"] == 0
    async with synced.client.ws_connect("/ws") as socket:
        await socket.receive_json(timeout=10)
        assert (await (await synced.client.get("/health")).json())["live"]["connections"] == 1
    assert body["upstream"] == {"source": "goated", "state": "ok"}
    assert body["sync"]["last_outcome"] == "ok" and body["sync"]["age_seconds"] < 60
    assert body["version"]


async def test_health_shows_an_upstream_failure_and_keeps_the_data(synced):
    synced.goated.then(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR)
    await synced.sync()
    body = await (await synced.client.get("/health")).json()
    assert body["sync"]["last_outcome"] == "failed"
    assert "HTTP 500" in body["sync"]["last_error"]
    assert body["sync"]["last_success_at"] is not None
    assert body["upstream"]["state"] == "failing"
    entries = (await (await synced.client.get("/api/leaderboard")).json())["entries"]
    assert [e["name"] for e in entries] == ["LuckyGoat42", "NightOwl77"]


async def test_health_is_degraded_when_data_is_old(synced):
    from datetime import UTC, datetime, timedelta

    await SyncRun.filter(outcome=SyncOutcome.OK).update(finished_at=datetime.now(UTC) - timedelta(hours=1))
    body = await (await synced.client.get("/health")).json()
    assert body["status"] == "degraded"


async def test_health_the_page_and_the_api_say_503_when_the_database_is_unreachable(harness):
    await close_db()
    await open_db("postgres://nobody:nothing@127.0.0.1:9/unreachable")  # a port where nothing listens
    response = await harness.client.get("/health")
    assert response.status == 503
    body = await response.json()
    assert body["status"] == "unavailable" and body["database"] == {"reachable": False}
    page = await harness.client.get("/", headers={"Accept-Language": "es"})
    assert page.status == 503 and page.headers["Retry-After"] == "5"
    assert "La clasificación no está disponible por un momento." in await page.text()
    api = await harness.client.get("/api/leaderboard")
    assert api.status == 503 and (await api.json())["error"] == "the database is unavailable; try again shortly"


@pytest.mark.parametrize("limit", ["²", "1" * 5000, "1e3", " 5"])
async def test_api_leaderboard_odd_limits_get_400(harness, limit):
    response = await harness.client.get("/api/leaderboard", params={"limit": limit})
    assert response.status == 400


async def test_the_access_log_samples_routine_answers_and_writes_every_other(aiohttp_server, caplog, monkeypatch):
    """A documented choice (web/metrics.py): the page's and its API's 200s and 304s, one line a second per path and
    status, with how many were not written; every error, other route and other method, always."""

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="page")

    class Clock:
        now = 100.0

        def __call__(self) -> float:
            return self.now

    clock = Clock()
    monkeypatch.setattr(JsonAccessLogger, "routine", RoutineSample(clock))
    app = web.Application()
    app.router.add_get("/", page)
    app.router.add_get("/races", page)
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    server = await aiohttp_server(
        app, access_log_class=JsonAccessLogger, access_log=logging.getLogger("aiohttp.access")
    )
    async with aiohttp.ClientSession() as session:

        async def get(path: str, method: str = "GET") -> None:
            async with session.request(method, server.make_url(path)) as response:
                await response.read()

        for path in ("/", "/", "/", "/races", "/races", "/nothing", "/nothing"):
            await get(path)
        await get("/", "HEAD")
        clock.now += 1
        await get("/")
        for _ in range(100):  # aiohttp logs just after the response is written
            if len([r for r in caplog.records if r.name == "aiohttp.access"]) >= 7:
                break
            await asyncio.sleep(0.01)
    lines = [
        (r.method, r.path, r.status, getattr(r, "unwritten", None))
        for r in caplog.records
        if r.name == "aiohttp.access"
    ]
    assert lines == [
        ("GET", "/", 200, 0),
        ("GET", "/races", 200, None),
        ("GET", "/races", 200, None),
        ("GET", "/nothing", 404, None),
        ("GET", "/nothing", 404, None),
        ("HEAD", "/", 200, None),
        ("GET", "/", 200, 2),  # the next second's first, and the two not written before it
    ]
