"""The load generator: runs in its own process (so it never shares the event loop with what it measures)
and prints one JSON object of results on stdout.

    load.py updates URL --secret S --users FIRST:COUNT [--concurrency C | --rate R] --duration D --warmup W
    load.py http URL [--concurrency C] --duration D --warmup W
    load.py ws URL --clients N --rounds K (--webhook URL --secret S --admin ID | --fire URL) [--change URL]

`updates` posts a mix of Telegram updates to a webhook; `http` GETs one URL; `ws` holds N WebSocket clients
and times each update from its cause (the end of the sync, or the floor's "fire") to every client.
Closed loop (--concurrency) measures throughput; open loop (--rate, requests start on a fixed schedule and
latency counts from the scheduled time, so a stall is never hidden) measures latency at a given load.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import resource
import sys
import time
from datetime import datetime

import aiohttp

# The mix of a busy race day: the commands people use most, and the buttons under their answers.
MIX = [
    ("/leaderboard", 20),
    ("/leaderboard week", 5),
    ("/race", 25),
    ("/stats", 20),
    ("button:lb:today", 8),
    ("button:lb:month", 7),
    ("button:race:refresh", 15),
]
BOT = {"id": 7000000001, "is_bot": True, "first_name": "GoatedVIPs"}


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(latencies: list[float], errors: int, seconds: float) -> dict:
    ms = [x * 1000 for x in latencies]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "requests": len(ms),
        "errors": errors,
        "seconds": round(seconds, 2),
        "per_second": round(len(ms) / seconds, 1) if seconds else 0,
        "p50_ms": round(percentile(ms, 0.50), 2),
        "p90_ms": round(percentile(ms, 0.90), 2),
        "p99_ms": round(percentile(ms, 0.99), 2),
        "max_ms": round(max(ms, default=float("nan")), 2),
        "client_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
    }


class Updates:
    """Telegram Update JSON as Telegram posts it, spread over many users (the bot allows each ~5 per 10 s)."""

    def __init__(self, first_user: int, users: int, seed: int = 1) -> None:
        self.users = itertools.cycle(range(first_user, first_user + users))
        self.ids = itertools.count(int(time.time() * 1000) % 10**9)  # unique per run: a replica set may dedupe
        self.rng = random.Random(seed)
        self.kinds = [kind for kind, weight in MIX for _ in range(weight)]

    def next(self) -> bytes:
        user_id, update_id = next(self.users), next(self.ids)
        user = {
            "id": user_id,
            "is_bot": False,
            "first_name": f"User{user_id}",
            "username": f"user{user_id}",
            "language_code": "en",
        }
        chat = {"id": user_id, "type": "private", "first_name": user["first_name"]}
        kind = self.rng.choice(self.kinds)
        if kind.startswith("button:"):
            message = {
                "message_id": 1 + update_id % 1000,
                "date": int(time.time()),
                "chat": chat,
                "from": BOT,
                "text": "…",
            }
            update = {
                "update_id": update_id,
                "callback_query": {
                    "id": str(update_id),
                    "from": user,
                    "chat_instance": "1",
                    "data": kind.removeprefix("button:"),
                    "message": message,
                },
            }
        else:
            command = kind.split()[0]
            update = {
                "update_id": update_id,
                "message": {
                    "message_id": update_id,
                    "date": int(time.time()),
                    "chat": chat,
                    "from": user,
                    "text": kind,
                    "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
                },
            }
        return json.dumps(update).encode()


async def closed_loop(call, concurrency: int, warmup: float, duration: float) -> dict:
    """`concurrency` callers back to back: the most the server can do. Warm-up results are dropped."""
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter()
    measure_from, stop_at = start + warmup, start + warmup + duration

    async def caller() -> None:
        nonlocal errors
        while (began := time.perf_counter()) < stop_at:
            ok = await call()
            if began >= measure_from:
                latencies.append(time.perf_counter() - began)
                errors += not ok

    await asyncio.gather(*(caller() for _ in range(concurrency)))
    return summary(latencies, errors, time.perf_counter() - measure_from)


async def open_loop(call, rate: float, warmup: float, duration: float) -> dict:
    """Requests start `rate` times a second whatever the answers do; latency counts from the planned start."""
    latencies: list[float] = []
    errors = 0
    tasks: set[asyncio.Task] = set()
    start = time.perf_counter()

    async def one(planned: float, measured: bool) -> None:
        nonlocal errors
        ok = await call()
        if measured:
            latencies.append(time.perf_counter() - planned)
            errors += not ok

    for i in itertools.count():
        planned = start + i / rate
        if planned >= start + warmup + duration:
            break
        if (delay := planned - time.perf_counter()) > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(one(planned, planned >= start + warmup))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    return summary(latencies, errors, duration) | {"target_per_second": rate}


async def run_updates(args: argparse.Namespace) -> dict:
    first, count = (int(x) for x in args.users.split(":"))
    updates = Updates(first, count)
    headers = {"X-Telegram-Bot-Api-Secret-Token": args.secret, "Content-Type": "application/json"}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

        async def call() -> bool:
            try:
                async with session.post(args.url, data=updates.next(), headers=headers) as response:
                    await response.read()
                    return response.status == 200
            except aiohttp.ClientError:
                return False

        if args.rate:
            return await open_loop(call, args.rate, args.warmup, args.duration)
        return await closed_loop(call, args.concurrency, args.warmup, args.duration)


async def run_http(args: argparse.Namespace) -> dict:
    rng = random.Random(2)
    # Visitors come from many addresses (the app trusts X-Forwarded-For from loopback in the benchmark),
    # so the per-IP rate limit is exercised per visitor and never refuses the benchmark as a whole.
    addresses = [f"10.{i // 250}.{i % 250}.{rng.randint(1, 250)}" for i in range(2_000)]
    size = None
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), auto_decompress=False) as session:

        async def call() -> bool:
            nonlocal size
            try:
                async with session.get(args.url, headers={"X-Forwarded-For": rng.choice(addresses)}) as response:
                    size = len(await response.read())
                    return response.status == 200
            except aiohttp.ClientError:
                return False

        result = await closed_loop(call, args.concurrency, args.warmup, args.duration)
    return result | {"bytes": size}


async def run_ws(args: argparse.Namespace) -> dict:
    """N clients; each round causes one update and records when every client got it."""
    received: list[list[tuple[float, str]]] = [[] for _ in range(args.clients)]
    connected = asyncio.Semaphore(50)  # connect in waves, as visitors would, not all in one instant

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

        async def client(index: int, ready: asyncio.Event) -> None:
            async with connected:
                socket = await session.ws_connect(args.url, max_msg_size=0)
            ready.set()
            async for message in socket:
                if message.type == aiohttp.WSMsgType.TEXT:
                    received[index].append((time.time(), message.data))  # parsed later: timing stays cheap

        events = [asyncio.Event() for _ in range(args.clients)]
        tasks = [asyncio.create_task(client(i, events[i])) for i in range(args.clients)]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), 120)
        await asyncio.sleep(1)  # the snapshots
        rounds = []
        update_ids = itertools.count(int(time.time() * 1000) % 10**9 + 5 * 10**8)
        for number in range(args.warmup_rounds + args.rounds):
            if args.change:
                async with session.post(args.change) as response:  # new figures upstream, untimed
                    await response.read()
            before = [len(r) for r in received]
            if args.fire:  # the floor: its broadcast starts now
                async with session.post(args.fire) as response:
                    cause = (await response.json())["at"]
            else:  # the app: an admin's /sync; the update carries the sync's end time (race.updated_at)
                update = {
                    "update_id": next(update_ids),
                    "message": {
                        "message_id": 1,
                        "date": int(time.time()),
                        "chat": {"id": args.admin, "type": "private"},
                        "from": {"id": args.admin, "is_bot": False, "first_name": "Admin"},
                        "text": "/sync",
                        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
                    },
                }
                async with session.post(
                    args.webhook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": args.secret}
                ) as response:
                    assert response.status == 200, await response.text()
                cause = None
            deadline = time.monotonic() + 10
            while any(len(r) <= b for r, b in zip(received, before, strict=True)) and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            got = [r[b] for r, b in zip(received, before, strict=True) if len(r) > b]
            if cause is None:
                cause = datetime.fromisoformat(json.loads(got[0][1])["race"]["updated_at"]).timestamp()
            latencies = [at - cause for at, _ in got]
            if number >= args.warmup_rounds:
                rounds.append(
                    {
                        "clients": len(got),
                        "last_ms": round(max(latencies) * 1000, 1),
                        "median_ms": round(percentile(latencies, 0.5) * 1000, 1),
                    }
                )
            await asyncio.sleep(args.pause)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    last = [r["last_ms"] for r in rounds]
    return {
        "clients": args.clients,
        "rounds": len(rounds),
        "missed": sum(args.clients - r["clients"] for r in rounds),
        "last_client_p50_ms": percentile(last, 0.5),
        "last_client_p99_ms": percentile(last, 0.99),
        "last_client_max_ms": max(last),
        "message_bytes": len(received[0][-1][1]),
        "per_round": rounds,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["updates", "http", "ws"])
    parser.add_argument("url")
    parser.add_argument("--secret", default="")
    parser.add_argument("--users", default="100000:10000")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rate", type=float, default=0)
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--warmup-rounds", type=int, default=2)
    parser.add_argument("--pause", type=float, default=0.5)
    parser.add_argument("--webhook", default="")
    parser.add_argument("--admin", type=int, default=0)
    parser.add_argument("--fire", default="")
    parser.add_argument("--change", default="")
    args = parser.parse_args()
    runner = {"updates": run_updates, "http": run_http, "ws": run_ws}[args.mode]
    json.dump(asyncio.run(runner(args)), sys.stdout)


if __name__ == "__main__":
    main()
