"""The live leaderboard post: `/liveboard` (a bot admin, in a group; or `/liveboard <chat id>` in private for a
channel) posts the race's standings there, pins them when the bot may, and after every sync whose standings
changed edits that same message, through the one sender. The message id is stored, so a restart or another
replica carries on with it; only the leader edits (the race job calls `refresh_all`). A deleted post is posted
anew (the admins are told); at the race's end the post shows the final results and a new one starts, pinned in
its place."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from html import escape

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.card import Board, final_board, live_board
from bot.chats import target_chat
from bot.filters import IsAdmin
from bot.notification_delivery import Notifier
from bot.posting import REMOVED, refused
from bot.race_texts import month_name
from bot.sender import Outcome, Sender
from bot.texts import board_lines, money, time_left
from models import chats, clock
from models.leaderboard import Leaderboards
from models.notification_kinds import LiveReposted
from models.race import race_at
from models.tables import BotChat, TelegramUser
from settings import Settings

log = logging.getLogger(__name__)

GONE = ("message to edit not found", "message can't be edited", "MESSAGE_ID_INVALID")


def board_text(board: Board, settings: Settings) -> str:
    """The post's text in the current language."""
    month = month_name(board.month)
    if board.final:
        lines = [_("🏁 <b>{month} race — final results</b>").format(month=month)]
    else:
        lines = [
            _("🏁 <b>{month} wager race</b> · live").format(month=month),
            _("Ends in {left}").format(left=time_left((board.ends_at - clock.now()).total_seconds())),
        ]
    lines.append("")
    shown = board_lines(board.rows, [escape(r.name) for r in board.rows])
    lines += [f"{line} · {money(r.prize)}" if r.prize else line for line, r in zip(shown, board.rows, strict=True)]
    if not board.rows:
        lines.append(_("Nobody has wagered yet this month."))
    lines += ["", _("Prize pool: {pool}").format(pool=money(board.pool))]
    if settings.public_url:
        lines.append(_('<a href="{url}">Live standings on the page</a>').format(url=escape(settings.public_url)))
    if board.demo:
        lines.append("<i>" + _("Demo data") + "</i>")
    return "\n".join(lines)


def digest(board: Board, language: str) -> str:
    return hashlib.sha256(f"{language}|{board.key()}".encode()).hexdigest()


class LiveBoards:
    def __init__(
        self, sender: Sender, i18n: I18n, leaderboards: Leaderboards, settings: Settings, notifier: Notifier
    ) -> None:
        self.sender, self.i18n, self.leaderboards, self.settings = sender, i18n, leaderboards, settings
        self.notifier = notifier
        self._lock = asyncio.Lock()  # one round at a time: a post is never made twice by this process

    async def refresh_all(self) -> None:
        """After a sync and on the race job's tick (the leader's): each live post brought up to date."""
        async with self._lock:
            for chat in await chats.live_chats():
                try:
                    await self._refresh(chat)
                except Exception:  # one chat's trouble must not stop the others
                    log.exception("could not refresh the live post in chat %d", chat.id)

    async def refresh_chat(self, chat_id: int) -> bool:
        """Post (or bring up to date) one chat's live post now; False when the bot could not post there."""
        async with self._lock:
            chat = await chats.chat(chat_id)
            if chat is None or not chat.live_on:
                return False
            return await self._refresh(chat)

    async def _refresh(self, chat: BotChat) -> bool:
        month = race_at(clock.now(), self.settings.race_timezone).month
        if chat.live_message_id is None or chat.live_month is None:
            return await self._post(chat)
        if chat.live_month != month:  # the race has ended: its final results, then a post for the next race
            final = await final_board(chat.live_month, self.settings)
            if final is None:
                return True  # not finalised yet: the post keeps the ended race's standings a little longer
            await self._edit(chat, final, repost=False)
            ended_post = chat.live_message_id
            if not await self._post(chat):
                return False
            if chat.can_pin:  # the new race's post is pinned now: the old one would stay pinned for ever
                await self.sender.deliver(
                    chat.id, lambda: self.sender.bot.unpin_chat_message(chat.id, message_id=ended_post)
                )
            return True
        return await self._edit(chat, await live_board(self.leaderboards, self.settings), repost=True)

    def _text(self, chat: BotChat, board: Board) -> str:
        with self.i18n.context(), self.i18n.use_locale(chat.language):
            return board_text(board, self.settings)

    async def _edit(self, chat: BotChat, board: Board, repost: bool) -> bool:
        seen = digest(board, chat.language)
        if seen == chat.live_digest:
            return True  # nothing changed since the last edit: no call to Telegram
        text, message_id = self._text(chat, board), chat.live_message_id
        delivery = await self.sender.deliver(
            chat.id, lambda: self.sender.bot.edit_message_text(text, chat_id=chat.id, message_id=message_id)
        )
        error = delivery.error or ""
        if delivery.outcome == Outcome.SENT or "not modified" in error:
            await chats.set_live_digest(chat.id, seen)
            return True
        if await self._lost(chat, error):
            return False
        if repost and any(gone in error for gone in GONE):
            log.warning("the live post in chat %d is gone (%s): posting it anew", chat.id, error)
            return await self._post(chat, reposted=True)
        return False

    async def _lost(self, chat: BotChat, error: str) -> bool:
        """Telegram says the bot is no longer in the chat, or may not post: it stops posting there, admins told."""
        if not any(word in error for word in REMOVED):
            return False
        if await refused(chat.id, error):
            self.notifier.deliver_soon()
        return True

    async def _post(self, chat: BotChat, reposted: bool = False) -> bool:
        board = await live_board(self.leaderboards, self.settings)
        delivery = await self.sender.send_message(chat.id, self._text(chat, board))
        if delivery.message is None:
            await self._lost(chat, delivery.error or "")
            return False
        message_id = delivery.message.message_id
        await chats.set_live_post(chat.id, board.month, message_id, digest(board, chat.language), reposted)
        if chat.can_pin:
            await self.sender.deliver(
                chat.id,
                lambda: self.sender.bot.pin_chat_message(chat.id, message_id, disable_notification=True),
            )
        if reposted:
            await chats.owe_admins(f"live:{chat.id}:reposted:{message_id}", LiveReposted(chat.id, chat.title))
            self.notifier.deliver_soon()
        return True


async def liveboard(message: Message, command: CommandObject, user: TelegramUser, liveboards: LiveBoards) -> None:
    chat, rest = await target_chat(message, (command.args or "").split())
    if chat is None:
        await message.answer(
            _(
                "Usage: /liveboard in a group (/liveboard off stops it), "
                "or /liveboard &lt;chat id&gt; here for a channel."
            )
        )
        return
    if rest and rest[0].lower() == "off":
        stopped = await chats.set_live(chat.id, False, user.id)
        await message.answer(
            _("The live leaderboard in {title} is off.").format(title=escape(chat.title))
            if stopped
            else _("There is no live leaderboard in {title}.").format(title=escape(chat.title))
        )
        return
    if not chat.can_post or chat.status not in chats.PRESENT:
        await message.answer(_("The bot may not post in {title}.").format(title=escape(chat.title)))
        return
    await chats.set_live(chat.id, True, user.id)
    posted = await liveboards.refresh_chat(chat.id)
    if message.chat.type == ChatType.PRIVATE or not posted:
        await message.answer(
            _("The live leaderboard is posted in {title}; it is edited after every sync.").format(
                title=escape(chat.title)
            )
            if posted
            else _("Could not post in {title}; check the bot's rights there (/chats).").format(title=escape(chat.title))
        )


def build_router() -> Router:
    router = Router(name="liveboard")
    router.message.register(liveboard, Command("liveboard"), IsAdmin(), F.chat.type != ChatType.CHANNEL)
    return router
