"""Delivers the messages the program owes (models.notifications), each in its reader's language."""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from html import escape

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.reward_texts import challenge_text, reject_reason
from bot.sender import STORED_STATUS, Outcome, Sender
from bot.texts import current_locale, money, speaking_to
from models import clock, notifications
from models.challenges import is_open
from models.locales import format_month
from models.results import finished_race, results
from models.tables import Challenge, DeliveryStatus, FinishedRace, Notification, TelegramUser

log = logging.getLogger(__name__)

RESULT_LINES = 25


def month_name(month: str) -> str:
    return format_month(month, current_locale())


def stale_note(race: FinishedRace) -> str:
    return _("⚠️ From data synced at {time}, more than two sync intervals before the end.").format(
        time=f"{race.data_as_of:%Y-%m-%d %H:%M} UTC"
    )


async def render(notification: Notification) -> str | None:
    payload = notification.payload
    if notification.kind == "race_won":
        return _(
            "🏆 The {month} race is over: you finished <b>#{rank}</b> and won <b>{prize}</b>! An admin will be in touch "
            "about the payout."
        ).format(month=month_name(payload["month"]), rank=payload["rank"], prize=money(Decimal(payload["prize"])))
    if notification.kind == "race_results":
        race = await finished_race(payload["month"])
        if race is None:
            return None
        lines = [_("🏁 <b>Results of the {month} race</b>").format(month=month_name(race.month))]
        if race.stale:
            lines.append(stale_note(race))
        linked = {}
        top = await results(race, RESULT_LINES)
        for user in await TelegramUser.filter(player_id__in=[r.player_id for r in top]):
            linked[user.player_id] = user
        for row in top:
            user = linked.get(row.player_id)
            who = f" · @{escape(user.username)}" if user and user.username else (f" · id {user.id}" if user else "")
            prize = f" → <b>{money(row.prize)}</b>" if row.prize else ""
            lines.append(
                f"{row.rank}. {escape(row.name)} (<code>{escape(row.player_id)}</code>{who}) {money(row.wagered)}{prize}"
            )
        if not top:
            lines.append(_("Nobody wagered during this race."))
        return "\n".join(lines)
    if notification.kind == "overtaken":
        return _("📉 You dropped to <b>#{rank}</b> in the race, {gap} behind #{above}. /race").format(
            rank=payload["rank"], gap=money(Decimal(payload["gap"])), above=payload["rank"] - 1
        )
    if notification.kind == "paid_places":
        return _("💰 You are in the paid places: <b>#{rank}</b>, worth {prize} right now. /race").format(
            rank=payload["rank"], prize=money(Decimal(payload["prize"]))
        )
    if notification.kind == "final_day":
        return _("⏳ Less than 24 hours left in the race, and you are <b>#{rank}</b>. /race").format(
            rank=payload["rank"]
        )
    if notification.kind == "new_leader":
        return _("👑 New race leader: <b>{name}</b> with {wagered}!").format(
            name=escape(payload["name"]), wagered=money(Decimal(payload["wagered"]))
        )
    if notification.kind == "challenge_new":
        challenge = await Challenge.get_or_none(id=payload["challenge_id"])
        if challenge is None or not is_open(challenge, clock.now()):
            return None  # closed before the announcement went out
        return _("🆕 <b>New challenge!</b>") + "\n" + challenge_text(challenge) + "\n" + _("Enter with /challenges")
    if notification.kind == "challenge_won":
        return _(
            "🏆 Your entry in challenge #{id} was approved! Your prize code: <tg-spoiler><code>{code}</code></tg-spoiler>"
        ).format(id=payload["challenge_id"], code=escape(payload["code"]))
    if notification.kind == "challenge_rejected":
        return _("Your entry in challenge #{id} was not approved: {reason}.").format(
            id=payload["challenge_id"], reason=reject_reason(payload.get("reason"))
        )
    if notification.kind == "token_expired":
        return _(
            "⚠️ Goated refused the API token (expired or revoked), so the leaderboards are not updating. "
            "Set a new GOATED_API_TOKEN and restart the bot; syncing resumes by itself."
        )
    log.error("unknown notification kind %r", notification.kind)
    return None


class Notifier:
    def __init__(self, sender: Sender, i18n: I18n) -> None:
        self.sender, self.i18n = sender, i18n
        self._lock = asyncio.Lock()  # one delivery round at a time
        self._rounds: set[asyncio.Task] = set()

    def deliver_soon(self) -> None:
        """Deliver in the background: the admin's update is answered without waiting for every message."""
        task = asyncio.create_task(self._round_in_background())
        self._rounds.add(task)
        task.add_done_callback(self._rounds.discard)

    async def _round_in_background(self) -> None:
        try:
            await self.deliver_pending()
        except Exception:  # the rows stay pending; the next round (or the next start) sends them
            log.exception("a notification round failed")

    async def idle(self, timeout: float | None = None) -> None:
        """Wait for the background rounds (at shutdown, and in tests before looking at what was sent)."""
        while self._rounds:
            await asyncio.wait(set(self._rounds), timeout=timeout)
            if timeout is not None:
                return

    async def deliver_pending(self) -> int:
        sent = 0
        async with self._lock:
            for notification in await notifications.pending():
                if not await notifications.claim(notification.id):
                    continue
                user = await TelegramUser.get_or_none(id=notification.user_id) or TelegramUser(id=notification.user_id)
                try:
                    with speaking_to(self.i18n, user):
                        text = await render(notification)
                except Exception:  # a bad payload must not stop the others
                    log.exception("could not render notification %d", notification.id)
                    await notifications.settle(notification.id, DeliveryStatus.FAILED)
                    continue
                if text is None or user.blocked_bot:
                    await notifications.settle(notification.id, DeliveryStatus.SKIPPED)
                    continue
                delivery = await self.sender.send_message(user.id, text)
                await notifications.settle(notification.id, STORED_STATUS[delivery.outcome])
                sent += delivery.outcome == Outcome.SENT
        return sent
