"""Choosing a language: shared by the bot (Telegram's language_code) and the page (Accept-Language)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from babel.dates import format_skeleton


def pick_locale(wanted: Iterable[str | None], available: Iterable[str], default: str) -> str:
    """The first wanted tag we have a catalog for: `pt-BR` matches `pt_BR`, then `pt`; else `default`."""
    available = set(available)
    for tag in wanted:
        if not tag:
            continue
        tag = tag.strip().replace("-", "_")
        for candidate in (tag, tag.split("_")[0].lower()):
            if candidate in available:
                return candidate
    return default


def format_month(month: str, locale: str) -> str:
    """ "2026-11" -> "November 2026" / "noviembre de 2026" / "novembro de 2026": CLDR's month-and-year
    pattern for the locale (the skeleton yMMMM), so the languages that join them with "de" do."""
    year, number = (int(part) for part in month.split("-"))
    return format_skeleton("yMMMM", date(year, number, 1), locale=locale)
