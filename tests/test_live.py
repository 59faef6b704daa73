"""The live socket's frames: each message is framed (and deflated) once for every client, so a client that
negotiated per-message deflate, with any window it asked for, reads exactly what a plain client reads."""

from __future__ import annotations

import asyncio
import random
import string
import zlib

import pytest
from aiohttp import web

from tests.fakes.goated import player
from tests.support import PLAYERS
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
