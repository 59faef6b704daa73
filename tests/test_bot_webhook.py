"""The bot through its real edge: Update JSON posted to the webhook route, replies seen by the fake Bot API."""

from __future__ import annotations

import json
import logging

import pytest

from models.tables import Role, TelegramUser
from tests import updates
from tests.fakes.goated import player
from tests.support import BOT_TOKEN, WEBHOOK_SECRET

TWELVE = [player(f"uid{i:02d}", f"Player{i:02d}", month=1000 * i + 0.4567, all_time=5000 * i) for i in range(1, 13)]


async def test_startup_registers_webhook_with_secret_and_commands(harness):
    webhook = harness.telegram.sent("setWebhook")
    assert len(webhook) == 1
    assert webhook[0]["url"] == "https://bot.example.com/telegram/webhook"
    assert webhook[0]["secret_token"] == WEBHOOK_SECRET
    assert webhook[0].token == BOT_TOKEN
    commands = harness.telegram.sent("setMyCommands")
    default_menu = next(c for c in commands if "language_code" not in c)
    assert [c["command"] for c in default_menu["commands"]] == [
        "race",
        "rules",
        "card",
        "milestones",
        "stats",
        "leaderboard",
        "bonus",
        "challenges",
        "myentries",
        "verify",
        "play",
        "website",
        "notifications",
        "language",
        "unlink",
        "cancel",
        "help",
        "start",
    ]


async def test_leaderboard_answers_this_months_top_10_in_order(harness):
    harness.goated.players = list(reversed(TWELVE))  # the upstream is unsorted
    await harness.sync()

    [reply] = await harness.send("/leaderboard")

    text = reply["text"]
    assert "Top 10 — This month" in text
    lines = [line for line in text.splitlines() if "Player" in line]
    assert len(lines) == 10
    assert lines[0] == "🥇 Player12 — <b>$12,000.46</b>"
    assert lines[1] == "🥈 Player11 — <b>$11,000.46</b>"
    assert lines[9] == "10. Player03 — <b>$3,000.46</b>"
    assert "Player02" not in text and "Player01" not in text
    assert reply["parse_mode"] == "HTML"
    buttons = [b["text"] for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert "🔄 Refresh" in buttons


async def test_leaderboard_period_argument_and_unknown_period(harness):
    harness.goated.players = [player("a", "Alpha", today=5, month=10), player("b", "Bravo", today=50, month=1)]
    await harness.sync()

    [today] = await harness.send("/leaderboard today")
    assert "Top 10 — Today" in today["text"]
    assert today["text"].index("Bravo") < today["text"].index("Alpha")

    [unknown] = await harness.send("/leaderboard yesterday")
    assert unknown["text"] == "Unknown period. Use one of: today, week, month, all."


async def test_period_button_edits_the_same_message(harness):
    harness.goated.players = [player("a", "Alpha", month=10, all_time=10), player("b", "Bravo", month=1, all_time=99)]
    await harness.sync()
    [reply] = await harness.send("/leaderboard")

    response = await harness.post_update(updates.callback("lb:all_time", message_id=reply_id(harness)))

    assert response.status == 200
    [edit] = harness.telegram.sent("editMessageText")
    assert edit["message_id"] == reply_id(harness)
    assert "Top 10 — All time" in edit["text"]
    assert edit["text"].index("Bravo") < edit["text"].index("Alpha")
    assert len(harness.telegram.sent("answerCallbackQuery")) == 1


async def test_refresh_with_nothing_new_says_so(harness):
    harness.goated.players = [player("a", "Alpha", month=10)]
    await harness.sync()
    await harness.send("/leaderboard")
    harness.telegram.fail_next(
        "editMessageText",
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same",
    )

    response = await harness.post_update(updates.callback("lb:month", message_id=reply_id(harness)))

    assert response.status == 200
    [answer] = harness.telegram.sent("answerCallbackQuery")
    assert answer["text"] == "Already up to date."


async def test_tampered_callback_data_changes_nothing(harness):
    response = await harness.post_update(updates.callback("lb:yesterday", message_id=1))
    assert response.status == 200
    assert harness.telegram.sent("editMessageText") == []


def reply_id(harness) -> int:
    """The message_id the fake Bot API gave the last sendMessage (what Telegram would)."""
    return 1000 + len(harness.telegram.sent()) - 1


async def test_names_are_escaped_in_html_messages(harness):
    harness.goated.players = [player("x", "<b>Eve</b> & <script>", month=5)]
    await harness.sync()
    [reply] = await harness.send("/leaderboard")
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; &lt;script&gt;" in reply["text"]


async def test_start_welcomes_and_records_the_user(harness):
    [reply] = await harness.send("/start", user=updates.telegram_user(321, "Bob", "bob", "pt-BR"))
    assert "Bem-vindo ao <b>GoatedVIPs</b>, Bob!" in reply["text"]  # his Telegram speaks pt-BR
    assert "Demo" not in reply["text"]
    user = await TelegramUser.get(id=321)
    assert (user.username, user.telegram_language, user.role) == ("bob", "pt-BR", Role.USER)


async def test_admin_ids_are_owners(harness):
    await harness.send("/start", user=updates.telegram_user(999, "Olga", "olga"))
    assert (await TelegramUser.get(id=999)).role == Role.OWNER


async def test_start_in_a_group_has_no_personal_keyboard(harness):
    [reply] = await harness.send("/start", chat_id=-100123, chat_type="supergroup")
    assert int(reply["chat_id"]) == -100123
    assert "reply_markup" not in reply


async def test_wrong_or_missing_secret_gets_401_and_sends_nothing(harness):
    for secret in ("wrong", None, ""):
        response = await harness.post_update(updates.message("/leaderboard"), secret=secret)
        assert response.status == 401
    assert harness.telegram.sent() == []
    assert await TelegramUser.all().count() == 0


async def test_malformed_bodies_get_400_not_500(harness):
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    path = harness.runtime.settings.webhook_path
    for body in (
        b"not json",
        b"[1,2]",
        b'{"update_id": "x"}',
        json.dumps({"update_id": 5, "message": {"oops": 1}}).encode(),
        b"\xff\xfe",
    ):
        response = await harness.client.post(path, data=body, headers=headers)
        assert response.status == 400, body
    assert harness.telegram.sent() == []


async def test_webhook_accepts_only_post(harness):
    response = await harness.client.get(harness.runtime.settings.webhook_path)
    assert response.status == 405


async def test_a_user_who_blocked_the_bot_is_marked(harness):
    harness.telegram.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    response = await harness.post_update(updates.message("/start", user=updates.telegram_user(555)))
    assert response.status == 200
    assert (await TelegramUser.get(id=555)).blocked_bot is True


async def test_deeply_nested_json_gets_400(harness):
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    response = await harness.client.post(harness.runtime.settings.webhook_path, data=b"[" * 200_000, headers=headers)
    assert response.status == 400


async def test_anonymous_group_admin_gets_an_answer(harness):
    anonymous = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
    [reply] = await harness.send("/start", user=anonymous, chat_id=-100777, chat_type="supergroup")
    assert "Welcome" in reply["text"]
    assert await TelegramUser.filter(id=1087968824).count() == 0


async def test_being_kicked_from_a_group_does_not_mark_the_sender_as_blocking(harness):
    harness.telegram.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
    response = await harness.post_update(
        updates.message("/start", user=updates.telegram_user(556), chat_id=-100888, chat_type="supergroup")
    )
    assert response.status == 200
    assert (await TelegramUser.get(id=556)).blocked_bot is False


# Hostile but valid-looking updates: a clean answer, no traceback, every log line short


def assert_quiet(caplog, limit: int = 4096) -> None:
    """No traceback and no error in the log, and no line longer than `limit` characters."""
    assert [r.getMessage()[:200] for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []
    assert [r.getMessage()[:200] for r in caplog.records if len(r.getMessage()) > limit] == []


@pytest.mark.parametrize("secret", ["é", "секрет", "test-secret_123é", "\u2028", "😀" * 10])
async def test_a_non_ascii_secret_header_gets_401(harness, caplog, secret):
    response = await harness.client.post(
        harness.runtime.settings.webhook_path,
        data=json.dumps(updates.message("/help")).encode(),
        headers={"X-Telegram-Bot-Api-Secret-Token": secret.encode().decode("latin-1")},
    )
    assert response.status == 401
    assert harness.telegram.sent() == []
    assert_quiet(caplog)


def nested(depth: int) -> dict:
    value: dict = {"leaf": 1}
    for _ in range(depth):
        value = {"n": value}
    return value


@pytest.mark.parametrize("text", ["/help", "/start", "hello", "/verify Someone", "/leaderboard"])
@pytest.mark.parametrize("where", ["update", "message", "from", "chat"])
async def test_an_unknown_field_nested_900_deep_is_answered_quietly(harness, caplog, where, text):
    update = updates.message(text)
    {
        "update": update,
        "message": update["message"],
        "from": update["message"]["from"],
        "chat": update["message"]["chat"],
    }[where]["future_field"] = nested(900)
    response = await harness.post_update(update)
    assert response.status == 200
    assert harness.telegram.sent()
    assert_quiet(caplog)


@pytest.mark.parametrize("odd", ["\ud800", "\udfff", "\x00"])
async def test_a_lone_surrogate_or_nul_in_a_name_gets_a_normal_answer(harness, caplog, odd):
    update = updates.message("/start", user=updates.telegram_user(321, f"Bob{odd}", f"bob{odd}", "en"))
    body = json.dumps(update)  # ensure_ascii: it travels as an escape (\ud800, \u0000), as Telegram would send it
    assert "\\u" in body
    response = await harness.client.post(
        harness.runtime.settings.webhook_path,
        data=body.encode(),
        headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET, "Content-Type": "application/json"},
    )
    assert response.status == 200
    [reply] = harness.telegram.sent()
    assert "Welcome" in reply["text"] and "Bob\ufffd" in reply["text"]
    user = await TelegramUser.get(id=321)
    assert (user.first_name, user.username) == ("Bob\ufffd", "bob\ufffd")
    assert_quiet(caplog)


@pytest.mark.parametrize("user_id", [2**63, 2**63 + 1, 2**64, 10**30, -(2**63) - 1])
async def test_a_user_id_past_bigint_is_answered_200_quietly(harness, caplog, user_id):
    response = await harness.post_update(updates.message("/start", user=updates.telegram_user(user_id)))
    assert response.status == 200
    assert await TelegramUser.all().count() == 0
    assert_quiet(caplog)


async def test_the_largest_bigint_user_id_is_a_user_like_any_other(harness, caplog):
    [reply] = await harness.send("/start", user=updates.telegram_user(2**63 - 1, "Max"))
    assert "Welcome" in reply["text"]
    assert (await TelegramUser.get(id=2**63 - 1)).first_name == "Max"
    assert_quiet(caplog)


@pytest.mark.parametrize("kind", ["brand_new_kind", "k" * (1 << 18)])
async def test_an_unknown_update_type_is_logged_in_a_short_line(harness, caplog, recwarn, kind):
    caplog.set_level(logging.DEBUG)
    huge = "x" * (1 << 18)
    response = await harness.post_update({"update_id": 77, kind: {"payload": huge, "more": [huge]}})
    assert response.status == 200
    assert harness.telegram.sent() == []
    assert_quiet(caplog, limit=200)
    # aiogram warns with the whole update (a log line where warnings are logged, as in production)
    assert [str(w.message)[:100] for w in recwarn if len(str(w.message)) > 200] == []
    [line] = [r.getMessage() for r in caplog.records if r.name == "web.webhook"]
    assert line.startswith(f"update 77 ({kind[:40]}") and "ignored" in line


async def test_names_and_texts_longer_than_telegram_allows_are_cut_to_its_limits(harness, caplog):
    """Found by tests/test_fuzz.py: a 4,000-character first name made the welcome too long for Telegram."""
    user = updates.telegram_user(321, "N" * 5000, "u" * 100, "en")
    [reply] = await harness.send("/start", user=user)
    assert "Welcome" in reply["text"] and "N" * 64 + "!" in reply["text"]
    stored = await TelegramUser.get(id=321)
    assert (stored.first_name, stored.username) == ("N" * 64, "u" * 32)
    [help_reply] = await harness.send("/help " + "x" * 9000, user=user)
    assert help_reply["text"]
    assert_quiet(caplog)
