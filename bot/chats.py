"""The groups and channels the bot is in: tracked from `my_chat_member` updates (added, promoted, demoted,
removed) and from the first message seen there; `/chats` lists them for admins; `/chatlang` sets a chat's
language (what the bot posts there on its own is written in it, English by default)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import ChatMemberUpdated, Message, TelegramObject
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.filters import IsAdmin
from bot.notification_delivery import Notifier
from bot.texts import fit
from models import chats
from models.chats import Rights
from models.tables import BotChat, ChatStatus, TelegramUser

GROUP_KINDS = (ChatType.GROUP, ChatType.SUPERGROUP, ChatType.CHANNEL)
CHAT_IDS = range(-(2**63), 0)  # groups' and channels' ids are negative; a forged larger one is ignored


def chat_id_in(text: str) -> int | None:
    """A group's or channel's id typed in a command (`-1001234567890`), or None."""
    if not text.startswith("-") or not text[1:].isdecimal() or len(text) > 21:
        return None
    chat_id = int(text)
    return chat_id if chat_id in CHAT_IDS else None


def rights_of(update: ChatMemberUpdated) -> Rights:
    """What the bot may do in the chat, as the update's new membership says."""
    member, channel = update.new_chat_member, update.chat.type == ChatType.CHANNEL
    status = ChatStatus(member.status if member.status != ChatMemberStatus.CREATOR else "administrator")
    if status == ChatStatus.ADMINISTRATOR:
        post = bool(getattr(member, "can_post_messages", False)) if channel else True
        pin = bool(getattr(member, "can_pin_messages", False)) or (
            channel and bool(getattr(member, "can_edit_messages", False))
        )
        return Rights(status, can_post=post, can_pin=pin, can_edit=post)
    if status == ChatStatus.MEMBER:
        return Rights(status, can_post=not channel, can_edit=not channel)
    if status == ChatStatus.RESTRICTED:
        member_can = bool(getattr(member, "is_member", False) and getattr(member, "can_send_messages", False))
        return Rights(status, can_post=member_can, can_edit=member_can)
    return Rights(status, can_post=False)


async def membership_changed(update: ChatMemberUpdated, notifier: Notifier) -> None:
    if update.chat.type not in GROUP_KINDS or update.chat.id not in CHAT_IDS:
        return  # a private chat (blocking the bot is handled by the sender), or a forged id
    by = update.from_user.id if update.from_user and not update.from_user.is_bot else None
    title = update.chat.title or str(update.chat.id)
    _chat, lost = await chats.update_rights(update.chat.id, update.chat.type, title, rights_of(update), by)
    if lost:
        notifier.deliver_soon()  # the admins are told


class ChatTracker:
    """Outer message middleware: a group or channel the bot is used in is recorded the first time (the bot may
    have been added before it tracked chats, or the `my_chat_member` update was missed)."""

    def __init__(self) -> None:
        self._known: dict[int, str] = {}  # chat id -> title, as recorded

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message) and event.chat.type in GROUP_KINDS and event.chat.id in CHAT_IDS:
            title = event.chat.title or str(event.chat.id)
            if self._known.get(event.chat.id) != title:
                await chats.seen_in(event.chat.id, event.chat.type, title)
                self._known[event.chat.id] = title
        return await handler(event, data)


def rights_text(chat: BotChat) -> str:
    if chat.status not in chats.PRESENT:
        return _("removed")
    if not chat.can_post:
        return _("may not post")
    rights = [_("posts")]
    if chat.can_pin:
        rights.append(_("pins"))
    if chat.can_edit:
        rights.append(_("edits"))
    return ", ".join(rights)


def chat_line(chat: BotChat) -> str:
    extras = []
    if chat.live_on:
        extras.append(_("live board"))
    if chat.daily_at:
        extras.append(_("daily at {time}").format(time=chat.daily_at))
    tail = f" · {', '.join(extras)}" if extras else ""
    return (
        _("{title} (<code>{id}</code>, {kind}, {language}): {rights}").format(
            title=escape(chat.title), id=chat.id, kind=chat.kind, language=chat.language, rights=rights_text(chat)
        )
        + tail
    )


async def list_chats(message: Message) -> None:
    rows = await chats.chats(present_only=False)
    if not rows:
        await message.answer(_("The bot is in no group or channel yet. Add it to one, then send /chats again."))
        return
    lines = [_("<b>Groups and channels</b>")] + [chat_line(chat) for chat in rows]
    shown = fit(lines, 3900)  # within Telegram's length; the ones the bot is still in come first
    if shown < len(lines):
        lines = [*lines[:shown], _("… and {n} more").format(n=len(lines) - shown)]
    await message.answer("\n".join(lines))


async def target_chat(message: Message, args: list[str]) -> tuple[BotChat | None, list[str]]:
    """The chat a command is about: the group it is sent in, or in private the chat id given first."""
    if message.chat.type != ChatType.PRIVATE:
        return await chats.chat(message.chat.id), args
    chat_id = chat_id_in(args[0]) if args else None
    if chat_id is not None:
        return await chats.chat(chat_id), args[1:]
    return None, args


async def chat_language(message: Message, command: CommandObject, user: TelegramUser, i18n: I18n) -> None:
    chat, rest = await target_chat(message, (command.args or "").split())
    if chat is None or len(rest) != 1 or rest[0] not in i18n.available_locales:
        languages = ", ".join(sorted(i18n.available_locales))
        await message.answer(
            _("Usage: /chatlang {languages} in a group, or /chatlang &lt;chat id&gt; {languages} here.").format(
                languages=languages
            )
        )
        return
    await chats.set_language(chat.id, rest[0], user.id)
    await message.answer(_("The bot now posts in {code} in {title}.").format(code=rest[0], title=escape(chat.title)))


def build_router() -> Router:
    router = Router(name="chats")
    router.my_chat_member.register(membership_changed)
    router.message.register(list_chats, Command("chats"), IsAdmin(), F.chat.type == ChatType.PRIVATE)
    router.message.register(chat_language, Command("chatlang"), IsAdmin())
    return router
