"""/ws: the race, live. On connect a client gets a snapshot with a version; after each sync every client
gets the new race with the next version. A client that sees a gap asks for a snapshot again.

Each message is encoded once, framed once and, for the clients that negotiated per-message deflate,
compressed once per window size (a fresh compressor per message: no context is carried over, which every
deflate client can read), and then written to each client's connection as it is, with no task or drain per
client: a write is a copy into the connection's buffer. A client whose buffer still holds more than
WS_SEND_QUEUE messages is too slow: it is dropped and never holds up the others. Every data frame goes out
this way (the snapshots too), so aiohttp's own compressor, which keeps a context, is never used for data.
aiohttp's heartbeat pings every WS_HEARTBEAT_SECONDS and closes a connection whose pong does not come back.
"""

from __future__ import annotations

import asyncio
import json
import logging
import struct
import time
import zlib
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web

import metrics
from models.events import Event
from models.leaderboard import Leaderboards
from settings import Settings
from web.race_page import page_race

log = logging.getLogger(__name__)

FAN_OUT_SLICE = 500  # clients written to between turns of the event loop
_DEFLATE_TAIL = b"\x00\x00\xff\xff"  # RFC 7692 7.2.1: the sync flush's end, left off every message


def _frame(payload: bytes, rsv: int) -> bytes:
    """A whole server-to-client text frame (FIN, not masked), RFC 6455 5.2."""
    first, size = 0x80 | rsv | WSMsgType.TEXT, len(payload)
    if size < 126:
        return struct.pack("!BB", first, size) + payload
    if size < 1 << 16:
        return struct.pack("!BBH", first, 126, size) + payload
    return struct.pack("!BBQ", first, 127, size) + payload


class Frame:
    """One message, framed for every client: as it is, and deflated for each window size in use."""

    def __init__(self, text: str) -> None:
        self.payload = text.encode("utf-8")
        self.plain = _frame(self.payload, 0)
        self._deflated: dict[int, bytes] = {}

    def for_window(self, window_bits: int) -> bytes:
        """The frame for a client that negotiated `window_bits` (0: no compression)."""
        if not window_bits:
            return self.plain
        frame = self._deflated.get(window_bits)
        if frame is None:
            deflate = zlib.compressobj(zlib.Z_BEST_SPEED, zlib.DEFLATED, -window_bits)
            body = deflate.compress(self.payload) + deflate.flush(zlib.Z_SYNC_FLUSH)
            frame = self._deflated[window_bits] = _frame(body.removesuffix(_DEFLATE_TAIL), 0x40)  # RSV1: deflated
        return frame


def _asks_resync(text: str) -> bool:
    """The client saw a version gap (or came back from the background) and wants the whole race again."""
    try:
        message: object = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        return False
    return message == {"type": "resync"}


class Client:
    def __init__(self, socket: web.WebSocketResponse, transport: asyncio.Transport, queue_size: int) -> None:
        self.socket, self.transport, self.queue_size = socket, transport, queue_size
        self.window_bits = int(socket.compress or 0)  # per-message deflate's window, 0 when not negotiated
        self.full_at = 0.0  # when its message budget (a token bucket, kept as one time) is full again

    def spend(self, per_minute: int) -> bool:
        """Count a message from the client: False past `per_minute` in a minute (any of them at once)."""
        now = time.monotonic()
        self.full_at = max(self.full_at, now) + 60 / per_minute
        return self.full_at - now <= 60

    def send(self, frame: Frame) -> bool:
        """Queue the frame in the connection's buffer; False when the client is too slow (its buffer still
        holds more than `queue_size` messages). A connection that is closing gets nothing more."""
        if self.socket.closed or self.transport.is_closing():
            return True
        data = frame.for_window(self.window_bits)
        if self.transport.get_write_buffer_size() > self.queue_size * len(data):
            return False
        self.transport.write(data)
        return True


class LiveHub:
    def __init__(self, leaderboards: Leaderboards, settings: Settings) -> None:
        self.leaderboards, self.settings = leaderboards, settings
        self.version = 0
        self.clients: set[Client] = set()
        self._closing: set[asyncio.Task[bool]] = set()
        self._fan_out = asyncio.Lock()  # one message at a time: each client gets the versions in order

    async def message(self, kind: str) -> Frame:
        race = await page_race(self.leaderboards, self.settings)
        return Frame(json.dumps({"type": kind, "version": self.version, "race": race}, separators=(",", ":")))

    async def on_event(self, event: Event) -> None:
        """After each sync (on any replica) and each race's end: one message built once, written to every client."""
        self.version += 1
        if not self.clients:
            return
        frame = await self.message("update")
        async with self._fan_out:
            clients = list(self.clients)
            for start in range(0, len(clients), FAN_OUT_SLICE):
                if start:
                    await asyncio.sleep(0)  # a turn of the loop for everything else between slices
                for client in clients[start : start + FAN_OUT_SLICE]:
                    if client in self.clients and not client.send(frame):
                        self.drop(client)

    def drop(self, client: Client) -> None:
        """Too slow: it reconnects and starts again from a snapshot."""
        log.info("dropping a slow live client")
        self.clients.discard(client)
        closing = asyncio.create_task(client.socket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"too slow"))
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
        transport = request.transport
        if transport is None:  # the connection closed during the handshake
            return socket
        client = Client(socket, transport, self.settings.ws_send_queue)
        client.send(await self.message("snapshot"))
        self.clients.add(client)
        metrics.websocket_connections.inc()
        try:
            async for incoming in socket:
                if not client.spend(self.settings.ws_messages_per_minute):  # the page asks now and then; a flood
                    log.info("closing a live client that sends too many messages")
                    await socket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"too many messages")
                    break
                if incoming.type == WSMsgType.TEXT and _asks_resync(incoming.data):
                    snapshot = await self.message("snapshot")
                    async with self._fan_out:  # never between two slices of an update's fan-out
                        client.send(snapshot)  # too far behind: not now (the next update drops it)
        finally:
            self.clients.discard(client)
            metrics.websocket_connections.dec()
        return socket

    async def close_all(self) -> None:
        """At shutdown: tell every client to come back later."""
        await asyncio.gather(
            *(c.socket.close(code=WSCloseCode.GOING_AWAY, message=b"restarting") for c in list(self.clients)),
            return_exceptions=True,
        )
