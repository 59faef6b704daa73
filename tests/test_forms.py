"""One reading of numbers for every form: thousands separators, decimal commas and decimal points."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.forms import parse_number


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("50", Decimal("50")),
        (" 12.5 ", Decimal("12.5")),
        ("3,5", Decimal("3.5")),  # a decimal comma, as people in es and pt write it
        ("12,50", Decimal("12.50")),
        ("1,000", Decimal("1000")),  # a comma before exactly three digits groups thousands
        ("12,500.50", Decimal("12500.50")),
        ("1,000,000", Decimal("1000000")),
        ("0,125", Decimal("0.125")),  # nobody groups thousands after a zero: a decimal comma
        ("1,2345", Decimal("1.2345")),  # four digits after the comma: a decimal comma
        ("1234,567", Decimal("1234.567")),  # not grouped in threes from the left: a decimal comma
        ("1,00", Decimal("1.00")),
        ("1,2,3", None),
        ("1,000.5,0", None),
        ("abc", None),
        ("", None),
        ("NaN", None),
        ("Infinity", None),
    ],
)
def test_parse_number(typed, value):
    assert parse_number(typed) == value
