"""Everything admins do in the bot. One router with the admin filter, so a non-admin never reaches any
admin handler: their commands fall through to the ordinary "unknown command" answer, and a forwarded or
forged admin button falls through to "this button no longer works"."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType

from bot.admin import (
    bonus,
    broadcast,
    challenges,
    community,
    custom_races,
    exports,
    links,
    ops,
    posts,
    races,
    reports,
    review,
    reward_forms,
    roles,
    rules,
    users,
)
from bot.filters import IsAdmin


def build_router(demo_bets: bool = False) -> Router:
    """`demo_bets`: the demo affiliate takes /demobet."""
    router = Router(name="admin")
    # Private chats only: a card in a group would show ids, usernames and wagers to everyone there.
    router.message.filter(IsAdmin(), F.chat.type == ChatType.PRIVATE)
    router.callback_query.filter(IsAdmin())  # checked again on every press
    router.include_routers(
        ops.build_router(),  # first: /token is taken even while a form is open, and its message deleted at once
        review.build_router(),
        roles.build_router(),
        races.build_router(),
        custom_races.build_router(),  # /newrace, /races, /cancelrace
        rules.build_router(),
        users.build_router(),
        links.build_router(demo_bets),
        broadcast.build_router(),
        posts.build_router(),  # /post to the bot's groups and channels
        reward_forms.build_router(),  # before the lists: an open form takes their commands
        bonus.build_router(),
        challenges.build_router(),
        community.build_router(),
        reports.build_router(),  # /report, /trend
        exports.build_router(),  # /export
    )
    return router
