"""/token (owners: set the Goated API token without a restart) and /status (admins: is everything working).

The message carrying a token is deleted at once and the token is never echoed or logged; it is stored
encrypted (models.tokens). /status reads this replica's state through `OperationsState`, handed in by the
wiring as `operations`.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import datetime
from html import escape
from typing import Protocol

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject, Filter
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.admin.community import outcome_text
from bot.texts import is_keyword, time_left
from models import clock
from models.audit import record
from models.status import recent_syncs, waiting_messages
from models.tables import Role, SyncRun, TelegramUser
from models.tokens import TokenInUse, UpstreamTokens
from settings import Settings

log = logging.getLogger(__name__)

REFRESH = "ops:status"


class OperationsState(Protocol):
    """What /status reads of this replica (the wiring hands it in as `operations`)."""

    @property
    def upstream_state(self) -> str: ...

    @property
    def leading(self) -> bool: ...

    @property
    def version(self) -> str: ...

    @property
    def uptime_seconds(self) -> float: ...

    def next_sync(self) -> datetime | None: ...

    async def redis_reachable(self) -> bool | None: ...

    async def token(self) -> TokenInUse: ...


class IsOwner(Filter):
    """Owners only (ADMIN_IDS): anyone else's /token falls through to "unknown command"."""

    async def __call__(self, event: TelegramObject, user: TelegramUser | None = None) -> bool:
        return user is not None and user.role == Role.OWNER


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def expiry_text(expires_at: datetime | None, now: datetime) -> str:
    if expires_at is None:
        return _("expiry unknown (not a JWT)")
    if expires_at <= now:
        return _("expired at {when}").format(when=_when(expires_at))
    return _("expires at {when} (in {left})").format(
        when=_when(expires_at), left=time_left((expires_at - now).total_seconds())
    )


def token_text(token: TokenInUse, now: datetime) -> str:
    if token.value is None:
        return _("Goated token: none") if token.origin != "cleared" else _("Goated token: cleared with /token clear")
    origin = _("set with /token") if token.origin == "bot" else _("from GOATED_API_TOKEN")
    return _("Goated token: {origin}, {expiry}").format(origin=origin, expiry=expiry_text(token.expires_at, now))


async def set_token(
    message: Message, command: CommandObject, user: TelegramUser, tokens: UpstreamTokens | None = None
) -> None:
    """Deletes the message first: the token must not stay in the chat."""
    with suppress(TelegramAPIError):
        await message.delete()
    arg = (command.args or "").strip()
    if tokens is None:
        await message.answer(_("This bot shows demo data: there is no Goated token to set."))
        return
    if not arg or len(arg.split()) != 1:
        await message.answer(
            _(
                "Send <code>/token YOUR_TOKEN</code> to set the Goated API token (I delete the message at once), "
                "or <code>/token clear</code> to use no token."
            )
        )
        return
    if is_keyword(arg, "clear"):
        await tokens.set(None, user.id)
        await record(user.id, "token.clear", "goated token")
        await message.answer(_("Goated token cleared: the next syncs call Goated without a token."))
        return
    if not tokens.can_store:
        await message.answer(
            _(
                "The token was not saved: set TOKEN_ENCRYPTION_KEY (any long random string) in the bot's "
                "environment and restart it once; then send /token again."
            )
        )
        return
    row = await tokens.set(arg, user.id)
    await record(user.id, "token.set", "goated token", after={"expires_at": str(row.expires_at)})
    await message.answer(
        _("✅ New Goated token saved; every replica uses it from its next call ({expiry}). /sync syncs now.").format(
            expiry=expiry_text(row.expires_at, clock.now())
        )
    )


def sync_run_line(run: SyncRun) -> str:
    line = _("#{id} {outcome} at {when}, {seconds:.1f} s").format(
        id=run.id,
        outcome=outcome_text(run),
        when=_when(run.finished_at or run.started_at),
        seconds=(run.duration_ms or 0) / 1000,
    )
    if run.players_received is not None:
        line += " · " + _("{players} players, {changed} changed").format(
            players=run.players_received, changed=run.players_changed or 0
        )
    if run.error:
        line += " · " + escape(run.error[:200])
    return line


async def webhook_text(bot: Bot) -> str:
    try:
        info = await bot.get_webhook_info()
    except TelegramAPIError as error:
        return _("Webhook: Telegram did not answer ({error})").format(error=escape(type(error).__name__))
    if not info.url:
        return _("Webhook: none (long polling)")
    text = _("Webhook: {url} · {pending} updates waiting").format(
        url=escape(info.url), pending=info.pending_update_count
    )
    if info.last_error_date is not None:
        text += " · " + _("last error at {when}: {error}").format(
            when=_when(info.last_error_date), error=escape(info.last_error_message or "")
        )
    else:
        text += " · " + _("no errors")
    return text


def next_sync_text(operations: OperationsState, runs: list[SyncRun], interval: int, now: datetime) -> str:
    moment = operations.next_sync()
    if moment is not None:
        return _("Next sync: {when}").format(when=_when(moment))
    if runs:  # run by another replica: estimated from the last one
        from_last = runs[0].started_at.timestamp() + interval
        return _("Next sync: about {when}").format(when=_when(datetime.fromtimestamp(from_last, now.tzinfo)))
    return _("Next sync: unknown")


async def replicas_text(operations: OperationsState) -> str:
    redis = await operations.redis_reachable()
    redis_text = {None: _("not used"), True: _("reachable"), False: _("unreachable")}[redis]
    leader = _("this replica") if operations.leading else _("another replica")
    return _("Redis: {redis} · scheduler leader: {leader}").format(redis=redis_text, leader=leader)


def upstream_text(operations: OperationsState) -> str:
    state = operations.upstream_state
    if state == "unknown" and not operations.leading:  # only the leader calls Goated
        return _("Goated: called by the leader replica (see the last syncs)")
    return _("Goated: {state}").format(state=escape(state))


async def status_text(bot: Bot, operations: OperationsState, settings: Settings) -> str:
    now = clock.now()
    runs = await recent_syncs()
    notifications, deliveries = await waiting_messages()
    lines = [
        _("🛠 <b>Status</b> at {when}").format(when=_when(now)),
        upstream_text(operations),
        token_text(await operations.token(), now),
        _("Last syncs:") if runs else _("Last syncs: none yet"),
        *(f"  {sync_run_line(run)}" for run in runs),
        next_sync_text(operations, runs, settings.sync_interval_seconds, now),
        await webhook_text(bot),
        await replicas_text(operations),
        _("Waiting: {notifications} notifications, {deliveries} broadcast messages").format(
            notifications=notifications, deliveries=deliveries
        ),
        _("Version {version} · up {uptime}").format(
            version=escape(operations.version), uptime=time_left(operations.uptime_seconds)
        ),
    ]
    return "\n".join(lines)


def refresh_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=_("🔄 Refresh"), callback_data=REFRESH)]])


async def status(message: Message, bot: Bot, settings: Settings, operations: OperationsState | None = None) -> None:
    if operations is None:
        await message.answer(_("Status is not available in this process."))
        return
    await message.answer(await status_text(bot, operations, settings), reply_markup=refresh_keyboard())


async def refresh_status(
    query: CallbackQuery, bot: Bot, settings: Settings, operations: OperationsState | None = None
) -> None:
    if operations is None or not isinstance(query.message, Message):
        await query.answer()
        return
    with suppress(TelegramAPIError):  # "message is not modified" when nothing changed
        await query.message.edit_text(await status_text(bot, operations, settings), reply_markup=refresh_keyboard())
    await query.answer(_("Refreshed"))


def build_router() -> Router:
    router = Router(name="admin.ops")
    router.message.register(set_token, Command("token"), IsOwner())
    router.message.register(status, Command("status"))
    router.callback_query.register(refresh_status, F.data == REFRESH)
    return router
