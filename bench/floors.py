"""The floors: the fastest this machine can do each job with the same libraries, run in their own process
like the app, so product / floor is a ratio that holds on a noisy machine.

    floors.py bot  --port P --token T --api URL --secret S   aiogram, a handler that does nothing, same webhook
    floors.py http --port P --route PATH=FILE:TYPE ...       aiohttp answering the app's own bytes
    floors.py ws   --port P --message FILE                   aiohttp WebSocket server: POST /fire sends FILE to all
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import WSMsgType, web


def bot_floor(args: argparse.Namespace) -> web.Application:
    router = Router()

    @router.message()
    async def nothing(message) -> None:  # the same routing and parsing, no work
        return None

    @router.callback_query()
    async def nothing_either(query) -> None:
        return None

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    bot = Bot(args.token, session=AiohttpSession(api=TelegramAPIServer.from_base(args.api)))
    app = web.Application()
    # Handled inside the request, as the app does (web/webhook.py), so latency means the same thing.
    SimpleRequestHandler(dispatcher, bot, secret_token=args.secret, handle_in_background=False).register(
        app, path="/telegram/webhook"
    )
    return app


def http_floor(args: argparse.Namespace) -> web.Application:
    app = web.Application()
    for route in args.route:
        path, _, spec = route.partition("=")
        file, _, content_type = spec.rpartition(":")
        body = Path(file).read_bytes()

        async def handler(request: web.Request, body: bytes = body, content_type: str = content_type) -> web.Response:
            return web.Response(body=body, content_type=content_type)

        app.router.add_get(path, handler)
    return app


def ws_floor(args: argparse.Namespace) -> web.Application:
    text = Path(args.message).read_text()
    clients: set[web.WebSocketResponse] = set()

    async def connect(request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_str(text)  # the snapshot
        clients.add(socket)
        try:
            async for message in socket:
                if message.type == WSMsgType.ERROR:
                    break
        finally:
            clients.discard(socket)
        return socket

    async def fire(request: web.Request) -> web.Response:
        at = time.time()
        for socket in list(clients):
            await socket.send_str(text)  # a write to the socket's buffer: no wait while it drains
        return web.json_response({"at": at})

    app = web.Application()
    app.router.add_get("/ws", connect)
    app.router.add_post("/fire", fire)
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["bot", "http", "ws"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", default="")
    parser.add_argument("--api", default="")
    parser.add_argument("--secret", default="")
    parser.add_argument("--route", action="append", default=[])
    parser.add_argument("--message", default="")
    args = parser.parse_args()
    app = {"bot": bot_floor, "http": http_floor, "ws": ws_floor}[args.kind](args)
    web.run_app(app, host="127.0.0.1", port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
