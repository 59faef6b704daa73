"""/codes: the admins' list of bonus codes, who claimed each, and closing one early."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import RowId
from bot.reward_texts import bonus_line, who
from bot.texts import fit, when
from models import bonus, clock
from models.tables import BonusCode, TelegramUser


class CodeButton(CallbackData, prefix="codeadm"):
    action: str  # "claims" | "close"
    bonus_id: RowId


def code_state(code: BonusCode) -> str:
    now = clock.now()
    if code.closed_at is not None:
        return _("closed")
    if code.expires_at <= now:
        return _("expired")
    if code.claims >= code.max_claims:
        return _("all claimed")
    return _("open")


async def codes_view() -> tuple[str, InlineKeyboardMarkup | None]:
    codes = await bonus.all_codes()
    if not codes:
        return _("No bonus codes yet. /newcode creates one."), None
    blocks = [
        ngettext(
            "#{id} <code>{code}</code> · {claims}/{max} claimed · {state}",
            "#{id} <code>{code}</code> · {claims}/{max} claimed · {state}",
            code.claims,
        ).format(id=code.id, code=escape(code.code), claims=code.claims, max=code.max_claims, state=code_state(code))
        + "\n   "
        + bonus_line(code)
        for code in codes
    ]
    shown = codes[: fit(blocks, 3900)]  # the newest first
    lines = [_("🎁 <b>Bonus codes</b>")] + blocks[: len(shown)]
    builder = InlineKeyboardBuilder()
    for code in shown:
        builder.button(
            text=_("👥 #{id}").format(id=code.id), callback_data=CodeButton(action="claims", bonus_id=code.id)
        )
        if code.closed_at is None:
            builder.button(
                text=_("🛑 Close #{id}").format(id=code.id), callback_data=CodeButton(action="close", bonus_id=code.id)
            )
    builder.adjust(2)
    return "\n".join(lines), builder.as_markup()


async def claims_text(bonus_id: int) -> str:
    code = await bonus.find_code(bonus_id)
    rows = [f"{when(row.claimed_at)} · {who(row.user)}" for row in await bonus.claimants(bonus_id)]
    shown = rows[: fit(rows, 3900)]  # the first claims; the count says how many there are in all
    lines = [_("👥 Claims of code #{id}: {n}").format(id=bonus_id, n=code.claims if code else 0)] + shown
    if code is not None and code.claims > len(shown):
        lines.append("…")
    return "\n".join(lines)


async def show_codes(message: Message) -> None:
    text, markup = await codes_view()
    await message.answer(text, reply_markup=markup)


async def show_claims(query: CallbackQuery, callback_data: CodeButton) -> None:
    text = await claims_text(callback_data.bonus_id)
    if isinstance(query.message, Message):
        await query.message.answer(text)
    await query.answer()


async def close_code(query: CallbackQuery, callback_data: CodeButton, user: TelegramUser) -> None:
    closed = await bonus.close(callback_data.bonus_id, user.id)
    await query.answer(_("Closed: players no longer see it.") if closed else _("It was closed already."))
    if isinstance(query.message, Message):
        text, markup = await codes_view()
        await query.message.edit_text(text, reply_markup=markup)


def build_router() -> Router:
    router = Router(name="admin.bonus")
    router.message.register(show_codes, Command("codes"))
    router.callback_query.register(show_claims, CodeButton.filter(F.action == "claims"))
    router.callback_query.register(close_code, CodeButton.filter(F.action == "close"))
    return router
