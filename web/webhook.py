"""Telegram's webhook route: aiogram's handler, plus clean 4xx answers for bodies that are not updates."""

from __future__ import annotations

import hmac
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import TelegramMethod
from aiogram.types import ErrorEvent, TelegramObject, Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from pydantic import ValidationError

from metrics import telegram_update_duration_seconds, telegram_updates_total
from web.seen_updates import Claim, SeenUpdates

log = logging.getLogger(__name__)

MAX_UPDATE_BYTES = 1 << 20  # Telegram updates are a few KB; anything this big is not one
MAX_KIND_CHARS = 40  # Telegram's update kinds are short names; a longer key is logged cut to this
# How JSON spells a UTF-16 half, and NUL: characters no database text (PostgreSQL's) and no UTF-8 can hold; and
# a profile field longer than Telegram allows (forged: Telegram's own are short).
_NEEDS_CLEANING = re.compile(
    rb'\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)|"(?:first_name|last_name|username)"\s*:\s*"(?:[^"\\]|\\.){33,}'
    rb'|"(?:text|caption)"\s*:\s*"(?:[^"\\]|\\.){1025,}'
)
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
# Telegram's limits on what its users write: names 64 characters, usernames 32, texts 4096, captions 1024.
TELEGRAM_LIMITS = {"first_name": 64, "last_name": 64, "username": 32, "text": 4096, "caption": 1024}
KNOWN_KINDS = frozenset(Update.model_fields) - {"update_id"}  # what this aiogram can dispatch

# The errors the current webhook update raised in its handlers (the errors router answers them, so the
# update "succeeds"); a list, because aiogram runs the update in a task with a copy of this context.
_update_errors: ContextVar[list[BaseException] | None] = ContextVar("update_errors", default=None)


async def _note_update_error(
    handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]], event: TelegramObject, data: dict[str, Any]
) -> Any:
    errors = _update_errors.get()
    if errors is not None and isinstance(event, ErrorEvent):  # the errors router only sees ErrorEvents
        errors.append(event.exception)
    return await handler(event, data)


class TelegramWebhook(SimpleRequestHandler):
    """Handles each update inside the request, so a crash mid-update makes Telegram redeliver it,
    and a graceful shutdown waits for in-flight updates like for any other request."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, secret_token: str, seen: SeenUpdates | None = None) -> None:
        super().__init__(dispatcher=dispatcher, bot=bot, handle_in_background=False, secret_token=secret_token)
        self.seen = seen or SeenUpdates()
        if _note_update_error not in dispatcher.errors.outer_middleware:
            dispatcher.errors.outer_middleware(_note_update_error)

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        """The header Telegram sends, compared in constant time. Bytes on both sides: compare_digest raises
        TypeError on a non-ASCII str, and the header is whatever the caller wrote (the secret itself is ASCII)."""
        if not self.secret_token:
            return True
        if not telegram_secret_token.isascii():
            return False
        return hmac.compare_digest(telegram_secret_token.encode(), self.secret_token.encode())

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > MAX_UPDATE_BYTES:
            return web.Response(status=413, text="Update too large")
        try:
            update = _parse_update(await request.read())
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return web.Response(status=400, text="Body is not JSON")
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            return web.Response(status=400, text="Body is not a Telegram update")
        update_id = update["update_id"]
        if KNOWN_KINDS.isdisjoint(update):
            # Newer than this aiogram (or made up): aiogram would warn with the whole update; nothing handles it.
            log.info("update %d (%s) ignored: not a kind this bot knows", update_id, update_kind(update))
            return web.Response(text="Ignored")
        claim = await self.seen.claim(update_id)
        if claim == Claim.DONE:  # a redelivered copy of an update handled already (here or on another replica)
            return web.Response(text="Already handled")
        if claim == Claim.IN_PROGRESS:  # Telegram tries again later; by then the first copy is done or released
            return web.Response(status=503, text="Update is being handled", headers={"Retry-After": "5"})
        errors: list[BaseException] = []
        token = _update_errors.set(errors)
        started = time.perf_counter()
        try:
            result: TelegramMethod[Any] | None = await self.dispatcher.feed_webhook_update(bot, update, **self.data)
        except ValidationError:
            await self.seen.release(update_id)
            log.warning("rejected a webhook body that is not a valid update")
            return web.Response(status=400, text="Body is not a Telegram update")
        except BaseException as error:  # unanswered by the errors router (or cancelled): Telegram redelivers
            await self.seen.release(update_id)
            if isinstance(error, Exception):
                self._observe(update, started, [*errors, error])
            raise
        finally:
            _update_errors.reset(token)
        await self.seen.done(update_id)
        self._observe(update, started, errors)
        return web.Response(body=self._build_response_writer(bot=bot, result=result))

    @staticmethod
    def _observe(update: dict[str, Any], started: float, errors: list[BaseException]) -> None:
        """One metric sample and one log line per update. (A handler still running after aiogram's 55 s
        webhook timeout is moved to the background; it is observed as it stood then.)"""
        duration = time.perf_counter() - started
        outcome = "failed" if errors else "handled"
        telegram_updates_total.labels(outcome).inc()
        telegram_update_duration_seconds.observe(duration)
        fields: dict[str, Any] = {
            "update_id": update["update_id"],
            "kind": update_kind(update),
            "duration_ms": round(duration * 1000, 1),
            "outcome": outcome,
        }
        if errors:
            fields["error"] = type(errors[-1]).__name__
        log.info(
            "update %d (%s) %s in %.0fms",
            fields["update_id"],
            fields["kind"],
            outcome,
            fields["duration_ms"],
            extra=fields,
        )

    async def close(self) -> None:
        # The bot's session belongs to the entry module, which closes it after the dispatcher stops.
        return None


def update_kind(update: dict[str, Any]) -> str:
    """What an update is ("message", "callback_query"...), for the log: its first key but update_id, cut short
    (an unknown kind is whatever the sender chose to call it, a megabyte long if they like)."""
    kind = next((key for key in update if key in KNOWN_KINDS), None)
    kind = kind or next((key for key in update if key != "update_id"), "unknown")
    return kind if len(kind) <= MAX_KIND_CHARS else kind[:MAX_KIND_CHARS] + "…"


def _parse_update(body: bytes) -> Any:
    """The JSON body, with every lone UTF-16 surrogate ("\\ud800" with no partner: valid JSON, but no character)
    and every NUL replaced by U+FFFD, so a name or a text that holds one can be stored, logged and sent back like
    any other; and names, usernames and texts longer than Telegram's limits (a forged update) cut to them."""
    update = json.loads(body)
    if _NEEDS_CLEANING.search(body):  # only an escape can make a surrogate or a NUL: UTF-8 bytes cannot
        update = _storable(update)
    return update


def _storable(value: Any) -> Any:
    """`value` with the unstorable characters replaced in every string, keys included; iterative, for any depth."""

    def clean(item: Any) -> Any:
        if isinstance(item, str):
            return _UNSTORABLE.sub("\ufffd", item)
        if isinstance(item, dict):
            copy: dict[str, Any] = {}
            pending.append((item, copy))
            return copy
        if isinstance(item, list):
            items: list[Any] = []
            pending.append((item, items))
            return items
        return item

    pending: list[tuple[Any, Any]] = []
    root = clean(value)
    while pending:
        source, target = pending.pop()
        if isinstance(source, dict):
            for key, item in source.items():
                limit = TELEGRAM_LIMITS.get(key)
                target[clean(key)] = clean(item[:limit] if limit and isinstance(item, str) else item)
        else:
            target.extend(clean(item) for item in source)
    return root
