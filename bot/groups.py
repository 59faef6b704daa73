"""The bot's features for groups and channels (issue 21), installed together: the chats' tracking, /chats,
/chatlang, /card and the live leaderboard post."""

from __future__ import annotations

from aiogram import Dispatcher, Router

from bot import card, chats, liveboard


def build_router() -> Router:
    router = Router(name="groups")
    router.include_routers(chats.build_router(), card.build_router(), liveboard.build_router())
    return router


def install(dispatcher: Dispatcher) -> None:
    """Before the other routers: their commands are taken by no other feature, and a group is recorded the
    first time it is used (a message middleware)."""
    dispatcher.message.outer_middleware(chats.ChatTracker())
    dispatcher.include_router(build_router())
