"""Each Telegram update is handled once.

Telegram redelivers an update it got no timely 2xx for, possibly to another replica behind the load
balancer. An update is claimed before it is handled and marked done after; a copy arriving meanwhile
gets 503, so Telegram tries again later (if the first attempt crashes, its claim is released and the
copy is handled then: nothing is lost), and a copy of a done update gets 200 and nothing else.
Across replicas the claims live in Redis (wiring/replicas.py); this is the one-process memory.
"""

from __future__ import annotations

from collections import OrderedDict
from enum import StrEnum

REMEMBERED = 10_000  # in memory: the latest update ids kept


class Claim(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class SeenUpdates:
    """In one process: a bounded memory of recent update ids."""

    def __init__(self) -> None:
        self._states: OrderedDict[int, Claim] = OrderedDict()

    async def claim(self, update_id: int) -> Claim:
        state = self._states.get(update_id)
        if state is not None:
            return state
        self._states[update_id] = Claim.IN_PROGRESS
        while len(self._states) > REMEMBERED:
            self._states.popitem(last=False)
        return Claim.NEW

    async def done(self, update_id: int) -> None:
        self._states[update_id] = Claim.DONE

    async def release(self, update_id: int) -> None:
        self._states.pop(update_id, None)
