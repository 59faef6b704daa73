"""A real headless Chromium driven over the DevTools protocol (a WebSocket, spoken with aiohttp), so the
browser test needs no driver package: Debian's `chromium` is enough."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
import shutil
import tempfile
from typing import Any

import aiohttp

# Telegram's Login Widget script: the page links it, and it cannot load where the tests run.
UNREACHABLE = "https://telegram.org/"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    def __init__(self) -> None:
        self.process: asyncio.subprocess.Process | None = None
        self.profile = tempfile.TemporaryDirectory()
        self.session: aiohttp.ClientSession | None = None
        self.page: aiohttp.ClientWebSocketResponse | None = None
        self.ids = itertools.count(1)
        self.events: list[dict] = []  # what the page reported while we waited for answers (console, log, errors)

    async def start(self, width: int = 360, height: int = 740) -> None:
        assert CHROMIUM is not None
        self.process = await asyncio.create_subprocess_exec(
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--remote-debugging-port=0",
            f"--user-data-dir={self.profile.name}",
            f"--window-size={width},{height}",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        port = await self._devtools_port()
        self.session = aiohttp.ClientSession()
        async with self.session.get(f"http://127.0.0.1:{port}/json/list") as response:
            targets = await response.json(content_type=None)
        page = next(t for t in targets if t["type"] == "page")
        self.page = await self.session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        # A phone: 360 CSS pixels wide.
        await self.resize(width, height)
        await self.call("Runtime.enable")
        await self.call("Log.enable")  # CSP violations are reported here

    async def resize(self, width: int, height: int = 740) -> None:
        """The viewport: a phone below 600 CSS pixels wide, else a desktop."""
        await self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=2 if width < 600 else 1,
            mobile=width < 600,
        )

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and CSP violations the page reported so far."""
        found = []
        for event in self.events:
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                found.append(str(params["exceptionDetails"].get("exception", {}).get("description", params)))
            elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif (
                event["method"] == "Log.entryAdded"
                and params["entry"]["level"] == "error"
                and not params["entry"].get("url", "").startswith(UNREACHABLE)
            ):
                found.append(f"{params['entry']['text']} {params['entry'].get('url', '')}".strip())
        return found

    async def _devtools_port(self) -> int:
        assert self.process is not None and self.process.stderr is not None
        async with asyncio.timeout(30):
            while line := await self.process.stderr.readline():
                if match := re.search(rb"DevTools listening on ws://[^:]+:(\d+)/", line):
                    return int(match[1])
        raise RuntimeError("chromium did not start its DevTools server")

    async def call(self, method: str, **params: Any) -> dict:
        assert self.page is not None
        call_id = next(self.ids)
        await self.page.send_json({"id": call_id, "method": method, "params": params})
        async with asyncio.timeout(30):
            while True:
                message = json.loads((await self.page.receive()).data)
                if "method" in message:
                    self.events.append(message)
                if message.get("id") == call_id:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return message.get("result", {})

    async def open(self, url: str) -> None:
        await self.call("Page.navigate", url=url)
        await self.wait_for("document.readyState === 'complete'")

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 20) -> Any:
        """Poll until `expression` is truthy in the page; its value."""
        async with asyncio.timeout(timeout):
            while not (value := await self.evaluate(expression)):
                await asyncio.sleep(0.1)
        return value

    async def screenshot(self) -> bytes:
        return base64.b64decode(
            (await self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True))["data"]
        )

    async def close(self) -> None:
        if self.page is not None:
            await self.page.close()
        if self.session is not None:
            await self.session.close()
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        self.profile.cleanup()
