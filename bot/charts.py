"""The admins' report charts as PNG images, drawn with matplotlib's Agg backend in a worker process.

Drawing one takes a few hundred milliseconds, and matplotlib's C++ renderer holds the GIL while it works: drawn
in a thread (asyncio.to_thread) a chart still held the event loop up to ~250 ms at a time (bench/reports.py).
So `render` draws in one spawned worker process, started at the first chart and kept: the loop only waits on
a future. Should that process die, the chart is drawn in a thread instead and the next one starts a new process.
Every text arrives translated and the amounts are formatted in the reader's `locale`: nothing here reads the
i18n context. The drawing uses matplotlib's object API (a `Figure` of its own, no pyplot state).
"""

from __future__ import annotations

import asyncio
import io
import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from decimal import Decimal

import matplotlib
from babel.numbers import format_compact_currency

matplotlib.use("Agg")  # no display: a server draws into memory

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 8.0, 100  # 1000 × 800 pixels: sharp in Telegram, well under its photo limits
THIS, LAST, PROJECTED = "#2f7ed8", "#b0b8c4", "#e8a33d"

log = logging.getLogger(__name__)


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


def compact_money(value: float, locale: str) -> str:
    """An axis label: "$130K", "US$ 1,2 M"."""
    return format_compact_currency(value, "USD", locale=locale, fraction_digits=1)


def _money_axis(locale: str) -> FuncFormatter:
    return FuncFormatter(lambda value, _: compact_money(value, locale))


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


def draw_month(chart: MonthChart, locale: str) -> bytes:
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
    # Fixed margins: matplotlib's constrained layout would fit them to the labels, at a third of the drawing's
    # cost; the axes' labels are short (compact money, day numbers), so these hold them.
    figure.subplots_adjust(left=0.11, right=0.97, top=0.9, bottom=0.08, hspace=0.35)
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
        axes.yaxis.set_major_formatter(_money_axis(locale))
        axes.set_xlabel(chart.day_label)
        axes.grid(axis="y", alpha=0.3)
        axes.legend(loc="upper left")
        axes.set_ylim(0, axes.get_ylim()[1] * 1.15)  # room above the bars for the legend
    return _png(figure)


def draw_trend(chart: TrendChart, locale: str) -> bytes:
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN * 0.75))
    figure.subplots_adjust(left=0.11, right=0.93, top=0.9, bottom=0.15)  # fixed, as in draw_month
    figure.suptitle(chart.title, fontsize=15, fontweight="bold")
    totals = figure.subplots()
    x = list(range(len(chart.months)))
    totals.bar(x, [float(v) if v is not None else 0.0 for v in chart.totals], 0.6, color=THIS, label=chart.total_label)
    totals.yaxis.set_major_formatter(_money_axis(locale))
    totals.set_ylim(0, totals.get_ylim()[1] * 1.15)  # room above the bars for the legend
    totals.set_xticks(x, list(chart.months), rotation=30, ha="right")
    totals.grid(axis="y", alpha=0.3)
    active = totals.twinx()
    known = [(i, n) for i, n in zip(x, chart.active, strict=True) if n is not None]
    active.plot(
        [i for i, _ in known], [n for _, n in known], color=PROJECTED, lw=2.5, marker="o", label=chart.active_label
    )
    active.yaxis.set_major_locator(MaxNLocator(integer=True))
    active.set_ylim(0, active.get_ylim()[1] * 1.15)
    handles = totals.get_legend_handles_labels()
    more = active.get_legend_handles_labels()
    totals.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left")
    return _png(figure)


# ---- drawing in the worker process ----


@dataclass(frozen=True)
class Drawn:
    png: bytes
    pid: int  # the process that drew it


def draw(chart: MonthChart | TrendChart, locale: str) -> Drawn:
    png = draw_month(chart, locale) if isinstance(chart, MonthChart) else draw_trend(chart, locale)
    return Drawn(png, os.getpid())


def _warm() -> None:
    """The worker's start: matplotlib's fonts found and loaded before the first chart is asked for."""
    draw(TrendChart("", ["x"], [Decimal(1)], [1], "", ""), "en")


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _worker() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # spawn, not fork: a forked copy of a process running an event loop and database connections is unsafe
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_warm)
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


async def render(chart: MonthChart | TrendChart, locale: str) -> Drawn:
    """The chart drawn in the worker process, the event loop free meanwhile."""
    pool = _worker()
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, draw, chart, locale)
    except BrokenProcessPool:  # the worker died (killed, out of memory): a thread this time, a new worker next
        log.warning("the chart worker process stopped; drawing this chart in a thread")
        _discard(pool)
        return await asyncio.to_thread(draw, chart, locale)
