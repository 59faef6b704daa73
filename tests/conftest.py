"""Shared fixtures: a real database (PostgreSQL and SQLite), the fake servers, and the app wired to them.

PostgreSQL comes from TEST_POSTGRES_URL (an admin URL; a scratch database is created per run). Without a
server the PostgreSQL tests skip, except where GOATEDVIPS_REQUIRE_SERVICES=1 (CI sets it): then they fail.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from time import sleep

import asyncpg
import pytest
from tortoise import connections

from models import clock
from models.db import close_db, migrate, open_db
from tests.fakes.goated import FakeGoated
from tests.fakes.telegram import FakeTelegram
from tests.support import (
    PG_ADMIN_URL,
    PLAYERS,
    TABLES,
    Clock,
    Harness,
    fast_client,
    harness_settings,
    run_in_thread,
    service_missing,
)
from wiring.runtime import build_runtime

BOUNDARY_MARGIN = timedelta(minutes=2)


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
        service_missing(f"PostgreSQL not reachable at TEST_POSTGRES_URL: {error}")
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


@pytest.fixture
def race_app(app_with):
    """The whole app with some settings changed, and the public page's players (tests.support.PLAYERS) synced."""

    async def build(**overrides) -> Harness:
        harness = await app_with(**overrides)
        clock.set_now(clock.now())  # stopped: answers built at different instants (a socket's two messages) agree
        harness.goated.players = list(PLAYERS)
        await harness.sync()
        return harness

    return build


@pytest.fixture
async def race(harness):
    """The harness with its sync and race job on a clock the test moves."""
    harness.clock = Clock()  # type: ignore[attr-defined]
    return harness
