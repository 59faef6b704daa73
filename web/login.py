"""Log in with Telegram (the Login Widget). (Being written.)"""

from __future__ import annotations

from aiohttp import web

from settings import Settings


def install(app: web.Application, settings: Settings) -> None:
    """Add the sign-in routes to `app`."""


async def signed_in_user(request: web.Request) -> int | None:
    """The Telegram user id of the visitor's valid session cookie, if any."""
    return None
