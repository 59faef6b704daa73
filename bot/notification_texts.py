"""What each kind of notification says, in its reader's language: one renderer per kind. Players' names
follow NAME_DISPLAY as the reader's `Names` say; the results for admins name everyone whole."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any

from aiogram.utils.i18n import gettext as _

from bot import ops_texts
from bot.race_texts import month_name, stale_note
from bot.report_texts import daily_report
from bot.reward_texts import challenge_text, reject_reason
from bot.texts import Names, money
from models.challenges import announced_challenge
from models.notification_kinds import (
    ChallengeNew,
    ChallengeRejected,
    ChallengeWon,
    ChatLost,
    CustomFinalDay,
    CustomOvertaken,
    CustomPaidPlaces,
    CustomRaceCancelled,
    CustomRaceResults,
    CustomRaceWon,
    FinalDay,
    GoalReached,
    LiveReposted,
    MilestoneAnnounced,
    MilestoneReached,
    NewLeader,
    NotificationKind,
    Overtaken,
    PaidPlaces,
    RaceResults,
    RaceWon,
    TokenExpired,
    read_payload,
)
from models.races_custom import custom_results, get_race
from models.results import finished_race, results
from models.tables import Notification
from models.users import accounts_of, player_by_uid

log = logging.getLogger(__name__)

RESULT_LINES = 25


async def race_won(payload: RaceWon, names: Names) -> str:
    return _(
        "🏆 The {month} race is over: you finished <b>#{rank}</b> and won <b>{prize}</b>! An admin will be in touch "
        "about the payout."
    ).format(month=month_name(payload.month), rank=payload.rank, prize=money(payload.prize))


async def race_results(payload: RaceResults, names: Names) -> str | None:
    """For the admins, who pay the prizes: every name whole, with the account and the Telegram user linked."""
    race = await finished_race(payload.month)
    if race is None:
        return None
    lines = [_("🏁 <b>Results of the {month} race</b>").format(month=month_name(race.month))]
    if race.stale:
        lines.append(stale_note(race))
    top = await results(race, RESULT_LINES)
    accounts = await accounts_of([row.player_id for row in top])
    for row in top:
        account = accounts.get(row.player_id)
        who = ""
        if account is not None:
            who = f" · @{escape(account.username)}" if account.username else f" · id {account.user_id}"
        prize = f" → <b>{money(row.prize)}</b>" if row.prize else ""
        lines.append(
            f"{row.rank}. {escape(row.name)} (<code>{escape(row.player_id)}</code>{who}) {money(row.wagered)}{prize}"
        )
    if not top:
        lines.append(_("Nobody wagered during this race."))
    return "\n".join(lines)


async def overtaken(payload: Overtaken, names: Names) -> str:
    return _("📉 You dropped to <b>#{rank}</b> in the race, {gap} behind #{above}. /race").format(
        rank=payload.rank, gap=money(payload.gap), above=payload.rank - 1
    )


async def paid_places(payload: PaidPlaces, names: Names) -> str:
    return _("💰 You are in the paid places: <b>#{rank}</b>, worth {prize} right now. /race").format(
        rank=payload.rank, prize=money(payload.prize)
    )


async def final_day(payload: FinalDay, names: Names) -> str:
    return _("⏳ Less than 24 hours left in the race, and you are <b>#{rank}</b>. /race").format(rank=payload.rank)


async def new_leader(payload: NewLeader, names: Names) -> str:
    """For the announcement groups: the leader's name as the public page shows it."""
    return _("👑 New race leader: <b>{name}</b> with {wagered}!").format(
        name=names.public(payload.name), wagered=money(payload.wagered)
    )


async def challenge_new(payload: ChallengeNew, names: Names) -> str | None:
    challenge = await announced_challenge(payload.challenge_id)
    if challenge is None:
        return None  # closed before the announcement went out
    return _("🆕 <b>New challenge!</b>") + "\n" + challenge_text(challenge) + "\n" + _("Enter with /challenges")


async def challenge_won(payload: ChallengeWon, names: Names) -> str:
    return _(
        "🏆 Your entry in challenge #{id} was approved! Your prize code: <tg-spoiler><code>{code}</code></tg-spoiler>"
    ).format(id=payload.challenge_id, code=escape(payload.code))


async def challenge_rejected(payload: ChallengeRejected, names: Names) -> str:
    return _("Your entry in challenge #{id} was not approved: {reason}.").format(
        id=payload.challenge_id, reason=reject_reason(payload.reason)
    )


async def token_expired(payload: TokenExpired, names: Names) -> str:
    return _(
        "⚠️ Goated refused the API token (expired or revoked), so the leaderboards are not updating. "
        "Set a new GOATED_API_TOKEN and restart the bot; syncing resumes by itself."
    )


async def chat_lost(payload: ChatLost, names: Names) -> str:
    return _(
        "⚠️ The bot was removed from <b>{title}</b> (<code>{id}</code>) or may no longer post there: it stops "
        "posting there. Add it back, or make it an admin again, to resume. /chats"
    ).format(title=escape(payload.title), id=payload.chat_id)


async def live_reposted(payload: LiveReposted, names: Names) -> str:
    return _(
        "ℹ️ The live leaderboard post in <b>{title}</b> (<code>{id}</code>) was deleted, so the bot posted it anew. "
        "Send /liveboard off there to stop it."
    ).format(title=escape(payload.title), id=payload.chat_id)


async def custom_race_won(payload: CustomRaceWon, names: Names) -> str:
    return _(
        "🏆 The race “{title}” is over: you finished <b>#{rank}</b> and won <b>{prize}</b>! An admin will be in touch "
        "about the payout."
    ).format(title=escape(payload.title), rank=payload.rank, prize=money(payload.prize))


async def custom_race_results(payload: CustomRaceResults, names: Names) -> str | None:
    """For the admins, who pay the prizes: every name whole, with the account linked."""
    race = await get_race(payload.race_id)
    if race is None:
        return None
    lines = [_("🏁 <b>Results of the race “{title}”</b> (#{id})").format(title=escape(race.title), id=race.id)]
    if race.start_late:
        lines.append(_("⚠️ Its start was observed late: the figures at its start come from a sync far from it."))
    if race.end_late:
        lines.append(_("⚠️ Its end was observed late: the last sync before its end was long before it."))
    top = await custom_results(race, RESULT_LINES)
    accounts = await accounts_of([row.player_id for row in top])
    for row in top:
        account = accounts.get(row.player_id)
        who = f" · @{escape(account.username)}" if account and account.username else ""
        prize = f" → <b>{money(row.prize)}</b>" if row.prize else ""
        lines.append(
            f"{row.rank}. {escape(row.name)} (<code>{escape(row.player_id)}</code>{who}) {money(row.wagered)}{prize}"
        )
    if not top:
        lines.append(_("Nobody wagered during this race."))
    return "\n".join(lines)


async def custom_race_cancelled(payload: CustomRaceCancelled, names: Names) -> str:
    return _("❌ The race “{title}” (#{id}) was cancelled by the admins.").format(
        title=escape(payload.title), id=payload.race_id
    )


async def milestone_reached(payload: MilestoneReached, names: Names) -> str:
    text = _("🎯 You reached <b>{amount}</b> wagered this month!").format(amount=money(payload.amount))
    if payload.code:
        text += "\n" + _("Your reward code: <tg-spoiler><code>{code}</code></tg-spoiler>").format(
            code=escape(payload.code)
        )
    return text


async def milestone_announced(payload: MilestoneAnnounced, names: Names) -> str | None:
    found = await player_by_uid(payload.uid)
    if found is None:
        return None
    return _("🎯 <b>{name}</b> reached {amount} this month!").format(
        name=names.public(found.name), amount=money(payload.amount)
    )


async def goal_reached(payload: GoalReached, names: Names) -> str:
    return _("🎉 The community reached its goal: <b>{amount}</b> wagered this month!").format(
        amount=money(payload.amount)
    )


async def custom_overtaken(payload: CustomOvertaken, names: Names) -> str:
    return _("📉 You dropped to <b>#{rank}</b> in the race “{title}”, {gap} behind #{above}. /race {id}").format(
        rank=payload.rank,
        title=escape(payload.title),
        gap=money(payload.gap),
        above=payload.rank - 1,
        id=payload.race_id,
    )


async def custom_paid_places(payload: CustomPaidPlaces, names: Names) -> str:
    return _(
        "💰 You are in the paid places of the race “{title}”: <b>#{rank}</b>, worth {prize} right now. /race {id}"
    ).format(title=escape(payload.title), rank=payload.rank, prize=money(payload.prize), id=payload.race_id)


async def custom_final_day(payload: CustomFinalDay, names: Names) -> str:
    return _("⏳ Less than 24 hours left in the race “{title}”, and you are <b>#{rank}</b>. /race {id}").format(
        title=escape(payload.title), rank=payload.rank, id=payload.race_id
    )


# Each renderer takes its kind's payload type and how names read to the reader; None means "nothing to say any
# more" (the row is skipped).
RENDERERS: dict[NotificationKind, Callable[[Any, Names], Awaitable[str | None]]] = {
    NotificationKind.RACE_WON: race_won,
    NotificationKind.RACE_RESULTS: race_results,
    NotificationKind.OVERTAKEN: overtaken,
    NotificationKind.PAID_PLACES: paid_places,
    NotificationKind.FINAL_DAY: final_day,
    NotificationKind.NEW_LEADER: new_leader,
    NotificationKind.CHALLENGE_NEW: challenge_new,
    NotificationKind.CHALLENGE_WON: challenge_won,
    NotificationKind.CHALLENGE_REJECTED: challenge_rejected,
    NotificationKind.TOKEN_EXPIRED: token_expired,
    NotificationKind.TOKEN_REFUSED: ops_texts.token_refused,
    NotificationKind.TOKEN_EXPIRING: ops_texts.token_expiring,
    NotificationKind.OUTAGE: ops_texts.outage,
    NotificationKind.RECOVERED: ops_texts.recovered,
    NotificationKind.DAILY_REPORT: daily_report,
    NotificationKind.CHAT_LOST: chat_lost,
    NotificationKind.LIVE_REPOSTED: live_reposted,
    NotificationKind.CUSTOM_RACE_WON: custom_race_won,
    NotificationKind.CUSTOM_RACE_RESULTS: custom_race_results,
    NotificationKind.CUSTOM_RACE_CANCELLED: custom_race_cancelled,
    NotificationKind.MILESTONE_REACHED: milestone_reached,
    NotificationKind.MILESTONE_ANNOUNCED: milestone_announced,
    NotificationKind.GOAL_REACHED: goal_reached,
    NotificationKind.CUSTOM_OVERTAKEN: custom_overtaken,
    NotificationKind.CUSTOM_PAID_PLACES: custom_paid_places,
    NotificationKind.CUSTOM_FINAL_DAY: custom_final_day,
}


async def render(notification: Notification, names: Names) -> str | None:
    """The message's text, with names as `names` show them; raises on a broken payload."""
    payload = read_payload(notification)
    if payload is None:
        log.error("unknown notification kind %r", notification.kind)
        return None
    return await RENDERERS[payload.kind](payload, names)
