"""Telegram Update JSON as Telegram sends it to the webhook."""

from __future__ import annotations

import itertools
import time
from typing import Any

_update_ids = itertools.count(10_000)
_message_ids = itertools.count(1)


def telegram_user(
    user_id: int = 111, first_name: str = "Alice", username: str | None = "alice", language_code: str | None = "en"
) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def chat(chat_id: int, kind: str = "private") -> dict[str, Any]:
    return {"id": chat_id, "type": kind, **({"title": "Goated VIPs"} if kind != "private" else {"first_name": "Alice"})}


def message(
    text: str,
    user: dict[str, Any] | None = None,
    chat_id: int | None = None,
    chat_type: str = "private",
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    user = user or telegram_user()
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat(chat_id if chat_id is not None else user["id"], chat_type),
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        command = text.split()[0]
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    if entities:
        body["entities"] = body.get("entities", []) + entities
    return {"update_id": next(_update_ids), "message": body}


def callback(
    data: str, message_id: int, user: dict[str, Any] | None = None, chat_id: int | None = None, text: str = "…"
) -> dict[str, Any]:
    user = user or telegram_user()
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": user,
            "chat_instance": "-1",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": chat(chat_id if chat_id is not None else user["id"]),
                "from": {"id": 7000000001, "is_bot": True, "first_name": "GoatedVIPs"},
                "text": text,
            },
        },
    }


def photo_message(
    file_id: str, user: dict[str, Any] | None = None, caption: str | None = None, chat_id: int | None = None
) -> dict[str, Any]:
    """A photo sent to the bot, as Telegram delivers it: its sizes, the largest last, and an optional caption."""
    update = message("", user=user, chat_id=chat_id)
    body = update["message"]
    del body["text"]
    body["photo"] = [
        {
            "file_id": f"{file_id}-small",
            "file_unique_id": f"{file_id}-s",
            "width": 90,
            "height": 160,
            "file_size": 3000,
        },
        {"file_id": file_id, "file_unique_id": f"{file_id}-l", "width": 720, "height": 1280, "file_size": 90000},
    ]
    if caption:
        body["caption"] = caption
    return update
