"""Answers kept as finished bytes: the race page and the JSON API's answers are built once per change of the boards
(with their gzip form and their ETag) and then only written out, or answered 304 to a client that has them.

Where they are kept: in the boards' cache (`Leaderboards.cached`), so they go at the very moments the boards do,
on every replica: a sync, new prizes or exclusions and new rules (`RaceEdited`), a race's end (`RaceFinished`).
What changes with the clock alone is in the key (the race's month, the page's state, the day), or left to the
browser (the countdown, "updated N minutes ago": web/static/live.js).
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Hashable
from datetime import datetime

from aiohttp import hdrs, web

from models.events import Event, EventBus
from models.leaderboard import Leaderboards

MIN_BYTES = 1024  # smaller answers are sent as they are: compressing them costs more than it saves


def accepts_gzip(request: web.Request) -> bool:
    """Whether the client takes gzip (`Accept-Encoding`, a q=0 refuses it)."""
    return _accepts_gzip(request.headers.get(hdrs.ACCEPT_ENCODING, ""))


_ACCEPTS: dict[str, bool] = {}  # per Accept-Encoding header: clients send a handful of different ones


def _accepts_gzip(header: str) -> bool:
    known = _ACCEPTS.get(header)
    if known is None:
        known = False
        for part in header.lower().split(","):
            coding, _, params = part.strip().partition(";")
            if coding.strip() in ("gzip", "*") and params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
                known = True
                break
        if len(_ACCEPTS) < 256:  # bounded: a client cannot grow it with made-up headers
            _ACCEPTS[header] = known
    return known


def etag_matches(wanted: str, etag: str) -> bool:
    """If-None-Match's weak comparison: any listed tag, `W/` or not, or `*`."""
    if wanted.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in wanted.split(","))


class Finished(web.Response):
    """A marker: an answer whose bytes, encoding and validators are final (the front middleware does not
    compress it again)."""


Headers = tuple[tuple[str, str], ...]


def _vary_on_encoding(headers: Headers) -> Headers:
    """`headers` with Accept-Encoding in their (one) Vary."""
    vary = ", ".join([value for name, value in headers if name.lower() == "vary"] + ["Accept-Encoding"])
    return (*((name, value) for name, value in headers if name.lower() != "vary"), ("Vary", vary))


class FinishedAnswer:
    """One answer's bytes, their gzip form, and the headers of each variant, built once. Plain data (bytes and
    tuples): a shared cache (Redis, several replicas) pickles it. `built_here` is False in a copy read back from
    the shared cache (see `Kept.put`)."""

    __slots__ = ("body", "gzipped", "etag", "plain", "zipped", "not_modified", "not_modified_zipped", "built_here")

    def __init__(self, body: bytes, content_type: str, headers: Headers = ()) -> None:
        self.built_here = True
        self.body = body
        self.etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        compressible = len(body) >= MIN_BYTES
        common = _vary_on_encoding(headers) if compressible else headers
        self.gzipped = gzip.compress(body, 6, mtime=0) if compressible else None
        # The gzip form has other bytes under the same tag, so its tag is weak (If-None-Match compares weakly).
        self.not_modified: Headers = (*common, ("ETag", self.etag))
        self.not_modified_zipped: Headers = (*common, ("ETag", "W/" + self.etag))
        self.plain: Headers = (*self.not_modified, ("Content-Type", content_type))
        self.zipped: Headers = (
            *self.not_modified_zipped,
            ("Content-Type", content_type),
            ("Content-Encoding", "gzip"),
        )

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__ if name != "built_here"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self.built_here = False

    def answer(self, request: web.Request) -> web.Response:
        """These bytes for `request`: gzip when it takes it, 304 when it has them already."""
        zipped = self.gzipped is not None and _accepts_gzip(request.headers.get(hdrs.ACCEPT_ENCODING, ""))
        wanted = request.headers.get(hdrs.IF_NONE_MATCH)
        if wanted and etag_matches(wanted, self.etag):
            return Finished(status=304, headers=self.not_modified_zipped if zipped else self.not_modified)
        if zipped:
            return Finished(body=self.gzipped, headers=self.zipped)
        return Finished(body=self.body, headers=self.plain)


class Kept:
    """The finished answers this process hands out without asking the boards' cache (an aiocache lookup, a few
    more for the race the page is about, on every request): each one until the boards change (every replica hears
    it: `listen`, subscribed before the live page's listener, so a socket's client never refetches an older answer),
    until the clock moves it on (`until`: the next day, the race's end, the end of the winners' hours), and at most
    `max_age` seconds (across replicas a missed event then costs no more than the shared cache's own lifetime).
    Off until `listen`: without the events nothing could drop them."""

    MAX_ENTRIES = 1024  # languages × tabs × limits: a few dozen in use

    def __init__(self, max_age: float) -> None:
        self.max_age = max_age
        self.generation = 0  # bumped by each change of the boards: an answer built across one is not kept
        self.listening = False
        self._entries: dict[Hashable, tuple[FinishedAnswer, datetime, datetime, float]] = {}

    def listen(self, bus: EventBus, leaderboards: Leaderboards) -> None:
        """Drop everything kept at each event, on every replica, whatever the listeners' order."""

        async def on_event(event: Event) -> None:
            # The boards first (their own listener may come later): an answer read from them before this is not
            # kept after it (`generation`), and one read after it is new.
            await leaderboards.invalidate()
            self.generation += 1
            self._entries.clear()

        bus.subscribe(on_event, every_replica=True)
        self.listening = True

    def get(self, key: Hashable, now: datetime) -> FinishedAnswer | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        answer, since, until, expires = entry
        if since <= now < until and time.monotonic() < expires:  # (tests move the product's clock both ways)
            return answer
        del self._entries[key]
        return None

    def put(self, key: Hashable, answer: FinishedAnswer, since: datetime, until: datetime, generation: int) -> None:
        """Keep `answer`, right from `since` to `until`, if the boards have not changed since `generation` was read
        (before it was built), and if this process built it: a copy from the shared cache may have been built by
        another replica from the rows before a sync, and written there after this replica had heard of the sync
        (pub/sub reaches replicas at slightly different moments). That replica's own event clears the shared
        cache again soon after; a copy kept here would outlive it."""
        if not answer.built_here:
            return
        if self.listening and generation == self.generation and len(self._entries) < self.MAX_ENTRIES:
            self._entries[key] = (answer, since, until, time.monotonic() + self.max_age)


KEPT = web.AppKey("kept_answers", Kept)
