"""A real headless Chromium loads the page the app serves: the standings and a ticking countdown show,
and after a sync the changed row appears without a reload. A screenshot is saved in test-artifacts/."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, Browser
from tests.fakes.goated import player
from tests.support import PLAYERS, service_missing
from web.keys import LIVE

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FIRST_NAME = "document.querySelector('#board tbody tr td:nth-child(2)').textContent"


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


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # the browser is what is tested here, not the engine
async def test_the_page_in_a_real_browser_follows_a_sync_without_a_reload(race_app, browser):
    app = await race_app(name_display="masked")
    await browser.open(str(app.client.make_url("/")))
    assert await browser.evaluate(FIRST_NAME) == "Luck***42"
    countdown = await browser.evaluate("document.getElementById('countdown').textContent")
    await browser.wait_for(f"document.getElementById('countdown').textContent !== {countdown!r}")  # it ticks
    assert await browser.evaluate(
        "document.querySelector('script[src]') !== null && !document.body.innerHTML.includes('<script>alert')"
    )

    live = app.runtime.web_app[LIVE]
    async with asyncio.timeout(20):
        while not live.clients:  # the page opens its socket once live.js has run
            await asyncio.sleep(0.1)

    app.goated.players = [player("u2", "NightOwl77", 20, 200, 1500, 1900), *PLAYERS[::2]]
    await app.sync()
    assert await browser.wait_for(f"{FIRST_NAME} === 'Nigh***77' && {FIRST_NAME}") == "Nigh***77"
    assert (
        await browser.evaluate("document.querySelector('#board tbody tr td:nth-child(3)').textContent") == "$1,500.00"
    )
    assert await browser.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling on a phone
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "race-page-after-sync.png").write_bytes(await browser.screenshot())
