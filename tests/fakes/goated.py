"""A fake Goated affiliate API: `GET /user/affiliate/referral-leaderboard/{code}` in the real shape,
and on demand slow, failing, expired-token, rate-limited, non-JSON, `success: false` and empty answers."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

AFFILIATE_CODE = "GOATEDVIPS"


def player(
    uid: str,
    name: str,
    today: float | int = 0,
    week: float | int = 0,
    month: float | int = 0,
    all_time: float | int = 0,
) -> dict[str, Any]:
    return {
        "uid": uid,
        "name": name,
        "wagered": {"today": today, "this_week": week, "this_month": month, "all_time": all_time},
    }


def document(players: list[dict[str, Any]]) -> dict[str, Any]:
    today = sum(p["wagered"]["today"] for p in players)
    week = sum(p["wagered"]["this_week"] for p in players)
    return {"success": True, "data": players, "today": round(today, 2), "this_week": round(week, 2)}


@dataclass
class Answer:
    status: int = 200
    body: bytes | None = None  # None: the current document
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class FakeGoated:
    players: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, str]] = field(default_factory=list)  # headers of each request
    script: list[Answer] = field(default_factory=list)  # answers to give first, in order
    required_token: str | None = None  # when set, any other bearer token (or none) gets a 401, as an expired one

    def then(self, *answers: Answer) -> None:
        self.script.extend(answers)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/user/affiliate/referral-leaderboard/{code}", self._handle)
        return app

    async def _handle(self, request: web.Request) -> web.Response:
        self.requests.append(dict(request.headers))
        if request.match_info["code"] != AFFILIATE_CODE:
            return web.json_response({"success": False, "message": "Not found"}, status=404)
        if self.required_token is not None and request.headers.get("Authorization") != f"Bearer {self.required_token}":
            return web.json_response({"success": False, "message": "Unauthorized"}, status=401)
        answer = self.script.pop(0) if self.script else Answer()
        if answer.delay:
            await asyncio.sleep(answer.delay)
        body = answer.body if answer.body is not None else json.dumps(document(self.players)).encode()
        return web.Response(status=answer.status, body=body, headers=answer.headers, content_type="application/json")


# Ready-made misbehaviours.
SERVER_ERROR = Answer(status=500, body=b'{"success":false,"message":"Internal Server Error"}')
EXPIRED_TOKEN = Answer(status=401, body=b'{"success":false,"message":"Unauthorized"}')
NOT_JSON = Answer(status=200, body=b"<html><body>Cloudflare: checking your browser</body></html>")
NOT_SUCCESS = Answer(status=200, body=b'{"success":false,"message":"temporarily unavailable"}')
EMPTY = Answer(status=200, body=b'{"success":true,"data":[]}')


def rate_limited(retry_after: str = "0") -> Answer:
    return Answer(status=429, body=b'{"success":false}', headers={"Retry-After": retry_after})


def slow(seconds: float) -> Answer:
    return Answer(delay=seconds)
