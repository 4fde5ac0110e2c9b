"""Begrepp: every measure label on every page has a glossary entry built from the code's own constants."""

import dash
from dash.development.base_component import Component

from data import glossary
from data.vocabulary import ASSIGNMENT_STATE, PROJECT_FLAG


def labels(node, out: set[str]) -> set[str]:
    """Grid column headers, key-figure titles and description-list terms in a layout tree."""
    if isinstance(node, list | tuple):
        for child in node:
            labels(child, out)
        return out
    if not isinstance(node, Component):
        return out
    kind = type(node).__name__
    if kind == "AgGrid":
        for column in node.columnDefs or []:
            out.add(column["headerName"])
            out.update(child["headerName"] for child in column.get("children", []))
    elif kind == "Dt" or "kpi-label" in (getattr(node, "className", None) or ""):
        text = node.children
        out.add(text.children if isinstance(text, Component) else text)
    labels(getattr(node, "children", None), out)
    return out


def page_kwargs(page: dict) -> dict:
    """The query of a page's example path, and its path variable, as layout() keywords."""
    example = page.get("example_path") or ""
    kwargs = dict(part.split("=") for part in example.partition("?")[2].split("&") if part)
    if page.get("path_template"):
        kwargs["project_id"] = example.split("/")[2].split("?")[0]
    return kwargs


def test_every_measure_on_every_page_is_in_the_glossary(demo_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(demo_path))
    import app  # noqa: F401  (registers every page)

    found = {}
    for module, page in dash.page_registry.items():
        for label in labels(page["layout"](**page_kwargs(page)), set()):
            found.setdefault(label, module)
    missing = {
        label: module
        for label, module in found.items()
        if glossary.lookup(label) is None and label not in glossary.NOT_MEASURES
    }
    assert missing == {}
    assert len(found) > 80


def test_glossary_definitions_come_from_the_code():
    assert glossary.lookup("Försenat").name == "Läge för uppdrag"
    assert glossary.lookup("avvikelse hittills").name == "Budgetavvikelse"
    for label in (*ASSIGNMENT_STATE.labels, *PROJECT_FLAG.labels):
        assert glossary.lookup(label) is not None, label
    assert glossary.definition("Allvarlig avvikelse") == "En avvikelse med allvarlighet hög som inte är stängd."
    assert "äldre än 60 dagar" in glossary.definition("Projektflaggor")
    assert glossary.definition("Pro rata") == (
        "Ett årsmål räknat för en del av året: mål × antal månader i perioden / 12."
    )
    assert glossary.lookup("Budgetavvikelse").href == "/begrepp#begrepp-budgetavvikelse"
    assert glossary.lookup("Underskott och överskott").slug == "underskott-och-overskott"
    slugs = [term.slug for term in glossary.terms()]
    assert len(slugs) == len(set(slugs))


def test_glossary_follows_the_status_report_setting(monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_STATUS_REPORT_DAYS", "45")
    assert "äldre än 45 dagar" in glossary.definition("Projektflaggor")
