"""gzip for the page, the JSON API and the error pages when the client accepts it (static files come compressed
from web/assets.py, answers kept as finished bytes carry their own gzip form: web/answers.py). Small answers are
sent as they are: compressing them costs more than it saves."""

from __future__ import annotations

from aiohttp import hdrs, web

from web.answers import MIN_BYTES, accepts_gzip

__all__ = ["COMPRESSED_TYPES", "MIN_BYTES", "accepts_gzip", "compress_answer"]

COMPRESSED_TYPES = frozenset({"text/html", "application/json", "text/plain", "application/manifest+json"})


def compress_answer(request: web.Request, response: web.StreamResponse) -> None:
    """Have aiohttp gzip `response` as it writes it, when it is worth it and the client takes it (a plain
    `web.Response` only: not a stream, a WebSocket, nor an answer kept as finished bytes)."""
    if (
        type(response) is web.Response
        and response.content_type in COMPRESSED_TYPES
        and hdrs.CONTENT_ENCODING not in response.headers
        and isinstance(response.body, bytes)  # not a payload object (the webhook's answers)
        and len(response.body) >= MIN_BYTES
    ):
        response.headers.add(hdrs.VARY, hdrs.ACCEPT_ENCODING)
        if accepts_gzip(request):
            response.enable_compression(web.ContentCoding.gzip)
            etag = response.headers.get(hdrs.ETAG)
            if etag and not etag.startswith("W/"):  # the same tag for other bytes: weak (web/api.py accepts it)
                response.headers[hdrs.ETAG] = "W/" + etag
