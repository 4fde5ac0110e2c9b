"""Tables and texts of the network pages: pure functions from data.network / data.comparison objects to rows."""

import dash_bootstrap_components as dbc
from dash import html

from data.comparison import Value
from data.formatting import number
from data.network import Period, Ranking, Rates, TargetStatus
from data.periods import month_label
from data.vocabulary import DIRECTION, INDICATOR_STATUS
from ui.components import number_column, text_column
from ui.goals import STATUS_STYLE

ON_TRACK, BEHIND = "▲ I fas", "▼ Efter målet"

RANKING_PAGE_SIZE = 25  # places per table page; the chosen municipality's page opens first


def radio_group(component_id: str, legend: str, options: list[dict], value: str, width: str) -> html.Fieldset:
    """Radio buttons inside a fieldset whose legend names the choice for screen readers."""
    return html.Fieldset(
        [
            html.Legend(legend, className="form-label fs-6 mb-1"),
            # dbc renders native radio inputs named by their labels (Dash 4's RadioItems is an unnamed listbox).
            dbc.RadioItems(id=component_id, options=options, value=value, inline=True),
        ],
        className=width,
    )


def _months_text(months: tuple[str, ...]) -> str:
    return ", ".join(month_label(m) for m in months)


def status_text(status: TargetStatus | None) -> str:
    """'▲ I fas (+0,025)' or '▼ Efter målet (−0,017)'; '–' without a target."""
    if status is None:
        return "–"
    word = ON_TRACK if status.on_track else BEHIND
    return f"{word} ({number(status.difference, 3, signed=True)})"


def ranking_columns(annualised: bool, departments: bool = False) -> list[dict]:
    """Columns of the ranking (or department) table; annualised rates say so in the header."""
    rate = " (helårstakt)" if annualised else ""
    first = text_column("department", "Förvaltning", width=260) if departments else text_column("name", "Kommun", 160)
    columns = [
        number_column("rank", "Plac.", width=90),
        first,
        number_column("submitted", "Inlämnade"),
        number_column("implemented", "Genomförda"),
        number_column("employees", "Medarbetare (medeltal)", width=130),
        text_column("definition", "Definition av medarbetare", width=200, wrap=True),
        number_column("submitted_per_employee", f"Inlämnade per medarbetare{rate}", 3, width=130),
        number_column("submitted_per_100", f"Inlämnade per 100 medarbetare{rate}", 1, width=130),
        number_column("implemented_per_employee", f"Genomförda per medarbetare{rate}", 3, width=130),
        number_column("implemented_per_100", f"Genomförda per 100 medarbetare{rate}", 1, width=130),
        number_column("implementation_rate", "Genomförandegrad", 0, "%", width=140),
    ]
    if departments:
        columns.append(text_column("complete", "Uppgifter", width=220, wrap=True))
    else:
        columns.append(text_column("target", "Mot eget mål (genomförda)", width=200))
    return [_wrapped_header(c) for c in columns]


def _wrapped_header(column: dict) -> dict:
    """Long Swedish headers wrap instead of being cut off."""
    return {**column, "wrapHeaderText": True, "autoHeaderHeight": True}


def _rate_row(r: Rates, factor: float) -> dict:
    # Exact values: the grid's svNumber rounds them once, half away from zero like data.formatting.number.
    def scaled(value: float | None) -> float | None:
        return None if value is None else value * factor

    return {
        "rank": r.rank,
        "name": r.municipality,
        "department": r.department,
        "submitted": r.submitted,
        "implemented": r.implemented,
        "employees": r.employees,
        "definition": "; ".join(r.definitions) or "Ingen angiven",
        "submitted_per_employee": scaled(r.per_employee("submitted")),
        "submitted_per_100": scaled(r.per_100("submitted")),
        "implemented_per_employee": scaled(r.per_employee("implemented")),
        "implemented_per_100": scaled(r.per_100("implemented")),
        "implementation_rate": r.implementation_rate,
    }


def ranking_rows(ranking: Ranking, annualised: bool, own: str | None = None) -> list[dict]:
    """One row per ranked municipality, best first, with its target status; own=True marks the chosen one."""
    factor = 12 / ranking.period.n_months if annualised else 1
    return [
        {**_rate_row(r, factor), "target": status_text(ranking.status(r)), "own": r.municipality_code == own}
        for r in ranking.ranked
    ]


def own_page(rows: list[dict], page_size: int = RANKING_PAGE_SIZE) -> int:
    """The (0-based) table page that holds the own municipality's row, so the table opens there."""
    return next((index // page_size for index, row in enumerate(rows) if row.get("own")), 0)


def department_rows(rows: list[Rates], period: Period | None, annualised: bool) -> list[dict]:
    """One row per department of a municipality; an incomplete one says which months are missing."""
    factor = 12 / period.n_months if annualised and period else 1
    return [
        {
            **_rate_row(r, factor),
            "complete": "Fullständiga" if r.complete else f"Saknas: {_months_text(r.missing_months)}",
        }
        for r in rows
    ]


def incomplete_items(ranking: Ranking) -> html.Div | None:
    """The municipalities left out of the ranking and exactly what they lack."""
    if not ranking.incomplete:
        return None
    items = []
    for r in ranking.incomplete:
        if not r.present_months:
            text = f"{r.municipality}: inga uppgifter för {ranking.period.label()}."
        else:
            text = (
                f"{r.municipality}: saknar uppgifter (förslag eller medarbetare) för {_months_text(r.missing_months)}"
                f" – {r.n_months - len(r.missing_months)} av {r.n_months} månader är kompletta."
            )
        items.append(html.Li(text))
    return html.Div(
        [
            html.H3("Ofullständiga uppgifter – rangordnas inte", className="h5"),
            html.P(
                "De här kommunerna räknas inte som noll. De kommer med i rangordningen när uppgifterna är kompletta.",
                className="text-body-secondary",
            ),
            html.Ul(items),
        ],
        id="forbattringsforslag-incomplete-list",
    )


def leader_text(ranking: Ranking) -> tuple[str, str, str]:
    """Label, value and detail of the leader card: most implemented suggestions per employee."""
    label = "Årets ledare" if ranking.period.full_year else f"Ledare, {ranking.period.label()}"
    if not ranking.leaders:
        return label, "–", "Ingen kommun har fullständiga uppgifter"
    names = " och ".join(r.municipality for r in ranking.leaders)
    best = ranking.leaders[0]
    detail = (
        f"{number(best.per_employee('implemented'), 3)} genomförda förslag per medarbetare "
        f"({number(best.per_100('implemented'), 1)} per 100)."
    )
    if len(ranking.leaders) > 1:
        detail += " Delad förstaplats."
    if ranking.runner_up is not None:
        detail += (
            f" Försprång till {ranking.runner_up.municipality}: "
            f"{number(ranking.leader_gap * 100, 1)} per 100 medarbetare."
        )
    return label, f"★ {names}", detail


def target_text(ranking: Ranking, own: Rates | None) -> tuple[str, str, str]:
    """Label, value and detail of the target card for the chosen municipality."""
    label = f"Mot eget mål, {own.municipality}" if own else "Mot eget mål"
    if own is None:
        return label, "–", "Kommunen rapporterar inga förbättringsförslag"
    if not own.complete:
        return label, "–", "Kan inte bedömas: uppgifterna för perioden är ofullständiga"
    status = ranking.status(own)
    if status is None:
        return label, "Inget mål", f"Inget mål för {ranking.period.year} på bladet Nätverksmål"
    detail = (
        f"Mål {number(status.target, 2)} genomförda per medarbetare och år = {number(status.pro_rata, 3)} "
        f"för {status.months} av 12 månader; utfall {number(status.actual, 3)} "
        f"({number(status.difference, 3, signed=True)})."
    )
    return label, ON_TRACK if status.on_track else BEHIND, detail


# --- Jämförelse ------------------------------------------------------------------------------------------------


# The rule of data/sql/comparison_values.sql in words; docs/rapportformat.md says the same (tests/test_docs.py).
SAME_INDICATOR_RULE = (
    "Rapporterar flera nämnder i samma kommun samma indikator (samma Kolada-KPI eller samma namn) används värdet "
    "från nämnden vars nämndkod kommer först i bokstavsordning (t.ex. BUN före KS), och inom den nämnden "
    "indikatorn med det första indikator-ID:t."
)

TERTIAL_TEXT = {"1": "tertial 1 (jan–apr)", "2": "tertial 2 (jan–aug)", "3": "tertial 3 (helår)"}


def period_text(period: str) -> str:
    """'2025 tertial 1 (jan–apr)', 'mars 2025' or '2025' for an indicator period."""
    if "-T" in period:
        return f"{period[:4]} {TERTIAL_TEXT[period[-1]]}"
    if len(period) == 7:
        return month_label(period)
    return period


def comparison_columns(unit: str) -> list[dict]:
    """Columns of the comparison table: value and own target side by side."""
    columns = [
        number_column("rank", "Plac.", width=90),
        text_column("municipality", "Kommun", width=160),
        number_column("value", f"Värde ({unit})", 1, width=140),
        number_column("target", "Eget målvärde", 1, width=130),
        text_column("status", "Mot målvärdet", width=190),
        number_column("outcome", "Utfall (rapporterat)", 1, width=130),
        text_column("direction", "Riktning", width=150),
        text_column("indicator", "Indikator i kommunen", width=300, wrap=True),
    ]
    return [_wrapped_header(c) for c in columns]


def comparison_rows(items: list[Value], normalisation: str) -> list[dict]:
    """Ranked values first, then municipalities without a value (no place)."""
    ordered = sorted(items, key=lambda v: (v.rank is None, v.rank or 0, v.municipality))
    return [
        {
            "rank": v.rank,
            "municipality": v.municipality,
            "value": v.shown(normalisation),
            "target": v.target_shown(normalisation),
            "status": f"{STATUS_STYLE[v.status]['symbol']} {INDICATOR_STATUS.label(v.status)}",
            "outcome": v.outcome,
            "direction": DIRECTION.label(v.direction),
            "indicator": f"{v.name} ({v.committee_code} {v.indicator_id})",
            "period": v.period,
        }
        for v in ordered
    ]
