"""GET /api/races/{id}/payouts.csv: a finished race's payouts as CSV, for the affiliate's own tools.

Never public: it names every winner's linked Telegram account. It answers only `Authorization: Bearer
<EXPORT_TOKEN>`; without EXPORT_TOKEN set the route does not exist (404), with a wrong or missing token it is
401. The rows stream from the database in batches (models/exports.py), compressed when the caller accepts it.
"""

from __future__ import annotations

import hmac

from aiohttp import hdrs, web
from aiohttp.typedefs import Handler
from pydantic import SecretStr

from models.exports import PAYOUTS_HEADER, CsvEncoder, payout_rows
from models.results import finished_race_by_id

PATH = "/api/races/{id}/payouts.csv"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers)


def authorised(request: web.Request, token: SecretStr | None) -> web.Response | None:
    """None when the caller may read; else the answer to give."""
    if token is None:
        return _error(404, "not found")
    wanted = f"Bearer {token.get_secret_value()}".encode()
    given = request.headers.get(hdrs.AUTHORIZATION, "").encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given, wanted):
        return _error(401, "this needs the bearer token set in EXPORT_TOKEN", {hdrs.WWW_AUTHENTICATE: "Bearer"})
    return None


def payouts_handler(token: SecretStr | None) -> Handler:
    async def payouts(request: web.Request) -> web.StreamResponse:
        refused = authorised(request, token)
        if refused is not None:
            return refused
        race_id = request.match_info["id"]
        race = await finished_race_by_id(int(race_id)) if race_id.isdecimal() and len(race_id) < 10 else None
        if race is None:
            return _error(404, "no finished race with that id")
        response = web.StreamResponse(
            headers={
                hdrs.CONTENT_TYPE: "text/csv; charset=utf-8",
                hdrs.CONTENT_DISPOSITION: f'attachment; filename="payouts-{race.month}.csv"',
                hdrs.CACHE_CONTROL: "no-store",  # private data: no cache on the way keeps a copy
            }
        )
        response.enable_compression()  # gzip or deflate, when the caller accepts one
        await response.prepare(request)
        encoder = CsvEncoder(PAYOUTS_HEADER)
        await response.write(encoder.encode([]))
        async for batch in payout_rows(race):
            await response.write(encoder.encode(batch))
        await response.write_eof()
        return response

    return payouts


def install(app: web.Application, token: SecretStr | None) -> None:
    app.router.add_get(PATH, payouts_handler(token))
