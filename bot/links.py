"""/play (the affiliate link) and /website (the public page)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from settings import Settings


def link_keyboard(text: str, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=text, url=url)]])


async def play(message: Message, settings: Settings) -> None:
    if not settings.affiliate_url:
        await message.answer(_("The referral link is not set up yet. Ask an admin."))
        return
    await message.answer(
        _("🎰 Play on Goated with our referral link to join the races:"),
        reply_markup=link_keyboard(_("Open Goated"), settings.affiliate_url),
    )


async def website(message: Message, settings: Settings) -> None:
    if not settings.public_url:
        await message.answer(_("The race page is not published yet."))
        return
    await message.answer(
        _("🌐 The live race page:"), reply_markup=link_keyboard(_("Open the race page"), settings.public_url)
    )


def build_router() -> Router:
    router = Router(name="links")
    router.message.register(play, Command("play"))
    router.message.register(website, Command("website"))
    return router
