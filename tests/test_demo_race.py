"""The demo as a new user tries it: DEMO_RACE_ENDS_IN_MINUTES makes the live race end in minutes, and the
page and the bot move from the live race to its results and to the next race; the winner is told once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models import clock
from models.locales import format_month
from models.race import race_at
from scheduler.demo import DemoSource
from tests import updates
from tests.support import Harness, harness_settings, make_settings
from wiring.runtime import build_runtime

PLAYER = updates.telegram_user(4242, "Paula", "paula", "en")
OWNER = updates.telegram_user(999, "Olga", "olga", "en")


def test_the_demo_clock_is_refused_on_real_data():
    with pytest.raises(ValueError, match="DEMO_RACE_ENDS_IN_MINUTES works only on demo data"):
        make_settings(goated_affiliate_code="abc", demo_race_ends_in_minutes=5)


async def test_a_demo_race_ends_in_minutes_and_its_winner_is_told_once(
    database, fake_telegram, fake_goated, aiohttp_client
):
    settings = harness_settings(
        database, fake_telegram, fake_goated, goated_affiliate_code=None, demo_race_ends_in_minutes=3
    )
    runtime = build_runtime(settings, manage_database=False, run_scheduler=False, source=DemoSource(players=300))
    harness = Harness(runtime, await aiohttp_client(runtime.web_app), fake_telegram, fake_goated)
    client = harness.client
    race = race_at(clock.now())
    assert timedelta(minutes=2) < race.ends_at - clock.now() <= timedelta(minutes=3)
    clock.set_now(race.ends_at - timedelta(minutes=3))  # from here the test moves the clock itself

    async def say(text: str, user: dict) -> str:
        return (await harness.send(text, user=user))[-1]["text"]

    await runtime.sync.run_once()
    leader = (await runtime.leaderboards.race_standings(race)).top(1)[0]
    await say("/start", OWNER)
    await say(f"/verify {leader.name}", PLAYER)
    await harness.press("review:1:approve:", user=OWNER)
    live = await say("/race", PLAYER)
    assert "You are <b>#1</b>" in live and "Ends in 0h 3m" in live and "demo data" in live
    assert "today" not in live  # the history began now: no movement or gain to show yet
    assert f"{format_month(race.month, 'en')} wager race" in await (await client.get("/")).text()

    clock.set_now(race.ends_at - timedelta(seconds=90))
    await runtime.races.tick()  # the pre-end sync
    clock.set_now(race.ends_at + timedelta(seconds=30))
    await runtime.races.tick()  # finalises and tells the winner
    await runtime.races.tick()  # a second run changes nothing
    won = [c for c in fake_telegram.delivered() if int(c["chat_id"]) == PLAYER["id"] and "race is over" in c["text"]]
    assert len(won) == 1 and "<b>#1</b>" in won[0]["text"] and "$200.00" in won[0]["text"]

    page = await (await client.get("/")).text()
    following = race_at(clock.now())
    assert f"{format_month(following.month, 'en')} wager race" in page
    winners = page[page.index(f"{format_month(race.month, 'en')} race — winners") :]
    assert leader.name in winners and "$200.00" in winners
    assert f"🥇 {leader.name}" in await say("/race previous", PLAYER)

    await runtime.sync.run_once()  # the demo affiliate has reset its month: the new race fills up
    after = await say("/race", PLAYER)
    assert "You are <b>#" in after or "You have not wagered this month yet." in after
    assert (await runtime.leaderboards.race_standings(following)).top(1)[0].wagered < leader.wagered / 10
    await runtime.source.close()
