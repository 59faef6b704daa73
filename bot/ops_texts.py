"""What the owners' operations alerts say (issue 19): the Goated token refused or about to expire, an outage
(syncs failing, a webhook error) and its end. Each tells what to do."""

from __future__ import annotations

from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _

from models.notification_kinds import Outage, Recovered, TokenExpiring, TokenRefused

HOW_TO_SEND = "<code>/token YOUR_TOKEN</code>"


def _when(iso: str) -> str:
    return f"{datetime.fromisoformat(iso):%Y-%m-%d %H:%M} UTC"


async def token_refused(payload: TokenRefused, names: object = None) -> str:
    return _(
        "⚠️ Goated refused the API token (expired or revoked), so the leaderboards are not updating. "
        "Log in to Goated, copy the new token and send it to me here as {how} (I delete that message at once); "
        "the next sync uses it."
    ).format(how=HOW_TO_SEND)


async def token_expiring(payload: TokenExpiring, names: object = None) -> str:
    lead = _("2 hours") if payload.minutes >= 120 else _("{n} minutes").format(n=payload.minutes)
    return _(
        "⏳ The Goated API token expires in about {lead}, at {when}. Send a new one as {how} before then, "
        "or the leaderboards stop updating."
    ).format(lead=lead, when=_when(payload.expires_at), how=HOW_TO_SEND)


async def outage(payload: Outage, names: object = None) -> str:
    detail = escape((payload.detail or _("no details"))[:300])
    if payload.what == "webhook":
        return _(
            "🔴 Telegram reports an error delivering updates to the bot's webhook ({when}): {detail}. "
            "Check that the bot's URL is reachable; /status shows more."
        ).format(when=_when(payload.since), detail=detail)
    return _(
        "🔴 Syncs with Goated have been failing since {when}: {detail}. The last good data stays in use; "
        "/status shows more."
    ).format(when=_when(payload.since), detail=detail)


async def recovered(payload: Recovered, names: object = None) -> str:
    since, until = _when(payload.since), _when(payload.until)
    if payload.what == "webhook":
        return _("✅ Telegram delivers updates to the webhook again (errors since {since}).").format(since=since)
    if payload.what == "database":
        return _("✅ The database was unreachable from {since} to {until}; it answers again.").format(
            since=since, until=until
        )
    return _("✅ Syncs with Goated work again (failing from {since} to {until}).").format(since=since, until=until)
