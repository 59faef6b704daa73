"""VIP tiers from the all-time wagered figure (thresholds are a setting)."""

from __future__ import annotations

from decimal import Decimal


def vip_tier(all_time: Decimal, tiers: tuple[tuple[str, Decimal], ...]) -> str | None:
    """The highest tier whose threshold `all_time` reaches; None below the first."""
    reached = None
    for name, threshold in tiers:
        if all_time >= threshold:
            reached = name
    return reached
