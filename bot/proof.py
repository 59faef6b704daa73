"""The wager proof in the bot: the amount to bet, the Check button, and telling everyone concerned.

models.proofs holds the rules; this module words them. /verify (bot.verify) opens a proof; its message
carries the Check button (and, where admins may review, a button to ask them instead).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from html import escape
from typing import Protocol, assert_never

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.review_cards import refresh_cards
from bot.sender import Sender
from bot.texts import age, money, speaking_to, time_left
from models import clock
from models.proofs import (
    MAX_CHECKS,
    MAX_PROOFS_PER_DAY,
    CheckOutcome,
    CheckResult,
    OpenOutcome,
    OpenResult,
    ProofRules,
    check_proof,
)
from models.tables import Player, TelegramUser, WagerProof
from models.users import display_name, reachable_admins, user_by_id
from models.verification import find_request
from settings import Settings


class RefreshesFigures(Protocol):
    """Fresh figures from Goated for a check, shared by all waiting checks (the wiring hands it in as `figures`)."""

    async def refresh(self) -> datetime | None: ...


class ProofButton(CallbackData, prefix="proof"):
    action: str  # check | review (ask an admin instead)


def proof_rules(settings: Settings) -> ProofRules:
    return ProofRules(
        minutes=settings.verify_proof_minutes,
        min_amount=settings.verify_proof_min_amount,
        max_amount=settings.verify_proof_max_amount,
        tolerance=settings.verify_proof_tolerance,
    )


def proof_keyboard(settings: Settings) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✅ Check"), callback_data=ProofButton(action="check"))
    if settings.verify_mode == "proof_or_review":
        builder.button(text=_("📷 I can't bet: ask an admin"), callback_data=ProofButton(action="review"))
    builder.adjust(1)
    return builder.as_markup()


def proof_text(proof: WagerProof, player: Player, linked_elsewhere: bool = False) -> str:
    lines = [
        _("🎲 <b>Prove that {name} is yours</b>").format(name=escape(player.name)),
        "",
        _(
            "From that Goated account, place <b>one bet of exactly {amount}</b> on any game, and nothing else "
            "until you press Check. Wait a minute for Goated to count it, then press <b>Check</b>."
        ).format(amount=money(proof.amount)),
        _("Only the account's holder can do this, so it proves the account is yours: no admin needed."),
        _("This amount is yours for {left}.").format(left=time_left((proof.expires_at - clock.now()).total_seconds())),
    ]
    if linked_elsewhere:
        lines.append(
            _("This account is linked to another Telegram user now; if it is yours, the proof moves it to you.")
        )
    return "\n".join(lines)


def opened_reply(result: OpenResult) -> str | None:
    """The answer to /verify <name> when it opened a proof or refused to; None for the outcomes bot.verify words."""
    match result.outcome:
        case OpenOutcome.OPENED | OpenOutcome.STILL_OPEN:
            assert result.proof is not None and result.player is not None
            return proof_text(result.proof, result.player, result.linked_elsewhere)
        case OpenOutcome.PENDING_REVIEW:
            name = escape(result.player.name) if result.player else ""
            return _(
                "Your request to link <b>{name}</b> is still waiting for an admin. I will tell you when it is decided."
            ).format(name=name)
        case OpenOutcome.NO_AMOUNT_FREE:
            return _("Too many proofs are open right now. Please try again in a few minutes.")
        case OpenOutcome.TOO_MANY_TODAY:
            return _(
                "You have started {n} proofs in the last 24 hours, the most allowed. Please try again tomorrow."
            ).format(n=MAX_PROOFS_PER_DAY)
        case OpenOutcome.ALREADY_LINKED:
            return _("Your account is already linked. Send /unlink first to link another one.")
        case OpenOutcome.INVALID_NAME | OpenOutcome.NOT_FOUND:
            return None
    assert_never(result.outcome)


def check_reply(result: CheckResult, figures_at: datetime | None) -> str:
    proof, name = result.proof, escape(result.player.name) if result.player else ""
    match result.outcome:
        case CheckOutcome.LINKED:
            assert proof is not None
            return _(
                "🎉 Proven! Your bet of {amount} showed on <b>{name}</b>: the account is now linked to you. "
                "Try /stats and /race."
            ).format(amount=money(proof.amount), name=name)
        case CheckOutcome.NO_CHANGE:
            assert proof is not None
            return _(
                "Nothing has changed on <b>{name}</b> since the proof started (figures from {age}). Place the bet "
                "of exactly {amount}, wait a minute, then press Check again. Checks left: {left}."
            ).format(name=name, age=age(figures_at), amount=money(proof.amount), left=MAX_CHECKS - proof.checks)
        case CheckOutcome.MISMATCH:
            return mismatch_reply(result)
        case CheckOutcome.CHECKS_USED:
            return _(
                "Still no change after {n} checks, so this proof is closed. Send /verify when you are ready to bet."
            ).format(n=MAX_CHECKS)
        case CheckOutcome.EXPIRED:
            return _("This proof has expired. Send /verify for a new amount.")
        case CheckOutcome.LOST:
            return lost_text(result.player)
        case CheckOutcome.ALREADY_LINKED:
            return _("Your account is already linked. Send /unlink first to link another one.")
        case CheckOutcome.NO_PROOF:
            return escape(_("You have no open proof. Send /verify <your Goated name> to start one."))
    assert_never(result.outcome)


def mismatch_reply(result: CheckResult) -> str:
    assert result.proof is not None and result.player is not None
    grew_all, grew_month = result.grew_all_time or Decimal(0), result.grew_month or Decimal(0)
    seen = _(
        "The figures of <b>{name}</b> moved by {all_time} (all time) and {month} (this month), not by {amount}: "
        "another bet or another amount counted too."
    ).format(
        name=escape(result.player.name),
        all_time=money(grew_all),
        month=money(grew_month),
        amount=money(result.proof.amount),
    )
    if result.new_proof is None:
        return seen + "\n" + _("I cannot give you a new amount right now. Please try /verify again later.")
    return (
        seen
        + "\n"
        + _("Let us start again from the figures as they are now.")
        + "\n\n"
        + proof_text(result.new_proof, result.player)
    )


def lost_text(player: Player | None) -> str:
    return _(
        "Another Telegram user proved first that <b>{name}</b> is theirs, so your proof is closed. "
        "If the account is yours, contact an admin."
    ).format(name=escape(player.name) if player else "")


async def check(
    message: Message, user: TelegramUser, settings: Settings, figures: RefreshesFigures, sender: Sender, i18n: I18n
) -> None:
    """Check (the button or /verify check): fresh figures, then the proof's verdict, then the news."""
    figures_at = await figures.refresh()
    if figures_at is None:
        await message.answer(
            _("I could not get fresh figures from Goated just now. Please press Check again in a minute.")
        )
        return
    result = await check_proof(user, proof_rules(settings))
    keep_going = result.outcome == CheckOutcome.NO_CHANGE or (
        result.outcome == CheckOutcome.MISMATCH and result.new_proof is not None
    )
    await message.answer(check_reply(result, figures_at), reply_markup=proof_keyboard(settings) if keep_going else None)
    if result.outcome == CheckOutcome.LINKED:
        await announce_link(sender, i18n, user, result)


async def check_button(
    query: CallbackQuery, user: TelegramUser, settings: Settings, figures: RefreshesFigures, sender: Sender, i18n: I18n
) -> None:
    await query.answer()  # at once: a check may wait for Goated
    if isinstance(query.message, Message):
        await check(query.message, user, settings, figures, sender, i18n)


async def announce_link(sender: Sender, i18n: I18n, prover: TelegramUser, result: CheckResult) -> None:
    """After a proof held: the previous holder, the other provers, the overruled requests' users and
    their cards, and the admins (an information card, not a decision)."""
    assert result.player is not None and result.proof is not None
    player = result.player
    if result.previous_holder is not None and (holder := await user_by_id(result.previous_holder)):
        with speaking_to(i18n, holder):
            text = _(
                "Your Telegram account is no longer linked to <b>{name}</b>: another user proved with a bet that "
                "the account is theirs. If this is a mistake, contact an admin."
            ).format(name=escape(player.name))
        await tell(sender, holder, text)
    for loser_id in result.losers:
        if loser := await user_by_id(loser_id):
            with speaking_to(i18n, loser):
                text = lost_text(player)
            await tell(sender, loser, text)
    for request_id in result.overruled_requests:
        if request := await find_request(request_id):
            await refresh_cards(sender, i18n, request)
            if asker := await user_by_id(request.user_id):
                with speaking_to(i18n, asker):
                    text = lost_text(player)
                await tell(sender, asker, text)
    await inform_admins(sender, i18n, prover, result)


async def tell(sender: Sender, user: TelegramUser, text: str) -> None:
    if not user.blocked_bot:
        await sender.send_message(user.id, text)


async def inform_admins(sender: Sender, i18n: I18n, prover: TelegramUser, result: CheckResult) -> None:
    proof, player = result.proof, result.player
    assert proof is not None and player is not None
    previous = await user_by_id(result.previous_holder) if result.previous_holder is not None else None
    for admin in await reachable_admins():
        with speaking_to(i18n, admin):
            lines = [
                _("ℹ️ <b>Linked by wager proof</b> (no decision needed)"),
                _("Telegram: {who} (id <code>{id}</code>) → Goated: <b>{name}</b> (uid <code>{uid}</code>)").format(
                    who=escape(display_name(prover)), id=prover.id, name=escape(player.name), uid=escape(player.uid)
                ),
                _(
                    "Bet {amount}: all time {all_before} → {all_after}, this month {month_before} → {month_after}"
                ).format(
                    amount=money(proof.amount),
                    all_before=money(proof.baseline_all_time),
                    all_after=money(proof.seen_all_time or Decimal(0)),
                    month_before=money(proof.baseline_month),
                    month_after=money(proof.seen_month or Decimal(0)),
                ),
            ]
            if result.previous_holder is not None:
                who = escape(display_name(previous)) if previous else str(result.previous_holder)
                lines.append(
                    _("⚠️ Taken over from {who} (id <code>{id}</code>), who was unlinked and told.").format(
                        who=who, id=result.previous_holder
                    )
                )
            text = "\n".join(lines)
        await sender.send_message(admin.id, text)


def build_router() -> Router:
    router = Router(name="proof")
    router.callback_query.register(check_button, ProofButton.filter(F.action == "check"))
    return router
