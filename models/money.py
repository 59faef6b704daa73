"""Money: Decimal everywhere, formatted in this one place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_currency

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=8192)  # Babel's formatting is slow, and a page or a board shows the same amounts again and again
def format_money(amount: Decimal, locale: str = "en") -> str:
    """`Decimal("128944.2771")` -> `$128,944.28` (in English; other locales place the sign their way)."""
    return format_currency(to_cents(amount), "USD", locale=locale)


def money_str(amount: Decimal) -> str:
    """Machine-readable money for JSON: a fixed two-decimal string, never a float."""
    return f"{to_cents(amount):.2f}"
