"""The Goated referral-leaderboard payload, validated before anything touches the database."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator


class PayloadRejected(Exception):
    """The upstream answered, but not with a leaderboard we are willing to store."""


def _to_decimal(value: Any) -> Decimal:
    # bool is an int in Python; a `true` where a number belongs is a broken payload, not 1 dollar.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("not a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        amount = Decimal(repr(value))  # repr keeps what the JSON said, without binary float noise
    else:
        try:
            amount = Decimal(str(value).strip())
        except ArithmeticError:
            raise ValueError("not a number") from None
        if not amount.is_finite():
            raise ValueError("not a finite number")
    if amount < 0:
        raise ValueError("negative amount")
    if amount >= Decimal("1e13"):
        raise ValueError("implausibly large amount")
    return amount


Amount = Annotated[Decimal, BeforeValidator(_to_decimal)]


class Wagered(BaseModel):
    model_config = ConfigDict(extra="ignore")

    today: Amount
    this_week: Amount
    this_month: Amount
    all_time: Amount


class PlayerRow(BaseModel):
    model_config = ConfigDict(extra="ignore")

    uid: str = Field(min_length=1, max_length=64)
    name: str = Field(max_length=255)
    wagered: Wagered

    @field_validator("uid")
    @classmethod
    def _printable_uid(cls, value: str) -> str:
        if not value.isprintable():
            raise ValueError("uid has control characters")
        return value

    @field_validator("name")
    @classmethod
    def _clean_name(cls, value: str) -> str:
        # A NUL byte would make PostgreSQL refuse the whole sync; other control characters garble messages.
        if value.isprintable():  # nearly every name: one C-level check instead of a loop over its characters
            return value.strip()
        return "".join(ch for ch in value if ch.isprintable()).strip()


class LeaderboardPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")

    success: Literal[True]
    data: list[PlayerRow]


def parse_payload(document: Any) -> list[PlayerRow]:
    """Validate a decoded JSON document; raise PayloadRejected with a short reason on any defect."""
    if not isinstance(document, dict):
        raise PayloadRejected("payload is not a JSON object")
    if document.get("success") is not True:
        raise PayloadRejected("upstream answered success: false")
    if not isinstance(document.get("data"), list):
        raise PayloadRejected("payload has no 'data' list")
    try:
        rows = LeaderboardPayload.model_validate(document).data
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PayloadRejected(f"invalid payload at {where}: {first['msg']}") from None
    seen: set[str] = set()
    for row in rows:
        if row.uid in seen:
            raise PayloadRejected(f"duplicate uid {row.uid!r} in payload")
        seen.add(row.uid)
    return rows
