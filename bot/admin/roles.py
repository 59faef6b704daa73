"""/admins, /promote, /demote: owners (ADMIN_IDS) make and unmake admins. Admins may look, not change.
A new admin is handed the review cards of the link requests still open."""

from __future__ import annotations

from html import escape

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards import TelegramId, safe_edit
from bot.menu import set_admin_commands
from bot.review_cards import send_missing_cards
from bot.sender import Outcome, Sender
from bot.texts import speaking_to
from models.tables import Role, TelegramUser
from models.users import RoleChange, admins, display_name, find_user, set_role, user_by_id


class RoleButton(CallbackData, prefix="role"):
    user_id: TelegramId
    admin: bool  # True: make admin; False: make a user again


async def admins_text_and_keyboard(viewer: TelegramUser) -> tuple[str, InlineKeyboardMarkup | None]:
    people = await admins()
    lines = [_("<b>Admins</b>")]
    builder = InlineKeyboardBuilder()
    for person in people:
        role = _("owner") if person.role == Role.OWNER else _("admin")
        lines.append(f"• {escape(display_name(person))} (<code>{person.id}</code>) — {role}")
        if viewer.role == Role.OWNER and person.role == Role.ADMIN:
            builder.button(
                text=_("Demote {who}").format(who=display_name(person)),
                callback_data=RoleButton(user_id=person.id, admin=False),
            )
    builder.adjust(1)
    if viewer.role == Role.OWNER:
        lines += [
            "",
            escape(
                _(
                    "Make someone an admin with /promote <id | @username> (they must have started the bot). "
                    "Owners are set with ADMIN_IDS."
                )
            ),
        ]
    return "\n".join(lines), builder.as_markup() if viewer.role == Role.OWNER else None


async def change_role(
    target: TelegramUser, admin: bool, owner: TelegramUser, bot: Bot, sender: Sender, i18n: I18n
) -> str:
    """The answer for the owner; the target's menu follows and they are told."""
    outcome = await set_role(target, Role.ADMIN if admin else Role.USER, owner.id)
    who = escape(display_name(target))
    if outcome == RoleChange.OWNER:
        return _("{who} is an owner; owners are set with ADMIN_IDS.").format(who=who)
    if outcome == RoleChange.UNCHANGED:
        return _("{who} is already an admin.").format(who=who) if admin else _("{who} is not an admin.").format(who=who)
    await set_admin_commands(bot, i18n, target)
    with speaking_to(i18n, target):
        note = (
            _("You are now an admin of this bot. Send /help to see the admin commands.")
            if admin
            else _("You are no longer an admin of this bot.")
        )
    if not target.blocked_bot:
        told = await sender.send_message(target.id, note)
        if admin and told.outcome == Outcome.SENT:  # no request waits unseen: the open ones reach them too
            await send_missing_cards(sender, i18n, target)
    return _("{who} is now an admin.").format(who=who) if admin else _("{who} is no longer an admin.").format(who=who)


async def show_admins(message: Message, user: TelegramUser) -> None:
    text, markup = await admins_text_and_keyboard(user)
    await message.answer(text, reply_markup=markup)


async def promote_or_demote(
    message: Message, command: CommandObject, user: TelegramUser, bot: Bot, sender: Sender, i18n: I18n
) -> None:
    if user.role != Role.OWNER:
        await message.answer(_("Only owners can change who is an admin."))
        return
    if not command.args:
        await message.answer(escape(_("Usage: /{command} <telegram id | @username>").format(command=command.command)))
        return
    target = await find_user(command.args)
    if target is None:
        await message.answer(
            _("I do not know {who}: they must start the bot first.").format(who=escape(command.args.strip()[:64]))
        )
        return
    await message.answer(await change_role(target, command.command == "promote", user, bot, sender, i18n))


async def role_button(
    query: CallbackQuery, callback_data: RoleButton, user: TelegramUser, bot: Bot, sender: Sender, i18n: I18n
) -> None:
    if user.role != Role.OWNER:
        await query.answer(_("Only owners can change who is an admin."), show_alert=True)
        return
    target = await user_by_id(callback_data.user_id)
    if target is None:
        await query.answer(_("This user no longer exists."), show_alert=True)
        return
    answer = await change_role(target, callback_data.admin, user, bot, sender, i18n)
    text, markup = await admins_text_and_keyboard(user)
    await query.answer()
    if isinstance(query.message, Message):
        await safe_edit(query.message, f"{answer}\n\n{text}", markup)


def build_router() -> Router:
    router = Router(name="admin.roles")
    router.message.register(show_admins, Command("admins"))
    router.message.register(promote_or_demote, Command("promote", "demote"))
    router.callback_query.register(role_button, RoleButton.filter())
    return router
