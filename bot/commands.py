"""The commands people see, in one table: Telegram's command menu and /help both read it.

Each row is a command in the menu, in the menu's order, with its description there and the /help lines that
explain it and the commands that go with it (/enter and /myentries with /challenges, /unlink with /verify, ...).
The texts are plain: /help escapes its lines, because "<id>" there is a placeholder to type, not a tag.
"""

from __future__ import annotations

from dataclasses import dataclass


def _(message: str) -> str:
    """Marks a text for the catalogs (`make messages`); the menu and /help translate it when they show it."""
    return message


@dataclass(frozen=True)
class CommandText:
    command: str
    menu: str  # its description in Telegram's command menu
    help: tuple[str, ...] = ()  # its lines in /help; none when another command's lines cover it


# Everyone's commands.
PLAYER_COMMANDS = (
    CommandText(
        "race",
        _("Your place in this month's race"),
        (
            _("/race — your place in this month's wager race"),
            _(
                "/race <id> — a weekly or custom race; /milestones — your progress to this month's wager "
                "milestones; /goal — the community's goal"
            ),
        ),
    ),
    CommandText("rules", _("This race's rules"), (_("/rules — this race's rules"),)),
    CommandText("card", _("The race as a picture to share"), (_("/card — the race as a picture to share"),)),
    CommandText("milestones", _("Your progress to this month's milestones")),
    CommandText("stats", _("Your wagers, ranks and VIP tier"), (_("/stats — your wagers, ranks and VIP tier"),)),
    CommandText(
        "leaderboard",
        _("Top 10 of a leaderboard"),
        (_("/leaderboard — top 10 today, this week, this month or all time"),),
    ),
    CommandText("bonus", _("Bonus codes to claim"), (_("/bonus — bonus codes to claim"),)),
    CommandText(
        "challenges",
        _("Open challenges to enter"),
        (_("/challenges — open challenges; /enter <number> <bet link> — enter one; /myentries — your entries"),),
    ),
    CommandText("myentries", _("Your challenge entries")),
    CommandText(
        "verify",
        _("Link your Goated account"),
        (_("/verify — link your Goated account"), _("/unlink — unlink it")),
    ),
    CommandText("play", _("Our Goated referral link"), (_("/play — our Goated referral link"),)),
    CommandText("website", _("The live race page"), (_("/website — the live race page"),)),
    CommandText(
        "notifications",
        _("Choose your race alerts"),
        (_("/notifications — race alerts: overtaken, paid places, last 24 hours"),),
    ),
    CommandText("language", _("Change the language"), (_("/language — change my language"),)),
    CommandText("unlink", _("Unlink your Goated account")),
    CommandText("cancel", _("Stop what you are doing"), (_("/cancel — stop what you are doing"),)),
    CommandText("help", _("What I can do")),
    CommandText("start", _("Welcome and main menu")),
)


# The commands only admins have.
ADMIN_COMMANDS = (
    CommandText(
        "pending",
        _("Admin: open link requests"),
        (_("/pending — open link requests, with bulk approve; /review <id> — one request's card"),),
    ),
    CommandText(
        "user",
        _("Admin: look up a user"),
        (_("/user <id | @username | Goated name> — a user's card: unlink, ban, unban, message"),),
    ),
    CommandText(
        "raceconfig",
        _("Admin: race prizes and exclusions"),
        (
            _("/raceconfig — race prizes, exclusions and their history; /setprizes — change prizes in one line"),
            _("/exclude <name> <reason> and /include <name> — leave a player out of this race, or undo it"),
        ),
    ),
    CommandText(
        "setrules",
        _("Admin: the race's rules"),
        (_("/setrules <text> — the race's rules (/setrules next <text> for the next race, /setrules clear)"),),
    ),
    CommandText(
        "newrace",
        _("Admin: a weekly or custom race"),
        (
            _(
                "/newrace <title> | <start> | <end> | <pool> | <percent #1> <#2> … — a race beside the monthly one "
                "(weekly instead of the dates: it repeats each week); /races — running and upcoming; "
                "/cancelrace <id>"
            ),
            _(
                "/milestones 1000 5000 … — this month's wager milestones; /milestones reward 5000 CODE1 CODE2 … — "
                "their reward codes; /goal 2500000 — the community's goal"
            ),
        ),
    ),
    CommandText("races", _("Admin: running and upcoming races")),
    CommandText(
        "broadcast",
        _("Admin: message many users"),
        (_("/broadcast — message linked players, everyone, or the race's top players"),),
    ),
    CommandText(
        "chats",
        _("Admin: the bot's groups and channels"),
        (
            _(
                "/chats — the groups and channels the bot is in; /post — announce in some or all of them; "
                "/liveboard — a live leaderboard post (in a group, or /liveboard <chat id> for a channel; off stops "
                "it); /schedule — daily standings, results, new race; /chatlang — a chat's language; "
                "/card — the race as a picture"
            ),
        ),
    ),
    CommandText("post", _("Admin: announce in groups and channels")),
    CommandText(
        "codes",
        _("Admin: bonus codes and their claims"),
        (
            _(
                "/newcode — create a bonus code (guided, or /newcode CODE | gives | claims | expiry | min wager); "
                "/codes — codes and claims"
            ),
        ),
    ),
    CommandText("newcode", _("Admin: create a bonus code")),
    CommandText(
        "newchallenge",
        _("Admin: create a challenge"),
        (_("/newchallenge — create a challenge; /entries — entries to approve or reject; /closechallenge <number>"),),
    ),
    CommandText("entries", _("Admin: challenge entries to decide")),
    CommandText(
        "stats",
        _("Admin: community figures"),
        (_("/stats — community figures (/stats me for your own); /sync — sync with Goated now"),),
    ),
    CommandText("sync", _("Admin: sync with Goated now")),
    CommandText(
        "audit",
        _("Admin: latest admin actions"),
        (_("/audit [n] — the latest admin actions; /admins — who the admins are"),),
    ),
    CommandText("admins", _("Admin: who the admins are")),
    CommandText(
        "report",
        _("Admin: the month's business report"),
        (
            _(
                "/report [YYYY-MM] — a month's wagers against the month before, active and new players, top movers, "
                "the race's cost per $1,000 and the month-end projection, with a chart; /trend — the last 12 months"
            ),
        ),
    ),
    CommandText("trend", _("Admin: the last 12 months as a chart")),
    CommandText(
        "export",
        _("Admin: export data as CSV"),
        (_("/export payouts [race] · /export players · /export claims · /export audit [days] — CSV files"),),
    ),
    CommandText(
        "link",
        _("Owner: link a user to an account"),
        (_("/link <id | @username> <Goated name> — owners: link a user to an account by hand (support cases)"),),
    ),
    CommandText(
        "status",
        _("Admin: is everything working"),
        (_("/status — syncs, the Goated token, the webhook, queues and replicas, with a refresh button"),),
    ),
    CommandText(
        "token",
        _("Owner: set the Goated API token"),
        (_("/token <token> — owners: set the Goated API token (the message is deleted); /token clear"),),
    ),
)
