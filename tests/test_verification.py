"""The linking rules hold in the database, also when requests and decisions race."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from models.tables import Player, TelegramUser, VerificationRequest, VerificationStatus
from models.verification import Decision, LinkOutcome, decide, request_link

NO_COOLDOWN = timedelta(0)


async def make_player(uid: str, name: str) -> Player:
    now = datetime.now(UTC)
    return await Player.create(uid=uid, name=name, first_seen_at=now, changed_at=now)


async def test_simultaneous_decisions_have_one_winner(database):
    await make_player("p1", "Lucky")
    user = await TelegramUser.create(id=1, first_name="A")
    request = (await request_link(user, "lucky", NO_COOLDOWN)).request

    results = await asyncio.gather(*(decide(request.id, admin, approve=admin % 2 == 0) for admin in range(100, 106)))

    decisions = [decision for decision, _ in results]
    assert sum(d != Decision.ALREADY_DECIDED for d in decisions) == 1
    stored = await VerificationRequest.get(id=request.id)
    winner = next(d for d in decisions if d != Decision.ALREADY_DECIDED)
    assert stored.status.value == winner.value and stored.open_for_user is None
    assert (await TelegramUser.get(id=1)).player_id == ("p1" if winner == Decision.APPROVED else None)


async def test_simultaneous_requests_by_one_user_make_one_request(database):
    await make_player("p1", "Lucky")
    await make_player("p2", "Night")
    user = await TelegramUser.create(id=1, first_name="A")
    results = await asyncio.gather(*(request_link(user, name, NO_COOLDOWN) for name in ["Lucky", "Night"] * 3))
    assert sum(r.outcome == LinkOutcome.CREATED for r in results) == 1
    assert await VerificationRequest.filter(status=VerificationStatus.PENDING).count() == 1


async def test_approving_an_account_linked_meanwhile_refuses_cleanly(database):
    await make_player("p1", "Lucky")
    first = await TelegramUser.create(id=1, first_name="A")
    second = await TelegramUser.create(id=2, first_name="B")
    request_1 = (await request_link(first, "Lucky", NO_COOLDOWN)).request
    request_2 = (await request_link(second, "Lucky", NO_COOLDOWN)).request  # both claimed before any decision

    assert (await decide(request_1.id, 100, approve=True))[0] == Decision.APPROVED
    decision, request = await decide(request_2.id, 100, approve=True)

    assert decision == Decision.TAKEN and request.status == VerificationStatus.REJECTED
    assert (await TelegramUser.get(id=2)).player_id is None
    assert (await TelegramUser.get(id=1)).player_id == "p1"
