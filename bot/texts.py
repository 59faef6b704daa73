"""Message pieces shared by several features, all through the gettext catalogs."""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from html import escape
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from babel.dates import format_datetime, format_skeleton, get_datetime_format
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from models import clock
from models.history import Movement
from models.leaderboard import Period
from models.locales import pick_locale
from models.money import format_money
from models.names import FULL, name_for, public_name
from models.tables import TelegramUser


def fit(blocks: Sequence[str], limit: int = 4000) -> int:
    """How many of `blocks` (lines, joined with newlines) fit in `limit` characters. Telegram refuses
    messages over 4,096 characters; counting the HTML markup too keeps well inside that."""
    total = 0
    for count, block in enumerate(blocks):
        total += len(block) + 1
        if total > limit:
            return count
    return len(blocks)


def period_title(period: Period) -> str:
    return {
        Period.TODAY: _("Today"),
        Period.WEEK: _("This week"),
        Period.MONTH: _("This month"),
        Period.ALL_TIME: _("All time"),
    }[period]


def current_locale() -> str:
    return get_i18n().current_locale


def money(amount: Decimal) -> str:
    return format_money(amount, locale=current_locale())


def number(amount: Decimal) -> str:
    """100 → "100", 2.5 → "2.5" (or "2,5"): no trailing zeros, the locale's separators."""
    return format_decimal(amount.normalize(), locale=current_locale())


def percent(points: Decimal) -> str:
    """Decimal("3.5") -> "3.5%" / "3,5 %": percentage points as the reader's language writes them."""
    return format_percent(points / 100, locale=current_locale(), decimal_quantization=False)


def age(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return _("not synced yet")
    minutes = max(0, int(((now or clock.now()) - moment).total_seconds() // 60))
    if minutes == 0:
        return _("updated just now")
    if minutes < 120:
        return ngettext("updated {n} minute ago", "updated {n} minutes ago", minutes).format(n=minutes)
    hours = minutes // 60
    return ngettext("updated {n} hour ago", "updated {n} hours ago", hours).format(n=hours)


# RACE_TIMEZONE, for the dates and times the bot writes: set for each update (and once at start-up, for the
# messages sent on the bot's own initiative), the way aiogram's i18n sets the language.
_race_zone: ContextVar[str] = ContextVar("race_zone", default="UTC")


def use_race_zone(zone: str) -> None:
    _race_zone.set(zone)


def race_zone_middleware(
    zone: str,
) -> Callable[
    [Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]], TelegramObject, dict[str, Any]], Awaitable[Any]
]:
    """An outer middleware that writes every update's dates in `zone`."""

    async def middleware(
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]], event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        _race_zone.set(zone)
        return await handler(event, data)

    return middleware


def zone_name(moment: datetime, zone: ZoneInfo) -> str:
    """The zone as the reader's language abbreviates it ("CET", "BRT", "UTC"), else its offset ("GMT-03:00")."""
    short = format_datetime(moment, "z", tzinfo=zone, locale=current_locale())
    if short[:1] in "+-":
        return format_datetime(moment, "ZZZZ", tzinfo=zone, locale=current_locale())
    return short


def when(moment: datetime) -> str:
    """ "Nov 3, 2026, 11:05 BRT" / "3 nov 2026, 11:05 BRT": a moment in the reader's language, in the race's zone."""
    zone, locale = ZoneInfo(_race_zone.get()), current_locale()
    day = format_skeleton("yMMMd", moment, tzinfo=zone, locale=locale)
    time = format_skeleton("Hm", moment, tzinfo=zone, locale=locale)
    return (
        str(get_datetime_format("medium", locale=locale)).replace("{1}", day).replace("{0}", time)
        + " "
        + zone_name(moment, zone)
    )


def day_text(moment: datetime | date) -> str:
    """ "Nov 3, 2026" / "3 nov 2026": a day in the reader's language (a moment's day in the race's zone)."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(ZoneInfo(_race_zone.get())).date()
    return format_skeleton("yMMMd", moment, locale=current_locale())


def listed(items: Iterable[str]) -> str:
    """ "a, b and c" / "a, b y c" / "a, b e c"."""
    return format_list(list(items), locale=current_locale())


def time_left(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, hours, minutes = minutes // 1440, minutes % 1440 // 60, minutes % 60
    if days:
        return _("{d}d {h}h {m}m").format(d=days, h=hours, m=minutes)
    return _("{h}h {m}m").format(h=hours, m=minutes)


# ---- the words commands take: in English and in the reader's language ----


def keyword_words() -> dict[str, str]:
    """Each keyword a command takes, in English and as the reader's language says it (`/leaderboard hoy`)."""
    return {
        "today": _("today"),
        "week": _("week"),
        "month": _("month"),
        "all": _("all"),
        "previous": _("previous"),
        "me": _("me"),
        "next": _("next"),
        "clear": _("clear"),
        "check": _("check"),
    }


def folded(text: str) -> str:
    """Lower case without accents: "Mês" and "mes" are the same word to a command."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def keyword(english: str) -> str:
    """The keyword as the reader types it: "hoy" for "today" in Spanish."""
    return keyword_words()[english]


def is_keyword(text: str, english: str) -> bool:
    """Whether `text` is the keyword `english`, typed in English or in the reader's language."""
    return folded(text) in {folded(english), folded(keyword(english))}


def footer(updated_at: datetime | None, demo: bool) -> str:
    parts = [age(updated_at)]
    if demo:
        parts.append(_("demo data"))
    text = " · ".join(parts)
    return "<i>" + text[:1].upper() + text[1:] + "</i>"


class Ranked(Protocol):
    """A board's row or a finished race's result: what a ranked line shows."""

    @property
    def rank(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def wagered(self) -> Decimal: ...


@dataclass(frozen=True)
class Names:
    """How players' Goated names read to one reader: as NAME_DISPLAY says, except the reader's own account
    (`own_uid`), whole where nobody else reads along. `Names()` shows every name whole: the admins' screens."""

    display: str = FULL
    own_uid: str | None = None

    def __call__(self, uid: str, name: str) -> str:
        """The name, escaped for HTML."""
        return escape(name_for(uid, name, self.display, self.own_uid))

    def public(self, name: str) -> str:
        """A name as anyone may read it (a message to a group, say), escaped for HTML."""
        return escape(public_name(name, self.display))


def reader_names(display: str, user: TelegramUser, private: bool) -> Names:
    """Names for `user` reading in a chat: their own linked name stays whole in a private chat only; in a
    group every name follows NAME_DISPLAY, so a message there outs nobody."""
    return Names(display, user.player_id if private else None)


def board_lines(entries: Sequence[Ranked], names: Sequence[str] | None = None) -> list[str]:
    """One line a row; `names` are the rows' names as the reader may see them (escaped), whole by default."""
    medals = {1: "🥇", 2: "🥈", 3: "🥉"}
    shown = names if names is not None else [escape(e.name) for e in entries]
    return [
        f"{medals.get(e.rank, f'{e.rank}.')} {name} — <b>{money(e.wagered)}</b>"
        for e, name in zip(entries, shown, strict=True)
    ]


def places_moved(change: int) -> str:
    """▲2 (up two places), ▼1 (down one), or nothing when unchanged."""
    return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else ""


def movement_line(movement: Movement, uid: str) -> str | None:
    """ "▲2 since the last update · ▼1 since yesterday · +$1,230 today" for one player in the race."""
    parts = []
    if moved := places_moved(movement.since_sync.get(uid, 0)):
        parts.append(_("{places} since the last update").format(places=moved))
    if movement.since_day is None:
        pass  # the history began today
    elif uid not in movement.since_day:
        parts.append(_("new in the race today"))
    elif moved := places_moved(movement.since_day[uid]):
        parts.append(_("{places} since yesterday").format(places=moved))
    if uid in movement.gained_today:
        parts.append(_("+{amount} today").format(amount=money(movement.gained_today[uid])))
    return " · ".join(parts) or None


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[Decimal]) -> str:
    """A curve in one line of text: ▁▂▃▅▇, scaled to the largest value."""
    top = max(values, default=Decimal(0))
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1)))] for v in values)


def mention(user: User) -> str:
    """How a group message names someone: @username, else their first name (escaped)."""
    return escape(f"@{user.username}" if user.username else user.first_name)


def user_locale(i18n: I18n, user: TelegramUser) -> str:
    return pick_locale([user.language, user.telegram_language], i18n.available_locales, i18n.default_locale)


@contextmanager
def speaking_to(i18n: I18n, user: TelegramUser) -> Iterator[None]:
    """Write a message to someone other than the sender (an admin, a user told of a decision) in their language."""
    with i18n.context(), i18n.use_locale(user_locale(i18n, user)):
        yield
