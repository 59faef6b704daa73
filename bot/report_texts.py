"""What /report, /trend and the owners' daily summary say, in the reader's language, and the charts' texts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

from aiogram.utils.i18n import gettext as _
from babel.dates import format_date
from babel.numbers import format_percent

from bot.charts import MonthChart, TrendChart
from bot.race_texts import month_name
from bot.texts import current_locale, day_text, money, number, when
from models import clock
from models.notification_kinds import DailyReport
from models.race import race_at
from models.reports import MonthReport, Mover, Projection, TrendMonth, change_ratio, month_report

CAPTION_LIMIT = 1024  # Telegram's limit for a photo's caption (visible characters)


def change_text(now: Decimal, before: Decimal | None) -> str:
    """ "+12.5%" / "−3%" against `before`; "" when there is nothing to compare with."""
    ratio = change_ratio(now, before)
    if ratio is None:
        return ""
    return format_percent(ratio, "+#,##0.#%;-#,##0.#%", locale=current_locale())


def count_change(now: int, before: int | None) -> str:
    if before is None:
        return ""
    return f"{now - before:+d}"


def short_month(month: str) -> str:
    """ "2026-11" -> "Nov 2026" in the reader's language (the trend chart's axis)."""
    year, number_ = (int(part) for part in month.split("-"))
    return format_date(date(year, number_, 1), "LLL y", locale=current_locale())


def _mover_line(mover: Mover) -> str:
    arrow = "▲" if mover.change > 0 else "▼"
    sign = "+" if mover.change > 0 else "−"
    return f"{arrow} {escape(mover.name)} {sign}{money(abs(mover.change))} ({money(mover.now)})"


def wagered_lines(report: MonthReport) -> list[str]:
    figures, before = report.figures, report.previous
    line = _("💰 Wagered: <b>{total}</b>").format(total=money(figures.total))
    change = change_text(figures.total, before.total if before else None)
    if change and report.in_progress:
        line += " " + _("({change} against {before} at the same point of {month})").format(
            change=change, before=money(before.total if before else Decimal(0)), month=month_name(report.previous_month)
        )
    elif change:
        line += " " + _("({change} against {before} in {month})").format(
            change=change, before=money(before.total if before else Decimal(0)), month=month_name(report.previous_month)
        )
    players = _("👥 Active players: <b>{active}</b>").format(active=figures.active)
    if before is not None:
        players += " " + _("({change} against {month})").format(
            change=count_change(figures.active, before.active), month=month_name(report.previous_month)
        )
    return [line, players, _("🆕 New referrals: <b>{count}</b>").format(count=figures.new_referrals)]


def player_lines(report: MonthReport) -> list[str]:
    lines = []
    if report.previous_full is not None:
        lines.append(
            _("💤 Active in {month}, not this month: <b>{count}</b>").format(
                month=month_name(report.previous_month), count=report.lapsed
            )
        )
        lines += [f"  {escape(m.name)} ({money(m.before)})" for m in report.lapsed_top[:3]]
    if report.risers or report.fallers:
        lines.append(_("📊 Top movers against {month}:").format(month=month_name(report.previous_month)))
        lines += ["  " + _mover_line(m) for m in report.risers[:3] + report.fallers[:2]]
    return lines


def prize_lines(report: MonthReport) -> list[str]:
    if report.prizes_paid:
        prizes = _("🏁 Race prizes paid: <b>{prizes}</b>").format(prizes=money(report.prizes))
    else:
        prizes = _("🏁 Race prize pool: <b>{prizes}</b>").format(prizes=money(report.prizes))
    cost = report.cost_per_thousand
    if cost is not None:
        prizes += " · " + _("{cost} per $1,000 wagered").format(cost=money(cost))
    lines = [prizes]
    if report.projection is not None:
        lines.append(projection_line(report))
    return lines


def projection_line(report: MonthReport) -> str:
    assert report.projection is not None
    if report.projection_method == Projection.RECENT_DAYS:
        method = _("so far plus the average of the last {days} full days for each day left").format(
            days=report.projection_days
        )
    else:
        method = _("the rate so far over the whole month")
    line = _("🔮 Projected month end: <b>{amount}</b> ({method})").format(
        amount=money(report.projection), method=method
    )
    cost = report.projected_cost_per_thousand
    if cost is not None:
        line += "; " + _("prizes then {cost} per $1,000").format(cost=money(cost))
    return line


def report_text(report: MonthReport) -> str:
    if report.in_progress:
        title = _("📈 <b>Report for {month}</b> (so far, as of {moment})").format(
            month=month_name(report.month), moment=when(clock.now())
        )
    else:
        title = _("📈 <b>Report for {month}</b>").format(month=month_name(report.month))
    return "\n".join([title, *wagered_lines(report), *player_lines(report), *prize_lines(report)])


def month_chart(report: MonthReport) -> MonthChart:
    return MonthChart(
        title=_("Wagered in {month}").format(month=month_name(report.month)),
        per_day_title=_("Wagered per day"),
        cumulative_title=_("Wagered so far in the month"),
        this_label=month_name(report.month),
        last_label=month_name(report.previous_month),
        day_label=_("Day of the month"),
        this_days=report.figures.per_day,
        last_days=report.previous_full.per_day if report.previous_full else [],
        days_in_month=report.days_in_month,
        projection=report.projection,
        projection_label=_("Projection"),
    )


def trend_chart(months: list[TrendMonth]) -> TrendChart:
    return TrendChart(
        title=_("The last {count} months").format(count=len(months)),
        months=[short_month(m.month) for m in months],
        totals=[m.total for m in months],
        active=[m.active for m in months],
        total_label=_("Wagered"),
        active_label=_("Active players"),
    )


def trend_text(months: list[TrendMonth]) -> str:
    lines = [_("📅 <b>The last {count} months</b>").format(count=len(months))]
    for m in reversed(months):
        if m.total is None:
            lines.append(_("{month}: no data").format(month=month_name(m.month)))
        else:
            lines.append(
                _("{month}: {total} · {active} active").format(
                    month=month_name(m.month), total=money(m.total), active=number(Decimal(m.active or 0))
                )
            )
    return "\n".join(lines)


async def daily_report(payload: DailyReport, names: object) -> str | None:
    """The owners' daily summary: yesterday's wagers and the month so far, read when it is written."""
    now = clock.now()
    month = race_at(now, payload.timezone).month
    report = await month_report(month, payload.timezone, now)
    if report is None:
        return None
    per_day = report.figures.per_day
    if len(per_day) >= 2:
        yesterday: Decimal | None = per_day[-2]
    else:  # the 1st: yesterday was the last day of the month before
        yesterday = report.previous_full.per_day[-1] if report.previous_full and report.previous_full.per_day else None
    lines = [_("☀️ <b>Daily summary</b>, {day}").format(day=day_text(date.fromisoformat(payload.day)))]
    if yesterday is not None:
        lines.append(_("Yesterday: <b>{amount}</b> wagered").format(amount=money(yesterday)))
    lines += wagered_lines(report)
    if report.projection is not None:
        lines.append(projection_line(report))
    lines.append(_("More: /report"))
    return "\n".join(lines)
