"""Each Telegram update is handled once, across every replica.

Telegram redelivers an update it got no timely 2xx for, possibly to another replica behind the load
balancer. An update is claimed before it is handled and marked done after; a copy arriving meanwhile
gets 503, so Telegram tries again later (if the first attempt crashes, its claim is released and the
copy is handled then: nothing is lost), and a copy of a done update gets 200 and nothing else.
"""

from __future__ import annotations

from collections import OrderedDict
from enum import StrEnum

from redis.asyncio import Redis
from redis.exceptions import RedisError

from models.cache import OutageLog

CLAIM_SECONDS = 120  # longer than aiogram's 55 s webhook budget: a crashed replica's claim expires
DONE_SECONDS = 24 * 3600  # Telegram gives up redelivering well within a day
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


class RedisSeenUpdates(SeenUpdates):
    """Across replicas, in Redis. Redis being away must not stop the bot: the update is then handled
    (a redelivered copy could be handled twice during the outage, which beats losing it)."""

    PREFIX = "goatedvips:update:"

    def __init__(self, redis: Redis) -> None:
        super().__init__()
        self.redis = redis
        self.outage = OutageLog(
            "Redis is unavailable for update ids (%s): updates are handled without the cross-replica check")

    async def claim(self, update_id: int) -> Claim:
        key = f"{self.PREFIX}{update_id}"
        try:
            if await self.redis.set(key, Claim.IN_PROGRESS.value, nx=True, ex=CLAIM_SECONDS):
                return Claim.NEW
            state = await self.redis.get(key)
        except (RedisError, OSError) as error:
            self.outage.failed(error)
            return await super().claim(update_id)  # at least this replica still skips its own copies
        if state is None:  # expired between the two calls
            return await self.claim(update_id)
        return Claim(state.decode() if isinstance(state, bytes) else state)

    async def done(self, update_id: int) -> None:
        await super().done(update_id)
        try:
            await self.redis.set(f"{self.PREFIX}{update_id}", Claim.DONE.value, ex=DONE_SECONDS)
        except (RedisError, OSError) as error:
            self.outage.failed(error)

    async def release(self, update_id: int) -> None:
        await super().release(update_id)
        try:
            await self.redis.delete(f"{self.PREFIX}{update_id}")
        except (RedisError, OSError) as error:
            self.outage.failed(error)
