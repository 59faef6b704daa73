"""The JSON API. Money is a two-decimal string, never a float."""

from __future__ import annotations

import re

from aiohttp import web

from models.leaderboard import Period
from models.money import money_str
from web.keys import LEADERBOARDS, SETTINGS

MAX_LIMIT = 100


def _bad_request(message: str) -> web.Response:
    return web.json_response({"error": message}, status=400)


async def leaderboard(request: web.Request) -> web.Response:
    period_text = request.query.get("period", Period.MONTH.value)
    period = Period.parse(period_text)
    if period is None:
        return _bad_request("period must be one of: today, week, month, all_time")
    limit_text = request.query.get("limit", "10")
    if not re.fullmatch(r"[0-9]{1,3}", limit_text) or not 1 <= int(limit_text) <= MAX_LIMIT:
        return _bad_request(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    leaderboards = request.app[LEADERBOARDS]
    updated_at = await leaderboards.updated_at()
    entries = await leaderboards.top(period, int(limit_text))
    return web.json_response({
        "period": period.value,
        "updated_at": updated_at.isoformat() if updated_at else None,
        "demo": request.app[SETTINGS].uses_demo_data,
        "entries": [
            {"rank": e.rank, "uid": e.uid, "name": e.name, "wagered": money_str(e.wagered)} for e in entries
        ],
    })
