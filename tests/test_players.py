"""Players in Telegram, end to end through the webhook: linking, stats, race, links, language, groups,
throttling and bad input. Replies are read from the fake Bot API, state from the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.tables import TelegramUser, VerificationRequest, VerificationStatus
from tests import updates
from tests.fakes.goated import player

ALICE = updates.telegram_user(111, "Alice", "alice", "en")
BRUNO = updates.telegram_user(222, "Bruno", "bruno", "es")
ADMIN = updates.telegram_user(999, "Olga", "olga", "en")

PLAYERS = [
    player("uidLucky", "LuckyGoat42", 412.66138, 6120.4483, 128944.2771, 171302.9055),
    player("uidNight", "NightOwl77", 10, 100, 5000.5, 60000),
    player("uidWhale", "WhaleTail", 0, 900, 200000, 1200000),
    player("uidIdle", "IdleIvy"),
] + [player(f"uidP{i:02d}", f"Punter{i:02d}", month=100 * i, all_time=100 * i) for i in range(1, 12)]


@pytest.fixture
async def bot(harness):
    harness.goated.players = PLAYERS
    await harness.sync()
    await harness.send("/start", user=ADMIN)  # the owner from ADMIN_IDS has started the bot
    harness.telegram.calls.clear()
    return harness


async def link(bot, user, name: str) -> int:
    """Request and approve a link; returns the request id."""
    await bot.send(f"/verify {name}", user=user)
    request = await VerificationRequest.get(user_id=user["id"], status=VerificationStatus.PENDING)
    response = await bot.post_update(updates.callback(f"review:{request.id}:approve:", message_id=1, user=ADMIN))
    assert response.status == 200
    return request.id


# ---- linking ----


async def test_verify_with_a_name_creates_a_request_and_notifies_admins(bot):
    [reply, card] = await bot.send("/verify luckygoat42", user=ALICE)  # case-insensitive

    assert "Request sent" in reply["text"] and "LuckyGoat42" in reply["text"]
    assert int(card["chat_id"]) == 999
    assert "LuckyGoat42" in card["text"] and "uidLucky" in card["text"] and "@alice" in card["text"]
    buttons = [b["callback_data"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    request = await VerificationRequest.get(user_id=111)
    assert buttons == [f"review:{request.id}:approve:", f"review:{request.id}:reject:"]
    assert (request.player_id, request.status) == ("uidLucky", VerificationStatus.PENDING)


async def test_verify_without_a_name_asks_and_can_be_cancelled(bot):
    [ask] = await bot.send("/verify", user=ALICE)
    assert "What is your Goated username" in ask["text"]
    [done] = await bot.send("/cancel", user=ALICE)
    assert done["text"] == "Cancelled."
    [stray] = await bot.send("NightOwl77", user=ALICE)  # no longer in the flow
    assert "I answer commands" in stray["text"]
    assert await VerificationRequest.all().count() == 0


async def test_verify_conversation_takes_the_name_from_the_next_message(bot):
    await bot.send("/verify", user=ALICE)
    [reply, _card] = await bot.send("NightOwl77", user=ALICE)
    assert "Request sent" in reply["text"]
    assert (await VerificationRequest.get(user_id=111)).player_id == "uidNight"


async def test_cancel_button_ends_the_conversation(bot):
    [ask] = await bot.send("/verify", user=ALICE)
    await bot.post_update(updates.callback("verify:cancel", message_id=1000 + len(bot.telegram.sent()) - 1, user=ALICE))
    assert bot.telegram.sent("editMessageText")[-1]["text"] == "Cancelled."
    [stray] = await bot.send("NightOwl77", user=ALICE)
    assert "I answer commands" in stray["text"]


@pytest.mark.parametrize("typed", ["", "x" * 500, "bad\x00name", "   "])
async def test_odd_names_in_the_conversation_are_refused_and_the_flow_continues(bot, typed):
    await bot.send("/verify", user=ALICE)
    replies = await bot.send(typed or "\u200b", user=ALICE)
    assert "does not look like a Goated username" in replies[0]["text"] or "not find" in replies[0]["text"]
    assert await VerificationRequest.all().count() == 0


async def test_unknown_name_says_how_to_sign_up(bot):
    [reply] = await bot.send("/verify <b>Nobody</b>", user=ALICE)
    assert "could not find <b>&lt;b&gt;Nobody&lt;/b&gt;</b>" in reply["text"]
    assert "referral link" in reply["text"]
    assert await VerificationRequest.all().count() == 0


async def test_a_pending_request_is_not_duplicated(bot):
    await bot.send("/verify LuckyGoat42", user=ALICE)
    [again] = await bot.send("/verify NightOwl77", user=ALICE)
    assert "still waiting for an admin" in again["text"] and "LuckyGoat42" in again["text"]
    assert await VerificationRequest.all().count() == 1


async def test_approval_links_and_tells_the_user_in_their_language(bot):
    await bot.send("/verify WhaleTail", user=BRUNO)
    request = await VerificationRequest.get(user_id=222)
    bot.telegram.calls.clear()

    await bot.post_update(updates.callback(f"review:{request.id}:approve:", message_id=5, user=ADMIN))

    assert (await TelegramUser.get(id=222)).player_id == "uidWhale"
    [told] = bot.telegram.sent()
    assert int(told["chat_id"]) == 222 and "vinculada" in told["text"]
    [card] = bot.telegram.sent("editMessageText")
    assert "Approved by @olga" in card["text"]


async def test_second_decision_changes_nothing_and_says_so(bot):
    await bot.send("/verify WhaleTail", user=ALICE)
    request = await VerificationRequest.get(user_id=111)
    await bot.post_update(updates.callback(f"review:{request.id}:reason:not_yours", message_id=5, user=ADMIN))
    bot.telegram.calls.clear()

    await bot.post_update(updates.callback(f"review:{request.id}:approve:", message_id=5, user=ADMIN))

    [answer] = bot.telegram.sent("answerCallbackQuery")
    assert answer["text"] == "Already rejected."
    assert bot.telegram.sent() == []  # the user is not told twice
    assert (await TelegramUser.get(id=111)).player_id is None


async def test_a_non_admin_pressing_a_review_button_changes_nothing(bot):
    await bot.send("/verify WhaleTail", user=ALICE)
    request = await VerificationRequest.get(user_id=111)
    await bot.post_update(updates.callback(f"review:{request.id}:approve:", message_id=5, user=BRUNO))
    assert (await VerificationRequest.get(id=request.id)).status == VerificationStatus.PENDING
    assert (await TelegramUser.get(id=111)).player_id is None


async def test_rejection_then_cooldown_then_retry(bot):
    await bot.send("/verify WhaleTail", user=ALICE)
    request = await VerificationRequest.get(user_id=111)
    await bot.post_update(updates.callback(f"review:{request.id}:reason:not_yours", message_id=5, user=ADMIN))
    assert "was not approved" in bot.telegram.sent()[-1]["text"]

    [wait] = await bot.send("/verify WhaleTail", user=ALICE)
    assert "You can try again in" in wait["text"]

    await VerificationRequest.filter(id=request.id).update(decided_at=datetime.now(UTC) - timedelta(hours=1))
    [reply, _card] = await bot.send("/verify WhaleTail", user=ALICE)
    assert "Request sent" in reply["text"]


async def test_a_name_linked_to_someone_else_is_refused(bot):
    await link(bot, ALICE, "NightOwl77")
    [reply] = await bot.send("/verify NightOwl77", user=BRUNO)
    assert "ya está vinculado" in reply["text"] and "admin" in reply["text"]
    assert await VerificationRequest.filter(user_id=222).count() == 0


async def test_already_linked_user_is_told_to_unlink_first(bot):
    await link(bot, ALICE, "NightOwl77")
    [reply] = await bot.send("/verify LuckyGoat42", user=ALICE)
    assert "already linked" in reply["text"] and "/unlink" in reply["text"]


async def test_unlink_asks_for_confirmation(bot):
    await link(bot, ALICE, "NightOwl77")
    [ask] = await bot.send("/unlink", user=ALICE)
    assert "NightOwl77" in ask["text"]
    await bot.post_update(updates.callback("unlink:0", message_id=1, user=ALICE))
    assert (await TelegramUser.get(id=111)).player_id == "uidNight"
    await bot.post_update(updates.callback("unlink:1", message_id=1, user=ALICE))
    assert (await TelegramUser.get(id=111)).player_id is None
    assert "Unlinked" in bot.telegram.sent("editMessageText")[-1]["text"]


async def test_cancel_withdraws_a_pending_request(bot):
    await bot.send("/verify NightOwl77", user=ALICE)
    [reply] = await bot.send("/cancel", user=ALICE)
    assert reply["text"] == "Your link request was withdrawn."
    assert (await VerificationRequest.get(user_id=111)).status == VerificationStatus.CANCELLED
    [nothing] = await bot.send("/cancel", user=ALICE)
    assert nothing["text"] == "There is nothing to cancel."


async def test_private_only_flows_in_a_group_offer_a_private_chat(bot):
    for group_id, command, payload in ((-100501, "/verify LuckyGoat42", "verify"), (-100502, "/unlink", "unlink")):
        [reply] = await bot.send(command, user=ALICE, chat_id=group_id, chat_type="supergroup")
        url = reply["reply_markup"]["inline_keyboard"][0][0]["url"]
        assert url == f"https://t.me/goatedvips_test_bot?start={payload}"
    assert await VerificationRequest.all().count() == 0


async def test_deep_link_start_verify_opens_the_flow(bot):
    [ask] = await bot.send("/start verify", user=ALICE)
    assert "What is your Goated username" in ask["text"]


# ---- stats, race ----


async def test_stats_for_a_linked_player(bot):
    await link(bot, ALICE, "LuckyGoat42")
    [reply] = await bot.send("/stats", user=ALICE)
    text = reply["text"]
    assert "<b>LuckyGoat42</b>" in text and "VIP tier: <b>Gold</b>" in text
    assert "Today: <b>$412.66</b> · #1" in text
    assert "This month: <b>$128,944.28</b> · #2" in text
    assert "All time: <b>$171,302.91</b> · #2" in text
    assert "Updated just now" in text


async def test_stats_in_spanish_and_for_unlinked_users(bot):
    await link(bot, BRUNO, "IdleIvy")
    [reply] = await bot.send("/stats", user=BRUNO)
    assert "Nivel VIP: ninguno todavía" in reply["text"] and "Hoy: <b>US$\xa00,00</b> · —" in reply["text"]
    [unlinked] = await bot.send("/stats", user=ALICE)
    assert "/verify" in unlinked["text"]


async def test_race_position_gap_prize_and_top5(bot):
    await link(bot, ALICE, "LuckyGoat42")
    [reply] = await bot.send("/race", user=ALICE)
    text = reply["text"]
    assert "You are <b>#2</b> with $128,944.28 wagered this month" in text
    assert "$71,055.72 behind #1" in text
    assert "Prize for this place: <b>$100.00</b>" in text
    assert "Ends in" in text
    assert "🥇 WhaleTail — <b>$200,000.00</b> · $200.00" in text
    assert "5. Punter10" in text and "Punter09" not in text  # top 5 only
    assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "race:refresh"


async def test_race_leader_and_outside_the_paid_places(bot):
    await link(bot, ALICE, "WhaleTail")
    [leader] = await bot.send("/race", user=ALICE)
    assert "In the lead!" in leader["text"]
    await link(bot, BRUNO, "Punter01")
    [far] = await bot.send("/race", user=BRUNO)
    assert "#14" in far["text"] and "para entrar en los puestos premiados (top 10)" in far["text"]


async def test_race_refresh_edits_in_place(bot):
    await link(bot, ALICE, "NightOwl77")
    await bot.send("/race", user=ALICE)
    bot.goated.players = [
        p if p["uid"] != "uidNight" else player("uidNight", "NightOwl77", month=300000) for p in PLAYERS
    ]
    await bot.sync()
    await bot.post_update(updates.callback("race:refresh", message_id=1, user=ALICE))
    edit = bot.telegram.sent("editMessageText")[-1]
    assert int(edit["chat_id"]) == 111 and "In the lead!" in edit["text"]


async def test_race_in_a_group_names_the_player(bot):
    await link(bot, ALICE, "LuckyGoat42")
    [reply] = await bot.send("/race", user=ALICE, chat_id=-100500, chat_type="supergroup")
    assert "@alice is <b>#2</b>" in reply["text"]
    assert "reply_markup" not in reply


# ---- links, language, help ----


async def test_play_and_website_when_not_configured(bot):
    [play] = await bot.send("/play", user=ALICE)
    [site] = await bot.send("/website", user=ALICE)
    assert "not set up yet" in play["text"] and "not published yet" in site["text"]


async def test_language_choice_is_stored_and_used(bot):
    [menu] = await bot.send("/language", user=ALICE)
    labels = [b["text"] for row in menu["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["English", "Español", "Português"]
    await bot.post_update(updates.callback("lang:pt", message_id=1, user=ALICE))
    assert (await TelegramUser.get(id=111)).language == "pt"
    assert bot.telegram.sent("editMessageText")[-1]["text"] == "Idioma alterado para português."
    [help_pt] = await bot.send("/help", user=ALICE)
    assert "O que eu sei fazer" in help_pt["text"]


async def test_language_argument_and_tampered_button(bot):
    [reply] = await bot.send("/language es", user=ALICE)
    assert reply["text"] == "Idioma cambiado a español."
    await bot.post_update(updates.callback("lang:xx", message_id=1, user=ALICE))
    assert "no está disponible" in bot.telegram.sent("answerCallbackQuery")[-1]["text"]


async def test_help_shows_the_admin_section_to_admins_only(bot):
    [user_help] = await bot.send("/help", user=ALICE)
    [admin_help] = await bot.send("/help", user=ADMIN)
    assert "Admin" not in user_help["text"] and "<b>Admin</b>" in admin_help["text"]


async def test_start_fits_the_users_state(bot):
    [new] = await bot.send("/start", user=ALICE)
    assert "/verify" in new["text"]
    await bot.send("/verify NightOwl77", user=ALICE)
    [pending] = await bot.send("/start", user=ALICE)
    assert "waiting for an admin" in pending["text"]
    await VerificationRequest.filter(user_id=111).delete()
    await link(bot, ALICE, "NightOwl77")
    [linked] = await bot.send("/start", user=ALICE)
    assert "linked as <b>NightOwl77</b>" in linked["text"]


# ---- bad input, groups, flooding ----


async def test_unknown_commands_and_stray_text(bot):
    [unknown] = await bot.send("/frobnicate", user=ALICE)
    assert "don't know that command" in unknown["text"]
    assert await bot.send("/frobnicate", user=ALICE, chat_id=-100500, chat_type="supergroup") == []
    assert await bot.send("hello everyone", user=ALICE, chat_id=-100500, chat_type="supergroup") == []


async def test_buttons_on_old_messages_are_answered(bot):
    await bot.post_update(updates.callback("something:old", message_id=1, user=ALICE))
    assert "no longer works" in bot.telegram.sent("answerCallbackQuery")[-1]["text"]


async def test_flooding_gets_one_notice_then_silence(bot):
    replies = []
    for _ in range(9):
        replies += await bot.send("/leaderboard", user=ALICE)
    assert len(replies) == 6
    assert sum("Easy there" in r["text"] for r in replies) == 1


async def test_group_cooldown(bot):
    first = await bot.send("/leaderboard", user=ALICE, chat_id=-100500, chat_type="supergroup")
    second = await bot.send("/leaderboard", user=BRUNO, chat_id=-100500, chat_type="supergroup")
    assert len(first) == 1 and second == []


async def test_play_website_and_start_buttons_when_configured(bot):
    bot.runtime.settings.affiliate_url = "https://www.goated.com/r/VIPS"
    bot.runtime.settings.public_url = "https://vips.example.com"
    [play] = await bot.send("/play", user=BRUNO)
    [site] = await bot.send("/website", user=BRUNO)
    assert play["reply_markup"]["inline_keyboard"][0][0] == {
        "text": "Abrir Goated",
        "url": "https://www.goated.com/r/VIPS",
    }
    assert site["reply_markup"]["inline_keyboard"][0][0]["url"] == "https://vips.example.com"
    [start] = await bot.send("/start", user=BRUNO)
    urls = [b.get("url") for row in start["reply_markup"]["inline_keyboard"] for b in row]
    assert "https://www.goated.com/r/VIPS" in urls and "https://vips.example.com" in urls
    [unknown] = await bot.send("/verify Nobody", user=BRUNO)
    assert "https://www.goated.com/r/VIPS" in unknown["text"]  # how to sign up


async def test_deep_link_start_race(bot):
    await link(bot, ALICE, "NightOwl77")
    [reply] = await bot.send("/start race", user=ALICE)
    assert "You are <b>#3</b>" in reply["text"]
