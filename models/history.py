"""The history of wagers (`wager_snapshot`, a row per changed player per sync) and what it tells: each
player's figures at any earlier moment, the upstream's monthly reset, rank movement, today's gain and
the month's curve.

The upstream resets `this_month` at a time we do not know, before or after the race's boundary. A sync
in which most of the players who had a month figure fell to under half of it is that reset
(`sync_run.month_reset`). A race's own figures are those from its reset on: the figures a sync wrote
before the reset belong to the race before.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import cast

from tortoise.functions import Max, Min
from tortoise.queryset import QuerySet

from models import clock
from models.race import Race, race_at
from models.tables import Player, SyncOutcome, SyncRun, WagerSnapshot

RESET_LOOKBACK = timedelta(days=2)  # how early (before a race's start) the upstream's reset may come
RESET_RATIO = Decimal("0.5")  # a month figure falling below half of the previous one is a reset
CHUNK = 5_000
PRUNE_BATCH = 5_000


@dataclass
class MonthResetTally:
    """`is_month_reset` counted as a sync compares its players, one (month figure before, after) at a time."""

    known: int = 0  # players who had a month figure
    fell: int = 0  # of them, those whose figure fell under RESET_RATIO of it

    def add(self, before: Decimal, after: Decimal) -> None:
        if before > 0:
            self.known += 1
            if after < before * RESET_RATIO:
                self.fell += 1

    @property
    def is_reset(self) -> bool:
        return self.known > 0 and self.fell * 2 > self.known


def is_month_reset(changes: Iterable[tuple[Decimal, Decimal]]) -> bool:
    """`changes`: (month figure before, after) of each player the sync knew before, changed or not."""
    tally = MonthResetTally()
    for before, after in changes:
        tally.add(before, after)
    return tally.is_reset


async def first_reset(since: datetime, until: datetime) -> SyncRun | None:
    return (
        await SyncRun.filter(outcome=SyncOutcome.OK, month_reset=True, started_at__gte=since, started_at__lt=until)
        .order_by("id")
        .first()
    )


async def reset_into(race: Race) -> SyncRun | None:
    """The sync that saw the upstream's figures reset for this race (from two days before its start)."""
    return await first_reset(race.starts_at - RESET_LOOKBACK, race.ends_at - RESET_LOOKBACK)


async def reset_out_of(race: Race) -> SyncRun | None:
    """The sync that saw the upstream reset into the next race before this one ended (None: not yet)."""
    return await first_reset(race.ends_at - RESET_LOOKBACK, race.ends_at)


async def race_history(race: Race) -> QuerySet[WagerSnapshot]:
    """The snapshots holding this race's figures: from its reset on (or from its start, before the reset
    was seen) to its end or the next reset, whichever comes first."""
    query = WagerSnapshot.filter(at__lt=race.ends_at)
    start = await reset_into(race)
    query = query.filter(sync_run_id__gte=start.id) if start else query.filter(at__gte=race.starts_at)
    end = await reset_out_of(race)
    return query.filter(sync_run_id__lt=end.id) if end else query


async def last_figures(history: QuerySet[WagerSnapshot], uids: Collection[str] | None = None) -> dict[str, Decimal]:
    """Each player's last month figure in `history` (only `uids`, if given), fetched in chunks."""
    if uids is not None:
        figures: dict[str, Decimal] = {}
        uids = list(uids)
        for start in range(0, len(uids), CHUNK):
            figures.update(await last_figures(history.filter(player_id__in=uids[start : start + CHUNK])))
        return figures
    ids = await history.annotate(last_id=Max("id")).group_by("player_id").values_list("last_id", flat=True)
    latest: dict[str, Decimal] = {}
    for start in range(0, len(ids), CHUNK):
        latest.update(
            await WagerSnapshot.filter(id__in=ids[start : start + CHUNK]).values_list("player_id", "wagered_month")
        )
    return latest


async def prune_history(before: datetime) -> int:
    """Delete the snapshots taken before `before`, in batches (each its own short statement, so a sync is never
    held up by one long delete, and a prune cut short is merely a smaller prune). Returns how many went."""
    deleted = 0
    while ids := await WagerSnapshot.filter(at__lt=before).limit(PRUNE_BATCH).values_list("id", flat=True):
        deleted += await WagerSnapshot.filter(id__in=ids).delete()
    return deleted


async def has_history_before(moment: datetime) -> bool:
    """Whether any figure was recorded before `moment` (say, during a race that has just ended)."""
    return await WagerSnapshot.filter(at__lt=moment).exists()


async def shows_last_month(race: Race, now: datetime) -> bool:
    """Between a race's start and the upstream's reset, `player.wagered_month` still holds the month before:
    some player's figure was set before the race began and no reset has been seen."""
    if now < race.starts_at or await reset_into(race) is not None:
        return False
    return await Player.filter(wagered_month__gt=0, changed_at__lt=race.starts_at).exists()


async def wagered_this_month(uid: str, timezone: str) -> Decimal:
    """A player's figure for the current month: nothing yet while the upstream still shows last month's."""
    now = clock.now()
    if await shows_last_month(race_at(now, timezone), now):
        return Decimal(0)
    # Tortoise types every values_list as rows of tuples, flat ones too.
    figures = cast(list[Decimal], await Player.filter(uid=uid).values_list("wagered_month", flat=True))
    return figures[0] if figures else Decimal(0)


def ranks(figures: dict[str, Decimal]) -> dict[str, int]:
    """The leaderboards' tie rule: wagered descending, then uid ascending; nothing wagered is not ranked."""
    ordered = sorted((uid for uid, amount in figures.items() if amount > 0), key=lambda uid: (-figures[uid], uid))
    return {uid: rank for rank, uid in enumerate(ordered, start=1)}


@dataclass(frozen=True)
class Movement:
    """Places gained (negative: lost) per player in the race since the previous sync and since the day began,
    and the amount wagered today. A player missing from a map was not ranked then (new) or gained nothing;
    `since_day` is None when the history began today, so there is nothing to compare with."""

    since_sync: dict[str, int] = field(default_factory=dict)
    since_day: dict[str, int] | None = field(default_factory=dict)
    gained_today: dict[str, Decimal] = field(default_factory=dict)


def _moves(current: dict[str, Decimal], earlier: dict[str, Decimal]) -> dict[str, int]:
    now_ranks, then_ranks = ranks(current), ranks(current | earlier)
    return {uid: then_ranks[uid] - rank for uid, rank in now_ranks.items() if uid in then_ranks}


async def race_movement(race: Race, current: dict[str, Decimal], now: datetime) -> Movement:
    """`current`: the race's standings now, as uid -> wagered. Only the players who changed since the
    moment compared with are read from the history, so this costs little more than the sync's changes."""
    history = await race_history(race)
    last_run = await SyncRun.filter(outcome=SyncOutcome.OK).order_by("-id").only("id").first()
    if last_run is None:
        return Movement()
    # Tortoise types every values_list as rows of tuples, flat ones too.
    synced_last = cast(list[str], await history.filter(sync_run_id=last_run.id).values_list("player_id", flat=True))
    changed = set(synced_last) & current.keys()
    before_sync = await last_figures(history.filter(sync_run_id__lt=last_run.id), changed)
    before_sync |= {uid: Decimal(0) for uid in changed - before_sync.keys()}

    day_start = race.day_start(now)
    if not await SyncRun.filter(outcome=SyncOutcome.OK, started_at__lt=day_start).exists():
        return Movement(_moves(current, before_sync), None)  # the history began today: nothing to compare with
    synced_today = cast(
        list[str], await history.filter(at__gte=day_start).distinct().values_list("player_id", flat=True)
    )
    today = set(synced_today) & current.keys()
    before_day = await last_figures(history.filter(at__lt=day_start), today)
    before_day |= {uid: Decimal(0) for uid in today - before_day.keys()}
    gained = {uid: current[uid] - amount for uid, amount in before_day.items() if current[uid] > amount}
    return Movement(_moves(current, before_sync), _moves(current, before_day), gained)


async def month_curve(race: Race, uid: str, now: datetime) -> list[Decimal]:
    """The player's race figure at the end of each day so far (today: now)."""
    history = await race_history(race)
    rows = await history.filter(player_id=uid).order_by("id").values_list("at", "wagered_month")
    curve, amount, day_end, next_row = [], Decimal(0), race.starts_at, 0
    end = min(now, race.ends_at)
    while day_end < end:
        day_end = min(race.day_start(day_end + timedelta(hours=25)), race.ends_at)  # DST days are 23 or 25 hours
        while next_row < len(rows) and rows[next_row][0] < day_end:
            amount = rows[next_row][1]
            next_row += 1
        curve.append(amount)
    return curve


# ---- races over any window (weekly and custom races): `all_time` never resets, so a window's wagers are the
# difference of two `all_time` observations, whatever the upstream's monthly reset did in between ----


async def _all_time_of(ids: list[int]) -> dict[str, Decimal]:
    figures: dict[str, Decimal] = {}
    for start in range(0, len(ids), CHUNK):
        figures.update(
            await WagerSnapshot.filter(id__in=ids[start : start + CHUNK]).values_list("player_id", "wagered_all_time")
        )
    return figures


async def all_time_at(moment: datetime, inclusive: bool = False) -> dict[str, Decimal]:
    """Each player's `all_time` as last observed before `moment` (at or before it, if `inclusive`)."""
    query = WagerSnapshot.filter(at__lte=moment) if inclusive else WagerSnapshot.filter(at__lt=moment)
    ids = await query.annotate(last_id=Max("id")).group_by("player_id").values_list("last_id", flat=True)
    return await _all_time_of(cast(list[int], ids))


async def first_all_time_within(after: datetime, before: datetime) -> dict[str, Decimal]:
    """Each player's first `all_time` observed after `after` and before `before`."""
    query = WagerSnapshot.filter(at__gt=after, at__lt=before)
    ids = await query.annotate(first_id=Min("id")).group_by("player_id").values_list("first_id", flat=True)
    return await _all_time_of(cast(list[int], ids))


async def prune_history_keeping_latest(before: datetime) -> int:
    """As `prune_history`, but each player's newest snapshot before `before` stays: a race over any window
    (models/races_custom.py) reads each player's figure at its start, however long ago it last changed."""
    rows = await (
        WagerSnapshot.filter(at__lt=before).annotate(last_id=Max("id")).group_by("player_id").values_list("last_id")
    )
    keep = {row[0] for row in rows}
    deleted, after_id = 0, 0
    while (
        ids := await WagerSnapshot.filter(at__lt=before, id__gt=after_id)
        .order_by("id")
        .limit(PRUNE_BATCH)
        .values_list("id", flat=True)
    ):
        after_id = cast(int, ids[-1])
        if doomed := [i for i in ids if i not in keep]:
            deleted += await WagerSnapshot.filter(id__in=doomed).delete()
    return deleted
