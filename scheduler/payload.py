"""The Goated referral-leaderboard payload, validated before anything touches the database."""

from __future__ import annotations

import codecs
import json
import math
import re
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


_FLOAT_LIMIT = float(_LIMIT)  # exact as a float; a float below it has a repr below _LIMIT, and one at or above not


class _Reader:
    """The models' rules for the plain case (str uid and name, a dict of JSON numbers or numeric strings),
    with equal int and str amounts sharing one Decimal (they are immutable; most figures are 0) and a row whose
    four figures are one shared amount sharing one Wagered. JSON floats, nearly all distinct, are not shared."""

    def __init__(self) -> None:
        self.amounts: dict[Any, Decimal] = {}  # an int or str value -> its Decimal
        self.repeated: dict[int, Wagered] = {}  # id of a shared amount -> the Wagered of four of it

    def figures(self, wagered: dict[Any, Any]) -> Wagered | None:
        """The four figures of a plain `wagered` object; None for anything else."""
        figures = []
        for key in _FIGURE_KEYS:
            value: Any = wagered.get(key)  # a JSON value, checked by kind below
            kind = type(value)
            if kind is float:
                if not 0.0 <= value < _FLOAT_LIMIT:  # _to_decimal's rules, on the float (-0.0 passes, NaN not)
                    return None
                figures.append(Decimal(repr(value)))  # repr keeps -0.0 apart from 0.0, as the models do
                continue
            if kind is not int and kind is not str:
                return None
            amount = self.amounts.get(value)
            if amount is None:
                try:
                    amount = _to_decimal(value)
                except ValueError:
                    return None
                self.amounts[value] = amount
            figures.append(amount)
        today, week, month, all_time = figures
        if today is week and week is month and month is all_time:
            shared = self.repeated.get(id(today))
            if shared is None:
                shared = self.repeated[id(today)] = Wagered(today, week, month, all_time)
            return shared
        return Wagered(today, week, month, all_time)

    def hook(self, item: dict[Any, Any]) -> Any:
        """A json `object_hook`: each plain player object becomes its PlayerRow as the decoder meets it (its
        `wagered` object, met first, its Wagered), so the document's dicts are dropped as they are read instead
        of all living at once. Any other object stays as it is."""
        wagered = item.get("wagered")
        if type(wagered) is Wagered:
            return _player(item, wagered) or item
        if "all_time" in item:
            return self.figures(item) or item
        return item


def _player(item: dict[Any, Any], wagered: Wagered) -> PlayerRow | None:
    """A plain player object (str uid and name within the models' limits) whose figures were read; else None."""
    uid = item.get("uid")
    name = item.get("name")
    if (
        type(uid) is not str
        or type(name) is not str
        or not 0 < len(uid) <= 64
        or len(name) > 255
        or not uid.isprintable()
    ):
        return None
    return PlayerRow(uid, name.strip() if name.isprintable() else _clean_name(name), wagered)


def _fast_rows(data: list[Any]) -> list[PlayerRow]:
    """The same rules as `_PlayerModel` for the plain case; raises _NotPlain for anything else."""
    reader = _Reader()
    rows: list[PlayerRow] = []
    append = rows.append
    for item in data:
        if type(item) is not dict:
            raise _NotPlain
        wagered = item.get("wagered")
        figures = reader.figures(wagered) if type(wagered) is dict else None
        row = _player(item, figures) if figures is not None else None
        if row is None:
            raise _NotPlain
        append(row)
    return rows


_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace
_WINDOW = 1 << 20  # bytes decoded at a time
_LOOKAHEAD = 1 << 16  # characters ahead of a value before it is scanned (or the end of the body)


class _Stream:
    """A plainly valid payload read from its UTF-8 bytes a window at a time, each player becoming its PlayerRow
    as it is met (`_Reader.hook`), so neither the whole text nor the whole decoded document ever exists.
    Raises _NotPlain for anything else (then the caller reads it the ordinary way, which says why)."""

    def __init__(self, body: bytes | bytearray) -> None:
        self.body = body
        self.decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        decoder: Any = json.JSONDecoder(object_hook=_Reader().hook)  # typeshed leaves out its scanner
        self.scan = decoder.scan_once
        self.text = ""
        self.idx = 0  # in self.text
        self.read = 0  # bytes of the body decoded so far

    @property
    def done(self) -> bool:
        return self.read >= len(self.body)

    def fill(self) -> bool:
        """Decode another window onto what is left of the text; False at the end of the body."""
        if self.done:
            return False
        chunk = self.body[self.read : self.read + _WINDOW]
        self.read += len(chunk)
        self.text = self.text[self.idx :] + self.decoder.decode(chunk, self.done)
        self.idx = 0
        return True

    def char(self) -> str:
        """The next character after spaces, not consumed; "" at the end."""
        while True:
            self.idx = _SPACE.match(self.text, self.idx).end()  # type: ignore[union-attr]
            if self.idx < len(self.text) or not self.fill():
                return self.text[self.idx : self.idx + 1]

    def expect(self, char: str) -> None:
        if self.char() != char:
            raise _NotPlain
        self.idx += 1

    def value(self) -> Any:
        """The JSON value after spaces, scanned whole: one cut by the window's end is scanned again with more."""
        self.char()
        while True:
            if len(self.text) - self.idx >= _LOOKAHEAD or self.done:
                try:
                    value, end = self.scan(self.text, self.idx)
                except (StopIteration, ValueError):
                    if self.done:
                        raise _NotPlain from None
                else:
                    if len(self.text) - end >= 3 or self.done:  # a number cut by the window ("1." of "1.5e+7")
                        self.idx = end
                        return value
            self.fill()

    def players(self) -> list[PlayerRow]:
        """The `data` array, each element a plain player."""
        self.expect("[")
        rows: list[PlayerRow] = []
        if self.char() == "]":
            self.idx += 1
            return rows
        append, scan, space = rows.append, self.scan, _SPACE.match
        while True:
            text = self.text
            idx = space(text, self.idx).end()  # type: ignore[union-attr]  # where the next player starts
            limit = len(text) - _LOOKAHEAD
            try:
                while idx < limit or self.done:
                    row, end = scan(text, idx)
                    if type(row) is not PlayerRow:
                        raise _NotPlain
                    end = space(text, end).end()  # type: ignore[union-attr]
                    separator = text[end : end + 1]
                    if separator == ",":
                        append(row)
                        idx = space(text, end + 1).end()  # type: ignore[union-attr]
                    elif separator == "]":
                        append(row)
                        self.idx = end + 1
                        return rows
                    elif self.done:
                        raise _NotPlain
                    else:
                        break  # the separator is past the window: read on from this player
            except (StopIteration, ValueError):
                if self.done:
                    raise _NotPlain from None
            self.idx = idx
            self.fill()

    def document(self) -> list[PlayerRow]:
        """The players of a document that is one object with `success: true` and a `data` array, no key twice."""
        self.expect("{")
        keys: set[str] = set()
        success: Any = None
        data: list[PlayerRow] | None = None
        while True:
            if self.char() != '"':
                raise _NotPlain
            key = self.value()
            if key in keys:  # the ordinary reading keeps the last of a repeated key
                raise _NotPlain
            keys.add(key)
            self.expect(":")
            if key == "data" and self.char() == "[":
                data = self.players()
            elif key == "success":
                success = self.value()
            else:
                self.value()
            separator = self.char()
            self.idx += 1
            if separator == "}":
                break
            if separator != ",":
                raise _NotPlain
        if self.char() != "" or success is not True or data is None:
            raise _NotPlain
        return data


def parse_body(body: bytes | bytearray) -> list[PlayerRow]:
    """Decode and validate the upstream's answer: the same result (or rejection) as `parse_payload` of
    `json.loads(body)`, holding only the rows and a window of the text when the payload is plainly valid
    (nearly always). A bytearray is emptied once read, so a big answer is not held longer than needed."""
    encoding = json.detect_encoding(body)
    if encoding == "utf-8":
        try:
            rows = _Stream(body).document()
        except (_NotPlain, ValueError):  # ValueError: bytes that are not UTF-8
            pass
        else:
            if isinstance(body, bytearray):
                body.clear()
            _reject_duplicates(rows)
            return rows
    try:
        text = body.decode(encoding, "surrogatepass")  # what json.loads does with bytes
        if isinstance(body, bytearray):
            body.clear()
        document = json.loads(text)
    except ValueError:
        raise PayloadRejected("upstream answered something that is not JSON") from None
    del text
    return parse_payload(document)


def _reject_duplicates(rows: list[PlayerRow]) -> None:
    seen: set[str] = set()
    for row in rows:
        if row.uid in seen:
            raise PayloadRejected(f"duplicate uid {row.uid!r} in payload")
        seen.add(row.uid)


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
    _reject_duplicates(rows)
    return rows
