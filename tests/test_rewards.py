"""Bonus codes and challenges end to end through the webhook: claims counted, caps that hold when many
press at once, expired codes, bad links, non-linked players, and every admin action audited."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from models import clock
from models.tables import (
    AuditEntry,
    BonusClaim,
    BonusCode,
    Challenge,
    ChallengeEntry,
    EntryStatus,
    PrizeCode,
    TelegramUser,
)
from tests import updates
from tests.fakes.goated import player
from tests.support import answers

OWNER = updates.telegram_user(999, "Olga", "olga", "en")
SECOND_ADMIN = updates.telegram_user(998, "Omar", "omar", "en")
ALICE = updates.telegram_user(111, "Alice", "alice", "en")
BRUNO = updates.telegram_user(222, "Bruno", "bruno", "es")
NOBODY = updates.telegram_user(333, "Nina", "nina", "en")  # never linked


async def linked_players(harness, count: int, month: float = 500) -> list[dict]:
    """`count` Telegram users, each linked to a synced Goated player (set up in the database directly)."""
    harness.goated.players = [player(f"p{i:03d}", f"Player{i}", month=month + i) for i in range(count)]
    await harness.sync()
    users = [updates.telegram_user(5000 + i, f"User{i}", f"user{i}", "en") for i in range(count)]
    await TelegramUser.bulk_create(
        [
            TelegramUser(id=u["id"], first_name=u["first_name"], username=u["username"], player_id=f"p{i:03d}")
            for i, u in enumerate(users)
        ]
    )
    return users


async def second_admin(harness) -> None:
    await harness.send("/start", user=SECOND_ADMIN)
    await TelegramUser.filter(id=SECOND_ADMIN["id"]).update(role="admin")


async def test_a_linked_player_claims_a_code_once_and_sees_it_again(harness):
    alice = (await linked_players(harness, 1))[0]
    await harness.send("/start", user=OWNER)
    made = await harness.send("/newcode GOAT10 | $10 free bet | 50 | 7d", user=OWNER)
    assert "Bonus code #1 is live" in made[-1]["text"]
    assert "link your Goated account with /verify first" in (await harness.send("/bonus", user=NOBODY))[-1]["text"]

    listing = (await harness.send("/bonus", user=alice))[-1]
    assert "$10 free bet" in listing["text"] and "GOAT10" not in listing["text"]  # the code shows only once claimed
    calls = await harness.press("bonus:1", user=alice)
    assert answers(calls) == ["Claimed!"]
    assert "<tg-spoiler><code>GOAT10</code></tg-spoiler>" in [c for c in calls if c.method == "sendMessage"][-1]["text"]
    assert answers(await harness.press("bonus:1", user=alice)) == ["You claimed this one before."]
    assert await BonusClaim.all().count() == 1 and (await BonusCode.get(id=1)).claims == 1
    again = (await harness.send("/bonus", user=alice))[-1]["text"]
    assert "No codes to claim right now" in again and "GOAT10" in again  # under "Your codes"

    # Alice's Goated account moves to another Telegram account: the account claimed this code already
    other = updates.telegram_user(444, "Alicia", "alicia", "en")
    await TelegramUser.filter(id=alice["id"]).update(player_id=None)
    await TelegramUser.create(id=other["id"], first_name="Alicia", username="alicia", player_id="p000")
    assert answers(await harness.press("bonus:1", user=other)) == ["You claimed this one before."]
    assert await BonusClaim.all().count() == 1
    assert await AuditEntry.filter(action="bonus.create", actor_id=999).exists()


async def test_a_hundred_players_pressing_at_once_on_the_last_claim_make_one_winner(harness):
    users = await linked_players(harness, 100)
    await harness.send("/start", user=OWNER)
    await harness.send("/newcode LAST1 | the last one | 1 | 1d", user=OWNER)
    await asyncio.gather(*(harness.post_update(updates.callback("bonus:1", message_id=1, user=u)) for u in users))
    said = answers(harness.telegram.calls)
    assert said.count("Claimed!") == 1
    assert said.count("Too late: this code has expired or every claim is taken.") == 99
    assert await BonusClaim.all().count() == 1 and (await BonusCode.get(id=1)).claims == 1


async def test_expired_closed_and_out_of_reach_codes(harness):
    alice = (await linked_players(harness, 1, month=500))[0]
    await harness.send("/start", user=OWNER)
    await harness.send("/newcode SOON | soon gone | 5 | 1h", user=OWNER)
    await harness.send("/newcode BIG | for big players | 5 | 7d | 1000", user=OWNER)
    assert "/newcode CODE | what it gives" in (await harness.send("/newcode X1 | two parts", user=OWNER))[-1]["text"]
    assert (
        "That moment has passed" in (await harness.send("/newcode OLD | late | 5 | 2020-01-01", user=OWNER))[-1]["text"]
    )
    assert await BonusCode.all().count() == 2

    denied = await harness.press("bonus:2", user=alice)
    assert answers(denied) == ["This code needs more wagered this month than you have so far."]
    clock.set_now(clock.now() + timedelta(hours=2))
    assert "soon gone" not in (await harness.send("/bonus", user=alice))[-1]["text"]
    assert answers(await harness.press("bonus:1", user=alice)) == [
        "Too late: this code has expired or every claim is taken."
    ]
    await harness.press("codeadm:close:2", user=OWNER)
    assert "for big players" not in (await harness.send("/bonus", user=alice))[-1]["text"]
    assert await AuditEntry.filter(action="bonus.close", target="2").exists()
    assert await BonusClaim.all().count() == 0


async def test_the_guided_code_form_checks_each_answer(harness):
    await harness.send("/start", user=OWNER)
    steps = [
        ("/newcode", "1/5"),
        ("no spaces allowed", "2–64 letters"),
        ("WELCOME", "2/5"),
        ("$5 bonus", "3/5"),
        ("lots", "A whole number"),
        ("20", "4/5"),
        ("tomorrow", "Write it as 7d"),
        ("2d", "5/5"),
        ("0", "Bonus code #1 is live"),
    ]
    for text, expected in steps:
        assert expected in (await harness.send(text, user=OWNER))[-1]["text"], text
    code = await BonusCode.get(id=1)
    assert (code.code, code.reward, code.max_claims, code.min_wager_month) == ("WELCOME", "$5 bonus", 20, None)


async def create_challenge(harness, winners: int = 2, codes: str = "PRIZE-A\nPRIZE-B\nPRIZE-C") -> None:
    for text in ("/newchallenge", "Plinko", "100", "1", "50", str(winners), "3d", "Hit 100x on Plinko!", codes):
        replies = await harness.send(text, user=OWNER)
    assert "is open and being announced" in replies[0]["text"], replies[0]["text"]


async def test_a_challenge_is_announced_entered_and_won(harness):
    alice, bruno, carol = await linked_players(harness, 3)
    await TelegramUser.filter(id=bruno["id"]).update(notify_challenges=False, language="es")
    await harness.send("/start", user=OWNER)
    await second_admin(harness)
    for text, expected in (
        ("/newchallenge", "1/8"),
        ("Plinko", "2/8"),
        ("one", "not a number"),
        ("100", "3/8"),
        ("1", "4/8"),
        ("50", "5/8"),
        ("3", "6/8"),
        ("3d", "7/8"),
        ("Hit 100x on Plinko!", "8/8"),
        ("ONLY-ONE\nONLY-TWO", "at least one prize code per winner"),
        ("A1\nA2\nA3", "Challenge #1 is open"),
    ):
        replies = await harness.send(text, user=OWNER)
        assert any(expected in c["text"] for c in replies if int(c["chat_id"]) == OWNER["id"]), text
    told = [c for c in harness.telegram.delivered() if "🆕" in c["text"]]
    assert sorted(int(c["chat_id"]) for c in told) == [alice["id"], carol["id"]]  # Bruno opted out; Nina is not linked
    assert "hit <b>100×</b> with a bet of at least $1.00" in told[0]["text"] and "3 of 3 places left" in told[0]["text"]

    offer = (await harness.send("/challenges", user=alice))[-1]
    assert offer["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "enter:1"
    for link in (
        "https://goated.com.evil.io/bet/abc123",
        "http://goated.com/bet/abc123",
        "https://goated.com/casino/plinko",
        "https://user@goated.com/bet/abc123",
    ):
        assert "not a Goated bet link" in (await harness.send(f"/enter 1 {link}", user=carol))[-1]["text"], link
    await harness.press("enter:1", user=alice)
    assert "Entry received" in (await harness.send("https://goated.com/bet/abc123", user=alice))[-1]["text"]
    assert (
        "already entered" in (await harness.send("/enter 1 https://www.goated.com/bets/xyz789", user=alice))[-1]["text"]
    )
    assert (
        "Link your Goated account first"
        in (await harness.send("/enter 1 https://goated.com/bet/zzz999", user=NOBODY))[-1]["text"]
    )
    assert (
        "Participación recibida"
        in (await harness.send("/enter 1 https://goated.com/?betId=777", user=bruno))[-1]["text"]
    )

    cards = await harness.send("/entries", user=OWNER)
    assert len(cards) == 2 and "https://goated.com/bet/abc123" in cards[0]["text"]
    await harness.press("entry:approve:1:", user=OWNER)
    assert answers(await harness.press("entry:reject:1:game", user=SECOND_ADMIN)) == [
        "Someone already decided this entry."
    ]
    brunos = await ChallengeEntry.get(user_id=bruno["id"])
    await harness.press(f"entry:reject:{brunos.id}:multiplier", user=OWNER)
    to_alice = [c["text"] for c in harness.telegram.delivered() if int(c["chat_id"]) == alice["id"]]
    assert any("<tg-spoiler><code>A1</code></tg-spoiler>" in text for text in to_alice)
    to_bruno = [c["text"] for c in harness.telegram.delivered() if int(c["chat_id"]) == bruno["id"]]
    assert any("no alcanzó el multiplicador" in text for text in to_bruno), to_bruno  # in Bruno's language
    mine = (await harness.send("/myentries", user=alice))[-1]["text"]
    assert "✅ approved" in mine and "<tg-spoiler><code>A1</code></tg-spoiler>" in mine
    assert (
        await AuditEntry.filter(action__in=["challenge.create", "challenge.approved", "challenge.rejected"]).count()
        == 3
    )


async def test_concurrent_approvals_never_pass_the_cap(harness):
    users = await linked_players(harness, 6)
    await harness.send("/start", user=OWNER)
    await second_admin(harness)
    await create_challenge(harness, winners=2)
    for i, user in enumerate(users):
        await harness.send(f"/enter 1 https://goated.com/bet/bet{i:04d}", user=user)
    presses = [
        harness.post_update(updates.callback(f"entry:approve:{entry}:", message_id=1, user=admin))
        for entry in range(1, 7)
        for admin in (OWNER, SECOND_ADMIN)
    ]
    await asyncio.gather(*presses)
    assert await ChallengeEntry.filter(status=EntryStatus.APPROVED).count() == 2
    assert (
        await ChallengeEntry.filter(status=EntryStatus.REJECTED, reason="closed").count() == 4
    )  # full: the rest are told
    told = [c["text"] for c in harness.telegram.delivered() if "was not approved" in c["text"]]
    assert len(told) == 4 and "the challenge closed before your entry was reviewed" in told[0]
    challenge = await Challenge.get(id=1)
    assert challenge.winners == 2 and challenge.closed_at is not None
    given = await PrizeCode.filter(entry_id__isnull=False).values_list("code", flat=True)
    assert sorted(given) == ["PRIZE-A", "PRIZE-B"]
    assert "No open challenges" in (await harness.send("/challenges", user=users[0]))[-1]["text"]


async def test_a_challenge_past_its_deadline_takes_no_entries_but_decides_those_sent_in_time(harness):
    alice, bruno, carol = await linked_players(harness, 3)
    await harness.send("/start", user=OWNER)
    await create_challenge(harness)
    await harness.send("/enter 1 https://goated.com/bet/intime1", user=alice)
    await harness.send("/enter 1 https://goated.com/bet/intime2", user=bruno)
    await harness.press("enter:1", user=carol)  # asked for a link, Carol sends a command instead: it is answered
    assert "You have not entered a challenge yet" in (await harness.send("/myentries", user=carol))[-1]["text"]
    clock.set_now(clock.now() + timedelta(days=4))
    assert "No open challenges" in (await harness.send("/challenges", user=carol))[-1]["text"]
    assert (
        "This challenge is closed"
        in (await harness.send("/enter 1 https://goated.com/bet/late01", user=carol))[-1]["text"]
    )
    assert answers(await harness.press("entry:approve:1:", user=OWNER)) == [
        "✅ Approved: the winner gets their prize code in a private message."
    ]
    assert "Challenge #1 is closed" in (await harness.send("/closechallenge 1", user=OWNER))[0]["text"]
    to_bruno = [c["text"] for c in harness.telegram.delivered() if int(c["chat_id"]) == bruno["id"]]
    assert any("the challenge closed before your entry was reviewed" in text for text in to_bruno), to_bruno
    assert [(e.user_id, e.status) for e in await ChallengeEntry.all().order_by("id")] == [
        (alice["id"], EntryStatus.APPROVED),
        (bruno["id"], EntryStatus.REJECTED),
    ]


async def test_non_admins_cannot_create_or_decide(harness):
    alice = (await linked_players(harness, 1))[0]
    assert "I don't know that command" in (await harness.send("/newcode FREE | free | 5 | 1d", user=alice))[-1]["text"]
    assert answers(await harness.press("entry:approve:1:", user=alice)) == [
        "This button no longer works. Send the command again."
    ]
    assert await BonusCode.all().count() == 0


async def test_odd_numbers_get_a_clear_answer(harness):
    alice = (await linked_players(harness, 1))[0]
    await harness.send("/start", user=OWNER)
    for line, expected in (
        ("/newcode X1 | y | ² | 1d", "A whole number"),
        ("/newcode X1 | y | " + "9" * 4000 + " | 1d", "That is too large"),  # Telegram cuts texts at 4096
        ("/newcode X1 | y | 5 | 9999-12-31", "Write it as 7d"),
    ):
        assert expected in (await harness.send(line, user=OWNER))[-1]["text"], line
    assert (
        "Usage: /enter 12"
        in (await harness.send("/enter 99999999999 https://goated.com/bet/abc", user=alice))[-1]["text"]
    )
    assert answers(await harness.press("bonus:99999999999", user=alice)) == [
        "This button no longer works. Send the command again."
    ]
    assert "Usage: /closechallenge" in (await harness.send("/closechallenge 1e3", user=OWNER))[-1]["text"]
    await harness.send("/newcode BIG | for big players | 5 | 7d | 1,000", user=OWNER)  # thousands, not one dollar
    assert [c.min_wager_month for c in await BonusCode.all()] == [1000]


async def test_long_lists_fit_in_one_message(harness):
    alice = (await linked_players(harness, 1))[0]
    await harness.send("/start", user=OWNER)
    for i in range(30):
        await BonusCode.create(
            code=f"CODE{i:02d}" + "X" * 50,
            reward=f"{i} " + "&<>" * 80,
            max_claims=5,
            expires_at=clock.now() + timedelta(days=1 + i),
            created_by=OWNER["id"],
        )
    listing = (await harness.send("/bonus", user=alice))[-1]
    assert listing.ok and "&amp;&lt;&gt;" in listing["text"]
    assert 0 < len(listing["reply_markup"]["inline_keyboard"]) < 30  # a button for each code shown
    codes = (await harness.send("/codes", user=OWNER))[-1]
    assert codes.ok and "CODE29" in codes["text"] and "CODE00" not in codes["text"]  # the newest first


async def test_a_form_whose_expiry_passed_while_filling_asks_for_it_again(harness):
    await harness.send("/start", user=OWNER)
    clock.set_now(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))
    for text in ("/newcode", "LATE", "a late code", "5", "2026-11-23 13:00"):
        await harness.send(text, user=OWNER)
    clock.set_now(datetime(2026, 11, 23, 14, 0, tzinfo=UTC))  # the admin came back after lunch
    asked = (await harness.send("0", user=OWNER))[-1]["text"]
    assert "That moment has passed" in asked and "4/5" in asked
    assert "5/5" in (await harness.send("2d", user=OWNER))[-1]["text"]
    assert "Bonus code #1 is live" in (await harness.send("0", user=OWNER))[-1]["text"]
    assert (await BonusCode.get(id=1)).reward == "a late code"  # the earlier answers were kept
