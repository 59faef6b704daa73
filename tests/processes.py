"""Real processes for the replica and fault tests: `main.py` as the Procfile runs it, and a Redis server."""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from tests.fakes.goated import AFFILIATE_CODE
from tests.support import BOT_TOKEN, WEBHOOK_SECRET, service_missing

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def eventually(check: Callable[[], Awaitable[Any] | Any], timeout: float = 30.0, every: float = 0.2) -> Any:
    """Wait until `check()` returns (or resolves to) something truthy; connection errors count as not yet."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if inspect.isawaitable(last):
                last = await last
            if last:
                return last
        except (TimeoutError, aiohttp.ClientError, OSError):
            pass
        await asyncio.sleep(every)
    raise AssertionError(f"not true within {timeout}s (last: {last!r})")


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            service_missing("redis-server is not installed (apt-get install redis-server)")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@dataclass
class Replica:
    """One app process. Its output goes to a file (a pipe nobody reads would fill up and block it)."""

    name: str
    env: dict[str, str]
    log_path: Path
    port: int
    process: subprocess.Popen | None = None
    outage: bool = False  # a test that stops a server under it expects libraries to log tracebacks

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py")],
            cwd=self.log_path.parent,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def kill(self, sig: signal.Signals = signal.SIGKILL) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        code = self.process.wait(timeout=30)
        self.process = None
        return code

    def output(self) -> str:
        return self.log_path.read_text()

    async def health(self, session: aiohttp.ClientSession) -> dict:
        async with session.get(f"{self.url}/health", timeout=aiohttp.ClientTimeout(total=5)) as response:
            return await response.json()

    async def ready(self, session: aiohttp.ClientSession, timeout: float = 60) -> dict:
        return await eventually(lambda: self.health(session), timeout)

    async def post_update(self, session: aiohttp.ClientSession, update: dict) -> aiohttp.ClientResponse:
        async with session.post(
            f"{self.url}/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
        ) as response:
            await response.read()
            return response


def replica_env(database_url: str, telegram_url: str, goated_url: str, port: int, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "WEBHOOK_", "GOATED_", "DATABASE_", "REDIS_", "TELEGRAM_", "SYNC_"))
    }
    env.update(
        PORT=str(port),
        DATABASE_URL=database_url,
        BOT_TOKEN=BOT_TOKEN,
        TELEGRAM_API_URL=telegram_url,
        WEBHOOK_BASE_URL="https://bot.example.com",
        WEBHOOK_SECRET=WEBHOOK_SECRET,
        GOATED_API_URL=goated_url,
        GOATED_AFFILIATE_CODE=AFFILIATE_CODE,
        GOATED_TIMEOUT_SECONDS="5",
        SYNC_INTERVAL_SECONDS="10",
        ADMIN_IDS="999",
        NAME_DISPLAY="full",
        RACE_TIMEZONE="UTC",
        TELEGRAM_MESSAGES_PER_SECOND="1000",
        TELEGRAM_CHAT_INTERVAL_SECONDS="0",
        RATE_LIMIT_HIGH="1000",
        RATE_LIMIT_MEDIUM="1000",
        RATE_LIMIT_LOW="1000",
    )
    env.update(extra)
    return env


def stop_all(*processes: Replica | RedisServer) -> None:
    for process in processes:
        if isinstance(process, Replica) and process.process is not None:
            process.kill(signal.SIGTERM)
        elif isinstance(process, RedisServer):
            process.stop()
