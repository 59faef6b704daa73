"""Checking what admins type into the bonus-code and challenge forms. Each problem is a key the bot turns
into a sentence in the admin's language; the models check again before writing."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from models.money import CENT

MAX_AMOUNT = Decimal(10_000_000)
MAX_AHEAD = timedelta(days=366)
_RELATIVE = re.compile(r"^(\d{1,3})\s*([dh])$", re.IGNORECASE)
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(,\d{3})+(\.\d+)?")  # 1,000 or 12,500.50 (but 0,125 is a decimal comma)


class Problem(StrEnum):
    FIELD_COUNT = "field_count"
    BAD_CODE = "bad_code"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_A_NUMBER = "not_a_number"
    NOT_POSITIVE = "not_positive"
    TOO_LARGE = "too_large"
    TOO_PRECISE = "too_precise"
    NOT_A_COUNT = "not_a_count"
    BAD_DEADLINE = "bad_deadline"
    DEADLINE_PAST = "deadline_past"
    DEADLINE_FAR = "deadline_far"
    TOO_FEW_CODES = "too_few_codes"
    BAD_LINK = "bad_link"


class Invalid(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def parse_text(text: str, limit: int) -> str:
    text = text.strip()
    if not text:
        raise Invalid(Problem.EMPTY)
    if len(text) > limit:
        raise Invalid(Problem.TOO_LONG)
    return text


def parse_number(text: str) -> Decimal | None:
    """A number as people type it, or None when it is not one. Commas that group the digits in threes separate
    thousands (`1,000`, `12,500.50`); any other comma is a decimal mark, as in es and pt (`3,5`, `12,50`)."""
    text = text.strip()
    text = text.replace(",", "") if _THOUSANDS.fullmatch(text) else text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_amount(text: str, limit: Decimal = MAX_AMOUNT) -> Decimal:
    """A positive amount with at most two decimals: `50`, `$12.5`, `3,5` (a decimal comma), `1,000` (thousands)."""
    value = parse_number(text.strip().removeprefix("$").removesuffix("x").removesuffix("×"))
    if value is None:
        raise Invalid(Problem.NOT_A_NUMBER)
    if value <= 0:
        raise Invalid(Problem.NOT_POSITIVE)
    if value > limit:
        raise Invalid(Problem.TOO_LARGE)
    if value != value.quantize(CENT):
        raise Invalid(Problem.TOO_PRECISE)
    return value.quantize(CENT)


def parse_id(text: str) -> int | None:
    """`12` or `#12` as a row id; None for anything else (including numbers too big for an id column)."""
    text = text.strip().removeprefix("#")
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


def parse_count(text: str, limit: int) -> int:
    text = text.strip()
    if not re.fullmatch(r"[0-9]+", text):  # not str.isdigit: it accepts "²", which int() refuses
        raise Invalid(Problem.NOT_A_COUNT)
    if len(text) > 9:  # int() of thousands of digits is slow, and no count here is that large
        raise Invalid(Problem.TOO_LARGE)
    count = int(text)
    if count < 1:
        raise Invalid(Problem.NOT_POSITIVE)
    if count > limit:
        raise Invalid(Problem.TOO_LARGE)
    return count


def parse_deadline(text: str, now: datetime, timezone: str) -> datetime:
    """`7d`, `12h`, `2026-12-31` (the end of that day) or `2026-12-31 18:00`, in RACE_TIMEZONE."""
    text = text.strip()
    if match := _RELATIVE.match(text):
        amount, unit = int(match[1]), match[2].lower()
        moment = now + (timedelta(days=amount) if unit == "d" else timedelta(hours=amount))
    else:
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                local = datetime.fromisoformat(text) + timedelta(days=1)  # the whole day counts
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}", text):
                local = datetime.strptime(text, "%Y-%m-%d %H:%M")
            else:
                raise ValueError(text)
        except (ValueError, OverflowError):  # OverflowError: 9999-12-31 plus the whole day
            raise Invalid(Problem.BAD_DEADLINE) from None
        moment = local.replace(tzinfo=ZoneInfo(timezone))
    if moment <= now:
        raise Invalid(Problem.DEADLINE_PAST)
    if moment - now > MAX_AHEAD:
        raise Invalid(Problem.DEADLINE_FAR)
    return moment


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip(".")


def _month_numbers(locale: str) -> dict[str, int]:
    """Every way `locale` (and English) names a month, whole or short, folded: {"octubre": 10, "oct": 10, ...}."""
    numbers: dict[str, int] = {}
    for language in ("en", locale):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                numbers |= {_folded(name): n for n, name in get_month_names(width, context, locale=language).items()}
    return numbers


def parse_month(text: str, locale: str) -> str | None:
    """ "2026-10", "octubre 2026", "outubro de 2026", "October 2026" (the reader's language or English) -> "2026-10"."""
    text = text.strip()
    if match := _MONTH.match(text):
        year, number = int(match[1]), int(match[2])
        return f"{year:04d}-{number:02d}" if 1 <= number <= 12 else None
    words = [_folded(w) for w in text.split() if _folded(w) != "de"]
    if len(words) != 2 or not re.fullmatch(r"[0-9]{4}", words[1]):
        return None
    named = _month_numbers(locale).get(words[0])
    return f"{words[1]}-{named:02d}" if named else None
