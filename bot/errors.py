"""The last line of defence: an unexpected error is logged once and the user gets a polite answer."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.exceptions import TelegramForbiddenError
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import gettext as _

from bot.sender import blocked_the_bot
from models.db import DATABASE_DOWN
from models.users import mark_blocked

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent) -> object:
    update = event.update
    if isinstance(event.exception, TelegramForbiddenError):
        user = getattr(update.event, "from_user", None)
        if user is not None and blocked_the_bot(event.exception):
            await mark_blocked(user.id)
        return True
    if isinstance(event.exception, DATABASE_DOWN):
        # Not the update's fault: the webhook answers 503 and Telegram delivers it again later.
        log.warning("update %d waits for the database: %r", update.update_id, event.exception)
        return UNHANDLED
    log.error("update %d failed: %r", update.update_id, event.exception, exc_info=event.exception)
    try:
        if update.message is not None:
            await update.message.answer(_("Sorry, something went wrong. Please try again in a minute."))
        elif update.callback_query is not None:
            await update.callback_query.answer(_("Sorry, something went wrong. Please try again."), show_alert=True)
    except Exception:  # the apology itself failed; the log line above is what matters
        log.debug("could not tell the user about the error", exc_info=True)
    # Handled: the webhook answers 200, so Telegram does not redeliver an update that fails every time.
    return True


def build_router() -> Router:
    router = Router(name="errors")
    router.errors.register(on_error)
    return router
