"""Log in with Telegram: the Login Widget's redirect, the session cookie, who is signed in.

The widget data is signed in tests/support.py with Telegram's documented algorithm, written out independently of
web/login.py.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from aiohttp.test_utils import make_mocked_request

from models import clock
from models.tables import Player, TelegramUser
from tests.fakes.goated import AFFILIATE_CODE
from tests.support import BOT_TOKEN, TELEGRAM_KEY, fast_client, harness_settings, make_settings, sign, widget_fields
from tests.support import WIDGET_NOW as NOW
from tests.support import WIDGET_USER as USER
from web import login
from wiring.runtime import build_runtime

MAX_AGE = 86_400  # the default LOGIN_MAX_AGE_SECONDS the harness runs with

TOKEN_AS_KEY = BOT_TOKEN.encode()  # the old system's mistake
WEBAPP_KEY = hmac.new(b"WebAppData", BOT_TOKEN.encode(), hashlib.sha256).digest()  # Mini Apps' key, not the widget's
SESSION_KEY = hashlib.sha256(b"goatedvips-session:" + BOT_TOKEN.encode()).digest()


@pytest.fixture(autouse=True)
def frozen_clock():
    clock.set_now(NOW)  # conftest's wall_clock fixture puts the wall clock back afterwards


def session_cookie(user_id: int | str, expires: datetime | int, key: bytes = SESSION_KEY) -> str:
    expires_unix = expires if isinstance(expires, int) else int(expires.timestamp())
    payload = f"{user_id}.{expires_unix}"
    return f"{payload}.{hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()}"


def request_with(app, cookie: str | None = None):
    headers = {"Cookie": f"{login.COOKIE}={cookie}"} if cookie is not None else {}
    return make_mocked_request("GET", "/", headers=headers, app=app)


async def log_in(client, params, headers=None):
    return await client.get("/login/telegram", params=params, headers=headers, allow_redirects=False)


async def test_a_valid_login_sets_the_session_cookie_and_goes_home(harness):
    response = await log_in(harness.client, sign(widget_fields()))

    assert response.status == 303
    assert response.headers["Location"] == "/"
    cookie = response.cookies[login.COOKIE]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert not cookie["secure"]  # the harness has no https PUBLIC_URL
    assert cookie["max-age"] == str(MAX_AGE)
    expires = NOW + timedelta(seconds=MAX_AGE)
    assert cookie.value == session_cookie(USER, expires)  # "{user_id}.{expires}.{sig}", signed with the session key
    assert await login.signed_in_user(request_with(harness.runtime.web_app, cookie.value)) == USER

    clock.set_now(expires + timedelta(seconds=1))
    assert await login.signed_in_user(request_with(harness.runtime.web_app, cookie.value)) is None


async def test_login_with_only_the_required_fields(harness):
    fields = {"id": str(USER), "first_name": "Paula", "auth_date": str(int(NOW.timestamp()))}
    response = await log_in(harness.client, sign(fields))
    assert response.status == 303
    assert response.cookies[login.COOKIE].value.startswith(f"{USER}.")


async def test_login_age_limits_are_inclusive(harness):
    oldest = await log_in(harness.client, sign(widget_fields(auth_date=NOW - timedelta(seconds=MAX_AGE))))
    ahead = await log_in(harness.client, sign(widget_fields(auth_date=NOW + timedelta(seconds=60))))
    assert oldest.status == 303 and ahead.status == 303


def tampered() -> dict[str, str]:
    params = sign(widget_fields())
    params["id"] = "1"  # somebody else's id under Paula's signature
    return params


def tampered_name() -> dict[str, str]:
    params = sign(widget_fields())
    params["first_name"] = "Mallory"
    return params


def added_field() -> dict[str, str]:
    return {**sign(widget_fields()), "is_admin": "1"}


@pytest.mark.parametrize(
    "params",
    [
        pytest.param(tampered, id="tampered-id"),
        pytest.param(tampered_name, id="tampered-name"),
        pytest.param(added_field, id="unsigned-extra-field"),
        pytest.param(lambda: sign(widget_fields(), key=TOKEN_AS_KEY), id="token-as-key"),
        pytest.param(lambda: sign(widget_fields(), key=WEBAPP_KEY), id="webapp-key"),
        pytest.param(lambda: sign(widget_fields(auth_date=NOW - timedelta(seconds=MAX_AGE + 1))), id="too-old"),
        pytest.param(lambda: sign(widget_fields(auth_date=NOW + timedelta(seconds=61))), id="from-the-future"),
        pytest.param(lambda: {k: v for k, v in sign(widget_fields()).items() if k != "hash"}, id="no-hash"),
        pytest.param(lambda: {**sign(widget_fields()), "hash": "é" * 64}, id="non-ascii-hash"),
        pytest.param(
            lambda: {**sign(widget_fields()), "hash": sign(widget_fields())["hash"].upper()}, id="uppercase-hash"
        ),
        pytest.param(lambda: {}, id="nothing"),
        pytest.param(lambda: sign({"first_name": "Paula", "auth_date": str(int(NOW.timestamp()))}), id="no-id"),
        pytest.param(lambda: sign({**widget_fields(), "id": "0"}), id="zero-id"),
        pytest.param(lambda: sign({**widget_fields(), "id": str(2**63)}), id="id-too-big"),
        pytest.param(lambda: sign({**widget_fields(), "id": "-5"}), id="negative-id"),
        pytest.param(lambda: sign({**widget_fields(), "auth_date": "soon"}), id="bad-auth-date"),
    ],
)
async def test_a_bad_login_is_refused_without_a_cookie(harness, params):
    response = await log_in(harness.client, params())
    assert response.status == 403
    assert response.content_type == "text/html"
    assert "<h1>Sign-in refused</h1>" in await response.text()
    assert "Set-Cookie" not in response.headers
    assert not harness.client.session.cookie_jar.filter_cookies(harness.client.make_url("/"))


async def test_a_repeated_field_is_refused(harness):
    signed = sign(widget_fields())
    params = [*signed.items(), ("id", "1")]
    response = await log_in(harness.client, params)
    assert response.status == 403 and "Set-Cookie" not in response.headers


async def test_the_refusal_says_why(harness):
    old = await log_in(harness.client, sign(widget_fields(auth_date=NOW - timedelta(days=2))))
    forged = await log_in(harness.client, sign(widget_fields(), key=TOKEN_AS_KEY))
    assert "This sign-in has expired. Please sign in again." in await old.text()
    assert "Telegram did not sign this sign-in for our bot" in await forged.text()
    spanish = await log_in(
        harness.client,
        sign(widget_fields(auth_date=NOW + timedelta(hours=1))),
        headers={"Accept-Language": "es-AR,es;q=0.9"},
    )
    assert "Este inicio de sesión tiene una fecha futura" in await spanish.text()


@pytest.mark.parametrize(
    "cookie",
    [
        pytest.param("", id="empty"),
        pytest.param("garbage", id="garbage"),
        pytest.param(f"{USER}.{int(NOW.timestamp()) + 3600}.{'0' * 64}", id="made-up-signature"),
        pytest.param(
            session_cookie(USER, NOW + timedelta(hours=1)).replace(f"{USER}.", "4243.", 1), id="other-user-id"
        ),
        pytest.param(session_cookie(USER, NOW + timedelta(hours=1)).replace(".", ".9", 1), id="longer-expiry"),
        pytest.param(session_cookie(USER, NOW + timedelta(hours=1), key=TELEGRAM_KEY), id="widget-key"),
        pytest.param(session_cookie(USER, NOW + timedelta(hours=1), key=TOKEN_AS_KEY), id="token-as-key"),
        pytest.param(session_cookie(USER, NOW - timedelta(seconds=1)), id="expired"),
        pytest.param(session_cookie(USER, NOW), id="expires-now"),
        pytest.param(session_cookie(0, NOW + timedelta(hours=1)), id="zero-id"),
        pytest.param(session_cookie("0042", NOW + timedelta(hours=1)), id="leading-zero"),
        pytest.param(session_cookie("-42", NOW + timedelta(hours=1)), id="negative-id"),
        pytest.param(session_cookie(10**19, NOW + timedelta(hours=1)), id="twenty-digits"),
        pytest.param(session_cookie(2**63, NOW + timedelta(hours=1)), id="past-bigint"),
        pytest.param(session_cookie("٤٢", NOW + timedelta(hours=1)), id="arabic-digits"),
        pytest.param(session_cookie(USER, NOW + timedelta(hours=1)) + ".x", id="four-parts"),
        pytest.param(session_cookie(USER, NOW + timedelta(hours=1)).upper(), id="uppercase-signature"),
        pytest.param(session_cookie(USER, NOW + timedelta(hours=1))[:-1] + "é", id="non-ascii-signature"),
    ],
)
async def test_a_forged_or_expired_cookie_is_ignored(harness, cookie):
    assert await login.signed_in_user(request_with(harness.runtime.web_app, cookie)) is None
    assert await login.signed_in_player(request_with(harness.runtime.web_app, cookie)) is None


async def test_a_cookie_signed_with_the_session_key_is_accepted(harness):
    """The reference for the forgeries above: the same construction with the right key and values works."""
    cookie = session_cookie(USER, NOW + timedelta(hours=1))
    assert await login.signed_in_user(request_with(harness.runtime.web_app, cookie)) == USER
    assert await login.signed_in_user(request_with(harness.runtime.web_app)) is None


async def test_logout_clears_the_cookie(harness):
    client = harness.client
    await log_in(client, sign(widget_fields()))
    assert client.session.cookie_jar.filter_cookies(client.make_url("/")).get(login.COOKIE) is not None

    response = await client.post("/logout", headers=same_origin(client), allow_redirects=False)

    assert response.status == 303 and response.headers["Location"] == "/"
    cleared = response.cookies[login.COOKIE]
    assert cleared.value == "" and cleared["max-age"] == "0" and cleared["path"] == "/"
    assert client.session.cookie_jar.filter_cookies(client.make_url("/")).get(login.COOKIE) is None


def same_origin(client) -> dict[str, str]:
    """What a browser sends with the page's own sign-out form."""
    return {"Origin": str(client.make_url("")).rstrip("/"), "Sec-Fetch-Site": "same-origin"}


def signed_in(client) -> bool:
    return client.session.cookie_jar.filter_cookies(client.make_url("/")).get(login.COOKIE) is not None


async def test_a_link_cannot_sign_anybody_out(harness):
    client = harness.client
    await log_in(client, sign(widget_fields()))

    assert (await client.get("/logout", allow_redirects=False)).status == 405
    assert signed_in(client)


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"Origin": "https://evil.example"}, id="foreign-origin"),
        pytest.param({"Origin": "null"}, id="opaque-origin"),
        pytest.param({"Sec-Fetch-Site": "cross-site"}, id="cross-site-fetch"),
        pytest.param({"Sec-Fetch-Site": "same-site", "Origin": "https://sub.example"}, id="sibling-site"),
    ],
)
async def test_another_site_cannot_sign_anybody_out(harness, headers):
    client = harness.client
    await log_in(client, sign(widget_fields()))

    response = await client.post("/logout", headers=headers, allow_redirects=False)

    assert response.status == 403
    assert "Set-Cookie" not in response.headers
    assert signed_in(client)


async def test_the_sign_out_form_is_on_the_signed_in_page(harness):
    await TelegramUser.create(id=USER, first_name="Paula", player_id=None)
    await Player.create(uid="u1", name="Paula", wagered_month=Decimal(5), first_seen_at=NOW, changed_at=NOW)
    await TelegramUser.filter(id=USER).update(player_id="u1")
    login.set_bot_username(harness.runtime.web_app, "goatedvips_test_bot")
    await log_in(harness.client, sign(widget_fields()))

    page = await harness.client.get("/")

    text = await page.text()
    assert '<form method="post" action="/logout"' in text and 'href="/logout"' not in text
    assert page.headers["Cache-Control"] == "private"  # their row is highlighted: no shared cache may keep it


async def test_pages_for_a_signed_in_visitor_are_private(harness):
    client = harness.client
    assert "private" not in (await client.get("/")).headers.get("Cache-Control", "")
    await log_in(client, sign(widget_fields()))
    for path in ("/", "/races"):
        response = await client.get(path)
        assert response.status == 200
        assert response.headers["Cache-Control"] == "private"
    api = await client.get("/api/leaderboard")  # the same for everybody: it stays public
    assert api.headers["Cache-Control"].startswith("public")


async def test_the_signed_in_player_is_the_verified_link(harness):
    for uid in ("u1", "u2"):
        await Player.create(uid=uid, name=uid, wagered_month=Decimal(5), first_seen_at=NOW, changed_at=NOW)
    await TelegramUser.create(id=USER, first_name="Paula", player_id="u1")
    await TelegramUser.create(id=4243, first_name="Unlinked")
    await TelegramUser.create(id=4244, first_name="Banned", player_id="u2", banned=True)
    app = harness.runtime.web_app

    async def player_of(user_id: int) -> str | None:
        return await login.signed_in_player(request_with(app, session_cookie(user_id, NOW + timedelta(hours=1))))

    assert await player_of(USER) == "u1"
    assert await player_of(4243) is None  # signed in, but not linked to a Goated account
    assert await player_of(4244) is None  # banned by an admin
    assert await player_of(4245) is None  # never talked to the bot
    assert await login.signed_in_player(request_with(app)) is None  # not signed in


async def test_the_widget_needs_the_bots_username(harness):
    app = harness.runtime.web_app
    login.set_bot_username(app, "goatedvips_test_bot")
    assert login.widget(request_with(app)) == {"bot_username": "goatedvips_test_bot", "auth_url": "/login/telegram"}
    login.set_bot_username(app, None)
    assert login.widget(request_with(app)) is None


async def test_the_cookie_is_secure_behind_https(database, fake_telegram, fake_goated, aiohttp_client):
    settings = harness_settings(
        database, fake_telegram, fake_goated, public_url="https://vip.example.com", login_max_age_seconds=3600
    )
    runtime = build_runtime(settings, manage_database=False, run_scheduler=False, source=fast_client(fake_goated))
    client = await aiohttp_client(runtime.web_app)
    try:
        response = await log_in(client, sign(widget_fields()))
        cookie = response.cookies[login.COOKIE]
        assert response.status == 303 and cookie["secure"] is True and cookie["max-age"] == "3600"
        old = await log_in(client, sign(widget_fields(auth_date=NOW - timedelta(seconds=3601))))
        assert old.status == 403  # LOGIN_MAX_AGE_SECONDS bounds the widget data too
    finally:
        await runtime.source.close()


async def test_without_a_bot_token_there_is_no_sign_in(database, fake_goated, aiohttp_client):
    settings = make_settings(
        database_url=database, goated_api_url=fake_goated.base_url, goated_affiliate_code=AFFILIATE_CODE
    )
    runtime = build_runtime(settings, manage_database=False, run_scheduler=False, source=fast_client(fake_goated))
    client = await aiohttp_client(runtime.web_app)
    try:
        assert (await log_in(client, sign(widget_fields()))).status == 404
        assert (await client.post("/logout", allow_redirects=False)).status == 404
        app = runtime.web_app
        login.set_bot_username(app, "goatedvips_test_bot")  # harmless: there is nothing to sign in with
        assert login.widget(request_with(app)) is None
        cookie = session_cookie(USER, NOW + timedelta(hours=1))
        assert await login.signed_in_user(request_with(app, cookie)) is None
        assert await login.signed_in_player(request_with(app, cookie)) is None
    finally:
        await runtime.source.close()
