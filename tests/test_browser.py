"""A real headless Chromium loads the page the app serves, as visitors do: on phones and a desktop, in English
and Spanish, live through a sync, through the race's end (on the demo clock) and with the server gone.
Screenshots of each state are saved in test-artifacts/."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from models import clock
from models.locales import format_month
from models.race import race_at
from tests.browser import CHROMIUM, Browser
from tests.fakes.goated import player
from tests.support import PLAYERS, service_missing
from web.keys import LIVE

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FIRST_NAME = "document.querySelector('#podium .place-1 .name').textContent"
STATE = "document.getElementById('race').dataset.state"
# Long names, as the upstream has them: masked (Nigh***79) and whole, they must never break mid-token.
CROWD = [
    player(f"c{i}", name, 1, 10, 400 - 30 * i, 1000)
    for i, name in enumerate(
        ["Nightingale_Superstar_1979", "ElGatoAfortunadoDeMadrid2024", "xX_HighRoller_Xx", "Wolf", "BigStakesBetty88"]
    )
]


@pytest.fixture
async def browser():
    if CHROMIUM is None:
        service_missing("chromium is not installed (apt-get install chromium)")
    browser = Browser()
    try:
        await browser.start()
        yield browser
    finally:
        await browser.close()


def save(name: str, png: bytes) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(png)


async def wait_for_live_client(app) -> None:
    live = app.runtime.web_app[LIVE]
    async with asyncio.timeout(20):
        while not live.clients:  # the page opens its socket once live.js has run
            await asyncio.sleep(0.05)


LAYOUT = """(() => {
  const names = [...document.querySelectorAll('.place .name, .board tr td:nth-child(2)')]
    .filter(n => n.offsetParent && n.textContent && !n.closest('.empty'));
  const tabs = [...document.querySelectorAll('.tabs a')];
  const targets = [...tabs, ...document.querySelectorAll('.join, .find input[type=search], .find button')];
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    names: names.length,
    broken: names.filter(n => {  // a name on more than one line box is broken
      const range = document.createRange();
      range.selectNodeContents(n);
      const lines = new Set([...range.getClientRects()].map(r => r.top)).size;
      return getComputedStyle(n).whiteSpace !== 'nowrap' || lines !== 1;
    }).map(n => n.textContent),
    untitled: names.filter(n => (n.title || n.closest('tr').title) !== n.textContent).length,
    tabRows: new Set(tabs.map(t => Math.round(t.getBoundingClientRect().top))).size,
    tabsFit: tabs.every(t => t.getBoundingClientRect().right <= window.innerWidth),
    small: targets.filter(t => t.getBoundingClientRect().height < 44).map(t => t.textContent),
    h1: document.querySelectorAll('h1').length,
    skip: !!document.querySelector('a.skip[href="#main"]'),
    captions: document.querySelectorAll('table caption').length,
  };
})()"""


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # the browser is what is tested here, not the engine
async def test_the_page_fits_phones_and_desktops_in_english_and_spanish(race_app, browser):
    app = await race_app(name_display="masked", affiliate_url="https://goated.com/r/VIPS")
    app.goated.players = [*PLAYERS, *CROWD]
    await app.sync()
    for lang in ("en", "es"):
        for width in (320, 360, 390, 1280):
            await browser.resize(width)
            for period in ("month", "all_time"):
                await browser.open(str(app.client.make_url(f"/?lang={lang}&period={period}")))
                layout = await browser.evaluate(LAYOUT)
                assert layout["overflow"] <= 0, (lang, width, period, layout)
                assert layout["names"] >= 5 and layout["broken"] == [] and layout["untitled"] == 0, layout
                assert layout["tabRows"] == 1 and layout["tabsFit"] and layout["small"] == [], (lang, width, layout)
                assert layout["h1"] == 1 and layout["skip"] and layout["captions"] == 1
            save(f"race-page-{lang}-{width}.png", await browser.screenshot())
    assert await browser.evaluate("document.querySelector('.join').href") == "https://goated.com/r/VIPS"
    assert "GOATEDVIPS" in await browser.evaluate("document.querySelector('.join').textContent")
    assert browser.problems() == []  # no console errors, no CSP violations


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
async def test_the_page_in_a_real_browser_follows_a_sync_without_a_reload(race_app, browser):
    app = await race_app(name_display="masked")
    await browser.open(str(app.client.make_url("/")))
    assert await browser.evaluate(FIRST_NAME) == "Luck***42"
    countdown = await browser.evaluate("document.getElementById('countdown').textContent")
    await browser.wait_for(f"document.getElementById('countdown').textContent !== {countdown!r}")  # it ticks
    assert await browser.evaluate(
        "document.querySelector('script[src]') !== null && !document.body.innerHTML.includes('<script>alert')"
    )
    await wait_for_live_client(app)
    app.goated.players = [player("u2", "NightOwl77", 20, 200, 1500, 1900), *PLAYERS[::2]]
    await app.sync()
    assert await browser.wait_for(f"{FIRST_NAME} === 'Nigh***77' && {FIRST_NAME}") == "Nigh***77"
    assert await browser.evaluate("document.querySelector('#podium .place-1 .wagered').textContent") == "$1,500.00"
    assert await browser.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling on a phone
    save("race-page-after-sync.png", await browser.screenshot())
    assert browser.problems() == []


UPDATED = "document.getElementById('updated').textContent.trim()"
OVER = "document.getElementById('over')"


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
async def test_through_the_race_end_live_then_offline(app_with, browser):
    """On the demo clock: the race ends while the page is open; it says so, shows the winners once the results
    exist, then the next race, all without a reload; then the server goes and the page says it is offline."""
    app = await app_with(goated_affiliate_code=None, demo_race_ends_in_minutes=3, name_display="masked")
    race = race_at(clock.now())
    clock.set_now(race.ends_at - timedelta(minutes=7, seconds=1))  # from here the test moves the product clock
    app.goated.players = [*PLAYERS, *CROWD]
    await app.sync()
    clock.set_now(race.ends_at - timedelta(seconds=1))  # the data is 7 minutes old when the page opens
    await browser.resize(390)
    await browser.open(str(app.client.make_url("/")))
    assert await browser.evaluate(STATE) == "live"
    await wait_for_live_client(app)
    # Counted on the server's clock, which the socket's snapshot brings (the page is the same for everyone);
    # and the snapshot does not make it "just now".
    await browser.wait_for(f"{UPDATED} === 'Updated 7 minutes ago'")
    save("race-end-1-live.png", await browser.screenshot())
    # The countdown reaches zero: the page says the race is over at once, before the server says anything.
    await browser.wait_for(f"!{OVER}.hidden && document.getElementById('countdown').textContent === '0d 0h 0m 0s'")

    clock.set_now(race.ends_at + timedelta(seconds=20))
    await app.sync()  # a sync after the end: the race is being finalised
    await browser.wait_for(f"{STATE} === 'finalising'")
    over = await browser.evaluate(f"{OVER} && !{OVER}.hidden && {OVER}.textContent")
    assert over == "Race over: final results are being worked out."
    following = race_at(clock.now())
    assert format_month(following.month, "en") + " wager race" in await browser.evaluate("document.body.innerText")
    save("race-end-2-finalising.png", await browser.screenshot())

    await app.runtime.races.tick()  # the results are written: the winners show
    await browser.wait_for(f"{STATE} === 'finished'")
    heading = await browser.evaluate("document.querySelector('h1').textContent")
    assert heading == f"{format_month(race.month, 'en')} race — winners"
    assert await browser.evaluate(FIRST_NAME) == "Luck***42"
    assert await browser.evaluate("document.querySelector('#podium .place-1 .prize').textContent") == "$200.00"
    save("race-end-3-finished.png", await browser.screenshot())

    clock.set_now(race.ends_at + timedelta(minutes=15))
    app.goated.players = [player("u2", "NightOwl77", 5, 5, 5, 905)] + [
        player(p["uid"], p["name"], 0, 0, 0, 5000) for p in [PLAYERS[0], PLAYERS[2], *CROWD]
    ]
    await app.sync()  # the upstream has reset its month: the next race begins to fill
    await browser.wait_for(
        f"{STATE} === 'live' && document.getElementById('race').dataset.month === {following.month!r}"
    )
    assert await browser.evaluate(FIRST_NAME) == "Nigh***77"
    assert await browser.evaluate(UPDATED) == "Updated just now"
    save("race-end-4-next-race.png", await browser.screenshot())
    assert browser.problems() == []

    await app.client.server.close()  # the server goes away
    await browser.wait_for("!document.getElementById('offline').hidden && !document.getElementById('stale').hidden")
    save("race-end-5-offline.png", await browser.screenshot())
