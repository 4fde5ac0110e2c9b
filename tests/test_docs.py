"""The Swedish user guide docs/rapportformat.md documents every sheet, column and list value of etl/spec.py."""

import re
from pathlib import Path

from etl import spec
from etl.__main__ import COMMANDS

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "rapportformat.md"
SHEETS = (*spec.FACT_SHEETS, spec.SUGGESTION_ITEMS)


def guide() -> str:
    """The user guide's text."""
    return GUIDE.read_text(encoding="utf-8")


def test_guide_has_a_row_for_every_column():
    text = guide()
    missing = [
        f"{sheet.name}: {column.header}"
        for sheet in SHEETS
        for column in sheet.columns
        if f"| {column.header} | {'Ja' if column.required else 'Nej'} |" not in text
    ]
    missing += [f"{spec.ABOUT_SHEET}: {f.header}" for f in spec.ABOUT_FIELDS if f"| {f.header} | Ja |" not in text]
    assert missing == []


def test_guide_has_a_section_for_every_sheet():
    headings = set(re.findall(r"^## (.+)$", guide(), flags=re.MULTILINE))
    assert {sheet.name for sheet in SHEETS} | {f"Bladet {spec.ABOUT_SHEET}"} <= headings


def test_guide_names_every_alias_and_list_value():
    text = guide()
    aliases = [alias for sheet in SHEETS for column in sheet.columns for alias in column.aliases if alias not in text]
    labels = [
        label
        for sheet in SHEETS
        for column in sheet.columns
        if column.vocabulary is not None
        for label in column.vocabulary.labels
        if label not in text
    ]
    assert (aliases, labels) == ([], [])


def test_guide_explains_signs_corrections_rejections_and_names():
    text = guide()
    for phrase in (
        "Budgetavvikelse = utfall − budget.",
        "ett **underskott**",
        "En **positiv** avvikelse är ett **överskott**.",
        "Den nya filen **ersätter** den gamla",
        "En fil med minst ett fel läses inte in alls",
        "**Namn på den som lämnat ett förslag lagras aldrig.**",
        "| Tertial | ÅÅÅÅ-Tn |",
    ):
        assert phrase in text, phrase


def test_guide_mentions_only_existing_commands():
    commands = set(re.findall(r"python -m etl (\w+)", guide()))
    assert commands == {"template", "load", "status", "demo"}
    assert commands <= set(COMMANDS)


def test_guide_states_the_same_indicator_rule_shown_on_jamforelse():
    from ui.network_tables import SAME_INDICATOR_RULE

    assert SAME_INDICATOR_RULE.startswith("Rapporterar flera nämnder i samma kommun samma indikator")
    assert SAME_INDICATOR_RULE in guide().replace("\n", " ")
