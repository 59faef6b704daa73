"""Catalogs: every user-facing string is extracted, and every language translates all of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests import updates
from tests.fakes.goated import player

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
TRANSLATED = sorted(p.name for p in LOCALES.iterdir() if p.is_dir() and p.name != "en")


def ids(path: Path) -> set:
    with path.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


def test_template_is_up_to_date_with_the_source(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "locales/babel.cfg",
            "-k",
            "_",
            "-k",
            "gettext",
            "-k",
            "ngettext:1,2",
            "-o",
            str(fresh),
            "--no-location",
            "--omit-header",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert ids(fresh) == ids(LOCALES / "messages.pot"), "run `make messages` and translate the new strings"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_string_is_translated(locale):
    with (LOCALES / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=locale)
    missing = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert not missing, f"{locale} lacks translations for {missing}"
    assert {m.id for m in catalog if m.id} == ids(LOCALES / "messages.pot")


def test_two_languages_beyond_english():
    assert {"es", "pt"} <= set(TRANSLATED)


async def test_bot_answers_in_the_users_telegram_language(harness):
    harness.goated.players = [player("a", "Alpha", month=1234.5)]
    await harness.sync()
    [spanish] = await harness.send("/leaderboard", user=updates.telegram_user(1, language_code="es"))
    [portuguese] = await harness.send("/leaderboard", user=updates.telegram_user(2, language_code="pt-br"))
    [unknown] = await harness.send("/leaderboard", user=updates.telegram_user(3, language_code="xx"))
    # Money follows the language's own conventions (CLDR), with a non-breaking space where it has one.
    assert "Top 10 — Este mes" in spanish["text"] and "US$\xa01.234,50" in spanish["text"]
    assert "Top 10 — Este mês" in portuguese["text"] and "US$\xa01.234,50" in portuguese["text"]
    assert "Top 10 — This month" in unknown["text"] and "$1,234.50" in unknown["text"]


async def test_command_menu_is_set_per_language(harness):
    menus = {c.params.get("language_code"): c["commands"] for c in harness.telegram.sent("setMyCommands")}
    assert set(menus) == {None, "es", "pt"}
    leaderboard = next(c for c in menus["es"] if c["command"] == "leaderboard")
    assert leaderboard["description"] == "Top 10 de una clasificación"


async def test_page_follows_lang_and_accept_language(harness):
    html = await (await harness.client.get("/?lang=es")).text()
    assert "Carrera mensual de apuestas" in html and 'lang="es"' in html
    html = await (await harness.client.get("/", headers={"Accept-Language": "pt-BR,pt;q=0.9,en;q=0.5"})).text()
    assert "Corrida mensal de apostas" in html
    html = await (await harness.client.get("/", headers={"Accept-Language": "de-DE"})).text()
    assert "Monthly wager race" in html
