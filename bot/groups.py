"""The bot's features for groups and channels (issue 21), installed together: the chats' tracking, /chats,
/chatlang, /card, the live leaderboard post and the scheduled posts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import Dispatcher, Router

from bot import card, chat_posts, chats, liveboard
from bot.chat_posts import ScheduledPosts
from bot.liveboard import LiveBoards


def build_router() -> Router:
    router = Router(name="groups")
    router.include_routers(
        chats.build_router(), card.build_router(), liveboard.build_router(), chat_posts.build_router()
    )
    return router


def install(dispatcher: Dispatcher) -> None:
    """Before the other routers: their commands are taken by no other feature, and a group is recorded the
    first time it is used (a message middleware)."""
    dispatcher.message.outer_middleware(chats.ChatTracker())
    dispatcher.include_router(build_router())


def after_race_job(liveboards: LiveBoards, scheduled: ScheduledPosts) -> Callable[[], Awaitable[None]]:
    """What the leader's race job runs after each sync and each tick: the live posts, then what is scheduled."""

    async def run() -> None:
        await liveboards.refresh_all()
        await scheduled.run()

    return run
