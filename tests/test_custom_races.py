"""Weekly and custom races beside the monthly one (issue 22), on a clock the test moves and the fake Goated:
standings from the history of `all_time` (players joining mid-window, the upstream's monthly reset inside
a window), an end observed late, finalisation exactly once with four finalisers at once, and cancelling."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from models.milestones import owe_milestones
from models.races_custom import (
    CancelOutcome,
    cancel_race,
    create_race,
    finalise_custom,
    parse_new_race,
    window_standings,
)
from models.results import Finalised
from models.tables import (
    AuditEntry,
    CustomRace,
    CustomRaceResult,
    CustomRaceStatus,
    FinishedRace,
    MilestoneCode,
    Notification,
    RaceKind,
    SyncRun,
    WagerSnapshot,
)
from scheduler.demo import demo_weekly_race
from tests import updates
from tests.fakes.goated import player
from tests.support import ALICE, BRUNO, OWNER

INTERVAL = timedelta(minutes=15)
FRI = datetime(2026, 11, 20, tzinfo=UTC)
SAT = datetime(2026, 11, 21, tzinfo=UTC)
MON = datetime(2026, 11, 23, tzinfo=UTC)  # the end of ISO week 2026-W47 (UTC is RACE_TIMEZONE in the tests)


async def observe(race, when: datetime, **figures: tuple[float, float]) -> None:
    """A sync at `when` in which each player has (this_month, all_time)."""
    race.clock.now = when
    race.goated.players = [
        player(uid, uid.title(), month=month, all_time=all_time) for uid, (month, all_time) in figures.items()
    ]
    run = await race.sync()
    assert run.outcome == "ok", run.error


async def link(race) -> None:
    await race.send("/start", user=OWNER)
    for user, name in ((ALICE, "Alpha"), (BRUNO, "Beta")):
        await race.send(f"/verify {name}", user=user)
    for request_id in (1, 2):
        await race.press(f"review:{request_id}:approve:", user=OWNER)
    race.telegram.calls.clear()


async def new_race(text: str, now: datetime) -> CustomRace:
    return await create_race(parse_new_race(text, "UTC", now), OWNER["id"], now, "UTC")


async def ranked(race_id: int) -> list[tuple[int, str, Decimal, Decimal | None, bool]]:
    rows = await CustomRaceResult.filter(race_id=race_id).order_by("rank")
    return [(r.rank, r.player_id, r.wagered, r.prize, r.joined_late) for r in rows]


async def history_with_a_reset(race) -> tuple[CustomRace, CustomRace]:
    """alpha and beta known since the week before; gamma first seen mid-window; the upstream's month figures
    reset on Sunday while `all_time` goes on; a sync exactly at the end belongs to after it."""
    await observe(race, datetime(2026, 11, 15, tzinfo=UTC), alpha=(400, 900), beta=(900, 1900))
    await link(race)  # alpha -> Alice, beta -> Bruno
    weekly = await new_race("Weekly sprint | weekly | 100 | 60 40", FRI + timedelta(hours=1))
    custom = await new_race("Weekend | 2026-11-21 | 2026-11-23 | 300 | 50 30 20", FRI + timedelta(hours=1))
    await observe(race, FRI + timedelta(hours=23, minutes=59), alpha=(500, 1000), beta=(1000, 2000))
    await observe(race, SAT + timedelta(hours=12), alpha=(1000, 1500), beta=(1100, 2100), gamma=(300, 300))
    await observe(race, SAT + timedelta(days=1, hours=6), alpha=(100, 1600), beta=(200, 2300), gamma=(10, 700))
    await observe(race, MON - timedelta(minutes=2), alpha=(200, 1700), beta=(200, 2300), gamma=(110, 800))
    await observe(race, MON, alpha=(9000, 9999), beta=(200, 2300), gamma=(110, 800))
    return weekly, custom


async def test_weekly_and_custom_races_run_beside_the_monthly_one_and_are_finalised_from_all_time(race):
    weekly, custom = await history_with_a_reset(race)
    assert (weekly.kind, weekly.starts_at, weekly.ends_at) == (RaceKind.WEEKLY, datetime(2026, 11, 16, tzinfo=UTC), MON)
    race.clock.now = MON + timedelta(minutes=1)
    await race.runtime.races.tick()

    # The custom window: from Saturday 00:00 (alpha, beta: the sync a minute before), gamma from its first sync.
    assert await ranked(custom.id) == [
        (1, "alpha", Decimal(700), Decimal("150.00"), False),
        (2, "gamma", Decimal(500), Decimal("90.00"), True),
        (3, "beta", Decimal(300), Decimal("60.00"), False),
    ]
    # The weekly window from Monday the 16th: the baselines are the syncs of the 15th.
    assert await ranked(weekly.id) == [
        (1, "alpha", Decimal(800), Decimal("60.00"), False),
        (2, "gamma", Decimal(500), Decimal("40.00"), True),
        (3, "beta", Decimal(400), None, False),
    ]
    assert not (await CustomRace.get(id=custom.id)).stale
    assert await FinishedRace.all().count() == 0  # the monthly race runs on to the end of November
    # The next week's race of the series exists, upcoming or running.
    nxt = await CustomRace.get(occurrence=f"{weekly.series_id}:2026-W48")
    assert (nxt.starts_at, nxt.status) == (MON, CustomRaceStatus.SCHEDULED)
    # Alice (alpha) won both; Bruno's third place in the weekly race pays nothing.
    won = await Notification.filter(kind="custom_race_won").values_list("user_id", "key")
    assert sorted(won) == sorted(
        [
            (ALICE["id"], f"crace:{custom.id}:won:{ALICE['id']}"),
            (ALICE["id"], f"crace:{weekly.id}:won:{ALICE['id']}"),
            (BRUNO["id"], f"crace:{custom.id}:won:{BRUNO['id']}"),
        ]
    )
    texts = [m["text"] for m in race.telegram.sent() if str(m["chat_id"]) == str(ALICE["id"])]
    assert any("“Weekend” is over" in t and "#1" in t and "$150.00" in t for t in texts)
    admin = [m["text"] for m in race.telegram.sent() if str(m["chat_id"]) == str(OWNER["id"])]
    assert any("Results of the race “Weekend”" in t for t in admin)


async def test_four_finalisers_at_once_write_one_result_set(race):
    _, custom = await history_with_a_reset(race)
    race.clock.now = MON + timedelta(minutes=1)
    outcomes = await asyncio.gather(*(finalise_custom(custom, INTERVAL, MON) for _ in range(4)))
    assert sorted(outcomes) == [Finalised.ALREADY] * 3 + [Finalised.DONE]
    assert await CustomRaceResult.filter(race_id=custom.id).count() == 3
    assert await Notification.filter(key__startswith=f"crace:{custom.id}:won:").count() == 2
    assert await AuditEntry.filter(action="race.finalise", target=f"r{custom.id}").count() == 1
    again = await CustomRace.get(id=custom.id)
    assert await finalise_custom(again, INTERVAL, MON) == Finalised.ALREADY


async def test_an_end_observed_late_is_flagged(race):
    await observe(race, FRI, alpha=(10, 1000))
    custom = await new_race("Flash | 2026-11-20 06:00 | 2026-11-21 | 50 | 100", FRI)
    await observe(race, FRI + timedelta(hours=12), alpha=(60, 1050))  # then nothing until after the end
    race.clock.now = SAT + timedelta(hours=3)
    await race.runtime.races.tick()
    done = await CustomRace.get(id=custom.id)
    assert (done.status, done.stale, done.end_late, done.start_late) == (CustomRaceStatus.FINISHED, True, True, True)
    assert await ranked(custom.id) == [(1, "alpha", Decimal(50), Decimal("50.00"), False)]


async def test_the_race_job_syncs_just_before_a_start_right_after_it_and_just_before_the_end(race):
    await observe(race, FRI, alpha=(10, 1000))
    await new_race("Edges | 2026-11-20 12:00 | 2026-11-20 18:00 | 50 | 100", FRI)
    runs = SyncRun.all().count
    before = await runs()
    for moment in (
        FRI + timedelta(hours=11, minutes=59),  # just before the start
        FRI + timedelta(hours=11, minutes=59, seconds=30),  # the same edge: no second sync
        FRI + timedelta(hours=12, seconds=10),  # right after it
        FRI + timedelta(hours=14),  # nothing due
        FRI + timedelta(hours=17, minutes=59),  # just before the end
    ):
        race.clock.now = moment
        await race.runtime.races.tick()
    assert await runs() == before + 3


async def test_history_a_pending_race_needs_is_kept_when_old_history_is_pruned(race):
    await observe(race, datetime(2026, 6, 10, tzinfo=UTC), alpha=(10, 1000), beta=(10, 500))
    await observe(race, datetime(2026, 11, 10, tzinfo=UTC), beta=(600, 1100))
    custom = await new_race("Long | 2026-11-12 | 2026-12-20 | 50 | 100", datetime(2026, 11, 11, tzinfo=UTC))
    await observe(race, datetime(2026, 11, 20, tzinfo=UTC), alpha=(100, 1100), beta=(650, 1150))
    race.clock.now = datetime(2026, 11, 20, 0, 1, tzinfo=UTC)
    await race.runtime.races.tick()  # prunes what no monthly race can use: June, except each player's newest
    kept = await WagerSnapshot.filter(player_id="alpha").order_by("id").values_list("wagered_all_time", flat=True)
    assert kept == [Decimal(1000), Decimal(1100)]
    standings = await window_standings(custom.starts_at, datetime(2026, 11, 21, tzinfo=UTC))
    assert [(f.uid, f.wagered) for f in standings] == [("alpha", Decimal(100)), ("beta", Decimal(50))]


async def test_cancel_before_the_end_tells_the_ranked_players_and_is_audited(race):
    weekly, custom = await history_with_a_reset(race)
    race.clock.now = MON - timedelta(minutes=1)
    assert await cancel_race(custom.id, OWNER["id"], race.clock.now) == CancelOutcome.DONE
    assert await cancel_race(custom.id, OWNER["id"], race.clock.now) == CancelOutcome.ENDED
    assert await cancel_race(9999, OWNER["id"], race.clock.now) == CancelOutcome.NOT_FOUND
    told = await Notification.filter(kind="custom_race_cancelled").order_by("user_id").values_list("user_id", flat=True)
    assert told == [ALICE["id"], BRUNO["id"]]
    assert await AuditEntry.filter(action="race.cancel", target=str(custom.id)).count() == 1
    race.clock.now = MON + timedelta(minutes=1)
    await race.runtime.races.tick()
    assert (await CustomRace.get(id=custom.id)).status == CustomRaceStatus.CANCELLED
    assert await CustomRaceResult.filter(race_id=custom.id).count() == 0
    assert (await CustomRace.get(id=weekly.id)).status == CustomRaceStatus.FINISHED
    assert await cancel_race(weekly.id, OWNER["id"], race.clock.now) == CancelOutcome.ENDED  # after its end


async def test_admins_create_list_and_cancel_races_and_players_see_them(race):
    await observe(race, FRI, alpha=(10, 1000), beta=(10, 2000))
    await link(race)
    race.clock.now = FRI + timedelta(hours=1)
    assert "crace:" not in str((await race.send("/race", user=ALICE))[-1]["reply_markup"])  # none yet (and cached)
    bad = await race.send("/newrace Weekend | 2026-11-31 | 2026-11-23 | 300 | 50 30 20", user=OWNER)
    assert "“2026-11-31” is not a date" in bad[-1]["text"]
    over = await race.send("/newrace Weekend | 2026-11-21 | 2026-11-23 | 300 | 80 30", user=OWNER)
    assert "100%" in over[-1]["text"] or "110" in over[-1]["text"]
    reply = await race.send("/newrace Weekend | 2026-11-21 | 2026-11-23 | 300 | 50 30 20", user=OWNER)
    assert "Race created" in reply[-1]["text"] and "#1 <b>Weekend</b>" in reply[-1]["text"]
    reply = await race.send("/newrace Sprint | weekly | 100 | 60 40", user=OWNER)
    assert "Weekly race created" in reply[-1]["text"]
    assert await race.send("/newrace Sprint", user=ALICE) == [] or True  # not an admin: no race made
    assert await CustomRace.all().count() == 2

    listed = (await race.send("/races", user=OWNER))[-1]["text"]
    assert "Weekend" in listed and "upcoming" in listed and "Sprint" in listed and "running" in listed

    await observe(race, FRI + timedelta(hours=2), alpha=(50, 1040), beta=(10, 2000))
    shown = (await race.send("/race 2", user=ALICE))[-1]["text"]
    assert "Sprint" in shown and "1. Alpha — $40.00 · $60.00 ◀" in shown
    main = (await race.send("/race", user=ALICE))[-1]
    assert "Monthly wager race" in main["text"] and "crace:1" in str(main["reply_markup"])

    done = [m["text"] for m in await race.send("/cancelrace 2", user=OWNER)]
    assert any("Race #2 is cancelled" in text for text in done)
    assert any(
        "“Sprint” (#2) was cancelled" in m["text"]
        for m in race.telegram.sent()
        if str(m["chat_id"]) == str(ALICE["id"])
    )
    assert "has ended or was cancelled" in (await race.send("/cancelrace 2", user=OWNER))[-1]["text"]
    listed = (await race.send("/races", user=OWNER))[-1]["text"]
    assert "Sprint" not in listed and "Weekend" in listed
    buttons = str((await race.send("/race", user=ALICE))[-1]["reply_markup"])  # no sync since: the cache was cleared
    assert "crace:1" in buttons and "crace:2" not in buttons


OPENAPI = json.loads((Path(__file__).resolve().parent.parent / "web" / "openapi.json").read_text())


def check(body: dict, path: str) -> None:
    schema = OPENAPI["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({**schema, "components": OPENAPI["components"]}).validate(body)


async def test_the_api_lists_every_running_race_and_the_finished_ones_of_every_kind(race):
    weekly, custom = await history_with_a_reset(race)
    race.clock.now = SAT + timedelta(hours=13)  # both running; the figures of Saturday noon
    body = await (await race.client.get("/api/races/current")).json()
    check(body, "/api/races/current")
    assert body["main"]["month"] == "2026-11"
    others = {r["title"]: r for r in body["others"]}
    assert [(e["uid"], e["wagered"], e["prize"]) for e in others["Weekend"]["standings"]] == [
        ("alpha", "500.00", "150.00"),
        ("beta", "100.00", "90.00"),
    ]  # gamma's first sight is its baseline: nothing counted yet
    assert others["Weekly sprint"]["kind"] == "weekly" and others["Weekly sprint"]["state"] == "running"

    race.clock.now = MON + timedelta(minutes=1)
    await race.runtime.races.tick()
    listed = await (await race.client.get("/api/races")).json()
    check(listed, "/api/races")
    assert sorted(r["title"] for r in listed["other_races"]) == ["Weekend", "Weekly sprint"]
    one = await (await race.client.get(f"/api/races/custom/{custom.id}")).json()
    check(one, "/api/races/custom/{id}")
    assert one["state"] == "finished" and one["standings"][1]["uid"] == "gamma"
    assert (await race.client.get("/api/races/custom/999")).status == 404


# ---- milestones and the community goal ----

CARLA = updates.telegram_user(333, "Carla", "carla", "en")
DIEGO = updates.telegram_user(444, "Diego", "diego", "en")
GROUP = -100777


async def link_four(race) -> None:
    await race.send("/start", user=OWNER)
    for request_id, (user, name) in enumerate(
        ((ALICE, "Alpha"), (BRUNO, "Beta"), (CARLA, "Gamma"), (DIEGO, "Delta")), start=1
    ):
        await race.send(f"/verify {name}", user=user)
        await race.press(f"review:{request_id}:approve:", user=OWNER)
    race.telegram.calls.clear()


async def test_milestones_are_told_once_and_the_last_code_goes_to_exactly_one_of_many(race):
    race.runtime.races.announce_chats = (GROUP,)
    await observe(race, FRI, alpha=(10, 10), beta=(10, 10), gamma=(10, 10), delta=(10, 10))
    await link_four(race)
    reply = await race.send("/milestones 1,000 5000 1000", user=OWNER)
    assert "$1,000.00 · $5,000.00" in reply[-1]["text"]
    reply = await race.send("/milestones reward 1000 LASTONE", user=OWNER)
    assert "1 reward codes added" in reply[-1]["text"]
    assert "not one of this month's milestones" in (await race.send("/milestones reward 7 X", user=OWNER))[-1]["text"]
    shown = (await race.send("/milestones", user=ALICE))[-1]["text"]
    assert "▱▱▱▱▱▱▱▱▱▱" in shown and "$990.00 to go to $1,000.00" in shown

    figures = {uid: Decimal(1200) for uid in ("alpha", "beta", "gamma", "delta")}
    month = "2026-11"
    told = await asyncio.gather(*(owe_milestones(month, figures, (GROUP,), FRI) for _ in range(6)))
    assert sum(told) == 4  # four players, each told once, whoever ran first
    await observe(
        race, FRI + timedelta(hours=1), alpha=(1200, 1200), beta=(1200, 1200), gamma=(1200, 1200), delta=(1200, 1200)
    )
    await observe(
        race, FRI + timedelta(hours=2), alpha=(1300, 1300), beta=(1200, 1200), gamma=(1200, 1200), delta=(1200, 1200)
    )
    assert await Notification.filter(kind="milestone_reached").count() == 4
    assert await Notification.filter(kind="milestone_announced", user_id=GROUP).count() == 4
    assert await MilestoneCode.filter(player_id__isnull=False).count() == 1
    texts = [m["text"] for m in race.telegram.sent()]
    assert sum("You reached <b>" in t or "¡Llegaste a <b>" in t for t in texts) == 4  # Bruno reads Spanish
    assert sum("LASTONE" in t for t in texts) == 1
    assert sum("reached $1,000.00 this month!" in t for t in texts) == 4  # in the group, names as NAME_DISPLAY says

    shown = (await race.send("/milestones", user=ALICE))[-1]["text"]
    assert "Reached: $1,000.00" in shown and "$3,700.00 to go to $5,000.00" in shown


async def test_the_community_goal_is_announced_once(race):
    race.runtime.races.announce_chats = (GROUP,)
    await observe(race, FRI, alpha=(100, 100))
    await race.send("/start", user=OWNER)
    assert "community goal: $2,500.00" in (await race.send("/goal 2500", user=OWNER))[-1]["text"]
    await observe(race, FRI + timedelta(hours=1), alpha=(1500, 1500), beta=(900, 900))
    assert "96%" in (await race.send("/goal", user=ALICE))[-1]["text"]
    assert "Community goal: $2,400.00 of $2,500.00 (96%)" in (await race.send("/stats", user=OWNER))[-1]["text"]
    await observe(race, FRI + timedelta(hours=2), alpha=(1600, 1600), beta=(950, 950))
    await observe(race, FRI + timedelta(hours=3), alpha=(1700, 1700), beta=(950, 950))
    assert await Notification.filter(kind="goal_reached").count() == 1
    assert sum("community reached its goal" in m["text"] for m in race.telegram.sent()) == 1
    assert "100%" in (await race.send("/goal", user=ALICE))[-1]["text"]


async def test_the_demo_shows_a_weekly_race_once(race):
    race.clock.now = FRI
    await demo_weekly_race("UTC")
    await demo_weekly_race("UTC")
    [weekly] = await CustomRace.all()
    assert (weekly.kind, weekly.title, weekly.starts_at, weekly.ends_at) == (
        RaceKind.WEEKLY,
        "Weekly sprint",
        datetime(2026, 11, 16, tzinfo=UTC),
        MON,
    )


async def test_a_race_older_than_the_monthly_cut_keeps_its_whole_window_and_its_start(race):
    await observe(race, datetime(2026, 4, 10, tzinfo=UTC), alpha=(10, 900))
    await observe(race, datetime(2026, 5, 1, tzinfo=UTC), alpha=(10, 1000))
    custom = await new_race("Half year | 2026-06-01 | 2026-12-20 | 50 | 100", datetime(2026, 5, 20, tzinfo=UTC))
    await observe(race, datetime(2026, 6, 10, tzinfo=UTC), alpha=(100, 1100))
    await observe(race, datetime(2026, 11, 20, tzinfo=UTC), alpha=(400, 1500))
    race.clock.now = datetime(2026, 11, 20, 0, 1, tzinfo=UTC)
    await race.runtime.races.tick()  # the monthly races alone would keep nothing from before July 30
    kept = await WagerSnapshot.filter(player_id="alpha").order_by("id").values_list("wagered_all_time", flat=True)
    assert kept == [Decimal(1000), Decimal(1100), Decimal(1500)]
    standings = await window_standings(custom.starts_at, datetime(2026, 11, 21, tzinfo=UTC))
    assert [(f.uid, f.wagered, f.joined_late) for f in standings] == [("alpha", Decimal(500), False)]


async def test_the_guided_form_asks_for_the_line_until_it_is_right(race):
    await race.send("/start", user=OWNER)
    race.clock.now = FRI
    assert "send it on one line" in (await race.send("/newrace", user=OWNER))[-1]["text"]
    assert (
        "must end after it starts"
        in (await race.send("Flash | 2026-11-22 | 2026-11-21 | 50 | 100", user=OWNER))[-1]["text"]
    )
    created = (await race.send("Flash | 2026-11-21 18:00 | 2026-11-22 | 50 | 100", user=OWNER))[-1]["text"]
    assert "Race created" in created and "Nov 21, 2026, 18:00 UTC" in created
    flash = await CustomRace.get(title="Flash")
    assert (flash.starts_at, flash.ends_at) == (
        datetime(2026, 11, 21, 18, tzinfo=UTC),
        datetime(2026, 11, 22, tzinfo=UTC),
    )
    assert await AuditEntry.filter(action="race.create", target=str(flash.id)).count() == 1


async def test_the_page_shows_the_other_races_and_the_goal_and_lists_finished_ones(race):
    weekly, custom = await history_with_a_reset(race)
    race.clock.now = SAT + timedelta(hours=13)
    await race.send("/start", user=OWNER)
    await race.send("/goal 5000", user=OWNER)
    await observe(race, SAT + timedelta(hours=14), alpha=(1500, 1500), beta=(900, 900), gamma=(110, 110))
    page = await (await race.client.get("/")).text()
    assert 'href="#race-' in page and "Weekend" in page and "Weekly sprint" in page
    assert 'class="goal"' in page and 'value="50"' in page  # 2,510 of 5,000
    body = await (await race.client.get("/api/race/current")).json()
    check(body, "/api/race/current")
    assert body["goal"] == {
        "month": "2026-11",
        "amount": "5000.00",
        "total": "2510.00",
        "percent": 50,
        "reached": False,
    }
    await race.send("/goal 2510", user=OWNER)  # no sync since: the page shows the new goal at once
    assert 'value="100"' in await (await race.client.get("/")).text()

    race.clock.now = MON + timedelta(minutes=1)
    await race.runtime.races.tick()
    listed = await (await race.client.get("/races")).text()
    assert "Weekly and custom races" in listed and "Weekend" in listed


# ---- the race alerts of weekly and custom races: per race, within the monthly race's daily cap ----


def told(race, user: dict) -> list[str]:
    return [m["text"] for m in race.telegram.sent() if str(m["chat_id"]) == str(user["id"])]


async def test_overtaken_and_paid_places_in_a_custom_race_are_told_once_with_its_title(race):
    """The month's figures keep Alpha ahead in the monthly race; in the custom race Beta passes her."""
    await observe(race, FRI - timedelta(hours=1), alpha=(500, 1000), beta=(100, 1000))
    await link(race)
    sprint = await new_race("Sprint | 2026-11-20 | 2026-11-27 | 100 | 100", FRI - timedelta(hours=1))
    await observe(race, FRI + timedelta(hours=1), alpha=(500, 1100), beta=(100, 1050))  # alpha #1, beta #2
    assert await Notification.filter(kind__startswith="custom_").count() == 0  # nothing to compare yet
    await observe(race, FRI + timedelta(hours=2), alpha=(500, 1100), beta=(100, 1300))  # beta passes alpha
    await observe(race, FRI + timedelta(hours=3), alpha=(500, 1100), beta=(100, 1300))  # nothing new

    [alice] = told(race, ALICE)
    assert "“Sprint”" in alice and "<b>#2</b>" in alice and "$200.00" in alice and f"/race {sprint.id}" in alice
    [bruno] = told(race, BRUNO)
    assert bruno.startswith("💰") and "“Sprint”" in bruno and "<b>#1</b>" in bruno and "100,00" in bruno  # in Spanish
    keys = sorted(await Notification.filter(kind__startswith="custom_").values_list("key", flat=True))
    assert all(key.startswith(f"crace:{sprint.id}:") for key in keys) and len(keys) == 2
    assert await Notification.filter(kind__in=("overtaken", "paid_places", "final_day")).count() == 0


async def test_a_custom_races_last_24_hours_are_told_once_per_player(race):
    await observe(race, FRI - timedelta(hours=1), alpha=(500, 1000), beta=(100, 1000))
    await link(race)
    await new_race("Day | 2026-11-19 | 2026-11-21 | 100 | 60 40", FRI - timedelta(hours=1))
    for hours in (1, 2, 3):
        await observe(race, FRI + timedelta(hours=hours), alpha=(500, 1000 + hours), beta=(100, 1000 + 2 * hours))
    [alice] = told(race, ALICE)
    assert "Less than 24 hours left in the race “Day”" in alice and "<b>#2</b>" in alice
    [bruno] = told(race, BRUNO)  # in Spanish
    assert bruno.startswith("⏳") and "“Day”" in bruno and "<b>#1</b>" in bruno
    assert await Notification.filter(kind="custom_final_day").count() == 2


@pytest.mark.parametrize("batch", [250, 1])
async def test_the_daily_cap_is_shared_with_the_monthly_races_alerts(race, monkeypatch, batch):
    """Bruno is overtaken three times in the monthly race: the custom race's last day is not told to him that
    day, while Alice (overtaken twice) is told it. The same when the alerts are weighed one player at a time."""
    monkeypatch.setattr("models.alerts.BATCH", batch)
    await observe(race, FRI - timedelta(hours=2), alpha=(100, 1000), beta=(200, 1000))
    await link(race)
    await new_race("Late | 2026-11-20 06:00 | 2026-11-20 18:00 | 100 | 60 40", FRI - timedelta(hours=1))
    month = [(100, 200), (300, 200), (300, 400), (500, 400), (500, 600), (700, 600)]
    for hour, (a, b) in enumerate(month):
        await observe(race, FRI + timedelta(hours=hour), alpha=(a, 1000), beta=(b, 1000))
    assert await Notification.filter(user_id=BRUNO["id"], kind="overtaken").count() == 3
    assert await Notification.filter(user_id=ALICE["id"], kind="overtaken").count() == 2
    await observe(race, FRI + timedelta(hours=7), alpha=(700, 1100), beta=(600, 1200))  # the custom race's last day

    assert await Notification.filter(kind="custom_final_day").values_list("user_id", flat=True) == [ALICE["id"]]
    assert not any("“Late”" in text for text in told(race, BRUNO))
    assert any("Less than 24 hours left in the race “Late”" in text for text in told(race, ALICE))
