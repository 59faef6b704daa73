"""Typed application state: what every handler may read from `request.app`.

What the web needs to know of the other parts (the upstream, the jobs, Redis) it reads through the small
Protocols below, which the wiring fills in: web imports neither the scheduler nor the bot.
"""

from __future__ import annotations

from typing import Protocol

from aiogram.utils.i18n import I18n
from aiohttp import web

from models.leaderboard import Leaderboards
from settings import Settings
from web.live import LiveHub


class HasUpstreamState(Protocol):
    @property
    def state(self) -> str:
        """ok, failing, token expired, circuit open (read by /health)."""


class HasJobsState(Protocol):
    @property
    def running(self) -> bool:
        """The job scheduler runs in this process."""

    @property
    def leading(self) -> bool:
        """This replica is the one that runs the jobs."""


class CanBeReached(Protocol):
    async def reachable(self) -> bool: ...


SETTINGS = web.AppKey("settings", Settings)
LEADERBOARDS = web.AppKey("leaderboards", Leaderboards)
I18N = web.AppKey("i18n", I18n)
UPSTREAM = web.AppKey("upstream", HasUpstreamState)
LIVE = web.AppKey("live", LiveHub)
JOBS = web.AppKey("jobs", HasJobsState)  # set by the wiring; /health says whether the jobs run here
REDIS = web.AppKey[CanBeReached | None]("redis")  # set by the wiring with REDIS_URL; /health reports it
