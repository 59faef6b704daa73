"""Names in the bot follow NAME_DISPLAY, like the public page: with "masked", a player reads their own Goated
name whole in a private chat and everyone else's masked; a group reads every name masked; the admins' tools
keep whole names."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from bot.leaderboard import LeaderboardButton
from models.leaderboard import Period
from tests import updates
from tests.fakes.goated import player
from tests.support import ALICE, BRUNO, END, OWNER, Clock, Harness

NAMES = {"lucky": "LuckyGoat42", "night": "NightOwl77", "fox": "SilverFox99"}
MASKED = {"lucky": "Luck***42", "night": "Nigh***77", "fox": "Silv***99"}
GROUP = -1001234
# A fresh group for each command: the flood control answers one command in a group every few seconds.
GROUPS = itertools.count(-1002000, -1)
DAY = datetime(2026, 11, 20, tzinfo=UTC)


async def sync(bot: Harness, when: datetime, **month_by_uid: float) -> None:
    Clock().now = when
    bot.goated.players = [
        player(uid, NAMES[uid], month=amount, all_time=amount + 1000) for uid, amount in month_by_uid.items()
    ]
    run = await bot.sync()
    assert run.outcome == "ok", run.error


async def linked(app_with, **overrides) -> Harness:
    """Alice linked to LuckyGoat42 and Bruno to NightOwl77 through the owner's review; SilverFox99 unlinked."""
    bot = await app_with(**{"name_display": "masked", **overrides})
    await sync(bot, DAY, lucky=900, night=700, fox=500)
    await bot.send("/start", user=OWNER)
    for request_id, (user, uid) in enumerate(((ALICE, "lucky"), (BRUNO, "night")), start=1):
        await bot.send(f"/verify {NAMES[uid]}", user=user)
        await bot.press(f"review:{request_id}:approve:", user=OWNER)
    bot.telegram.calls.clear()
    return bot


def whole(text: str, *uids: str) -> bool:
    return all(NAMES[uid] in text for uid in uids)


def masked(text: str, *uids: str) -> bool:
    return all(MASKED[uid] in text and NAMES[uid] not in text for uid in uids)


async def in_group(bot: Harness, text: str, user: dict = ALICE) -> str:
    [answer] = await bot.send(text, user=user, chat_id=next(GROUPS), chat_type="supergroup")
    return answer["text"]


async def in_private(bot: Harness, text: str, user: dict = ALICE) -> str:
    [answer] = await bot.send(text, user=user)
    return answer["text"]


async def test_a_private_leaderboard_shows_the_readers_own_name_whole_and_the_others_masked(app_with):
    bot = await linked(app_with)
    board = await in_private(bot, "/leaderboard")
    assert whole(board, "lucky") and masked(board, "night", "fox")
    assert masked(await in_private(bot, "/leaderboard", user=BRUNO), "lucky", "fox")
    assert whole(await in_private(bot, "/leaderboard", user=BRUNO), "night")
    stranger = updates.telegram_user(444, "Dora", "dora", "en")
    assert masked(await in_private(bot, "/leaderboard all", user=stranger), "lucky", "night", "fox")

    calls = await bot.press(LeaderboardButton(period=Period.ALL_TIME).pack(), user=ALICE)
    [edit] = [c for c in calls if c.method == "editMessageText"]
    assert whole(edit["text"], "lucky") and masked(edit["text"], "night", "fox")


async def test_a_group_leaderboard_masks_everyone_the_sender_too(app_with):
    bot = await linked(app_with)
    assert masked(await in_group(bot, "/leaderboard"), "lucky", "night", "fox")

    # Alice presses the board's button in the group: the whole group reads the edit.
    press = updates.callback(LeaderboardButton(period=Period.ALL_TIME).pack(), message_id=1, user=ALICE)
    press["callback_query"]["message"]["chat"] = updates.chat(GROUP, "supergroup")
    response = await bot.post_update(press)
    assert response.status == 200
    [edit] = bot.telegram.sent("editMessageText")
    assert masked(edit["text"], "lucky", "night", "fox")


async def test_race_and_its_results_mask_others_and_a_group_masks_all(app_with):
    bot = await linked(app_with)
    race = await in_private(bot, "/race")
    assert "You are <b>#1</b>" in race and whole(race, "lucky") and masked(race, "night", "fox")
    group_race = await in_group(bot, "/race")
    assert "@alice is <b>#1</b>" in group_race and masked(group_race, "lucky", "night", "fox")
    stats = await in_group(bot, "/stats")
    assert "@alice" in stats and masked(stats, "lucky")
    assert whole(await in_private(bot, "/stats"), "lucky")

    await sync(bot, END - timedelta(minutes=3), lucky=900, night=950, fox=500)
    Clock().now = END + timedelta(minutes=1)
    await bot.runtime.races.tick()
    results = await in_private(bot, "/race previous", user=BRUNO)
    assert "<b>#1</b> con" in results and whole(results, "night") and masked(results, "lucky", "fox")  # in Spanish
    assert masked(await in_group(bot, "/race previous", user=BRUNO), "lucky", "night", "fox")


async def test_an_overtaken_player_is_not_told_who_passed_them(app_with):
    bot = await linked(app_with)
    await sync(bot, DAY + timedelta(minutes=15), lucky=900, night=700, fox=800)  # the fox passes Bruno
    [alert] = bot.telegram.delivered()
    assert int(alert["chat_id"]) == BRUNO["id"] and "#3" in alert["text"]
    assert not any(name in alert["text"] for name in NAMES.values())


async def test_a_new_leader_announced_to_a_group_is_masked(app_with):
    bot = await linked(app_with, announce_chat_ids=str(GROUP))
    await sync(bot, DAY + timedelta(minutes=15), lucky=900, night=700, fox=1000)
    [announced] = [c["text"] for c in bot.telegram.delivered() if int(c["chat_id"]) == GROUP]
    assert "New race leader" in announced and masked(announced, "fox")


async def test_the_admins_tools_keep_whole_names(app_with):
    bot = await linked(app_with)
    card = await in_private(bot, "/user @bruno", user=OWNER)
    assert whole(card, "night")
    await bot.send("/verify SilverFox99", user=updates.telegram_user(444, "Dora", "dora", "en"))
    review = [c["text"] for c in bot.telegram.sent() if int(c["chat_id"]) == OWNER["id"]]
    assert any(whole(text, "fox") for text in review)


async def test_with_full_names_everyone_reads_whole_names(app_with):
    bot = await linked(app_with, name_display="full")
    assert whole(await in_group(bot, "/leaderboard"), "lucky", "night", "fox")
    assert whole(await in_private(bot, "/race", user=BRUNO), "lucky", "night", "fox")


async def test_start_in_a_group_masks_the_senders_own_name_and_private_keeps_it(app_with):
    bot = await linked(app_with)
    assert masked(await in_group(bot, "/start"), "lucky")
    assert whole(await in_private(bot, "/start"), "lucky")
