"""Faults one process survives: the upstream misbehaving (the last good data stays, commands do not wait
for it, an expired token is told once) and Telegram answering slowly. Replica-wide faults (Redis or
PostgreSQL stopped, processes killed) are in tests/test_replicas.py."""

from __future__ import annotations

import asyncio

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.sender import Outcome, Sender
from models.tables import SyncOutcome
from tests import updates
from tests.fakes.goated import EXPIRED_TOKEN, player, slow
from tests.support import BOT_TOKEN

OWNER = updates.telegram_user(999, "Owner", "owner")
TOKEN_NOTICE = "Goated refused the API token"


async def owner_notices(harness) -> list:
    await harness.runtime.notifier.deliver_pending()  # what the race job does every 30 s
    return [c for c in harness.telegram.sent() if str(c["chat_id"]) == "999" and TOKEN_NOTICE in c["text"]]


async def test_an_expired_token_is_told_to_admins_once_per_outage_and_health_says_so(harness):
    await harness.send("/start", user=OWNER)
    harness.goated.players = [player("u1", "LuckyGoat", month=1_000)]
    assert (await harness.sync()).outcome == SyncOutcome.OK

    harness.goated.then(EXPIRED_TOKEN, EXPIRED_TOKEN)
    for _ in range(2):
        assert (await harness.sync()).outcome == SyncOutcome.FAILED
    assert len(await owner_notices(harness)) == 1
    health = await (await harness.client.get("/health")).json()
    assert health["upstream"]["state"] == "token_expired"
    [reply] = await harness.send("/leaderboard", user=updates.telegram_user(111))
    assert "LuckyGoat" in reply["text"]  # the last good data stays

    assert (await harness.sync()).outcome == SyncOutcome.OK  # a new token (the fake accepts any again)
    assert (await (await harness.client.get("/health")).json())["upstream"]["state"] == "ok"
    harness.goated.then(EXPIRED_TOKEN)
    await harness.sync()
    assert len(await owner_notices(harness)) == 2  # a new outage is told again


async def test_commands_and_the_page_answer_from_the_last_good_data_while_the_upstream_hangs(harness):
    harness.goated.players = [player("u1", "LuckyGoat", month=1_000)]
    await harness.sync()
    harness.goated.players = [player("u1", "LuckyGoat", month=2_000)]
    harness.goated.then(slow(1.5))  # Goated takes 1.5 s to answer this sync
    hanging = asyncio.create_task(harness.sync())
    await asyncio.sleep(0.2)

    [reply] = await harness.send("/leaderboard", user=updates.telegram_user(111))
    page = await harness.client.get("/api/leaderboard")
    assert not hanging.done()  # answered while the sync still waits for Goated
    assert "1,000" in reply["text"] and (await page.json())["entries"][0]["wagered"] == "1000.00"
    assert (await hanging).outcome == SyncOutcome.OK


async def test_a_telegram_timeout_is_not_resent_and_the_sender_carries_on(database, fake_telegram):
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake_telegram.url), timeout=0.5)
    bot = Bot(BOT_TOKEN, session=session)
    sender = Sender(bot, per_second=1000, chat_interval=0, backoff=0.01)
    fake_telegram.delays["sendMessage"] = 1.0
    timed_out = await sender.send_message(5, "hello")
    del fake_telegram.delays["sendMessage"]
    after = await sender.send_message(6, "hello again")
    await bot.session.close()

    # Telegram may have taken the first message before the timeout: sending it again could deliver it twice.
    assert (
        timed_out.outcome == Outcome.FAILED and len([c for c in fake_telegram.sent() if str(c["chat_id"]) == "5"]) == 1
    )
    assert after.outcome == Outcome.SENT
