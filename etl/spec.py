"""The reporting format: every sheet and column of the workbook, Swedish header <-> code name.

This is the single place where an Excel header is mapped to the name used in code and in the warehouse.
The template, the loader, the demo workbooks and the user guide are all generated from it.
"""

from dataclasses import dataclass, field

from data.vocabulary import (
    ASSESSMENT,
    ASSIGNMENT_STATUS,
    DECIDED_BY,
    DECISION_POINT,
    DEVIATION_STATUS,
    DEVIATION_TYPE,
    DIRECTION,
    LIGHT,
    MEETING_BODY,
    PERSPECTIVE,
    PHASE,
    SEVERITY,
    SUGGESTION_STATUS,
    YES_NO,
    Vocabulary,
)

# Column kinds. "money" is tkr with decimals; "month" is YYYY-MM; "period" is YYYY, YYYY-Tn or YYYY-MM;
# "municipality" is a row's own kommunkod (the committee cells of that row are looked up in its committee list).
KINDS = ("text", "code", "int", "decimal", "money", "date", "month", "period", "choice", "committee", "municipality")


@dataclass(frozen=True)
class Column:
    """One column of a fact sheet."""

    key: str
    header: str
    kind: str
    required: bool = False
    vocabulary: Vocabulary | None = None
    aliases: tuple[str, ...] = ()
    help: str = ""
    example: str = ""
    width: int = 16

    def __post_init__(self):
        assert self.kind in KINDS, self.kind
        assert (self.kind == "choice") == (self.vocabulary is not None), self.key


@dataclass(frozen=True)
class Sheet:
    """One fact sheet: its Swedish name, its columns and the columns that identify a row."""

    key: str
    name: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]
    help: str = ""
    aliases: tuple[str, ...] = ()
    ignored_headers: tuple[str, ...] = field(default=())

    def column(self, key: str) -> Column:
        """The column with this code name."""
        return next(c for c in self.columns if c.key == key)


# Headers that name a person. They are never stored (suggestions are counted, not attributed).
PERSONAL_HEADERS = ("Namn", "Förslagsställare", "Inlämnat av", "Medarbetare namn", "Personnummer", "E-post")

ABOUT_SHEET = "Om rapporten"
ABOUT_FIELDS = (
    Column("municipality_code", "Kommunkod", "code", True, help="Kommunens fyrsiffriga kod från SCB.", example="2581"),
    Column("municipality", "Kommun", "text", True, help="Kommunens namn.", example="Piteå"),
    Column(
        "committee",
        "Nämnd",
        "committee",
        True,
        help="Nämndens namn eller förkortning, som i kommunens nämndlista.",
        example="Barn- och utbildningsnämnden",
    ),
    Column(
        "period",
        "Period",
        "period",
        True,
        help="Rapportens period: månad (2025-03), tertial (2025-T1) eller år (2025).",
        example="2025-03",
    ),
    Column("contact_role", "Kontaktroll", "text", True, help="Roll, inte namn.", example="Controller"),
    Column("report_date", "Rapportdatum", "date", True, help="Dag då rapporten lämnas.", example="2025-04-10"),
)

GOALS = Sheet(
    "goals",
    "Mål",
    (
        Column("goal_id", "Mål-ID", "code", True, help="Nämndmålets id, unikt i nämnden.", example="BUN-1", width=12),
        Column("council_goal_id", "KF-mål-ID", "code", True, help="Id för fullmäktiges mål.", example="KF-1", width=12),
        Column(
            "council_goal",
            "KF-mål",
            "text",
            True,
            help="Fullmäktiges mål som nämndmålet bryter ned.",
            example="Alla barn och unga ska lyckas i skolan",
            width=40,
        ),
        Column(
            "goal", "Nämndmål", "text", True, help="Nämndens mål.", example="Fler elever når målen i åk 9", width=40
        ),
        Column("perspective", "Perspektiv", "choice", True, PERSPECTIVE, example="Medborgare"),
        Column(
            "assessment",
            "Bedömning",
            "choice",
            True,
            ASSESSMENT,
            help="Måluppfyllelse för rapportens period.",
            example="Delvis uppfyllt",
        ),
        Column("comment", "Kommentar", "text", help="Motivering till bedömningen.", width=50),
    ),
    ("goal_id",),
    help="Ett nämndmål per rad med fullmäktiges mål det hör till och bedömningen för perioden.",
)

INDICATORS = Sheet(
    "indicators",
    "Indikatorer",
    (
        Column("indicator_id", "Indikator-ID", "code", True, example="BUN-1.1", width=12),
        Column("goal_id", "Mål-ID", "code", True, help="Nämndmålet som indikatorn hör till.", example="BUN-1"),
        Column("name", "Indikator", "text", True, example="Andel elever med godkänt i alla ämnen, åk 9", width=40),
        Column("unit", "Enhet", "text", True, example="%", width=10),
        Column("direction", "Riktning", "choice", True, DIRECTION, example="Högre är bättre"),
        Column("target", "Målvärde", "decimal", help="Tomt om indikatorn saknar målvärde.", example="80"),
        Column("kolada_kpi", "Kolada-KPI", "code", help="Koladas KPI-id, t.ex. N15419.", example="N15419"),
        Column(
            "period",
            "Utfallsperiod",
            "period",
            help="Perioden som utfallet gäller. Tomt betyder rapportens period.",
            example="2024",
        ),
        Column("outcome", "Utfall", "decimal", help="Tomt om utfall saknas.", example="76,5"),
    ),
    ("indicator_id", "period"),
    help="En indikator per rad, kopplad till ett nämndmål, med utfall för en period.",
)

ECONOMY = Sheet(
    "economy",
    "Ekonomi",
    (
        Column(
            "month", "Månad", "month", True, help="Månaden som raden gäller, inom rapportens period.", example="2025-03"
        ),
        Column(
            "activity",
            "Verksamhet",
            "text",
            help="Verksamhet inom nämnden. Tomt betyder hela nämnden.",
            example="Grundskola",
            width=24,
        ),
        Column(
            "annual_budget",
            "Årsbudget",
            "money",
            True,
            aliases=("Årsbudget tkr", "Budget helår"),
            help="Budget för hela året, tkr. Nettokostnad skrivs som negativt tal.",
            example="-412 300",
        ),
        Column(
            "budget",
            "Budget",
            "money",
            True,
            aliases=("Budget månad", "Budget tkr"),
            help="Månadens budget, tkr.",
            example="-34 358",
        ),
        Column(
            "outcome",
            "Utfall",
            "money",
            True,
            aliases=("Utfall månad", "Utfall tkr"),
            help="Månadens utfall, tkr.",
            example="-35 120",
        ),
        Column(
            "forecast",
            "Helårsprognos",
            "money",
            True,
            aliases=("Prognos", "Prognos helår"),
            help="Prognos för hela året gjord denna månad, tkr.",
            example="-415 000",
        ),
    ),
    ("month", "activity"),
    help="Budget, utfall och helårsprognos per månad i tkr. Nettokostnader anges med minustecken.",
)

DEVIATIONS = Sheet(
    "deviations",
    "Avvikelser",
    (
        Column("deviation_id", "Avvikelse-ID", "code", True, example="AV-2025-014", width=14),
        Column("reported_date", "Datum", "date", True, help="Dag då avvikelsen rapporterades.", example="2025-03-12"),
        Column("type", "Typ", "choice", True, DEVIATION_TYPE, example="Verksamhet"),
        Column("severity", "Allvarlighet", "choice", True, SEVERITY, example="Hög"),
        Column("description", "Beskrivning", "text", True, example="Vakanta tjänster inom hemtjänsten", width=40),
        Column("cause", "Orsak", "text", width=30),
        Column("action", "Åtgärd", "text", width=30),
        Column("responsible_role", "Ansvarig roll", "text", help="Roll, inte namn.", example="Enhetschef"),
        Column("status", "Status", "choice", True, DEVIATION_STATUS, example="Öppen"),
        Column("closed_date", "Stängd datum", "date", help="Krävs när status är Stängd.", example="2025-04-02"),
    ),
    ("deviation_id",),
    help="Avvikelser som rapporterats eller uppdaterats under perioden, en per rad.",
)

ASSIGNMENTS = Sheet(
    "assignments",
    "Uppdrag",
    (
        Column("case_number", "Diarienummer", "code", True, example="KS 2025/112", width=14),
        Column("paragraph", "Paragraf", "text", aliases=("§",), example="§ 45", width=8),
        Column("decided_by", "Beslutat av", "choice", True, DECIDED_BY, example="KF", width=10),
        Column("decision_date", "Beslutsdatum", "date", True, example="2025-02-24"),
        Column("title", "Uppdrag", "text", True, example="Utred gemensam skolskjuts", width=40),
        Column(
            "recipient",
            "Mottagare",
            "committee",
            help="Nämnden som fått uppdraget. Tomt betyder rapportens nämnd.",
            example="BUN",
        ),
        Column("due_date", "Slutdatum", "date", True, example="2025-12-31"),
        Column("status", "Status", "choice", True, ASSIGNMENT_STATUS, example="Pågår"),
        Column(
            "reported_back_date",
            "Återrapporterat",
            "date",
            aliases=("Återrapporterat datum",),
            help="Dag då uppdraget återrapporterades till KF/KS.",
            example="2026-02-23",
        ),
        Column("comment", "Kommentar", "text", width=40),
    ),
    ("case_number",),
    help="Uppdrag från fullmäktige och kommunstyrelsen till nämnden och deras läge.",
)

PROJECTS = Sheet(
    "projects",
    "Projekt",
    (
        Column("project_id", "Projekt-ID", "code", True, example="P-2025-03", width=12),
        Column("name", "Projektnamn", "text", True, example="Nytt resecentrum", width=30),
        Column("owner", "Ägande nämnd", "committee", help="Tomt betyder rapportens nämnd.", example="TN"),
        Column("sponsor_role", "Beställare", "text", help="Roll, inte namn.", example="Förvaltningschef"),
        Column("manager_role", "Projektledare", "text", help="Roll, inte namn.", example="Projektledare IT"),
        Column("phase", "Fas", "choice", True, PHASE, example="Genomförande"),
        Column("decision_point", "Senaste beslutspunkt", "choice", vocabulary=DECISION_POINT, example="BP2"),
        Column("decision_date", "Beslutspunkt datum", "date", example="2025-01-20"),
        Column("light_time", "Tid", "choice", True, LIGHT, example="Grön", width=8),
        Column("light_cost", "Kostnad", "choice", True, LIGHT, example="Gul", width=8),
        Column("light_delivery", "Leverans", "choice", True, LIGHT, example="Grön", width=8),
        Column(
            "budget", "Budget", "money", True, aliases=("Budget tkr",), help="Projektets budget, tkr.", example="12 500"
        ),
        Column("cost_to_date", "Kostnad hittills", "money", True, help="Upparbetad kostnad, tkr.", example="4 210"),
        Column("start_date", "Start", "date", True, example="2024-09-01"),
        Column("planned_end", "Planerat slut", "date", True, example="2026-06-30"),
        Column("forecast_end", "Prognos slut", "date", True, example="2026-09-30"),
        Column("external_funding", "Extern finansiering", "money", help="Tkr från EU eller andra.", example="3 000"),
        Column("funder", "Finansiär", "text", example="EU Regionalfonden"),
        Column("last_status_report", "Senaste statusrapport", "date", example="2025-03-01"),
        Column("final_report", "Slutrapport", "choice", vocabulary=YES_NO, help="Finns slutrapport?", example="Nej"),
    ),
    ("project_id",),
    help="Projektbanken: ett projekt per rad med fas, beslutspunkt, trafikljus och ekonomi.",
)

SUGGESTIONS = Sheet(
    "suggestions",
    "Förbättringsförslag",
    (
        Column("department", "Förvaltning", "text", True, example="Barn- och utbildningsförvaltningen", width=30),
        Column("month", "Månad", "month", True, example="2025-03"),
        Column("submitted", "Inlämnade", "int", True, help="Antal inlämnade förslag under månaden.", example="14"),
        Column("implemented", "Genomförda", "int", True, help="Antal genomförda förslag under månaden.", example="6"),
        Column("rejected", "Avslagna", "int", help="Antal avslagna förslag under månaden.", example="2"),
    ),
    ("department", "month"),
    help="Antal förbättringsförslag per förvaltning och månad. Namn på förslagsställare lagras aldrig.",
)

SUGGESTION_ITEMS = Sheet(
    "suggestion_items",
    "Förbättringsförslag",
    (
        Column("suggestion_id", "Förslags-ID", "code", True, example="F-0042"),
        Column("department", "Förvaltning", "text", True, example="Socialförvaltningen", width=30),
        Column("submitted_date", "Inlämnat datum", "date", True, example="2025-03-04"),
        Column("status", "Status", "choice", True, SUGGESTION_STATUS, example="Genomfört"),
        Column(
            "status_date",
            "Statusdatum",
            "date",
            help="Dag då förslaget genomfördes eller avslogs.",
            example="2025-05-20",
        ),
    ),
    ("suggestion_id",),
    help="Alternativ form: ett förslag per rad. Styrkedjan räknar ihop per förvaltning och månad.",
)

EMPLOYEES = Sheet(
    "employees",
    "Medarbetare",
    (
        Column("department", "Förvaltning", "text", True, example="Barn- och utbildningsförvaltningen", width=30),
        Column("month", "Månad", "month", True, example="2025-03"),
        Column("employees", "Antal medarbetare", "int", True, example="1 240"),
        Column(
            "definition",
            "Definition",
            "text",
            help="Nätverkets definition av antal medarbetare.",
            example="Månadsavlönade den 1:a i månaden",
            width=32,
        ),
    ),
    ("department", "month"),
    help="Antal medarbetare per förvaltning och månad enligt nätverkets gemensamma definition.",
)

NETWORK_TARGETS = Sheet(
    "network_targets",
    "Nätverksmål",
    (
        Column("year", "År", "int", True, example="2025", width=8),
        Column("target_submitted", "Mål inlämnade per medarbetare", "decimal", example="0,5", width=20),
        Column("target_implemented", "Mål genomförda per medarbetare", "decimal", True, example="0,3", width=20),
    ),
    ("year",),
    help="Kommunens mål för förbättringsförslag per medarbetare och år.",
)

MEETINGS = Sheet(
    "meetings",
    "Sammanträden",
    (
        Column("body", "Organ", "choice", True, MEETING_BODY, example="Kommunfullmäktige", width=20),
        Column("meeting_date", "Datum", "date", True, example="2025-04-28"),
    ),
    ("body", "meeting_date"),
    help="Sammanträdesplanen för fullmäktige och kommunstyrelsen.",
)

FACT_SHEETS = (
    GOALS,
    INDICATORS,
    ECONOMY,
    DEVIATIONS,
    ASSIGNMENTS,
    PROJECTS,
    SUGGESTIONS,
    EMPLOYEES,
    NETWORK_TARGETS,
    MEETINGS,
)
# The row-per-suggestion form shares the sheet name with SUGGESTIONS; the loader picks by headers.
ALTERNATIVE_SHEETS = {SUGGESTIONS.key: SUGGESTION_ITEMS}

TOTAL_ROW_WORDS = ("summa", "totalt", "total", "totalsumma")

# The reporting calendar (årshjul), `python -m etl calendar FILE`: not a report sheet; a workbook of its own (or a
# CSV with the same headers). A row without Nämnd is every committee's deadline; a row with one overrides it.
CALENDAR = Sheet(
    "calendar",
    "Rapportkalender",
    (
        Column(
            "municipality_code",
            "Kommunkod",
            "municipality",
            True,
            help="Kommunens fyrsiffriga kod från SCB.",
            example="2581",
            width=12,
        ),
        Column(
            "period",
            "Period",
            "period",
            True,
            help="Rapportperioden: månad (2026-03), tertial (2026-T1) eller år (2026).",
            example="2026-03",
            width=12,
        ),
        Column(
            "deadline",
            "Sista dag",
            "date",
            True,
            aliases=("Sista inlämningsdag", "Deadline", "Senast"),
            help="Sista dag då rapporten ska vara inlämnad (den dagen räknas som i tid).",
            example="2026-04-10",
        ),
        Column(
            "committee",
            "Nämnd",
            "committee",
            help="Tom: gäller kommunens alla nämnder. Med nämnd: gäller bara den nämnden för perioden.",
            example="Socialnämnden",
            width=30,
        ),
    ),
    ("municipality_code", "period", "committee"),
    help="Sista dag för varje rapportperiod, per kommun och vid behov per nämnd.",
    aliases=("Årshjul", "Kalender"),
)
