"""/user: one user's card with unlink, ban, unban and "send a message"."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.admin.review import status_text
from bot.keyboards import TelegramId, safe_edit
from bot.sender import Outcome, Sender
from bot.texts import money, speaking_to
from models.audit import record
from models.tables import Player, Role, TelegramUser, VerificationRequest
from models.users import ADMIN_ROLES, display_name, find_user, set_banned, unlink_by_admin

MAX_MESSAGE_LENGTH = 3500  # Telegram's limit is 4096, and our header goes in front


class UserButton(CallbackData, prefix="user"):
    user_id: TelegramId
    action: str  # unlink | ban | unban | message


class DirectMessage(StatesGroup):
    typing = State()


def role_text(role: Role) -> str:
    return {Role.USER: _("user"), Role.ADMIN: _("admin"), Role.OWNER: _("owner")}[role]


async def user_card(target: TelegramUser) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        _("👤 <b>{name}</b> (id <code>{id}</code>)").format(name=escape(display_name(target)), id=target.id),
        _("Name: {name} · role: {role} · first seen {date}").format(
            name=escape(target.first_name), role=role_text(target.role), date=target.created_at.date().isoformat()
        ),
    ]
    player = await Player.get_or_none(uid=target.player_id) if target.player_id else None
    if player:
        lines.append(
            _("Linked to <b>{name}</b> (uid <code>{uid}</code>): {month} this month, {all_time} all time").format(
                name=escape(player.name),
                uid=escape(player.uid),
                month=money(player.wagered_month),
                all_time=money(player.wagered_all_time),
            )
        )
    else:
        lines.append(_("Not linked to a Goated account"))
    requests = await VerificationRequest.filter(user_id=target.id).order_by("-id").limit(3)
    if requests:
        lines.append(
            _("Link requests: {list}").format(list=", ".join(f"#{r.id} {status_text(r.status)}" for r in requests))
        )
    if target.banned:
        lines.append(_("⛔ Banned from the bot"))
    if target.blocked_bot:
        lines.append(_("🚫 Has blocked the bot"))
    builder = InlineKeyboardBuilder()
    if target.player_id:
        builder.button(text=_("Unlink"), callback_data=UserButton(user_id=target.id, action="unlink"))
    if target.banned:
        builder.button(text=_("Unban"), callback_data=UserButton(user_id=target.id, action="unban"))
    elif target.role not in ADMIN_ROLES:
        builder.button(text=_("Ban"), callback_data=UserButton(user_id=target.id, action="ban"))
    builder.button(text=_("✉️ Send a message"), callback_data=UserButton(user_id=target.id, action="message"))
    builder.adjust(2)
    return "\n".join(lines), builder.as_markup()


def build_router() -> Router:
    router = Router(name="admin.users")

    @router.message(Command("user"))
    async def user_command(message: Message, command: CommandObject) -> None:
        if not command.args:
            await message.answer(escape(_("Usage: /user <telegram id | @username | Goated name>")))
            return
        target = await find_user(command.args)
        if target is None:
            await message.answer(_("No user matches {query}.").format(query=escape(command.args.strip()[:64])))
            return
        text, markup = await user_card(target)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(UserButton.filter(F.action.in_({"unlink", "ban", "unban"})))
    async def action_button(query: CallbackQuery, callback_data: UserButton, user: TelegramUser) -> None:
        target = await TelegramUser.get_or_none(id=callback_data.user_id)
        if target is None:
            await query.answer(_("This user no longer exists."), show_alert=True)
            return
        if callback_data.action == "unlink":
            changed = await unlink_by_admin(target, user.id)
            answer = _("Unlinked.") if changed else _("Already unlinked.")
        elif callback_data.action == "ban":
            if target.role in ADMIN_ROLES:
                await query.answer(_("Admins cannot be banned; demote them first."), show_alert=True)
                return
            answer = (
                _("Banned: the bot now ignores them.")
                if await set_banned(target, True, user.id)
                else _("Already banned.")
            )
        else:
            answer = _("Unbanned.") if await set_banned(target, False, user.id) else _("Not banned.")
        text, markup = await user_card(target)
        await query.answer(answer)
        if isinstance(query.message, Message):
            await safe_edit(query.message, text, markup)

    @router.callback_query(UserButton.filter(F.action == "message"))
    async def message_button(query: CallbackQuery, callback_data: UserButton, state: FSMContext) -> None:
        target = await TelegramUser.get_or_none(id=callback_data.user_id)
        if target is None:
            await query.answer(_("This user no longer exists."), show_alert=True)
            return
        await state.set_state(DirectMessage.typing)
        await state.update_data(user_id=target.id)
        if isinstance(query.message, Message):
            await query.message.answer(
                _("Send the message for {who} (text with formatting), or /cancel.").format(
                    who=escape(display_name(target))
                )
            )
        await query.answer()

    @router.message(StateFilter(DirectMessage.typing), F.text, ~F.text.startswith("/"))
    async def message_typed(
        message: Message, state: FSMContext, user: TelegramUser, sender: Sender, i18n: I18n
    ) -> None:
        body = message.html_text
        if len(body) > MAX_MESSAGE_LENGTH:
            await message.answer(
                _("That is too long; please keep it under {n} characters.").format(n=MAX_MESSAGE_LENGTH)
            )
            return
        target = await TelegramUser.get_or_none(id=(await state.get_data()).get("user_id", 0))
        await state.clear()
        if target is None:
            await message.answer(_("This user no longer exists."))
            return
        with speaking_to(i18n, target):
            header = _("✉️ <b>Message from the admins</b>")
        delivery = await sender.send_message(target.id, f"{header}\n\n{body}")
        await record(user.id, "user.message", str(target.id), after={"outcome": delivery.outcome.value})
        answers = {
            Outcome.SENT: _("Delivered to {who}."),
            Outcome.BLOCKED: _("Not delivered: {who} has blocked the bot."),
            Outcome.FAILED: _("Not delivered to {who}: Telegram refused it."),
        }
        await message.answer(answers[delivery.outcome].format(who=escape(display_name(target))))

    @router.message(StateFilter(DirectMessage.typing))
    async def message_not_text(message: Message) -> None:
        await message.answer(_("Please send the message as text, or /cancel."))

    return router
