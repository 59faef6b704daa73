"""The live socket's frames: each message is framed (and deflated) once for every client, so a client that
negotiated per-message deflate, with any window it asked for, reads exactly what a plain client reads."""

from __future__ import annotations

import asyncio
import logging
import random
import socket
import string
import zlib

import pytest
from aiohttp import web

from tests.fakes.goated import player
from tests.support import PLAYERS
from web.keys import LIVE
from web.live import Frame


async def test_plain_and_deflate_clients_read_the_same_snapshot_update_and_resync(race_app):
    app = await race_app()
    # aiohttp's client offers permessage-deflate when asked; 10 also asks the server for a 2**10-byte window.
    sockets = [await app.client.ws_connect("/ws", compress=window) for window in (0, 15, 10, 15)]
    try:
        assert [bool(socket.compress) for socket in sockets] == [False, True, True, True]  # deflate negotiated
        snapshots = [await socket.receive_json(timeout=10) for socket in sockets]
        assert snapshots[0]["type"] == "snapshot" and all(s == snapshots[0] for s in snapshots)
        for round_ in range(2):  # a second message: a deflate client's context carries on across messages
            app.goated.players = [player("u2", "NightOwl77", 20, 200, 1500 + round_, 1900), *PLAYERS[::2]]
            await app.sync()
            updates = [await socket.receive_json(timeout=10) for socket in sockets]
            assert updates[0]["type"] == "update" and updates[0]["version"] == snapshots[0]["version"] + 1 + round_
            assert updates[0]["race"]["entries"][0]["name"] == "NightOwl77"
            assert all(u == updates[0] for u in updates)
        await sockets[1].send_json({"type": "resync"})
        again = await sockets[1].receive_json(timeout=10)
        assert again["type"] == "snapshot" and again["race"] == updates[0]["race"]
    finally:
        await asyncio.gather(*(socket.close() for socket in sockets))


@pytest.mark.parametrize("size", [5, 125, 126, 3_000, 65_535, 65_536, 200_000])
@pytest.mark.parametrize("window", [0, 15, 9])
async def test_a_frame_of_any_length_reads_whole_with_or_without_deflate(aiohttp_client, size, window):
    """Each of the frame header's three length forms, written as the hub writes them, read by aiohttp's client."""
    text = "".join(random.Random(size).choices(string.ascii_letters + string.digits, k=size))

    async def handler(request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        assert request.transport is not None
        for _ in range(2):
            request.transport.write(Frame(text).for_window(int(socket.compress or 0)))
        await socket.receive()
        return socket

    app = web.Application()
    app.router.add_get("/ws", handler)
    client = await aiohttp_client(app)
    async with client.ws_connect("/ws", compress=window, max_msg_size=0) as socket:
        assert bool(socket.compress) == bool(window)
        assert [await socket.receive_str(timeout=10) for _ in range(2)] == [text, text]
    if window:  # no distance in it reaches further back than the window the client allowed
        frame = Frame(text).for_window(window)
        header = 2 + {126: 2, 127: 8}.get(frame[1], 0)
        assert zlib.decompressobj(-window).decompress(frame[header:] + b"\x00\x00\xff\xff") == text.encode()


async def test_a_client_that_stops_reading_is_dropped_and_the_others_get_every_update(race_app, caplog):
    """A client whose connection still holds more than WS_SEND_QUEUE messages when the next comes is dropped;
    a client that reads gets every version in turn."""
    caplog.set_level(logging.INFO, logger="web.live")
    app = await race_app(ws_send_queue=1)
    hub = app.runtime.web_app[LIVE]
    async with app.client.ws_connect("/ws") as reader:
        first = await reader.receive_json(timeout=10)
        stuck = socket.socket()  # a visitor whose page froze: it connects and never reads again
        stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stuck.connect((app.client.host, app.client.port))
        stuck.sendall(
            b"GET /ws HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        try:
            for _ in range(100):
                if len(hub.clients) == 2:
                    break
                await asyncio.sleep(0.01)  # the handshake, served by this loop
            [server_side] = [c for c in hub.clients if c.socket is not reader_of(hub, reader)]
            server_side.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
            versions = []
            for round_ in range(40):
                app.goated.players = [player("u2", "NightOwl77", 20, 200, 1500 + round_, 1900), *PLAYERS[::2]]
                await app.sync()
                versions.append((await reader.receive_json(timeout=10))["version"])
                if len(hub.clients) == 1:
                    break
            assert len(hub.clients) == 1 and "dropping a slow live client" in caplog.text
            assert versions == list(range(first["version"] + 1, first["version"] + 1 + len(versions)))
        finally:
            stuck.close()


def reader_of(hub, client_socket) -> object:
    """The server's side of the test client's socket: the one client whose peer is its local address."""
    local = client_socket.get_extra_info("sockname")
    [client] = [c for c in hub.clients if c.transport.get_extra_info("peername") == local]
    return client.socket
