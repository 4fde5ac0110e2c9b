"""The monthly report's Swedish narrative: a pure function of the month's data, no external service.

Amounts follow the sign convention of the tables (net cost negative, deviation = outcome − budget) but the
narrative names the direction in words, "underskott på 50 tkr", so no reader has to interpret a minus sign.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.formatting import balance, count, percent, tkr
from data.periods import add_months, month_label

if TYPE_CHECKING:
    from reports.monthly import MonthlyData


def join_sv(items: list[str]) -> str:
    """'A', 'A och B', 'A, B och C'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def change(before: float, now: float) -> str:
    """'en försämring med 20 tkr', 'en förbättring med 5 tkr' or 'oförändrat' for a forecast deviation."""
    delta = round(now - before)
    if delta == 0:
        return "oförändrat"
    return f"en {'förbättring' if delta > 0 else 'försämring'} med {tkr(abs(delta))}"


def _reporting(data: MonthlyData) -> str:
    committees = data.economy.committees
    reported = [c for c in committees if c.reported]
    text = f"{len(reported)} av {len(committees)} nämnder har rapporterat för {month_label(data.month)}."
    missing = [c.name for c in committees if not c.reported]
    if missing:
        text += f" Ingen rapport har kommit från {join_sv(missing)}."
    return text


def _total(data: MonthlyData) -> str | None:
    total = data.economy.total
    if not total.has_data:
        return None
    forecast = balance(total.forecast_deviation, article=True)
    text = (
        f"Nämnderna som rapporterat prognostiserar tillsammans {forecast} för helåret"
        f" ({percent(abs(total.forecast_deviation_pct or 0), 1)} av årsbudgeten {tkr(total.annual_budget)})."
        f" Hittills i år är utfallet {tkr(total.outcome_ytd)} mot budget {tkr(total.budget_ytd)},"
        f" {balance(total.deviation_ytd, article=True)}"
    )
    if total.deviation_ytd_pct is not None and round(total.deviation_ytd or 0) != 0:
        text += f" ({percent(abs(total.deviation_ytd_pct), 1)})"
    text += "."
    previous = add_months(data.month, -1)
    now = {p.committee_code: p for p in data.history if p.month == data.month}
    before = {p.committee_code: p for p in data.history if p.month == previous and p.committee_code in now}
    if before:
        sum_before = sum(p.forecast_deviation for p in before.values())
        sum_now = sum(now[code].forecast_deviation for code in before)
        text += (
            f" Jämfört med {month_label(previous)} är det {change(sum_before, sum_now)} för de nämnder som"
            f" rapporterat prognos båda månaderna ({len(before)} av {len(now)})."
        )
    return text


def _committees(data: MonthlyData) -> str | None:
    rows = [c for c in data.economy.committees if c.has_data]
    if not rows:
        return None
    previous = add_months(data.month, -1)
    before = {p.committee_code: p.forecast_deviation for p in data.history if p.month == previous}
    deficits = sorted((c for c in rows if round(c.forecast_deviation) < 0), key=lambda c: c.forecast_deviation)
    surpluses = sorted((c for c in rows if round(c.forecast_deviation) > 0), key=lambda c: -c.forecast_deviation)
    if not deficits:
        text = "Ingen nämnd prognostiserar underskott för helåret."
    else:
        parts = []
        for c in deficits:
            part = f"{c.name}, {balance(c.forecast_deviation)} ({percent(abs(c.forecast_deviation_pct or 0), 1)})"
            if c.committee_code in before:
                part += f", {change(before[c.committee_code], c.forecast_deviation)} sedan {month_label(previous)}"
            parts.append(part)
        intro = count(len(deficits), "nämnd prognostiserar", "nämnder prognostiserar")
        text = f"{intro} underskott för helåret: {'; '.join(parts)}."
    if surpluses:
        names = [f"{c.name} ({tkr(c.forecast_deviation)})" for c in surpluses]
        text += f" Överskott prognostiseras av {join_sv(names)}."
    return text


def _worsening(data: MonthlyData) -> str | None:
    flagged = [p for p in data.history if p.month == data.month and p.flagged]
    if not flagged:
        return None
    names = [
        f"{data.names.get(p.committee_code, p.committee_code)} ({count(p.streak, 'månad', 'månader')})" for p in flagged
    ]
    return f"Prognosen har försämrats minst tre månader i rad för {join_sv(names)}."


def _goal_changes(data: MonthlyData) -> str:
    """Goal assessments changed since the previous month's report, saying since when."""
    since = month_label(add_months(data.month, -1))
    if not data.goal_changes:
        return f"Inga målbedömningar har ändrats sedan {since}."
    improved = sum(g.change == "improved" for g in data.goal_changes)
    worsened = sum(g.change == "worsened" for g in data.goal_changes)
    other = len(data.goal_changes) - improved - worsened
    detail = [count(improved, "förbättrad", "förbättrade"), count(worsened, "försämrad", "försämrade")]
    detail += [count(other, "ändrad", "ändrade")] if other else []
    changed = count(len(data.goal_changes), "målbedömning", "målbedömningar")
    return f"{changed} har ändrats sedan {since} ({', '.join(detail)})."


def _follow_up(data: MonthlyData) -> str:
    new = [d for d in data.deviations if d.is_new]
    new_serious = [d for d in new if d.serious]
    serious = [d for d in data.deviations if d.serious]
    text = f"Sedan förra månaden har {count(len(new), 'ny avvikelse', 'nya avvikelser')} rapporterats"
    text += f", varav {len(new_serious)} allvarlig{'' if len(new_serious) == 1 else 'a'}." if new else "."
    text += (
        f" {count(len(serious), 'allvarlig avvikelse är', 'allvarliga avvikelser är')} inte stängd"
        f"{'' if len(serious) == 1 else 'a'}."
    )
    text += " " + _goal_changes(data)
    text += f" {len(data.red_projects)} projekt har rött trafikljus och"
    text += f" {count(len(data.overdue), 'uppdrag är försenat', 'uppdrag är försenade')}."
    return text


def narrative(data: MonthlyData) -> list[str]:
    """The narrative paragraphs, in reading order: reporting, the total, committees, worsening, follow-up."""
    parts = [_reporting(data), _total(data), _committees(data), _worsening(data), _follow_up(data)]
    return [p for p in parts if p]
