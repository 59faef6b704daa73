"""Prometheus metrics at /metrics and the one-JSON-object-per-line logs, seen from the outside.

The metrics registry is global to the process (as in production), so each test compares a scrape before
with a scrape after, never absolute values.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import aiohttp
import pytest
from aiohttp import web
from prometheus_client.parser import text_string_to_metric_families

from bot.sender import Outcome
from tests import updates
from tests.fakes.goated import SERVER_ERROR, player
from tests.processes import ROOT, free_port
from tests.support import BOT_TOKEN, WEBHOOK_SECRET
from web import metrics as web_metrics
from web.metrics import JsonAccessLogger
from wiring.logs import JsonFormatter, RedactSecrets

Samples = dict[tuple[str, frozenset], float]


async def scrape(client, base: str = "") -> Samples:
    response = await client.get(f"{base}/metrics")
    assert response.status == 200
    samples: Samples = {}
    for family in text_string_to_metric_families(await response.text()):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples


def delta(before: Samples, after: Samples, name: str, **labels: str) -> float:
    key = (name, frozenset(labels.items()))
    return after.get(key, 0.0) - before.get(key, 0.0)


# --- /metrics ---


async def test_metrics_count_pages_updates_syncs_and_messages(harness):
    before = await scrape(harness.client)

    harness.goated.players = [player("u1", "LuckyGoat42", month=500), player("u2", "NightOwl77", month=20)]
    run = await harness.sync()
    assert run.outcome == "ok"
    assert (await harness.client.get("/")).status == 200
    assert (await harness.client.get("/no/such/page")).status == 404
    [reply] = await harness.send("/leaderboard")
    assert "LuckyGoat42" in reply["text"]
    delivery = await harness.runtime.sender.send_message(111, "Your race position changed")
    assert delivery.outcome == Outcome.SENT

    response = await harness.client.get("/metrics")
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    text = await response.text()
    after = await scrape(harness.client)

    assert delta(before, after, "http_requests_total", route="/", method="GET", status="200") == 1
    assert delta(before, after, "http_request_duration_seconds_count", route="/") == 1
    # A 404 is labelled "unmatched", never with its raw path (clients could mint unbounded label values).
    assert delta(before, after, "http_requests_total", route="unmatched", method="GET", status="404") == 1
    assert "/no/such/page" not in text
    webhook = harness.runtime.settings.webhook_path
    assert delta(before, after, "http_requests_total", route=webhook, method="POST", status="200") == 1
    assert delta(before, after, "telegram_updates_total", outcome="handled") == 1
    assert delta(before, after, "telegram_updates_total", outcome="failed") == 0
    assert delta(before, after, "telegram_update_duration_seconds_count") == 1
    assert delta(before, after, "sync_runs_total", outcome="ok") == 1
    assert delta(before, after, "sync_duration_seconds_count") == 1
    assert delta(before, after, "telegram_messages_total", outcome="sent") == 1
    assert 'sync_runs_total{outcome="rejected"}' in text  # every outcome's series exists from the start
    assert "websocket_connections" in text


async def test_failed_update_and_failed_sync_are_counted_and_logged(harness, caplog):
    before = await scrape(harness.client)
    caplog.set_level(logging.INFO)
    # The reply fails, and so does the errors router's apology: the update is answered (200), but failed.
    harness.telegram.fail_next("sendMessage", 400, "Bad Request: chat not found", times=2)
    response = await harness.post_update(updates.message("/leaderboard"))
    assert response.status == 200
    harness.goated.then(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR)
    run = await harness.sync()
    assert run.outcome == "failed"
    after = await scrape(harness.client)

    assert delta(before, after, "telegram_updates_total", outcome="failed") == 1
    assert delta(before, after, "telegram_updates_total", outcome="handled") == 0
    assert delta(before, after, "sync_runs_total", outcome="failed") == 1
    assert delta(before, after, "sync_runs_total", outcome="ok") == 0

    [update_line] = [r for r in caplog.records if r.name == "web.webhook"]
    assert (update_line.outcome, update_line.kind, update_line.error) == ("failed", "message", "TelegramBadRequest")
    [sync_line] = [r for r in caplog.records if r.name == "scheduler.sync"]
    assert (sync_line.sync_run, sync_line.outcome, sync_line.players, sync_line.changed) == (run.id, "failed", 0, 0)


async def test_metrics_with_a_token_answer_only_the_scraper_that_sends_it(app_with):
    harness = await app_with(metrics_token="s3cret-scrape")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret-scrape"}):
        refused = await harness.client.get("/metrics", headers=headers)
        assert refused.status == 401 and refused.headers["WWW-Authenticate"] == "Bearer"
        assert "http_requests_total" not in await refused.text()
    reader, writer = await asyncio.open_connection(harness.client.host, harness.client.port)
    writer.write(b"GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\r\nConnection: close\r\n\r\n")
    assert (await reader.readline()).startswith(b"HTTP/1.1 401 ")  # bytes that are not UTF-8: refused, not a 500
    writer.close()
    await writer.wait_closed()
    allowed = await harness.client.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape"})
    assert allowed.status == 200 and "http_requests_total" in await allowed.text()


async def test_request_metrics_use_route_templates_and_the_status_of_raised_errors(aiohttp_client):
    async def item(request: web.Request) -> web.Response:
        raise web.HTTPForbidden()

    async def boom(request: web.Request) -> web.Response:
        raise RuntimeError("bug")

    app = web.Application()
    app.router.add_get("/items/{id}", item)
    app.router.add_get("/boom", boom)
    web_metrics.install(app)
    client = await aiohttp_client(app)
    before = await scrape(client)

    assert (await client.get("/items/123")).status == 403
    assert (await client.get("/items/456")).status == 403
    assert (await client.get("/boom")).status == 500
    assert (await client.request("PROPFIND", "/boom")).status == 405
    after = await scrape(client)

    assert delta(before, after, "http_requests_total", route="/items/{id}", method="GET", status="403") == 2
    assert delta(before, after, "http_requests_total", route="/boom", method="GET", status="500") == 1
    assert delta(before, after, "http_requests_total", route="unmatched", method="other", status="405") == 1
    assert delta(before, after, "http_requests_total", route="/metrics", method="GET", status="200") == 1
    assert not [key for key in after if ("route", "/items/123") in key[1]]


# --- JSON log lines ---


def format_line(formatter: logging.Formatter, record: logging.LogRecord) -> dict:
    line = formatter.format(record)
    assert "\n" not in line
    return json.loads(line)


def test_json_line_has_the_standard_keys_and_the_structured_fields():
    record = logging.LogRecord("scheduler.sync", logging.INFO, __file__, 1, "sync %d ok:\n%d players", (7, 2), None)
    record.__dict__.update(
        sync_run=7, outcome="ok", players=2, changed=1, duration_ms=12, amount=Decimal("1.5"), _private="x"
    )  # a Decimal is not JSON: left out
    entry = format_line(JsonFormatter(), record)

    assert entry == {
        "ts": entry["ts"],
        "level": "INFO",
        "logger": "scheduler.sync",
        "message": "sync 7 ok:\n2 players",
        "sync_run": 7,
        "outcome": "ok",
        "players": 2,
        "changed": 1,
        "duration_ms": 12,
    }
    ts = datetime.fromisoformat(entry["ts"])
    assert ts.utcoffset() == timedelta(0) and abs(datetime.now(UTC) - ts) < timedelta(minutes=1)


def test_json_line_carries_the_traceback():
    try:
        raise ValueError("bad figure")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "sync failed", (), sys.exc_info())
    entry = format_line(JsonFormatter(), record)
    assert entry["message"] == "sync failed" and entry["level"] == "ERROR"
    assert entry["exc"].startswith("Traceback") and "ValueError: bad figure" in entry["exc"]


def test_secrets_never_reach_a_json_line():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactSecrets([BOT_TOKEN, WEBHOOK_SECRET]))
    logger = logging.getLogger("tests.observability.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    url = f"https://api.telegram.org/bot{BOT_TOKEN}/sendMessage"
    try:
        logger.error("POST %s failed", url)
        try:
            raise aiohttp.ClientError(f"Cannot connect to {url}")
        except aiohttp.ClientError:
            logger.exception("Telegram is unreachable")
        logger.info("request", extra={"path": f"/hook/{WEBHOOK_SECRET}", "status": 200})
    finally:
        logger.removeHandler(handler)

    output = stream.getvalue()
    assert BOT_TOKEN not in output and WEBHOOK_SECRET not in output
    message, failure, request = [json.loads(line) for line in output.splitlines()]
    assert message["message"] == "POST https://api.telegram.org/bot***/sendMessage failed"
    assert failure["message"] == "Telegram is unreachable"
    assert "ClientError: Cannot connect to https://api.telegram.org/bot***/sendMessage" in failure["exc"]
    assert request["path"] == "/hook/***" and request["status"] == 200


async def test_update_log_line_is_structured(harness, caplog):
    caplog.set_level(logging.INFO, logger="web.webhook")
    update = updates.message("/leaderboard")
    await harness.post_update(update)

    [record] = [r for r in caplog.records if r.name == "web.webhook"]
    entry = format_line(JsonFormatter(), record)
    assert entry["update_id"] == update["update_id"] and entry["kind"] == "message"
    assert entry["outcome"] == "handled" and entry["duration_ms"] >= 0
    assert entry["level"] == "INFO" and entry["logger"] == "web.webhook"


async def test_sync_log_line_is_structured(harness, caplog):
    caplog.set_level(logging.INFO, logger="scheduler.sync")
    harness.goated.players = [player("u1", "LuckyGoat42", month=500), player("u2", "Idle")]
    run = await harness.sync()

    [record] = [r for r in caplog.records if r.name == "scheduler.sync"]
    entry = format_line(JsonFormatter(), record)
    assert {key: entry[key] for key in ("sync_run", "outcome", "players", "changed")} == {
        "sync_run": run.id,
        "outcome": "ok",
        "players": 2,
        "changed": 2,
    }
    assert entry["duration_ms"] == run.duration_ms


async def test_access_log_is_one_structured_line_per_request(aiohttp_server, caplog):
    async def hello(request: web.Request) -> web.Response:
        return web.Response(text="hi")

    app = web.Application()
    app.router.add_get("/hello", hello)
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    server = await aiohttp_server(
        app, access_log_class=JsonAccessLogger, access_log=logging.getLogger("aiohttp.access")
    )
    async with aiohttp.ClientSession() as session, session.get(server.make_url("/hello?token=abc")) as response:
        assert response.status == 200
    for _ in range(100):  # aiohttp logs just after the response is written
        if any(r.name == "aiohttp.access" for r in caplog.records):
            break
        await asyncio.sleep(0.01)

    [record] = [r for r in caplog.records if r.name == "aiohttp.access"]
    entry = format_line(JsonFormatter(), record)
    assert {key: entry[key] for key in ("level", "method", "path", "status", "remote")} == {
        "level": "INFO",
        "method": "GET",
        "path": "/hello",
        "status": 200,
        "remote": "127.0.0.1",
    }
    assert isinstance(entry["duration_ms"], float)
    assert "token=abc" not in json.dumps(entry)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
async def test_the_running_product_writes_json_lines(tmp_path):
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_", "GOATED_", "DATABASE_", "LOG_"))
    }
    env.update(PORT=str(port), DATABASE_URL=f"sqlite://{tmp_path}/demo.sqlite3")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        async with aiohttp.ClientSession() as session:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    async with session.get(f"http://127.0.0.1:{port}/health") as response:
                        health = await response.json()
                    if health["sync"] and health["sync"]["last_outcome"] == "ok":
                        break
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.3)
            async with session.get(f"http://127.0.0.1:{port}/?ref=x") as response:
                assert response.status == 200
            scraped = await scrape(session, f"http://127.0.0.1:{port}")
            assert (
                scraped[("http_requests_total", frozenset({"route": "/", "method": "GET", "status": "200"}.items()))]
                == 1
            )
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output

    lines = [json.loads(line) for line in output.splitlines() if line.strip()]  # every line is JSON
    assert all({"ts", "level", "logger", "message"} <= line.keys() for line in lines)
    [page] = [line for line in lines if line["logger"] == "aiohttp.access" and line["path"] == "/"]
    assert page["method"] == "GET" and page["status"] == 200 and page["remote"] == "127.0.0.1"
    syncs = [line for line in lines if line["logger"] == "scheduler.sync" and line.get("outcome") == "ok"]
    assert syncs and syncs[0]["players"] > 0 and isinstance(syncs[0]["duration_ms"], int)
