"""Race finalisation with a controllable clock and the fake Goated server: syncs around the boundary,
upstream resets early, late and never, the process down over the end, a crash before the messages,
and two finalisers at once. Each ends with one correct result set and one message per winner."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from models.results import Finalised, RaceState, finalise, race_state
from models.tables import FinishedRace, Notification, RaceResult, TelegramUser, WagerSnapshot
from tests import updates
from tests.fakes.goated import player
from tests.support import ALICE, END, NOV, OWNER, Clock, link_players, sync_at

INTERVAL = timedelta(minutes=15)


async def final(uid_order: bool = True) -> list[tuple[int, str, Decimal, Decimal | None]]:
    race = await FinishedRace.get(month=NOV.month)
    return [
        (r.rank, r.player_id, r.wagered, r.prize) for r in await RaceResult.filter(race_id=race.id).order_by("rank")
    ]


def test_state_comes_from_the_clock_and_the_stored_results():
    assert race_state(NOV, NOV.starts_at - timedelta(seconds=1), False) == RaceState.UPCOMING
    assert race_state(NOV, END - timedelta(seconds=1), False) == RaceState.LIVE
    assert race_state(NOV, END, False) == RaceState.FINALISING
    assert race_state(NOV, END, True) == RaceState.FINISHED


async def test_only_changed_players_are_recorded_in_the_history(race):
    await sync_at(race, datetime(2026, 11, 10, tzinfo=UTC), alpha=100, beta=50)
    await sync_at(race, datetime(2026, 11, 10, 0, 15, tzinfo=UTC), alpha=150, beta=50)
    history = await WagerSnapshot.all().order_by("id").values_list("player_id", "wagered_month")
    assert history == [("alpha", Decimal(100)), ("beta", Decimal(50)), ("alpha", Decimal(150))]


async def test_history_no_race_can_use_any_more_is_deleted_and_the_rest_still_finalises(race):
    """The race job finalises up to the last three ended races: history from before the oldest of them (and
    its reset look-back) is deleted, once, and the races it keeps are finalised from complete figures."""
    for day, amount in (
        (datetime(2026, 7, 10, tzinfo=UTC), 100),
        (datetime(2026, 8, 20, tzinfo=UTC), 200),
        (datetime(2026, 8, 31, 12, tzinfo=UTC), 5),  # the upstream's early reset into September
        (datetime(2026, 9, 15, tzinfo=UTC), 300),
        (datetime(2026, 11, 20, tzinfo=UTC), 400),
    ):
        await sync_at(race, day, alpha=amount, beta=amount / 2)
    race.clock.now = END + timedelta(minutes=1)
    await race.runtime.races.tick()  # the last three ended races: September, October, November

    kept = await WagerSnapshot.all().order_by("id").values_list("at", "wagered_month")
    assert [(at.date().isoformat(), amount) for at, amount in kept][::2] == [
        ("2026-08-31", 5),
        ("2026-09-15", 300),
        ("2026-11-20", 400),
    ]  # July and mid-August went, two rows a sync
    finished = {r.month: r for r in await FinishedRace.all()}
    assert sorted(finished) == ["2026-09", "2026-11"]  # October saw no wagers: nothing to finalise
    assert [(r[1], r[2]) for r in await final()] == [("alpha", 400), ("beta", 200)]
    september = (
        await RaceResult.filter(race_id=finished["2026-09"].id).order_by("rank").values_list("player_id", "wagered")
    )
    assert september == [("alpha", Decimal(300)), ("beta", Decimal(150))]


async def test_a_reset_is_recognised_by_the_sync_even_where_a_player_did_not_fall_by_half(race):
    await sync_at(race, END - timedelta(hours=3), alpha=1000, beta=900, gamma=800, delta=100)
    # The reset, already with new wagers: alpha is not below half, but most of this sync's players fell back.
    await sync_at(race, END - timedelta(hours=2), alpha=600, beta=5, gamma=0, delta=20)
    await sync_at(race, END - timedelta(hours=1), alpha=700, beta=50, gamma=10, delta=160)
    race.clock.now = END + timedelta(minutes=1)
    await race.runtime.races.tick()
    assert [(r[1], r[2]) for r in await final()] == [("alpha", 1000), ("beta", 900), ("gamma", 800), ("delta", 100)]


async def test_a_race_that_ended_before_the_history_began_is_not_finalised_empty(race):
    await sync_at(race, datetime(2026, 10, 20, tzinfo=UTC), alpha=10)
    await WagerSnapshot.all().delete()  # as after an upgrade: sync runs, but no history of wagers
    race.clock.now = END + timedelta(minutes=1)
    await race.runtime.races.tick()
    assert await FinishedRace.all().count() == 0


async def test_sync_before_at_and_after_the_boundary_with_an_early_reset(race):
    await sync_at(race, END - timedelta(hours=1), alpha=1000, beta=900, gamma=10)
    await sync_at(race, END - timedelta(minutes=1), alpha=3, beta=0, gamma=12)  # the upstream reset before our end
    await sync_at(race, END, alpha=50, beta=60, gamma=70)  # at the boundary: the next race's figures
    race.clock.now = END + timedelta(minutes=1)
    assert await race.runtime.races.tick() == Finalised.DONE
    assert await final() == [
        (1, "alpha", Decimal(1000), Decimal("200.00")),
        (2, "beta", Decimal(900), Decimal("100.00")),
        (3, "gamma", Decimal(10), Decimal("60.00")),
    ]  # not the next month's 12


@pytest.mark.parametrize("reset_after", [timedelta(minutes=5), timedelta(hours=9), None])
async def test_a_late_or_missing_reset_never_reaches_the_results(race, reset_after):
    await sync_at(race, END - timedelta(minutes=10), alpha=1000, beta=1200)
    await sync_at(race, END - timedelta(minutes=2), alpha=1100, beta=1200)
    race.clock.now = END + timedelta(seconds=30)
    await race.runtime.races.tick()
    if reset_after is not None:
        await sync_at(race, END + reset_after, alpha=0, beta=0)
        race.clock.now = END + reset_after + timedelta(seconds=30)
        assert await race.runtime.races.tick() == Finalised.ALREADY
    assert await final() == [
        (1, "beta", Decimal(1200), Decimal("200.00")),
        (2, "alpha", Decimal(1100), Decimal("100.00")),
    ]
    assert not (await FinishedRace.get(month=NOV.month)).stale


async def test_down_over_the_end_finalises_at_start_up_and_marks_old_data(race):
    await sync_at(race, END - timedelta(hours=14), alpha=500, beta=700)
    race.clock.now = END + timedelta(hours=9)  # the process comes back nine hours after the end
    await race.runtime.races.tick()
    stored = await FinishedRace.get(month=NOV.month)
    assert stored.stale and stored.data_as_of == END - timedelta(hours=14)
    assert [r[1] for r in await final()] == ["beta", "alpha"]


async def test_two_finalisers_at_once_write_one_result_set(race):
    await sync_at(race, END - timedelta(minutes=5), alpha=500, beta=700)
    outcomes = await asyncio.gather(*(finalise(NOV, INTERVAL, END) for _ in range(4)))
    assert sorted(outcomes) == [Finalised.ALREADY] * 3 + [Finalised.DONE]
    assert await FinishedRace.all().count() == 1 and await RaceResult.all().count() == 2


async def test_winners_and_admins_are_told_once_even_after_a_crash_before_sending(race):
    await link_players(race)
    await sync_at(race, END - timedelta(minutes=1), alpha=800, beta=700, gamma=100)

    # A crash right after the results were committed: the messages are owed, none sent yet.
    assert await finalise(NOV, INTERVAL, END) == Finalised.DONE
    assert await Notification.filter(status="pending").count() == 3  # two winners, one admin
    race.telegram.calls.clear()

    race.clock.now = END + timedelta(minutes=1)
    await race.runtime.races.tick()  # after the restart
    await race.runtime.races.tick()  # and again: nothing more
    told = {int(c["chat_id"]): c["text"] for c in race.telegram.delivered()}
    assert len(race.telegram.delivered()) == 3
    assert "you finished <b>#1</b> and won <b>$200.00</b>" in told[111]
    assert "<b>#2</b>" in told[222] and "100,00" in told[222]  # Bruno reads it in Spanish
    assert "Results of the November 2026 race" in told[999] and "Alpha" in told[999] and "@alice" in told[999]


async def test_previous_race_and_own_history_in_the_bot(race):
    await race.send("/start", user=OWNER)
    await sync_at(race, END - timedelta(minutes=3), alpha=500, beta=700)
    await race.send("/verify Alpha", user=ALICE)
    await race.press("review:1:approve:", user=OWNER)
    race.clock.now = END + timedelta(minutes=1)
    await race.runtime.races.tick()

    [previous] = await race.send("/race previous", user=ALICE)
    assert "November 2026 race — final results" in previous["text"]
    assert previous["text"].index("Beta") < previous["text"].index("Alpha")
    assert "You finished <b>#2</b>" in previous["text"]
    [by_month] = await race.send("/race 2026-11", user=ALICE)
    assert by_month["text"] == previous["text"]
    someone = updates.telegram_user(444, "Dora", "dora", "en")
    [missing] = await race.send("/race 2025-01", user=someone)
    assert "No finished race" in missing["text"]
    [bad] = await race.send("/race soon", user=someone)
    assert "Usage: /race" in bad["text"]
    [stats] = await race.send("/stats", user=ALICE)
    assert "Past races" in stats["text"] and "November 2026: #2" in stats["text"]
    assert await TelegramUser.filter(player_id="alpha").count() == 1


# ---- alerts after each sync ----


@pytest.fixture(params=["batched", "one_by_one"])
def alert_batches(request, monkeypatch):
    """The alerts are weighed for the linked players in batches: the same alerts with one player per batch."""
    if request.param == "one_by_one":
        monkeypatch.setattr("models.alerts.BATCH", 1)


async def test_overtaken_and_paid_places_alerts_respect_opt_out_and_the_daily_cap(race, alert_batches):
    await link_players(race)
    base = datetime(2026, 11, 20, 1, tzinfo=UTC)
    await sync_at(race, base, alpha=800, beta=700, gamma=100)  # Alpha passes Beta
    [alert] = race.telegram.delivered()
    assert int(alert["chat_id"]) == 222 and "#2" in alert["text"] and "100,00" in alert["text"]

    await race.send("/notifications", user=ALICE)
    await race.press("alerts:notify_overtaken", user=ALICE)
    assert not (await TelegramUser.get(id=111)).notify_overtaken
    race.telegram.calls.clear()
    await sync_at(
        race, base + timedelta(minutes=15), alpha=800, beta=900, gamma=100
    )  # Beta back ahead: Alice opted out
    assert race.telegram.delivered() == []

    for step in range(1, 6):  # Bruno overtaken again and again: three alerts a day at most
        await sync_at(race, base + timedelta(hours=step), alpha=1000 * step + 950, beta=1000 * step + 900, gamma=100)
        await sync_at(
            race, base + timedelta(hours=step, minutes=30), alpha=1000 * step + 950, beta=1000 * step + 960, gamma=100
        )
    bruno = [c for c in race.telegram.delivered() if int(c["chat_id"]) == 222]
    assert len(bruno) == 2  # plus the first one earlier today: three


async def test_new_leader_is_announced_to_configured_groups_once_per_change(
    harness, fake_goated, database, fake_telegram, aiohttp_client
):
    from tests.support import fast_client, harness_settings
    from wiring.runtime import build_runtime

    runtime = build_runtime(
        harness_settings(database, fake_telegram, fake_goated, announce_chat_ids="-1001"),
        manage_database=False,
        run_scheduler=False,
        source=fast_client(fake_goated),
    )
    await aiohttp_client(runtime.web_app)
    clock = Clock()
    for minutes, (a, b) in enumerate([(500, 400), (500, 600), (500, 600), (700, 600)]):
        clock.now = datetime(2026, 11, 20, tzinfo=UTC) + timedelta(minutes=15 * minutes)
        fake_goated.players = [player("alpha", "Alpha", month=a), player("beta", "Beta", month=b)]
        await runtime.sync.run_once()
    announced = [c["text"] for c in fake_telegram.delivered() if int(c["chat_id"]) == -1001]
    assert len(announced) == 2 and "Beta" in announced[0] and "Alpha" in announced[1]
    await runtime.source.close()


async def test_the_last_24_hours_are_announced_once_per_player(race, alert_batches):
    await link_players(race)
    await sync_at(race, END - timedelta(hours=10), alpha=500, beta=710, gamma=100)
    await sync_at(race, END - timedelta(hours=9), alpha=500, beta=720, gamma=100)
    told = sorted((int(c["chat_id"]), c["text"]) for c in race.telegram.delivered())
    assert [chat for chat, _ in told] == [111, 222]
    assert "Less than 24 hours left" in told[0][1] and "<b>#2</b>" in told[0][1]
