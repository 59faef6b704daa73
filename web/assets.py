"""The page's static files under names that change with their content (`/static/style.1a2b3c4d5e.css`), so a
browser may keep each one for a year: a new version is a new name. Held in memory with their gzip form.

The plain names (`/static/style.css`) still work, with a short lifetime, for anything that links them directly.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

import aiohttp_jinja2
from aiohttp import web

from web.compression import accepts_gzip

STATIC = Path(__file__).resolve().parent / "static"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
COMPRESSIBLE = {".css", ".js", ".svg", ".json", ".webmanifest", ".html", ".txt"}


@dataclass(frozen=True)
class Asset:
    name: str  # style.css
    hashed: str  # style.1a2b3c4d5e.css
    body: bytes
    gzipped: bytes | None
    content_type: str


def _hashed_name(path: Path, body: bytes) -> str:
    digest = hashlib.blake2b(body, digest_size=5).hexdigest()
    return f"{path.stem}.{digest}{path.suffix}"


def _load(directory: Path) -> dict[str, Asset]:
    assets: dict[str, Asset] = {}
    for path in sorted(p for p in directory.iterdir() if p.is_file()):
        body = path.read_bytes()
        content_type = "application/manifest+json" if path.suffix == ".webmanifest" else None
        content_type = content_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        gzipped = gzip.compress(body, 9, mtime=0) if path.suffix in COMPRESSIBLE else None
        asset = Asset(path.name, _hashed_name(path, body), body, gzipped, content_type)
        assets[asset.name] = assets[asset.hashed] = asset
    return assets


class Assets:
    def __init__(self, directory: Path = STATIC) -> None:
        self.files = _load(directory)

    def url(self, name: str) -> str:
        """The content-named address of a static file, for templates."""
        return f"/static/{self.files[name].hashed}"

    async def handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        asset = self.files.get(name)
        if asset is None:
            raise web.HTTPNotFound()
        headers = {"Cache-Control": IMMUTABLE if name == asset.hashed else SHORT, "Vary": "Accept-Encoding"}
        headers["ETag"] = f'"{asset.hashed}"'
        if request.headers.get("If-None-Match") == headers["ETag"]:
            return web.Response(status=304, headers=headers)
        body = asset.body
        if asset.gzipped is not None and accepts_gzip(request):
            body, headers["Content-Encoding"] = asset.gzipped, "gzip"
        return web.Response(body=body, content_type=asset.content_type, headers=headers)

    async def manifest(self, request: web.Request) -> web.Response:
        """The web manifest ("add to home screen"): the page's name, colours and icon."""
        body = {
            "name": "GoatedVIPs wager race",
            "short_name": "GoatedVIPs",
            "start_url": "/",
            "display": "browser",
            "background_color": "#0e0f13",
            "theme_color": "#0e0f13",
            "icons": [{"src": self.url("favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
        }
        return web.json_response(body, content_type="application/manifest+json", headers={"Cache-Control": SHORT})


ASSETS = web.AppKey("assets", Assets)


def install(app: web.Application) -> None:
    """`/static/{name}` from memory; templates call `asset('style.css')` for the content-named address."""
    app[ASSETS] = assets = Assets()
    aiohttp_jinja2.get_env(app).globals["asset"] = assets.url
    app.router.add_get("/static/{name}", assets.handle)
    app.router.add_get("/manifest.webmanifest", assets.manifest)
