"""The bot in groups and channels (issue 21), end to end through the webhook and the fake Bot API: chats tracked
from `my_chat_member`, /card's picture, the live leaderboard post (edited after a sync that changes it, not after
one that does not, carried on by a restarted process, posted anew when deleted, switched at the race's end),
/post to several chats, and the scheduled daily post."""

from __future__ import annotations

import asyncio
import io
import itertools
import time
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from models import posts
from models.tables import AuditEntry, BotChat, ChatPost, ChatPostDelivery, Notification
from tests import updates
from tests.fakes.telegram import BOT_USER
from tests.support import END, OWNER, Clock, sync_at

GROUP, OTHER, CHANNEL = -1001, -1002, -1003
ADMIN_RIGHTS = dict.fromkeys(
    (
        "can_be_edited",
        "is_anonymous",
        "can_manage_chat",
        "can_delete_messages",
        "can_manage_video_chats",
        "can_restrict_members",
        "can_promote_members",
        "can_change_info",
        "can_invite_users",
        "can_post_stories",
        "can_edit_stories",
        "can_delete_stories",
        "can_send_welcome_messages",
    ),
    False,
)
UPDATE_IDS = itertools.count(900_000_000)
BOT = {k: BOT_USER[k] for k in ("id", "is_bot", "first_name", "username")}


@pytest.fixture
async def race(app_with):
    """The app on a clock the test moves, without the sender's pause between two messages to one group."""
    harness = await app_with(telegram_group_interval_seconds=0)
    harness.clock = Clock()  # type: ignore[attr-defined]
    return harness


def member_update(
    chat_id: int, status: str, kind: str = "supergroup", title: str = "Goated VIPs", **rights: bool
) -> dict:
    """Telegram's `my_chat_member` update: the bot's membership in a chat changed, by the owner's hand."""
    new: dict = {"user": BOT, "status": status}
    if status == "administrator":
        new |= ADMIN_RIGHTS | {"can_pin_messages": True, "can_post_messages": True, "can_edit_messages": True}
        new |= rights
    if status == "kicked":
        new["until_date"] = 0
    return {
        "update_id": next(UPDATE_IDS),
        "my_chat_member": {
            "chat": updates.chat(chat_id, kind) | {"title": title},
            "from": OWNER,
            "date": int(time.time()),
            "old_chat_member": {"user": BOT, "status": "left"},
            "new_chat_member": new,
        },
    }


async def add_bot(
    harness,
    chat_id: int = GROUP,
    status: str = "administrator",
    kind: str = "supergroup",
    title="Goated VIPs",
    **rights,
):
    response = await harness.post_update(member_update(chat_id, status, kind, title, **rights))
    assert response.status == 200


def to_chat(telegram, chat_id: int, method: str = "sendMessage") -> list:
    return [c for c in telegram.delivered(method) if int(c["chat_id"]) == chat_id]


async def in_group(harness, text: str, chat_id: int = GROUP, user=OWNER) -> list:
    return await harness.send(text, user=user, chat_id=chat_id, chat_type="supergroup")


async def test_chats_are_tracked_and_admins_are_told_once_when_the_bot_is_removed(race):
    harness = race
    await harness.send("/start", user=OWNER)
    await add_bot(harness)
    await add_bot(harness, OTHER, "member")
    chat = await BotChat.get(id=GROUP)
    assert (chat.title, chat.kind, chat.can_post, chat.can_pin) == ("Goated VIPs", "supergroup", True, True)
    [listing] = await harness.send("/chats", user=OWNER)
    assert "Goated VIPs (<code>-1001</code>, supergroup, en): posts, pins, edits" in listing["text"]
    assert "<code>-1002</code>" in listing["text"]

    harness.telegram.calls.clear()
    await add_bot(harness, GROUP, "kicked")
    await add_bot(harness, GROUP, "left")  # Telegram may say it twice: the admins hear it once
    await harness.runtime.notifier.idle()
    told = [c["text"] for c in harness.telegram.delivered() if int(c["chat_id"]) == 999]
    assert len(told) == 1 and "removed from <b>Goated VIPs</b>" in told[0]
    assert not (await BotChat.get(id=GROUP)).can_post

    # A group the bot was in before it tracked chats is recorded when first used there.
    await in_group(harness, "/race", chat_id=-1009)
    assert await BotChat.filter(id=-1009, can_post=True).exists()


async def test_card_is_a_png_of_the_top_ten_in_the_chats_language(race):
    await race.send("/start", user=OWNER)
    await add_bot(race)
    players = {f"p{i:02d}": 1000 - i * 10 for i in range(12)}
    await sync_at(race, datetime(2026, 11, 20, tzinfo=UTC), **players)
    await in_group(race, "/chatlang es")
    race.telegram.calls.clear()

    for _ in range(3):  # a burst: one drawing, the same picture each time
        await in_group(race, "/card")
    photos = to_chat(race.telegram, GROUP, "sendPhoto")
    pictures = [c[c["photo"].removeprefix("attach://") + "_bytes"] for c in photos]  # the uploads' contents
    assert len(pictures) == 3 and len(set(pictures)) == 1
    image = Image.open(io.BytesIO(pictures[0]))
    assert image.format == "PNG" and image.size == (1200, 630 + 5 * 68)
    rows = [line for line in image.text["Description"].splitlines() if line.startswith("#")]
    assert len(rows) == 10 and rows[0].startswith("#1 P00") and rows[-1].startswith("#10 P09")
    assert "noviembre" in image.text["Description"]  # the group's language
    assert "P00" not in photos[0]["caption"]


async def start_live_post(race) -> dict:
    await race.send("/start", user=OWNER)
    await add_bot(race)
    await sync_at(race, datetime(2026, 11, 20, tzinfo=UTC), alpha=500, beta=700)
    race.telegram.calls.clear()
    await in_group(race, "/liveboard")
    [post] = to_chat(race.telegram, GROUP)
    assert "Beta" in post["text"] and post["text"].index("Beta") < post["text"].index("Alpha")
    [pin] = race.telegram.delivered("pinChatMessage")
    assert int(pin["message_id"]) == (await BotChat.get(id=GROUP)).live_message_id
    return post


async def test_live_post_is_edited_after_a_sync_that_changes_it_and_only_then(race):
    await start_live_post(race)
    await sync_at(race, datetime(2026, 11, 20, 1, tzinfo=UTC), alpha=900, beta=700)
    [edit] = race.telegram.delivered("editMessageText")
    assert int(edit["message_id"]) == (await BotChat.get(id=GROUP)).live_message_id
    assert edit["text"].index("Alpha") < edit["text"].index("Beta")
    await sync_at(race, datetime(2026, 11, 20, 2, tzinfo=UTC), alpha=900, beta=700)  # nothing changed
    assert len(race.telegram.sent("editMessageText")) == 1

    await in_group(race, "/liveboard off")
    await sync_at(race, datetime(2026, 11, 20, 3, tzinfo=UTC), alpha=900, beta=1700)
    assert len(race.telegram.sent("editMessageText")) == 1
    assert await AuditEntry.filter(action="chat.liveboard").count() == 2


async def test_live_post_survives_a_restart(race, app_with):
    await start_live_post(race)
    message_id = (await BotChat.get(id=GROUP)).live_message_id
    restarted = await app_with(telegram_group_interval_seconds=0)  # a new process on the same database
    restarted.clock = race.clock  # type: ignore[attr-defined]
    await sync_at(restarted, datetime(2026, 11, 20, 1, tzinfo=UTC), alpha=900, beta=700)
    [edit] = race.telegram.delivered("editMessageText")
    assert int(edit["message_id"]) == message_id
    assert len(to_chat(race.telegram, GROUP)) == 1  # no second post


async def test_a_deleted_live_post_is_posted_anew_once_and_admins_are_told(race):
    await start_live_post(race)
    old = (await BotChat.get(id=GROUP)).live_message_id
    race.telegram.delete_message(GROUP, old)
    await sync_at(race, datetime(2026, 11, 20, 1, tzinfo=UTC), alpha=900, beta=700)
    await race.runtime.notifier.idle()
    posts = to_chat(race.telegram, GROUP)
    assert len(posts) == 2 and "Alpha" in posts[1]["text"]
    new = (await BotChat.get(id=GROUP)).live_message_id
    assert new != old
    told = [c["text"] for c in race.telegram.delivered() if int(c["chat_id"]) == 999]
    assert len(told) == 1 and "was deleted" in told[0]
    await sync_at(race, datetime(2026, 11, 20, 2, tzinfo=UTC), alpha=950, beta=700)
    assert len(to_chat(race.telegram, GROUP)) == 2  # edited now, not posted again
    assert int(race.telegram.delivered("editMessageText")[-1]["message_id"]) == new


async def test_live_post_shows_the_final_results_and_a_new_one_starts_for_the_next_race(race):
    await start_live_post(race)
    old = (await BotChat.get(id=GROUP)).live_message_id
    await sync_at(race, END - timedelta(minutes=3), alpha=900, beta=700)
    race.clock.now = END + timedelta(minutes=1)
    await race.runtime.races.tick()
    final = [c for c in race.telegram.delivered("editMessageText") if int(c["message_id"]) == old][-1]
    assert "final results" in final["text"] and final["text"].index("Alpha") < final["text"].index("Beta")
    posts = to_chat(race.telegram, GROUP)
    assert len(posts) == 2 and "December 2026" in posts[1]["text"]
    chat = await BotChat.get(id=GROUP)
    assert chat.live_month == "2026-12" and chat.live_message_id != old
    [unpinned] = race.telegram.delivered("unpinChatMessage")  # the ended race's post no longer pinned
    assert int(unpinned["message_id"]) == old
    await race.runtime.races.tick()
    assert len(to_chat(race.telegram, GROUP)) == 2


async def test_a_429_on_an_edit_is_waited_out_and_the_edit_made(race):
    await start_live_post(race)
    race.telegram.fail_next("editMessageText", 429, "Too Many Requests: retry after 1", retry_after=1)
    started = time.monotonic()
    await sync_at(race, datetime(2026, 11, 20, 1, tzinfo=UTC), alpha=900, beta=700)
    edits = race.telegram.sent("editMessageText")
    assert [c.ok for c in edits] == [False, True]
    assert time.monotonic() - started >= 1.0  # retry_after honoured
    assert await Notification.filter(kind="live_reposted").count() == 0


def button(calls, prefix: str) -> str:
    return next(
        b["callback_data"]
        for c in calls
        if c.method == "sendMessage" and "reply_markup" in c
        for row in c["reply_markup"]["inline_keyboard"]
        for b in row
        if b["callback_data"].startswith(prefix)
    )


async def test_post_to_three_chats_one_of_which_removed_the_bot(race):
    await race.send("/start", user=OWNER)
    await add_bot(race, GROUP, title="VIP lounge")
    await add_bot(race, OTHER, "member", title="Race chat")
    await add_bot(race, CHANNEL, kind="channel", title="News")
    race.telegram.fail_chat(CHANNEL, 403, "Forbidden: bot was kicked from the channel chat")  # unknown to us yet
    await race.send("/post", user=OWNER)
    [choose] = await race.send("Race ends <b>tonight</b>!", user=OWNER)
    assert choose["text"] == "Where should it be posted?"
    calls = await race.press("post:all:", user=OWNER)
    preview, confirm = [c for c in calls if c.method == "sendMessage"]
    assert "tonight" in preview["text"]  # the preview is what the chats get
    assert "It goes to: News, Race chat, and VIP lounge." in confirm["text"]
    send = button(calls, "post:send:")
    race.telegram.calls.clear()

    await race.press(send, user=OWNER)
    calls = await race.press(send, user=OWNER)  # pressed twice
    assert "already sent" in [c for c in calls if c.method == "answerCallbackQuery"][0]["text"]
    await race.runtime.poster.wait(1)
    await race.runtime.notifier.idle()
    assert {int(c["chat_id"]) for c in race.telegram.delivered() if "tonight" in c["text"]} == {GROUP, OTHER}
    assert len([c for c in race.telegram.delivered() if "tonight" in c["text"]]) == 2
    report = race.telegram.delivered("editMessageText")[-1]["text"]
    assert "✅ VIP lounge: posted" in report and "✅ Race chat: posted" in report
    assert "❌ News: not posted (Forbidden: bot was kicked from the channel chat)" in report
    told = [c["text"] for c in race.telegram.delivered() if int(c["chat_id"]) == 999 and "removed" in c["text"]]
    assert len(told) == 1 and "<b>News</b>" in told[0]
    assert not (await BotChat.get(id=CHANNEL)).can_post
    assert await AuditEntry.filter(action="post.start").count() == 1


async def test_a_post_interrupted_by_a_restart_resumes_and_sends_no_chat_twice(race, app_with):
    await race.send("/start", user=OWNER)
    for chat_id in (GROUP, OTHER, CHANNEL):
        await add_bot(race, chat_id, title=f"Chat {chat_id}")
    post = await posts.create(999, "draft1", "Hello groups", None, [GROUP, OTHER, CHANNEL])
    assert post is not None
    first = await ChatPostDelivery.get(post_id=post.id, chat_id=GROUP)
    assert await posts.claim(first.id)  # the process stopped during this send
    race.telegram.calls.clear()
    restarted = await app_with(telegram_group_interval_seconds=0)
    await restarted.runtime.on_elected()
    await restarted.runtime.poster.wait(post.id)
    assert sorted(int(c["chat_id"]) for c in race.telegram.delivered()) == [CHANNEL, OTHER]
    assert (await ChatPostDelivery.get(id=first.id)).status == "unknown"


async def test_the_daily_post_fires_once_at_its_time_with_two_replicas(race, app_with):
    await race.send("/start", user=OWNER)
    await add_bot(race, GROUP, title="VIP lounge")
    await sync_at(race, datetime(2026, 11, 20, 8, tzinfo=UTC), alpha=500, beta=700)
    [shown] = await in_group(race, "/schedule daily 9:00")
    assert "Daily standings: 09:00" in shown["text"]
    other = await app_with(telegram_group_interval_seconds=0)  # a second replica on the same database
    race.telegram.calls.clear()

    race.clock.now = datetime(2026, 11, 20, 8, 59, tzinfo=UTC)
    await asyncio.gather(race.runtime.races.tick(), other.runtime.races.tick())
    assert to_chat(race.telegram, GROUP) == []
    race.clock.now = datetime(2026, 11, 20, 9, 0, 30, tzinfo=UTC)
    await asyncio.gather(race.runtime.races.tick(), other.runtime.races.tick())
    race.clock.now = datetime(2026, 11, 20, 9, 1, tzinfo=UTC)
    await asyncio.gather(race.runtime.races.tick(), other.runtime.races.tick())
    for runtime in (race.runtime, other.runtime):
        for post in await ChatPost.all():
            await runtime.poster.wait(post.id)
    [daily] = to_chat(race.telegram, GROUP, "sendPhoto")  # the race card, the standings under it
    assert "November 2026 wager race" in daily["caption"]
    assert daily["caption"].index("Beta") < daily["caption"].index("Alpha")
    race.clock.now = datetime(2026, 11, 21, 9, 0, 10, tzinfo=UTC)  # the next day: the next one
    await race.runtime.races.tick()
    await race.runtime.poster.wait((await ChatPost.all().order_by("-id").first()).id)
    assert len(to_chat(race.telegram, GROUP, "sendPhoto")) == 2


async def test_results_and_the_new_race_are_posted_once_at_the_races_end(race):
    await race.send("/start", user=OWNER)
    await add_bot(race, GROUP, title="VIP lounge")
    await in_group(race, "/schedule results on")
    await in_group(race, "/schedule newrace on")
    await sync_at(race, END - timedelta(minutes=3), alpha=900, beta=700)
    race.telegram.calls.clear()
    race.clock.now = END + timedelta(minutes=1)
    await race.runtime.races.tick()
    await race.runtime.races.tick()
    for post in await ChatPost.all():
        await race.runtime.poster.wait(post.id)
    results, new_race = to_chat(race.telegram, GROUP, "sendPhoto")
    assert "November 2026 race — final results" in results["caption"] and "Alpha" in results["caption"]
    assert "December 2026 wager race has begun" in new_race["caption"]
    picture = Image.open(io.BytesIO(results[results["photo"].removeprefix("attach://") + "_bytes"]))
    assert "Final results" in picture.text["Description"]


async def test_a_live_post_in_a_group_that_removed_the_bot_stops_and_admins_are_told(race):
    await start_live_post(race)
    race.telegram.fail_next("editMessageText", 403, "Forbidden: bot was kicked from the supergroup chat")
    await sync_at(race, datetime(2026, 11, 20, 1, tzinfo=UTC), alpha=900, beta=700)
    await race.runtime.notifier.idle()
    assert len(to_chat(race.telegram, GROUP)) == 1  # not posted anew
    told = [c["text"] for c in race.telegram.delivered() if int(c["chat_id"]) == 999]
    assert len(told) == 1 and "removed from <b>Goated VIPs</b>" in told[0]
    await sync_at(race, datetime(2026, 11, 20, 2, tzinfo=UTC), alpha=950, beta=700)
    assert len(race.telegram.sent("editMessageText")) == 1  # no more tries there


async def test_chat_ids_typed_or_forged_out_of_range_are_refused_quietly(race):
    await race.send("/start", user=OWNER)
    [usage] = await race.send("/liveboard -99999999999999999999999999", user=OWNER)
    assert usage["text"].startswith("Usage: /liveboard")
    [usage] = await race.send("/schedule 12345 daily 09:00", user=OWNER)
    assert usage["text"].startswith("Usage: /schedule")
    response = await race.post_update(member_update(-(2**70), "administrator"))
    assert response.status == 200 and await BotChat.all().count() == 0
    await add_bot(race, GROUP)
    [shown] = await race.send(f"/schedule {GROUP} daily 25:00", user=OWNER)  # not a time: the settings shown
    assert "Daily standings: off" in shown["text"]
