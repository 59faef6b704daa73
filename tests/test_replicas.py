"""Several replicas: two `main.py` processes on one PostgreSQL and one Redis, and the faults they survive
(a replica killed, Redis stopped, PostgreSQL stopped, a process killed in the middle of a sync or a
broadcast). Each provoked for real; each asserts what users see and what the database holds."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter

import aiohttp
import pytest
from tortoise import connections

from models.db import close_db, open_db
from models.tables import (
    Broadcast,
    BroadcastDelivery,
    DeliveryStatus,
    Player,
    SyncOutcome,
    SyncRun,
    TelegramUser,
    VerificationRequest,
)
from scheduler.leader import Leadership
from tests import updates
from tests.fakes.goated import player
from tests.processes import RedisServer, Replica, eventually, free_port, replica_env
from tests.support import TABLES, service_missing

ALICE = updates.telegram_user(111, "Alice", "alice")


@pytest.fixture
async def pg_database(postgres_url):
    """The migrated PostgreSQL test database, emptied, shared by the test and the processes it starts."""
    await open_db(postgres_url)
    await connections.get("default").execute_script(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    yield postgres_url
    await close_db()


@pytest.fixture
def redis_server():
    server = RedisServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def start_replica(pg_database, fake_telegram, fake_goated, tmp_path):
    """Start a named app process on the test database and the fakes (with REDIS_URL when given)."""
    started: list[Replica] = []

    def start(name: str, **extra: str) -> Replica:
        port = free_port()
        env = replica_env(pg_database, fake_telegram.url, fake_goated.base_url, port, **extra)
        replica = Replica(name, env, tmp_path / f"{name}.log", port)
        replica.start()
        started.append(replica)
        return replica

    yield start
    for replica in started:
        if replica.process is not None:
            replica.kill(signal.SIGTERM)
    for replica in started:
        output = replica.output()
        if not replica.outage:
            assert "Traceback" not in output, f"{replica.name}:\n{output[-4000:]}"


async def leader_and_follower(session: aiohttp.ClientSession, a: Replica, b: Replica) -> tuple[Replica, Replica]:
    health_a, health_b = await a.ready(session), await b.ready(session)
    assert [health_a["scheduler"]["leader"], health_b["scheduler"]["leader"]].count(True) == 1, (health_a, health_b)
    return (a, b) if health_a["scheduler"]["leader"] else (b, a)


async def next_update_naming(socket: aiohttp.ClientWebSocketResponse, name: str, timeout: float = 30) -> dict:
    """Read live messages until an update that shows `name` in the race."""
    async with asyncio.timeout(timeout):
        while True:
            message = json.loads((await socket.receive()).data)
            if message["type"] == "update" and name in json.dumps(message["race"]):
                return message


def replies_to(telegram, chat_id: int, containing: str) -> list:
    return [c for c in telegram.sent() if str(c["chat_id"]) == str(chat_id) and containing in c["text"]]


async def test_two_replicas_share_the_work_and_one_takes_over(start_replica, redis_server, fake_telegram, fake_goated):
    fake_goated.players = [player("u1", "LuckyGoat", 10, 50, 1_000, 5_000), player("u2", "HighRoller", 5, 20, 800, 900)]
    # Review mode: the conversation below is /verify's name question and answer (the wager proof has its own tests).
    a = start_replica("a", REDIS_URL=redis_server.url, VERIFY_MODE="review")
    b = start_replica("b", REDIS_URL=redis_server.url, VERIFY_MODE="review")
    async with aiohttp.ClientSession() as session:
        leader, follower = await leader_and_follower(session, a, b)
        assert len(fake_telegram.sent("setWebhook")) == 1  # by the leader only
        await eventually(lambda: SyncRun.filter(outcome=SyncOutcome.OK).exists())

        # A live client on the follower sees the sync that the leader runs.
        async with session.ws_connect(f"{follower.url}/ws") as socket:
            snapshot = json.loads((await socket.receive()).data)
            assert snapshot["type"] == "snapshot" and "LuckyGoat" in json.dumps(snapshot["race"])
            fake_goated.players.append(player("u3", "NewWhale", 100, 500, 9_000, 9_000))
            update = await next_update_naming(socket, "NewWhale")
        assert update["race"]["entries"][0]["name"] == "NewWhale"
        # The follower's cached page follows too.
        async with session.get(f"{follower.url}/api/leaderboard") as response:
            assert (await response.json())["entries"][0]["name"] == "NewWhale"

        # A conversation begun on one replica continues on the other.
        await a.post_update(session, updates.message("/verify", user=ALICE))
        await fake_telegram.wait_for("sendMessage", count=1)
        assert replies_to(fake_telegram, 111, "What is your Goated username?")
        await b.post_update(session, updates.message("LuckyGoat", user=ALICE))
        await eventually(lambda: replies_to(fake_telegram, 111, "Request sent"))
        [request] = await VerificationRequest.all()
        assert request.player_id == "u1" and request.user_id == 111

        # The same update posted to both replicas is answered once.
        bob = updates.telegram_user(222, "Bob", "bob")
        duplicate = updates.message("/leaderboard", user=bob)
        responses = await asyncio.gather(a.post_update(session, duplicate), b.post_update(session, duplicate))
        assert sorted(r.status for r in responses) in ([200, 200], [200, 503])
        await eventually(lambda: replies_to(fake_telegram, 222, "Top 10"))
        again = await b.post_update(session, duplicate)  # Telegram redelivering it later
        assert again.status == 200
        await asyncio.sleep(0.5)
        assert len(replies_to(fake_telegram, 222, "Top 10")) == 1

        # The leader is killed: the follower takes over and runs the next sync within one interval.
        runs_before = await SyncRun.all().count()
        fake_telegram.delays["setMyCommands"] = 1.0  # a slow Telegram holds the new leader in its hand-over
        leader.kill(signal.SIGKILL)
        # Elected first, then the leader's duties (recovery, Telegram registration), then the jobs resume:
        # wait for the end of that hand-over, not its first step.
        health = await eventually(lambda: _running_the_jobs(session, follower), timeout=15)
        assert health["scheduler"] == {"running": True, "leader": True}
        await eventually(lambda: _synced_since(runs_before), timeout=15)


async def _running_the_jobs(session: aiohttp.ClientSession, replica: Replica) -> dict | None:
    health = await replica.health(session)
    return health if health["scheduler"]["leader"] and health["scheduler"]["running"] else None


async def _synced_since(runs_before: int) -> bool:
    return await SyncRun.filter(id__gt=runs_before, outcome=SyncOutcome.OK).exists()


async def test_replicas_keep_serving_while_redis_is_down_and_recover_when_it_returns(
    start_replica, redis_server, fake_telegram, fake_goated
):
    fake_goated.players = [player("u1", "LuckyGoat", 10, 50, 1_000, 5_000)]
    a = start_replica("a", REDIS_URL=redis_server.url)
    b = start_replica("b", REDIS_URL=redis_server.url)
    async with aiohttp.ClientSession() as session:
        leader, follower = await leader_and_follower(session, a, b)
        await eventually(lambda: SyncRun.filter(outcome=SyncOutcome.OK).exists())
        async with session.ws_connect(f"{follower.url}/ws") as socket:
            await socket.receive()  # the snapshot

            redis_server.stop()
            for replica in (leader, follower):
                health = await replica.health(session)
                assert health["status"] == "ok" and health["redis"] == {"reachable": False}
                async with session.get(f"{replica.url}/") as response:
                    assert response.status == 200 and "LuckyGoat" in await response.text()
            await follower.post_update(session, updates.message("/leaderboard", user=ALICE))
            await eventually(lambda: replies_to(fake_telegram, 111, "LuckyGoat"))

            redis_server.start()  # back, on the same port: the follower's socket hears the leader's syncs again
            fake_goated.players.append(player("u2", "Comeback", 50, 100, 7_000, 7_000))
            await next_update_naming(socket, "Comeback", timeout=40)
        assert (await follower.health(session))["redis"] == {"reachable": True}


async def test_postgres_stopped_and_started_while_the_app_runs(start_replica, fake_telegram, fake_goated):
    """`pg_ctlcluster 15 main stop/start` under a running replica: it answers cleanly meanwhile, /health
    says so, and it recovers without a restart."""
    if shutil.which("pg_ctlcluster") is None or os.geteuid() != 0:
        service_missing("stopping PostgreSQL needs pg_ctlcluster and root (as in CI)")
    fake_goated.players = [player("u1", "LuckyGoat", 10, 50, 1_000, 5_000)]
    app = start_replica("a")
    app.outage = True  # asyncpg and aiogram log the refused connections with their tracebacks
    async with aiohttp.ClientSession() as session:
        await app.ready(session)
        await eventually(lambda: SyncRun.filter(outcome=SyncOutcome.OK).exists())
        await close_db()
        try:
            subprocess.run(["pg_ctlcluster", "15", "main", "stop", "-m", "fast"], check=True)
            health = await app.health(session)
            assert health["status"] == "unavailable" and health["database"] == {"reachable": False}
            async with session.get(f"{app.url}/api/players/u1") as response:
                assert response.status == 503 and response.headers["Retry-After"] == "5"
            response = await app.post_update(session, updates.message("/stats", user=ALICE))
            assert response.status == 503  # Telegram delivers the update again later
        finally:
            subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=True)
        await eventually(lambda: _health_ok(session, app), timeout=30)
        await open_db(app.env["DATABASE_URL"])
        runs = await SyncRun.all().count()
        fake_goated.players.append(player("u2", "AfterRestart", 1, 2, 3_000, 3_000))
        await eventually(lambda: Player.exists(uid="u2"), timeout=30)
        assert await SyncRun.filter(id__gt=runs, outcome=SyncOutcome.OK).exists()
        await app.post_update(session, updates.message("/leaderboard", user=ALICE))
        await eventually(lambda: replies_to(fake_telegram, 111, "AfterRestart"))


async def _health_ok(session: aiohttp.ClientSession, replica: Replica) -> bool:
    return (await replica.health(session))["database"]["reachable"]


async def test_a_sync_killed_while_writing_leaves_the_old_data_and_the_next_one_completes(start_replica, fake_goated):
    fake_goated.players = [player(f"u{i:06d}", f"Player{i}", 1, 2, i + 1, i + 1) for i in range(60_000)]
    app = start_replica("a")
    async with aiohttp.ClientSession() as session:
        await app.ready(session)
    # Killed once the sync has its rows and is writing them.
    await eventually(
        lambda: SyncRun.filter(outcome=SyncOutcome.RUNNING).exists() if fake_goated.requests else False, every=0.05
    )
    await asyncio.sleep(0.3)
    app.kill(signal.SIGKILL)
    players = await Player.all().count()
    assert players in (0, 60_000)  # all or nothing
    if players:
        pytest.skip("the sync finished before the kill; nothing to check on this machine")
    app.start()
    await eventually(lambda: SyncRun.filter(outcome=SyncOutcome.OK).exists(), timeout=60)
    assert await Player.all().count() == 60_000
    assert await SyncRun.filter(outcome=SyncOutcome.INTERRUPTED).count() == 1


async def test_a_broadcast_killed_midway_is_finished_by_the_next_start_and_nobody_gets_it_twice(
    start_replica, fake_telegram
):
    recipients = list(range(5_000, 5_300))
    await TelegramUser.bulk_create([TelegramUser(id=i, first_name=f"U{i}") for i in recipients])
    broadcast = await Broadcast.create(created_by=999, text="Weekend bonus!", audience="all", draft_id="d1")
    await BroadcastDelivery.bulk_create([BroadcastDelivery(broadcast=broadcast, user_id=i) for i in recipients])
    # As if its replica had died while sending: the next leader resumes it at start-up.
    app = start_replica("a", TELEGRAM_MESSAGES_PER_SECOND="40")
    await fake_telegram.wait_for("sendMessage", count=80, timeout=60)
    app.kill(signal.SIGKILL)
    app.start()
    await eventually(lambda: Broadcast.exists(id=broadcast.id, status="done"), timeout=60)

    delivered = Counter(int(c["chat_id"]) for c in fake_telegram.delivered() if c["text"] == "Weekend bonus!")
    assert max(delivered.values()) == 1  # nobody twice
    rows = dict(await BroadcastDelivery.all().values_list("user_id", "status"))
    sent = {user for user, status in rows.items() if status == DeliveryStatus.SENT}
    unknown = {user for user, status in rows.items() if status == DeliveryStatus.UNKNOWN}
    # The messages in flight at the kill are "unknown" and not sent again (Telegram may or may not have
    # taken them); everyone else got it, once.
    assert sent | unknown == set(recipients) and len(unknown) <= 8
    assert sent <= set(delivered) <= sent | unknown


async def test_a_leader_whose_event_loop_stalls_gives_up_the_lead_and_another_replica_takes_over(pg_database):
    """The leader runs on an event loop of its own (a thread), which the test blocks with a synchronous call:
    its watchdog gives up the lock from outside the loop, the other replica takes it while the leader is
    still stuck, and the leader steps down as soon as its loop runs again."""
    told: list[str] = []

    def leadership(name: str) -> Leadership:
        async def elected() -> None:
            told.append(f"{name} elected")

        async def deposed() -> None:
            told.append(f"{name} deposed")

        return Leadership(pg_database, elected, deposed, interval=0.3, stall=1.5)

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    stalled, follower = leadership("stalled"), leadership("follower")
    try:
        asyncio.run_coroutine_threadsafe(stalled.start(), loop).result(10)
        await follower.start()
        assert stalled.leading and not follower.leading

        loop.call_soon_threadsafe(time.sleep, 8)  # the leader's loop is stuck for 8 s
        blocked_at = time.monotonic()
        await eventually(lambda: follower.leading, timeout=7, every=0.1)
        assert time.monotonic() - blocked_at < 8  # taken over while the old leader was still stuck
        assert told == ["stalled elected", "follower elected"]

        await eventually(lambda: not stalled.leading, timeout=10, every=0.1)
        assert told[-1] == "stalled deposed"
        await asyncio.sleep(1)  # the old leader keeps trying, and does not get the lock back
        assert follower.leading and not stalled.leading
    finally:
        asyncio.run_coroutine_threadsafe(stalled.stop(), loop).result(15)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        await follower.stop()


async def test_a_token_sent_to_one_replica_is_used_by_the_leader_on_another(
    start_replica, redis_server, fake_telegram, fake_goated
):
    key = "a-long-random-token-encryption-key"
    new_token = "the-new-goated-login-token-0042"
    fake_goated.players = [player("u1", "LuckyGoat", 10, 50, 1_000, 5_000)]
    fake_goated.required_token = new_token  # the configured token is refused: syncs fail until /token
    a = start_replica("a", REDIS_URL=redis_server.url, TOKEN_ENCRYPTION_KEY=key, GOATED_API_TOKEN="expired-token-1")
    b = start_replica("b", REDIS_URL=redis_server.url, TOKEN_ENCRYPTION_KEY=key, GOATED_API_TOKEN="expired-token-1")
    owner = updates.telegram_user(999, "Olga", "olga")
    async with aiohttp.ClientSession() as session:
        leader, follower = await leader_and_follower(session, a, b)
        await eventually(lambda: SyncRun.filter(outcome=SyncOutcome.FAILED).exists())
        assert not await SyncRun.filter(outcome=SyncOutcome.OK).exists()

        await follower.post_update(session, updates.message("/start", user=owner))
        await follower.post_update(session, updates.message(f"/token {new_token}", user=owner))
        await eventually(lambda: replies_to(fake_telegram, 999, "New Goated token saved"))
        assert fake_telegram.sent("deleteMessage")

        # The leader's next scheduled sync (every 10 s here) uses it, with no restart.
        await eventually(lambda: SyncRun.filter(outcome=SyncOutcome.OK).exists(), timeout=30)
        assert fake_goated.requests[-1]["Authorization"] == f"Bearer {new_token}"
        health = await leader.health(session)
        assert health["upstream"]["state"] == "ok" and health["token"]["source"] == "bot"
    for replica in (a, b):
        assert new_token not in replica.output()  # in no log line of either replica
