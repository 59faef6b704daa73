"""No link request waits unseen, and none is approved unproven: review cards reach every admin who becomes
reachable (first /start, promotion), a screenshot turns them into photo cards, /start counts what waits,
/pending approves in bulk only what carries a screenshot, and /health says how many admins can be reached.
End to end through the webhook; what admins see comes from the fake Bot API, state from the database."""

from __future__ import annotations

import logging

import pytest

from bot.review_cards import warn_no_admins_once
from models.tables import ReviewCard, VerificationRequest, VerificationStatus
from tests import updates
from tests.fakes.goated import player
from tests.fakes.telegram import visible_length

ALICE = updates.telegram_user(111, "Alice", "alice", "en")
BRUNO = updates.telegram_user(222, "Bruno", "bruno", "es")
CARLA = updates.telegram_user(333, "Carla", "carla", "pt")
DIEGO = updates.telegram_user(444, "Diego", "diego", "en")
OWNER = updates.telegram_user(999, "Olga", "olga", "en")
ADMIN = updates.telegram_user(888, "Pablo", "pablo", "es")

# Names of 64 characters (the longest a user may type) that count double in UTF-16, as Telegram counts.
GOATS = [f"{'🐐' * 63}{letter}" for letter in "ABCDEF"]
PLAYERS = [
    player("uidLucky", "LuckyGoat42", 412.66, 6120.44, 128944.27, 171302.90),
    player("uidNight", "NightOwl77", 10, 100, 5000.5, 60000),
    player("uidWhale", "WhaleTail", 0, 900, 200000, 1200000),
] + [player(f"uidGoat{i}", name, month=10) for i, name in enumerate(GOATS)]


@pytest.fixture
async def bot(harness):
    """Players synced; no admin has talked to the bot yet."""
    harness.goated.players = PLAYERS
    await harness.sync()
    return harness


def buttons(call) -> list[str]:
    return [b.get("callback_data") or b.get("url") for row in call["reply_markup"]["inline_keyboard"] for b in row]


def to(calls, chat_id: int) -> list:
    return [c for c in calls if "chat_id" in c and int(c["chat_id"]) == chat_id]


def answers(calls) -> list[str]:
    return [c.params.get("text", "") for c in calls if c.method == "answerCallbackQuery"]


async def request_from(bot, user, name) -> VerificationRequest:
    await bot.send(f"/verify {name}", user=user)
    return await VerificationRequest.get(user_id=user["id"], status=VerificationStatus.PENDING)


async def screenshot(bot, user, file_id: str) -> None:
    """The user sends a photo while their request is open: it becomes the request's evidence."""
    response = await bot.post_update(updates.photo_message(file_id, user=user))
    assert response.status == 200, await response.text()


async def promote_pablo(bot) -> None:
    await bot.send("/start", user=ADMIN)
    await bot.send("/promote @pablo", user=OWNER)


async def test_a_request_made_before_any_admin_reaches_the_owner_at_first_start(bot, caplog):
    warn_no_admins_once.cache_clear()  # once per process: this test looks at a fresh one
    caplog.set_level(logging.WARNING, logger="bot.review_cards")
    await request_from(bot, ALICE, "LuckyGoat42")
    await request_from(bot, BRUNO, "NightOwl77")
    assert to(bot.telegram.calls, 999) == [] and await ReviewCard.all().count() == 0
    assert len([r for r in caplog.records if "no admin" in r.getMessage()]) == 1  # not one per request

    welcome, *cards = await bot.send("/start", user=OWNER)  # the owner's first contact (ADMIN_IDS)
    assert "2 link requests are waiting for review" in welcome["text"]
    assert "pend:open:0:" in buttons(welcome)
    assert [int(c["chat_id"]) for c in cards] == [999, 999]
    assert "Link request #1" in cards[0]["text"] and "Link request #2" in cards[1]["text"]
    assert all("no proof" in c["text"] and "review:" in buttons(c)[0] for c in cards)
    assert await ReviewCard.filter(chat_id=999).count() == 2

    [again] = await bot.send("/start", user=OWNER)  # nothing new: no duplicate card
    assert "2 link requests are waiting" in again["text"]
    assert await ReviewCard.filter(chat_id=999).count() == 2


async def test_the_start_count_opens_the_pending_page(bot):
    [welcome] = await bot.send("/start", user=OWNER)
    assert "waiting for review" not in welcome["text"] and "pend:open:0:" not in buttons(welcome)
    await request_from(bot, ALICE, "LuckyGoat42")
    [welcome] = await bot.send("/start", user=OWNER)
    assert "1 link request is waiting for review" in welcome["text"]

    calls = await bot.press("pend:open:0:", user=OWNER)
    [page] = [c for c in calls if c.method == "sendMessage"]
    assert int(page["chat_id"]) == 999 and "Open link requests" in page["text"] and "@alice" in page["text"]
    assert not [c for c in calls if c.method == "editMessageText"]  # the welcome stays

    [welcome] = await bot.send("/start", user=ALICE)  # a player sees no count
    assert "waiting for review" not in welcome["text"]
    calls = await bot.press("pend:open:0:", user=ALICE)  # nor can they open the queue
    assert answers(calls) == ["This button no longer works. Send the command again."]


async def test_a_promoted_admin_receives_the_open_cards_once(bot):
    await bot.send("/start", user=OWNER)
    first = await request_from(bot, ALICE, "LuckyGoat42")
    await request_from(bot, BRUNO, "NightOwl77")
    [welcome] = await bot.send("/start", user=ADMIN)  # not an admin yet: no cards
    assert "Solicitud" not in welcome["text"]

    before = len(bot.telegram.calls)
    await bot.send("/promote @pablo", user=OWNER)
    told, *cards = to(bot.telegram.calls[before:], 888)  # the menu is set too (scoped to the chat, not sent to it)
    assert "admin" in told["text"]
    assert len(cards) == 2 and all("Solicitud de vinculación" in c["text"] for c in cards)  # Pablo reads Spanish
    assert await ReviewCard.filter(chat_id=888).count() == 2

    [welcome] = await bot.send("/start", user=ADMIN)
    assert await ReviewCard.filter(chat_id=888).count() == 2  # no duplicate

    await bot.press(f"review:{first.id}:approve:", user=OWNER)
    edits = bot.telegram.delivered("editMessageText")
    assert {int(e["chat_id"]) for e in edits} == {888, 999}  # Pablo's card shows the decision too


async def test_a_screenshot_replaces_the_cards_with_photo_cards_and_a_decision_edits_their_captions(bot):
    await bot.send("/start", user=OWNER)
    await promote_pablo(bot)
    request = await request_from(bot, ALICE, "LuckyGoat42")
    text_cards = {card.chat_id: card.message_id for card in await ReviewCard.filter(request_id=request.id)}
    assert set(text_cards) == {888, 999}
    bot.telegram.calls.clear()

    await screenshot(bot, ALICE, "shot-1")

    deleted = {int(c["chat_id"]): int(c["message_id"]) for c in bot.telegram.delivered("deleteMessage")}
    assert deleted == text_cards  # the cards without the screenshot are gone
    photos = {int(c["chat_id"]): c for c in bot.telegram.delivered("sendPhoto")}
    assert set(photos) == {888, 999}
    owner_card = photos[999]
    assert owner_card["photo"] == "shot-1" and f"Link request #{request.id}" in owner_card["caption"]
    assert "📷 Evidence" in owner_card["caption"] and "no proof" not in owner_card["caption"]
    assert buttons(owner_card) == [f"review:{request.id}:approve:", f"review:{request.id}:reject:"]
    assert await ReviewCard.filter(request_id=request.id).count() == 2
    bot.telegram.calls.clear()

    await bot.press(f"review:{request.id}:approve:", user=OWNER)

    edits = bot.telegram.sent("editMessageCaption")
    assert {int(e["chat_id"]) for e in edits} == {888, 999} and all(e.ok for e in edits)
    assert all("@olga" in e["caption"] and "reply_markup" not in e.params for e in edits)
    assert not bot.telegram.sent("editMessageText")
    assert (await VerificationRequest.get(id=request.id)).status == VerificationStatus.APPROVED


async def test_a_proven_request_reaches_a_new_owner_as_a_photo_card_and_review_shows_the_photo(bot):
    request = await request_from(bot, ALICE, "NightOwl77")
    await screenshot(bot, ALICE, "shot-2")
    await bot.send("/start", user=OWNER)
    [card] = bot.telegram.delivered("sendPhoto")
    assert int(card["chat_id"]) == 999 and card["photo"] == "shot-2" and "NightOwl77" in card["caption"]

    await bot.send(f"/review {request.id}", user=OWNER)
    assert [c["photo"] for c in bot.telegram.delivered("sendPhoto")] == ["shot-2", "shot-2"]
    await bot.press(f"review:{request.id}:reason:not_yours", user=OWNER)
    edits = bot.telegram.sent("editMessageCaption")
    assert len(edits) == 2 and all(e.ok and "Rejected by @olga" in e["caption"] for e in edits)


async def test_a_long_card_is_shortened_to_fit_a_caption(app_with):
    bot = await app_with(verify_cooldown_seconds=0)  # a rejected user may ask again at once
    bot.goated.players = PLAYERS
    await bot.sync()
    goat_fan = updates.telegram_user(555, "🐐" * 64, "goatfan", "en")  # names that count double in UTF-16
    await bot.send("/start", user=OWNER)
    for name in GOATS[:3]:  # three earlier requests, rejected
        request = await request_from(bot, goat_fan, name)
        await bot.press(f"review:{request.id}:reason:not_yours", user=OWNER)
    request = await request_from(bot, goat_fan, GOATS[3])
    await request_from(bot, BRUNO, GOATS[3])  # a rival claim: one more warning on the card
    [text_card] = [c for c in to(bot.telegram.sent(), 999) if f"Link request #{request.id}" in c["text"]]
    assert visible_length(text_card["text"], "HTML") > 1024  # too long for a caption as it is
    bot.telegram.calls.clear()

    await screenshot(bot, goat_fan, "shot-3")

    [card] = bot.telegram.sent("sendPhoto")
    assert card.ok and visible_length(card["caption"], "HTML") <= 1024
    assert f"Link request #{request.id}" in card["caption"] and "📷 Evidence" in card["caption"]
    assert "someone else also claims this account" in card["caption"]
    assert "#3 " in card["caption"] and "#1 " not in card["caption"] and "more" in card["caption"]
    await bot.press(f"review:{request.id}:reason:duplicate", user=OWNER)
    [edit] = bot.telegram.sent("editMessageCaption")
    assert edit.ok and visible_length(edit["caption"], "HTML") <= 1024 and "Rejected by @olga" in edit["caption"]


async def test_pending_bulk_approves_only_requests_with_a_screenshot_and_no_warnings(bot):
    await bot.send("/start", user=OWNER)
    unproven = await request_from(bot, ALICE, "LuckyGoat42")
    proven = await request_from(bot, BRUNO, "NightOwl77")
    await screenshot(bot, BRUNO, "shot-b")
    flagged = await request_from(bot, CARLA, "WhaleTail")
    await screenshot(bot, CARLA, "shot-c")
    rival = await request_from(bot, DIEGO, "WhaleTail")  # two claims on one account: both flagged

    [page] = await bot.send("/pending", user=OWNER)
    lines = {line.split()[1]: line for line in page["text"].splitlines() if line and line[0] in "✅⚠▫"}
    assert "no proof" in lines[f"#{unproven.id}"] and lines[f"#{unproven.id}"].startswith("▫️")
    assert "📷" in lines[f"#{proven.id}"] and lines[f"#{proven.id}"].startswith("✅")
    assert "📷" in lines[f"#{flagged.id}"] and "no proof" in lines[f"#{rival.id}"]
    approve, reject = buttons(page)
    assert approve == f"pend:approve:0:{proven.id}" and reject == f"pend:reject:0:{flagged.id}.{rival.id}"
    labels = [b["text"] for row in page["reply_markup"]["inline_keyboard"] for b in row]
    assert labels[0] == "✅ Approve the 1 with a screenshot and no warnings"

    calls = await bot.press(approve, user=OWNER)
    assert "Approved: 1, skipped: 0." in answers(calls)
    assert (await VerificationRequest.get(id=proven.id)).status == VerificationStatus.APPROVED
    calls = await bot.press(f"pend:approve:0:{unproven.id}", user=OWNER)  # forged: an unproven claim
    assert "Approved: 0, skipped: 1." in answers(calls)
    assert (await VerificationRequest.get(id=unproven.id)).status == VerificationStatus.PENDING

    calls = await bot.press(reject, user=OWNER)  # the bulk reject of flagged requests stays
    assert (await VerificationRequest.get(id=flagged.id)).status == VerificationStatus.REJECTED
    # Its rival is no longer flagged once the other claim is gone: it is left for a person.
    assert "Rejected: 1, skipped: 1." in answers(calls)
    assert (await VerificationRequest.get(id=rival.id)).status == VerificationStatus.PENDING


async def test_health_counts_the_admins_the_bot_can_reach(bot):
    assert (await (await bot.client.get("/health")).json())["reachable_admins"] == 0
    await bot.send("/start", user=OWNER)
    body = await (await bot.client.get("/health")).json()
    assert body["reachable_admins"] == 1 and body["database"] == {"reachable": True}


async def test_an_owner_whose_first_contact_is_not_start_gets_the_open_cards(bot):
    await request_from(bot, ALICE, "LuckyGoat42")
    calls = await bot.send("/help", user=OWNER)  # the owner's first words to the bot
    cards = [c for c in to(calls, 999) if "Link request #1" in c["text"]]
    assert len(cards) == 1 and await ReviewCard.filter(chat_id=999).count() == 1
    [welcome] = await bot.send("/start", user=OWNER)  # the card is not sent twice
    assert "1 link request is waiting" in welcome["text"]
