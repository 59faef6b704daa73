"""Message pieces shared by several features, all through the gettext catalogs."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from models.leaderboard import Entry, Period
from models.money import format_money


def period_title(period: Period) -> str:
    return {
        Period.TODAY: _("Today"),
        Period.WEEK: _("This week"),
        Period.MONTH: _("This month"),
        Period.ALL_TIME: _("All time"),
    }[period]


def money(amount) -> str:
    return format_money(amount, locale=get_i18n().current_locale)


def age(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return _("not synced yet")
    minutes = max(0, int(((now or datetime.now(UTC)) - moment).total_seconds() // 60))
    if minutes == 0:
        return _("updated just now")
    if minutes < 120:
        return ngettext("updated {n} minute ago", "updated {n} minutes ago", minutes).format(n=minutes)
    hours = minutes // 60
    return ngettext("updated {n} hour ago", "updated {n} hours ago", hours).format(n=hours)


def footer(updated_at: datetime | None, demo: bool) -> str:
    parts = [age(updated_at)]
    if demo:
        parts.append(_("demo data"))
    return "<i>" + " · ".join(parts).capitalize() + "</i>"


def board_lines(entries: list[Entry]) -> list[str]:
    medals = {1: "🥇", 2: "🥈", 3: "🥉"}
    return [
        f"{medals.get(e.rank, f'{e.rank}.')} {escape(e.name)} — <b>{money(e.wagered)}</b>" for e in entries
    ]
