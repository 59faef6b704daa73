"""Admins approve or reject link requests from the buttons on the request card. First decision wins."""

from __future__ import annotations

import logging
from html import escape

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.filters import IsAdmin
from bot.texts import speaking_to
from bot.verify import ReviewButton
from models.tables import Player, TelegramUser, VerificationStatus
from models.verification import Decision, decide

log = logging.getLogger(__name__)


async def tell_user(bot: Bot, i18n: I18n, user: TelegramUser, player: Player, decision: Decision) -> None:
    with speaking_to(i18n, user):
        if decision == Decision.APPROVED:
            text = _("🎉 Your Goated account <b>{name}</b> is now linked! Try /stats and /race.").format(name=escape(player.name))
        else:
            text = _("Your request to link <b>{name}</b> was not approved. You can try again later with /verify.").format(
                name=escape(player.name))
        try:
            await bot.send_message(user.id, text)
        except TelegramAPIError as error:
            log.warning("could not tell user %d about their request: %s", user.id, error)


def build_router() -> Router:
    router = Router(name="review")
    router.callback_query.filter(IsAdmin())  # checked again on every press

    @router.callback_query(ReviewButton.filter())
    async def review(query: CallbackQuery, callback_data: ReviewButton, user: TelegramUser, bot: Bot, i18n: I18n) -> None:
        decision, request = await decide(callback_data.request_id, user.id, callback_data.approve)
        if request is None:
            await query.answer(_("This request no longer exists."), show_alert=True)
            return
        if decision == Decision.ALREADY_DECIDED:
            already = {VerificationStatus.APPROVED: _("Already approved."), VerificationStatus.REJECTED: _("Already rejected."),
                       VerificationStatus.CANCELLED: _("The user withdrew this request.")}
            await query.answer(already.get(request.status, ""), show_alert=True)
            return
        player = await Player.get(uid=request.player_id)
        requester = await TelegramUser.get(id=request.user_id)
        admin = escape(f"@{user.username}" if user.username else user.first_name)
        verdict = {Decision.APPROVED: _("✅ Approved by {admin}"), Decision.REJECTED: _("❌ Rejected by {admin}"),
                   Decision.TAKEN: _("❌ Not linked: {name} is linked to another account")}[decision]
        if isinstance(query.message, Message) and query.message.html_text:
            await query.message.edit_text(query.message.html_text + "\n\n" + verdict.format(admin=admin, name=escape(player.name)))
        await query.answer()
        await tell_user(bot, i18n, requester, player, Decision.APPROVED if decision == Decision.APPROVED else Decision.REJECTED)

    return router
