"""The Goated referral-leaderboard payload, validated before anything touches the database."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator


class PayloadRejected(Exception):
    """The upstream answered, but not with a leaderboard we are willing to store."""


_LIMIT = Decimal("1e13")


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
    if amount >= _LIMIT:
        raise ValueError("implausibly large amount")
    return amount


Amount = Annotated[Decimal, BeforeValidator(_to_decimal)]


class Wagered(NamedTuple):
    """A player's four figures, exactly as the payload said them."""

    today: Decimal
    this_week: Decimal
    this_month: Decimal
    all_time: Decimal


class PlayerRow(NamedTuple):
    """One validated player: a plain tuple (a 100,000-player payload is held in memory during a sync)."""

    uid: str
    name: str
    wagered: Wagered


# The rules, as pydantic models. The fast path below applies the same rules to well-formed rows; any row it
# does not accept as plainly valid goes through these models, which give the reason for a rejection.
class _WageredModel(BaseModel):
    model_config = ConfigDict(extra="ignore")

    today: Amount
    this_week: Amount
    this_month: Amount
    all_time: Amount


def _clean_name(value: str) -> str:
    # A NUL byte would make PostgreSQL refuse the whole sync; other control characters garble messages.
    if value.isprintable():  # nearly every name: one C-level check instead of a loop over its characters
        return value.strip()
    return "".join(ch for ch in value if ch.isprintable()).strip()


class _PlayerModel(BaseModel):
    model_config = ConfigDict(extra="ignore")

    uid: str = Field(min_length=1, max_length=64)
    name: str = Field(max_length=255)
    wagered: _WageredModel

    @field_validator("uid")
    @classmethod
    def _printable_uid(cls, value: str) -> str:
        if not value.isprintable():
            raise ValueError("uid has control characters")
        return value

    @field_validator("name")
    @classmethod
    def _clean_name(cls, value: str) -> str:
        return _clean_name(value)


class LeaderboardPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")

    success: Literal[True]
    data: list[_PlayerModel]


class _NotPlain(Exception):
    """The fast path met something it leaves to the models (a defect, or an unusual but valid value)."""


_FIGURE_KEYS = ("today", "this_week", "this_month", "all_time")


def _fast_rows(data: list[Any]) -> list[PlayerRow]:
    """The same rules as `_PlayerModel` for the plain case (str uid and name, dict of JSON numbers or
    numeric strings); raises _NotPlain for anything else. Equal amounts share one Decimal (they are
    immutable), so the usual run of zeros costs one object, not one each."""
    amounts: dict[Any, Decimal] = {}  # repr of a float or an int/str value -> its Decimal
    rows: list[PlayerRow] = []
    append = rows.append
    dict_, str_, float_, int_ = dict, str, float, int
    for item in data:
        if type(item) is not dict_:
            raise _NotPlain
        uid = item.get("uid")
        name = item.get("name")
        wagered = item.get("wagered")
        if (
            type(uid) is not str_
            or type(name) is not str_
            or type(wagered) is not dict_
            or not 0 < len(uid) <= 64
            or len(name) > 255
            or not uid.isprintable()
        ):
            raise _NotPlain
        figures = []
        for key in _FIGURE_KEYS:
            value: Any = wagered.get(key)  # a JSON value, checked by kind below
            kind = type(value)
            if kind is float_:
                value = repr(value)  # also keeps -0.0 apart from 0.0, as the models do
            elif kind is not int_ and kind is not str_:
                raise _NotPlain
            amount = amounts.get(value)
            if amount is None:
                try:
                    amount = _to_decimal(float(value) if kind is float_ else value)
                except ValueError:
                    raise _NotPlain from None
                amounts[value] = amount
            figures.append(amount)
        append(PlayerRow(uid, name.strip() if name.isprintable() else _clean_name(name), Wagered(*figures)))
    return rows


def parse_payload(document: Any) -> list[PlayerRow]:
    """Validate a decoded JSON document; raise PayloadRejected with a short reason on any defect."""
    if not isinstance(document, dict):
        raise PayloadRejected("payload is not a JSON object")
    if document.get("success") is not True:
        raise PayloadRejected("upstream answered success: false")
    if not isinstance(document.get("data"), list):
        raise PayloadRejected("payload has no 'data' list")
    try:
        rows = _fast_rows(document["data"])
    except _NotPlain:
        try:
            models = LeaderboardPayload.model_validate(document).data
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise PayloadRejected(f"invalid payload at {where}: {first['msg']}") from None
        rows = [
            PlayerRow(
                m.uid, m.name, Wagered(m.wagered.today, m.wagered.this_week, m.wagered.this_month, m.wagered.all_time)
            )
            for m in models
        ]
        del models
    seen: set[str] = set()
    for row in rows:
        if row.uid in seen:
            raise PayloadRejected(f"duplicate uid {row.uid!r} in payload")
        seen.add(row.uid)
    return rows
