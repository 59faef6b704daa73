"""A race's rules, as an admin wrote them with /setrules. Rows are never updated: the newest row for a month is
its text, and a month without a row inherits the latest earlier one (rules, like prizes, carry forward)."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from models import clock
from models.audit import record
from models.tables import RaceRules

MAX_RULES_LENGTH = 3000  # one Telegram message, with room for its heading


class RulesTooLong(ValueError):
    pass


async def rules_setting(month: str) -> RaceRules | None:
    """The newest rules for this month, else the newest for an earlier month."""
    return await RaceRules.filter(month__lte=month).order_by("-month", "-id").first()


async def rules_for(month: str) -> str | None:
    """The race's rules text; None when none were ever set (or they were cleared)."""
    setting = await rules_setting(month)
    return setting.text if setting is not None and setting.text else None


async def set_rules(month: str, text: str, admin_id: int) -> RaceRules:
    """Store the race's rules (an empty text clears them), audited as "race.rules"."""
    text = text.strip()
    if len(text) > MAX_RULES_LENGTH:
        raise RulesTooLong(str(len(text)))
    before = await rules_setting(month)
    async with in_transaction() as conn:
        row = await RaceRules.create(month=month, text=text, set_by=admin_id, set_at=clock.now(), using_db=conn)
        await record(
            admin_id,
            "race.rules",
            month,
            before={"text": before.text} if before is not None else None,
            after={"text": text},
            using_db=conn,
        )
    return row
