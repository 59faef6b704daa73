"""The one outgoing sender against the fake Bot API: what reaches Telegram, what is retried, who is marked."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Bot

from bot.sender import Outcome, Sender
from models.tables import TelegramUser
from tests.support import fast_client, harness_settings
from wiring.runtime import build_runtime


async def make_sender(database, fake_telegram, fake_goated) -> tuple[Sender, Bot]:
    runtime = build_runtime(
        harness_settings(database, fake_telegram, fake_goated),
        manage_database=False,
        run_scheduler=False,
        source=fast_client(fake_goated),
    )
    assert runtime.bot is not None
    return Sender(runtime.bot, per_second=1000, chat_interval=0, backoff=0.01), runtime.bot


async def test_server_errors_and_flood_waits_are_retried_until_delivered(database, fake_telegram, fake_goated):
    sender, bot = await make_sender(database, fake_telegram, fake_goated)
    fake_telegram.fail_next("sendMessage", 500, "Internal Server Error")
    fake_telegram.fail_chat(5, 429, "Too Many Requests: retry after 1", retry_after=1)
    delivery = await sender.send_message(5, "hello")
    await bot.session.close()

    assert delivery.outcome == Outcome.SENT
    assert [c.ok for c in fake_telegram.sent()] == [False, False, True]
    assert sender.counts == {"sent": 1, "failed": 0, "blocked": 0, "retried": 2}


async def test_a_user_who_blocked_the_bot_is_marked_and_not_retried(database, fake_telegram, fake_goated):
    now = datetime.now(UTC)
    await TelegramUser.create(id=5, first_name="B", created_at=now, updated_at=now)
    sender, bot = await make_sender(database, fake_telegram, fake_goated)
    fake_telegram.blocked_chats.add(5)
    delivery = await sender.send_message(5, "hello")
    await bot.session.close()

    assert delivery.outcome == Outcome.BLOCKED and len(fake_telegram.sent()) == 1
    assert (await TelegramUser.get(id=5)).blocked_bot


async def test_a_bad_request_fails_at_once_and_a_kick_from_a_group_marks_nobody(database, fake_telegram, fake_goated):
    sender, bot = await make_sender(database, fake_telegram, fake_goated)
    fake_telegram.fail_chat(6, 400, "Bad Request: chat not found")
    fake_telegram.fail_chat(-100, 403, "Forbidden: bot was kicked from the supergroup chat")
    assert (await sender.send_message(6, "x")).outcome == Outcome.FAILED
    assert (await sender.send_message(-100, "x")).outcome == Outcome.FAILED
    await bot.session.close()
    assert len(fake_telegram.sent()) == 2
