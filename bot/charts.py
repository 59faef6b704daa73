"""The admins' report charts as PNG images, drawn with matplotlib's Agg backend.

Drawing takes a tenth of a second or more, so callers run these functions in a worker thread
(`asyncio.to_thread`), never on the event loop. They use matplotlib's object API (a `Figure` of their own,
no pyplot state), so two charts can be drawn in two threads at once. Every text arrives translated and every
amount formatter in the reader's locale: nothing here reads the i18n context.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")  # no display: a server draws into memory

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 8.0, 100  # 1000 × 800 pixels: sharp in Telegram, well under its photo limits
THIS, LAST, PROJECTED = "#2f7ed8", "#b0b8c4", "#e8a33d"

Money = Callable[[float], str]


@dataclass(frozen=True)
class MonthChart:
    """Wagered per day and cumulative, this month against the one before (amounts are the day's, not running)."""

    title: str
    per_day_title: str
    cumulative_title: str
    this_label: str
    last_label: str
    day_label: str
    this_days: Sequence[Decimal]
    last_days: Sequence[Decimal]
    days_in_month: int
    projection: Decimal | None = None  # the month in progress: its projected end
    projection_label: str = ""


@dataclass(frozen=True)
class TrendChart:
    title: str
    months: Sequence[str]  # the x axis' labels, already in the reader's language
    totals: Sequence[Decimal | None]
    active: Sequence[int | None]
    total_label: str
    active_label: str


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _running(values: Sequence[Decimal]) -> list[float]:
    total, curve = 0.0, []
    for value in values:
        total += float(value)
        curve.append(total)
    return curve


def draw_month(chart: MonthChart, money: Money) -> bytes:
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), layout="constrained")
    figure.suptitle(chart.title, fontsize=15, fontweight="bold")
    per_day, cumulative = figure.subplots(2, 1)
    width = 0.4
    last_x = [day + 1 - width / 2 for day in range(len(chart.last_days))]
    this_x = [day + 1 + width / 2 for day in range(len(chart.this_days))]
    per_day.bar(last_x, [float(v) for v in chart.last_days], width, color=LAST, label=chart.last_label)
    per_day.bar(this_x, [float(v) for v in chart.this_days], width, color=THIS, label=chart.this_label)
    per_day.set_title(chart.per_day_title)
    cumulative.plot(
        range(1, len(chart.last_days) + 1), _running(chart.last_days), color=LAST, lw=2.5, label=chart.last_label
    )
    this_curve = _running(chart.this_days)
    cumulative.plot(range(1, len(this_curve) + 1), this_curve, color=THIS, lw=2.5, label=chart.this_label)
    if chart.projection is not None and this_curve:
        cumulative.plot(
            [len(this_curve), chart.days_in_month], [this_curve[-1], float(chart.projection)],
            color=PROJECTED, lw=2, ls="--", label=chart.projection_label,
        )  # fmt: skip
    cumulative.set_title(chart.cumulative_title)
    for axes in (per_day, cumulative):
        axes.set_xlim(0.4, max(chart.days_in_month, len(chart.last_days), 1) + 0.6)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: money(value)))
        axes.set_xlabel(chart.day_label)
        axes.grid(axis="y", alpha=0.3)
        axes.legend(loc="upper left")
        axes.set_ylim(bottom=0)
    return _png(figure)


def draw_trend(chart: TrendChart, money: Money) -> bytes:
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN * 0.75), layout="constrained")
    figure.suptitle(chart.title, fontsize=15, fontweight="bold")
    totals = figure.subplots()
    x = list(range(len(chart.months)))
    totals.bar(x, [float(v) if v is not None else 0.0 for v in chart.totals], 0.6, color=THIS, label=chart.total_label)
    totals.yaxis.set_major_formatter(FuncFormatter(lambda value, _: money(value)))
    totals.set_ylim(bottom=0)
    totals.set_xticks(x, list(chart.months), rotation=30, ha="right")
    totals.grid(axis="y", alpha=0.3)
    active = totals.twinx()
    known = [(i, n) for i, n in zip(x, chart.active, strict=True) if n is not None]
    active.plot(
        [i for i, _ in known], [n for _, n in known], color=PROJECTED, lw=2.5, marker="o", label=chart.active_label
    )
    active.yaxis.set_major_locator(MaxNLocator(integer=True))
    active.set_ylim(bottom=0)
    handles = totals.get_legend_handles_labels()
    more = active.get_legend_handles_labels()
    totals.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left")
    return _png(figure)
