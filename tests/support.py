"""Helpers and constants shared by several test modules (conftest.py holds the fixtures and imports these).

Test modules import from here, never from each other or from conftest.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from models import clock
from models.race import race_at
from scheduler.goated import CircuitBreaker, GoatedClient, RetryPolicy
from settings import Settings
from tests import updates
from tests.fakes.goated import AFFILIATE_CODE, FakeGoated, player
from tests.fakes.telegram import FakeTelegram
from wiring.runtime import Runtime

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres")
REQUIRE_SERVICES = os.environ.get("GOATEDVIPS_REQUIRE_SERVICES") == "1"

BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
WEBHOOK_SECRET = "test-secret_123"
TABLES = (
    "custom_race_result",
    "custom_race",
    "race_series",
    "milestone_code",
    "milestone",
    "community_goal",
    "chat_post_delivery",
    "chat_post",
    "bot_chat",
    "month_player_total",
    "month_summary",
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
    "wager_proof",
    "race_rules",
    "upstream_token",
    "audit_log",
    "race_exclusion",
    "race_prizes",
    "verification_request",
    "telegram_user",
    "sync_run",
    "player",
)


def run_in_thread(coro) -> Any:
    """Run a coroutine to completion on its own loop, even when called from inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def service_missing(message: str) -> None:
    """Skip the test for want of a service (PostgreSQL, Redis, Chromium...), or fail it where CI requires them."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (GOATEDVIPS_REQUIRE_SERVICES=1: a missing service is an error here)")
    pytest.skip(message)


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
                name_display="full",
                # The features' tests link players through an admin's review; the wager proof has its own tests.
                verify_mode="review",  # the features' tests read whole names; tests/test_page.py covers masking
                # The sender's pacing is tested on its own; here it would only slow the tests down.
                telegram_messages_per_second=1000,
                telegram_chat_interval_seconds=0,
            ),
            **overrides,
        }
    )


def answers(calls) -> list[str]:
    """The texts of the button presses' answers (the small notices over the chat) among these Bot API calls."""
    return [c["text"] for c in calls if c.method == "answerCallbackQuery" and "text" in c]


# The public page's players (the `race_app` fixture syncs them).
PLAYERS = [
    player("u1", "LuckyGoat42", 10, 100, 900.5, 5000),
    player("u2", "NightOwl77", 20, 200, 500, 900),
    player("u3", "<script>alert(1)</script><b>Eve", 1, 1, 50, 60),
]

# November 2026's race, its players and its clock (the `race` fixture).
NOV = race_at(datetime(2026, 11, 15, tzinfo=UTC))
END = NOV.ends_at  # 2026-12-01 00:00 UTC
OWNER = updates.telegram_user(999, "Olga", "olga", "en")
ALICE = updates.telegram_user(111, "Alice", "alice", "en")
BRUNO = updates.telegram_user(222, "Bruno", "bruno", "es")


class Clock:
    """Moves the product's one clock (`models.clock`); conftest sets it back after each test."""

    def __init__(self) -> None:
        self.now = NOV.starts_at

    @property
    def now(self) -> datetime:
        return clock.now()

    @now.setter
    def now(self, moment: datetime) -> None:
        clock.set_now(moment)


async def sync_at(harness, when: datetime, **month_by_uid: float) -> None:
    harness.clock.now = when
    harness.goated.players = [
        player(uid, uid.title(), month=amount, all_time=amount + 1000) for uid, amount in month_by_uid.items()
    ]
    run = await harness.sync()
    assert run.outcome == "ok", run.error


async def link_players(race) -> None:
    await race.send("/start", user=OWNER)
    await sync_at(race, datetime(2026, 11, 20, tzinfo=UTC), alpha=500, beta=700, gamma=100)
    for user, name in ((ALICE, "Alpha"), (BRUNO, "Beta")):
        await race.send(f"/verify {name}", user=user)
    for request_id in (1, 2):
        await race.press(f"review:{request_id}:approve:", user=OWNER)
    race.telegram.calls.clear()


# The Telegram Login Widget's data, signed with Telegram's documented algorithm, written out independently of
# web/login.py: https://core.telegram.org/widgets/login#checking-authorization
WIDGET_USER = 4242
WIDGET_NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
TELEGRAM_KEY = hashlib.sha256(BOT_TOKEN.encode()).digest()


def sign(fields: dict[str, str], key: bytes = TELEGRAM_KEY) -> dict[str, str]:
    check_string = "\n".join(f"{name}={fields[name]}" for name in sorted(fields))
    return {**fields, "hash": hmac.new(key, check_string.encode(), hashlib.sha256).hexdigest()}


def widget_fields(user_id: int = WIDGET_USER, auth_date: datetime = WIDGET_NOW) -> dict[str, str]:
    """What the widget sends for a user with every optional field (a space, non-ASCII, a URL among them)."""
    return {
        "id": str(user_id),
        "first_name": "Paula María",
        "last_name": "O'Neil",
        "username": "paula",
        "photo_url": "https://t.me/i/userpic/320/abc.jpg?x=1&y=2",
        "auth_date": str(int(auth_date.timestamp())),
    }
