"""Admins in Telegram, end to end through the webhook: the verification queue, roles, race settings,
users, community figures and the audit log. Replies come from the fake Bot API, state from the database."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from models.tables import (
    AuditEntry,
    RaceExclusion,
    RacePrizes,
    ReviewCard,
    Role,
    TelegramUser,
    VerificationRequest,
    VerificationStatus,
)
from tests import updates
from tests.fakes.goated import SERVER_ERROR, player

ALICE = updates.telegram_user(111, "Alice", "alice", "en")
BRUNO = updates.telegram_user(222, "Bruno", "bruno", "es")
CARLA = updates.telegram_user(333, "Carla", "carla", "pt")
OWNER = updates.telegram_user(999, "Olga", "olga", "en")
ADMIN = updates.telegram_user(888, "Pablo", "pablo", "es")

PLAYERS = [
    player("uidLucky", "LuckyGoat42", 412.66138, 6120.4483, 128944.2771, 171302.9055),
    player("uidNight", "NightOwl77", 10, 100, 5000.5, 60000),
    player("uidWhale", "WhaleTail", 0, 900, 200000, 1200000),
] + [player(f"uidP{i:02d}", f"Punter{i:02d}", month=100 * i, all_time=100 * i) for i in range(1, 12)]

ADMIN_COMMANDS = [
    "/pending",
    "/raceconfig",
    "/setprizes 500 50 50",
    "/exclude WhaleTail cheating",
    "/broadcast",
    "/user alice",
    "/audit",
    "/sync",
    "/admins",
    "/promote @alice",
    "/review 1",
]


@pytest.fixture
async def bot(harness):
    harness.goated.players = PLAYERS
    await harness.sync()
    await harness.send("/start", user=OWNER)  # the owner from ADMIN_IDS
    await harness.send("/start", user=ADMIN)
    await harness.send("/promote @pablo", user=OWNER)
    harness.telegram.calls.clear()
    return harness


def buttons(call) -> list[str]:
    return [b.get("callback_data") or b.get("url") for row in call["reply_markup"]["inline_keyboard"] for b in row]


def answers(calls) -> list[str]:
    return [c.params.get("text", "") for c in calls if c.method == "answerCallbackQuery"]


# ---- roles and visibility ----


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
async def test_admin_commands_are_unknown_to_everyone_else(bot, command):
    [reply] = await bot.send(command, user=ALICE)
    assert reply["text"] == "I don't know that command. Send /help to see what I can do."
    assert await AuditEntry.filter(actor_id=111).count() == 0


@pytest.mark.parametrize(
    "data",
    [
        "user:888:ban",
        "role:888:0",
        "pend:approve:0:1",
        "bc:cancel:1",
        "prizes:current",
        "review:1:approve:",
        "review:1:type:",
    ],
)
async def test_a_forwarded_admin_button_does_nothing_for_a_non_admin(bot, data):
    await request_from(bot, BRUNO, "WhaleTail")
    calls = await bot.press(data, user=ALICE)
    assert answers(calls) == ["This button no longer works. Send the command again."]
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert (await VerificationRequest.get(id=1)).status == VerificationStatus.PENDING
    assert (await TelegramUser.get(id=888)).role == Role.ADMIN and not (await TelegramUser.get(id=888)).banned
    assert await AuditEntry.filter(actor_id=111).count() == 0


async def test_owner_promotes_and_demotes_with_a_scoped_menu_and_an_audit_entry(bot):
    await bot.send("/start", user=ALICE)
    [told, reply] = await bot.send("/promote @alice", user=OWNER)
    assert reply["text"] == "@alice is now an admin." and int(told["chat_id"]) == 111
    assert (await TelegramUser.get(id=111)).role == Role.ADMIN
    [menu] = [c for c in bot.telegram.sent("setMyCommands") if c["scope"].get("chat_id") == 111]
    assert menu["scope"]["type"] == "chat" and "pending" in [c["command"] for c in menu["commands"]]

    [listing] = await bot.send("/admins", user=OWNER)
    assert "@alice" in listing["text"] and "@pablo" in listing["text"] and "owner" in listing["text"]
    calls = await bot.press("role:111:0", user=OWNER)
    assert (await TelegramUser.get(id=111)).role == Role.USER
    assert any(c.method == "deleteMyCommands" and c["scope"]["chat_id"] == 111 for c in calls)
    [reply] = await bot.send("/pending", user=ALICE)
    assert "I don't know that command" in reply["text"]
    assert await AuditEntry.filter(action="user.role", target="111").count() == 2


async def test_an_admin_who_is_not_an_owner_cannot_change_roles(bot):
    await bot.send("/start", user=ALICE)
    [reply] = await bot.send("/promote @alice", user=ADMIN)
    assert "Solo los propietarios" in reply["text"]  # Pablo reads Spanish
    calls = await bot.press("role:888:0", user=ADMIN)
    assert (await TelegramUser.get(id=888)).role == Role.ADMIN
    assert answers(calls) and "propietarios" in answers(calls)[0]


async def test_owners_come_from_admin_ids_and_cannot_be_demoted_in_the_bot(bot):
    [reply] = await bot.send("/demote 999", user=OWNER)
    assert "owner" in reply["text"] and (await TelegramUser.get(id=999)).role == Role.OWNER


# ---- the verification queue ----


async def request_from(bot, user, name) -> VerificationRequest:
    await bot.send(f"/verify {name}", user=user)
    return await VerificationRequest.get(user_id=user["id"], status=VerificationStatus.PENDING)


async def test_every_admin_gets_a_full_card_in_their_language(bot):
    await bot.send("/verify NightOwl77", user=CARLA)
    cards = {int(c["chat_id"]): c for c in bot.telegram.sent() if int(c["chat_id"]) in (888, 999)}
    assert set(cards) == {888, 999}
    english = cards[999]["text"]
    for expected in (
        "@carla",
        "Carla",
        "id <code>333</code>",
        "first seen",
        "NightOwl77",
        "uidNight",
        "Today $10.00",
        "This week $100.00",
        "This month $5,000.50",
        "All time $60,000.00",
        "Linked elsewhere: no",
        "Earlier requests: none",
    ):
        assert expected in english
    assert "Solicitud de vinculación" in cards[888]["text"]
    assert await ReviewCard.all().count() == 2


async def test_two_admins_deciding_at_once_make_one_decision_and_every_card_shows_it(bot):
    request = await request_from(bot, ALICE, "LuckyGoat42")
    bot.telegram.calls.clear()

    await asyncio.gather(
        bot.press(f"review:{request.id}:approve:", user=OWNER),
        bot.press(f"review:{request.id}:reason:not_yours", user=ADMIN),
    )

    stored = await VerificationRequest.get(id=request.id)
    assert stored.status in (VerificationStatus.APPROVED, VerificationStatus.REJECTED)
    winner = "@olga" if stored.status == VerificationStatus.APPROVED else "@pablo"
    pressed = answers(bot.telegram.calls)
    assert len(pressed) == 2 and sum(a in ("Done.", "Hecho.") for a in pressed) == 1
    assert sum(a.startswith(("Already", "Ya ")) for a in pressed) == 1
    edits = bot.telegram.sent("editMessageText")
    assert {int(e["chat_id"]) for e in edits} == {888, 999}
    assert all(winner in e["text"] and "reply_markup" not in e.params for e in edits)
    told = [c for c in bot.telegram.sent() if int(c["chat_id"]) == 111]
    assert len(told) == 1
    assert (await TelegramUser.get(id=111)).player_id == (
        "uidLucky" if stored.status == VerificationStatus.APPROVED else None
    )
    assert await AuditEntry.filter(action__startswith="verification.").count() == 1


async def test_reject_offers_reasons_and_the_user_reads_theirs(bot):
    request = await request_from(bot, BRUNO, "WhaleTail")
    calls = await bot.press(f"review:{request.id}:reject:", user=OWNER)
    [markup] = [c for c in calls if c.method == "editMessageReplyMarkup"]
    assert f"review:{request.id}:reason:not_yours" in buttons(markup) and f"review:{request.id}:type:" in buttons(
        markup
    )
    assert (await VerificationRequest.get(id=request.id)).status == VerificationStatus.PENDING

    await bot.press(f"review:{request.id}:reason:not_referred", user=OWNER)

    stored = await VerificationRequest.get(id=request.id)
    assert (stored.status, stored.reason, stored.decided_by) == (VerificationStatus.REJECTED, "not_referred", 999)
    told = [c for c in bot.telegram.sent() if int(c["chat_id"]) == 222][-1]
    assert "no fue aprobada" in told["text"] and "enlace de referido" in told["text"]


async def test_a_typed_reason_reaches_the_user_escaped(bot):
    request = await request_from(bot, ALICE, "WhaleTail")
    await bot.press(f"review:{request.id}:type:", user=OWNER)
    replies = await bot.send("Send a <b>screenshot</b> first", user=OWNER)
    assert [r["text"] for r in replies if int(r["chat_id"]) == 999] == [f"Request #{request.id} rejected."]
    told = [c for c in bot.telegram.sent() if int(c["chat_id"]) == 111][-1]
    assert "Send a &lt;b&gt;screenshot&lt;/b&gt; first" in told["text"]
    assert (await VerificationRequest.get(id=request.id)).reason == "Send a <b>screenshot</b> first"


async def test_a_withdrawn_request_updates_the_cards(bot):
    request = await request_from(bot, ALICE, "WhaleTail")
    await bot.send("/cancel", user=ALICE)
    edits = bot.telegram.sent("editMessageText")
    assert len(edits) == 2 and all("Withdrawn" in e["text"] or "Retirada" in e["text"] for e in edits)
    calls = await bot.press(f"review:{request.id}:approve:", user=OWNER)
    assert answers(calls) == ["The user withdrew this request."]
    assert (await TelegramUser.get(id=111)).player_id is None


async def screenshot(bot, user) -> None:
    """The user sends a photo of their Goated profile while their request is open: it becomes its evidence."""
    response = await bot.post_update(updates.photo_message(f"shot-{user['id']}", user=user))
    assert response.status == 200, await response.text()


async def test_pending_pages_and_bulk_approves_only_proven_requests_without_warnings(bot):
    clean = await request_from(bot, ALICE, "LuckyGoat42")
    await screenshot(bot, ALICE)
    first = await request_from(bot, BRUNO, "WhaleTail")
    second = await request_from(bot, CARLA, "WhaleTail")  # two people claim one account: both flagged
    for i in range(4):
        user = updates.telegram_user(500 + i, f"P{i}", f"p{i}", "en")
        await request_from(bot, user, f"Punter{i + 1:02d}")
        if i < 2:
            await screenshot(bot, user)

    [page] = await bot.send("/pending", user=OWNER)
    assert "(1–5 of 7)" in page["text"] and "someone else also claims this account" in page["text"]
    approve, reject, forward = buttons(page)
    assert (
        approve.startswith("pend:approve:0:")
        and reject == f"pend:reject:0:{first.id}.{second.id}"
        and forward == "pend:page:5:"
    )
    assert page["reply_markup"]["inline_keyboard"][0][0]["text"] == (
        "✅ Approve the 3 with a screenshot and no warnings"
    )

    calls = await bot.press(approve, user=OWNER)
    assert (await TelegramUser.get(id=111)).player_id == "uidLucky"
    assert (await VerificationRequest.get(id=first.id)).status == VerificationStatus.PENDING
    assert (await VerificationRequest.get(id=second.id)).status == VerificationStatus.PENDING
    [edit] = [
        c for c in calls if c.method == "editMessageText" and int(c["chat_id"]) == 999 and "Approved:" in c["text"]
    ]
    assert "Approved: 3, skipped: 0." in edit["text"]
    assert (await VerificationRequest.get(id=clean.id)).status == VerificationStatus.APPROVED

    await bot.press(approve, user=OWNER)  # pressed again: nothing more happens
    assert await VerificationRequest.filter(status=VerificationStatus.APPROVED).count() == 3

    [page2] = await bot.send("/pending", user=OWNER)
    assert "(1–4 of 4)" in page2["text"]
    # The flagged two and the punters without a screenshot: each is decided on its card.
    assert page2["text"].count(") · no proof") == 4 and "decided one by one" in page2["text"]


# ---- race settings ----


async def test_an_invalid_split_is_refused_and_nothing_changes(bot):
    [reply] = await bot.send("/setprizes 500 40 20 12 8 6 5 3.5 2.5 1.5 1.5 3.5", user=OWNER)  # 103.5 %
    assert "add up to 103.5%" in reply["text"] and "Nothing was changed" in reply["text"]
    for bad, expected in [
        ("/setprizes -5 50", "more than zero"),
        ("/setprizes 500 abc", "is not a number"),
        ("/setprizes 500", "at least one paid place"),
        ("/setprizes 500 " + "1 " * 101, "At most 100"),
        ("/setprizes 500 50 0", "more than 0%"),
        ("/setprizes 500 33.333", "two decimals"),
    ]:
        [reply] = await bot.send(bad, user=OWNER)
        assert expected in reply["text"], bad
    assert await RacePrizes.all().count() == 0


async def test_new_prizes_show_at_once_on_race_and_the_old_setting_stays_in_history(bot):
    await bot.send("/verify LuckyGoat42", user=ALICE)
    request = await VerificationRequest.get(user_id=111)
    await bot.press(f"review:{request.id}:approve:", user=OWNER)
    [before] = await bot.send("/race", user=ALICE)
    assert "Prize for this place: <b>$100.00</b>" in before["text"]  # default: 20 % of $500 for #2

    [saved] = await bot.send("/setprizes 1000 50 30 20", user=OWNER)
    assert "Prizes for" in saved["text"] and "2. 30% — $300.00" in saved["text"]
    [after] = await bot.send("/race", user=ALICE)
    assert "Prize for this place: <b>$300.00</b>" in after["text"] and "Prize pool: $1,000.00" in after["text"]
    page = await (await bot.client.get("/")).text()
    assert "<strong>$1,000.00</strong>" in page and '<td class="num">$300.00</td>' in page

    async with bot.client.ws_connect("/ws", headers={"Origin": str(bot.client.make_url("")).rstrip("/")}) as socket:
        assert (await socket.receive_json(timeout=10))["race"]["prize_pool"] == "1000.00"
        await bot.send("/setprizes 600 60 40", user=OWNER)
        update = await socket.receive_json(timeout=10)  # the open page follows at once, not at the next sync
        assert update["type"] == "update" and update["race"]["prize_pool"] == "600.00"
    history = await RacePrizes.all().order_by("id").values_list("pool", flat=True)
    assert history == [Decimal("1000.00"), Decimal("600.00")]
    [config] = await bot.send("/raceconfig", user=OWNER)
    assert "Recent changes" in config["text"] and "$1,000.00" in config["text"] and "$600.00" in config["text"]
    entry = await AuditEntry.filter(action="race.prizes").order_by("-id").first()
    assert entry.before == {"pool": "1000.00", "split": ["50", "30", "20"]} and entry.after["pool"] == "600.00"


async def test_next_race_prizes_leave_the_current_race_alone(bot):
    await bot.send("/setprizes next 800 100", user=OWNER)
    [config] = await bot.send("/raceconfig", user=OWNER)
    this_race, next_race = config["text"].split("Next race")
    assert "$500.00" in this_race and "$800.00" in next_race and "1. 100% — $800.00" in next_race


async def test_the_guided_flow_validates_each_step(bot):
    await bot.send("/raceconfig", user=OWNER)
    await bot.press("prizes:current", user=OWNER)
    [again] = await bot.send("zero", user=OWNER)
    assert "is not a number" in again["text"]
    await bot.send("750", user=OWNER)
    [again] = await bot.send("60 50", user=OWNER)
    assert "add up to 110%" in again["text"]
    [saved] = await bot.send("60 40", user=OWNER)
    assert "1. 60% — $450.00" in saved["text"]
    assert await RacePrizes.all().values_list("pool", flat=True) == [Decimal("750.00")]


async def test_prizes_never_add_up_to_more_than_the_pool(bot):
    await bot.send("/setprizes 100.01 33.33 33.33 33.34", user=OWNER)
    [config] = await bot.send("/raceconfig", user=OWNER)
    assert "Total: 100% ($100.00)" in config["text"]  # each prize rounded down: the odd cent stays in the pool


async def test_exclusion_removes_a_player_from_the_race_and_can_be_undone(bot):
    [reply] = await bot.send("/exclude WhaleTail bonus abuse", user=OWNER)
    assert "excluded from this race" in reply["text"]
    [race] = await bot.send("/race", user=ALICE)
    assert "WhaleTail" not in race["text"] and "🥇 LuckyGoat42" in race["text"]
    assert "WhaleTail" not in await (await bot.client.get("/")).text()
    [again] = await bot.send("/exclude uidWhale twice", user=OWNER)
    assert "already excluded" in again["text"]
    assert await RaceExclusion.filter(active_key__isnull=False).count() == 1

    [undo] = await bot.send("/include whaletail", user=OWNER)
    assert "counts in this race again" in undo["text"]
    [race] = await bot.send("/race", user=ALICE)
    assert "🥇 WhaleTail" in race["text"]
    assert [e.action for e in await AuditEntry.filter(action__startswith="race.").order_by("id")] == [
        "race.exclude",
        "race.include",
    ]


# ---- users ----


async def test_user_card_ban_unban_unlink_and_message(bot):
    await bot.send("/verify NightOwl77", user=ALICE)
    request = await VerificationRequest.get(user_id=111)
    await bot.press(f"review:{request.id}:approve:", user=OWNER)

    for query in ("111", "@alice", "nightowl77"):
        [card] = await bot.send(f"/user {query}", user=OWNER)
        assert "@alice" in card["text"] and "NightOwl77" in card["text"], query
    assert buttons(card) == ["user:111:unlink", "user:111:ban", "user:111:message"]
    [missing] = await bot.send("/user @nobody", user=OWNER)
    assert "No user matches @nobody" in missing["text"]

    await bot.press("user:111:ban", user=OWNER)
    assert (await TelegramUser.get(id=111)).banned
    assert await bot.send("/race", user=ALICE) == []  # ignored while banned
    await bot.press("user:111:unban", user=OWNER)
    [race] = await bot.send("/race", user=ALICE)
    assert "Monthly wager race" in race["text"]

    await bot.press("user:111:unlink", user=OWNER)
    assert (await TelegramUser.get(id=111)).player_id is None

    await bot.press("user:111:message", user=OWNER)
    bold = [{"type": "bold", "offset": 25, "length": 6}]
    [told, confirmation] = await bot.send("Your prize is on its way <soon>", user=OWNER, entities=bold)
    assert int(told["chat_id"]) == 111 and "Message from the admins" in told["text"]
    assert "Your prize is on its way <b>&lt;soon&gt;</b>" in told["text"]  # formatting kept, typed markup escaped
    assert confirmation["text"] == "Delivered to @alice."
    actions = [e.action for e in await AuditEntry.filter(target="111").order_by("id")]
    assert actions == ["user.ban", "user.unban", "user.unlink", "user.message"]


async def test_admins_cannot_be_banned(bot):
    calls = await bot.press("user:888:ban", user=OWNER)
    assert "cannot be banned" in answers(calls)[0]
    assert not (await TelegramUser.get(id=888)).banned


# ---- community, sync, audit ----


async def test_admin_stats_shows_the_community_and_stats_me_the_player_view(bot):
    await bot.send("/start", user=ALICE)
    await bot.send("/verify LuckyGoat42", user=ALICE)
    [stats] = await bot.send("/stats", user=OWNER)
    for expected in (
        "Users: 3",
        "linked: 0",
        "pending requests: 1",
        "Active in this race: 14",
        "Wagered this month: $340,544.78",
        "Last sync: #1 ok",
    ):
        assert expected in stats["text"], expected
    [mine] = await bot.send("/stats me", user=OWNER)
    assert "Link your Goated account first" in mine["text"]


async def test_manual_sync_reports_and_is_audited(bot):
    bot.goated.players = PLAYERS[:2]
    [_start, done] = await bot.send("/sync", user=OWNER)
    assert "✅ Sync #2 done: 2 players" in done["text"]
    bot.goated.then(*[SERVER_ERROR] * 5)
    [_start, failed] = await bot.send("/sync", user=OWNER)
    assert "❌ Sync #3 failed" in failed["text"] and "last good data stays" in failed["text"]
    assert await AuditEntry.filter(action="sync.manual").count() == 2


async def test_audit_lists_the_latest_actions_and_refuses_bad_counts(bot):
    await bot.send("/setprizes 500 50 50", user=OWNER)
    await bot.send("/exclude WhaleTail cheating", user=OWNER)
    [audit] = await bot.send("/audit 2", user=OWNER)
    lines = audit["text"].splitlines()
    assert len(lines) == 3 and "excluded a player" in lines[1] and "set race prizes" in lines[2] and "@olga" in lines[1]
    [bad] = await bot.send("/audit lots", user=OWNER)
    assert "Usage: /audit" in bad["text"]


async def test_an_admins_help_reaches_telegram_with_its_placeholders_escaped(harness):
    await harness.send("/start", user=OWNER)
    await harness.send("/help", user=OWNER)
    help_message = harness.telegram.sent()[-1]
    assert help_message.ok, "Telegram refused the message (an unescaped <placeholder> is not a tag it knows)"
    assert "/review &lt;id&gt;" in help_message["text"] and "<b>Admin</b>" in help_message["text"]
