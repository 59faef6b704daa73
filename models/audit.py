"""The audit trail: every admin action, written in the same transaction as the action where there is one."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from models.tables import AuditEntry

SYSTEM = 0  # actor_id for actions the program takes by itself


async def record(
    actor_id: int,
    action: str,
    target: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    using_db: BaseDBAsyncClient | None = None,
) -> AuditEntry:
    return await AuditEntry.create(
        actor_id=actor_id, action=action, target=str(target)[:255], before=before, after=after, using_db=using_db
    )


async def latest(limit: int) -> list[AuditEntry]:
    return await AuditEntry.all().order_by("-id").limit(limit)
