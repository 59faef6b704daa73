"""The commands players use most (benchmark 1's mix: /leaderboard, /race, /stats and the buttons under them)
stay on the event loop: aiogram runs a filter or handler that is a plain function in a worker thread, a round
trip per update that a busy bot cannot afford. And what they show does not depend on what was shown before
(their keyboards are built once per language)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest

from tests import updates
from tests.support import ALICE, BRUNO, link_players

MIX = ["/leaderboard", "/leaderboard week", "/race", "/stats", "lb:today", "lb:month", "race:refresh"]


@pytest.fixture
def thread_hops(monkeypatch) -> Counter[str]:
    """Every asyncio.to_thread call, by what it ran (an `F` filter by its attribute names)."""
    hops: Counter[str] = Counter()
    original = asyncio.to_thread

    async def counted(func: Any, /, *args: Any, **kwargs: Any) -> Any:
        hops[ran(func)] += 1
        return await original(func, *args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", counted)
    return hops


def ran(func: Any) -> str:
    target = getattr(func, "func", func)  # aiogram passes a functools.partial
    operations = getattr(getattr(target, "__self__", None), "_operations", None)
    if operations is not None:
        return "F." + ".".join(str(getattr(op, "name", type(op).__name__)) for op in operations)
    return repr(target)[:120]


async def send_mix(race, user: dict) -> None:
    """The benchmark's mix from one user, a minute apart (the flood control never steps in); each is answered."""
    for item in MIX:
        race.clock.now += timedelta(minutes=1)
        if item.startswith("/"):
            replies = await race.send(item, user=user)
        else:
            calls = await race.press(item, user=user, message_id=1000)
            replies = [c for c in calls if c.method == "editMessageText"]
        assert replies, item
        assert "Easy there" not in replies[0]["text"]


async def test_the_common_commands_make_no_thread_hop(race, thread_hops):
    await link_players(race)
    thread_hops.clear()
    stranger = updates.telegram_user(333, "Carla", "carla", "pt")
    for user in (ALICE, BRUNO, stranger):  # linked (English, Spanish) and not linked (Portuguese)
        await send_mix(race, user)
    assert dict(thread_hops) == {}


async def test_each_reader_sees_their_own_answer_whatever_was_shown_before(race):
    """Alice (linked to Alpha) and Bruno (Beta, in Spanish) ask in turn: each sees their own place, in their
    own language, never the previous reader's."""
    await link_players(race)
    texts: dict[str, list[str]] = {}
    for _round in range(2):
        for name, user in (("alice", ALICE), ("bruno", BRUNO)):
            race.telegram.calls.clear()
            await race.send("/race", user=user)
            await race.send("/leaderboard", user=user)
            shown = [c["text"] for c in race.telegram.sent()]
            shown += [
                b["text"] for c in race.telegram.sent() for row in c["reply_markup"]["inline_keyboard"] for b in row
            ]
            texts.setdefault(name, []).append("\n".join(shown))
    for name in texts:
        assert texts[name][0] == texts[name][1]
    alice, bruno = texts["alice"][0], texts["bruno"][0]
    assert "You are <b>#2</b>" in alice
    assert "<b>#1</b>" in bruno and "You are" not in bruno  # in Spanish
    assert "Top 10 — This month" in alice and "Top 10 — This month" not in bruno
    assert "• This month •" in alice and "• This month •" not in bruno  # each keyboard in its reader's language
    assert "🔄 Refresh" in alice and "🔄 Refresh" not in bruno
