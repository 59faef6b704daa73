"""The Telegram bot: aiogram routers (one module per feature), middlewares and wiring. Imports models only."""

from aiogram import methods as _methods
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
