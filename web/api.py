"""The JSON API, described in web/openapi.json. Money is a two-decimal string, never a float. Every answer
carries an ETag (a hash of its bytes) and a short cache lifetime; a matching If-None-Match gets 304."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from models import clock
from models.leaderboard import Period
from web.answers import KEPT, FinishedAnswer, etag_matches
from web.keys import LEADERBOARDS, SETTINGS
from web.race_page import (
    MAX_FIND,
    clock_moves_on,
    custom_by_id,
    custom_race_view,
    finished_custom_list,
    focus,
    found_view,
    goal_view,
    page_race,
    running_views,
)
from web.view import board_view, finished_by_id, finished_view, player_view, races_list

MAX_LIMIT = 100
FOREVER = datetime.max.replace(tzinfo=UTC)
CACHE_SECONDS = 15  # the data changes once per sync; a short lifetime keeps a busy group's clicks cheap
OPENAPI = Path(__file__).resolve().parent / "openapi.json"


def _bad_request(message: str) -> web.Response:
    return web.json_response({"error": message}, status=400)


def _not_found(message: str) -> web.Response:
    return web.json_response({"error": message}, status=404)


JSON = "application/json; charset=utf-8"
API_HEADERS = (("Cache-Control", f"public, max-age={CACHE_SECONDS}"),)


def _finished_json(body: Any) -> FinishedAnswer:
    return FinishedAnswer(json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode(), JSON, API_HEADERS)


def cached_json(request: web.Request, body: Any) -> web.Response:
    data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    etag = '"' + hashlib.blake2b(data, digest_size=16).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={CACHE_SECONDS}"}
    if etag_matches(request.headers.get("If-None-Match", ""), etag):
        return web.Response(status=304, headers=headers)
    return web.Response(body=data, content_type="application/json", charset="utf-8", headers=headers)


_LIMIT = re.compile(r"[0-9]{1,3}")


async def leaderboard(request: web.Request) -> web.Response:
    """A board's top rows. Without `find`, the same for everyone: kept as finished bytes with the boards
    (web/answers.py), per period and limit."""
    period = Period.parse(request.query.get("period", Period.MONTH.value))
    if period is None:
        return _bad_request("period must be one of: today, week, month, all_time")
    limit_text = request.query.get("limit", "10")
    if not _LIMIT.fullmatch(limit_text) or not 1 <= int(limit_text) <= MAX_LIMIT:
        return _bad_request(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    leaderboards, settings, limit = request.app[LEADERBOARDS], request.app[SETTINGS], int(limit_text)
    find = request.query.get("find")
    if find is None:
        kept, held, now = request.app[KEPT], ("board", period, limit), clock.now()
        answer = kept.get(held, now)
        if answer is None:
            generation = kept.generation

            async def build() -> FinishedAnswer:
                return _finished_json(await board_view(leaderboards, settings, period, limit))

            answer = await leaderboards.cached(f"api:leaderboard:{period.value}:{limit}", build)
            kept.put(held, answer, now, FOREVER, generation)  # a board changes with the boards only
        return answer.answer(request)
    # "find me": that player's entry too, wherever they rank
    if not find.strip() or len(find) > MAX_FIND:
        return _bad_request(f"find must be a player's name, 1 to {MAX_FIND} characters")
    body = await board_view(leaderboards, settings, period, limit)
    body["found"] = await found_view(leaderboards, settings, find, period)
    return cached_json(request, body)


async def current_race(request: web.Request) -> web.Response:
    """The race the page is about, with its state (upcoming, live, finalising, finished) and month; kept as finished
    bytes with the boards, per race, state and day (what changes with the clock alone)."""
    leaderboards, settings, kept = request.app[LEADERBOARDS], request.app[SETTINGS], request.app[KEPT]
    now = clock.now()
    answer = kept.get(("race",), now)
    if answer is not None:
        return answer.answer(request)
    generation = kept.generation
    seen = await focus(leaderboards, settings, now)

    async def build() -> FinishedAnswer:
        race = await page_race(leaderboards, settings)
        # These change every second, so no answer could ever be revalidated: count to ends_at (with the Date header).
        del race["seconds_left"], race["now"]
        if race["next"] is not None:
            del race["next"]["seconds_left"]
        race["goal"] = await goal_view(leaderboards, settings)
        return _finished_json(race)

    key = f"api:race:{seen.race.month}:{seen.state}:{seen.race.day_start(now).isoformat()}"
    answer = await leaderboards.cached(key, build)
    kept.put(("race",), answer, now, clock_moves_on(seen, now), generation)
    return answer.answer(request)


async def races(request: web.Request) -> web.Response:
    """The finished monthly races, and (`other_races`) the finished weekly and custom ones."""
    return cached_json(request, {"races": await races_list(), "other_races": await finished_custom_list()})


async def current_races(request: web.Request) -> web.Response:
    """Every running race: the main (monthly) one as `/api/race/current` shows it, and the others."""
    main = await page_race(request.app[LEADERBOARDS], request.app[SETTINGS])
    del main["seconds_left"], main["now"]
    if main["next"] is not None:
        del main["next"]["seconds_left"]
    return cached_json(
        request, {"main": main, "others": await running_views(request.app[LEADERBOARDS], request.app[SETTINGS])}
    )


async def custom_race(request: web.Request) -> web.Response:
    found = await custom_by_id(request.match_info["id"])
    if found is None:
        return _not_found("no weekly or custom race with that id")
    return cached_json(request, await custom_race_view(found, request.app[SETTINGS]))


async def race(request: web.Request) -> web.Response:
    found = await finished_by_id(request.match_info["id"])
    if found is None:
        return _not_found("no finished race with that id")
    return cached_json(request, await finished_view(found, request.app[SETTINGS]))


async def player(request: web.Request) -> web.Response:
    uid = request.match_info["uid"]
    found = await player_view(uid, request.app[LEADERBOARDS], request.app[SETTINGS]) if len(uid) <= 64 else None
    if found is None:
        return _not_found("no player with that uid")
    return cached_json(request, found)


async def openapi(request: web.Request) -> web.FileResponse:
    return web.FileResponse(OPENAPI, headers={"Content-Type": "application/json"})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/leaderboard", leaderboard)
    app.router.add_get("/api/race/current", current_race)
    app.router.add_get("/api/races", races)
    app.router.add_get("/api/races/current", current_races)  # before /api/races/{id}, which it would match
    app.router.add_get("/api/races/custom/{id}", custom_race)
    app.router.add_get("/api/races/{id}", race)
    app.router.add_get("/api/players/{uid}", player)
    app.router.add_get("/api/openapi.json", openapi)
