"""Typed application state: what every handler may read from `request.app`."""

from __future__ import annotations

from typing import Protocol

from aiogram.utils.i18n import I18n
from aiohttp import web
from apscheduler.schedulers.base import BaseScheduler

from models.leaderboard import Leaderboards
from settings import Settings
from models.replicas import Replicas
from scheduler.leader import Leadership
from web.live import LiveHub


class HasUpstreamState(Protocol):
    state: str


SETTINGS = web.AppKey("settings", Settings)
LEADERBOARDS = web.AppKey("leaderboards", Leaderboards)
I18N = web.AppKey("i18n", I18n)
UPSTREAM = web.AppKey("upstream", HasUpstreamState)
LIVE = web.AppKey("live", LiveHub)
SCHEDULER = web.AppKey("scheduler", BaseScheduler)  # set by main.build_runtime; /health reports whether it runs
LEADERSHIP = web.AppKey("leadership", Leadership)  # set by main.build_runtime; /health says whether this replica leads
REPLICAS = web.AppKey("replicas", Replicas | None)  # set by main.build_runtime: Redis, with REDIS_URL
