"""The upstream's answer read straight from its bytes (`parse_body`, what the Goated client uses) gives exactly
what validating the decoded document gives (`parse_payload`): the same rows, or the same rejection."""

from __future__ import annotations

import json
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scheduler import payload
from scheduler.payload import PayloadRejected, PlayerRow, Wagered, parse_body, parse_payload

_AMOUNTS = st.one_of(
    st.just(0),
    st.integers(min_value=-2, max_value=10**14),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e-7, 0.1234565, 99999999.9999995, 9999999999999.99, 1e13, 412.66138]),
    st.sampled_from(["0", "12.5", " 7 ", "-1", "lots", "1e3", "NaN", ""]),
    st.sampled_from([True, None, [1], {"x": 1}]),
)
_TEXT = st.text(st.characters(codec="utf-8"), max_size=8) | st.sampled_from(
    ["", "Lucky\x00Goat\x07", " Name ", "x" * 300]
)
_WAGERED = st.fixed_dictionaries(
    {"today": _AMOUNTS, "this_week": _AMOUNTS, "this_month": _AMOUNTS, "all_time": _AMOUNTS},
    optional={"extra": _AMOUNTS},
)
_PLAYER_OBJECT = st.fixed_dictionaries(
    {"uid": _TEXT | st.sampled_from(["u1", "u2", "x" * 65]), "name": _TEXT | st.just(7), "wagered": _WAGERED},
    optional={"extra": st.just({"uid": "nested", "name": "n", "wagered": {"all_time": 1}})},
)
_PLAYER = _PLAYER_OBJECT | st.sampled_from([5, "x", None, [1], {"uid": "u9", "name": "n"}])
_DOCUMENT = st.fixed_dictionaries(
    {"success": st.sampled_from([True, True, True, False, 1]), "data": st.lists(_PLAYER, max_size=6)},
    optional={"today": st.floats(allow_nan=False) | st.integers(), "uid": st.just("top"), "name": st.just("t")},
)


_DOCUMENT = st.builds(
    lambda d, rng: dict(rng.sample(list(d.items()), len(d))), _DOCUMENT, st.randoms()
)  # any key order


def _the_models(body: bytes):
    """What the Goated client did before reading the bytes itself: json.loads, then parse_payload."""
    try:
        document = json.loads(body)
    except ValueError:
        raise PayloadRejected("upstream answered something that is not JSON") from None
    return parse_payload(document)


def _outcome(read):
    try:
        return read()
    except PayloadRejected as error:
        return f"rejected: {error}"


def _same_as_the_models(document) -> None:
    body = json.dumps(document).encode()
    expected = _outcome(lambda: _the_models(body))
    got = _outcome(lambda: parse_body(body))
    assert got == expected
    buffer = bytearray(body)  # as the Goated client reads it (emptied once read)
    assert _outcome(lambda: parse_body(buffer)) == expected
    if isinstance(got, list):  # equal Decimals can differ in exponent: compare their exact text too
        assert [tuple(map(str, row.wagered)) for row in got] == [tuple(map(str, row.wagered)) for row in expected]


@settings(max_examples=300, deadline=None)
@given(_DOCUMENT)
@example({"success": True, "data": [], "uid": "top", "name": "t", "wagered": {"all_time": 1}})
@example(
    {
        "success": True,
        "data": [],
        "uid": "top",
        "name": "t",
        "wagered": {"today": 0, "this_week": 0, "this_month": 0, "all_time": 0},
    }
)
def test_reading_the_bytes_gives_what_the_models_give(document):
    _same_as_the_models(document)


@settings(max_examples=300, deadline=None)
@given(_DOCUMENT, st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=30))
def test_a_body_read_in_small_windows_gives_the_same(document, window, lookahead):
    """The windows of a big answer (a megabyte, read 64 KiB ahead) shrunk to a few bytes: every player, number
    and separator is cut somewhere by a window's end."""
    with mock.patch.object(payload, "_WINDOW", window), mock.patch.object(payload, "_LOOKAHEAD", lookahead):
        _same_as_the_models(document)
        players = [dict(p, name="é€𝄞 " * 3) if isinstance(p, dict) else p for p in document["data"]]
        _same_as_the_models({**document, "data": players})


def _figures(today, week, month, all_time):
    return {"today": today, "this_week": week, "this_month": month, "all_time": all_time}


def test_the_plain_payload_is_read_exactly():
    body = json.dumps(
        {
            "success": True,
            "data": [
                {
                    "uid": "u1",
                    "name": " Lucky ",
                    "wagered": {"today": 412.66138, "this_week": 0, "this_month": -0.0, "all_time": "5"},
                },
                {
                    "uid": "u2",
                    "name": "Night\x00Owl",
                    "wagered": {"today": 0, "this_week": 0, "this_month": 0, "all_time": 0},
                },
            ],
            "today": 412.66,
        }
    ).encode()
    rows = parse_body(body)
    assert rows == [
        PlayerRow("u1", "Lucky", Wagered(Decimal("412.66138"), Decimal(0), Decimal("-0.0"), Decimal(5))),
        PlayerRow("u2", "NightOwl", Wagered(Decimal(0), Decimal(0), Decimal(0), Decimal(0))),
    ]
    assert str(rows[0].wagered.this_month) == "-0.0"


_PLAIN = b'{"uid": "u1", "name": "n", "wagered": {"today": 1.5, "this_week": 0, "this_month": 0, "all_time": 2}}'
_ODD = b'{"uid": "u2", "name": "n", "wagered": {"today": -1, "this_week": 0, "this_month": 0, "all_time": 2}}'


@pytest.mark.parametrize(
    "body",
    [
        b'{"data": [' + _PLAIN + b'], "success": true}',
        b'{"data": [' + _PLAIN + b'], "success": false}',
        b'{"data": [' + _PLAIN + b'], "success": true, "data": [' + _ODD + b"]}",
        b'{"success": true, "data": [' + _ODD + b'], "data": [' + _PLAIN + b"]}",
        b'{"success": true, "data": [' + _PLAIN + b'], "data": 5}',
        b'{"success": true, "data": [' + _PLAIN + b"]} x",
        b'{"success": true, "data": [' + _PLAIN + b"]",
        b'{"success": true, "data": [' + _PLAIN + b", " + _ODD + b", 5, " + _PLAIN[:40],
        b'{"success": true, "data": [' + _PLAIN + b", " + _ODD + b", " + _PLAIN + b", " + _ODD + b"]}",
        b'{"success": true, "data": [' + _PLAIN + b", " + _PLAIN + b"]}",
        b'{"success": true, "data": [' + _PLAIN + b",]}",
        b'{"success": true, "data": [' + _PLAIN + b'], "success": false}',
        b'\xef\xbb\xbf{"success": true, "data": [' + _PLAIN + b"]}",
        b'{"success": true, "data": [' + _PLAIN + b', {"uid": "\xff"}]}',
        b" \n{ } ",
    ],
)
@pytest.mark.parametrize("window", [1, 3, 1 << 20])
def test_unusual_bodies_give_what_the_models_give(body, window):
    with mock.patch.object(payload, "_WINDOW", window), mock.patch.object(payload, "_LOOKAHEAD", min(window, 1 << 16)):
        expected = _outcome(lambda: _the_models(body))
        assert _outcome(lambda: parse_body(bytearray(body))) == expected
        assert _outcome(lambda: parse_body(body)) == expected


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"<html>", "not JSON"),
        (b"[1]", "not a JSON object"),
        (b'{"success": true, "data": [{"uid": "x", "name": "n", "wagered": {"today": 1e999}}]}', "wagered"),
        (
            b'{"success": true, "data": ['
            b'{"uid": "x", "name": "a", "wagered": {"today": 0, "this_week": 0, "this_month": 0, "all_time": 0}},'
            b'{"uid": "x", "name": "b", "wagered": {"today": 0, "this_week": 0, "this_month": 0, "all_time": 0}}]}',
            "duplicate uid 'x'",
        ),
    ],
)
def test_rejections_keep_their_reason(body, reason):
    with pytest.raises(PayloadRejected, match=reason):
        parse_body(body)


@pytest.mark.parametrize("window", [1, 2, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2])
def test_a_plain_payload_is_read_in_one_pass_whatever_the_windows(window, indent, monkeypatch):
    """Never read a second time the ordinary way (which would hold the whole text and document), wherever the
    windows cut it and however much space it has."""
    players = [{"uid": f"u{i}", "name": f"P {i}", "wagered": _figures(i * 1.5, 0, i, "2")} for i in range(60)]
    body = json.dumps({"success": True, "data": players, "today": 12.5}, indent=indent).encode()
    monkeypatch.setattr(payload, "parse_payload", None)  # the ordinary reading would fail
    monkeypatch.setattr(payload, "_WINDOW", window)
    monkeypatch.setattr(payload, "_LOOKAHEAD", min(window, 1 << 16) // 2)
    rows = parse_body(bytearray(body))
    assert [(r.uid, r.wagered.today, r.wagered.all_time) for r in rows] == [
        (f"u{i}", Decimal(repr(i * 1.5)), Decimal(2)) for i in range(60)
    ]
