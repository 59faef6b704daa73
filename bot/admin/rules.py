"""/setrules: an admin writes the race's rules (players read them with /rules and on the page)."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.race_texts import month_name
from bot.texts import is_keyword
from models import clock
from models.events import EventBus, RaceEdited
from models.race import race_at
from models.rules import MAX_RULES_LENGTH, RulesTooLong, set_rules
from models.tables import TelegramUser
from settings import Settings


async def setrules(
    message: Message, command: CommandObject, user: TelegramUser, settings: Settings, events: EventBus
) -> None:
    """`/setrules <text>` for the race in progress, `/setrules next <text>` for the next one; `clear` removes them."""
    text = (command.args or "").strip()
    race = race_at(clock.now(), settings.race_timezone)
    words = text.split(maxsplit=1)  # the rules keep their own line breaks
    # Lower case only: rules may well begin with the word ("Next month's race…" is a text, not the keyword).
    if words and words[0].islower() and is_keyword(words[0], "next"):
        race, text = race_at(race.ends_at, settings.race_timezone), words[1] if len(words) > 1 else ""
    if not text:
        await message.answer(
            escape(_("Usage: /setrules <the race's rules>, or /setrules next <rules> for the next race."))
            + "\n"
            + escape(_("/setrules clear removes them."))
        )
        return
    clear = is_keyword(text, "clear")
    try:
        await set_rules(race.month, "" if clear else text, user.id)
    except RulesTooLong:
        await message.answer(_("The rules are too long: at most {count} characters.").format(count=MAX_RULES_LENGTH))
        return
    await events.publish(RaceEdited(race.month))  # every replica's page shows them at once
    if clear:
        await message.answer(_("✅ The rules of the {month} race are removed.").format(month=month_name(race.month)))
    else:
        await message.answer(
            _("✅ Rules of the {month} race saved. Players see them with /rules and on the page.").format(
                month=month_name(race.month)
            )
        )


def build_router() -> Router:
    router = Router(name="admin.rules")
    router.message.register(setrules, Command("setrules"))
    return router
