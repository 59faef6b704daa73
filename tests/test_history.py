"""What the history of wagers shows players: rank movement, today's gain and the month's curve, and a new
race that stays empty until the upstream resets the month (its figures until then are last month's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.tables import BonusCode, SyncRun
from tests.support import ALICE, END, OWNER, answers, link_players, sync_at

DAY_21 = datetime(2026, 11, 21, tzinfo=UTC)


def last_text(calls: list) -> str:
    assert calls, "the bot answered nothing"
    return calls[-1]["text"]


async def test_race_shows_places_moved_and_the_amount_wagered_today(race):
    await link_players(race)  # Nov 20: beta 700, alpha (Alice) 500, gamma 100
    await sync_at(race, DAY_21 + timedelta(hours=9), alpha=900, beta=800, gamma=100)
    text = last_text(await race.send("/race", user=ALICE))
    assert "You are <b>#1</b>" in text
    assert "▲1 since the last update · ▲1 since yesterday · +$400.00 today" in text

    await sync_at(race, DAY_21 + timedelta(hours=10), alpha=900, beta=800, gamma=1000)
    text = last_text(await race.send("/race", user=ALICE))
    assert "You are <b>#2</b>" in text
    assert "▼1 since the last update · +$400.00 today" in text  # #2 when the day began, #2 now
    assert "Gamma — <b>$1,000.00</b> ▲2" in text  # the top five show places moved since yesterday

    page = await (await race.client.get("/")).text()
    assert '<td>1 <span class="up" title="Places moved since yesterday">▲2</span></td><td>Gamma</td>' in page


async def test_a_player_new_today_and_the_month_day_by_day(race):
    await link_players(race)
    await sync_at(race, DAY_21 + timedelta(hours=9), alpha=900, beta=800, gamma=100, delta=50)
    text = last_text(await race.send("/stats", user=ALICE))
    assert "🏁 Race: <b>#1</b>" in text
    # November 1–19 nothing, the 20th 500, the 21st (today, so far) 900
    assert "Day by day: " + "▁" * 19 + "▄█" in text
    assert "new in the race today" not in text
    await race.send("/verify Delta", user=OWNER)  # the owner links to the newcomer
    await race.press("review:3:approve:", user=OWNER)
    assert "new in the race today · +$50.00 today" in last_text(await race.send("/race", user=OWNER))


@pytest.mark.parametrize("early_reset", [False, True], ids=["reset-after-the-end", "reset-before-the-end"])
async def test_the_new_race_holds_only_figures_from_after_the_reset(race, early_reset):
    await link_players(race)
    if early_reset:  # the upstream starts December two hours early: those wagers count for December
        await sync_at(race, END - timedelta(hours=3), alpha=1500, beta=1700, gamma=100)
        await sync_at(race, END - timedelta(hours=2), alpha=20, beta=1, gamma=0)
        # November is not over: its board keeps the figures from before the reset
        assert "You are <b>#2</b> with $1,500.00" in last_text(await race.send("/race", user=ALICE))
        assert '<td>Beta</td><td class="num">$1,700.00</td>' in await (await race.client.get("/")).text()
    else:
        await sync_at(race, END - timedelta(minutes=10), alpha=1500, beta=1700, gamma=100)
    await sync_at(
        race,
        END + timedelta(minutes=5),
        **({"alpha": 20, "beta": 1, "gamma": 0} if early_reset else {"alpha": 1500, "beta": 1700, "gamma": 100}),
    )
    text = last_text(await race.send("/race", user=ALICE))
    if early_reset:
        assert "You are <b>#1</b> with $20.00" in text
    else:  # still November's figures upstream: December has no standings yet
        assert "You have not wagered this month yet." in text and "Nobody has wagered yet" in text
        assert "Nobody has wagered yet this month." in await (await race.client.get("/")).text()
        await sync_at(race, END + timedelta(hours=1), alpha=35, beta=0, gamma=0)  # the reset arrives
        assert "You are <b>#1</b> with $35.00" in last_text(await race.send("/race", user=ALICE))
    await race.runtime.races.tick()
    november = last_text(await race.send("/race previous", user=ALICE))
    assert "🥇 Beta — <b>$1,700.00</b>" in november and "🥈 Alpha — <b>$1,500.00</b>" in november


async def test_the_page_moves_from_the_race_to_its_results(race):
    await link_players(race)
    await sync_at(race, END - timedelta(minutes=10), alpha=1500, beta=1700, gamma=100)
    page = await (await race.client.get("/")).text()
    assert "November 2026 wager race" in page and f'<time id="countdown" datetime="{END.isoformat()}"' in page

    race.clock.now = END + timedelta(seconds=20)
    page = await (await race.client.get("/")).text()
    assert "December 2026 wager race" in page
    assert "November 2026 race — winners" in page and "final results are being worked out" in page

    await race.runtime.races.tick()
    page = await (await race.client.get("/")).text()
    assert "being worked out" not in page
    winners = page[page.index("November 2026 race — winners") :]
    assert winners.index("Beta") < winners.index("Alpha") < winners.index("Gamma")
    assert "$200.00" in winners and "$100.00" in winners  # 40 % and 20 % of the default $500 pool


async def test_one_player_falling_is_not_the_month_reset(race):
    await link_players(race)  # Nov 20: beta 700, alpha (Alice) 500, gamma 100
    await sync_at(race, END - timedelta(days=1), alpha=150, beta=700, gamma=100)  # an upstream correction, one player
    assert "You are <b>#2</b> with $150.00" in last_text(await race.send("/race", user=ALICE))
    await race.runtime.races.tick()
    assert not await SyncRun.filter(month_reset=True).exists()


async def test_a_minimum_wager_counts_only_this_months_figures(race):
    await link_players(race)
    await sync_at(race, END - timedelta(minutes=10), alpha=1500, beta=1700, gamma=100)
    race.clock.now = END + timedelta(minutes=5)  # December, and the upstream still shows November's figures
    await BonusCode.create(
        code="DEC",
        reward="December bonus",
        max_claims=5,
        expires_at=END + timedelta(days=5),
        min_wager_month=1000,
        created_by=OWNER["id"],
    )
    below = ["This code needs more wagered this month than you have so far."]
    assert answers(await race.press("bonus:1", user=ALICE)) == below
    await sync_at(race, END + timedelta(hours=1), alpha=10, beta=1, gamma=0)  # the reset
    assert answers(await race.press("bonus:1", user=ALICE)) == below
    await sync_at(race, END + timedelta(hours=2), alpha=1200, beta=1, gamma=0)
    assert answers(await race.press("bonus:1", user=ALICE)) == ["Claimed!"]
