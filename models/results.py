"""Finishing a race: the final standings from the history of wagers, written once, with the messages owed.

Final figures are the last ones observed before the race's end. The upstream resets `this_month` at a time
we do not know; a reset shows as a player's month figure falling to under half of the previous one. When
that happened in the race's last two days, the figure before the fall is the final one, so results are
never the reset ones whether the reset came before our boundary, after it, or hours late.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.audit import SYSTEM, record
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

RESET_LOOKBACK = timedelta(days=2)
RESET_RATIO = Decimal("0.5")  # a month figure falling below half of the previous one is a reset


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


def final_figure(history: list[tuple[datetime, Decimal]], ends_at: datetime) -> Decimal:
    """A player's month figure at the end, from their snapshots in the race (oldest first)."""
    final = history[-1][1]
    for (_, before), (at, after) in zip(history, history[1:]):
        if at >= ends_at - RESET_LOOKBACK and after < before * RESET_RATIO:
            return before  # the upstream reset before our end: its figures are the next month's
    return final


async def final_standings(race: Race) -> list[FinalFigure]:
    rows = await WagerSnapshot.filter(at__gte=race.starts_at, at__lt=race.ends_at).order_by("player_id", "at").values_list(
        "player_id", "at", "wagered_month")
    by_player: dict[str, list[tuple[datetime, Decimal]]] = {}
    for uid, at, month in rows:
        by_player.setdefault(uid, []).append((at, month))
    excluded = await excluded_uids(race.month)
    figures = [FinalFigure(uid, final_figure(history, race.ends_at)) for uid, history in by_player.items() if uid not in excluded]
    ranked = [f for f in figures if f.wagered > 0]
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
    last_sync = await SyncRun.filter(outcome=SyncOutcome.OK, finished_at__gte=race.starts_at,
                                     finished_at__lt=race.ends_at).order_by("-finished_at").first()
    if last_sync is None:
        return Finalised.NO_DATA
    standings = await final_standings(race)
    names = dict(await Player.filter(uid__in=[f.uid for f in standings[:1000]]).values_list("uid", "name"))
    linked = dict(await TelegramUser.filter(player_id__in=[f.uid for f in standings[:race.paid_places]]).values_list("player_id", "id"))
    admins = await reachable_admins()
    stale = last_sync.finished_at < race.ends_at - 2 * sync_interval
    try:
        async with in_transaction() as conn:
            finished = await FinishedRace.create(
                month=race.month, starts_at=race.starts_at, ends_at=race.ends_at, prize_pool=race.prize_pool,
                split=[str(p) for p in race.split], finalised_at=now or datetime.now(UTC),
                data_as_of=last_sync.finished_at, stale=stale, using_db=conn)
            await RaceResult.bulk_create([
                RaceResult(race_id=finished.id, rank=rank, player_id=f.uid, name=names.get(f.uid, f.uid), wagered=f.wagered,
                           prize=race.prize_for(rank))
                for rank, f in enumerate(standings, start=1)
            ], batch_size=1000, using_db=conn)
            owed = [Notification(key=f"race:{race.month}:won:{linked[f.uid]}", user_id=linked[f.uid], kind="race_won",
                                 payload={"month": race.month, "rank": rank, "prize": str(race.prize_for(rank))})
                    for rank, f in enumerate(standings[:race.paid_places], start=1) if f.uid in linked]
            owed += [Notification(key=f"race:{race.month}:results:{admin.id}", user_id=admin.id, kind="race_results",
                                  payload={"month": race.month}) for admin in admins]
            await Notification.bulk_create(owed, using_db=conn)
            await record(SYSTEM, "race.finalise", race.month, after={"ranked": len(standings), "stale": stale}, using_db=conn)
    except IntegrityError:  # another finaliser committed first
        return Finalised.ALREADY
    log.info("race %s finalised: %d ranked%s", race.month, len(standings), " (from stale data)" if stale else "")
    return Finalised.DONE


async def finished_race(month: str) -> FinishedRace | None:
    return await FinishedRace.get_or_none(month=month)


async def latest_finished() -> FinishedRace | None:
    return await FinishedRace.all().order_by("-month").first()


async def results(race: FinishedRace, limit: int | None = None) -> list[RaceResult]:
    query = RaceResult.filter(race_id=race.id).order_by("rank")
    return await (query.limit(limit) if limit else query)


async def player_results(uid: str, limit: int = 6) -> list[tuple[FinishedRace, RaceResult]]:
    rows = await RaceResult.filter(player_id=uid).order_by("-race_id").limit(limit).prefetch_related("race")
    return [(row.race, row) for row in rows]
