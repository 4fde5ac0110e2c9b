"""The project portfolio: each project as of a month, the flags a reader expects, and a project's story.

A project's row comes from the latest non-superseded submission whose period ends by the chosen month
(docs/DEVELOPING.md, "as of month M"). Its history is its row in every such submission, by report date.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from data import settings
from data.db import query_rows
from data.formatting import count, iso_date, percent, tkr
from data.periods import as_of_day, month_end
from data.provenance import Scope
from data.vocabulary import DECISION_POINT, LIGHT, PHASE, PROJECT_FLAG

# Fewer reports than this and a project's development is told in words, not drawn as a line.
MIN_HISTORY_REPORTS = 3
# The rule behind "Projekt med rött ljus", in words for /projekt and /begrepp (Project.red_light is the code).
RED_LIGHT_RULE = (
    "Ett projekt har rött ljus när tid, kostnad eller leverans är röd, i varje fas (även Avslut), "
    "tills beslutspunkt BP4 (projektet får avslutas) är fattad."
)
RED_LIGHT = "rott-ljus"  # /projekt?flagga= value choosing exactly the projects with a red light
# Decision points in order; execution needs BP2 ("the plan leads to the goal") passed first.
_DP_ORDER = {code: i for i, code in enumerate(DECISION_POINT.codes)}


@dataclass(frozen=True)
class Flag:
    """A reason to look at a project: a PROJECT_FLAG code and a Swedish sentence about this project."""

    code: str
    text: str

    @property
    def label(self) -> str:
        """Short Swedish name of the flag."""
        return PROJECT_FLAG.label(self.code)


@dataclass(frozen=True)
class Project:
    """One project as one submission reported it (money in tkr, positive)."""

    project_id: str
    name: str
    owner: str
    owner_name: str
    sponsor_role: str | None
    manager_role: str | None
    phase: str
    decision_point: str | None
    decision_date: date | None
    light_time: str
    light_cost: str
    light_delivery: str
    budget: float
    cost_to_date: float
    start_date: date
    planned_end: date
    forecast_end: date
    external_funding: float | None
    funder: str | None
    last_status_report: date | None
    final_report: str | None
    report_date: date
    period: str
    committee_code: str
    flags: tuple[Flag, ...] = field(default=())

    @property
    def cost_share(self) -> float | None:
        """Cost to date as a percentage of budget; None without a budget."""
        return self.cost_to_date / self.budget * 100 if self.budget else None

    @property
    def slip_days(self) -> int:
        """Days the forecast end lies after the planned end (negative: earlier)."""
        return (self.forecast_end - self.planned_end).days

    @property
    def lights(self) -> tuple[str, str, str]:
        """Time, cost and delivery lights."""
        return (self.light_time, self.light_cost, self.light_delivery)

    @property
    def red_light(self) -> bool:
        """A red light for time, cost or delivery, in any phase including closure, until BP4 is decided."""
        return "red" in self.lights and self.decision_point != "BP4"

    @property
    def trouble(self) -> tuple[int, int, int]:
        """Sort key, most troubled first when sorted descending: red lights, yellow lights, flags."""
        return (
            sum(light == "red" for light in self.lights),
            sum(light == "yellow" for light in self.lights),
            len(self.flags),
        )


def project_flags(p: Project, on: date, max_days: int) -> tuple[Flag, ...]:
    """Every flag that applies to a project on a given day, each with its Swedish explanation."""
    flags = []
    # Status reports belong to execution in the project model; earlier phases have a directive or a plan.
    if p.phase == "execution":
        since = p.last_status_report or p.start_date
        days = (on - since).days
        if days > max_days:
            last = (
                f"Senaste statusrapporten är från {iso_date(since)}"
                if p.last_status_report
                else f"Ingen statusrapport är lämnad sedan start {iso_date(since)}"
            )
            rule = f"Ett projekt i genomförande ska lämna statusrapport minst var {max_days}:e dag."
            flags.append(Flag("status_report_missing", f"{last}, {count(days, 'dag', 'dagar')} sedan. {rule}"))
    if p.slip_days > 0:
        flags.append(
            Flag(
                "forecast_late",
                f"Prognosen för slutdatum ({iso_date(p.forecast_end)}) ligger "
                f"{count(p.slip_days, 'dag', 'dagar')} efter planerat slut ({iso_date(p.planned_end)}).",
            )
        )
    if p.cost_to_date > p.budget:
        share = f", {percent(p.cost_share)} av budget" if p.cost_share is not None else ""
        flags.append(
            Flag(
                "over_budget",
                f"Kostnaden hittills, {tkr(p.cost_to_date)}, är {tkr(p.cost_to_date - p.budget)} över budget "
                f"({tkr(p.budget)}{share}).",
            )
        )
    if p.phase == "execution" and _DP_ORDER.get(p.decision_point or "", -1) < _DP_ORDER["BP2"]:
        passed = f"senaste beslutspunkt är {p.decision_point}" if p.decision_point else "ingen beslutspunkt är passerad"
        flags.append(
            Flag(
                "execution_without_bp2",
                f"Projektet är i genomförande men {passed}. BP2 (projektplanen leder till målet) "
                "ska vara beslutad innan genomförandet börjar.",
            )
        )
    # A project is closed when BP4 ("the project may close") is passed; the final report is what BP4 rests on.
    if p.decision_point == "BP4" and p.final_report != "yes":
        flags.append(
            Flag(
                "closed_without_final_report",
                f"Projektet är avslutat (BP4 beslutad {iso_date(p.decision_date)}) men har ingen slutrapport. "
                "Slutrapporten visar vad projektet levererade och är underlaget för BP4.",
            )
        )
    return tuple(flags)


def _project(row: tuple) -> Project:
    # data/sql/projects_as_of.sql selects the columns in the order of Project's fields.
    return Project(*row)


def _rows(municipality: str, month: str, committee: str | None = None, project_id: str | None = None) -> list[tuple]:
    """data/sql/projects_as_of.sql to the end of the month: the portfolio, or with project_id one project's story."""
    return query_rows(
        "projects_as_of", municipality=municipality, as_of=month_end(month), committee=committee, project_id=project_id
    )


def portfolio(municipality: str, month: str, committee: str | None = None, today: date | None = None) -> list[Project]:
    """Every project of a municipality as of a month (optionally one owner committee), flags included."""
    on = as_of_day(month, today)
    max_days = settings.status_report_max_days()
    rows = _rows(municipality, month, committee=committee)
    projects = [_project(row[:-1]) for row in rows]
    return [replace(p, flags=project_flags(p, on, max_days)) for p in projects]


def history(municipality: str, project_id: str, month: str) -> list[Project]:
    """A project's row in each submission up to the end of a month, in report order."""
    return story(municipality, project_id, month)[1]


def story(
    municipality: str, project_id: str, month: str, today: date | None = None
) -> tuple[Project | None, list[Project]]:
    """(the project as of a month with its flags, or None; its row in each submission in report order)."""
    rows = _rows(municipality, month, project_id=project_id)
    reports = [_project(row[:-1]) for row in rows]
    current = next((r for r, row in zip(reports, rows, strict=True) if row[-1]), None)
    if current is not None:
        current = replace(
            current, flags=project_flags(current, as_of_day(month, today), settings.status_report_max_days())
        )
    return current, reports


@dataclass(frozen=True)
class Event:
    """Something that changed in a project's story, dated and told in Swedish."""

    day: date
    text: str


def events(reports: list[Project]) -> list[Event]:
    """Phase transitions, decision points and moves of the forecast end, report by report."""
    out: list[Event] = []
    previous: Project | None = None
    for r in reports:
        if previous is None:
            out.append(
                Event(
                    r.report_date,
                    f"Första rapporten: fas {PHASE.label(r.phase)}"
                    + (f", senaste beslutspunkt {r.decision_point}" if r.decision_point else ", ingen beslutspunkt")
                    + f", prognos slut {iso_date(r.forecast_end)}.",
                )
            )
        else:
            if r.decision_point and r.decision_point != previous.decision_point:
                out.append(Event(r.decision_date or r.report_date, f"{r.decision_point} beslutad."))
            if r.phase != previous.phase:
                out.append(
                    Event(
                        r.report_date,
                        f"Fas ändrad från {PHASE.label(previous.phase)} till {PHASE.label(r.phase)}.",
                    )
                )
            if r.forecast_end != previous.forecast_end:
                moved = (r.forecast_end - previous.forecast_end).days
                direction = "senare" if moved > 0 else "tidigare"
                out.append(
                    Event(
                        r.report_date,
                        f"Prognos slut flyttad från {iso_date(previous.forecast_end)} till "
                        f"{iso_date(r.forecast_end)} ({count(abs(moved), 'dag', 'dagar')} {direction}).",
                    )
                )
            for name, before, after in zip(("Tid", "Kostnad", "Leverans"), previous.lights, r.lights, strict=True):
                if before != after:
                    out.append(
                        Event(
                            r.report_date, f"Trafikljus {name.lower()}: {LIGHT.label(before)} → {LIGHT.label(after)}."
                        )
                    )
        previous = r
    # A decision point is dated by its decision, which may precede the report that tells of it.
    return sorted(out, key=lambda e: e.day)


def thin_history_text(count: int) -> str | None:
    """The Swedish sentence shown instead of a line when there are too few reports; None when enough."""
    if count >= MIN_HISTORY_REPORTS:
        return None
    if count == 0:
        return "Projektet finns inte i någon rapport till och med vald period."
    reports = "en rapport" if count == 1 else f"{count} rapporter"
    return (
        f"Projektet finns bara i {reports} hittills. En utveckling visas som linje först från "
        f"{MIN_HISTORY_REPORTS} rapporter."
    )


ANY_FLAG = "alla"


def select(projects: list[Project], phase: str | None = None, flag: str | None = None) -> list[Project]:
    """Projects in one phase and/or with one flag (ANY_FLAG: any flag, RED_LIGHT: a red light); None: no filter."""
    chosen = [p for p in projects if phase is None or p.phase == phase]
    if flag == RED_LIGHT:
        return [p for p in chosen if p.red_light]
    if flag == ANY_FLAG:
        return [p for p in chosen if p.flags]
    if flag:
        return [p for p in chosen if any(f.code == flag for f in p.flags)]
    return chosen


def flag_definitions(max_days: int | None = None) -> list[tuple[str, str]]:
    """(label, what it means) for every flag, in Swedish, for the page's explanation."""
    days = settings.status_report_max_days() if max_days is None else max_days
    meaning = {
        "status_report_missing": f"Projektet är i genomförande och har inte lämnat statusrapport på {days} dagar.",
        "forecast_late": "Prognosen för slutdatum ligger efter det planerade slutdatumet.",
        "over_budget": "Kostnaden hittills är större än projektets budget.",
        "execution_without_bp2": "Projektet är i genomförande men BP2 (planen leder till målet) är inte beslutad.",
        "closed_without_final_report": "Projektet är avslutat (BP4 beslutad) men slutrapport saknas.",
    }
    return [(PROJECT_FLAG.label(code), meaning[code]) for code in PROJECT_FLAG.codes]


def source_scope(municipality: str | None, month: str | None, project_id: str | None, section=None) -> Scope:
    """What a project page's 'Källa' covers: the reports of that one project up to the month."""
    return Scope(municipality, month, project=project_id or None)
