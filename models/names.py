"""How players' Goated names are shown to people who are not those players: one rule for the public page and
the bot. With NAME_DISPLAY=masked (the default) `LuckyGoat42` reads `Luck***42`, enough for players to find
themselves, not enough to look someone up; a player always reads their own name whole, where only they see it."""

from __future__ import annotations

FULL = "full"


def masked_name(name: str) -> str:
    """`LuckyGoat42` → `Luck***42`, `NightOwl` → `Nigh***wl`, `Alpha` → `Al***`, `Beta` → `B***`."""
    if len(name) <= 4:
        return name[:1] + "***"
    return name[: min(4, len(name) // 2)] + "***" + (name[-2:] if len(name) >= 8 else "")


def public_name(name: str, display: str) -> str:
    """A name as anyone may read it: whole with NAME_DISPLAY=full, masked otherwise."""
    return name if display == FULL else masked_name(name)


def name_for(uid: str, name: str, display: str, own_uid: str | None = None) -> str:
    """Player `uid`'s name as one reader reads it: whole when it is the reader's own account (`own_uid`: the
    player they linked, given only where nobody else reads along), else as the public reads it."""
    return name if own_uid is not None and uid == own_uid else public_name(name, display)
