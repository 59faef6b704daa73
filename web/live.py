"""/ws: the race, live. On connect a client gets a snapshot with a version; after each sync every client
gets the new race with the next version. A client that sees a gap asks for a snapshot again.

Each client has a bounded queue drained by its own task, so a slow client is dropped when its queue is
full and never holds up the others. aiohttp's heartbeat pings every WS_HEARTBEAT_SECONDS and closes a
connection whose pong does not come back.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from contextlib import suppress
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web

import metrics
from models.events import Event
from models.leaderboard import Leaderboards
from settings import Settings
from web.race_page import page_race

log = logging.getLogger(__name__)


def _asks_resync(text: str) -> bool:
    """The client saw a version gap (or came back from the background) and wants the whole race again."""
    try:
        message: object = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        return False
    return message == {"type": "resync"}


class Client:
    def __init__(self, socket: web.WebSocketResponse, queue_size: int) -> None:
        self.socket = socket
        self.queue: asyncio.Queue[str] = asyncio.Queue(queue_size)
        self.full_at = 0.0  # when its message budget (a token bucket, kept as one time) is full again

    def spend(self, per_minute: int) -> bool:
        """Count a message from the client: False past `per_minute` in a minute (any of them at once)."""
        now = time.monotonic()
        self.full_at = max(self.full_at, now) + 60 / per_minute
        return self.full_at - now <= 60

    async def drain(self) -> None:
        while True:
            await self.socket.send_str(await self.queue.get())


class LiveHub:
    def __init__(self, leaderboards: Leaderboards, settings: Settings) -> None:
        self.leaderboards, self.settings = leaderboards, settings
        self.version = 0
        self.clients: set[Client] = set()
        self._closing: set[asyncio.Task[bool]] = set()

    async def message(self, kind: str) -> str:
        race = await page_race(self.leaderboards, self.settings)
        return json.dumps({"type": kind, "version": self.version, "race": race}, separators=(",", ":"))

    async def on_event(self, event: Event) -> None:
        """After each sync (on any replica) and each race's end: one message built once, queued for every client."""
        self.version += 1
        if not self.clients:
            return
        text = await self.message("update")
        for client in list(self.clients):
            try:
                client.queue.put_nowait(text)
            except asyncio.QueueFull:  # too slow: it reconnects and starts again from a snapshot
                log.info("dropping a slow live client")
                self.clients.discard(client)
                closing = asyncio.create_task(
                    client.socket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"too slow")
                )
                self._closing.add(closing)  # held until done: the loop keeps only weak references to tasks
                closing.add_done_callback(self._closing.discard)

    def origin_allowed(self, request: web.Request) -> bool:
        """Browsers send Origin with every WebSocket: only the page's own (or a configured one) may connect."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser: no page of another site can be acting for a visitor
        own = {f"{request.scheme}://{request.host}"}
        if self.settings.public_url:
            parts = urlsplit(self.settings.public_url)
            own.add(f"{parts.scheme}://{parts.netloc}")
        return origin in own or origin in self.settings.cors_origins

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if not self.origin_allowed(request):
            raise web.HTTPForbidden(text="foreign origin")
        if len(self.clients) >= self.settings.ws_max_connections:
            raise web.HTTPServiceUnavailable(text="too many live connections", headers={"Retry-After": "30"})
        socket = web.WebSocketResponse(heartbeat=self.settings.ws_heartbeat_seconds, max_msg_size=4096)
        await socket.prepare(request)
        client = Client(socket, self.settings.ws_send_queue)
        client.queue.put_nowait(await self.message("snapshot"))
        self.clients.add(client)
        metrics.websocket_connections.inc()
        sender = asyncio.create_task(client.drain())
        try:
            async for incoming in socket:
                if not client.spend(self.settings.ws_messages_per_minute):  # the page asks now and then; a flood
                    log.info("closing a live client that sends too many messages")
                    await socket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"too many messages")
                    break
                if incoming.type == WSMsgType.TEXT and _asks_resync(incoming.data):
                    with suppress(asyncio.QueueFull):
                        client.queue.put_nowait(await self.message("snapshot"))
        finally:
            self.clients.discard(client)
            metrics.websocket_connections.dec()
            sender.cancel()
            with suppress(asyncio.CancelledError, ConnectionError):
                await sender
        return socket

    async def close_all(self) -> None:
        """At shutdown: tell every client to come back later."""
        await asyncio.gather(
            *(c.socket.close(code=WSCloseCode.GOING_AWAY, message=b"restarting") for c in list(self.clients)),
            return_exceptions=True,
        )
