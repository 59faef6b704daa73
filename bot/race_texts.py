"""Texts about races shared by /race, /stats, the admins' screens and the notifications."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.texts import current_locale, when
from models.locales import format_month
from models.tables import FinishedRace


def month_name(month: str) -> str:
    return format_month(month, current_locale())


def stale_note(race: FinishedRace) -> str:
    if race.data_as_of is None:
        return _("⚠️ From data synced more than two sync intervals before the end.")
    return _("⚠️ From data synced at {time}, more than two sync intervals before the end.").format(
        time=when(race.data_as_of)
    )
