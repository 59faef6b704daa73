"""The product as a newcomer runs it, and the bot in long-polling mode."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time

import aiohttp

from tests import updates
from tests.processes import ROOT, free_port
from tests.support import BOT_TOKEN, fast_client, make_settings
from wiring.runtime import build_runtime


async def test_embedded_default_serves_demo_data_and_stops_cleanly_on_sigterm(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_", "GOATED_", "DATABASE_"))}
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
            health, board = None, None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    async with session.get(f"http://127.0.0.1:{port}/health") as response:
                        health = await response.json()
                    if health["sync"] and health["sync"]["last_outcome"] == "ok":
                        async with session.get(f"http://127.0.0.1:{port}/api/leaderboard") as response:
                            board = await response.json()
                        break
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.3)
        assert health and health["status"] == "ok" and health["bot"]["mode"] == "off", health
        assert board["demo"] is True and len(board["entries"]) == 10
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    assert "BOT_TOKEN is not set" in output
    assert "Traceback" not in output


async def test_long_polling_answers_updates(database, fake_telegram, fake_goated, aiohttp_client):
    settings = make_settings(database_url=database, bot_token=BOT_TOKEN, telegram_api_url=fake_telegram.url)
    runtime = build_runtime(settings, manage_database=False, run_scheduler=False, source=fast_client(fake_goated))
    await aiohttp_client(runtime.web_app)  # runs the app's start-up: polling begins

    fake_telegram.push_update(updates.message("/leaderboard"))
    [reply] = await fake_telegram.wait_for("sendMessage")

    assert "Top 10 — This month" in reply["text"]
    assert fake_telegram.sent("deleteWebhook") and not fake_telegram.sent("setWebhook")
    await runtime.source.close()


async def test_polling_survives_telegram_being_unreachable_at_start(
    database, fake_telegram, fake_goated, aiohttp_client
):
    settings = make_settings(database_url=database, bot_token=BOT_TOKEN, telegram_api_url=fake_telegram.url)
    fake_telegram.fail_next("getMe", 502, "Bad Gateway")  # aiogram's first call before polling
    runtime = build_runtime(settings, manage_database=False, run_scheduler=False, source=fast_client(fake_goated))
    await aiohttp_client(runtime.web_app)

    fake_telegram.push_update(updates.message("/leaderboard"))
    [reply] = await fake_telegram.wait_for("sendMessage", timeout=10)
    assert "Top 10" in reply["text"]
    assert len(fake_telegram.sent("getMe")) >= 2  # the first failed; polling started again
    await runtime.source.close()


def test_secrets_are_redacted_from_log_lines():
    from wiring.logs import RedactSecrets

    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "POST %s failed", (f"http://h/bot{BOT_TOKEN}/getMe",), None
    )
    RedactSecrets([BOT_TOKEN]).filter(record)
    assert BOT_TOKEN not in record.getMessage() and "/bot***/getMe" in record.getMessage()
