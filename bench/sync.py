"""Benchmark 3's worker: one payload size, in its own process so its peak memory is the sync's alone.

    sync.py GOATED_URL --players N [--admin-url POSTGRES_ADMIN_URL]

Run by bench/run.py (which serves the fake Goated API at GOATED_URL). On a fresh database: the first sync,
then (after the fake changes 5% of the players) the repeat sync, each timed; then the floor, PostgreSQL
COPY of the same rows into the same table, the fastest of three. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import aiohttp
import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.db import close_db, migrate, open_db  # noqa: E402
from models.events import EventBus  # noqa: E402
from models.leaderboard import Leaderboards  # noqa: E402
from scheduler.goated import GoatedClient  # noqa: E402
from scheduler.sync import SyncService  # noqa: E402
from tests.fakes.goated import AFFILIATE_CODE  # noqa: E402

COLUMNS = [
    "uid",
    "name",
    "wagered_today",
    "wagered_week",
    "wagered_month",
    "wagered_all_time",
    "first_seen_at",
    "changed_at",
]


def rss_mb() -> float:
    """The process's resident memory now (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def copy_floor(url: str, goated_url: str, runs: int = 3) -> list[float]:
    """COPY of the rows the sync wrote, into the same (emptied) table: the fastest way in. Timed `runs` times:
    one COPY swings about 2x on a busy machine, and the fastest of three is the floor (a strict one)."""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{goated_url}/affiliate/referral-leaderboard/{AFFILIATE_CODE}") as response:
            rows = (await response.json())["data"]
    now = datetime.now(UTC)
    records = [
        (
            p["uid"],
            p["name"],
            *(Decimal(repr(v)) if isinstance(v, float) else Decimal(v) for v in p["wagered"].values()),
            now,
            now,
        )
        for p in rows
    ]
    conn = await asyncpg.connect(url)
    try:
        times = []
        for _ in range(runs):
            await conn.execute("TRUNCATE player CASCADE")
            started = time.perf_counter()
            await conn.copy_records_to_table("player", records=records, columns=COLUMNS)
            times.append(time.perf_counter() - started)
        return times
    finally:
        await conn.close()


async def bench(goated_url: str, n: int, admin_url: str) -> dict:
    name = f"bench_sync_{uuid.uuid4().hex[:8]}"
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    admin = await asyncpg.connect(admin_url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        await migrate(url)
        await open_db(url)
        client = GoatedClient(goated_url, AFFILIATE_CODE, timeout=300)
        service = SyncService(client, Leaderboards(), EventBus())
        before = rss_mb()
        started = time.perf_counter()
        first = await service.run_once()
        first_s = time.perf_counter() - started
        async with aiohttp.ClientSession() as session:  # upstream: 5% of the players changed
            async with session.post(f"{goated_url.rsplit('/', 1)[0]}/control/change?share=0.05") as response:
                changed = (await response.json())["changed"]
        started = time.perf_counter()
        repeat = await service.run_once()
        repeat_s = time.perf_counter() - started
        peak = peak_rss_mb()
        assert first.outcome == "ok" and repeat.outcome == "ok", (first.error, repeat.error)
        assert repeat.players_changed == changed, (repeat.players_changed, changed)
        await client.close()
        await close_db()
        copies = await copy_floor(url, goated_url)
        floor = min(copies)
        return {
            "players": n,
            "first_sync_s": round(first_s, 3),
            "repeat_sync_s": round(repeat_s, 3),
            "changed": changed,
            "copy_floor_s": round(floor, 3),
            "copy_runs_s": [round(t, 3) for t in copies],
            "repeat_vs_copy": round(repeat_s / floor, 2),
            "first_vs_copy": round(first_s / floor, 2),
            "rss_before_mb": round(before, 1),
            "peak_rss_mb": round(peak, 1),
            "peak_growth_mb": round(peak - before, 1),
        }
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("goated_url", help="the fake's base, e.g. http://127.0.0.1:PORT/user")
    parser.add_argument("--players", type=int, required=True)
    parser.add_argument("--admin-url", default="postgres://postgres:postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    json.dump(asyncio.run(bench(args.goated_url, args.players, args.admin_url)), sys.stdout)


if __name__ == "__main__":
    main()
