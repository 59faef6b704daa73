"""Races beside the monthly one: custom windows and weekly races (one `custom_race` per ISO week of a
`race_series`), their standings from the history of wagers, and their finalisation.

A race's standings are what each player wagered inside its window: the `all_time` figure last observed
before its end minus the one last observed at or before its start. A player with no observation at or
before the start (first seen after it) counts from their first observation inside the window, so what
they wagered before that first sync is not counted. `all_time` never resets, so the upstream's monthly
reset inside a window changes nothing. Each edge is as precise as the syncs around it: the results keep
when each edge was observed and say when that was more than two sync intervals away from it.

Finalisation has the monthly race's guarantees: one transaction writes the results, the winners' and
admins' messages and the audit entry, and the conditional update of the race's status lets exactly one
finaliser commit (a second, or one after a crash, finds it finished).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.audit import SYSTEM, record
from models.history import all_time_at, first_all_time_within
from models.notification_kinds import CustomRaceCancelled, CustomRaceResults, CustomRaceWon, NotificationKind
from models.race import Race, parse_pool, parse_split, percent_str
from models.results import Finalised
from models.tables import (
    CustomRace,
    CustomRaceResult,
    CustomRaceStatus,
    Notification,
    Player,
    RaceKind,
    RaceSeries,
    SyncOutcome,
    SyncRun,
    TelegramUser,
)
from models.users import reachable_admins

log = logging.getLogger(__name__)

WEEK = timedelta(days=7)
MAX_TITLE = 64


def as_race(race: CustomRace, timezone: str = "UTC") -> Race:
    """The monthly race's dataclass for the prize rules (rounded down, at most the pool)."""
    return Race(
        month=f"r{race.id}",
        starts_at=race.starts_at,
        ends_at=race.ends_at,
        prize_pool=race.pool,
        split=tuple(Decimal(p) for p in race.split),
        timezone=timezone,
    )


# ---- standings ----


@dataclass(frozen=True)
class WindowFigure:
    uid: str
    wagered: Decimal
    joined_late: bool  # no observation at or before the start: counted from the first one inside the window


async def window_standings(starts_at: datetime, ends_at: datetime) -> list[WindowFigure]:
    """What each player wagered in [starts_at, ends_at) as observed, ranked by the leaderboards' tie rule."""
    end = await all_time_at(ends_at)
    start = await all_time_at(starts_at, inclusive=True)
    first = await first_all_time_within(starts_at, ends_at)
    figures = []
    for uid, amount in end.items():
        if uid in start:
            figures.append(WindowFigure(uid, amount - start[uid], False))
        elif uid in first:
            figures.append(WindowFigure(uid, amount - first[uid], True))
    ranked = [f for f in figures if f.wagered > 0]
    ranked.sort(key=lambda f: (-f.wagered, f.uid))
    return ranked


async def live_standings(race: CustomRace, now: datetime) -> list[WindowFigure]:
    if now < race.starts_at:
        return []
    return await window_standings(race.starts_at, min(race.ends_at, now + timedelta(microseconds=1)))


# ---- the races ----


class RacePhase(StrEnum):
    UPCOMING = "upcoming"
    RUNNING = "running"
    FINALISING = "finalising"
    FINISHED = "finished"
    CANCELLED = "cancelled"


def phase(race: CustomRace, now: datetime) -> RacePhase:
    if race.status == CustomRaceStatus.CANCELLED:
        return RacePhase.CANCELLED
    if race.status == CustomRaceStatus.FINISHED:
        return RacePhase.FINISHED
    if now < race.starts_at:
        return RacePhase.UPCOMING
    return RacePhase.RUNNING if now < race.ends_at else RacePhase.FINALISING


async def get_race(race_id: int) -> CustomRace | None:
    return await CustomRace.get_or_none(id=race_id)


async def open_races(now: datetime) -> list[CustomRace]:
    """Running and upcoming races, soonest end first."""
    return await CustomRace.filter(status=CustomRaceStatus.SCHEDULED, ends_at__gt=now).order_by("ends_at", "id")


async def running_races(now: datetime) -> list[CustomRace]:
    return [race for race in await open_races(now) if race.starts_at <= now]


async def finished_custom_races(limit: int) -> list[CustomRace]:
    return await CustomRace.filter(status=CustomRaceStatus.FINISHED).order_by("-ends_at", "-id").limit(limit)


async def custom_results(race: CustomRace, limit: int | None = None) -> list[CustomRaceResult]:
    query = CustomRaceResult.filter(race_id=race.id).order_by("rank")
    return await (query.limit(limit) if limit else query)


async def player_names(uids: list[str]) -> dict[str, str]:
    return dict(await Player.filter(uid__in=uids).values_list("uid", "name"))


async def oldest_pending_start() -> datetime | None:
    """The start of the oldest race that can still be finalised: its history must be kept."""
    race = await CustomRace.filter(status=CustomRaceStatus.SCHEDULED).order_by("starts_at").first()
    return race.starts_at if race else None


def week_window(now: datetime, timezone: str) -> tuple[str, datetime, datetime]:
    """The ISO week containing `now` in `timezone`: its key ("2026-W48") and its start and end in UTC."""
    local = now.astimezone(ZoneInfo(timezone))
    monday = (local - timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    year, week, _ = local.isocalendar()
    end = (monday + WEEK).replace(tzinfo=None).replace(tzinfo=ZoneInfo(timezone))  # wall-clock Monday, DST-safe
    return f"{year:04d}-W{week:02d}", monday.astimezone(UTC), end.astimezone(UTC)


async def ensure_weekly(now: datetime, timezone: str) -> list[CustomRace]:
    """This week's race of every weekly series still running (idempotent: one per series and week)."""
    created = []
    key, starts_at, ends_at = week_window(now, timezone)
    for series in await RaceSeries.filter(cancelled_at__isnull=True):
        occurrence = f"{series.id}:{key}"
        if await CustomRace.exists(occurrence=occurrence):
            continue
        try:
            created.append(
                await CustomRace.create(
                    title=series.title,
                    kind=RaceKind.WEEKLY,
                    series_id=series.id,
                    occurrence=occurrence,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    pool=series.pool,
                    split=list(series.split),
                    created_by=series.created_by,
                    created_at=now,
                )
            )
        except IntegrityError:  # another replica created it
            continue
    return created


# ---- creating and cancelling ----


class NewRaceProblem(StrEnum):
    FORMAT = "format"  # not `title | start | end | pool | split`
    NO_TITLE = "no_title"
    BAD_DATE = "bad_date"
    END_BEFORE_START = "end_before_start"
    ENDED = "ended"  # the end is already past


class InvalidRace(ValueError):
    def __init__(self, problem: NewRaceProblem, detail: str = "") -> None:
        super().__init__(problem.value)
        self.problem, self.detail = problem, detail


@dataclass(frozen=True)
class NewRace:
    title: str
    weekly: bool
    starts_at: datetime | None  # None for a weekly race
    ends_at: datetime | None
    pool: Decimal
    split: tuple[Decimal, ...]


DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")


def parse_moment(text: str, timezone: str) -> datetime:
    """`2026-12-05 18:00` (or a bare date, midnight) in RACE_TIMEZONE, as UTC."""
    for form in DATE_FORMATS:
        try:
            local = datetime.strptime(text.strip(), form)
        except ValueError:
            continue
        return local.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)
    raise InvalidRace(NewRaceProblem.BAD_DATE, text.strip())


def parse_new_race(text: str, timezone: str, now: datetime) -> NewRace:
    """`title | start | end | pool | percent #1 #2 …`, or `title | weekly | pool | split`.
    Raises InvalidRace, or InvalidPrizes for the pool and split (the /setprizes rules)."""
    parts = [part.strip() for part in text.split("|")]
    weekly = len(parts) == 4 and parts[1].lower() == "weekly"
    if len(parts) != 5 and not weekly:
        raise InvalidRace(NewRaceProblem.FORMAT)
    title = parts[0][:MAX_TITLE]
    if not title:
        raise InvalidRace(NewRaceProblem.NO_TITLE)
    pool, split = parse_pool(parts[-2]), parse_split(parts[-1].split())
    if weekly:
        return NewRace(title, True, None, None, pool, split)
    starts_at, ends_at = parse_moment(parts[1], timezone), parse_moment(parts[2], timezone)
    if ends_at <= starts_at:
        raise InvalidRace(NewRaceProblem.END_BEFORE_START)
    if ends_at <= now:
        raise InvalidRace(NewRaceProblem.ENDED)
    return NewRace(title, False, starts_at, ends_at, pool, split)


async def create_race(new: NewRace, admin_id: int, now: datetime, timezone: str) -> CustomRace:
    """A custom race, or a weekly series with this week's race. Audited."""
    split = [percent_str(p) for p in new.split]
    async with in_transaction() as conn:
        if new.weekly:
            series = await RaceSeries.create(
                title=new.title, pool=new.pool, split=split, created_by=admin_id, created_at=now, using_db=conn
            )
            await record(admin_id, "race.series", str(series.id), after=_describe(new), using_db=conn)
        else:
            assert new.starts_at is not None and new.ends_at is not None
            race = await CustomRace.create(
                title=new.title,
                kind=RaceKind.CUSTOM,
                starts_at=new.starts_at,
                ends_at=new.ends_at,
                pool=new.pool,
                split=split,
                created_by=admin_id,
                created_at=now,
                using_db=conn,
            )
            await record(admin_id, "race.create", str(race.id), after=_describe(new), using_db=conn)
    if new.weekly:
        await ensure_weekly(now, timezone)
        return await CustomRace.get(series_id=series.id, occurrence__startswith=f"{series.id}:")
    return race


def _describe(new: NewRace) -> dict[str, object]:
    return {
        "title": new.title,
        "kind": "weekly" if new.weekly else "custom",
        "starts_at": new.starts_at.isoformat() if new.starts_at else None,
        "ends_at": new.ends_at.isoformat() if new.ends_at else None,
        "pool": str(new.pool),
        "split": [percent_str(p) for p in new.split],
    }


class CancelOutcome(StrEnum):
    DONE = "done"
    NOT_FOUND = "not_found"
    ENDED = "ended"  # ended, finished or cancelled already


async def cancel_race(race_id: int, admin_id: int, now: datetime) -> CancelOutcome:
    """Before its end only; a weekly race's series stops too. Audited; its ranked linked players are told."""
    race = await CustomRace.get_or_none(id=race_id)
    if race is None:
        return CancelOutcome.NOT_FOUND
    told = await _linked([f.uid for f in await live_standings(race, now)])
    async with in_transaction() as conn:
        cancelled = (
            await CustomRace.filter(id=race_id, status=CustomRaceStatus.SCHEDULED, ends_at__gt=now)
            .using_db(conn)
            .update(status=CustomRaceStatus.CANCELLED, cancelled_by=admin_id, cancelled_at=now)
        )
        if not cancelled:
            return CancelOutcome.ENDED
        if race.series_id is not None:
            await RaceSeries.filter(id=race.series_id).using_db(conn).update(cancelled_by=admin_id, cancelled_at=now)
        await Notification.bulk_create(
            [
                Notification(
                    key=f"crace:{race.id}:cancelled:{user_id}",
                    user_id=user_id,
                    kind=NotificationKind.CUSTOM_RACE_CANCELLED,
                    payload=CustomRaceCancelled(race.id, race.title).to_json(),
                )
                for user_id in told.values()
            ],
            using_db=conn,
        )
        await record(admin_id, "race.cancel", str(race.id), after={"title": race.title}, using_db=conn)
    return CancelOutcome.DONE


async def _linked(uids: list[str]) -> dict[str, int]:
    """uid -> Telegram user id, for the players linked to the bot."""
    linked: dict[str, int] = {}
    for start in range(0, len(uids), 1000):
        rows = await TelegramUser.filter(player_id__in=uids[start : start + 1000]).values_list("player_id", "id")
        linked.update({uid: user_id for uid, user_id in rows if uid is not None})
    return linked


# ---- finalisation ----


@dataclass(frozen=True)
class Edges:
    data_as_of: datetime | None  # the last sync before the end
    start_seen_at: datetime | None  # the sync the start's figures come from
    start_late: bool
    end_late: bool


async def _edges(race: CustomRace, sync_interval: timedelta) -> Edges:
    ok = SyncRun.filter(outcome=SyncOutcome.OK, finished_at__isnull=False)
    before_end = await ok.filter(finished_at__lt=race.ends_at).order_by("-finished_at").first()
    before_start = await ok.filter(finished_at__lte=race.starts_at).order_by("-finished_at").first()
    after_start = await ok.filter(finished_at__gt=race.starts_at).order_by("finished_at").first()
    start_run = before_start or after_start
    start_seen = start_run.finished_at if start_run is not None else None
    slack = 2 * sync_interval
    data_as_of = before_end.finished_at if before_end else None
    return Edges(
        data_as_of=data_as_of,
        start_seen_at=start_seen,
        start_late=start_seen is None or abs(start_seen - race.starts_at) > slack,
        end_late=data_as_of is None or data_as_of < race.ends_at - slack,
    )


async def finalise_custom(race: CustomRace, sync_interval: timedelta, now: datetime) -> Finalised:
    """Write the race's results, the winners' and admins' messages and an audit entry in one transaction,
    once. A race that saw no sync at all is finalised empty and flagged stale."""
    if race.status != CustomRaceStatus.SCHEDULED or now < race.ends_at:
        return Finalised.ALREADY
    standings = await window_standings(race.starts_at, race.ends_at)
    edges = await _edges(race, sync_interval)
    prizes = as_race(race)
    names = dict(await Player.filter(uid__in=[f.uid for f in standings[:1000]]).values_list("uid", "name"))
    owed = await _owed(race, prizes, standings)
    try:
        async with in_transaction() as conn:
            won = (
                await CustomRace.filter(id=race.id, status=CustomRaceStatus.SCHEDULED)
                .using_db(conn)
                .update(
                    status=CustomRaceStatus.FINISHED,
                    finalised_at=now,
                    data_as_of=edges.data_as_of,
                    stale=edges.end_late,
                    start_seen_at=edges.start_seen_at,
                    start_late=edges.start_late,
                    end_seen_at=edges.data_as_of,
                    end_late=edges.end_late,
                )
            )
            if not won:
                raise _AlreadyFinalised
            await CustomRaceResult.bulk_create(
                _result_rows(race, prizes, standings, names), batch_size=1000, using_db=conn
            )
            await Notification.bulk_create(owed, using_db=conn)
            await record(
                SYSTEM,
                "race.finalise",
                f"r{race.id}",
                after={"ranked": len(standings), "stale": edges.end_late, "start_late": edges.start_late},
                using_db=conn,
            )
    except (_AlreadyFinalised, IntegrityError):
        return Finalised.ALREADY
    log.info("race r%s (%s) finalised: %d ranked", race.id, race.title, len(standings))
    return Finalised.DONE


def _result_rows(
    race: CustomRace, prizes: Race, standings: list[WindowFigure], names: dict[str, str]
) -> list[CustomRaceResult]:
    return [
        CustomRaceResult(
            race_id=race.id,
            rank=rank,
            player_id=f.uid,
            name=names.get(f.uid, f.uid),
            wagered=f.wagered,
            prize=prizes.prize_for(rank),
            joined_late=f.joined_late,
        )
        for rank, f in enumerate(standings, start=1)
    ]


class _AlreadyFinalised(Exception):
    """Raised inside the transaction to roll it back: another finaliser committed first."""


async def _owed(race: CustomRace, prizes: Race, standings: list[WindowFigure]) -> list[Notification]:
    paid = standings[: prizes.paid_places]
    linked = await _linked([f.uid for f in paid])
    won = [
        Notification(
            key=f"crace:{race.id}:won:{linked[f.uid]}",
            user_id=linked[f.uid],
            kind=NotificationKind.CUSTOM_RACE_WON,
            payload=CustomRaceWon(race.id, race.title, rank, prizes.prize_for(rank) or Decimal(0)).to_json(),
        )
        for rank, f in enumerate(paid, start=1)
        if f.uid in linked
    ]
    return won + [
        Notification(
            key=f"crace:{race.id}:results:{admin.id}",
            user_id=admin.id,
            kind=NotificationKind.CUSTOM_RACE_RESULTS,
            payload=CustomRaceResults(race.id, race.title).to_json(),
        )
        for admin in await reachable_admins()
    ]


async def finalise_ended(sync_interval: timedelta, now: datetime) -> list[CustomRace]:
    """Every race that has ended and is not finalised yet; returns those this call finalised."""
    done = []
    for race in await CustomRace.filter(status=CustomRaceStatus.SCHEDULED, ends_at__lte=now).order_by("ends_at"):
        if await finalise_custom(race, sync_interval, now) == Finalised.DONE:
            done.append(race)
    return done


async def ensure_series(title: str, pool: Decimal, split: tuple[Decimal, ...], now: datetime, timezone: str) -> bool:
    """A weekly series with this week's race, unless any series exists (the demo's weekly race). Idempotent."""
    if await RaceSeries.exists():
        return False
    await create_race(NewRace(title, True, None, None, pool, split), SYSTEM, now, timezone)
    return True
