"""gzip for the page, the JSON API and the error pages when the client accepts it (static files come compressed
from web/assets.py). Small answers are sent as they are: compressing them costs more than it saves."""

from __future__ import annotations

from aiohttp import hdrs, web
from aiohttp.typedefs import Handler

MIN_BYTES = 1024
COMPRESSED_TYPES = ("text/html", "application/json", "text/plain", "application/manifest+json")


@web.middleware
async def compress(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
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
    return response


def accepts_gzip(request: web.Request) -> bool:
    for part in request.headers.get("Accept-Encoding", "").lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*") and params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            return True
    return False
