"""Finishing a race: the final standings from the history of wagers, written once, with the messages owed.

Final figures are the last ones observed before the race's end and before the upstream's reset into the
next month (models/history.py), so results are never the reset ones whether the reset came before our
boundary, after it, or hours late.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import clock
from models.audit import SYSTEM, record
from models.history import last_figures, race_history
from models.notification_kinds import NotificationKind, RaceResults, RaceWon
from models.race import Race, excluded_uids
from models.tables import (
    FinishedRace,
    Notification,
    Player,
    RaceResult,
    SyncOutcome,
    SyncRun,
    TelegramUser,
    WagerSnapshot,
)
from models.users import reachable_admins

log = logging.getLogger(__name__)


class RaceState(StrEnum):
    UPCOMING = "upcoming"
    LIVE = "live"
    FINALISING = "finalising"  # ended, results not written yet
    FINISHED = "finished"


def race_state(race: Race, now: datetime, finished: bool) -> RaceState:
    """From the clock and the stored result set only, so it cannot flicker with the data."""
    if finished:
        return RaceState.FINISHED
    if now < race.starts_at:
        return RaceState.UPCOMING
    return RaceState.LIVE if now < race.ends_at else RaceState.FINALISING


@dataclass(frozen=True)
class FinalFigure:
    uid: str
    wagered: Decimal


async def final_standings(race: Race) -> list[FinalFigure]:
    """Each player's last figure of the race (before its end and before the upstream's reset into the next)."""
    figures = await last_figures(await race_history(race))
    excluded = await excluded_uids(race.month)
    ranked = [FinalFigure(uid, month) for uid, month in figures.items() if month > 0 and uid not in excluded]
    ranked.sort(key=lambda f: (-f.wagered, f.uid))  # the leaderboards' tie rule
    return ranked


class Finalised(StrEnum):
    DONE = "done"
    ALREADY = "already"
    NO_DATA = "no_data"  # no sync succeeded during the race: nothing to rank


async def finalise(race: Race, sync_interval: timedelta, now: datetime | None = None) -> Finalised:
    """Write the race's results, the winners' and admins' messages and an audit entry in one transaction.
    Safe to run twice or on two replicas at once: the unique month lets exactly one commit."""
    if await FinishedRace.exists(month=race.month):
        return Finalised.ALREADY
    data_as_of = await _last_sync_during(race)
    if data_as_of is None:
        return Finalised.NO_DATA
    standings = await final_standings(race)
    if not standings and not await WagerSnapshot.filter(at__gte=race.starts_at, at__lt=race.ends_at).exists():
        return Finalised.NO_DATA  # no history of this race (it ended before the history began): nothing to rank
    names = dict(await Player.filter(uid__in=[f.uid for f in standings[:1000]]).values_list("uid", "name"))
    owed = await _owed_messages(race, standings)
    stale = data_as_of < race.ends_at - 2 * sync_interval
    try:
        async with in_transaction() as conn:
            finished = await FinishedRace.create(
                month=race.month,
                starts_at=race.starts_at,
                ends_at=race.ends_at,
                prize_pool=race.prize_pool,
                split=[str(p) for p in race.split],
                finalised_at=now or clock.now(),
                data_as_of=data_as_of,
                stale=stale,
                using_db=conn,
            )
            await RaceResult.bulk_create(_result_rows(finished, race, standings, names), batch_size=1000, using_db=conn)
            await Notification.bulk_create(owed, using_db=conn)
            await record(
                SYSTEM, "race.finalise", race.month, after={"ranked": len(standings), "stale": stale}, using_db=conn
            )
    except IntegrityError:  # another finaliser committed first
        return Finalised.ALREADY
    log.info("race %s finalised: %d ranked%s", race.month, len(standings), " (from stale data)" if stale else "")
    return Finalised.DONE


async def _last_sync_during(race: Race) -> datetime | None:
    """When the race's last successful sync finished: the moment its results are as of."""
    last_sync = (
        await SyncRun.filter(outcome=SyncOutcome.OK, finished_at__gte=race.starts_at, finished_at__lt=race.ends_at)
        .order_by("-finished_at")
        .first()
    )
    return last_sync.finished_at if last_sync else None


def _result_rows(
    finished: FinishedRace, race: Race, standings: list[FinalFigure], names: dict[str, str]
) -> list[RaceResult]:
    return [
        RaceResult(
            race_id=finished.id,
            rank=rank,
            player_id=f.uid,
            name=names.get(f.uid, f.uid),
            wagered=f.wagered,
            prize=race.prize_for(rank),
        )
        for rank, f in enumerate(standings, start=1)
    ]


async def _owed_messages(race: Race, standings: list[FinalFigure]) -> list[Notification]:
    """A message to each winner linked to the bot, and the results to every admin the bot can reach."""
    linked = dict(
        await TelegramUser.filter(player_id__in=[f.uid for f in standings[: race.paid_places]]).values_list(
            "player_id", "id"
        )
    )
    won = [
        Notification(
            key=f"race:{race.month}:won:{linked[f.uid]}",
            user_id=linked[f.uid],
            kind=NotificationKind.RACE_WON,
            payload=RaceWon(race.month, rank, race.prize_for(rank) or Decimal(0)).to_json(),
        )
        for rank, f in enumerate(standings[: race.paid_places], start=1)
        if f.uid in linked
    ]
    return won + [
        Notification(
            key=f"race:{race.month}:results:{admin.id}",
            user_id=admin.id,
            kind=NotificationKind.RACE_RESULTS,
            payload=RaceResults(race.month).to_json(),
        )
        for admin in await reachable_admins()
    ]


async def finished_race(month: str) -> FinishedRace | None:
    return await FinishedRace.get_or_none(month=month)


async def latest_finished() -> FinishedRace | None:
    return await FinishedRace.all().order_by("-month").first()


async def finished_race_by_id(race_id: int) -> FinishedRace | None:
    return await FinishedRace.get_or_none(id=race_id)


async def finished_races(limit: int) -> list[FinishedRace]:
    """The last `limit` finished races, newest first."""
    return await FinishedRace.all().order_by("-month").limit(limit)


async def results(race: FinishedRace, limit: int | None = None) -> list[RaceResult]:
    query = RaceResult.filter(race_id=race.id).order_by("rank")
    return await (query.limit(limit) if limit else query)


async def race_result(race: FinishedRace, uid: str) -> RaceResult | None:
    """The player's final place in a finished race, if they had one."""
    return await RaceResult.get_or_none(race_id=race.id, player_id=uid)


async def player_results(uid: str, limit: int = 6) -> list[tuple[FinishedRace, RaceResult]]:
    rows = await RaceResult.filter(player_id=uid).order_by("-race_id").limit(limit).prefetch_related("race")
    return [(row.race, row) for row in rows]


async def seed_history() -> int:
    """A database from before the history of wagers existed: record everyone's figures once, as of their last
    change, so the race in progress is finalised from complete figures. Does nothing once there is history."""
    if await WagerSnapshot.exists() or not await Player.exists():
        return 0
    count = 0
    async with in_transaction() as conn:
        rows = (
            await Player.all()
            .using_db(conn)
            .values_list("uid", "changed_at", "wagered_today", "wagered_week", "wagered_month", "wagered_all_time")
        )
        for start in range(0, len(rows), 1000):
            await WagerSnapshot.bulk_create(
                [  # each figure as of the sync that last changed it
                    WagerSnapshot(
                        player_id=uid,
                        sync_run_id=0,
                        at=at,
                        wagered_today=t,
                        wagered_week=w,
                        wagered_month=m,
                        wagered_all_time=a,
                    )
                    for uid, at, t, w, m, a in rows[start : start + 1000]
                ],
                using_db=conn,
            )
            count += len(rows[start : start + 1000])
    return count


async def results_page(race: FinishedRace, offset: int, limit: int) -> list[RaceResult]:
    """One page of a finished race's results, in rank order."""
    return await RaceResult.filter(race_id=race.id).order_by("rank").offset(offset).limit(limit)


async def results_count(race: FinishedRace) -> int:
    return await RaceResult.filter(race_id=race.id).count()
