"""The report charts (/report, /trend): what drawing one costs against the floor of the same machine in the same
run, and what a command's answer costs while charts are being drawn.

    .venv/bin/python bench/reports.py [--renders N] [--seconds S] [--rate R]

- draw: bot.charts.draw_month (31 days against 30, the projection, the admin's texts) and draw_trend (12 months),
  PNG-encoded as the bot sends them;
- floor: matplotlib saving a blank figure of the same size as PNG (the least any chart drawn with it can cost),
  and Pillow encoding a blank image of that size (the least any PNG of that size can cost);
- command latency: an aiohttp app on this process's event loop answers GET /command (a handler with no work,
  like a command's answer) while the loop is idle (the floor), while charts are drawn back to back in the
  worker process (the bot's way: bot.charts.render), in a worker thread (asyncio.to_thread: matplotlib's
  renderer holds the GIL, so this stalls the loop) and on the loop itself (what the bot must never do).
  The requests come from another process on a fixed schedule (open loop: latency counts from the scheduled
  time, so a stall is never hidden), `--rate` per second for `--seconds` each.
Results: a table on stdout and bench/results/reports.json.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from bot.charts import DPI, HEIGHT_IN, WIDTH_IN, MonthChart, TrendChart, draw_month, draw_trend, render  # noqa: E402

random.seed(23)
MONTH = MonthChart(
    title="Apostado en noviembre de 2026",
    per_day_title="Apostado por día",
    cumulative_title="Apostado en lo que va del mes",
    this_label="noviembre de 2026",
    last_label="octubre de 2026",
    day_label="Día del mes",
    this_days=[Decimal(random.randint(20_000, 120_000)) for _ in range(30)],
    last_days=[Decimal(random.randint(20_000, 120_000)) for _ in range(31)],
    days_in_month=30,
    projection=Decimal(2_400_000),
    projection_label="Proyección",
)
TREND = TrendChart(
    title="Los últimos 12 meses",
    months=[f"m{i}" for i in range(12)],
    totals=[None, None, *(Decimal(random.randint(500_000, 3_000_000)) for _ in range(10))],
    active=[None, None, *(random.randint(300, 900) for _ in range(10))],
    total_label="Apostado",
    active_label="Jugadores activos",
)


LOCALE = "es_UY"


def month() -> bytes:
    return draw_month(MONTH, LOCALE)


def trend() -> bytes:
    return draw_trend(TREND, LOCALE)


def matplotlib_floor() -> bytes:
    out = io.BytesIO()
    Figure(figsize=(WIDTH_IN, HEIGHT_IN)).savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def pillow_floor() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (int(WIDTH_IN * DPI), int(HEIGHT_IN * DPI)), "white").save(out, "PNG")
    return out.getvalue()


def timed(job, runs: int) -> dict[str, float]:
    job()  # warm: fonts found, caches filled
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p90_ms": round(samples[max(0, int(len(samples) * 0.9) - 1)], 2),
        "bytes": len(job()),
    }


# ---- command latency while drawing ----


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def client(url: str, rate: float, seconds: float) -> dict[str, float]:
    """Open loop: request i starts at start + i / rate, and its latency counts from then."""
    latencies: list[float] = []
    async with aiohttp.ClientSession() as session:

        async def one(scheduled: float) -> None:
            await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
            async with session.get(url) as response:
                await response.read()
            latencies.append((time.perf_counter() - scheduled) * 1000)

        start = time.perf_counter() + 0.2
        await asyncio.gather(*(one(start + i / rate) for i in range(int(rate * seconds))))
    return {
        "requests": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "max_ms": round(max(latencies), 2),
    }


async def command_latency(mode: str, rate: float, seconds: float) -> dict[str, float]:
    """`mode`: idle, process (the bot's worker process), thread (a worker thread) or loop (on the event loop)."""

    async def command(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/command", command)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    drawing, drawn = True, 0
    if mode == "process":
        await render(MONTH, LOCALE)  # the worker started and warm, as after a bot's first chart

    async def draw_back_to_back() -> None:
        nonlocal drawn
        while drawing:
            if mode == "process":
                await render(MONTH, LOCALE)
            elif mode == "thread":
                await asyncio.to_thread(month)
            else:
                month()
                await asyncio.sleep(0)
            drawn += 1

    task = asyncio.create_task(draw_back_to_back()) if mode != "idle" else None
    load = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "client", f"http://127.0.0.1:{port}/command", str(rate), str(seconds),
        stdout=subprocess.PIPE,
    )  # fmt: skip
    out, _ = await load.communicate()
    drawing = False
    if task is not None:
        await task
    await runner.cleanup()
    return json.loads(out) | {"charts_drawn": drawn}


def main() -> None:
    if sys.argv[1:2] == ["client"]:
        url, rate, seconds = sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
        print(json.dumps(asyncio.run(client(url, rate, seconds))))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rate", type=float, default=100)
    args = parser.parse_args()
    results: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": " ".join(["bench/reports.py", *sys.argv[1:]]),
        },
        "draw": {"month": timed(month, args.renders), "trend": timed(trend, args.renders)},
        "floor": {
            "matplotlib_blank": timed(matplotlib_floor, args.renders),
            "pillow_blank": timed(pillow_floor, args.renders),
        },
    }
    results["ratio_month"] = round(
        results["floor"]["matplotlib_blank"]["p50_ms"] / results["draw"]["month"]["p50_ms"], 2
    )
    results["command_latency"] = {
        mode: asyncio.run(command_latency(mode, args.rate, args.seconds))
        for mode in ("idle", "process", "thread", "loop")
    }
    print(f"{'':<20}{'p50 ms':>10}{'p90 ms':>10}{'bytes':>10}")
    for group in ("draw", "floor"):
        for name, row in results[group].items():
            print(f"{group + ' ' + name:<20}{row['p50_ms']:>10}{row['p90_ms']:>10}{row['bytes']:>10}")
    print(f"floor/draw ratio (month chart vs blank matplotlib figure): {results['ratio_month']}")
    print(f"\ncommand latency at {args.rate:g}/s for {args.seconds:g} s each:")
    print(f"{'':<20}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}{'charts':>10}")
    for mode, row in results["command_latency"].items():
        print(f"{mode:<20}{row['p50_ms']:>10}{row['p99_ms']:>10}{row['max_ms']:>10}{row['charts_drawn']:>10}")
    print(f"machine: {results['machine']}")
    (ROOT / "bench" / "results" / "reports.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
