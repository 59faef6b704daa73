"""Broadcasts end to end: compose, preview, confirm, delivery through the one sender against a fake Bot API
that answers some 429s and 403s, cancel, and a restart in the middle that sends nobody anything twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

from models.tables import AuditEntry, Broadcast, BroadcastDelivery, BroadcastStatus, DeliveryStatus, TelegramUser
from tests import updates
from tests.support import fast_client, harness_settings
from wiring.runtime import build_runtime

OWNER = updates.telegram_user(999, "Olga", "olga", "en")
TEXT = "Race ends tonight!"
BOLD = [{"type": "bold", "offset": 10, "length": 7}]  # "tonight"


async def add_users(count: int, first_id: int = 10_000, **fields) -> list[int]:
    ids = list(range(first_id, first_id + count))
    now = datetime.now(UTC)
    await TelegramUser.bulk_create(
        [TelegramUser(id=i, first_name=f"U{i}", created_at=now, updated_at=now, **fields) for i in ids]
    )
    return ids


async def compose(bot, audience: str = "everyone") -> str:
    """/broadcast, the message, the audience; returns the preview's Send button data."""
    await bot.send("/broadcast", user=OWNER)
    [choose] = await bot.send(TEXT, user=OWNER, entities=BOLD)
    assert choose["text"] == "Who should get it?"
    calls = await bot.press(f"bc:audience:{audience}", user=OWNER)
    preview, confirm = [c for c in calls if c.method == "sendMessage"]
    assert preview["text"] == "Race ends <b>tonight</b>!"  # exactly what recipients get
    return next(
        b["callback_data"]
        for row in confirm["reply_markup"]["inline_keyboard"]
        for b in row
        if b["callback_data"].startswith("bc:send:")
    )


async def wait_until_finished(broadcast_id: int, timeout: float = 60) -> Broadcast:
    async with asyncio.timeout(timeout):
        while (broadcast := await Broadcast.get(id=broadcast_id)).status == BroadcastStatus.SENDING:
            await asyncio.sleep(0.05)
    return broadcast


def broadcast_deliveries(telegram) -> Counter:
    return Counter(int(c["chat_id"]) for c in telegram.delivered() if c["text"] == "Race ends <b>tonight</b>!")


async def test_preview_shows_the_audience_and_the_send_button_works_once(harness):
    await harness.send("/start", user=OWNER)
    await add_users(3)
    await add_users(2, first_id=20_000, blocked_bot=True)  # not counted: they blocked the bot
    send = await compose(harness)
    confirm = [c for c in harness.telegram.sent() if "Audience" in c["text"]][-1]
    assert "Everyone who started the bot (4)" in confirm["text"]  # three users and the owner
    harness.telegram.calls.clear()  # the preview is not a delivery

    await harness.press(send, user=OWNER)
    calls = await harness.press(send, user=OWNER)  # pressed twice
    assert "already sent" in [c for c in calls if c.method == "answerCallbackQuery"][0]["text"]

    [broadcast] = await Broadcast.all()
    await wait_until_finished(broadcast.id)
    assert broadcast_deliveries(harness.telegram) == Counter({10_000: 1, 10_001: 1, 10_002: 1, 999: 1})
    progress = harness.telegram.sent("editMessageText")[-1]
    assert "finished" in progress["text"] and "Sent: 4 · failed: 0 · left: 0" in progress["text"]
    assert await AuditEntry.filter(action="broadcast.start").count() == 1


async def test_a_photo_broadcast_sends_the_photo_with_its_caption(harness):
    await harness.send("/start", user=OWNER)
    await harness.send("/broadcast", user=OWNER)
    update = updates.message("", user=OWNER)
    del update["message"]["text"]
    update["message"]["photo"] = [
        {"file_id": "small", "file_unique_id": "a", "width": 90, "height": 90},
        {"file_id": "large", "file_unique_id": "b", "width": 900, "height": 900},
    ]
    update["message"]["caption"] = "New month!"
    await harness.post_update(update)
    calls = await harness.press("bc:audience:everyone", user=OWNER)
    [preview] = [c for c in calls if c.method == "sendPhoto"]
    assert preview["photo"] == "large" and preview["caption"] == "New month!"
    send = next(
        b["callback_data"]
        for c in calls
        if c.method == "sendMessage"
        for row in c["reply_markup"]["inline_keyboard"]
        for b in row
        if b["callback_data"].startswith("bc:send:")
    )
    await harness.press(send, user=OWNER)
    await wait_until_finished((await Broadcast.first()).id)
    [_preview, delivery] = harness.telegram.delivered("sendPhoto")  # then the one recipient, the owner
    assert (delivery["photo"], delivery["caption"], int(delivery["chat_id"])) == ("large", "New month!", 999)


async def test_thousands_of_recipients_with_429s_and_403s_interrupted_and_resumed(
    harness, aiohttp_client, database, fake_telegram, fake_goated
):
    await harness.send("/start", user=OWNER)
    recipients = await add_users(3_000)
    blocked = set(recipients[5::97])  # about 20 users who blocked the bot since they last wrote
    harness.telegram.blocked_chats |= blocked
    for chat in recipients[10::400]:
        harness.telegram.fail_chat(chat, 429, "Too Many Requests: retry after 1", retry_after=1)
    for chat in recipients[20::250]:
        harness.telegram.fail_chat(chat, 400, "Bad Request: chat not found")
    send = await compose(harness)
    harness.telegram.calls.clear()

    await harness.press(send, user=OWNER)
    [broadcast] = await Broadcast.all()
    await harness.telegram.wait_for("sendMessage", count=400, timeout=30)
    await harness.client.close()  # the process stops in the middle (SIGTERM): sends in flight finish
    left = await BroadcastDelivery.filter(broadcast_id=broadcast.id, status=DeliveryStatus.PENDING).count()
    assert 0 < left < 3_000
    assert await BroadcastDelivery.filter(status=DeliveryStatus.SENDING).count() == 0

    restarted = build_runtime(
        harness_settings(database, fake_telegram, fake_goated),
        manage_database=False,
        run_scheduler=False,
        source=fast_client(fake_goated),
    )
    await aiohttp_client(restarted.web_app)  # starting it resumes the broadcast
    done = await wait_until_finished(broadcast.id)

    assert done.status == BroadcastStatus.DONE
    delivered = broadcast_deliveries(harness.telegram)
    assert max(delivered.values()) == 1  # nobody got it twice
    bad_chats = set(recipients[20::250])
    assert set(delivered) == (set(recipients) | {999}) - blocked - bad_chats  # everyone else got it once
    statuses = Counter(await BroadcastDelivery.filter(broadcast_id=broadcast.id).values_list("status", flat=True))
    assert statuses == {
        DeliveryStatus.SENT: len(delivered),
        DeliveryStatus.BLOCKED: len(blocked),
        DeliveryStatus.FAILED: len(bad_chats),
    }
    assert set(await TelegramUser.filter(blocked_bot=True).values_list("id", flat=True)) == blocked
    await restarted.source.close()


async def test_cancel_stops_the_rest_and_says_how_many_were_left(harness, database, fake_telegram, fake_goated):
    await harness.send("/start", user=OWNER)
    await add_users(300)
    send = await compose(harness)
    harness.telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)  # slows it down
    await harness.press(send, user=OWNER)
    [broadcast] = await Broadcast.all()

    calls = await harness.press(f"bc:cancel:{broadcast.id}", user=OWNER)

    assert "Cancelled" in [c for c in calls if c.method == "answerCallbackQuery"][0]["text"]
    done = await wait_until_finished(broadcast.id)
    assert done.status == BroadcastStatus.CANCELLED
    skipped = await BroadcastDelivery.filter(broadcast_id=broadcast.id, status=DeliveryStatus.SKIPPED).count()
    assert skipped > 250 and len(broadcast_deliveries(harness.telegram)) == 301 - skipped
    await asyncio.sleep(0.1)
    assert "cancelled" in harness.telegram.sent("editMessageText")[-1]["text"]
    assert await AuditEntry.filter(action="broadcast.cancel").count() == 1
