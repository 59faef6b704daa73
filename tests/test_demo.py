"""The demo affiliate: deterministic, shaped like Goated, living, resetting at period boundaries."""

from __future__ import annotations

from datetime import UTC, datetime

from scheduler.demo import DemoSource
from scheduler.payload import parse_payload

NOON = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)  # a Wednesday


def figures(source: DemoSource, moment: datetime) -> dict[str, dict]:
    return {p["uid"]: p["wagered"] for p in source.document(moment)["data"]}


def test_shape_and_population():
    document = DemoSource().document(NOON)
    rows = parse_payload(document)  # the same validation as the real upstream
    assert len(rows) == 2_000
    racing = [r for r in rows if r.wagered.this_month > 0]
    assert 20 <= len([r for r in racing if r.wagered.this_month > 10_000]) <= 80
    assert len(racing) < 400  # most referred players are inactive
    zeros = [p["wagered"]["today"] for p in document["data"] if p["wagered"]["today"] == 0]
    assert all(type(z) is int for z in zeros)  # zeros are integers, like Goated's


def test_deterministic():
    assert DemoSource().document(NOON) == DemoSource().document(NOON)


def test_wagers_grow_during_the_day_and_reset_at_boundaries():
    source = DemoSource()
    morning, evening = figures(source, NOON.replace(hour=6)), figures(source, NOON.replace(hour=20))
    assert all(evening[uid]["this_month"] >= morning[uid]["this_month"] for uid in morning)
    assert sum(e["today"] for e in evening.values()) > sum(m["today"] for m in morning.values())

    month_end = figures(source, datetime(2026, 11, 30, 23, 59, tzinfo=UTC))
    month_start = figures(source, datetime(2026, 12, 1, 0, 1, tzinfo=UTC))
    assert sum(f["this_month"] for f in month_start.values()) < sum(f["this_month"] for f in month_end.values()) / 100
    assert all(month_start[uid]["all_time"] >= month_end[uid]["all_time"] for uid in month_end)
