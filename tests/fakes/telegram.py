"""A fake Telegram Bot API server: records every call, answers like Telegram, fails on demand.

Reached by the bot through TELEGRAM_API_URL (aiogram's `TelegramAPIServer.from_base`).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "GoatedVIPs",
    "username": "goatedvips_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str
    ok: bool = True  # False when the fake answered with an error

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def __contains__(self, key: str) -> bool:
        return key in self.params


# The tags Telegram's HTML parse mode accepts; any other `<word>` fails the whole message with 400.
TELEGRAM_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
}


def unsupported_tag(text: str) -> str | None:
    """The first tag Telegram would refuse, as its parser reads `<` followed by a name."""
    for match in re.finditer(r"</?([^\s>/]+)", text):
        if match.group(1).lower() not in TELEGRAM_TAGS:
            return match.group(1)
    return None


def visible_length(text: str, parse_mode: str | None) -> int:
    """The length Telegram checks against its 4,096-character limit: the text after parsing markup,
    in UTF-16 code units."""
    if parse_mode == "HTML":
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Failure:
    status: int
    description: str
    retry_after: int | None = None


@dataclass
class FakeTelegram:
    calls: list[Call] = field(default_factory=list)
    _failures: dict[str, list[Failure]] = field(default_factory=dict)
    _chat_failures: dict[int, list[Failure]] = field(default_factory=dict)
    blocked_chats: set[int] = field(default_factory=set)  # users who blocked the bot: every send answers 403
    _updates: asyncio.Queue = field(default_factory=asyncio.Queue)
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    _call_event: asyncio.Event = field(default_factory=asyncio.Event)
    delays: dict[str, float] = field(default_factory=dict)  # method -> seconds before answering (a slow Telegram)
    # getWebhookInfo's answer: the URL last set with setWebhook, plus whatever a test puts here
    # (pending_update_count, last_error_date, last_error_message).
    webhook_info: dict[str, Any] = field(default_factory=dict)
    accepted_token: str | None = None  # when set, any other bot token gets 401 Unauthorized, as on Telegram
    # What the bot sent, by (chat id, message id): "text" or "photo", so an edit of the wrong kind fails as on
    # Telegram; deleted ones fail every edit. Messages the fake never sent (a test's own ids) may be edited freely.
    _kinds: dict[tuple[int, int], str] = field(default_factory=dict)
    _deleted: set[tuple[int, int]] = field(default_factory=set)

    # ---- what tests use ----

    def sent(self, method: str = "sendMessage") -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def delivered(self, method: str = "sendMessage") -> list[Call]:
        """Calls of `method` that Telegram accepted."""
        return [c for c in self.calls if c.method == method and c.ok]

    def fail_chat(
        self, chat_id: int, status: int, description: str, retry_after: int | None = None, times: int = 1
    ) -> None:
        """The next `times` sends to this chat fail (sendMessage, sendPhoto)."""
        self._chat_failures.setdefault(chat_id, []).extend(
            Failure(status, description, retry_after) for _ in range(times)
        )

    def fail_next(
        self, method: str, status: int, description: str, retry_after: int | None = None, times: int = 1
    ) -> None:
        self._failures.setdefault(method, []).extend(Failure(status, description, retry_after) for _ in range(times))

    def delete_message(self, chat_id: int, message_id: int) -> None:
        """Someone in the chat deleted the bot's message: editing it fails from now on, as on Telegram."""
        self._kinds.pop((chat_id, message_id), None)
        self._deleted.add((chat_id, message_id))

    def push_update(self, update: dict) -> None:
        self._updates.put_nowait(update)

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while len(self.sent(method)) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} {method} call(s), got {len(self.sent(method))}: {self.calls}")
            self._call_event.clear()
            with contextlib.suppress(TimeoutError):  # the loop checks the count and the deadline again
                await asyncio.wait_for(self._call_event.wait(), remaining)
        return self.sent(method)

    # ---- the server ----

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        return app

    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params = await self._params(request)
        call = Call(method, params, token)
        self.calls.append(call)
        if self.accepted_token is not None and token != self.accepted_token:
            call.ok = False
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        self._call_event.set()
        if method in self.delays:
            await asyncio.sleep(self.delays[method])
        failure = self._failure_for(method, params)
        if failure is not None:
            call.ok = False
            body: dict[str, Any] = {"ok": False, "error_code": failure.status, "description": failure.description}
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return web.json_response(body, status=failure.status)
        if method == "getUpdates":
            return await self._get_updates(params)
        result = self._result(method, params)
        self._track(method, params, result)
        return web.json_response({"ok": True, "result": result})

    def _track(self, method: str, params: dict[str, Any], result: Any) -> None:
        if method in ("sendMessage", "sendPhoto"):
            self._kinds[(int(result["chat"]["id"]), result["message_id"])] = (
                "text" if method == "sendMessage" else "photo"
            )
        elif method == "deleteMessage":
            key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
            self._kinds.pop(key, None)
            self._deleted.add(key)

    def _edit_failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        """An edit Telegram refuses: of a deleted message, or of the wrong kind (text vs caption)."""
        key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
        if key in self._deleted:
            what = "delete" if method == "deleteMessage" else "edit"
            return Failure(400, f"Bad Request: message to {what} not found")
        kind = self._kinds.get(key)
        if method == "editMessageText" and kind == "photo":
            return Failure(400, "Bad Request: there is no text in the message to edit")
        if method == "editMessageCaption" and kind == "text":
            return Failure(400, "Bad Request: there is no caption in the message to edit")
        return None

    def _failure_for(self, method: str, params: dict[str, Any]) -> Failure | None:
        if params.get("parse_mode") == "HTML" and (
            bad := unsupported_tag(params.get("text") or params.get("caption") or "")
        ):
            return Failure(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{bad}"')
        if (
            method in ("sendMessage", "editMessageText")
            and visible_length(params.get("text") or "", params.get("parse_mode")) > 4096
        ):
            return Failure(400, "Bad Request: message is too long")
        if (
            method in ("sendPhoto", "editMessageCaption")
            and visible_length(params.get("caption") or "", params.get("parse_mode")) > 1024
        ):
            return Failure(400, "Bad Request: message caption is too long")
        if (method.startswith("edit") or method == "deleteMessage") and (
            edit_failure := self._edit_failure(method, params)
        ):
            return edit_failure
        if method in ("sendMessage", "sendPhoto"):
            chat_id = int(params.get("chat_id", 0))
            if chat_id in self.blocked_chats:
                return Failure(403, "Forbidden: bot was blocked by the user")
            if self._chat_failures.get(chat_id):
                return self._chat_failures[chat_id].pop(0)
        failures = self._failures.get(method)
        return failures.pop(0) if failures else None

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
                params[f"{key}_bytes"] = value.file.read()  # an upload's content (a drawn picture, say)
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
        message = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": chat,
            "from": {k: BOT_USER[k] for k in ("id", "is_bot", "first_name", "username")},
        }
        if "text" in params:
            message["text"] = params["text"]
        if "photo" in params:
            message["photo"] = [{"file_id": str(params["photo"]), "file_unique_id": "u1", "width": 90, "height": 90}]
        if "caption" in params or "photo" in params:
            message["caption"] = params.get("caption", "")
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "editMessageText", "sendPhoto", "editMessageCaption"):
            return self._message(params)
        if method == "sendDocument":  # a message with the document, as Telegram answers
            document = {"file_id": "doc1", "file_unique_id": "doc1"}
            return {**self._message(params), "document": document, "caption": params.get("caption", "")}
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0, **self.webhook_info}
        if method == "setWebhook":
            self.webhook_info["url"] = params.get("url", "")
        if method == "deleteWebhook":
            self.webhook_info.pop("url", None)
        return True  # setWebhook, deleteWebhook, setMyCommands, answerCallbackQuery, ...

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        timeout = min(float(params.get("timeout") or 0), 0.5)  # long poll, short enough for tests
        updates = []
        with contextlib.suppress(TimeoutError, asyncio.QueueEmpty):  # no update yet: an empty answer
            updates.append(
                await asyncio.wait_for(self._updates.get(), timeout) if timeout else self._updates.get_nowait()
            )
        while not self._updates.empty():
            updates.append(self._updates.get_nowait())
        return web.json_response({"ok": True, "result": updates})
