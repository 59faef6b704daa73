"""Choosing a language: shared by the bot (Telegram's language_code) and the page (Accept-Language)."""

from __future__ import annotations

from collections.abc import Iterable


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
