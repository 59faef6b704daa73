"""Log in with Telegram: the Login Widget's redirect, a signed session cookie, and who is signed in.

The widget (https://core.telegram.org/widgets/login) sends the browser to `/login/telegram` with the
user's fields and a `hash`: HMAC-SHA256 of the sorted "key=value" lines, keyed with SHA256(bot token).
A valid, fresh login gets the `gv_session` cookie, "{user_id}.{expires}.{sig}", signed with a key of
its own derived from the same token, so changing the token signs everybody out.

Nothing here writes to the database: a login only proves a Telegram id. Which Goated player that id
is comes from the verified link the bot keeps (`TelegramUser.player`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web
from aiohttp.typedefs import Handler
from multidict import MultiMapping

from models import clock
from models.users import linked_player_uid
from settings import Settings
from web.errors import error_page
from web.keys import SETTINGS
from web.security import page_origins

log = logging.getLogger(__name__)

AUTH_PATH = "/login/telegram"
LOGOUT_PATH = "/logout"
COOKIE = "gv_session"
FUTURE_TOLERANCE_SECONDS = 60  # clocks differ; an auth_date further ahead than this is refused
MAX_USER_ID = 2**63 - 1  # the BIGINT column the id is looked up in

_USER_ID = re.compile(r"[1-9][0-9]{0,18}")  # ASCII digits only: str.isdigit() also takes "١٢٣"
_UNIX_TIME = re.compile(r"[0-9]{1,12}")
_HEX_SHA256 = re.compile(r"[0-9a-f]{64}")


def login_key(token: str) -> bytes:
    """Telegram's key for Login Widget data: SHA256 of the bot token (not the token, not "WebAppData")."""
    return hashlib.sha256(token.encode()).digest()


def session_key(token: str) -> bytes:
    """Our key for the session cookie: derived from the bot token, for this purpose only."""
    return hashlib.sha256(b"goatedvips-session:" + token.encode()).digest()


@dataclass
class LoginState:
    """What the sign-in needs at request time. `bot_username` is learnt from getMe after start-up."""

    login_key: bytes
    session_key: bytes
    max_age: int
    secure: bool
    bot_username: str | None = None


LOGIN = web.AppKey("login", LoginState)


class Refused(Exception):
    """A login the widget data does not prove. Its reason is a short code: error.html has the sentence the visitor
    reads for each (`login_<reason>`), and the log has the code."""


def _user_id(text: str) -> int | None:
    if not _USER_ID.fullmatch(text):
        return None
    value = int(text)
    return value if value <= MAX_USER_ID else None


def _sign(key: bytes, text: str) -> str:
    """HMAC-SHA-256 in hex: the widget's signature, and ours on the session cookie."""
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def verify_login(params: MultiMapping[str] | Mapping[str, str], key: bytes, now: float, max_age: int) -> int:
    """The Telegram user id the widget data proves, or `Refused` with the reason."""
    if len(set(params.keys())) != len(params):
        raise Refused("repeated")
    received = params.get("hash", "")
    data = {name: value for name, value in params.items() if name != "hash"}
    check_string = "\n".join(f"{name}={data[name]}" for name in sorted(data))
    expected = _sign(key, check_string)
    # Bytes on both sides: compare_digest refuses non-ASCII str, and `hash` is whatever the URL said.
    if not _HEX_SHA256.fullmatch(received) or not hmac.compare_digest(expected.encode(), received.encode()):
        raise Refused("unsigned")
    user_id = _user_id(data.get("id", ""))
    auth_date = data.get("auth_date", "")
    if user_id is None or not _UNIX_TIME.fullmatch(auth_date):
        raise Refused("incomplete")
    age = now - int(auth_date)
    if age > max_age:
        raise Refused("expired")
    if age < -FUTURE_TOLERANCE_SECONDS:
        raise Refused("future")
    return user_id


def make_session(user_id: int, expires: int, key: bytes) -> str:
    payload = f"{user_id}.{expires}"
    return f"{payload}.{_sign(key, payload)}"


def read_session(value: str, key: bytes, now: float) -> int | None:
    """The user id of a cookie value we signed and that has not expired; None for anything else."""
    parts = value.split(".")
    if len(parts) != 3:
        return None
    user_text, expires_text, signature = parts
    user_id = _user_id(user_text)
    if user_id is None or not _UNIX_TIME.fullmatch(expires_text) or not _HEX_SHA256.fullmatch(signature):
        return None
    expected = _sign(key, f"{user_text}.{expires_text}")
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return None
    return user_id if int(expires_text) > now else None


def _no_store(response: web.Response) -> web.Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _see_home() -> web.Response:
    return web.Response(status=303, headers={"Location": "/"})


async def login(request: web.Request) -> web.StreamResponse:
    state = request.app[LOGIN]
    now = clock.now().timestamp()
    try:
        user_id = verify_login(request.query, state.login_key, now, state.max_age)
    except Refused as refused:
        log.info("Telegram login refused: %s", refused)
        return error_page(request, f"login_{refused}", 403)
    expires = int(now) + state.max_age
    response = _see_home()
    response.set_cookie(
        COOKIE,
        make_session(user_id, expires, state.session_key),
        max_age=state.max_age,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=state.secure,
    )
    return _no_store(response)


def _from_our_page(request: web.Request) -> bool:
    """Whether a POST came from one of our own pages. Browsers say where a form was sent from (Sec-Fetch-Site,
    Origin): another site's form is refused. A client that says neither is no browser acting for a visitor
    (the session cookie is SameSite=Lax too, so another site's POST would not carry it anyway)."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return False
    origin = request.headers.get("Origin")
    return origin is None or origin in page_origins(request, request.app[SETTINGS].public_url)


async def logout(request: web.Request) -> web.StreamResponse:
    """POST only, from our own page: a link or another site's form cannot sign a visitor out."""
    state = request.app[LOGIN]
    if not _from_our_page(request):
        log.info("sign-out refused: not from our page")
        return error_page(request, "logout_foreign", 403)
    response = _see_home()
    response.del_cookie(COOKIE, path="/", httponly=True, samesite="Lax", secure=state.secure)
    return _no_store(response)


def install(app: web.Application, settings: Settings) -> None:
    """Add the sign-in routes to `app`; without a bot token there is no sign-in (the routes are 404)."""
    if settings.bot_token is None:
        return
    token = settings.bot_token.get_secret_value()
    app[LOGIN] = LoginState(
        login_key=login_key(token),
        session_key=session_key(token),
        max_age=settings.login_max_age_seconds,
        secure=(settings.public_url or "").startswith("https://"),
    )
    app.router.add_get(AUTH_PATH, login, name="login_telegram")
    app.router.add_post(LOGOUT_PATH, logout, name="logout")
    app.middlewares.append(private_when_signed_in)


@web.middleware
async def private_when_signed_in(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A page answered to a signed-in visitor may be theirs alone (their row highlighted): no shared cache
    may keep it. (Answers that say how to cache themselves, like the API's and the error pages', keep it.)"""
    response = await handler(request)
    if response.content_type == "text/html" and not response.prepared and await signed_in_user(request):
        response.headers.setdefault("Cache-Control", "private")
    return response


def set_bot_username(app: web.Application, username: str | None) -> None:
    """Tell the widget which bot it signs in with (the bot's getMe `username`). Safe after start-up."""
    state = app.get(LOGIN)
    if state is not None:
        state.bot_username = username


async def signed_in_user(request: web.Request) -> int | None:
    """The Telegram user id of the visitor's valid session cookie, if any. Never raises on bad input."""
    state = request.app.get(LOGIN)
    value = request.cookies.get(COOKIE)
    if state is None or not value:
        return None
    return read_session(value, state.session_key, clock.now().timestamp())


async def signed_in_player(request: web.Request) -> str | None:
    """The Goated uid linked to the signed-in Telegram user; None when not signed in, unknown, unlinked or banned."""
    user_id = await signed_in_user(request)
    if user_id is None:
        return None
    return await linked_player_uid(user_id)


def widget(request: web.Request) -> dict[str, str] | None:
    """What the page needs to show the Login Widget; None when sign-in is off or the bot's username is unknown."""
    state = request.app.get(LOGIN)
    if state is None or not state.bot_username:
        return None
    return {"bot_username": state.bot_username, "auth_url": AUTH_PATH}
