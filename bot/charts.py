"""The admins' report charts as PNG images, drawn with matplotlib's Agg backend in a worker process.

Drawing one takes a few hundred milliseconds, and matplotlib's C++ renderer holds the GIL while it works: drawn
in a thread (asyncio.to_thread) a chart still held the event loop up to ~250 ms at a time (bench/reports.py).
So `render` draws in one worker process, started at the first chart and kept: the loop only waits. Should that
process die, the chart is drawn in a thread instead and the next one starts a new process.
Every text arrives translated and the amounts are formatted in the reader's `locale`: nothing here reads the
i18n context. The drawing uses matplotlib's object API (a `Figure` of its own, no pyplot state).
"""

from __future__ import annotations

import asyncio
import atexit
import io
import logging
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from babel.numbers import format_compact_currency

if TYPE_CHECKING:
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
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: compact_money(value, locale))


def _whole_numbers() -> MaxNLocator:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _figure(height: float) -> Figure:
    """A figure of its own (no pyplot state), on the Agg backend. matplotlib is imported here, on first use:
    the app's own process never draws (the worker does), so it never holds matplotlib in memory."""
    import matplotlib

    matplotlib.use("Agg")  # no display: a server draws into memory
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH_IN, height))


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
    figure = _figure(HEIGHT_IN)
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
        axes.xaxis.set_major_locator(_whole_numbers())
        axes.yaxis.set_major_formatter(_money_axis(locale))
        axes.set_xlabel(chart.day_label)
        axes.grid(axis="y", alpha=0.3)
        axes.legend(loc="upper left")
        axes.set_ylim(0, axes.get_ylim()[1] * 1.15)  # room above the bars for the legend
    return _png(figure)


def draw_trend(chart: TrendChart, locale: str) -> bytes:
    figure = _figure(HEIGHT_IN * 0.75)
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
    active.yaxis.set_major_locator(_whole_numbers())
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


# The worker is `python -c WORKER_BOOT <this file>`: it loads this file alone, not the `bot` package (whose
# import builds aiogram's models) nor the app's main module, as multiprocessing's spawn would: ~80 MB, not ~265.
WORKER_BOOT = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("charts_worker", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules["charts_worker"] = module
spec.loader.exec_module(module)
module.serve()
"""


def _send(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value)
    stream.write(len(data).to_bytes(4, "big") + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(4)
    if len(header) < 4:
        raise EOFError
    size = int.from_bytes(header, "big")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # only ever from the other end of our own pipe


def serve() -> None:
    """The worker's loop: (kind, fields, locale) in on stdin, ("ok", png) or ("error", text) out on stdout;
    it ends when the app closes the pipe (or exits)."""
    incoming, outgoing = sys.stdin.buffer, sys.stdout.buffer
    draw(TrendChart("", ["x"], [Decimal(1)], [1], "", ""), "en")  # fonts found and loaded before the first chart
    while True:
        try:
            kind, fields, locale = _receive(incoming)
        except EOFError:
            return
        try:
            chart = MonthChart(**fields) if kind == "month" else TrendChart(**fields)
            answer: tuple[str, object] = ("ok", draw(chart, locale).png)
        except Exception as error:  # a bad chart: the app hears why, the worker carries on
            answer = ("error", f"{type(error).__name__}: {error}")
        _send(outgoing, answer)


class WorkerDied(Exception):
    pass


class ChartWorker:
    """One worker process, started at the first chart and kept; one chart at a time. Its calls block on the
    pipe, so they run in a thread (asyncio.to_thread) that waits without holding the GIL."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-c", WORKER_BOOT, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        return self._process

    def draw(self, chart: MonthChart | TrendChart, locale: str) -> Drawn:
        with self._lock:
            process = self._started()
            assert process.stdin is not None and process.stdout is not None
            kind = "month" if isinstance(chart, MonthChart) else "trend"
            try:
                _send(process.stdin, (kind, {f.name: getattr(chart, f.name) for f in fields(chart)}, locale))
                status, value = _receive(process.stdout)
            except (OSError, EOFError, pickle.UnpicklingError) as error:
                process.kill()
                self._process = None
                raise WorkerDied(str(error)) from error
        if status != "ok":
            raise RuntimeError(f"the chart worker could not draw the chart: {value}")
        return Drawn(value, process.pid)

    def close(self) -> None:
        """Close the pipe: the worker ends its loop and exits."""
        process, self._process = self._process, None
        if process is not None and process.stdin is not None:
            process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


WORKER = ChartWorker()
atexit.register(WORKER.close)


async def render(chart: MonthChart | TrendChart, locale: str) -> Drawn:
    """The chart drawn in the worker process, the event loop free meanwhile. Should the worker die (killed,
    out of memory), this chart is drawn in a thread and the next one starts a new worker."""
    try:
        return await asyncio.to_thread(WORKER.draw, chart, locale)
    except WorkerDied as error:
        log.warning("the chart worker process stopped (%s); drawing this chart in a thread", error)
        return await asyncio.to_thread(draw, chart, locale)
