"""The fake servers the benchmarks run against: the tests' fakes, tuned for load.

- `BenchTelegram` keeps counts instead of every call (a benchmark makes hundreds of thousands), and can
  enforce Telegram's 30 messages/s itself, answering 429 with `retry_after` like the real API.
- `BenchGoated` serves a pre-encoded payload (so the fake's own JSON encoding is never timed), changes a
  share of the players when told (POST /control/change, untimed, so a sync has something to write), and can
  be slow.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.goated import AFFILIATE_CODE, FakeGoated, document, player
from tests.fakes.telegram import Failure, FakeTelegram

__all__ = ["AFFILIATE_CODE", "BenchGoated", "BenchTelegram", "players", "serve"]

# What Telegram counts against the bot's ~30 messages/s: messages it sends or edits.
LIMITED_METHODS = frozenset({"sendMessage", "sendPhoto", "editMessageText", "editMessageReplyMarkup", "copyMessage"})
KEEP_CALLS = 2_000  # the most recent calls, enough to read a reply's buttons


def players(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """A realistic affiliate: about 10% active with full-precision floats, the rest zeros (some all-time)."""
    rng = random.Random(seed or n)
    rows = []
    for i in range(n):
        if rng.random() < 0.10:
            month = rng.uniform(1, 200_000)
            rows.append(
                player(
                    f"uid{i:08d}",
                    f"Player{i}",
                    round(month / 30, 5),
                    round(month / 4, 5),
                    round(month, 5),
                    round(month * 3.3, 5),
                )
            )
        else:
            rows.append(
                player(
                    f"uid{i:08d}", f"Player{i}", all_time=round(rng.uniform(0, 5000), 4) if rng.random() < 0.3 else 0
                )
            )
    return rows


@dataclass
class BenchTelegram(FakeTelegram):
    rate_limit: float | None = None  # messages a second; None: no limit
    counts: Counter = field(default_factory=Counter)  # calls per method, accepted or not
    too_many: int = 0  # 429 answers given
    delivered_to: Counter = field(default_factory=Counter)  # accepted sendMessage per chat id
    delivery_times: list[float] = field(default_factory=list)  # monotonic time of each accepted sendMessage
    _tokens: float = 0.0
    _refilled: float = 0.0

    def limit(self, per_second: float | None) -> None:
        """A token bucket of `per_second` tokens refilled at `per_second` a second: at most that many in any
        second, and that many a second sustained. Starts full, like an idle bot's."""
        self.rate_limit, self._tokens, self._refilled = per_second, per_second or 0.0, time.monotonic()

    def reset_counts(self) -> None:
        self.counts.clear()
        self.delivered_to.clear()
        self.delivery_times.clear()
        self.too_many = 0

    def _failure_for(self, method: str, params: dict[str, Any]) -> Failure | None:
        failure = super()._failure_for(method, params)
        if failure is None and self.rate_limit and method in LIMITED_METHODS:
            now = time.monotonic()
            self._tokens = min(self.rate_limit, self._tokens + (now - self._refilled) * self.rate_limit)
            self._refilled = now
            if self._tokens < 1:
                self.too_many += 1
                wait = math.ceil((1 - self._tokens) / self.rate_limit)  # whole seconds, as Telegram says
                return Failure(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
            self._tokens -= 1
        return failure

    async def _handle(self, request: web.Request) -> web.Response:
        response = await super()._handle(request)
        call = self.calls[-1]  # appended by the call above, with no await since: this request's
        self.counts[call.method] += 1
        if call.ok and call.method == "sendMessage":
            self.delivered_to[int(call.params.get("chat_id", 0))] += 1
            self.delivery_times.append(time.monotonic())
        if len(self.calls) > 2 * KEEP_CALLS:
            del self.calls[:-KEEP_CALLS]
        return response


@dataclass
class BenchGoated(FakeGoated):
    delay: float = 0.0  # seconds before each answer (the real upstream takes 8-14 s)
    served: int = 0
    _body: bytes = b""
    _rng: random.Random = field(default_factory=lambda: random.Random(7))

    def set_players(self, rows: list[dict[str, Any]]) -> None:
        self.players = rows
        self._encode()

    def change(self, share: float) -> int:
        """Give `share` of the players a new `today` figure (float noise, as the real API sends)."""
        picked = self._rng.sample(range(len(self.players)), int(len(self.players) * share))
        for index in picked:
            self.players[index]["wagered"]["today"] = round(self._rng.uniform(1, 500), 5)
        self._encode()
        return len(picked)

    def app(self) -> web.Application:
        app = super().app()
        app.router.add_post("/control/change", self._control_change)  # the sync benchmark's "5% changed"
        return app

    async def _control_change(self, request: web.Request) -> web.Response:
        return web.json_response({"changed": self.change(float(request.query.get("share", "0.05")))})

    def _encode(self) -> None:
        self._body = json.dumps(document(self.players)).encode()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["code"] != AFFILIATE_CODE:
            return web.json_response({"success": False, "message": "Not found"}, status=404)
        self.served += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        return web.Response(body=self._body, content_type="application/json")


async def serve(app: web.Application, port: int = 0) -> tuple[web.AppRunner, int]:
    """Start `app` on loopback; return its runner (to clean up) and its port."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
