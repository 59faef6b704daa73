"""Race alerts after each sync: overtaken, entered the paid places, the race's last 24 hours, a new leader
for the announcement groups. Each becomes a Notification row (unique key), at most ALERTS_PER_DAY race
alerts per person per day, delivered by the same notifier as the wins."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from decimal import Decimal

from tortoise.exceptions import IntegrityError

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


async def _alerts_today(user_id: int, now: datetime) -> int:
    return await Notification.filter(
        user_id=user_id, kind__in=ALERT_KINDS, created_at__gte=now - timedelta(days=1)
    ).count()


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
    users = await TelegramUser.filter(player_id__isnull=False, blocked_bot=False, banned=False).only(
        "id", "player_id", "notify_overtaken", "notify_paid_places", "notify_final_day"
    )
    for user in users:
        assert user.player_id is not None
        now_at = after.position(user.player_id)
        was_at = before.position(user.player_id) if before is not None else None
        if final_day and user.notify_final_day and now_at is not None:
            await _owe(
                f"race:{race.month}:final_day:{user.id}",
                user.id,
                FinalDay(race.month, now_at.entry.rank),
            )
        if now_at is not None and was_at is not None:
            await _owe_place_alert(race, user, now_at, was_at, sync_run_id, now)
    await _owe_new_leader_announcements(race, before, after, sync_run_id, announce_chats)


async def _owe_place_alert(
    race: Race, user: TelegramUser, now_at: Position, was_at: Position, sync_run_id: int, now: datetime
) -> None:
    """Overtaken, or else into the paid places: one alert a sync at most, within the day's cap."""
    rank, old_rank = now_at.entry.rank, was_at.entry.rank
    overtaken = rank > old_rank and user.notify_overtaken
    into_paid = rank <= race.paid_places < old_rank and user.notify_paid_places
    # The day's alert count is a query: read it only for the few players owed an alert, not for every one.
    if not (overtaken or into_paid) or await _alerts_today(user.id, now) >= ALERTS_PER_DAY:
        return
    if overtaken:
        await _owe(
            f"race:{race.month}:overtaken:{user.id}:{sync_run_id}",
            user.id,
            Overtaken(rank, now_at.gap_to_above or Decimal(0)),
        )
    else:
        await _owe(
            f"race:{race.month}:paid:{user.id}:{sync_run_id}",
            user.id,
            PaidPlaces(rank, race.prize_for(rank) or Decimal(0)),
        )


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


async def _alert_users() -> list[TelegramUser]:
    return await TelegramUser.filter(player_id__isnull=False, blocked_bot=False, banned=False).only(
        "id", "player_id", "notify_overtaken", "notify_paid_places", "notify_final_day"
    )


async def owe_custom_race_alerts(
    race: CustomRace,
    users: list[TelegramUser],
    before: Standings | None,
    after: Standings,
    sync_run_id: int,
    now: datetime,
) -> None:
    """As the monthly race's, within the day's cap (the last 24 hours' alert too: there can be many races).
    A player unranked before (nothing wagered in the window yet) who lands in the paid places is told so."""
    final_day = race.ends_at - now <= FINAL_DAY
    for user in users:
        assert user.player_id is not None
        now_at = after.position(user.player_id)
        if now_at is None:
            continue
        was_at = before.position(user.player_id) if before is not None else None
        if final_day and user.notify_final_day:
            await _owe_custom_final_day(race, user.id, now_at.entry.rank, now)
        if before is not None:
            await _owe_custom_place_alert(race, user, now_at, was_at, sync_run_id, now)


async def _owe_custom_final_day(race: CustomRace, user_id: int, rank: int, now: datetime) -> None:
    """Once per race and player; a day whose cap is reached already puts it off to a later sync of the last day."""
    key = f"crace:{race.id}:final_day:{user_id}"
    if await Notification.exists(key=key) or await _alerts_today(user_id, now) >= ALERTS_PER_DAY:
        return
    await _owe(key, user_id, CustomFinalDay(race.id, race.title, rank))


async def _owe_custom_place_alert(
    race: CustomRace, user: TelegramUser, now_at: Position, was_at: Position | None, sync_run_id: int, now: datetime
) -> None:
    prizes = as_race(race)
    rank = now_at.entry.rank
    old_rank = was_at.entry.rank if was_at is not None else None
    overtaken = old_rank is not None and rank > old_rank and user.notify_overtaken
    into_paid = rank <= prizes.paid_places < (old_rank or prizes.paid_places + 1) and user.notify_paid_places
    if not (overtaken or into_paid) or await _alerts_today(user.id, now) >= ALERTS_PER_DAY:
        return
    if overtaken:
        await _owe(
            f"crace:{race.id}:overtaken:{user.id}:{sync_run_id}",
            user.id,
            CustomOvertaken(race.id, race.title, rank, now_at.gap_to_above or Decimal(0)),
        )
    else:
        await _owe(
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
