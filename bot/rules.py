"""/rules: the race's rules, as the admins wrote them with /setrules."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.race_texts import month_name
from models import clock
from models.race import race_at
from models.rules import rules_for
from settings import Settings


async def rules(message: Message, settings: Settings) -> None:
    race = race_at(clock.now(), settings.race_timezone)
    text = await rules_for(race.month)
    if text is None:
        await message.answer(_("No rules have been set for this race yet."))
        return
    heading = _("📜 <b>Rules of the {month} race</b>").format(month=month_name(race.month))
    await message.answer(f"{heading}\n\n{escape(text)}")


def build_router() -> Router:
    router = Router(name="rules")
    router.message.register(rules, Command("rules"))
    return router
