"""Race alerts after each sync: overtaken, entered the paid places, the race's last 24 hours, a new leader
for the announcement groups. Each becomes a Notification row (unique key), at most ALERTS_PER_DAY race
alerts per person per day, delivered by the same notifier as the wins."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count

from models import clock
from models.leaderboard import Entry, Position, Standings
from models.notification_kinds import (
    CustomFinalDay,
    CustomOvertaken,
    CustomPaidPlaces,
    FinalDay,
    NewLeader,
    NotificationKind,
    Outage,
    Overtaken,
    PaidPlaces,
    Payload,
    Recovered,
    TokenExpiring,
    TokenRefused,
)
from models.race import Race
from models.races_custom import as_race, live_standings, running_races
from models.tables import CustomRace, Notification, Role, SyncOutcome, SyncRun, TelegramUser

ALERTS_PER_DAY = 3
ALERT_KINDS = (
    NotificationKind.OVERTAKEN,
    NotificationKind.PAID_PLACES,
    NotificationKind.FINAL_DAY,
    # The weekly and custom races' alerts share the one daily cap.
    NotificationKind.CUSTOM_OVERTAKEN,
    NotificationKind.CUSTOM_PAID_PLACES,
    NotificationKind.CUSTOM_FINAL_DAY,
)
FINAL_DAY = timedelta(hours=24)


async def _owe(key: str, user_id: int, payload: Payload) -> None:
    with contextlib.suppress(IntegrityError):  # owed already (a second run of the same sync's alerts)
        # Stamped by the product's clock, which the daily cap counts by (the demo runs it ahead of the wall's).
        await Notification.create(
            key=key, user_id=user_id, kind=payload.kind, payload=payload.to_json(), created_at=clock.now()
        )


# After each sync the alerts are weighed for every linked player (1,000 and more): in batches, each with a few
# queries (which keys exist, each player's count of the day) and one insert, and a turn of the event loop between
# batches, instead of a query or two per player, so the bot's updates are never held up behind them.
BATCH = 250

Owed = tuple[str, int, Payload]  # a notification's key, its addressee, what it says


async def _owe_batch(owed: list[Owed]) -> None:
    """Owe each of `owed` not owed already, as `_owe` would one by one, in order."""
    if not owed:
        return
    keys = [key for key, _, _ in owed]
    exists = {str(key) for key in await Notification.filter(key__in=keys).values_list("key", flat=True)}
    fresh = [(key, user_id, payload) for key, user_id, payload in owed if key not in exists]
    stamp = clock.now()
    # Ignoring conflicts, as `_owe` does: one owed meanwhile (a second run of the same sync's alerts) stays as it was.
    await Notification.bulk_create(
        [
            Notification(key=key, user_id=user_id, kind=payload.kind, payload=payload.to_json(), created_at=stamp)
            for key, user_id, payload in fresh
        ],
        ignore_conflicts=True,
    )


async def _alerts_today_of(user_ids: list[int], now: datetime) -> dict[int, int]:
    """Each player's race alerts (of every race) in the day before `now`, in one query (none: not in it)."""
    if not user_ids:
        return {}
    rows = (
        await Notification.filter(user_id__in=user_ids, kind__in=ALERT_KINDS, created_at__gte=now - timedelta(days=1))
        .annotate(count=Count("id"))
        .group_by("user_id")
        .values_list("user_id", "count")
    )
    return {int(user_id): int(count) for user_id, count in rows}


class AlertUser(NamedTuple):
    """What the alerts read of a linked player's Telegram user (plain values: no model built per player)."""

    id: int
    player_id: str
    notify_overtaken: bool
    notify_paid_places: bool
    notify_final_day: bool


async def _alert_users() -> list[AlertUser]:
    rows = await TelegramUser.filter(player_id__isnull=False, blocked_bot=False, banned=False).values_list(
        "id", "player_id", "notify_overtaken", "notify_paid_places", "notify_final_day"
    )
    return [AlertUser(int(i), str(p), bool(o), bool(pp), bool(f)) for i, p, o, pp, f in rows]


def _batches(users: list[AlertUser]) -> list[list[AlertUser]]:
    return [users[i : i + BATCH] for i in range(0, len(users), BATCH)]


async def owe_race_alerts(
    race: Race,
    before: Standings | None,
    after: Standings,
    sync_run_id: int,
    now: datetime,
    announce_chats: tuple[int, ...] = (),
) -> None:
    """`before` is the race as the previous sync left it (None at start-up: nothing to compare)."""
    if not race.starts_at <= now < race.ends_at:
        return
    final_day = race.ends_at - now <= FINAL_DAY
    for number, batch in enumerate(_batches(await _alert_users())):
        if number:
            await asyncio.sleep(0)  # let the bot's updates in between batches
        places: list[tuple[AlertUser, Position, Position]] = []
        final_days: list[Owed] = []
        for user in batch:
            now_at = after.position(user.player_id)
            if now_at is None:
                continue
            if final_day and user.notify_final_day:
                final_days.append(
                    (f"race:{race.month}:final_day:{user.id}", user.id, FinalDay(race.month, now_at.entry.rank))
                )
            was_at = before.position(user.player_id) if before is not None else None
            if was_at is not None and _place_alert_due(race, user, now_at, was_at):
                places.append((user, now_at, was_at))
        await _owe_batch(final_days)  # first: the last day's alert counts in the day's cap of the place alerts
        await _owe_place_alerts(race, places, sync_run_id, now)
    await _owe_new_leader_announcements(race, before, after, sync_run_id, announce_chats)


def _place_alert_due(race: Race, user: AlertUser, now_at: Position, was_at: Position) -> bool:
    """Overtaken (and wants to hear it), or into the paid places (and wants to hear that): before the cap."""
    rank, old_rank = now_at.entry.rank, was_at.entry.rank
    overtaken = rank > old_rank and user.notify_overtaken
    into_paid = rank <= race.paid_places < old_rank and user.notify_paid_places
    return bool(overtaken or into_paid)


async def _owe_place_alerts(
    race: Race, due: list[tuple[AlertUser, Position, Position]], sync_run_id: int, now: datetime
) -> None:
    """Overtaken, or else into the paid places: one alert a sync at most, within the day's cap."""
    # The day's alert count is a query: read only for the few players owed an alert, not for every one.
    counts = await _alerts_today_of([user.id for user, _, _ in due], now)
    owed: list[Owed] = []
    for user, now_at, was_at in due:
        if counts.get(user.id, 0) >= ALERTS_PER_DAY:
            continue
        rank = now_at.entry.rank
        if rank > was_at.entry.rank and user.notify_overtaken:
            owed.append(
                (
                    f"race:{race.month}:overtaken:{user.id}:{sync_run_id}",
                    user.id,
                    Overtaken(rank, now_at.gap_to_above or Decimal(0)),
                )
            )
        else:
            owed.append(
                (
                    f"race:{race.month}:paid:{user.id}:{sync_run_id}",
                    user.id,
                    PaidPlaces(rank, race.prize_for(rank) or Decimal(0)),
                )
            )
    await _owe_batch(owed)


async def _owe_new_leader_announcements(
    race: Race, before: Standings | None, after: Standings, sync_run_id: int, announce_chats: tuple[int, ...]
) -> None:
    leader, old_leader = after.top(1), before.top(1) if before is not None else []
    if leader and old_leader and leader[0].uid != old_leader[0].uid:
        for chat in announce_chats:
            await _owe(
                f"race:{race.month}:leader:{chat}:{sync_run_id}",
                chat,
                NewLeader(leader[0].name, leader[0].wagered),
            )


# ---- the same alerts for the weekly and custom races (issue 22) ----


class CustomRaceAlerts:
    """After each sync, every running weekly or custom race's alerts: overtaken, into the paid places, its last
    24 hours. Keys name the race's id (never the monthly race's), and every one of them counts in, and is
    held to, the same ALERTS_PER_DAY as the monthly race's (which are owed first, in the same sync).
    The standings the previous sync left are kept here, per race (none at start-up: nothing to compare)."""

    def __init__(self) -> None:
        self._before: dict[int, Standings] = {}

    async def after_sync(self, sync_run_id: int, now: datetime) -> None:
        races = await running_races(now)
        users = await _alert_users() if races else []
        kept: dict[int, Standings] = {}
        for race in races:
            after = Standings(
                [Entry(rank, f.uid, f.uid, f.wagered) for rank, f in enumerate(await live_standings(race, now), 1)]
            )
            await owe_custom_race_alerts(race, users, self._before.get(race.id), after, sync_run_id, now)
            kept[race.id] = after
        self._before = kept


async def owe_custom_race_alerts(
    race: CustomRace,
    users: list[AlertUser],
    before: Standings | None,
    after: Standings,
    sync_run_id: int,
    now: datetime,
) -> None:
    """As the monthly race's, within the day's cap (the last 24 hours' alert too: there can be many races).
    A player unranked before (nothing wagered in the window yet) who lands in the paid places is told so."""
    final_day = race.ends_at - now <= FINAL_DAY
    prizes = as_race(race)
    for number, batch in enumerate(_batches(users)):
        if number:
            await asyncio.sleep(0)  # let the bot's updates in between batches
        ranked = []
        for user in batch:
            now_at = after.position(user.player_id)
            if now_at is None:
                continue
            was_at = before.position(user.player_id) if before is not None else None
            final = final_day and user.notify_final_day
            place = before is not None and _custom_place_alert_due(prizes, user, now_at, was_at)
            if final or place:
                ranked.append((user, now_at, was_at, final, place))
        await _owe_custom_batch(race, prizes, ranked, sync_run_id, now)


def _custom_place_alert_due(prizes: Race, user: AlertUser, now_at: Position, was_at: Position | None) -> bool:
    rank = now_at.entry.rank
    old_rank = was_at.entry.rank if was_at is not None else None
    overtaken = old_rank is not None and rank > old_rank and user.notify_overtaken
    into_paid = rank <= prizes.paid_places < (old_rank or prizes.paid_places + 1) and user.notify_paid_places
    return bool(overtaken or into_paid)


async def _owe_custom_batch(
    race: CustomRace,
    prizes: Race,
    ranked: list[tuple[AlertUser, Position, Position | None, bool, bool]],
    sync_run_id: int,
    now: datetime,
) -> None:
    """Each player's last day (once per race and player) and then place alert, each within the day's cap: a day
    whose cap is reached already puts the last day's alert off to a later sync of the last day."""
    if not ranked:
        return
    final_keys = [f"crace:{race.id}:final_day:{user.id}" for user, _, _, final, _ in ranked if final]
    told = (
        {str(key) for key in await Notification.filter(key__in=final_keys).values_list("key", flat=True)}
        if final_keys
        else set()
    )
    counts = await _alerts_today_of([user.id for user, *_ in ranked], now)
    final_days: list[Owed] = []
    places: list[Owed] = []
    for user, now_at, was_at, final, place in ranked:
        rank = now_at.entry.rank
        key = f"crace:{race.id}:final_day:{user.id}"
        if final and key not in told and counts.get(user.id, 0) < ALERTS_PER_DAY:
            final_days.append((key, user.id, CustomFinalDay(race.id, race.title, rank)))
            counts[user.id] = counts.get(user.id, 0) + 1
        if place and counts.get(user.id, 0) < ALERTS_PER_DAY:
            places.append(_custom_place_alert(race, prizes, user, now_at, was_at, sync_run_id))
    await _owe_batch(final_days)
    await _owe_batch(places)


def _custom_place_alert(
    race: CustomRace, prizes: Race, user: AlertUser, now_at: Position, was_at: Position | None, sync_run_id: int
) -> Owed:
    rank = now_at.entry.rank
    if was_at is not None and rank > was_at.entry.rank and user.notify_overtaken:
        return (
            f"crace:{race.id}:overtaken:{user.id}:{sync_run_id}",
            user.id,
            CustomOvertaken(race.id, race.title, rank, now_at.gap_to_above or Decimal(0)),
        )
    return (
        f"crace:{race.id}:paid:{user.id}:{sync_run_id}",
        user.id,
        CustomPaidPlaces(race.id, race.title, rank, prizes.prize_for(rank) or Decimal(0)),
    )


# Operations alerts, for owners (issue 19). "Once" is the unique key of each Notification row, so it holds
# across replicas and restarts.

TOKEN_WARNINGS = (timedelta(hours=2), timedelta(minutes=15))  # before a JWT's expiry, each told once


async def reachable_owners() -> list[TelegramUser]:
    """Owners (ADMIN_IDS) who have started the bot and not blocked it."""
    return await TelegramUser.filter(role=Role.OWNER, blocked_bot=False).order_by("id")


async def _owe_owners(key: str, payload: Payload) -> int:
    owners = await reachable_owners()
    for owner in owners:
        await _owe(f"{key}:{owner.id}", owner.id, payload)
    return len(owners)


async def owe_token_refused_alerts(token_tag: str = "") -> None:
    """The upstream refused our token (401/403): every owner is told once per outage and token, with how to
    send a new one (the key names the last sync that worked, so the next outage is told again, and the
    token's fingerprint, so a new token that is refused too is told as well)."""
    last_ok = await SyncRun.filter(outcome=SyncOutcome.OK).order_by("-id").only("id").first()
    await _owe_owners(f"upstream:token_refused:{last_ok.id if last_ok else 0}:{token_tag}", TokenRefused())


async def owe_token_expiry_warnings(expires_at: datetime | None, now: datetime) -> None:
    """2 hours and 15 minutes before a JWT's expiry, one warning each per token (keyed by its expiry). A token
    first seen with less left than a warning's lead gets only the nearest warning, not both at once."""
    if expires_at is None or expires_at <= now:
        return
    left = expires_at - now
    due = [lead for lead in TOKEN_WARNINGS if left <= lead]
    if not due:
        return
    lead = min(due)
    minutes = int(lead.total_seconds() // 60)
    stamp = int(expires_at.timestamp())
    await _owe_owners(f"upstream:token_expiring:{stamp}:{minutes}", TokenExpiring(expires_at.isoformat(), minutes))


async def sync_failing_since() -> tuple[datetime | None, str | None]:
    """When the syncs began failing (the first failed run since the last good one) and the latest error;
    (None, None) while the latest finished run is good (or there is none)."""
    latest = (
        await SyncRun.filter(outcome__in=(SyncOutcome.OK, SyncOutcome.FAILED, SyncOutcome.REJECTED))
        .order_by("-id")
        .first()
    )
    if latest is None or latest.outcome == SyncOutcome.OK:
        return None, None
    last_ok = await SyncRun.filter(outcome=SyncOutcome.OK).order_by("-id").only("id").first()
    first = (
        await SyncRun.filter(
            id__gt=last_ok.id if last_ok else 0, outcome__in=(SyncOutcome.FAILED, SyncOutcome.REJECTED)
        )
        .order_by("id")
        .first()
    )
    assert first is not None  # `latest` is one
    return first.started_at, latest.error


async def _open_outage(what: str) -> int | None:
    """The number of the outage of `what` that owners were told of and not yet of its end; else None."""
    told = await Notification.filter(key__startswith=f"outage:{what}:").order_by("-id").only("key").first()
    if told is None:
        return None
    number = int(told.key.split(":")[2])
    over = await Notification.filter(key__startswith=f"recovered:{what}:{number}:").exists()
    return None if over else number


async def owe_outage(what: str, since: datetime, detail: str | None) -> bool:
    """Tell the owners that `what` is down, once per outage. True when this call owed the messages."""
    if await _open_outage(what) is not None:
        return False
    last = await Notification.filter(key__startswith=f"outage:{what}:").order_by("-id").only("key").first()
    number = int(last.key.split(":")[2]) + 1 if last else 1
    return await _owe_owners(f"outage:{what}:{number}", Outage(what, since.isoformat(), detail)) > 0


async def owe_recovery(what: str, now: datetime) -> bool:
    """Tell the owners that the outage of `what` they were told of is over, once. True when this call owed."""
    number = await _open_outage(what)
    if number is None:
        return False
    told = await Notification.filter(key__startswith=f"outage:{what}:{number}:").order_by("id").first()
    assert told is not None
    since = told.payload.get("since", now.isoformat())
    return await _owe_owners(f"recovered:{what}:{number}", Recovered(what, since, now.isoformat())) > 0


async def owe_database_recovery(since: datetime, now: datetime) -> None:
    """The database was unreachable from `since` (nothing could be written then): told once it answers again."""
    await _owe_owners(
        f"recovered:database:{int(since.timestamp())}", Recovered("database", since.isoformat(), now.isoformat())
    )
