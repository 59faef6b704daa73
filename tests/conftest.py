"""Shared fixtures: a real database (PostgreSQL and SQLite), the fake servers, and the app wired to them.

PostgreSQL comes from TEST_POSTGRES_URL (an admin URL; a scratch database is created per run). Without a
server the PostgreSQL tests skip, except where GOATEDVIPS_REQUIRE_SERVICES=1 (CI sets it): then they fail.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from time import sleep
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from tortoise import connections

from models import clock
from models.db import close_db, migrate, open_db
from scheduler.goated import CircuitBreaker, GoatedClient, RetryPolicy
from settings import Settings
from tests import updates
from tests.fakes.goated import AFFILIATE_CODE, FakeGoated
from tests.fakes.telegram import FakeTelegram
from wiring.runtime import Runtime, build_runtime

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres")
REQUIRE_SERVICES = os.environ.get("GOATEDVIPS_REQUIRE_SERVICES") == "1"
BOUNDARY_MARGIN = timedelta(minutes=2)

BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
WEBHOOK_SECRET = "test-secret_123"
TABLES = (
    "prize_code",
    "challenge_entry",
    "challenge",
    "bonus_claim",
    "bonus_code",
    "notification",
    "race_result",
    "finished_race",
    "wager_snapshot",
    "broadcast_delivery",
    "broadcast",
    "review_card",
    "audit_log",
    "race_exclusion",
    "race_prizes",
    "verification_request",
    "telegram_user",
    "sync_run",
    "player",
)


@pytest.fixture(autouse=True)
def wall_clock():
    """Every test starts and ends on the wall clock, whatever it set; none starts just before midnight UTC.

    Tests that do not set the clock read "today" and the race's month from the wall clock at several moments
    (the sync, then the answer). A day or month boundary between those is a different story, told by the
    tests that set the clock; so a test about to start within BOUNDARY_MARGIN of midnight (the longest test
    takes about a minute) waits until the day has turned, at most once a run.
    """
    wall = datetime.now(UTC)
    next_midnight = datetime.combine(wall.date() + timedelta(days=1), datetime.min.time(), UTC)
    if next_midnight - wall < BOUNDARY_MARGIN:
        sleep((next_midnight - wall).total_seconds() + 1)
    clock.set_now(None)
    clock.run_ahead(timedelta(0))
    yield
    clock.set_now(None)
    clock.run_ahead(timedelta(0))


def run_in_thread(coro) -> Any:
    """Run a coroutine to completion on its own loop, even when called from inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _service_missing(message: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (GOATEDVIPS_REQUIRE_SERVICES=1: a missing service is an error here)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_url():
    """A migrated scratch PostgreSQL database for this test run."""
    name = f"goatedvips_test_{os.getpid()}"
    base = PG_ADMIN_URL.rsplit("/", 1)[0]

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    try:
        run_in_thread(admin(f'DROP DATABASE IF EXISTS "{name}"'))
    except (OSError, asyncpg.PostgresError) as error:
        _service_missing(f"PostgreSQL not reachable at TEST_POSTGRES_URL: {error}")
    run_in_thread(admin(f'CREATE DATABASE "{name}"'))
    url = f"{base}/{name}"
    run_in_thread(migrate(url))
    yield url
    run_in_thread(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def postgres_admin_url(postgres_url) -> str:
    return PG_ADMIN_URL


@pytest.fixture(params=["postgres", "sqlite"])
async def database(request, tmp_path) -> str:
    """An empty, migrated database, opened for the ORM: each test runs once per engine."""
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        await open_db(url)
        await connections.get("default").execute_script(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    else:
        url = f"sqlite://{tmp_path}/test.sqlite3"
        await migrate(url)
        await open_db(url)
    yield url
    await close_db()


@pytest.fixture
async def fake_telegram(aiohttp_server) -> FakeTelegram:
    fake = FakeTelegram()
    server = await aiohttp_server(fake.app())
    fake.url = str(server.make_url("")).rstrip("/")  # type: ignore[attr-defined]
    return fake


@pytest.fixture
async def fake_goated(aiohttp_server) -> FakeGoated:
    fake = FakeGoated()
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("/user"))  # type: ignore[attr-defined]
    return fake


def make_settings(**overrides: Any) -> Settings:
    return Settings(_env_file=None, **overrides)  # type: ignore[call-arg]


def fast_client(fake_goated: FakeGoated, **kwargs: Any) -> GoatedClient:
    """A Goated client pointed at the fake, with retry delays short enough for tests."""
    kwargs.setdefault("retry", RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05))
    kwargs.setdefault("breaker", CircuitBreaker(threshold=5, cooldown=60))
    kwargs.setdefault("timeout", 2.0)
    return GoatedClient(fake_goated.base_url, AFFILIATE_CODE, **kwargs)  # type: ignore[attr-defined]


@dataclass
class Harness:
    """The whole app on a test client, its bot in webhook mode against the fake Bot API."""

    runtime: Runtime
    client: TestClient
    telegram: FakeTelegram
    goated: FakeGoated

    async def post_update(self, update: dict, secret: str | None = WEBHOOK_SECRET):
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        response = await self.client.post(self.runtime.settings.webhook_path, json=update, headers=headers)
        if self.runtime.notifier is not None:
            await self.runtime.notifier.idle()  # the messages the update sent in the background
        return response

    async def send(self, text: str, **kwargs: Any) -> list:
        """Post a message update; return the bot's sendMessage calls that it caused."""
        before = len(self.telegram.sent())
        response = await self.post_update(updates.message(text, **kwargs))
        assert response.status == 200, await response.text()
        return self.telegram.sent()[before:]

    async def press(self, data: str, user: dict, message_id: int = 1, text: str = "…") -> list:
        """Post a button press; return every Bot API call it caused."""
        before = len(self.telegram.calls)
        response = await self.post_update(updates.callback(data, message_id=message_id, user=user, text=text))
        assert response.status == 200, await response.text()
        return self.telegram.calls[before:]

    async def sync(self):
        return await self.runtime.sync.run_once()


def harness_settings(database: str, fake_telegram: FakeTelegram, fake_goated: FakeGoated, **overrides: Any) -> Settings:
    return make_settings(
        **{
            **dict(
                database_url=database,
                bot_token=BOT_TOKEN,
                telegram_api_url=fake_telegram.url,  # type: ignore[attr-defined]
                webhook_base_url="https://bot.example.com",
                webhook_secret=WEBHOOK_SECRET,
                goated_api_url=fake_goated.base_url,  # type: ignore[attr-defined]
                goated_affiliate_code=AFFILIATE_CODE,
                admin_ids="999",
                race_timezone="UTC",  # the tests' dates are UTC's, whatever RACE_TIMEZONE the shell has
                name_display="full",  # the features' tests read whole names; tests/test_page.py covers masking
                # The sender's pacing is tested on its own; here it would only slow the tests down.
                telegram_messages_per_second=1000,
                telegram_chat_interval_seconds=0,
            ),
            **overrides,
        }
    )


@pytest.fixture
async def app_with(database, fake_telegram, fake_goated, aiohttp_client):
    """Build the whole app, its bot in webhook mode against the fake Bot API, with settings overrides."""
    runtimes = []

    async def build(**overrides) -> Harness:
        settings = harness_settings(database, fake_telegram, fake_goated, **overrides)
        runtime = build_runtime(settings, manage_database=False, run_scheduler=False, source=fast_client(fake_goated))
        runtimes.append(runtime)
        return Harness(runtime, await aiohttp_client(runtime.web_app), fake_telegram, fake_goated)

    yield build
    for runtime in runtimes:
        await runtime.source.close()


@pytest.fixture
async def harness(app_with) -> Harness:
    """The whole app on the test settings."""
    return await app_with()
