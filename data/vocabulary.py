"""Closed lists of the domain: the code stored in the warehouse and the Swedish label users see.

Codes are ASCII and live in the database; labels are what templates, loader messages and pages show.
This is the one place where a closed-list value is named in both languages.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """An ordered closed list: code -> Swedish label, in the order users expect to see it."""

    name: str
    items: tuple[tuple[str, str], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """Codes in display order."""
        return tuple(code for code, _ in self.items)

    @property
    def labels(self) -> tuple[str, ...]:
        """Swedish labels in display order."""
        return tuple(label for _, label in self.items)

    def label(self, code: str | None) -> str:
        """Swedish label for a code ('' for None)."""
        if code is None:
            return ""
        return dict(self.items)[code]

    def code(self, label: str) -> str | None:
        """Code for a Swedish label, compared case-insensitively; None when unknown."""
        wanted = label.strip().casefold()
        for code, text in self.items:
            if text.casefold() == wanted or code.casefold() == wanted:
                return code
        return None


ASSESSMENT = Vocabulary(
    "bedömning",
    (
        ("met", "Uppfyllt"),
        ("partly_met", "Delvis uppfyllt"),
        ("not_met", "Ej uppfyllt"),
        ("not_assessed", "Ej bedömt"),
    ),
)
PERSPECTIVE = Vocabulary(
    "perspektiv",
    (
        ("citizen", "Medborgare"),
        ("process", "Verksamhet"),
        ("employee", "Medarbetare"),
        ("economy", "Ekonomi"),
    ),
)
DIRECTION = Vocabulary("riktning", (("higher", "Högre är bättre"), ("lower", "Lägre är bättre")))
DEVIATION_TYPE = Vocabulary(
    "typ",
    (("economy", "Ekonomi"), ("operations", "Verksamhet"), ("quality", "Kvalitet"), ("incident", "Händelse")),
)
SEVERITY = Vocabulary("allvarlighet", (("low", "Låg"), ("medium", "Medel"), ("high", "Hög")))
DEVIATION_STATUS = Vocabulary("status", (("open", "Öppen"), ("in_progress", "Åtgärd pågår"), ("closed", "Stängd")))
DECIDED_BY = Vocabulary("beslutat av", (("KF", "KF"), ("KS", "KS")))
ASSIGNMENT_STATUS = Vocabulary(
    "status",
    (
        ("not_started", "Ej påbörjat"),
        ("in_progress", "Pågår"),
        ("done", "Klart"),
        ("cancelled", "Avbrutet"),
    ),
)
PHASE = Vocabulary(
    "fas",
    (
        ("preparation", "Förberedelse"),
        ("planning", "Planering"),
        ("execution", "Genomförande"),
        ("closure", "Avslut"),
    ),
)
DECISION_POINT = Vocabulary("beslutspunkt", (("BP1", "BP1"), ("BP2", "BP2"), ("BP3", "BP3"), ("BP4", "BP4")))
LIGHT = Vocabulary("trafikljus", (("green", "Grön"), ("yellow", "Gul"), ("red", "Röd")))
YES_NO = Vocabulary("ja/nej", (("yes", "Ja"), ("no", "Nej")))
SUGGESTION_STATUS = Vocabulary(
    "status",
    (
        ("submitted", "Inlämnat"),
        ("assessed", "Bedöms"),
        ("decided", "Beslutat"),
        ("implemented", "Genomfört"),
        ("rejected", "Avslaget"),
    ),
)
MEETING_BODY = Vocabulary("organ", (("KF", "Kommunfullmäktige"), ("KS", "Kommunstyrelsen")))

# Derived states computed by the read side (never typed in a workbook).
REPORT_STATE = Vocabulary(  # Rapportläge: a committee's report for a period against its deadline (data/deadlines.py)
    "rapportläge",
    (
        ("overdue", "Saknas, försenad"),
        ("due_soon", "Sista dag snart"),
        ("late", "Inlämnad sent"),
        ("on_time", "Inlämnad i tid"),
        ("upcoming", "Kommande"),
    ),
)
ASSIGNMENT_STATE = Vocabulary(
    "läge",
    (
        ("overdue", "Försenat"),
        ("in_progress", "Pågår"),
        ("not_started", "Ej påbörjat"),
        ("done_not_reported", "Klart, ej återrapporterat"),
        ("reported_back", "Återrapporterat"),
        ("cancelled", "Avbrutet"),
    ),
)
INDICATOR_STATUS = Vocabulary(
    "status",
    (
        ("on_target", "Når målvärdet"),
        ("off_target", "Når inte målvärdet"),
        ("no_target", "Inget målvärde"),
        ("no_outcome", "Inget utfall"),
    ),
)
PROJECT_FLAG = Vocabulary(
    "flagga",
    (
        ("status_report_missing", "Ingen aktuell statusrapport"),
        ("forecast_late", "Prognos efter planerat slut"),
        ("over_budget", "Kostnad över budget"),
        ("execution_without_bp2", "Genomförande utan BP2"),
        ("closed_without_final_report", "Avslutat utan slutrapport"),
    ),
)
