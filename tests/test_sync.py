"""The sync job on a real database: all or nothing, only changes written, failures recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from models import clock
from models.events import EventBus
from models.leaderboard import Leaderboards, Period
from models.sync_runs import mark_interrupted_runs
from models.tables import Player, SyncOutcome, SyncRun, WagerSnapshot
from scheduler import sync as sync_module
from scheduler.sync import SyncService
from tests.fakes.goated import EMPTY, EXPIRED_TOKEN, NOT_JSON, SERVER_ERROR, player
from tests.support import fast_client


@pytest.fixture
async def service(database, fake_goated):
    events = []
    bus = EventBus()

    async def listen(event):
        events.append(event)

    bus.subscribe(listen)
    client = fast_client(fake_goated)
    service = SyncService(client, Leaderboards(), bus)
    service.events = events  # type: ignore[attr-defined]
    yield service
    await client.close()


async def test_first_sync_stores_every_player_exactly(service, fake_goated):
    fake_goated.players = [
        player("u1", "LuckyGoat42", 412.66138, 6120.4483, 128944.2771, 171302.9055),
        player("u2", "NightOwl77"),
    ]
    run = await service.run_once()

    assert (run.outcome, run.players_received, run.players_changed, run.error) == (SyncOutcome.OK, 2, 2, None)
    lucky = await Player.get(uid="u1")
    assert lucky.name == "LuckyGoat42"
    assert lucky.wagered_month == Decimal("128944.2771")
    assert lucky.wagered_today == Decimal("412.66138")
    assert (await Player.get(uid="u2")).wagered_all_time == Decimal(0)
    assert [e.players_changed for e in service.events] == [2]


async def test_repeat_sync_touches_only_changed_rows(service, fake_goated):
    fake_goated.players = [player(f"u{i}", f"P{i}", month=i * 10.5) for i in range(1, 21)]
    await service.run_once()
    first = {p.uid: p.changed_at for p in await Player.all()}

    fake_goated.players[4] = player("u5", "P5", month=999.25)  # one figure changed
    fake_goated.players[7] = player("u8", "RenamedP8", month=8 * 10.5)  # one name changed
    run = await service.run_once()

    assert (run.outcome, run.players_received, run.players_changed) == (SyncOutcome.OK, 20, 2)
    after = {p.uid: p for p in await Player.all()}
    assert after["u5"].wagered_month == Decimal("999.25")
    assert after["u8"].name == "RenamedP8"
    untouched = [uid for uid in first if uid not in ("u5", "u8")]
    assert all(after[uid].changed_at == first[uid] for uid in untouched)
    assert after["u5"].first_seen_at == after["u1"].first_seen_at  # first seen keeps its first value


async def test_sync_invalidates_the_leaderboard_cache(service, fake_goated):
    fake_goated.players = [player("a", "Alpha", month=10), player("b", "Bravo", month=5)]
    await service.run_once()
    assert [e.name for e in await service.leaderboards.top(Period.MONTH)] == ["Alpha", "Bravo"]

    fake_goated.players = [player("a", "Alpha", month=10), player("b", "Bravo", month=50)]
    await service.run_once()
    assert [e.name for e in await service.leaderboards.top(Period.MONTH)] == ["Bravo", "Alpha"]


@pytest.mark.parametrize(
    "answer, outcome, reason",
    [
        (SERVER_ERROR, SyncOutcome.FAILED, "HTTP 500"),
        (EXPIRED_TOKEN, SyncOutcome.FAILED, "token expired or invalid"),
        (NOT_JSON, SyncOutcome.REJECTED, "not JSON"),
        (EMPTY, SyncOutcome.REJECTED, "empty list"),
    ],
    ids=["500", "401", "non-json", "empty"],
)
async def test_upstream_failure_keeps_the_last_good_data(service, fake_goated, answer, outcome, reason):
    fake_goated.players = [player("a", "Alpha", month=10)]
    await service.run_once()
    fake_goated.then(*[answer] * 3)  # enough to exhaust the retries of a retryable failure

    run = await service.run_once()

    assert run.outcome == outcome
    assert reason in run.error
    assert [(p.uid, p.wagered_month) for p in await Player.all()] == [("a", Decimal(10))]
    assert [e.name for e in await service.leaderboards.top(Period.MONTH)] == ["Alpha"]
    assert len(service.events) == 1  # only the good sync announced a change
    assert (await SyncRun.get(id=run.id)).outcome == outcome


async def test_empty_list_is_accepted_before_any_player_was_synced(service, fake_goated):
    run = await service.run_once()
    assert (run.outcome, run.players_received) == (SyncOutcome.OK, 0)


async def test_a_crash_half_way_writes_nothing(service, fake_goated, monkeypatch):
    """The process dying after some batches were written leaves no player and no 'ok' run."""
    fake_goated.players = [player(f"u{i:03d}", f"P{i}", month=i) for i in range(25)]
    monkeypatch.setattr(sync_module, "BATCH_SIZE", 10)
    real_write_batch = sync_module._write_batch
    calls = 0

    async def dying_write_batch(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectionResetError("the database connection dropped")
        return await real_write_batch(*args, **kwargs)

    monkeypatch.setattr(sync_module, "_write_batch", dying_write_batch)
    run = await service.run_once()

    assert calls == 2
    assert run.outcome == SyncOutcome.FAILED
    assert await Player.all().count() == 0  # the first batch was rolled back with the rest
    assert await WagerSnapshot.all().count() == 0
    assert service.events == []


async def test_new_changed_and_unchanged_players_in_one_sync(service, fake_goated, monkeypatch):
    """A repeat sync in several batches: new players inserted, changed ones updated (first seen kept), unchanged
    ones untouched; one snapshot per written player, at the stored precision, in the payload's order."""
    monkeypatch.setattr(sync_module, "BATCH_SIZE", 2)
    first_moment = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    second_moment = first_moment + timedelta(minutes=5)
    fake_goated.players = [
        player("same", "Same", 1.5, 2.25, 3.125, 4.0625),
        player("zeros", "Zeros"),
        player("renamed", "Old name", month=7),
        player("figure", "Figure", 0.1, 0.2, 0.3, 1234567.1234564),
        player("precise", "Precise", month=0.12345649),
    ]
    clock.set_now(first_moment)
    try:
        first = await service.run_once()
        fake_goated.players = [
            player("new1", "New one", 0.0000004, 0, 12.5, 99999999.9999995),
            player("same", "Same", 1.5, 2.25, 3.125, 4.0625),
            player("figure", "Figure", 0.1, 0.2, 0.3, 1234567.1234566),
            player("zeros", "Zeros", 0, 0, 0, 0.0),
            player("renamed", "New name", month=7.0),
            player("precise", "Precise", month=0.1234565),  # the same stored amount: 0.123456
            player("new2", "New two", all_time=5),
        ]
        clock.set_now(second_moment)
        second = await service.run_once()
    finally:
        clock.set_now(None)

    assert (first.players_changed, second.players_received, second.players_changed) == (5, 7, 4)
    rows = {
        p.uid: (
            p.name,
            p.wagered_today,
            p.wagered_week,
            p.wagered_month,
            p.wagered_all_time,
            p.first_seen_at,
            p.changed_at,
        )
        for p in await Player.all()
    }
    assert rows == {
        "same": (
            "Same",
            Decimal("1.5"),
            Decimal("2.25"),
            Decimal("3.125"),
            Decimal("4.0625"),
            first_moment,
            first_moment,
        ),
        "zeros": ("Zeros", 0, 0, 0, 0, first_moment, first_moment),
        "renamed": ("New name", 0, 0, 7, 0, first_moment, second_moment),
        "figure": (
            "Figure",
            Decimal("0.1"),
            Decimal("0.2"),
            Decimal("0.3"),
            Decimal("1234567.123457"),
            first_moment,
            second_moment,
        ),
        "precise": ("Precise", 0, 0, Decimal("0.123456"), 0, first_moment, first_moment),
        "new1": ("New one", 0, 0, Decimal("12.5"), Decimal("100000000.000000"), second_moment, second_moment),
        "new2": ("New two", 0, 0, 0, 5, second_moment, second_moment),
    }
    snapshots = [
        (s.player_id, s.sync_run_id, s.at, s.wagered_today, s.wagered_week, s.wagered_month, s.wagered_all_time)
        for s in await WagerSnapshot.filter(sync_run_id=second.id).order_by("id")
    ]
    assert snapshots == [
        ("new1", second.id, second_moment, 0, 0, Decimal("12.5"), Decimal("100000000")),
        ("figure", second.id, second_moment, Decimal("0.1"), Decimal("0.2"), Decimal("0.3"), Decimal("1234567.123457")),
        ("renamed", second.id, second_moment, 0, 0, 7, 0),
        ("new2", second.id, second_moment, 0, 0, 0, 5),
    ]
    assert await WagerSnapshot.filter(sync_run_id=first.id).count() == 5
    assert not second.month_reset
    assert [e.players_changed for e in service.events] == [5, 4]


async def test_most_month_figures_falling_is_the_month_reset(service, fake_goated):
    fake_goated.players = [player(f"u{i}", f"P{i}", month=100 + i) for i in range(5)] + [player("idle", "Idle")]
    await service.run_once()
    fake_goated.players = [player(f"u{i}", f"P{i}", month=40 if i < 3 else 100 + i) for i in range(5)]
    fake_goated.players.append(player("idle", "Idle", month=1))
    run = await service.run_once()
    assert run.month_reset and run.players_changed == 4
    assert (await SyncRun.get(id=run.id)).month_reset

    fake_goated.players[3] = player("u3", "P3", month=10)  # 1 of the 5 with a figure falls: not a reset
    assert not (await service.run_once()).month_reset


async def test_runs_left_running_by_a_killed_process_are_marked_interrupted(database):
    from datetime import UTC, datetime

    await SyncRun.create(source="goated", started_at=datetime.now(UTC))
    assert await mark_interrupted_runs() == 1
    run = await SyncRun.first()
    assert run.outcome == SyncOutcome.INTERRUPTED and "nothing was written" in run.error


async def test_control_characters_in_names_are_dropped(service, fake_goated):
    fake_goated.players = [player("u1", "Lucky\x00Goat\x07", month=5)]  # a NUL would make PostgreSQL refuse the sync
    run = await service.run_once()
    assert run.outcome == SyncOutcome.OK
    assert (await Player.get(uid="u1")).name == "LuckyGoat"
