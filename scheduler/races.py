"""The race job: a sync shortly before each race's end, then finalisation once it has ended.

It runs every RACE_TICK_SECONDS and once at start-up, so a process that was down across the end
finalises from the last sync it made before the end.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from decimal import Decimal

from models import clock
from models.alerts import CustomRaceAlerts, owe_race_alerts
from models.events import Event, LeaderboardChanged, RaceFinished
from models.history import RESET_LOOKBACK, prune_history, prune_history_keeping_latest
from models.leaderboard import Leaderboards, Standings
from models.milestones import owe_goal, owe_milestones
from models.race import Race, load_race, race_at
from models.races_custom import ensure_weekly, finalise_ended, oldest_pending_start, open_races
from models.reports import close_month, owe_daily_report
from models.results import Finalised, finalise
from scheduler.sync import SyncService

log = logging.getLogger(__name__)

RACE_TICK_SECONDS = 30
PRE_END_SYNC = timedelta(minutes=2)  # the last sync of a race starts within this before its end
SYNC_WAIT_SECONDS = 120.0
CATCH_UP_RACES = 3  # a sync still running at the end may finish before the results are read


class RaceKeeper:
    def __init__(
        self,
        sync: SyncService,
        leaderboards: Leaderboards,
        timezone: str,
        sync_interval: timedelta,
        announce_chats: frozenset[int] = frozenset(),
    ) -> None:
        self.sync, self.leaderboards, self.timezone, self.sync_interval = sync, leaderboards, timezone, sync_interval
        self.announce_chats = tuple(sorted(announce_chats))
        self.deliver: Callable[[], Awaitable[object]] | None = None  # the bot's notifier, when there is a bot
        self._pre_end_synced: str | None = None
        self._standings: tuple[str, Standings] | None = None  # the race as the previous sync left it
        self.custom_alerts = CustomRaceAlerts()  # the weekly and custom races' alerts, as the previous sync left them
        self._ticking: asyncio.Task[object] | None = None
        self._pruned_before: datetime | None = None
        self._edges_synced: set[str] = set()  # "<race id>:pre|start|end": the edges of custom races synced
        self.daily_report_at: time | None = None  # REPORT_DAILY_AT: the owners' daily summary (set by the wiring)
        # The bot's posts in groups and channels (the live post, scheduled posts), when there is a bot.
        self.chat_posts: Callable[[], Awaitable[object]] | None = None

    async def stop(self) -> None:
        """At shutdown: a tick is cancelled. That is safe: finalising is one transaction, and a later tick redoes it."""
        task = self._ticking
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def on_leaderboard_changed(self, event: Event) -> None:
        """After each sync: owe the race alerts that the change caused, then deliver them."""
        if not isinstance(event, LeaderboardChanged):
            return
        now = clock.now()
        race = await load_race(now, self.timezone)
        after = await self.leaderboards.race_standings(race)
        before = self._standings[1] if self._standings and self._standings[0] == race.month else None
        self._standings = (race.month, after)
        await owe_race_alerts(race, before, after, event.sync_run_id, now, self.announce_chats)
        await self.custom_alerts.after_sync(event.sync_run_id, now)  # within the same daily cap, after the month's
        await self._milestones(race.month, after, now)
        if self.deliver is not None:
            await self.deliver()
        if self.chat_posts is not None:
            await self.chat_posts()

    async def _milestones(self, month: str, after: Standings, now: datetime) -> None:
        """The month's milestones crossed and the community goal reached, each told once."""
        figures = {entry.uid: entry.wagered for entry in after.entries}
        await owe_milestones(month, figures, self.announce_chats, now)
        await owe_goal(month, sum(figures.values(), Decimal(0)), self.announce_chats, now)

    async def _prune_history(self, oldest: Race) -> None:
        """The history of wagers only matters to races that can still be finalised, the oldest of which is
        `oldest` (with the upstream's reset up to RESET_LOOKBACK before its start): older snapshots go, once
        per month as the oldest race moves on, so the table stops growing with every sync forever."""
        before = oldest.starts_at - RESET_LOOKBACK
        pending = await oldest_pending_start()  # a weekly or custom race reads each player's figure at its start
        if pending is not None:
            before = min(before, pending)  # all of its window, and each player's newest figure before it
        if self._pruned_before == before:
            return
        deleted = await (prune_history_keeping_latest(before) if pending is not None else prune_history(before))
        self._pruned_before = before
        if deleted:
            log.info("deleted %d wager snapshots from before %s: no race that can still end uses them", deleted, before)

    async def _custom_edges(self, now: datetime) -> None:
        """This week's weekly races exist; a sync just before a race's start, right after it and just before
        its end (once each), so each edge of its window is observed close to it."""
        await ensure_weekly(now, self.timezone)
        due = []
        for race in await open_races(now - PRE_END_SYNC):
            for name, moment in (("pre", race.starts_at - PRE_END_SYNC), ("start", race.starts_at)):
                if moment <= now < moment + PRE_END_SYNC:
                    due.append(f"{race.id}:{name}")
            if race.ends_at - PRE_END_SYNC <= now < race.ends_at:
                due.append(f"{race.id}:end")
        if fresh := [key for key in due if key not in self._edges_synced]:
            self._edges_synced.update(fresh)
            log.info("race edges %s: syncing now", ", ".join(fresh))
            await self.sync.run_once()

    async def tick(self) -> Finalised | None:
        self._ticking = asyncio.current_task()
        try:
            return await self._tick()
        finally:
            self._ticking = None

    async def _tick(self) -> Finalised | None:
        now = clock.now()
        current = race_at(now, self.timezone)
        if current.ends_at - now <= PRE_END_SYNC and self._pre_end_synced != current.month:
            self._pre_end_synced = current.month
            log.info("race %s ends in under %s: syncing now", current.month, PRE_END_SYNC)
            await self.sync.run_once()
        await self._custom_edges(now)
        await self.sync.wait_idle(SYNC_WAIT_SECONDS)  # a run that began before the end may still add pre-end figures
        # The last few ended races, oldest first: a process down across more than one month end catches up.
        ended: list[Race] = []
        outcome: Finalised | None = None
        moment = current.starts_at
        for _ in range(CATCH_UP_RACES):
            race = await load_race(moment - timedelta(seconds=1), self.timezone)
            ended.insert(0, race)
            moment = race.starts_at
        for race in ended:
            outcome = await finalise(race, self.sync_interval, now)
            if outcome == Finalised.DONE:  # every replica's page shows the winners at once
                await self.sync.bus.publish(RaceFinished(race.month))
        for custom in await finalise_ended(self.sync_interval, now):  # weekly and custom races
            await self.sync.bus.publish(RaceFinished(f"r{custom.id}"))
        for race in ended:  # each ended month's figures stored for good, before its snapshots can be pruned
            await close_month(race, now)
        await owe_daily_report(self.daily_report_at, self.timezone, now)
        await self._prune_history(ended[0])
        if self.deliver is not None:
            await self.deliver()  # the winners' messages, and whatever an earlier run left unsent
        if self.chat_posts is not None:
            await self.chat_posts()  # final results in the live posts, the next race's posts, scheduled posts
        return outcome
