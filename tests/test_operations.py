"""Running for months: the Goated token rotated from the bot, its expiry warnings, /status, /health's
operational fields and the owners' outage alerts. End to end through the webhook, on both databases, with
the product's clock moved by the test."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from models import clock
from models.tables import Role, SyncOutcome, TelegramUser, UpstreamToken
from tests import updates
from tests.fakes.goated import player
from tests.processes import ROOT, RedisServer, free_port, replica_env
from tests.support import BOT_TOKEN, OWNER, WEBHOOK_SECRET

KEY = "a-long-random-token-encryption-key"
ADMIN = updates.telegram_user(555, "Ada", "ada", "en")  # an admin, not an owner
T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def jwt(expires_at: datetime, subject: str = "affiliate") -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part({'sub': subject, 'exp': int(expires_at.timestamp())})}.c2ln"


def to_owner(harness, containing: str) -> list[str]:
    return [c["text"] for c in harness.telegram.sent() if str(c["chat_id"]) == "999" and containing in c["text"]]


async def deliver(harness) -> None:
    await harness.runtime.notifier.deliver_pending()  # what the race job does every 30 s


async def tick(harness) -> None:
    await harness.runtime.operations.watch.tick()  # what the watch does about once a minute


async def make_admin(harness, user: dict) -> None:
    await harness.send("/start", user=user)
    await TelegramUser.filter(id=user["id"]).update(role=Role.ADMIN)


def logged(caplog) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        if record.exc_info:
            lines.append(logging.Formatter().formatException(record.exc_info))
        lines.extend(str(value) for value in vars(record).values())
    return "\n".join(lines)


async def test_an_owner_replaces_a_refused_token_from_the_bot_and_the_next_sync_uses_it(app_with, caplog):
    caplog.set_level(logging.DEBUG)
    harness = await app_with(token_encryption_key=KEY, goated_api_token="the-old-token-123")
    await harness.send("/start", user=OWNER)
    await make_admin(harness, ADMIN)
    new_token = jwt(clock.now() + timedelta(hours=20))
    harness.goated.required_token = new_token  # Goated accepts only the new login token
    harness.goated.players = [player("u1", "LuckyGoat", month=1_000)]

    run = await harness.sync()
    assert run.outcome == SyncOutcome.FAILED and "401" in (run.error or "")
    assert harness.goated.requests[-1]["Authorization"] == "Bearer the-old-token-123"
    for _ in range(5):  # the circuit opens: Goated is not called until its cooldown is over...
        await harness.sync()
    assert harness.runtime.source.state == "circuit_open"
    await deliver(harness)
    [alert] = to_owner(harness, "Goated refused the API token")
    assert "/token YOUR_TOKEN" in alert  # with how to send a new one

    # An admin who is not an owner: /token is an unknown command, and nothing is stored.
    [refused] = await harness.send(f"/token {new_token}", user=ADMIN)
    assert "I don't know that command" in refused["text"]
    assert await UpstreamToken.all().count() == 0

    # A new token that Goated refuses as well is told too (once).
    await harness.send("/token a-wrong-token-again", user=OWNER)
    for _ in range(2):
        assert (await harness.sync()).outcome == SyncOutcome.FAILED
    await deliver(harness)
    assert len(to_owner(harness, "Goated refused the API token")) == 2

    update = updates.message(f"/token {new_token}", user=OWNER)
    response = await harness.post_update(update)
    assert response.status == 200
    deleted = harness.telegram.sent("deleteMessage")[-1]
    assert (int(deleted["chat_id"]), int(deleted["message_id"])) == (999, update["message"]["message_id"])
    answer = to_owner(harness, "New Goated token saved")[-1]
    assert "expires at" in answer and ("(in 19h 59m)" in answer or "(in 20h 0m)" in answer)

    run = await harness.sync()  # ...or until a new token comes: it is tried at once
    assert run.outcome == SyncOutcome.OK and run.players_received == 1
    assert harness.goated.requests[-1]["Authorization"] == f"Bearer {new_token}"

    row = await UpstreamToken.all().order_by("-id").first()
    assert row is not None and row.ciphertext and row.set_by == 999
    assert new_token not in row.ciphertext  # stored encrypted
    assert row.expires_at is not None
    assert all(new_token not in c.params.get("text", "") for c in harness.telegram.calls)  # never echoed
    assert new_token not in logged(caplog)  # never logged

    [cleared] = await harness.send("/token clear", user=OWNER)
    assert "cleared" in cleared["text"]
    await harness.sync()
    assert "Authorization" not in harness.goated.requests[-1]


async def test_a_token_that_is_not_a_jwt_is_accepted_with_its_expiry_unknown(app_with):
    harness = await app_with(token_encryption_key=KEY)
    await harness.send("/start", user=OWNER)
    [answer] = await harness.send("/token plain-opaque-token-42", user=OWNER)
    assert "New Goated token saved" in answer["text"] and "expiry unknown" in answer["text"]
    assert "plain-opaque-token-42" not in answer["text"]
    await harness.sync()
    assert harness.goated.requests[-1]["Authorization"] == "Bearer plain-opaque-token-42"


async def test_without_an_encryption_key_the_token_is_not_stored_and_the_owner_is_told_why(harness):
    await harness.send("/start", user=OWNER)
    [answer] = await harness.send("/token some-token-value-1", user=OWNER)
    assert "TOKEN_ENCRYPTION_KEY" in answer["text"]
    assert harness.telegram.sent("deleteMessage")  # deleted all the same
    assert await UpstreamToken.all().count() == 0


async def test_owners_are_warned_once_two_hours_and_once_fifteen_minutes_before_the_token_expires(app_with):
    harness = await app_with(token_encryption_key=KEY)
    clock.set_now(T0)
    await harness.send("/start", user=OWNER)
    expires = T0 + timedelta(hours=5)
    await harness.send(f"/token {jwt(expires)}", user=OWNER)

    async def warnings_at(moment: datetime) -> list[str]:
        clock.set_now(moment)
        await tick(harness)
        await tick(harness)  # a second round (or another replica) owes nothing more
        return to_owner(harness, "token expires in about")

    assert await warnings_at(expires - timedelta(hours=3)) == []
    assert await warnings_at(expires - timedelta(hours=2, minutes=1)) == []
    [two_hours] = await warnings_at(expires - timedelta(hours=1, minutes=59))
    assert "2 hours" in two_hours and "2026-11-20 17:00 UTC" in two_hours and "/token YOUR_TOKEN" in two_hours
    assert len(await warnings_at(expires - timedelta(minutes=16))) == 1
    warnings = await warnings_at(expires - timedelta(minutes=14))
    assert len(warnings) == 2 and "15 minutes" in warnings[1]
    assert len(await warnings_at(expires - timedelta(minutes=1))) == 2
    assert len(await warnings_at(expires + timedelta(minutes=1))) == 2

    # A new token is a new expiry: warned again when its time comes.
    later = expires + timedelta(hours=24)
    await harness.send(f"/token {jwt(later)}", user=OWNER)
    assert len(await warnings_at(later - timedelta(minutes=10))) == 3  # only the nearest warning, not both


async def test_status_shows_the_syncs_the_token_expiry_the_webhook_and_the_queues(app_with):
    harness = await app_with(token_encryption_key=KEY)
    clock.set_now(T0)
    await harness.send("/start", user=OWNER)
    await harness.send(f"/token {jwt(T0 + timedelta(hours=3))}", user=OWNER)
    harness.goated.players = [player("u1", "LuckyGoat", month=1_000), player("u2", "NightOwl", month=5)]
    await harness.sync()
    harness.telegram.webhook_info.update(
        url="https://bot.example.com/telegram/webhook",
        pending_update_count=7,
        last_error_date=int((T0 - timedelta(minutes=3)).timestamp()),
        last_error_message="Connection timed out",
    )

    [reply] = await harness.send("/status", user=OWNER)
    text = reply["text"]
    assert "Goated: ok" in text
    assert "set with /token, expires at 2026-11-20 15:00 UTC (in 3h 0m)" in text
    assert "#1 ok" in text and "2 players, 2 changed" in text
    assert "https://bot.example.com/telegram/webhook · 7 updates waiting" in text
    assert "last error at 2026-11-20 11:57 UTC: Connection timed out" in text
    assert "Waiting: 0 notifications, 0 broadcast messages" in text
    assert "scheduler leader: this replica" in text and "Redis: not used" in text
    assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "ops:status"

    harness.telegram.webhook_info.update(pending_update_count=0)
    calls = await harness.press("ops:status", user=OWNER, message_id=42)
    [edit] = [c for c in calls if c.method == "editMessageText"]
    assert "0 updates waiting" in edit["text"]

    harness.runtime.leadership.leading = False  # as a follower sees it: Goated is the leader's to call
    harness.runtime.source.state = "unknown"
    [follower] = await harness.send("/status", user=OWNER)
    assert "Goated: called by the leader replica" in follower["text"]
    assert "scheduler leader: another replica" in follower["text"]
    assert "#1 ok" in follower["text"]  # the syncs are read from the database

    [refused] = await harness.send("/status", user=updates.telegram_user(111))  # not an admin
    assert "I don't know that command" in refused["text"]


async def test_health_shows_the_token_expiry_and_the_webhook_as_the_watch_last_read_it(app_with):
    harness = await app_with(token_encryption_key=KEY)
    clock.set_now(T0)
    await harness.send("/start", user=OWNER)
    await harness.send(f"/token {jwt(T0 + timedelta(hours=1))}", user=OWNER)
    harness.telegram.webhook_info.update(
        url="https://bot.example.com/telegram/webhook",
        pending_update_count=3,
        last_error_date=int((T0 - timedelta(minutes=1)).timestamp()),
        last_error_message="Wrong response from the webhook: 502 Bad Gateway",
    )
    before = len(harness.telegram.sent("getWebhookInfo"))
    await tick(harness)
    for _ in range(3):  # /health reads what the watch read; it does not ask Telegram
        health = await (await harness.client.get("/health")).json()
    assert len(harness.telegram.sent("getWebhookInfo")) == before + 1
    assert health["token"] == {
        "source": "bot",
        "expires_at": "2026-11-20T13:00:00+00:00",
        "expires_in_seconds": 3600,
    }
    assert health["webhook"]["pending_updates"] == 3
    assert health["webhook"]["last_error"] == "Wrong response from the webhook: 502 Bad Gateway"
    assert health["webhook"]["last_error_at"] == "2026-11-20T11:59:00+00:00"


async def test_failing_syncs_are_told_once_after_alert_after_minutes_and_their_recovery_once(app_with):
    harness = await app_with(alert_after_minutes=30)
    clock.set_now(T0)
    await harness.send("/start", user=OWNER)
    harness.goated.players = [player("u1", "LuckyGoat", month=1_000)]
    assert (await harness.sync()).outcome == SyncOutcome.OK
    harness.goated.required_token = "nobody-has-this"
    harness.runtime.source.breaker.threshold = 100  # every sync calls Goated (the circuit has its own tests)

    async def failing_sync_at(minutes: int) -> None:
        clock.set_now(T0 + timedelta(minutes=minutes))
        assert (await harness.sync()).outcome == SyncOutcome.FAILED
        await tick(harness)

    for minutes in (15, 30, 44):
        await failing_sync_at(minutes)
    assert to_owner(harness, "Syncs with Goated have been failing") == []
    for minutes in (46, 60, 75):
        await failing_sync_at(minutes)
    [down] = to_owner(harness, "Syncs with Goated have been failing")
    assert "since 2026-11-20 12:15 UTC" in down and "401" in down

    harness.goated.required_token = None
    clock.set_now(T0 + timedelta(minutes=90))
    assert (await harness.sync()).outcome == SyncOutcome.OK
    await tick(harness)
    await tick(harness)
    [up] = to_owner(harness, "Syncs with Goated work again")
    assert "from 2026-11-20 12:15 UTC to 2026-11-20 13:30 UTC" in up
    assert len(to_owner(harness, "Syncs with Goated have been failing")) == 1

    # The next outage is told again, once.
    harness.goated.required_token = "nobody-has-this"
    for minutes in (100, 140, 150):
        await failing_sync_at(minutes)
    assert len(to_owner(harness, "Syncs with Goated have been failing")) == 2


async def test_a_webhook_error_is_told_once_and_its_end_once(app_with):
    harness = await app_with()
    clock.set_now(T0)
    await harness.send("/start", user=OWNER)
    harness.telegram.webhook_info.update(url="https://bot.example.com/telegram/webhook")
    await tick(harness)
    harness.telegram.webhook_info.update(
        last_error_date=int(T0.timestamp()), last_error_message="SSL error {error:0A000086:SSL routines}"
    )
    for minutes in (1, 2, 5):
        clock.set_now(T0 + timedelta(minutes=minutes))
        await tick(harness)
    [down] = to_owner(harness, "Telegram reports an error delivering updates")
    assert "SSL error" in down
    clock.set_now(T0 + timedelta(minutes=12))
    await tick(harness)
    await tick(harness)
    assert len(to_owner(harness, "Telegram delivers updates to the webhook again")) == 1
    assert len(to_owner(harness, "Telegram reports an error delivering updates")) == 1


async def test_the_database_having_been_unreachable_is_told_once_when_it_answers_again(app_with, monkeypatch):
    harness = await app_with()
    await harness.send("/start", user=OWNER)
    clock.set_now(T0)
    answers = iter([False, False, True, True])

    async def reachable() -> bool:
        return next(answers)

    monkeypatch.setattr("scheduler.watch.database_reachable", reachable)
    for minutes in range(4):
        clock.set_now(T0 + timedelta(minutes=minutes))
        await tick(harness)
    [told] = to_owner(harness, "The database was unreachable")
    assert "from 2026-11-20 12:00 UTC to 2026-11-20 12:02 UTC" in told


def test_tokens_are_redacted_from_log_lines_even_when_logged_by_mistake():
    from wiring.logs import RedactSecrets, redact_also

    token = jwt(T0)
    redactor = RedactSecrets([])
    assert token not in redactor.redact(f"text was /token {token}")
    assert token not in redactor.redact(f"header Bearer {token}")
    redact_also("opaque-token-value-99")
    assert redactor.redact("Bearer opaque-token-value-99") == "Bearer ***"


# ---- python main.py check ----


async def run_check(database: str, fake_telegram, fake_goated, tmp_path, **extra: str) -> tuple[int, str]:
    env = replica_env(database, fake_telegram.url, fake_goated.base_url, free_port(), **extra)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "main.py"),
        "check",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 60)  # the fakes answer meanwhile, on this loop
    return process.returncode or 0, output.decode()


async def test_check_passes_against_working_services_and_prints_no_secret(
    database, fake_telegram, fake_goated, tmp_path
):
    goated_token = jwt(datetime.now(UTC) + timedelta(hours=6))
    fake_telegram.webhook_info["url"] = "https://bot.example.com/telegram/webhook"
    fake_goated.required_token = goated_token
    fake_goated.players = [player("u1", "LuckyGoat", month=1_000), player("u2", "NightOwl")]

    code, output = await run_check(database, fake_telegram, fake_goated, tmp_path, GOATED_API_TOKEN=goated_token)

    assert code == 0, output
    print(output)  # what an operator reads
    lines = output.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "✓ settings",
        "✓ database",
        "✓ bot token",
        "✓ webhook",
        "✓ goated",
    ], output
    assert "migrations current" in lines[1] and "@goatedvips_test_bot" in lines[2]
    assert "2 players in" in lines[4] and "token (GOATED_API_TOKEN) expires at" in lines[4]
    assert "(in 5h 59m)" in lines[4] or "(in 6h 0m)" in lines[4]
    for secret in (BOT_TOKEN, WEBHOOK_SECRET, goated_token):
        assert secret not in output


async def test_check_fails_with_the_reason_on_a_wrong_code_a_wrong_bot_token_and_no_webhook(
    database, fake_telegram, fake_goated, tmp_path
):
    fake_telegram.accepted_token = "42:another-bot-token-from-botfather"
    nobody_there = f"redis://127.0.0.1:{free_port()}/0"
    code, output = await run_check(
        database, fake_telegram, fake_goated, tmp_path, GOATED_AFFILIATE_CODE="NOSUCHCODE", REDIS_URL=nobody_there
    )
    assert code == 1
    assert "✗ redis: not reachable" in output
    assert "✓ database: reachable, migrations current" in output
    assert "✗ bot token: Telegram refused it" in output and "Unauthorized" in output
    assert "✗ goated: affiliate code not found (HTTP 404)" in output
    assert BOT_TOKEN not in output

    fake_telegram.accepted_token = None
    code, output = await run_check(database, fake_telegram, fake_goated, tmp_path)
    assert code == 1
    assert "✗ webhook: registered nowhere, expected https://bot.example.com/telegram/webhook" in output

    code, output = await run_check(database, fake_telegram, fake_goated, tmp_path, TOKEN_ENCRYPTION_KEY="short-key")
    assert (code, output.strip()) == (
        1,
        "✗ settings: TOKEN_ENCRYPTION_KEY: must be at least 16 characters: any long random string",
    )


@pytest.mark.parametrize("engine", ["postgres", "sqlite"])
async def test_check_fails_on_an_unmigrated_database(engine, request, fake_telegram, fake_goated, tmp_path):
    if engine == "sqlite":
        url = f"sqlite://{tmp_path}/empty.sqlite3"
        sqlite3.connect(tmp_path / "empty.sqlite3").close()
    else:
        admin = request.getfixturevalue("postgres_admin_url")
        name = f"goatedvips_unmigrated_{os.getpid()}"
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()
        url = f"{admin.rsplit('/', 1)[0]}/{name}"
    fake_telegram.webhook_info["url"] = "https://bot.example.com/telegram/webhook"
    try:
        code, output = await run_check(url, fake_telegram, fake_goated, tmp_path)
    finally:
        if engine == "postgres":
            connection = await asyncpg.connect(admin)
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await connection.close()
    assert code == 1
    assert "✗ database: reachable, but no migrations applied (run: python main.py migrate)" in output
    assert "✓ goated" in output  # the other checks still ran


async def test_followers_read_the_webhook_info_the_leader_shared_through_redis(app_with):
    """The leader asks Telegram once a minute and leaves the answer in Redis; a follower's watch reads it
    there instead of asking Telegram itself."""
    redis = RedisServer(free_port())
    redis.start()
    try:
        leader = await app_with(redis_url=redis.url)
        follower = await app_with(redis_url=redis.url)
        leader.telegram.webhook_info.update(url="https://bot.example.com/telegram/webhook", pending_update_count=4)
        await tick(leader)
        asked = len(leader.telegram.sent("getWebhookInfo"))
        follower.runtime.leadership.leading = False
        await tick(follower)
        assert len(follower.telegram.sent("getWebhookInfo")) == asked  # the follower did not ask Telegram
        health = await (await follower.client.get("/health")).json()
        assert health["webhook"]["pending_updates"] == 4
        assert health["webhook"]["url"] == "https://bot.example.com/telegram/webhook"
    finally:
        redis.stop()


def test_only_a_jwt_with_a_numeric_exp_has_an_expiry():
    from models.tokens import jwt_expiry

    assert jwt_expiry(jwt(T0)) == T0
    assert jwt_expiry("plain-opaque-token") is None
    assert jwt_expiry("a.b.c") is None  # three parts, but no JSON in the middle
    claims = base64.urlsafe_b64encode(json.dumps({"exp": True}).encode()).decode().rstrip("=")
    assert jwt_expiry(f"eyJhbGciOiJIUzI1NiJ9.{claims}.sig") is None
    claims = base64.urlsafe_b64encode(json.dumps(["exp", 1]).encode()).decode().rstrip("=")
    assert jwt_expiry(f"eyJhbGciOiJIUzI1NiJ9.{claims}.sig") is None
    claims = base64.urlsafe_b64encode(json.dumps({"exp": 10**20}).encode()).decode().rstrip("=")
    assert jwt_expiry(f"eyJhbGciOiJIUzI1NiJ9.{claims}.sig") is None  # out of range
