"""Money: Decimal everywhere, formatted in this one place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_currency

CENT = Decimal("0.01")

# Which CLDR locale writes dollars for each language (see the README's "Languages"). Spanish and Portuguese
# readers get one form, "US$ 150.023,51": pt_BR's own, and es_UY's, the Spanish locale that writes it so.
MONEY_LOCALES = {"es": "es_UY", "pt": "pt_BR"}


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=8192)  # Babel's formatting is slow, and a page or a board shows the same amounts again and again
def format_money(amount: Decimal, locale: str = "en") -> str:
    """`Decimal("128944.2771")` -> `$128,944.28` in English, `US$ 128.944,28` in Spanish and Portuguese."""
    return format_currency(to_cents(amount), "USD", locale=MONEY_LOCALES.get(locale, locale))


def money_str(amount: Decimal) -> str:
    """Machine-readable money for JSON: a fixed two-decimal string, never a float."""
    return f"{to_cents(amount):.2f}"
