"""The race page as visitors share it: its race's state through the end, the rules admins set in the bot,
the link preview, finding oneself, compression and content-named static files, a finished race's pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema

from models import clock
from models.race import race_at
from models.results import RaceState
from models.tables import AuditEntry
from tests import updates
from tests.fakes.goated import player
from tests.support import PLAYERS
from web.race_page import ENDED_SHOWN, Focus, clock_moves_on

OPENAPI = json.loads((Path(__file__).resolve().parent.parent / "web" / "openapi.json").read_text())
ADMIN = updates.telegram_user(999, "Olga", "olga", "en")
PLAYER = updates.telegram_user(4242, "Paula", "paula", "en")


def check(body: dict, path: str) -> None:
    schema = OPENAPI["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({**schema, "components": OPENAPI["components"]}).validate(body)


async def say(app, text: str, user: dict) -> str:
    return (await app.send(text, user=user))[-1]["text"]


async def test_the_race_state_follows_the_race_through_its_end(race_app):
    app = await race_app()
    race = race_at(clock.now())
    current = await (await app.client.get("/api/race/current")).json()
    check(current, "/api/race/current")
    assert (current["state"], current["month"], current["next"]) == ("live", race.month, None)

    clock.set_now(race.ends_at + timedelta(seconds=30))
    await app.sync()  # after the end, before the results: the page stays on the race that ended
    ending = await (await app.client.get("/api/race/current")).json()
    check(ending, "/api/race/current")
    following = race_at(clock.now())
    assert (ending["state"], ending["month"], ending["next"]["month"]) == ("finalising", race.month, following.month)
    assert ending["entries"][0]["name"] == "LuckyGoat42"  # its last figures, not the next month's
    page = await (await app.client.get("/")).text()
    assert "Race over: final results are being worked out." in page and 'data-state="finalising"' in page

    await app.runtime.races.tick()
    finished = await (await app.client.get("/api/race/current")).json()
    check(finished, "/api/race/current")
    assert (finished["state"], finished["month"]) == ("finished", race.month) and finished["finished_id"]
    assert [(e["name"], e["prize"]) for e in finished["entries"][:2]] == [
        ("LuckyGoat42", "200.00"),
        ("NightOwl77", "100.00"),
    ]
    async with app.client.ws_connect("/ws") as socket:
        snapshot = await socket.receive_json(timeout=10)
        assert (snapshot["race"]["state"], snapshot["race"]["month"]) == ("finished", race.month)
        assert snapshot["race"]["now"] == clock.now().isoformat()

    clock.set_now(clock.now() + timedelta(minutes=15))
    app.goated.players = [player("u2", "NightOwl77", 5, 5, 5, 905), player("u1", "LuckyGoat42", 0, 0, 0, 5000)]
    app.goated.players.append(player("u3", "<script>alert(1)</script><b>Eve", 0, 0, 0, 60))
    await app.sync()  # the upstream has reset its month: the next race has begun to fill
    nxt = await (await app.client.get("/api/race/current")).json()
    assert (nxt["state"], nxt["month"], nxt["entries"][0]["name"]) == ("live", following.month, "NightOwl77")
    page = await (await app.client.get("/")).text()
    assert 'data-state="live"' in page and "race — winners" in page and 'href="/races"' in page


async def test_admins_set_the_rules_and_players_and_the_page_read_them(race_app):
    app = await race_app()
    race = race_at(clock.now())
    assert await say(app, "/rules", PLAYER) == "No rules have been set for this race yet."
    assert "Usage: /setrules" in await say(app, "/setrules", ADMIN)
    assert "Rules of the" in await say(app, "/setrules Wager on any game.\nNo <b>multi-accounts</b>.", ADMIN)
    rules = await say(app, "/rules", PLAYER)
    assert "Wager on any game.\nNo &lt;b&gt;multi-accounts&lt;/b&gt;." in rules
    page = await (await app.client.get("/")).text()
    assert "Wager on any game.\nNo &lt;b&gt;multi-accounts&lt;/b&gt;." in page  # the page's cache was refreshed
    audit = await AuditEntry.filter(action="race.rules").order_by("id")
    assert [(a.actor_id, a.target, a.before, a.after["text"]) for a in audit] == [
        (999, race.month, None, "Wager on any game.\nNo <b>multi-accounts</b>.")
    ]

    await say(app, "/setrules next Only slots count.", ADMIN)
    assert "multi-accounts" in await say(app, "/rules", PLAYER)  # the race in progress keeps its own
    clock.set_now(race.ends_at + timedelta(days=40))  # two races on: the latest earlier rules carry forward
    assert "Only slots count." in await say(app, "/rules", PLAYER)
    assert "removed" in await say(app, "/setrules clear", ADMIN)
    assert await say(app, "/rules", PLAYER) == "No rules have been set for this race yet."
    assert "too long" in await say(app, "/setrules " + "x" * 3001, ADMIN)
    assert "Usage" not in await say(app, "/rules", ADMIN)  # admins read them too
    assert (await app.send("/setrules hi", user=PLAYER))[-1]["text"] != "✅"  # not an admin: nothing stored
    assert await AuditEntry.filter(action="race.rules").count() == 3


async def test_static_files_have_content_names_long_lifetimes_and_compression(race_app):
    app = await race_app()
    page = await app.client.get("/", headers={"Accept-Encoding": "gzip"})
    html = await page.text()
    css = html.split('rel="stylesheet" href="')[1].split('"')[0]
    js = html.split('<script src="')[1].split('"')[0]
    assert css.startswith("/static/style.") and css != "/static/style.css" and js.startswith("/static/live.")
    for url in (css, js):
        asset = await app.client.get(url, headers={"Accept-Encoding": "gzip, deflate"}, auto_decompress=False)
        assert asset.status == 200 and asset.headers["Content-Encoding"] == "gzip"
        assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = await app.client.get("/static/style.css", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and "immutable" not in plain.headers["Cache-Control"]
    assert (await app.client.get("/static/nothing.css")).status == 404
    manifest = await (await app.client.get("/manifest.webmanifest")).json(content_type=None)
    assert manifest["icons"][0]["src"].startswith("/static/favicon.")
    assert (await app.client.get(manifest["icons"][0]["src"])).headers["Content-Type"] == "image/svg+xml"


async def test_the_link_preview_points_at_absolute_urls_and_draws_the_race_per_language(race_app):
    app = await race_app(public_url="https://race.example.com", goated_affiliate_code=None)
    page = await (await app.client.get("/?lang=es")).text()
    assert '<meta property="og:image" content="https://race.example.com/og/race.png?lang=es">' in page
    assert '<meta property="og:url" content="https://race.example.com/?lang=es">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert 'rel="manifest" href="/manifest.webmanifest"' in page and 'rel="icon" href="/static/favicon.' in page

    english = await app.client.get("/og/race.png")
    assert english.status == 200 and english.headers["Content-Type"] == "image/png"
    png = await english.read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")
    spanish = await (await app.client.get("/og/race.png?lang=es")).read()
    assert spanish[:8] == png[:8] and spanish != png  # its own language
    clock.set_now(clock.now() + timedelta(minutes=5))
    assert await (await app.client.get("/og/race.png")).read() == png  # kept until the boards change
    app.goated.players = [player("u2", "NightOwl77", 20, 200, 1500, 1900)]
    await app.sync()
    assert await (await app.client.get("/og/race.png")).read() != png


async def test_find_me_shows_a_players_place_beyond_the_top_without_revealing_other_names(race_app):
    app = await race_app(name_display="masked")
    app.goated.players = [player(f"p{i:02}", f"Player{i:02}Long", i, i, 1000 - 10 * i, 5000) for i in range(1, 31)]
    await app.sync()
    answer = await (await app.client.get("/api/leaderboard?limit=3&find=player30LONG")).json()
    check(answer, "/api/leaderboard")
    assert [e["name"] for e in answer["entries"]] == ["Play***ng"] * 3  # the others stay masked
    assert answer["found"] == {
        "uid": "p30",
        "name": "Play***ng",
        "rank": 31,  # below the 29 others and LuckyGoat42
        "wagered": "700.00",
        "gap_to_above": "10.00",
        "prize": None,
        "paid_places": 10,
        "gap_to_paid": "200.50",  # #10 is LuckyGoat42 with 900.50
    }
    week = await (await app.client.get("/api/leaderboard?period=week&find=Player02Long")).json()
    check(week, "/api/leaderboard")
    assert week["found"]["rank"] == 31 and "prize" not in week["found"]
    nobody = await (await app.client.get("/api/leaderboard?find=Nobody")).json()
    assert nobody["found"] is None
    assert (await app.client.get("/api/leaderboard?find=" + "x" * 65)).status == 400

    page = await (await app.client.get("/?player=PLAYER30long")).text()
    assert "Play***ng is #31 with $700.00 wagered." in page
    assert "$200.50 behind #10, the last paid place." in page and "Player30Long" not in page.replace(
        'value="PLAYER30long"', ""
    )
    top = await (await app.client.get("/?player=player02long")).text()
    assert 'data-uid="p02" class=" me"' in top or 'class="place place-2 me" data-uid="p02"' in top
    assert "Prize at this place: $100.00" in top
    assert "No player is called “Nobody”." in await (await app.client.get("/?player=Nobody")).text()
    plain = await (await app.client.get("/")).text()
    assert " me" not in plain.split("<tbody>")[1]  # a search is never kept for the next visitor


async def test_the_first_load_is_compressed_and_under_30_kb(race_app):
    app = await race_app(name_display="masked", affiliate_url="https://goated.com/r/VIPS")
    app.goated.players = [player(f"p{i:02}", f"Player{i:02}Long", i, i, 1000 - 10 * i, 5000) for i in range(1, 31)]
    await app.sync()
    gzip = {"Accept-Encoding": "gzip, deflate, br"}
    page = await app.client.get("/", headers=gzip, auto_decompress=False)
    assert page.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in page.headers["Vary"]
    html = await (await app.client.get("/")).text()
    total = len(await page.read())
    for url in {html.split('rel="stylesheet" href="')[1].split('"')[0], html.split('<script src="')[1].split('"')[0]}:
        total += len(await (await app.client.get(url, headers=gzip, auto_decompress=False)).read())
    assert total < 30 * 1024, total  # the page, its stylesheet and its script (the icon is a few hundred bytes)

    api = await app.client.get("/api/leaderboard?limit=100", headers=gzip, auto_decompress=False)
    assert api.headers["Content-Encoding"] == "gzip" and api.headers["ETag"].startswith('W/"')
    again = await app.client.get("/api/leaderboard?limit=100", headers=gzip | {"If-None-Match": api.headers["ETag"]})
    assert again.status == 304
    plain = await app.client.get("/api/leaderboard?limit=100", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and (await plain.json())["entries"][0]["name"] == "Play***ng"


async def test_a_finished_race_shows_its_podium_and_pages_its_table_by_50(race_app):
    app = await race_app(name_display="full")
    app.goated.players = [player(f"p{i:02}", f"Player{i:02}", i, i, 10_000 - 10 * i, 20_000) for i in range(1, 61)]
    await app.sync()
    clock.set_now(clock.now() + timedelta(days=40))
    await app.runtime.races.tick()
    race_id = (await (await app.client.get("/api/races")).json())["races"][0]["id"]
    first = await (await app.client.get(f"/races/{race_id}")).text()
    podium = first[first.index('class="podium"') : first.index("</ol>")]
    assert all(f"Player0{i}" in podium for i in (1, 2, 3)) and "$200.00" in podium
    table = first[first.index("<tbody>") :]
    assert "<td>4</td>" in table and "<td>53</td>" in table and "<td>54</td>" not in table
    assert "Page 1 of 2" in first and "?page=2" in first and "?page=0" not in first
    second = await (await app.client.get(f"/races/{race_id}?page=2")).text()
    rows = second[second.index("<tbody>") :]
    assert "<td>54</td>" in rows and "<td>63</td>" in rows and "<td>53</td>" not in rows  # 60 + the 3 others
    assert "Player01" in second[second.index('class="podium"') :]  # the podium on every page
    assert "Page 2 of 2" in await (await app.client.get(f"/races/{race_id}?page=99")).text()


async def test_the_podium_shows_places_moved_since_yesterday(race_app):
    clock.set_now(datetime(2026, 11, 15, 12, tzinfo=UTC))  # mid-month: the next day is in the same race
    app = await race_app()
    clock.set_now(clock.now() + timedelta(days=1))
    app.goated.players = [player("u3", "Eve", 1, 1, 5000, 5060), *PLAYERS[:2]]
    await app.sync()
    page = await (await app.client.get("/")).text()
    podium = page[page.index('id="podium"') :]
    assert '$5,000.00 <span class="up" title="Places moved since yesterday">▲2</span>' in podium


def test_a_kept_page_lasts_until_the_clock_could_change_it():
    """web/answers.py keeps the page until the boards change or the clock moves what it shows on: the next day
    in the race's time zone, the race's end, the end of the hours an ended race stays on the page."""
    zone = "America/Montevideo"  # UTC-3: its days begin at 03:00 UTC
    race = race_at(datetime(2026, 11, 20, 15, tzinfo=UTC), zone)
    assert clock_moves_on(Focus(race, RaceState.LIVE), datetime(2026, 11, 20, 15, tzinfo=UTC)) == datetime(
        2026, 11, 21, 3, tzinfo=UTC
    )
    assert clock_moves_on(Focus(race, RaceState.LIVE), datetime(2026, 11, 30, 23, tzinfo=UTC)) == race.ends_at
    early = datetime(2026, 11, 1, 4, tzinfo=UTC)  # an hour into the race: the last one may still be on the page
    assert clock_moves_on(Focus(race, RaceState.LIVE), early) == race.starts_at + ENDED_SHOWN
