"""The link preview's picture (/og/race.png): what drawing it costs, against the floor of the same machine in the
same run, and how long it holds up the event loop as the app draws it (in a worker thread) and as it would
if drawn on the loop.

    .venv/bin/python bench/preview.py [--renders N]

- draw: web.preview.draw on a full card (title, pool, time left, demo badge, top five), PNG-encoded;
- floor: Pillow making a blank 1200×630 image and encoding it as PNG with the same settings (the least any
  drawn preview can cost);
- loop lag: the longest a 1 ms ticker on the event loop waited while N pictures were drawn, in the app's way
  (asyncio.to_thread) and on the loop itself.
Results: a table on stdout and bench/results/preview.json.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from web.preview import HEIGHT, WIDTH, Card, draw  # noqa: E402

CARD = Card(
    title="Noviembre de 2026 carrera de apuestas",
    pool_label="Bolsa de premios",
    pool="12.500,00 US$",
    time_label="Termina en",
    time_left="3d 11h 42m",
    demo="Datos demo",
    rows=tuple(
        (f"#{i}", name, "128.944,28 US$")
        for i, name in enumerate(["Luck***42", "Nigh***77", "ElGa***24", "xX_H***Xx", "BigS***88"], start=1)
    ),
    footer="Clasificación en vivo",
)


def floor() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (WIDTH, HEIGHT), "#0e0f13").save(out, "PNG", compress_level=6)
    return out.getvalue()


def timed(job, runs: int) -> dict[str, float]:
    job()  # warm: fonts loaded, caches filled
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p90_ms": round(samples[int(len(samples) * 0.9) - 1], 2),
    }


async def loop_lag(renders: int, in_thread: bool) -> float:
    """The longest wait of a 1 ms ticker while `renders` pictures are drawn one after another."""
    worst = 0.0
    done = False

    async def ticker() -> None:
        nonlocal worst
        while not done:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            worst = max(worst, time.perf_counter() - start - 0.001)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0.01)
    for _ in range(renders):
        if in_thread:
            await asyncio.to_thread(draw, CARD)
        else:
            draw(CARD)
            await asyncio.sleep(0)
    done = True
    await task
    return round(worst * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=40)
    args = parser.parse_args()
    drawn, blank = timed(lambda: draw(CARD), args.renders), timed(floor, args.renders)
    results = {
        "draw": drawn | {"bytes": len(draw(CARD))},
        "floor": blank | {"bytes": len(floor())},
        "ratio": round(blank["p50_ms"] / drawn["p50_ms"], 2),  # floor / product, as the other benchmarks
        "loop_lag_max_ms": {
            "in_a_thread": asyncio.run(loop_lag(args.renders, in_thread=True)),
            "on_the_loop": asyncio.run(loop_lag(args.renders, in_thread=False)),
        },
    }
    print(f"{'':<12}{'p50 ms':>10}{'p90 ms':>10}{'bytes':>10}")
    for name in ("draw", "floor"):
        row = results[name]
        print(f"{name:<12}{row['p50_ms']:>10}{row['p90_ms']:>10}{row['bytes']:>10}")
    print(f"floor/draw ratio: {results['ratio']}")
    print(f"event loop's longest wait while drawing: {results['loop_lag_max_ms']}")
    out = ROOT / "bench" / "results" / "preview.json"
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
