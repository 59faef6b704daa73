"""Sync benchmark: N players from the fake Goated server into PostgreSQL, first and repeat sync (5% changed),
against the floor of PostgreSQL COPY of the same rows, in the same run.

    .venv/bin/python bench/sync.py [N ...]      (default 2000 20000 100000; BENCH_POSTGRES_URL = admin URL)

Prints a table and writes bench/results/sync.json. Peak memory is the process's max RSS growth.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import sys
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import asyncpg
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.db import close_db, migrate, open_db  # noqa: E402
from models.events import EventBus  # noqa: E402
from models.leaderboard import Leaderboards  # noqa: E402
from scheduler.goated import GoatedClient  # noqa: E402
from scheduler.sync import SyncService  # noqa: E402
from tests.fakes.goated import AFFILIATE_CODE, FakeGoated, player  # noqa: E402

ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres")


def players(n: int, rng: random.Random) -> list[dict]:
    rows = []
    for i in range(n):
        if rng.random() < 0.10:  # about 10% active, with float noise
            month = rng.uniform(1, 200_000)
            rows.append(player(f"uid{i:08d}", f"Player{i}", round(month / 30, 5), round(month / 4, 5),
                               round(month, 5), round(month * 3.3, 5)))
        else:
            rows.append(player(f"uid{i:08d}", f"Player{i}", all_time=round(rng.uniform(0, 5000), 4) if rng.random() < 0.3 else 0))
    return rows


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def copy_floor(url: str, rows: list[dict]) -> float:
    conn = await asyncpg.connect(url)
    await conn.execute("TRUNCATE player CASCADE")
    now = datetime.now(UTC)
    records = [(p["uid"], p["name"], *(Decimal(repr(v)) if isinstance(v, float) else Decimal(v) for v in p["wagered"].values()), now, now)
               for p in rows]
    started = time.perf_counter()
    await conn.copy_records_to_table("player", records=records, columns=[
        "uid", "name", "wagered_today", "wagered_week", "wagered_month", "wagered_all_time", "first_seen_at", "changed_at"])
    elapsed = time.perf_counter() - started
    await conn.execute("TRUNCATE player CASCADE")
    await conn.close()
    return elapsed


async def bench(n: int) -> dict:
    rng = random.Random(n)
    name = f"goatedvips_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    fake = FakeGoated(players=players(n, rng))
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        await migrate(url)
        floor = await copy_floor(url, fake.players)
        await open_db(url)
        client = GoatedClient(f"http://127.0.0.1:{port}/user", AFFILIATE_CODE, timeout=120)
        service = SyncService(client, Leaderboards(), EventBus())
        rss_before = rss_mb()
        started = time.perf_counter()
        first = await service.run_once()
        first_s = time.perf_counter() - started
        for index in rng.sample(range(n), n // 20):  # 5% changed
            fake.players[index]["wagered"]["today"] = round(rng.uniform(1, 500), 5)
        started = time.perf_counter()
        repeat = await service.run_once()
        repeat_s = time.perf_counter() - started
        assert first.outcome == "ok" and repeat.outcome == "ok" and repeat.players_changed == n // 20, repeat.error
        await client.close()
        await close_db()
        return {"players": n, "first_sync_s": round(first_s, 3), "repeat_sync_s": round(repeat_s, 3),
                "copy_floor_s": round(floor, 3), "repeat_vs_copy": round(repeat_s / floor, 2),
                "peak_rss_growth_mb": round(rss_mb() - rss_before, 1), "peak_rss_mb": round(rss_mb(), 1)}
    finally:
        await runner.cleanup()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def main(sizes: list[int]) -> None:
    results = [await bench(n) for n in sizes]
    print(f"{'players':>8} {'first s':>8} {'repeat s':>9} {'COPY s':>7} {'ratio':>6} {'RSS+ MB':>8}")
    for r in results:
        print(f"{r['players']:>8} {r['first_sync_s']:>8} {r['repeat_sync_s']:>9} {r['copy_floor_s']:>7} "
              f"{r['repeat_vs_copy']:>6} {r['peak_rss_growth_mb']:>8}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "sync.json").write_text(json.dumps({"date": datetime.now(UTC).isoformat(), "results": results}, indent=2))


if __name__ == "__main__":
    asyncio.run(main([int(a) for a in sys.argv[1:]] or [2_000, 20_000, 100_000]))
