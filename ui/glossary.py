"""Begrepp and Tillgänglighet: the glossary page's content, links from measure names to their entries, and the
accessibility statement. Pure builders; the words themselves live in data/glossary.py."""

from dash import html

from data import glossary

ACCESSIBILITY_PATH = "/tillganglighet"
AXE_STANDARD = "WCAG 2.1 nivå A och AA"
AXE_EXCEPTION_RULE = "aria-hidden-focus"
SWEDISH_ORDER = " -–,()0123456789abcdefghijklmnopqrstuvwxyzéåäö"


def term_label(label: str):
    """The label as a link to its glossary entry when it has one, else the plain text."""
    term = glossary.lookup(label)
    if term is None:
        return label
    return html.A(label, href=term.href, className="term-link", title=term.definition)


def with_glossary_tooltips(columns: list[dict]) -> list[dict]:
    """Grid column definitions with each measure's definition as its header tooltip."""
    out = []
    for column in columns:
        term = glossary.lookup(column.get("headerName") or "")
        if "children" in column:
            column = {**column, "children": with_glossary_tooltips(column["children"])}
        out.append({**column, "headerTooltip": term.definition} if term and "headerTooltip" not in column else column)
    return out


def glossary_sections(prefix: str) -> list[html.Section]:
    """One section per group, each entry a term (anchor `<prefix>-<slug>`) with how it is computed."""
    sections = []
    for group in glossary.GROUPS:
        items = []
        for term in glossary.terms():
            if term.group != group:
                continue
            items.append(html.Dt(term.name, id=f"{prefix}-{term.slug}", className="begrepp-term"))
            detail = [html.P(term.definition, className="mb-1")]
            if term.aliases:
                detail.append(html.P(f"Visas också som: {', '.join(term.aliases)}.", className="small mb-0"))
            items.append(html.Dd(detail, className="begrepp-definition"))
        sections.append(html.Section([html.H2(group, className="section-title"), html.Dl(items)]))
    return sections


def glossary_index(prefix: str) -> html.Nav:
    """Links to every entry, alphabetical in Swedish order, so a reader can jump to a word."""
    terms = sorted(glossary.terms(), key=lambda t: [SWEDISH_ORDER.find(ch) for ch in t.name.casefold()])
    links = [html.Li(html.A(t.name, href=f"#{prefix}-{t.slug}")) for t in terms]
    return html.Nav(html.Ul(links, className="begrepp-index"), **{"aria-label": "Alla begrepp"})


def accessibility_statement(prefix: str, pages: list[tuple[str, str]], contact: str) -> list:
    """The DOS-lagen statement: what is tested, the known exception, how to report a problem."""
    return [
        html.P(
            "Styrkedjan ska kunna användas av alla. Den här redogörelsen beskriver hur webbplatsen uppfyller lagen "
            "(2018:1937) om tillgänglighet till digital offentlig service (DOS-lagen), vilka brister vi känner till "
            "och hur du kan rapportera problem."
        ),
        html.Section(
            [
                html.H2("Hur vi testar", className="section-title"),
                html.P(
                    f"Varje sida testas automatiskt mot {AXE_STANDARD} med verktyget axe-core i webbläsaren "
                    "Chromium, i fönsterbredderna 1366 och 1920 pixlar, varje gång koden ändras. Testet kontrollerar "
                    "bland annat kontrast, rubriker, etiketter på formulär, språkattribut och landmärken."
                ),
                html.P("Sidor som testas:"),
                html.Ul([html.Li(f"{name} ({path})") for name, path in pages], id=f"{prefix}-pages"),
                html.P(
                    "Färg används aldrig ensam: trafikljus och bedömningar visas också med symbol och ord, och "
                    "diagram har en beskrivande text och en tabell med samma siffror."
                ),
            ]
        ),
        html.Section(
            [
                html.H2("Kända brister", className="section-title"),
                html.P(
                    [
                        "Rullgardinsmenyerna (Dash 4:s dcc.Dropdown) innehåller ett dolt inmatningsfält som kan få "
                        "fokus fast det är dolt för skärmläsare (axe-regeln ",
                        html.Code(AXE_EXCEPTION_RULE, className="text-body"),
                        "). Felet sitter i ramverket och kan inte rättas i vår kod. Menyerna går att använda med "
                        "tangentbord och skärmläsare. Det är det enda undantaget i testerna.",
                    ],
                    id=f"{prefix}-exception",
                ),
                html.P(
                    "Diagrammen är bilder för den som ser dem; samma uppgifter finns i tabellerna på sidan och i "
                    "Excel-exporterna."
                ),
            ]
        ),
        html.Section(
            [
                html.H2("Rapportera ett problem", className="section-title"),
                html.P(
                    [
                        "Om du upptäcker problem som inte beskrivs här, eller om du behöver innehållet i ett annat "
                        "format, kontakta oss: ",
                        html.Strong(contact, id=f"{prefix}-contact"),
                        ". Beskriv vilken sida det gäller och vad som inte fungerar. Vi svarar inom fem arbetsdagar.",
                    ]
                ),
                html.P(
                    [
                        "Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Myndigheten för "
                        "digital förvaltning (Digg), som är tillsynsmyndighet för lagen: ",
                        html.Strong("digg.se/tillganglighet"),
                        ".",
                    ]
                ),
            ]
        ),
    ]


def definitions_note(component_id: str, names: tuple[str, ...]) -> html.P:
    """'Så räknas måtten: …' from the glossary entries named, each name linking to its entry."""
    parts: list = ["Så räknas måtten. "]
    for name in names:
        term = glossary.lookup(name)
        parts += [html.A(term.name, href=term.href, className="term-link"), f": {term.definition} "]
    return html.P(parts, className="text-body-secondary small mt-2", id=component_id)
