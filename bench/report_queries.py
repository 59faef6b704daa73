"""What the reports' figures cost to read from a realistic history of wagers, against the floor of the same
machine in the same run.

    .venv/bin/python bench/report_queries.py [--players N] [--every MINUTES] [--share S] [--admin-url URL]

On a scratch PostgreSQL database: N players synced every MINUTES from October 1st to November 15th noon, a
share S of them changing at each sync (a snapshot row each), the upstream's reset at November's start (every
player a row). Then, timed: closing October (models.reports.close_month), /report for November in progress
(and October against it), /report for October once closed, /trend (12 months); and the floor: one query that
reads every player's last figure of November (DISTINCT ON), the least any report on the month can read.
Results: a table on stdout and bench/results/report_queries.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import reports  # noqa: E402
from models.db import close_db, migrate, open_db  # noqa: E402
from models.race import race_at  # noqa: E402

START = datetime(2026, 10, 1, tzinfo=UTC)
NOV = datetime(2026, 11, 1, tzinfo=UTC)
NOW = datetime(2026, 11, 15, 12, tzinfo=UTC)
FLOOR = """SELECT SUM(wagered_month), COUNT(*) FROM (
  SELECT DISTINCT ON (player_id) player_id, wagered_month FROM wager_snapshot
  WHERE at >= $1 AND at <= $2 ORDER BY player_id, id DESC) AS last"""


def history(players: int, every: int, share: float) -> tuple[list[tuple], list[tuple], list[str]]:
    random.seed(23)
    uids = [f"u{i:06d}" for i in range(players)]
    month = dict.fromkeys(uids, Decimal(0))
    runs: list[tuple] = []
    snapshots: list[tuple] = []
    moment, run = START, 0
    while moment <= NOW:
        run += 1
        reset = moment >= NOV and moment - timedelta(minutes=every) < NOV
        runs.append((run, "goated", moment, moment, "ok", players, 0, reset))
        changed = uids if reset else random.sample(uids, int(players * share))
        for uid in changed:
            month[uid] = Decimal(0) if reset else month[uid] + random.randint(1, 500)
            snapshots.append((uid, run, moment, 0, 0, month[uid], 0))
        moment += timedelta(minutes=every)
    return runs, snapshots, uids


async def load(url: str, players: int, every: int, share: float) -> int:
    runs, snapshots, uids = history(players, every, share)
    conn = await asyncpg.connect(url)
    try:
        await conn.copy_records_to_table(
            "player",
            records=[(uid, uid, 0, 0, 0, 0, START, START) for uid in uids],
            columns=["uid", "name", "wagered_today", "wagered_week", "wagered_month", "wagered_all_time",
                     "first_seen_at", "changed_at"],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "sync_run",
            records=runs,
            columns=["id", "source", "started_at", "finished_at", "outcome", "players_received", "players_changed",
                     "month_reset"],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "wager_snapshot",
            records=snapshots,
            columns=["player_id", "sync_run_id", "at", "wagered_today", "wagered_week", "wagered_month",
                     "wagered_all_time"],
        )  # fmt: skip
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return len(snapshots)


async def timed(job) -> float:
    start = time.perf_counter()
    await job()
    return round(time.perf_counter() - start, 3)


async def measure(url: str) -> dict[str, float]:
    await open_db(url)
    try:
        conn = await asyncpg.connect(url)
        floor = await timed(lambda: conn.fetch(FLOOR, NOV, NOW))
        await conn.close()
        return {
            "floor_one_query_s": floor,
            "report_november_in_progress_s": await timed(lambda: reports.month_report("2026-11", "UTC", NOW)),
            "close_october_s": await timed(lambda: reports.close_month(race_at(START), NOW)),
            "report_october_closed_s": await timed(lambda: reports.month_report("2026-10", "UTC", NOW)),
            "trend_12_months_s": await timed(lambda: reports.trend("UTC", NOW)),
        }
    finally:
        await close_db()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--players", type=int, default=2000)
    parser.add_argument("--every", type=int, default=10, help="minutes between syncs")
    parser.add_argument("--share", type=float, default=0.1, help="share of the players changed by each sync")
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres"),
    )
    args = parser.parse_args()
    name = f"bench_reports_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(args.admin_url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = args.admin_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        await migrate(url)
        rows = await load(url, args.players, args.every, args.share)
        results = {"players": args.players, "every_minutes": args.every, "share": args.share, "snapshots": rows}
        results |= await measure(url)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    results["load_average"] = [round(x, 2) for x in os.getloadavg()]
    for key, value in results.items():
        print(f"{key:<34}{value}")
    (ROOT / "bench" / "results" / "report_queries.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
