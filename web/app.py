"""Building the aiohttp application."""

from __future__ import annotations

from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiogram.utils.i18n import I18n
from aiohttp import web

from models.events import EventBus
from models.leaderboard import Leaderboards
from settings import Settings
from web import api, assets, errors, exports, health, login, metrics, pages, preview, security
from web.answers import KEPT, Kept
from web.front import front_of
from web.keys import I18N, LEADERBOARDS, LIVE, SETTINGS, UPSTREAM, HasUpstreamState
from web.live import LiveHub

HERE = Path(__file__).resolve().parent


def build_web_app(
    settings: Settings,
    i18n: I18n,
    leaderboards: Leaderboards,
    upstream: HasUpstreamState,
    events: EventBus | None = None,
) -> web.Application:
    """The app; with `events`, the page's and the API's finished answers are kept in this process between changes
    of the boards (web/answers.py: Kept), which the events announce."""
    app = web.Application(client_max_size=1 << 20)
    app[SETTINGS] = settings
    app[I18N] = i18n
    app[LEADERBOARDS] = leaderboards
    app[UPSTREAM] = upstream
    app[KEPT] = Kept(max_age=settings.sync_interval_seconds)
    if events is not None:
        app[KEPT].listen(events, leaderboards)

    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # names come from the upstream and are untrusted
        extensions=["jinja2.ext.i18n"],
    )
    app[errors.PAGE_CONTEXT] = pages.page_context  # the language and the footer, given to each rendering
    # The page speaks from the same catalogs as the bot; the locale is chosen per request.
    env.install_gettext_callables(i18n.gettext, i18n.gettext, newstyle=True)  # type: ignore[attr-defined]
    pages.add_filters(env)

    app[LIVE] = LiveHub(leaderboards, settings)
    app.on_shutdown.append(lambda app: app[LIVE].close_all())

    app.router.add_get("/", pages.index, name="index")
    app.router.add_get("/races", pages.races)
    app.router.add_get("/races/{id}", pages.race)
    app.router.add_get("/ws", app[LIVE].handle)
    api.add_routes(app)
    app.router.add_get("/health", health.health)
    assets.install(app)  # /static/{name}: content-named, compressed, from memory
    preview.install(app)  # /og/race.png, the link preview's picture
    app.router.add_static("/static/", HERE / "static", name="static")
    security.install(app, settings)  # the front middleware's headers, CORS and limits (web/front.py)
    _error_pages_and_gzip(app)
    metrics.install(app, settings.metrics_token)
    login.install(app, settings)
    exports.install(app, settings.export_token)  # /api/races/{id}/payouts.csv, only with EXPORT_TOKEN
    return app


def _error_pages_and_gzip(app: web.Application) -> None:
    """The front middleware's error pages (404, 405 and 503 as pages, JSON on the API: web/errors.py) and gzip."""
    front = front_of(app)
    front.error_pages = True
    front.compress = True
