"""A fake Telegram Bot API server: records every call, answers like Telegram, fails on demand.

Reached by the bot through TELEGRAM_API_URL (aiogram's `TelegramAPIServer.from_base`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "GoatedVIPs", "username": "goatedvips_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def __contains__(self, key: str) -> bool:
        return key in self.params


@dataclass
class Failure:
    status: int
    description: str
    retry_after: int | None = None


@dataclass
class FakeTelegram:
    calls: list[Call] = field(default_factory=list)
    _failures: dict[str, list[Failure]] = field(default_factory=dict)
    _updates: asyncio.Queue = field(default_factory=asyncio.Queue)
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    _call_event: asyncio.Event = field(default_factory=asyncio.Event)

    # ---- what tests use ----

    def sent(self, method: str = "sendMessage") -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def fail_next(self, method: str, status: int, description: str, retry_after: int | None = None, times: int = 1) -> None:
        self._failures.setdefault(method, []).extend(Failure(status, description, retry_after) for _ in range(times))

    def push_update(self, update: dict) -> None:
        self._updates.put_nowait(update)

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while len(self.sent(method)) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} {method} call(s), got {len(self.sent(method))}: {self.calls}")
            self._call_event.clear()
            try:
                await asyncio.wait_for(self._call_event.wait(), remaining)
            except TimeoutError:
                pass
        return self.sent(method)

    # ---- the server ----

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        return app

    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params = await self._params(request)
        self.calls.append(Call(method, params, token))
        self._call_event.set()
        failures = self._failures.get(method)
        if failures:
            failure = failures.pop(0)
            body: dict[str, Any] = {"ok": False, "error_code": failure.status, "description": failure.description}
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return web.json_response(body, status=failure.status)
        if method == "getUpdates":
            return await self._get_updates(params)
        return web.json_response({"ok": True, "result": self._result(method, params)})

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if isinstance(value, str):
                try:
                    params[key] = json.loads(value)  # aiogram sends complex fields as JSON strings
                except ValueError:
                    params[key] = value
            else:
                params[key] = value.filename
        # Text fields must stay text even when they look like JSON ("42", "true").
        for key in ("text", "caption", "secret_token", "url", "callback_query_id", "chat_id"):
            if key in form and isinstance(form[key], str):
                params[key] = form[key]
        return params

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 0))
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        if chat_id < 0:
            chat["title"] = "Test group"
        message = {"message_id": int(params.get("message_id") or next(self._message_ids)), "date": int(time.time()),
                   "chat": chat, "from": {k: BOT_USER[k] for k in ("id", "is_bot", "first_name", "username")}}
        if "text" in params:
            message["text"] = params["text"]
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "editMessageText", "sendPhoto"):
            return self._message(params)
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # setWebhook, deleteWebhook, setMyCommands, answerCallbackQuery, ...

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        timeout = min(float(params.get("timeout") or 0), 0.5)  # long poll, short enough for tests
        updates = []
        try:
            updates.append(await asyncio.wait_for(self._updates.get(), timeout) if timeout else self._updates.get_nowait())
        except (TimeoutError, asyncio.QueueEmpty):
            pass
        while not self._updates.empty():
            updates.append(self._updates.get_nowait())
        return web.json_response({"ok": True, "result": updates})
