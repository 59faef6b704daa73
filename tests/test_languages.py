"""Spanish and Portuguese without English leftovers (issue 20, items 9-11): command words in the reader's
language, tier names, dates in the race's time zone, plurals, month headings, one money format, and an
/audit an admin can read. Everything goes through the webhook; the replies come from the fake Bot API."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiogram.utils.i18n import I18n

from bot.admin.audit_texts import action_text
from bot.commands import PLAYER_COMMANDS
from models import clock
from models.audit import SYSTEM, record
from models.race import race_at
from models.rules import rules_for
from models.tables import Challenge, RacePrizes, VerificationRequest, VerificationStatus
from tests import updates
from tests.fakes.goated import player
from wiring.runtime import compile_catalogs

ROOT = Path(__file__).resolve().parent.parent
ZONE = "America/Sao_Paulo"
NOV = race_at(datetime(2026, 11, 15, tzinfo=UTC), ZONE)  # 2026-11-01 03:00 UTC to 2026-12-01 03:00 UTC
OWNER = updates.telegram_user(999, "Olga", "olga", "en")
ES = updates.telegram_user(301, "Elena", "elena", "es")
PT = updates.telegram_user(302, "Paulo", "paulo", "pt-br")
EN = updates.telegram_user(303, "Erin", "erin", "en")
PLAYERS = [
    player("uidE", "Estrella", 10, 100, 5_000, 60_000),  # Gold
    player("uidP", "Pedra", 5, 50, 2_000, 1_500),  # Bronze
    player("uidX", "Xavi", 1, 1, 100, 200),
]


async def link(harness, user: dict, name: str) -> None:
    await harness.send(f"/verify {name}", user=user)
    request = await VerificationRequest.get(user_id=user["id"], status=VerificationStatus.PENDING)
    await harness.press(f"review:{request.id}:approve:", user=OWNER)


@pytest.fixture
async def bot(app_with):
    """The app in São Paulo's time zone, mid-November, Elena (es) and Paulo (pt) linked."""
    clock.set_now(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))
    harness = await app_with(race_timezone=ZONE)
    harness.goated.players = list(PLAYERS)
    await harness.sync()
    await harness.send("/start", user=OWNER)
    await link(harness, ES, "Estrella")
    await link(harness, PT, "Pedra")
    harness.telegram.calls.clear()
    return harness


async def say(harness, command: str, user: dict) -> list:
    """Send a command a few seconds after the last one, as a person would (the throttle allows 5 in 10 s)."""
    clock.set_now(clock.now() + timedelta(seconds=3))
    return await harness.send(command, user=user)


async def text_of(harness, command: str, user: dict) -> str:
    return (await say(harness, command, user))[-1]["text"]


# ---- 9. command words in the reader's language, and in English ----


async def test_leaderboard_periods_in_spanish_portuguese_and_english(bot):
    cases = [
        (ES, "hoy", "Hoy"),
        (ES, "semana", "Esta semana"),
        (ES, "Mes", "Este mes"),
        (ES, "todo", "Histórico"),
        (ES, "week", "Esta semana"),  # English works for everyone
        (PT, "hoje", "Hoje"),
        (PT, "semana", "Esta semana"),
        (PT, "mês", "Este mês"),
        (PT, "mes", "Este mês"),
        (PT, "tudo", "Desde sempre"),
        (PT, "all", "Desde sempre"),
        (EN, "today", "Today"),
    ]
    for user, word, title in cases:
        assert f"Top 10 — {title}" in await text_of(bot, f"/leaderboard {word}", user), word
    unknown = await text_of(bot, "/leaderboard ayer", ES)
    assert "hoy, semana, mes, todo" in unknown and "today" not in unknown
    assert "hoje, semana, mês, tudo" in await text_of(bot, "/leaderboard ontem", PT)
    assert "today, week, month, all" in await text_of(bot, "/leaderboard yesterday", EN)


async def finish_november(harness) -> None:
    clock.set_now(NOV.ends_at - timedelta(minutes=3))
    await harness.sync()
    clock.set_now(NOV.ends_at + timedelta(minutes=1))
    await harness.runtime.races.tick()
    harness.telegram.calls.clear()


async def test_previous_race_by_word_or_month_name_in_the_readers_language(bot):
    await finish_november(bot)
    spanish = await text_of(bot, "/race anterior", ES)
    assert "Carrera de noviembre de 2026 — resultados finales" in spanish
    assert await text_of(bot, "/race noviembre 2026", ES) == spanish
    assert await text_of(bot, "/race 2026-11", ES) == spanish
    assert await text_of(bot, "/race previous", ES) == spanish
    portuguese = await text_of(bot, "/race novembro de 2026", PT)
    assert "Corrida de novembro de 2026 — resultados finais" in portuguese
    assert await text_of(bot, "/race anterior", PT) == portuguese
    assert "November 2026 race — final results" in await text_of(bot, "/race November 2026", EN)
    assert "/race anterior" in await text_of(bot, "/race pronto", ES)  # the usage names the reader's word
    assert "/race anterior" in await text_of(bot, "/race", ES)  # "Last race's results: /race anterior"


async def test_setprizes_for_the_next_race_in_spanish(bot):
    admin = updates.telegram_user(999, "Olga", "olga", "es")
    saved = await text_of(bot, "/setprizes siguiente 800 60 40", admin)
    assert "diciembre de 2026" in saved
    assert [(p.month, str(p.pool)) for p in await RacePrizes.all()] == [("2026-12", "800.00")]
    await text_of(bot, "/setprizes next 900 100", admin)
    assert [p.month for p in await RacePrizes.all().order_by("id")] == ["2026-12", "2026-12"]
    assert "/setprizes siguiente" in await text_of(bot, "/raceconfig", admin)


async def test_setrules_next_and_clear_in_portuguese(bot):
    admin = updates.telegram_user(999, "Olga", "olga", "pt-br")
    assert "dezembro de 2026" in await text_of(bot, "/setrules próxima Aposte em qualquer jogo.", admin)
    assert await rules_for("2026-12") == "Aposte em qualquer jogo."
    await text_of(bot, "/setrules Próxima corrida: sem bônus.", admin)  # capitalised: a text, not the word
    assert await rules_for("2026-11") == "Próxima corrida: sem bônus."
    assert "removidas" in await text_of(bot, "/setrules limpar", admin)
    assert await rules_for("2026-11") is None


async def test_language_by_name_as_well_as_by_code(bot):
    assert await text_of(bot, "/language português", ES) == "Idioma alterado para português."
    assert await text_of(bot, "/language Spanish", PT) == "Idioma cambiado a español."
    assert await text_of(bot, "/language inglés", ES) == "Language set to English."
    assert await text_of(bot, "/language pt", EN) == "Idioma alterado para português."


# ---- 10. tiers, dates, plurals, months, money ----


async def test_default_tier_names_are_translated_and_custom_ones_are_not(bot, app_with):
    assert "Nivel VIP: <b>Oro</b>" in await text_of(bot, "/stats", ES)
    assert "Nível VIP: <b>Bronze</b>" in await text_of(bot, "/stats", PT)
    custom = await app_with(race_timezone=ZONE, vip_tiers="Goat King:1000")
    assert "Nivel VIP: <b>Goat King</b>" in await text_of(custom, "/stats", ES)


async def test_dates_are_in_the_race_time_zone_and_the_readers_language(bot):
    await text_of(bot, "/newcode GOAT10 | US$ 10 | 50 | 7d", OWNER)  # until 2026-11-17 12:00 UTC, 09:00 in São Paulo
    spanish = await text_of(bot, "/bonus", ES)
    portuguese = await text_of(bot, "/bonus", PT)
    assert "17 nov 2026, 9:00 GMT-03:00" in spanish, spanish
    assert "17 de nov. de 2026 09:00 BRT" in portuguese, portuguese
    assert "Nov 17, 2026, 09:00 GMT-03:00" in await text_of(bot, "/codes", OWNER)
    for text in (spanish, portuguese):
        assert "UTC" not in text and "2026-11-17" not in text


async def create_challenge(harness, winners: int) -> None:
    codes = "\n".join(f"PRIZE-{i}" for i in range(winners))
    for text in ("/newchallenge", "Plinko", "100", "1", "50", str(winners), "3d", "Plinko 100×", codes):
        await say(harness, text, OWNER)


async def test_places_left_agree_with_the_count(bot):
    await create_challenge(bot, winners=2)
    await Challenge.filter(id=1).update(winners=1)
    assert "1 place left of 2" in await text_of(bot, "/challenges", EN)
    assert "queda 1 lugar de 2" in await text_of(bot, "/challenges", ES)
    assert "resta 1 vaga de 2" in await text_of(bot, "/challenges", PT)
    await Challenge.filter(id=1).update(winners=0)
    assert "quedan 2 de 2 lugares" in await text_of(bot, "/challenges", ES)


async def test_money_reads_the_same_in_spanish_and_portuguese(bot):
    spanish = await text_of(bot, "/leaderboard mes", ES)
    portuguese = await text_of(bot, "/leaderboard mes", PT)
    assert "US$\xa05.000,00" in spanish and "US$\xa05.000,00" in portuguese
    assert "$5,000.00" in await text_of(bot, "/leaderboard month", EN)
    page = await (await bot.client.get("/?lang=es")).text()
    assert "US$\xa05.000,00" in page or "US$&nbsp;5.000,00" in page


# ---- 11. /audit an admin can read ----


def action_keys(node: ast.expr) -> set[str]:
    """The action keys one `record(..., action, ...)` argument can be: a literal, either branch of an `if`, or an
    f-string such as f"challenge.{status.value}" (a decision: approved or rejected)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return action_keys(node.body) | action_keys(node.orelse)
    if isinstance(node, ast.JoinedStr):
        prefix = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        return {prefix + decision for decision in ("approved", "rejected")}
    return set()


def recorded_actions() -> set[str]:
    """Every action key the code records: the second argument of each `record(...)` call in models/ and bot/."""
    keys: set[str] = set()
    for path in [*ROOT.joinpath("models").rglob("*.py"), *ROOT.joinpath("bot").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record" and len(node.args) > 1:
                keys |= action_keys(node.args[1])
    return keys


def test_every_recorded_action_has_words():
    keys = recorded_actions()
    assert {"bonus.create", "race.prizes", "challenge.approved", "verification.rejected"} <= keys
    compile_catalogs()
    i18n = I18n(path=ROOT / "locales", default_locale="en", domain="messages")
    with i18n.context():
        assert [key for key in sorted(keys) if action_text(key) == key] == []


async def audit_entries() -> None:
    await record(999, "race.prizes", "2026-11", after={"pool": "1000.00", "split": ["50", "30", "20"]})
    await record(999, "bonus.create", "1", after={"code": "GOAT", "reward": "bono", "max_claims": 5,
                                                   "expires_at": "2026-11-17T12:00:00.123456+00:00",
                                                   "min_wager_month": None})  # fmt: skip
    await record(
        301,
        "link.proof",
        "player uidE",
        before={"all_time": "1000.000000", "month": "5000.123450", "holder": None},
        after={"all_time": "1000.370000", "month": "5000.493450", "amount": "0.37", "user": 301},
    )
    await record(999, "token.set", "goated token", after={"expires_at": "2026-11-20 15:00:00+00:00"})
    await record(999, "broadcast.start", "broadcast 3", after={"audience": "top-10", "recipients": 1})
    await record(SYSTEM, "race.finalise", "2026-11", after={"ranked": 3, "stale": False})
    await record(999, "user.role", "301", before={"role": "user"}, after={"role": "admin"})
    race = {"title": "Finde", "kind": "weekly", "ends_at": "2026-11-22T03:00:00+00:00", "split": ["60", "40"]}
    await record(999, "race.create", "7", after=race)
    await record(999, "milestones.set", "2026-11", before={"amounts": []}, after={"amounts": ["1000", "5000"]})
    await record(999, "goal.set", "2026-11", after={"amount": "2500000"})


async def test_audit_reads_as_sentences_with_formatted_values(bot):
    await audit_entries()
    text = await text_of(bot, "/audit 20", OWNER)
    for raw in ("race.prizes", "bonus.create", "link.proof", "token.set", "['", "1000.000000", ".123456", "T12:00",
                "+00:00", "None", "top-10"):  # fmt: skip
        assert raw not in text, raw
    assert "set race prizes" in text and "November 2026" in text and "pool: $1,000.00" in text
    assert "split: 50% · 30% · 20%" in text
    assert "expires: Nov 17, 2026, 09:00 GMT-03:00" in text
    assert "wagered all time: $1,000.00" in text and "proof bet: $0.37" in text
    assert "set the Goated token" in text and "Nov 20, 2026, 12:00 GMT-03:00" in text
    assert "audience: this race's top 10; recipients: 1 recipient" in text
    assert "finalised a race" in text and "from stale data: no" in text
    assert "role: user → role: admin" in text
    assert "created a race <i>race #7</i>" in text and "kind: weekly" in text  # JSON keys come in any order
    assert "ends: Nov 22, 2026, 00:00 GMT-03:00" in text and "split: 60% · 40%" in text
    assert "milestones: (none) → milestones: $1,000.00 and $5,000.00" in text and "amount: $2,500,000.00" in text
    assert re.search(r"<code>\w{3} \d+, 2026, \d\d:\d\d GMT-03:00</code>", text)  # when, in the race's zone


async def test_audit_in_spanish(bot):
    await audit_entries()
    admin = updates.telegram_user(999, "Olga", "olga", "es")
    text = await text_of(bot, "/audit", admin)
    assert "fijó los premios de la carrera" in text and "noviembre de 2026" in text
    assert "US$\xa01.000,00" in text and "50\xa0% · 30\xa0% · 20\xa0%" in text
    assert re.search(r"<code>\d+ \w{3} 2026, \d+:\d\d GMT-03:00</code>", text)


# ---- the transcripts: every player command in Spanish and in Portuguese ----

# Words of the English texts that no Spanish or Portuguese text has; names, codes and commands are left out first.
ENGLISH = {
    "the", "your", "you", "with", "and", "race", "this", "month", "week", "today", "send", "prize", "places",
    "place", "left", "until", "ends", "updated", "ago", "wagered", "tier", "yet", "players", "player", "challenge",
    "challenges", "entries", "claim", "account", "alerts", "what", "which", "none", "not", "from", "for", "day",
    "hours", "minutes", "previous", "next", "all", "time", "welcome", "choose", "language", "help", "results",
    "nobody", "when", "someone", "last", "refresh", "enter", "codes", "page", "our", "stop", "doing", "nothing",
    "settings", "unlink", "linked", "share", "open", "here", "there", "wager", "gap", "behind", "lead", "ranks",
    "more", "paid", "reach", "overtakes", "pool", "whole",
}  # fmt: skip
KEPT = ("Estrella", "Pedra", "Xavi", "GOAT10", "Goated", "Plinko", "GMT", "BRT", "VIP")


def english_words(text: str) -> set[str]:
    text = re.sub(r"<code>.*?</code>|<tg-spoiler>.*?</tg-spoiler>|<[^>]+>|https?://\S+|/\w+|@\w+", " ", text)
    for kept in KEPT:
        text = text.replace(kept, " ")
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH}


def shown(call) -> str:
    """A message's text and its buttons' labels."""
    markup = call.params.get("reply_markup") or {}
    keyboard = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    text = call.params.get("text") or call.params.get("caption") or ""
    return "\n".join([text, *(b["text"] for row in keyboard for b in row)])


async def transcript_of(harness, user: dict, commands: list[str]) -> list[tuple[str, str]]:
    return [(command, shown(call)) for command in commands for call in await say(harness, command, user)]


@pytest.mark.parametrize("user", [ES, PT], ids=["es", "pt"])
async def test_every_player_command_reads_without_english(bot, user):
    """A linked player in December (November's race finished, a code and a challenge open) and a newcomer."""
    await finish_november(bot)
    clock.set_now(NOV.ends_at + timedelta(days=2))
    bot.goated.players = [player(p["uid"], p["name"], month=m, all_time=p["wagered"]["all_time"] + m)
                          for p, m in zip(PLAYERS, (300, 200, 50), strict=True)]  # fmt: skip
    await bot.sync()
    await text_of(bot, "/newcode GOAT10 | US$ 10 | 50 | 7d", OWNER)
    await create_challenge(bot, winners=2)
    commands = [f"/{c.command}" for c in PLAYER_COMMANDS if c.command != "unlink"]
    transcript = await transcript_of(bot, user, [*commands, "/leaderboard semana", "/race anterior", "/unlink"])
    newcomer = updates.telegram_user(user["id"] + 100, "Nuevo", None, user["language_code"])
    transcript += await transcript_of(bot, newcomer, ["/start", "/stats", "/race", "/bonus", "/verify"])
    assert len(transcript) >= len(PLAYER_COMMANDS) + 5
    leaks = {(command, word) for command, text in transcript for word in english_words(text)}
    assert not leaks, sorted(leaks)
