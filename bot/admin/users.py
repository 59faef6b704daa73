"""/user: one user's card with unlink, ban, unban and "send a message"."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n, ngettext
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import TelegramId, safe_edit
from bot.review_cards import status_text
from bot.sender import Outcome, Sender
from bot.texts import day_text, money, speaking_to
from models.audit import record
from models.tables import Role, TelegramUser
from models.users import (
    ADMIN_ROLES,
    display_name,
    find_user,
    player_of,
    recent_link_requests,
    set_banned,
    unlink_by_admin,
    user_by_id,
)

MAX_MESSAGE_LENGTH = 3500  # Telegram's limit is 4096, and our header goes in front


class UserButton(CallbackData, prefix="user"):
    user_id: TelegramId
    action: str  # unlink | ban | unban | message


class DirectMessage(StatesGroup):
    typing = State()


def role_text(role: Role) -> str:
    return {Role.USER: _("user"), Role.ADMIN: _("admin"), Role.OWNER: _("owner")}[role]


def user_keyboard(target: TelegramUser) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if target.player_id:
        builder.button(text=_("Unlink"), callback_data=UserButton(user_id=target.id, action="unlink"))
    if target.banned:
        builder.button(text=_("Unban"), callback_data=UserButton(user_id=target.id, action="unban"))
    elif target.role not in ADMIN_ROLES:
        builder.button(text=_("Ban"), callback_data=UserButton(user_id=target.id, action="ban"))
    builder.button(text=_("✉️ Send a message"), callback_data=UserButton(user_id=target.id, action="message"))
    builder.adjust(2)
    return builder.as_markup()


async def user_card(target: TelegramUser) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        _("👤 <b>{name}</b> (id <code>{id}</code>)").format(name=escape(display_name(target)), id=target.id),
        _("Name: {name} · role: {role} · first seen {date}").format(
            name=escape(target.first_name), role=role_text(target.role), date=day_text(target.created_at)
        ),
    ]
    player = await player_of(target)
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
    requests = await recent_link_requests(target)
    if requests:
        lines.append(
            _("Link requests: {list}").format(list=", ".join(f"#{r.id} {status_text(r.status)}" for r in requests))
        )
    if target.banned:
        lines.append(_("⛔ Banned from the bot"))
    if target.blocked_bot:
        lines.append(_("🚫 Has blocked the bot"))
    return "\n".join(lines), user_keyboard(target)


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


async def user_action(action: str, target: TelegramUser, admin: TelegramUser) -> str:
    """Unlink, ban or unban; the answer for the admin."""
    if action == "unlink":
        return _("Unlinked.") if await unlink_by_admin(target, admin.id) else _("Already unlinked.")
    if action == "ban":
        banned = await set_banned(target, True, admin.id)
        return _("Banned: the bot now ignores them.") if banned else _("Already banned.")
    return _("Unbanned.") if await set_banned(target, False, admin.id) else _("Not banned.")


async def action_button(query: CallbackQuery, callback_data: UserButton, user: TelegramUser) -> None:
    target = await user_by_id(callback_data.user_id)
    if target is None:
        await query.answer(_("This user no longer exists."), show_alert=True)
        return
    if callback_data.action == "ban" and target.role in ADMIN_ROLES:
        await query.answer(_("Admins cannot be banned; demote them first."), show_alert=True)
        return
    answer = await user_action(callback_data.action, target, user)
    text, markup = await user_card(target)
    await query.answer(answer)
    if isinstance(query.message, Message):
        await safe_edit(query.message, text, markup)


async def message_button(query: CallbackQuery, callback_data: UserButton, state: FSMContext) -> None:
    target = await user_by_id(callback_data.user_id)
    if target is None:
        await query.answer(_("This user no longer exists."), show_alert=True)
        return
    await state.set_state(DirectMessage.typing)
    await state.update_data(user_id=target.id)
    if isinstance(query.message, Message):
        await query.message.answer(
            _("Send the message for {who} (text with formatting), or /cancel.").format(who=escape(display_name(target)))
        )
    await query.answer()


async def message_typed(message: Message, state: FSMContext, user: TelegramUser, sender: Sender, i18n: I18n) -> None:
    body = message.html_text
    if len(body) > MAX_MESSAGE_LENGTH:
        await message.answer(
            ngettext(
                "That is too long; please keep it under {n} character.",
                "That is too long; please keep it under {n} characters.",
                MAX_MESSAGE_LENGTH,
            ).format(n=MAX_MESSAGE_LENGTH)
        )
        return
    target = await user_by_id((await state.get_data()).get("user_id", 0))
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


async def message_not_text(message: Message) -> None:
    await message.answer(_("Please send the message as text, or /cancel."))


def build_router() -> Router:
    router = Router(name="admin.users")
    router.message.register(user_command, Command("user"))
    router.callback_query.register(action_button, UserButton.filter(F.action.in_({"unlink", "ban", "unban"})))
    router.callback_query.register(message_button, UserButton.filter(F.action == "message"))
    router.message.register(message_typed, StateFilter(DirectMessage.typing), F.text, ~F.text.startswith("/"))
    router.message.register(message_not_text, StateFilter(DirectMessage.typing))
    return router
