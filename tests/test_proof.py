"""The wager proof, end to end: players link by betting an exact amount, as seen through the webhook, with the
fake Goated server's figures moving the way a bet moves them (float arithmetic included)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from models import clock
from models.proofs import MAX_CHECKS, proves
from models.tables import AuditEntry, ProofStatus, TelegramUser, VerificationRequest, WagerProof
from scheduler.demo import DemoSource
from tests import updates
from tests.fakes.goated import player
from tests.support import ALICE, OWNER, Harness, harness_settings
from wiring.runtime import build_runtime

NOON = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CAROL = updates.telegram_user(333, "Carol", "carol", "en")
HOLDER_UID = "uidLucky"


@pytest.fixture
async def proofs(app_with):
    """The app in proof_or_review mode at noon, two players synced, the owner reachable."""
    harness = await app_with(verify_mode="proof_or_review")
    clock.set_now(NOON)
    harness.goated.players = [
        player(HOLDER_UID, "LuckyGoat42", 12.5, 300.25, 900.5, 5000.12345),
        player("uidNight", "NightOwl77", 0, 0, 0, 0),
    ]
    await harness.sync()
    await harness.send("/start", user=OWNER)
    harness.telegram.calls.clear()
    return harness


def bet(harness, amount: float, uid: str = HOLDER_UID) -> None:
    """A bet on the account: every figure grows, in floats, as the upstream's do."""
    for row in harness.goated.players:
        if row["uid"] == uid:
            row["wagered"] = {period: value + amount for period, value in row["wagered"].items()}


def later(seconds: int = 31) -> None:
    """Past the 30 s within which checks share one upstream call."""
    clock.set_now(clock.now() + timedelta(seconds=seconds))


async def start_proof(harness, user, name: str = "LuckyGoat42") -> WagerProof:
    [reply] = await harness.send(f"/verify {name}", user=user)
    proof = await WagerProof.get(open_for_user=user["id"])
    assert f"exactly ${proof.amount}" in reply["text"] and "yours for 2h 0m" in reply["text"]
    assert [b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row] == [
        "proof:check",
        "proof:review",
    ]
    return proof


async def press_check(harness, user) -> list[dict]:
    """Press Check; the messages the press caused, to anyone."""
    calls = await harness.press("proof:check", user=user)
    return [c.params for c in calls if c.method == "sendMessage"]


def to(messages: list, user) -> list[str]:
    return [m["text"] for m in messages if str(m["chat_id"]) == str(user["id"])]


async def linked_account(user) -> str | None:
    return (await TelegramUser.get(id=user["id"])).player_id


async def test_an_exact_bet_links_the_account_without_an_admin(proofs):
    proof = await start_proof(proofs, ALICE)
    assert 1 <= proof.amount <= Decimal("9.99") and proof.amount == proof.amount.quantize(Decimal("0.01"))
    bet(proofs, float(proof.amount))
    later()

    messages = await press_check(proofs, ALICE)

    assert "Proven!" in to(messages, ALICE)[0]
    assert await linked_account(ALICE) == HOLDER_UID
    [card] = to(messages, OWNER)
    assert "Linked by wager proof" in card and "LuckyGoat42" in card and f"Bet ${proof.amount}" in card
    assert "$5,000.12 →" in card
    stored = await WagerProof.get(id=proof.id)
    assert stored.status == ProofStatus.LINKED and stored.open_cents is None
    [audit] = await AuditEntry.filter(action="link.proof")
    assert audit.actor_id == ALICE["id"] and audit.before["all_time"] == "5000.123450"
    assert Decimal(audit.after["all_time"]) - Decimal(audit.before["all_time"]) == proof.amount
    assert await VerificationRequest.all().count() == 0  # no admin decision was involved


async def test_no_bet_does_not_link_and_the_checks_run_out(proofs):
    await start_proof(proofs, ALICE)
    for left in range(MAX_CHECKS - 1, 0, -1):
        later()
        [reply] = to(await press_check(proofs, ALICE), ALICE)
        assert "Nothing has changed" in reply and f"Checks left: {left}." in reply
    later()
    [last] = to(await press_check(proofs, ALICE), ALICE)
    assert "this proof is closed" in last
    assert await linked_account(ALICE) is None
    assert (await WagerProof.get(user_id=ALICE["id"])).status == ProofStatus.CLOSED


async def test_checks_within_30_seconds_share_one_upstream_call(proofs):
    proof = await start_proof(proofs, ALICE)
    before = len(proofs.goated.requests)
    later()
    await press_check(proofs, ALICE)
    bet(proofs, float(proof.amount))
    later(10)
    [reply] = to(await press_check(proofs, ALICE), ALICE)  # the bet is not fetched yet: no second call
    assert "Nothing has changed" in reply and len(proofs.goated.requests) == before + 1
    later(25)
    assert "Proven!" in to(await press_check(proofs, ALICE), ALICE)[0]
    assert len(proofs.goated.requests) == before + 2


async def test_a_wrong_amount_offers_a_new_one_which_then_works(proofs):
    first = await start_proof(proofs, ALICE)
    bet(proofs, float(first.amount) + 1.25)  # another amount (or another bet besides)
    later()

    [reply] = to(await press_check(proofs, ALICE), ALICE)

    assert await linked_account(ALICE) is None
    second = await WagerProof.get(open_for_user=ALICE["id"])
    assert f"moved by ${first.amount + Decimal('1.25')} (all time)" in reply
    assert f"exactly ${second.amount}" in reply
    assert (await WagerProof.get(id=first.id)).status == ProofStatus.MISMATCH
    assert second.baseline_all_time == Decimal("5000.12345") + first.amount + Decimal("1.25")

    bet(proofs, float(second.amount))
    later()
    assert "Proven!" in to(await press_check(proofs, ALICE), ALICE)[0]
    assert await linked_account(ALICE) == HOLDER_UID


async def test_an_expired_proof_says_so_and_does_not_link(proofs):
    proof = await start_proof(proofs, ALICE)
    bet(proofs, float(proof.amount))
    clock.set_now(proof.expires_at + timedelta(seconds=1))

    [reply] = to(await press_check(proofs, ALICE), ALICE)

    assert "expired" in reply and await linked_account(ALICE) is None
    assert (await WagerProof.get(id=proof.id)).status == ProofStatus.EXPIRED


async def test_two_provers_the_first_exact_amount_wins_and_the_other_is_told(proofs):
    alice = await start_proof(proofs, ALICE)
    bruno = await start_proof(proofs, CAROL)
    assert alice.amount != bruno.amount  # unique among open proofs
    bet(proofs, float(bruno.amount))
    later()

    messages = await press_check(proofs, CAROL)

    assert "Proven!" in to(messages, CAROL)[0]
    [told] = to(messages, ALICE)
    assert "proved first" in told
    assert (await WagerProof.get(id=alice.id)).status == ProofStatus.LOST
    later()
    [reply] = to(await press_check(proofs, ALICE), ALICE)
    assert "proved first" in reply
    assert await linked_account(ALICE) is None and await linked_account(CAROL) == HOLDER_UID


async def test_a_proof_takes_the_account_over_from_an_impostor(proofs):
    await proofs.send("/start", user=ALICE)  # the impostor, linked by an owner before proofs existed
    sent = await proofs.send(f"/link {ALICE['id']} LuckyGoat42", user=OWNER)
    assert "Linked @alice to <b>LuckyGoat42</b>" in to(sent, OWNER)[0]
    assert "An owner linked your Telegram account" in to(sent, ALICE)[0]
    assert await linked_account(ALICE) == HOLDER_UID

    [reply] = await proofs.send("/verify LuckyGoat42", user=CAROL)
    assert "linked to another Telegram user now" in reply["text"]
    proof = await WagerProof.get(open_for_user=CAROL["id"])
    bet(proofs, float(proof.amount))
    later()
    messages = await press_check(proofs, CAROL)

    assert await linked_account(CAROL) == HOLDER_UID and await linked_account(ALICE) is None
    assert "no longer linked to <b>LuckyGoat42</b>" in to(messages, ALICE)[0]
    assert "Taken over from @alice" in to(messages, OWNER)[0]
    audit = await AuditEntry.get(action="link.proof")
    assert audit.before["holder"] == ALICE["id"] and audit.after["user"] == CAROL["id"]
    assert await AuditEntry.filter(action="link.manual", actor_id=OWNER["id"]).count() == 1


async def test_the_real_holders_play_during_an_impostors_proof_does_not_link(proofs):
    impostor = await start_proof(proofs, ALICE)
    play = random.Random(7)
    for _check in range(MAX_CHECKS):
        for _spin in range(play.randint(5, 40)):  # slots at the holder's usual stakes, and a few odd amounts
            bet(proofs, play.choice([0.2, 0.4, 1.0, 2.0, 5.0]) if play.random() < 0.9 else play.uniform(0.1, 50))
        later()
        [reply] = to(await press_check(proofs, ALICE), ALICE)
        assert "Proven!" not in reply
        if "moved by" in reply:  # a mismatch: a new amount, which the holder's play will not hit either
            impostor = await WagerProof.get(open_for_user=ALICE["id"])
    assert await linked_account(ALICE) is None
    assert impostor.status == ProofStatus.OPEN


def test_the_odds_that_someone_elses_play_matches_an_amount_by_chance():
    """Realistic play between two checks (30 s to a few minutes): slot spins at round stakes, sometimes a
    bet converted from crypto with fractional cents, sometimes nothing. The impostor's amount is drawn
    from $1.00-$9.99. Over 200,000 check windows the amount shows by chance in very few: a proof has
    MAX_CHECKS of them, and a user at most MAX_PROOFS_PER_DAY proofs a day."""
    rng = random.Random(2026)
    tolerance = Decimal("0.005")
    windows, matched, worst_case_matched = 200_000, 0, 0
    for _window in range(windows):
        amount = Decimal(rng.randint(100, 999)) / 100
        proof = WagerProof(amount=amount, baseline_all_time=Decimal("5000.12345"), baseline_month=Decimal("900.5"))
        grew = 0.0
        for _bet in range(rng.choice([0, 0, 1, 3, 10, 40])):
            grew += rng.choice([0.1, 0.2, 0.4, 1.0, 2.0, 5.0]) if rng.random() < 0.9 else rng.uniform(0.1, 50)
        seen = Decimal(str(5000.12345 + grew)), Decimal(str(900.5 + grew))
        matched += proves(proof, *seen, tolerance)
        # The worst case: the holder made exactly one bet of random cents in the same range.
        single = Decimal(rng.randint(100, 999)) / 100
        worst_case_matched += proves(proof, Decimal("5000.12345") + single, Decimal("900.5") + single, tolerance)
    assert matched / windows < 1 / 2_000  # measured about 1 in 7,000: mostly a lone round stake of $1, $2 or $5
    assert worst_case_matched / windows < 1 / 600  # 1 in 900 in theory: the one-bet-in-range case


async def test_the_tolerance_absorbs_float_noise_but_not_a_cent(proofs):
    proof = await start_proof(proofs, ALICE)
    bet(proofs, float(proof.amount) + 0.01)
    later()
    assert "moved by" in to(await press_check(proofs, ALICE), ALICE)[0]
    second = await WagerProof.get(open_for_user=ALICE["id"])
    bet(proofs, float(second.amount) + 0.004)  # the upstream's float noise is far below this
    later()
    assert "Proven!" in to(await press_check(proofs, ALICE), ALICE)[0]


async def test_a_month_reset_between_the_baseline_and_the_bet_still_proves(proofs):
    proof = await start_proof(proofs, ALICE)
    for row in proofs.goated.players:
        if row["uid"] == HOLDER_UID:
            row["wagered"] = {**row["wagered"], "today": 0, "this_week": 0, "this_month": 0}
    bet(proofs, float(proof.amount))
    later()
    assert "Proven!" in to(await press_check(proofs, ALICE), ALICE)[0]


async def test_asking_an_admin_instead_with_a_screenshot(proofs):
    proof = await start_proof(proofs, ALICE)
    calls = await proofs.press("proof:review", user=ALICE)
    [ask] = [c["text"] for c in calls if c.method == "sendMessage"]
    assert "screenshot" in ask and "LuckyGoat42" in ask
    [nudge] = await proofs.send("here it is", user=ALICE)
    assert "as a photo" in nudge["text"]

    response = await proofs.post_update(updates.photo_message("shot-1", user=ALICE))
    assert response.status == 200

    request = await VerificationRequest.get(user_id=ALICE["id"])
    assert request.evidence_file_id == "shot-1" and request.player_id == HOLDER_UID
    assert (await WagerProof.get(id=proof.id)).status == ProofStatus.CLOSED
    [card] = [c for c in proofs.telegram.sent("sendPhoto") if str(c["chat_id"]) == str(OWNER["id"])]
    assert card["photo"] == "shot-1" and "LuckyGoat42" in card["caption"]
    assert await linked_account(ALICE) is None  # until an admin decides


async def test_verify_check_command_and_cancel(proofs):
    proof = await start_proof(proofs, ALICE)
    bet(proofs, float(proof.amount))
    later()
    [cancelled] = await proofs.send("/cancel", user=ALICE)
    assert "proof was cancelled" in cancelled["text"]
    [reply] = await proofs.send("/verify check", user=ALICE)
    assert "no open proof" in reply["text"] and await linked_account(ALICE) is None
    second = await start_proof(proofs, ALICE)
    bet(proofs, float(second.amount))
    later()
    assert "Proven!" in to(await proofs.send("/verify check", user=ALICE), ALICE)[0]


async def test_an_unknown_name_keeps_the_conversation_open(proofs):
    [first] = await proofs.send("/verify", user=ALICE)
    assert "username" in first["text"]
    [unknown] = await proofs.send("Nobody", user=ALICE)
    assert "could not find" in unknown["text"] and "Send another name" in unknown["text"]
    [sentence] = await proofs.send("my name is LuckyGoat42 please", user=ALICE)
    assert "Send only the name" in sentence["text"]
    [opened] = await proofs.send("LuckyGoat42", user=ALICE)
    assert "Prove that LuckyGoat42 is yours" in opened["text"]


async def test_in_proof_mode_there_is_no_review_button(app_with):
    harness = await app_with(verify_mode="proof")
    harness.goated.players = [player(HOLDER_UID, "LuckyGoat42", 0, 0, 0, 10)]
    await harness.sync()
    [reply] = await harness.send("/verify LuckyGoat42", user=ALICE)
    assert [b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row] == ["proof:check"]
    calls = await harness.press("proof:review", user=ALICE)
    assert await VerificationRequest.all().count() == 0
    assert not [c for c in calls if c.method == "sendMessage"]


async def test_demo_bets_prove_offline_and_exist_only_on_demo_data(
    database, fake_telegram, fake_goated, aiohttp_client
):
    demo = DemoSource(players=200)
    settings = harness_settings(database, fake_telegram, fake_goated, goated_affiliate_code=None, verify_mode="proof")
    runtime = build_runtime(settings, manage_database=False, run_scheduler=False, source=demo)
    harness = Harness(runtime, await aiohttp_client(runtime.web_app), fake_telegram, fake_goated)
    clock.set_now(NOON)
    await harness.sync()
    await harness.send("/start", user=OWNER)
    idle = next(p.name for p in demo.players if p.daily_rate == 0)  # an account nobody else moves
    proof_reply = (await harness.send(f"/verify {idle}", user=ALICE))[0]["text"]
    proof = await WagerProof.get(open_for_user=ALICE["id"])
    assert f"exactly ${proof.amount}" in proof_reply

    [placed] = await harness.send(f"/demobet {idle.lower()} {proof.amount}", user=OWNER)
    assert f"bet of ${proof.amount} on <b>{idle}</b>" in placed["text"]
    [refused] = await harness.send(f"/demobet {idle} 3.47", user=ALICE)  # players cannot
    assert "Demo:" not in refused["text"]
    later()
    assert "Proven!" in to(await harness.send("/verify check", user=ALICE), ALICE)[0]


async def test_demobet_does_not_exist_with_a_real_affiliate(proofs):
    [unknown] = await proofs.send("/demobet LuckyGoat42 3.47", user=OWNER)
    assert "Demo:" not in unknown["text"] and "/help" in unknown["text"]


async def test_verify_check_in_the_players_language(proofs):
    proof = await start_proof(proofs, ALICE)
    bet(proofs, float(proof.amount))
    later()
    await proofs.send("/language es", user=ALICE)
    await proofs.send("/verify Comprobar", user=ALICE)  # "check" in Spanish, any letter case
    assert await linked_account(ALICE) == HOLDER_UID
