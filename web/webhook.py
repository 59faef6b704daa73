"""Telegram's webhook route: aiogram's handler, plus clean 4xx answers for bodies that are not updates."""

from __future__ import annotations

import json
import logging

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from pydantic import ValidationError

log = logging.getLogger(__name__)

MAX_UPDATE_BYTES = 1 << 20  # Telegram updates are a few KB; anything this big is not one


class TelegramWebhook(SimpleRequestHandler):
    """Handles each update inside the request, so a crash mid-update makes Telegram redeliver it,
    and a graceful shutdown waits for in-flight updates like for any other request."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, secret_token: str) -> None:
        super().__init__(dispatcher=dispatcher, bot=bot, handle_in_background=False, secret_token=secret_token)

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > MAX_UPDATE_BYTES:
            return web.Response(status=413, text="Update too large")
        try:
            update = json.loads(await request.read())
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return web.Response(status=400, text="Body is not JSON")
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            return web.Response(status=400, text="Body is not a Telegram update")
        try:
            result = await self.dispatcher.feed_webhook_update(bot, update, **self.data)
        except ValidationError:
            log.warning("rejected a webhook body that is not a valid update")
            return web.Response(status=400, text="Body is not a Telegram update")
        return web.Response(body=self._build_response_writer(bot=bot, result=result))

    async def close(self) -> None:
        # The bot's session belongs to the entry module, which closes it after the dispatcher stops.
        return None
