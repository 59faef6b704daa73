"""The public page, its JSON API (checked against the OpenAPI document) and the live socket."""

from __future__ import annotations

import gzip as gz
import json
import pickle
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import jsonschema
import pytest
from babel.dates import format_datetime

from models import clock
from models.events import EventBus, RaceEdited
from models.leaderboard import Leaderboards
from models.race import race_at
from models.tables import Player, TelegramUser
from tests.fakes.goated import player
from tests.support import PLAYERS, sign, widget_fields
from web import login
from web.answers import FinishedAnswer, Kept

OPENAPI = json.loads((Path(__file__).resolve().parent.parent / "web" / "openapi.json").read_text())


def check(body: dict, path: str, status: str = "200") -> None:
    """The answer matches the OpenAPI document's schema for that path and status."""
    response = OPENAPI["paths"][path]["get"]["responses"][status]
    schema = response["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({**schema, "components": OPENAPI["components"]}).validate(body)


async def test_every_api_answer_matches_the_openapi_document(race_app):
    app = await race_app()
    client = app.client
    assert (await (await client.get("/api/openapi.json")).json())["openapi"] == "3.1.0"
    board = await (await client.get("/api/leaderboard?period=all_time&limit=3")).json()
    check(board, "/api/leaderboard")
    assert board["entries"][0] == {"rank": 1, "uid": "u1", "name": "LuckyGoat42", "wagered": "5000.00"}
    check(await (await client.get("/api/leaderboard?period=decade")).json(), "/api/leaderboard", "400")

    race = await (await client.get("/api/race/current")).json()
    check(race, "/api/race/current")
    assert [(e["name"], e["wagered"], e["prize"]) for e in race["entries"]][:2] == [
        ("LuckyGoat42", "900.50", "200.00"),
        ("NightOwl77", "500.00", "100.00"),
    ]  # the default $500 pool, 40 % and 20 %
    assert race["prize_pool"] == "500.00" and race["players"] == 3

    player_body = await (await client.get("/api/players/u2")).json()
    check(player_body, "/api/players/{uid}")
    assert player_body["wagered"] == {"today": "20.00", "week": "200.00", "month": "500.00", "all_time": "900.00"}
    assert player_body["race"]["rank"] == 2
    missing = await client.get("/api/players/nobody")
    assert missing.status == 404
    check(await missing.json(), "/api/players/{uid}", "404")

    check(await (await client.get("/api/races")).json(), "/api/races")
    assert (await client.get("/api/races/999999999999")).status == 404
    clock.set_now(clock.now() + timedelta(days=40))  # past the race's end: the race job finalises it
    await app.runtime.races.tick()
    races = (await (await client.get("/api/races")).json())["races"]
    finished = await (await client.get(f"/api/races/{races[0]['id']}")).json()
    check(finished, "/api/races/{id}")
    assert finished["results"][0]["name"] == "LuckyGoat42" and finished["results"][0]["prize"] == "200.00"


async def test_api_answers_carry_an_etag_and_a_match_gets_304(race_app):
    app = await race_app()
    first = await app.client.get("/api/race/current")
    etag = first.headers["ETag"]
    assert "max-age" in first.headers["Cache-Control"]
    clock.set_now(clock.now() + timedelta(seconds=7))  # time passing alone changes nothing a client caches
    again = await app.client.get("/api/race/current", headers={"If-None-Match": etag})
    assert again.status == 304 and await again.read() == b""
    app.goated.players = [player("u2", "NightOwl77", 20, 200, 1500, 1900), *PLAYERS[::2]]
    await app.sync()
    changed = await app.client.get("/api/race/current", headers={"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["ETag"] != etag
    assert (await changed.json())["entries"][0]["name"] == "NightOwl77"


def countdown_end(page: str) -> str:
    return page.split('<time id="countdown" datetime="')[1].split('"')[0]


async def test_the_page_is_kept_as_finished_bytes_until_the_boards_change(race_app):
    app = await race_app()
    first = await app.client.get("/")
    page, etag = await first.text(), first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"  # kept by the browser, asked again: 304 while the same
    await Player.filter(uid="u1").update(name="Renamed")  # behind the boards' back: the kept page does not see it
    clock.set_now(clock.now() + timedelta(minutes=1))

    later = await app.client.get("/")
    assert await later.text() == page and later.headers["ETag"] == etag  # the clock is the browser's
    assert "LuckyGoat42" in page and "Renamed" not in page
    again = await app.client.get("/", headers={"If-None-Match": etag})
    assert again.status == 304 and await again.read() == b"" and again.headers["ETag"] == etag
    spanish = await app.client.get("/?lang=es", headers={"If-None-Match": etag})  # each language has its own tag
    assert spanish.status == 200 and spanish.headers["ETag"] != etag and "LuckyGoat42" in await spanish.text()
    today = await app.client.get("/?period=today", headers={"If-None-Match": etag})  # and each tab
    assert today.status == 200 and today.headers["ETag"] not in (etag, spanish.headers["ETag"])

    app.goated.players = [player("u1", "Renamed", 10, 100, 900.5, 5000), *PLAYERS[1:]]
    await app.sync()  # the boards change: every kept page goes
    changed = await app.client.get("/", headers={"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["ETag"] != etag and "Renamed" in await changed.text()
    assert "Renamed" in await (await app.client.get("/?lang=es")).text()


async def test_kept_answers_go_with_every_event_of_the_boards(race_app):
    """Not only a sync: new prizes, exclusions or rules (RaceEdited) and a race's end (RaceFinished), here or on
    another replica, drop the page and the API answers this process keeps."""
    app = await race_app()
    page = await (await app.client.get("/")).text()
    board = await (await app.client.get("/api/leaderboard?period=all_time")).json()
    await Player.filter(uid="u1").update(name="Renamed")  # behind the boards' back
    assert await (await app.client.get("/")).text() == page
    await app.runtime.bus.publish(RaceEdited(race_at(clock.now()).month))
    assert "Renamed" in await (await app.client.get("/")).text()
    again = await (await app.client.get("/api/leaderboard?period=all_time")).json()
    assert again != board and again["entries"][0]["name"] == "Renamed"


def test_a_copy_read_from_the_shared_cache_is_not_kept_in_the_process():
    """With several replicas another one may have built the copy from the rows before a sync and written it to
    Redis after this replica heard of the sync: only what this process built is kept past the shared cache."""
    kept, now = Kept(max_age=600), datetime(2026, 11, 20, tzinfo=UTC)
    kept.listen(EventBus(), Leaderboards())
    built = FinishedAnswer(b"<p>the race</p>" * 100, "text/html")
    copy = pickle.loads(pickle.dumps(built))  # what aiocache's Redis backend hands back
    assert (copy.body, copy.gzipped, copy.etag, copy.zipped) == (built.body, built.gzipped, built.etag, built.zipped)
    kept.put("page", copy, now, now + timedelta(hours=1), kept.generation)
    assert kept.get("page", now) is None
    kept.put("page", built, now, now + timedelta(hours=1), kept.generation)
    assert kept.get("page", now) is built


async def test_the_gzip_form_is_built_once_and_revalidates_too(race_app):
    app = await race_app()
    gzip = {"Accept-Encoding": "gzip"}
    zipped = await app.client.get("/", headers=gzip, auto_decompress=False)
    plain = await app.client.get("/", headers={"Accept-Encoding": "identity"})
    assert zipped.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in zipped.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    assert zipped.headers["ETag"] == "W/" + plain.headers["ETag"]  # other bytes, the same page: a weak tag
    assert gz.decompress(await zipped.read()) == await plain.read()
    for tag in (zipped.headers["ETag"], plain.headers["ETag"]):  # If-None-Match compares weakly
        for headers in (gzip, {"Accept-Encoding": "identity"}):
            assert (await app.client.get("/", headers=headers | {"If-None-Match": tag})).status == 304


async def test_the_page_states_the_end_and_the_last_update_for_the_browser_to_count(race_app):
    app = await race_app()
    page = await (await app.client.get("/")).text()
    race = await (await app.client.get("/api/race/current")).json()
    # Without JavaScript: the end (in the dates line; the countdown shows with live.js) and the update as dates.
    end = format_datetime(datetime.fromisoformat(race["ends_at"]), "medium", tzinfo=UTC, locale="en")
    updated = format_datetime(datetime.fromisoformat(race["updated_at"]), "medium", tzinfo=UTC, locale="en")
    assert f"{end} UTC</time>" in page and f"Updated {updated} UTC" in page
    # For live.js: the same instants, machine-readable.
    assert countdown_end(page) == race["ends_at"] and f'data-updated-at="{race["updated_at"]}"' in page
    assert '<p class="countdown" id="clock" hidden>' in page  # the dates line states this end already
    spanish = await (await app.client.get("/?lang=es")).text()
    assert 'data-label="Termina en"' in spanish


async def test_a_personal_page_is_rendered_for_the_request_and_private(race_app):
    app = await race_app()
    found = await app.client.get("/?player=NightOwl77")
    assert found.headers["Cache-Control"] == "private" and "ETag" not in found.headers
    assert 'class="podium me"' in (await found.text()).split("<tbody>")[1]
    assert " me" not in (await (await app.client.get("/")).text()).split("<tbody>")[1]


async def test_a_page_before_the_first_sync_says_it_waits_for_it(app_with):
    app = await app_with()
    page = await (await app.client.get("/")).text()
    assert "Waiting for the first update…" in page and 'data-updated-at=""' in page


async def test_names_are_masked_by_default_everywhere(race_app):
    app = await race_app(name_display="masked")
    page = await (await app.client.get("/")).text()
    assert "Luck***42" in page and "LuckyGoat42" not in page
    race = await (await app.client.get("/api/race/current")).json()
    assert [e["name"] for e in race["entries"]] == ["Luck***42", "Nigh***77", "<scr***ve"]
    assert (await (await app.client.get("/api/players/u1")).json())["name"] == "Luck***42"


async def test_names_with_markup_are_text_on_the_page(race_app):
    app = await race_app()
    page = await (await app.client.get("/")).text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Eve" in page
    assert "<b>Eve" not in await (await app.client.get("/?period=all_time")).text()


async def test_the_page_has_period_tabs_and_a_countdown(race_app):
    app = await race_app()
    page = await (await app.client.get("/?lang=es")).text()
    assert 'aria-current="page">Este mes' in page and '<time id="countdown" datetime="' in page
    today = await (await app.client.get("/?period=today")).text()
    assert 'href="?period=today" aria-current="page"' in today
    rows = today[today.index("<tbody>") :]
    assert rows.index("NightOwl77") < rows.index("LuckyGoat42")  # 20 wagered today against 10
    assert "Prize</th>" not in today  # prizes belong to the month's race
    assert (await app.client.get("/?period=decade")).status == 200  # an unknown tab shows the race


async def test_previous_races_have_their_pages(race_app):
    app = await race_app()
    assert "No race has finished yet." in await (await app.client.get("/races")).text()
    clock.set_now(clock.now() + timedelta(days=40))
    await app.runtime.races.tick()
    listing = await (await app.client.get("/races")).text()
    race_id = listing.split('href="/races/')[1].split('"')[0]
    page = await (await app.client.get(f"/races/{race_id}")).text()
    assert "LuckyGoat42" in page and "$200.00" in page
    missing = await app.client.get("/races/12345")
    assert missing.status == 404 and "No finished race with that number." in await missing.text()
    assert (await app.client.get("/races/x1")).status == 404
    nowhere = await app.client.get("/no/such/page", headers={"Accept-Language": "pt-BR"})
    assert nowhere.status == 404 and "Não há nada neste endereço." in await nowhere.text()
    assert 'href="/"' in await nowhere.text()  # a way back to the race


async def test_the_socket_sends_a_snapshot_then_each_sync_with_the_next_version(race_app):
    app = await race_app()
    async with app.client.ws_connect("/ws", headers={"Origin": str(app.client.make_url("")).rstrip("/")}) as socket:
        snapshot = await socket.receive_json(timeout=10)
        assert snapshot["type"] == "snapshot" and snapshot["race"]["entries"][0]["name"] == "LuckyGoat42"
        app.goated.players = [player("u2", "NightOwl77", 20, 200, 1500, 1900), *PLAYERS[::2]]
        await app.sync()
        update = await socket.receive_json(timeout=10)
        assert update == {"type": "update", "version": snapshot["version"] + 1, "race": update["race"]}
        assert [e["name"] for e in update["race"]["entries"]][:2] == ["NightOwl77", "LuckyGoat42"]
        await socket.send_json({"type": "resync"})  # what the page sends when it sees a version gap
        again = await socket.receive_json(timeout=10)
        assert again["type"] == "snapshot" and again["version"] == update["version"] and again["race"] == update["race"]


async def test_the_socket_refuses_foreign_origins_and_too_many_clients(race_app):
    app = await race_app(ws_max_connections=1, cors_origins="https://friends.example")
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await app.client.ws_connect("/ws", headers={"Origin": "https://evil.example"})
    assert refused.value.status == 403
    async with app.client.ws_connect("/ws", headers={"Origin": "https://friends.example"}) as socket:
        assert (await socket.receive_json(timeout=10))["type"] == "snapshot"
        with pytest.raises(aiohttp.WSServerHandshakeError) as full:
            await app.client.ws_connect("/ws")
        assert full.value.status == 503


async def test_the_heartbeat_drops_a_client_that_stops_answering(race_app):
    app = await race_app(ws_heartbeat_seconds=0.2)
    socket = await app.client.ws_connect("/ws", autoping=False)  # never answers the server's pings
    assert (await socket.receive_json(timeout=10))["type"] == "snapshot"
    assert (await socket.receive(timeout=10)).type == aiohttp.WSMsgType.PING
    while (message := await socket.receive(timeout=10)).type == aiohttp.WSMsgType.PING:
        pass
    assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)


async def test_a_signed_in_linked_player_sees_their_row_highlighted(race_app):
    app = await race_app()
    login.set_bot_username(app.runtime.web_app, "GoatedVipsBot")
    page = await (await app.client.get("/")).text()
    assert 'data-telegram-login="GoatedVipsBot"' in page and 'class=" me"' not in page
    await TelegramUser.create(id=4242, first_name="Paula", player_id="u2")
    signed_in = await app.client.get(
        "/login/telegram", params=sign(widget_fields(auth_date=clock.now())), allow_redirects=False
    )
    assert signed_in.status == 303
    page = await (await app.client.get("/")).text()
    assert 'class="place place-2 me" data-uid="u2"' in page and '"/logout"' in page
    assert 'class="place place-1" data-uid="u1"' in page
