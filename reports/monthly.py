"""The municipal director's monthly follow-up: collect the month's data, lay it out, render, archive.

`generate(kommun, month, fmt)` is what the command line and the Ekonomi page call. Every generated report is
archived under `data.settings.report_archive_dir()` as it was handed out, next to a JSON sidecar naming the data
version (the warehouse's publish time and a digest of the submission ids the report was made from), and listed
in `index.jsonl` there, so the board's papers can be found again unchanged after later corrections. Names carry
the time to the microsecond and a content hash; files are written atomically and the index is appended under
an exclusive lock, so simultaneous reports never overwrite or lose one another.
"""

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from data import assignments, db, deviations, economy, goals, meta, projects, settings, versions
from data.deviations import Deviation
from data.durable import append_line, write_atomic
from data.formatting import count as count_text
from data.formatting import iso_date, number, percent
from data.periods import add_months, as_of_day, month_label, parse_period
from data.vocabulary import ASSESSMENT, DEVIATION_STATUS, DEVIATION_TYPE, PHASE, SEVERITY
from reports import charts
from reports.document import Document, Heading, Image, Paragraph, Table
from reports.formats import FORMATS
from reports.narrative import narrative
from ui.economy import forecast_history_figure
from ui.figures import light_text
from ui.links import query_string

SIGN_CONVENTION = (
    "Belopp i tkr. Nettokostnader skrivs som negativa tal. Avvikelse = utfall − budget och prognosavvikelse = "
    "helårsprognos − årsbudget: negativ avvikelse (−) är underskott, positiv (+) är överskott."
)
SERIOUS = "⚠ Allvarlig"


@dataclass(frozen=True)
class MonthlyData:
    """Everything the report says about one municipality and month, read from data/*."""

    municipality: str
    month: str
    version: economy.DataVersion
    economy: economy.EconomyTable
    history: list[economy.ForecastPoint]
    deviations: list[Deviation]  # new since last month or serious (high, not closed); serious first
    all_deviations: list[Deviation]
    goal_changes: list[goals.Goal]
    red_projects: list[projects.Project]
    overdue: list[assignments.Assignment]
    as_of: date
    version_id: str | None = None  # the data version (data/versions.py) the report was read from

    @property
    def as_of_url(self) -> str | None:
        """Where the dashboard shows this month as it was at the report's data version."""
        if not self.version_id:
            return None
        query = query_string(kommun=self.municipality, period=self.month, version=self.version_id)
        return f"{settings.public_url()}/ekonomi{query}"

    @property
    def names(self) -> dict[str, str]:
        """Committee code -> name."""
        return {c.committee_code: c.name for c in self.economy.committees}


@dataclass(frozen=True)
class GeneratedReport:
    """A rendered report: its file name and bytes, where it was archived and the data version it came from."""

    file_name: str
    content: bytes
    archived: Path | None
    version: economy.DataVersion
    created_at: datetime
    version_id: str | None = None
    as_of_url: str | None = None


def collect(municipality: str, month: str, today: date | None = None) -> MonthlyData:
    """Read the month's economy, deviations, goal changes, red projects and overdue assignments."""
    as_of = as_of_day(month, today)
    every = deviations.deviations(municipality, month, as_of=as_of)
    red = [p for p in projects.portfolio(municipality, month, today=as_of) if p.red_light]
    return MonthlyData(
        municipality=municipality,
        month=month,
        version=economy.data_version(municipality, month),
        economy=economy.economy_table(municipality, month),
        history=economy.forecast_history(municipality, month),
        deviations=[d for d in every if d.is_new or d.serious],
        all_deviations=every,
        goal_changes=goals.changed_since_previous_month(municipality, month),
        red_projects=red,
        overdue=[a for a in assignments.assignments(municipality, as_of) if a.state == "overdue"],
        as_of=as_of,
        version_id=shown.version_id if (shown := versions.shown()) else None,
    )


def stamp(data: MonthlyData, created_at: datetime) -> tuple[str, ...]:
    """What every page carries: municipality, month, when the data was loaded, when the report was made, and the
    data version."""
    return (
        f"{data.version.municipality} ({data.municipality})",
        month_label(data.month),
        f"Data inläst {iso_date(data.version.loaded_at)}",
        f"Rapport skapad {iso_date(created_at)}",
        *([f"Dataversion: {data.version_id}"] if data.version_id else []),
    )


def _money(value: float | None, signed: bool = False) -> str:
    return number(value, signed=signed)


def _pct(value: float | None) -> str:
    return percent(value, 1, signed=True)


def summary_table(data: MonthlyData) -> Table:
    """One row per committee: reported or not, forecast deviation and the counts the director follows up."""

    def count(items, code_of, code) -> int:
        return sum(code_of(item) == code for item in items)

    rows = []
    for c in data.economy.committees:
        code = c.committee_code
        open_ = [d for d in data.all_deviations if d.committee_code == code and d.status != "closed"]
        rows.append(
            (
                c.name,
                "Ja" if c.reported else "Ingen rapport inlämnad",
                _money(c.forecast_deviation, signed=True),
                f"{len(open_)} ({sum(d.serious for d in open_)})",
                str(count(data.goal_changes, lambda g: g.committee_code, code)),
                str(count(data.red_projects, lambda p: p.owner, code)),
                str(count(data.overdue, lambda a: a.recipient, code)),
            )
        )
    return Table(
        (
            "Nämnd",
            "Rapporterat",
            "Prognosavvikelse, tkr",
            "Öppna avvikelser (varav allvarliga)",
            "Ändrade mål",
            "Projekt med rött ljus",
            "Försenade uppdrag",
        ),
        tuple(rows),
        numeric=(2, 3, 4, 5, 6),
        widths=(3.2, 2.2, 1.7, 1.8, 1.2, 1.3, 1.3),
    )


def economy_table(data: MonthlyData) -> Table:
    """The economy table: committees and the municipality total, tkr and percent, with the sign convention."""
    rows = []
    for r in [*data.economy.committees, data.economy.total]:
        if not r.has_data:
            rows.append((r.name, "Ingen rapport inlämnad" if not r.reported else "–", *("–",) * 7))
            continue
        rows.append(
            (
                "Summa, hela kommunen" if r.level == "municipality" else r.name,
                _money(r.annual_budget),
                _money(r.budget_ytd),
                _money(r.outcome_ytd),
                _money(r.deviation_ytd, signed=True),
                _pct(r.deviation_ytd_pct),
                _money(r.forecast),
                _money(r.forecast_deviation, signed=True),
                _pct(r.forecast_deviation_pct),
            )
        )
    return Table(
        (
            "Nämnd",
            "Årsbudget",
            "Budget hittills",
            "Utfall hittills",
            "Avvikelse hittills",
            "Avvikelse %",
            "Prognos helår",
            "Avvikelse prognos",
            "Avvikelse prognos %",
        ),
        tuple(rows),
        numeric=tuple(range(1, 9)),
        widths=(3.0, 1.3, 1.3, 1.3, 1.3, 1.2, 1.3, 1.3, 1.3),
        total_row=True,
    )


def deviation_table(items: list[Deviation]) -> Table:
    """New and serious deviations, serious ones first and flagged; free text is passed on as text."""
    rows = []
    for d in items:
        flags = [SERIOUS] if d.serious else []
        if d.is_new:
            flags.append("Ny")
        rows.append(
            (
                " · ".join(flags),
                f"{d.committee} ({d.deviation_id})",
                f"{DEVIATION_TYPE.label(d.type)} · {SEVERITY.label(d.severity)}",
                DEVIATION_STATUS.label(d.status),
                d.description,
                " · ".join(x for x in (d.action, d.responsible_role) if x) or "–",
                str(d.age_days),
            )
        )
    return Table(
        ("Flagga", "Nämnd (id)", "Typ · allvarlighet", "Status", "Beskrivning", "Åtgärd · ansvarig", "Ålder, dagar"),
        tuple(rows),
        numeric=(6,),
        widths=(1.4, 2.2, 1.6, 1.2, 3.4, 2.6, 0.9),
        flagged=tuple(i for i, d in enumerate(items) if d.serious),
        empty_text="Inga nya eller allvarliga avvikelser.",
    )


def goal_table(items: list[goals.Goal]) -> Table:
    """Goal assessments that changed since the previous assessment."""
    labels = {"improved": "▲ Förbättrad", "worsened": "▼ Försämrad", "changed": "Ändrad"}
    rows = tuple(
        (
            g.committee,
            f"{g.goal_id} {g.goal}",
            f"{ASSESSMENT.label(g.previous_assessment)} ({g.previous_period})",
            f"{ASSESSMENT.label(g.assessment)} ({g.period})",
            labels[g.change],
        )
        for g in items
    )
    return Table(
        ("Nämnd", "Mål", "Förra bedömningen", "Ny bedömning", "Förändring"),
        rows,
        widths=(2.4, 4.4, 2, 2, 1.4),
        empty_text="Inga målbedömningar har ändrats sedan förra månaden.",
    )


def project_table(items: list[projects.Project]) -> Table:
    """Projects with at least one red light."""
    rows = tuple(
        (
            f"{p.name} ({p.project_id})",
            p.owner_name,
            PHASE.label(p.phase),
            light_text(p.light_time),
            light_text(p.light_cost),
            light_text(p.light_delivery),
            _money(p.budget),
            _money(p.cost_to_date),
        )
        for p in items
    )
    return Table(
        ("Projekt", "Nämnd", "Fas", "Tid", "Kostnad", "Leverans", "Budget, tkr", "Kostnad hittills, tkr"),
        rows,
        numeric=(6, 7),
        widths=(3, 2.4, 1.5, 1, 1, 1, 1.2, 1.4),
        empty_text="Inga projekt har rött trafikljus.",
    )


def assignment_table(items: list[assignments.Assignment], as_of: date) -> Table:
    """Assignments past their due date and not done."""
    rows = tuple(
        (
            a.case_number,
            a.title,
            a.recipient_name,
            a.decided_by,
            iso_date(a.due_date),
            str(a.days_late(as_of)),
        )
        for a in items
    )
    return Table(
        ("Diarienummer", "Uppdrag", "Mottagare", "Beslutat av", "Slutdatum", "Dagar sen"),
        rows,
        numeric=(5,),
        widths=(1.5, 4.5, 2.4, 1, 1.3, 1),
        empty_text="Inga försenade uppdrag.",
    )


def build_document(data: MonthlyData, created_at: datetime, chart_png: bytes | None) -> Document:
    """The report's content in reading order, shared by the PDF and the Word writer."""
    not_reported = [c.name for c in data.economy.committees if not c.reported]
    blocks = [
        Heading("Sammanfattning"),
        *(Paragraph(text) for text in narrative(data)),
        Heading("Per nämnd", 2),
        summary_table(data),
        Heading("Ekonomi"),
        economy_table(data),
        Paragraph(SIGN_CONVENTION),
    ]
    if chart_png:
        blocks.append(
            Image(chart_png, "Helårsprognosens avvikelse mot årsbudget per nämnd, månad för månad", *CHART_SIZE)
        )
    serious = sum(d.serious for d in data.deviations)
    blocks += [
        Heading("Nya och allvarliga avvikelser"),
        *(
            [
                Paragraph(
                    f"{SERIOUS}: {count_text(serious, 'öppen avvikelse', 'öppna avvikelser')} med hög allvarlighet.",
                    emphasis=True,
                )
            ]
            if serious
            else []
        ),
        deviation_table(data.deviations),
        Heading(f"Målbedömningar som ändrats sedan {month_label(add_months(data.month, -1))}"),
        goal_table(data.goal_changes),
        Heading("Projekt med rött trafikljus"),
        project_table(data.red_projects),
        Heading("Försenade uppdrag"),
        assignment_table(data.overdue, data.as_of),
        Heading("Nämnder som inte har rapporterat"),
        Paragraph(", ".join(not_reported) if not_reported else "Alla nämnder har rapporterat för månaden."),
    ]
    if data.as_of_url:
        blocks += [
            Heading("Underlag"),
            Paragraph(
                f"Rapporten bygger på dataversion {data.version_id}. Så här såg underlaget ut när rapporten "
                f"skapades: {data.as_of_url}"
            ),
        ]
    return Document(
        title=f"Månadsuppföljning {month_label(data.month)}",
        subtitle=f"{data.version.municipality} kommun · kommundirektörens rapport till kommunstyrelsen",
        stamp=stamp(data, created_at),
        blocks=blocks,
    )


CHART_SIZE = (1000, 440)


def chart(data: MonthlyData) -> bytes | None:
    """The forecast trend chart as PNG, or None when there is no forecast this year."""
    if not data.history:
        return None
    figure = forecast_history_figure(data.history, data.names, data.month[:4])
    return charts.png(figure, *CHART_SIZE)


def render(document: Document, fmt: str) -> bytes:
    """The document as PDF or DOCX bytes."""
    if fmt == "pdf":
        from reports.pdf import render_pdf

        return render_pdf(document)
    from reports.docx import render_docx

    return render_docx(document)


def file_name(municipality: str, month: str, created_at: datetime, fmt: str, content: bytes) -> str:
    """'manadsrapport_2581_2025-09_20251012T081500.000000_3f2a9c1b7d4e.pdf': time to the microsecond and a content
    hash, so two reports made in the same second never share a name unless they are the same bytes."""
    digest = hashlib.sha256(content).hexdigest()[:12]
    return f"manadsrapport_{municipality}_{month}_{created_at:%Y%m%dT%H%M%S.%f}_{digest}.{fmt}"


def archive(report: GeneratedReport, municipality: str, month: str, fmt: str, root: Path | None = None) -> Path:
    """Store the file as handed out, a JSON sidecar with its data version, and a line in index.jsonl."""
    root = root or settings.report_archive_dir()
    folder = root / municipality / month
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / report.file_name
    record = {
        "file": str(path.relative_to(root)),
        "sha256": hashlib.sha256(report.content).hexdigest(),
        "format": fmt,
        "kommun": municipality,
        "month": month,
        "created_at": report.created_at.isoformat(timespec="microseconds"),
        "data_published_at": report.version.published_at,
        "data_loaded_at": report.version.loaded_at.isoformat(timespec="seconds") if report.version.loaded_at else None,
        "data_version": report.version_id,
        "as_of_url": report.as_of_url,
        "submissions_digest": report.version.digest,
        "submission_ids": list(report.version.submission_ids),
    }
    write_atomic(path, report.content)
    write_atomic(path.with_name(path.name + ".json"), json.dumps(record, ensure_ascii=False, indent=2).encode())
    append_line(root / "index.jsonl", json.dumps(record, ensure_ascii=False))
    return path


def generate(
    municipality: str, month: str, fmt: str, created_at: datetime | None = None, keep: bool = True
) -> GeneratedReport:
    """Make the monthly report as PDF or DOCX; keep=True archives it as handed out."""
    if fmt not in FORMATS:
        raise ValueError(f"Okänt format {fmt!r}: välj pdf eller docx.")
    if not re.fullmatch(r"\d{4}", municipality or "") or not re.fullmatch(r"\d{4}-\d{2}", month or ""):
        raise ValueError("Ange kommun som fyra siffror och månad som ÅÅÅÅ-MM.")
    if parse_period(month) is None:
        raise ValueError(f"Månaden {month} finns inte. Ange månad som ÅÅÅÅ-MM, t.ex. 2025-09.")
    with db.pinned():  # every figure of one report from one warehouse file
        if municipality not in dict(meta.municipalities()):
            # An empty report for a municipality without data must never be handed out or archived.
            raise ValueError(f"Det finns inga inlämnade rapporter för kommun {municipality} i lagret.")
        available = meta.months(municipality)
        if month not in available:
            # A report for a month without data would be empty; it must not be handed out or archived either.
            raise ValueError(
                f"Det finns inga inlämnade rapporter för kommun {municipality} för {month_label(month)}. "
                f"Månader med rapporter: {month_label(available[-1])} – {month_label(available[0])}."
            )
        data = collect(municipality, month)
    created_at = created_at or datetime.now()
    content = render(build_document(data, created_at, chart(data)), fmt)
    name = file_name(municipality, month, created_at, fmt, content)
    report = GeneratedReport(name, content, None, data.version, created_at, data.version_id, data.as_of_url)
    if not keep:
        return report
    path = archive(report, municipality, month, fmt)
    return replace(report, archived=path)
