"""The Telegram bot: aiogram routers (one module per feature), middlewares and wiring. Imports models only."""

from typing import Any

from aiogram import methods as _methods
from aiogram.dispatcher.event.handler import FilterObject as _FilterObject
from aiogram.methods.base import Response as _Response


def _pin_response_models() -> list[object]:
    """aiogram parses every Bot API answer as `Response[<the method's result type>]`, a pydantic generic model
    that pydantic caches only weakly. In a busy process the garbage collector drops it between calls and the
    next call builds the whole model class again: about a tenth of the bot's CPU under load (BENCHMARKS.md,
    benchmark 1). Held here, each is built once, at import."""
    pinned: list[object] = []
    for name in _methods.__all__:
        returning = getattr(getattr(_methods, name), "__returning__", None)
        if returning is not None and not isinstance(returning, property):
            pinned.append(_Response[returning])  # type: ignore[valid-type]  # built at run time, on purpose
    return pinned


_RESPONSE_MODELS = _pin_response_models()

_plain_post_init = _FilterObject.__post_init__


def _magic_on_the_loop(self: _FilterObject) -> None:
    """aiogram runs a filter that is a plain function in a worker thread (`asyncio.to_thread`), and an `F`
    filter (`F.photo`, `F.chat.type == ...`) is one: its `resolve`. That is a thread round trip for every
    message that reaches such a filter, for an attribute lookup (BENCHMARKS.md, benchmark 1: `F.photo` in the
    verification router stood before every /leaderboard, /race and /stats). An `F` filter only reads the
    event, so it is resolved on the event loop instead, with the same arguments and result."""
    _plain_post_init(self)
    if self.magic is None or self.awaitable:
        return
    resolve = self.callback

    async def resolved(value: Any) -> Any:  # the parameter name aiogram passes the event by, as in `resolve`
        return resolve(value)

    self.callback, self.awaitable = resolved, True


_FilterObject.__post_init__ = _magic_on_the_loop  # type: ignore[method-assign]
