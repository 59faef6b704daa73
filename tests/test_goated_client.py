"""The Goated client against the fake upstream: retries, no-retry cases, validation, circuit breaker."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import SecretStr

from scheduler.goated import CircuitBreaker, GoatedClient, UpstreamError, UpstreamState
from scheduler.payload import PayloadRejected, PlayerRow, Wagered
from tests.fakes.goated import (
    EXPIRED_TOKEN,
    NOT_JSON,
    NOT_SUCCESS,
    SERVER_ERROR,
    Answer,
    player,
    rate_limited,
    slow,
)
from tests.support import fast_client


@pytest.fixture
async def goated(fake_goated):
    fake_goated.players = [
        player("u1", "LuckyGoat42", 412.66138, 6120.4483, 128944.2771, 171302.9055),
        player("u2", "NightOwl77"),
    ]
    return fake_goated


async def test_fetch_sends_bearer_token_and_parses_exact_decimals(goated):
    client = fast_client(goated, token=SecretStr("daily-login-token"))
    rows = await client.fetch()
    await client.close()
    assert goated.requests[0]["Authorization"] == "Bearer daily-login-token"
    assert rows[0].wagered.this_month == Decimal("128944.2771")
    assert rows[0].wagered.today == Decimal("412.66138")
    assert rows[1].wagered.all_time == Decimal(0)
    assert client.state == UpstreamState.OK


async def test_no_token_no_authorization_header(goated):
    client = fast_client(goated)
    await client.fetch()
    await client.close()
    assert "Authorization" not in goated.requests[0]


@pytest.mark.parametrize("failure", [SERVER_ERROR, rate_limited("0"), slow(1.0)], ids=["500", "429", "timeout"])
async def test_transient_failures_are_retried(goated, failure):
    goated.then(failure)
    client = fast_client(goated, timeout=0.3)
    rows = await client.fetch()
    await client.close()
    assert len(rows) == 2
    assert len(goated.requests) == 2


async def test_gives_up_after_the_last_attempt(goated):
    goated.then(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR)
    client = fast_client(goated)
    with pytest.raises(UpstreamError, match=r"HTTP 500.*after 3 attempts"):
        await client.fetch()
    await client.close()
    assert len(goated.requests) == 3
    assert client.state == UpstreamState.FAILING


async def test_expired_token_is_not_retried(goated):
    goated.then(EXPIRED_TOKEN)
    client = fast_client(goated, token=SecretStr("old"))
    with pytest.raises(UpstreamError, match="token expired or invalid") as raised:
        await client.fetch()
    await client.close()
    assert len(goated.requests) == 1
    assert client.state == UpstreamState.TOKEN_EXPIRED
    assert "old" not in str(raised.value)


async def test_unknown_affiliate_code_is_reported(fake_goated):
    from scheduler.goated import GoatedClient

    client = GoatedClient(fake_goated.base_url, "NOPE", timeout=2)
    with pytest.raises(UpstreamError, match="affiliate code not found"):
        await client.fetch()
    await client.close()
    assert client.state == UpstreamState.NOT_FOUND


@pytest.mark.parametrize(
    "answer, reason",
    [
        (NOT_JSON, "not JSON"),
        (NOT_SUCCESS, "success: false"),
        (Answer(body=b'{"success":true,"data":{"uid":"x"}}'), "no 'data' list"),
        (
            Answer(
                body=b'{"success":true,"data":[{"uid":"x","name":"n","wagered":{"today":"lots","this_week":0,"this_month":0,"all_time":0}}]}'
            ),
            "data.0.wagered.today",
        ),
        (
            Answer(
                body=b'{"success":true,"data":[{"uid":"x","name":"n","wagered":{"today":-1,"this_week":0,"this_month":0,"all_time":0}}]}'
            ),
            "negative",
        ),
        (
            Answer(
                body=b'{"success":true,"data":[{"uid":"x","name":"n","wagered":{"today":true,"this_week":0,"this_month":0,"all_time":0}}]}'
            ),
            "not a number",
        ),
        (
            Answer(
                body=b'{"success":true,"data":[{"uid":"x","name":"n","wagered":{"today":0,"this_week":0,"this_month":0}}]}'
            ),
            "all_time",
        ),
        (Answer(body=b"[1,2,3]"), "not a JSON object"),
    ],
    ids=["html", "success-false", "data-not-list", "text-number", "negative", "bool", "missing-field", "array"],
)
async def test_bad_payloads_are_rejected_with_a_reason(goated, answer, reason):
    goated.then(answer)
    client = fast_client(goated)
    with pytest.raises(PayloadRejected, match=reason):
        await client.fetch()
    await client.close()
    assert len(goated.requests) == 1  # a bad payload is not retried: the next scheduled sync tries again


async def test_duplicate_uids_are_rejected(goated):
    goated.players.append(player("u1", "Impostor", month=1))
    client = fast_client(goated)
    with pytest.raises(PayloadRejected, match="duplicate uid"):
        await client.fetch()
    await client.close()


async def test_circuit_opens_after_repeated_failures_and_probes_later(goated):
    client = fast_client(goated, breaker=CircuitBreaker(threshold=2, cooldown=3600))
    goated.then(EXPIRED_TOKEN, EXPIRED_TOKEN)
    for _ in range(2):
        with pytest.raises(UpstreamError):
            await client.fetch()
    with pytest.raises(UpstreamError, match="circuit open"):
        await client.fetch()
    assert len(goated.requests) == 2  # the open circuit did not call
    assert client.state == UpstreamState.CIRCUIT_OPEN

    client.breaker.cooldown = 0  # time passes: the next call is a probe, and it succeeds
    assert len(await client.fetch()) == 2
    assert client.state == UpstreamState.OK and client.breaker.failures == 0
    await client.close()


async def test_a_long_retry_after_is_honoured_by_giving_up_until_the_next_run(goated):
    goated.then(rate_limited("120"))
    client = fast_client(goated)
    with pytest.raises(UpstreamError, match="asked to wait 120s"):
        await client.fetch()
    await client.close()
    assert len(goated.requests) == 1


@pytest.mark.parametrize("framing", ["gzip", "chunked", "plain"])
async def test_a_big_answer_is_read_whole_however_it_is_framed(aiohttp_server, framing):
    """The body is read into a buffer sized by Content-Length: a compressed answer grows past it, a chunked one
    has none."""
    from aiohttp import web

    from tests.fakes.goated import AFFILIATE_CODE, document

    players = [player(f"u{i:05d}", f"Player {i}", month=i * 1.25) for i in range(20_000)]
    body = json.dumps(document(players)).encode()

    async def answer(request: web.Request) -> web.StreamResponse:
        if framing == "chunked":
            response = web.StreamResponse()
            response.enable_chunked_encoding()
            await response.prepare(request)
            for start in range(0, len(body), 70_000):
                await response.write(body[start : start + 70_000])
            await response.write_eof()
            return response
        response = web.Response(body=body, content_type="application/json")
        if framing == "gzip":
            response.enable_compression(web.ContentCoding.gzip)
        return response

    app = web.Application()
    app.router.add_get(f"/user/affiliate/referral-leaderboard/{AFFILIATE_CODE}", answer)
    server = await aiohttp_server(app)
    client = GoatedClient(str(server.make_url("/user")), AFFILIATE_CODE, timeout=10)
    rows = await client.fetch()
    await client.close()
    assert len(rows) == 20_000
    assert rows[-1] == PlayerRow("u19999", "Player 19999", Wagered(*(Decimal(0),) * 2, Decimal("24998.75"), Decimal(0)))
