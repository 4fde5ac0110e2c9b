"""Shared layout pieces every page uses: filter bar and URL sync, KPI card, badges, empty state, table, export.

How a page uses the global filters (municipality, period and optionally committee), with prefix "mal":

    PAGE = FilterPage("mal", "Måluppfyllelse", committee=True)   # once, at import: options follow the
                                                                  # municipality, the URL follows the filters
    def layout(kommun=None, period=None, namnd=None, **_):       # URL query names are Swedish
        f = meta.resolve(kommun, period, namnd)                   # validated values with defaults
        if f.month is None:
            return PAGE.no_data()
        return PAGE.layout(f, section(...), ...)                  # title, filter bar, then the sections

    @callback(Output(...), *PAGE.inputs())
    def update(municipality, month, committee): ...

The filter components have the ids `<prefix>-kommun`, `<prefix>-period` and `<prefix>-namnd`. Changing a filter
rewrites the browser URL (`?kommun=2581&period=2025-03`) without reloading the page, so every view can be
bookmarked; the navbar carries kommun, period and namnd over to the other pages.
"""

import json
import re
import unicodedata
from collections.abc import Iterable

import dash_ag_grid as dag
from dash import MATCH, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from accounts.access import visible_here
from data import meta, provenance, versions
from data.formatting import iso_date, number
from data.meta import Filters
from data.periods import month_label
from data.vocabulary import ASSESSMENT, LIGHT
from ui.figures import ASSESSMENT_STYLE, LIGHT_STYLE
from ui.glossary import term_label, with_glossary_tooltips
from ui.links import query_string

GLOBAL_FILTERS = ("kommun", "period", "namnd")
CARRIED_PARAMS = (*GLOBAL_FILTERS, "version")  # what the navbar carries to other pages
NO_REPORT = "Ingen rapport inlämnad för perioden"
URL_ID = "url"  # the app's own dcc.Location (refresh=False): writing it changes the address bar only


# --- Links and query strings -------------------------------------------------------------------------------------


def filter_href(path: str, filters: Filters, **extra) -> str:
    """A link to path that carries the global filters, the shown data version and page-specific parameters along."""
    return path + query_string(
        kommun=filters.municipality,
        period=filters.month,
        namnd=filters.committee,
        **extra,
        version=versions.pinned_id(),
    )


def as_of_text(version: versions.Version) -> str:
    """'Visar läget per 2025-10-14 07:30 (dataversion fc7b8cf4b3)': what an as-of view says it shows."""
    return f"Visar läget per {iso_date(version.published_at)} (dataversion {version.version_id})"


def as_of_banner(version: versions.Version, latest_href: str) -> html.Div:
    """The as-of view's banner: which published version the page shows, and the way back to the latest."""
    return html.Div(
        [
            html.Span(f"{as_of_text(version)}. ", className="fw-semibold"),
            "Senare inlästa rapporter och rättelser syns inte. ",
            dcc.Link("Visa det senaste läget", href=latest_href, id="asof-latest"),
        ],
        id="asof-banner",
        className="asof-banner",
        role="note",
    )


# --- Values from the URL --------------------------------------------------------------------------------------------


def last_values(query: dict) -> dict:
    """Each query parameter once: a repeated one (?ar=2025&ar=2026 arrives as a list) keeps its last value."""
    return {name: value[-1] if isinstance(value, list) else value for name, value in query.items()}


def unknown_filters(query: dict, accepted: Iterable[str]) -> tuple[dict, dict[str, str]]:
    """The query without the global filter values the warehouse does not hold, and those values by name.

    Only the filters a page's layout takes (accepted) are checked; a value left out falls back to the page's
    default, and url_notice() says so.
    """
    given = {n: query[n] for n in GLOBAL_FILTERS if n in accepted and query.get(n) not in (None, "")}
    if not given:
        return query, {}
    codes = dict(meta.municipalities())
    unknown = {}
    if "kommun" in given and given["kommun"] not in codes:
        unknown["kommun"] = given["kommun"]
    municipality = None if "kommun" in unknown else given.get("kommun")
    shown = meta.resolve(municipality, None).municipality
    if "period" in given and shown and given["period"] not in meta.months(shown):
        unknown["period"] = given["period"]
    if "namnd" in given and shown and given["namnd"] not in meta.committee_names(shown):
        unknown["namnd"] = given["namnd"]
    return {**query, **dict.fromkeys(unknown)}, unknown


def _nodes(component, parent=None):
    """(node, parent) for every component of a layout tree, depth first."""
    yield component, parent
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from _nodes(child, component)


def _control(component, suffix: str):
    """The first control (a component with a value property) whose id ends with suffix in a layout tree."""
    for node, _ in _nodes(component):
        component_id = getattr(node, "id", None)
        if isinstance(component_id, str) and component_id.endswith(suffix) and "value" in node._prop_names:
            return node
    return None


def _shown_value(component, suffix: str):
    """The value of the first control whose id ends with suffix in a layout tree (what the page shows)."""
    control = _control(component, suffix)
    return getattr(control, "value", None) or None


def _parts(value) -> list[str]:
    """A URL or control value as its comma-separated parts ('KS, BUN' and 'KS,BUN' say the same)."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [part.strip() for part in str(value).split(",") if part.strip()] if value is not None else []


def _option_labels(control) -> dict[str, str]:
    """A control's options as value -> label (list of dicts, list of values or a dict)."""
    options = getattr(control, "options", None) or []
    if isinstance(options, dict):
        return {str(value): str(label) for value, label in options.items()}
    pairs = [(o.get("value"), o.get("label")) if isinstance(o, dict) else (o, o) for o in options]
    return {str(value): label if isinstance(label, str) else str(value) for value, label in pairs}


def _means_shown(given: str, control) -> bool:
    """Whether the control shows what the URL asked for: the same value (or set of values), one of its options."""
    shown, options = getattr(control, "value", None), _option_labels(control)
    if isinstance(shown, (list, tuple)):
        wanted = _parts(given)
        return sorted(wanted) == sorted(_parts(shown)) and (not options or set(wanted) <= set(options))
    return _parts(given) == _parts(shown) and (not options or str(shown) in options)


def unknown_controls(query: dict, content) -> dict[str, str]:
    """The page-specific URL values (?status=, ?ar=, ...) the page does not show: the control `<prefix>-<name>`
    of the built layout holds another value, or the value is none of its options. Parameters without a control
    in the layout are not checked."""
    unknown = {}
    for name, given in query.items():
        if name in CARRIED_PARAMS or given in (None, ""):
            continue
        control = _control(content, f"-{name}")
        if control is not None and not _means_shown(given, control):
            unknown[name] = str(given)
    return unknown


def _label_of(content, control) -> str:
    """The visible name of a control: its <label for=…>, or the legend of the fieldset around it."""
    for node, parent in _nodes(content):
        if isinstance(node, html.Label) and getattr(node, "htmlFor", None) == control.id:
            return _text(node.children)
        if node is control and isinstance(parent, html.Fieldset):
            legend = next((c for c in parent.children if isinstance(c, html.Legend)), None)
            if legend is not None:
                return _text(legend.children)
    return control.id.rsplit("-", 1)[-1]


def _text(children) -> str:
    if isinstance(children, (list, tuple)):
        return "".join(c for c in children if isinstance(c, str)).strip()
    return str(children).strip() if isinstance(children, (str, int, float)) else ""


def _control_line(name: str, given: str, content) -> str:
    """'Status ”bogus” finns inte; visar ”Alla”.' for a page-specific URL value the page does not show."""
    control = _control(content, f"-{name}")
    labels = _option_labels(control)
    shown = [labels.get(part, part) for part in _parts(control.value)]
    if not shown:  # nothing chosen: the option for '', the placeholder, else all (a menu) or none (a list)
        fallback = "inga" if isinstance(control.value, list) or not labels else "Alla"
        shown = [labels.get("", getattr(control, "placeholder", None) or fallback)]
    return f"{_label_of(content, control)} ”{_quoted(given)}” finns inte; visar ”{', '.join(shown)}”."


def _quoted(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def url_notice(unknown: dict[str, str], content, path: str, query: dict) -> html.Div:
    """A Swedish notice for each unknown URL value ('Kommunen 9999 finns inte i lagret; visar Härnösand (2280).',
    'Status ”bogus” finns inte; visar ”Alla”.') and a link to what the page shows instead."""
    names = dict(meta.municipalities())
    fallback = meta.resolve(query.get("kommun"), query.get("period"))
    code = _shown_value(content, "-kommun") or fallback.municipality
    month = _shown_value(content, "-period") or fallback.month
    lines = []
    if "kommun" in unknown:
        lines.append(f"Kommunen {_quoted(unknown['kommun'])} finns inte i lagret; visar {names.get(code)} ({code}).")
    if "period" in unknown:
        shown = month_label(month) if month else "senaste månaden"
        lines.append(f"Månaden {_quoted(unknown['period'])} finns inte i lagret för {names.get(code)}; visar {shown}.")
    if "namnd" in unknown:
        lines.append(f"Nämnden {_quoted(unknown['namnd'])} finns inte i {names.get(code)}; visar alla nämnder.")
    lines += [_control_line(n, given, content) for n, given in unknown.items() if n not in GLOBAL_FILTERS]
    kept = {name: value for name, value in query.items() if value not in (None, "") and name not in unknown}
    if _control(content, "-kommun") is not None:  # a page with the filter bar: link to what it shows
        kept |= {"kommun": code, "period": month}
    elif "kommun" in query:
        kept["kommun"] = code
    href = path + query_string(**kept)
    return html.Div(
        [*(html.P(line, className="mb-1") for line in lines), dcc.Link("Länk till det som visas", href=href)],
        className="url-notice",
        role="status",
        id="url-notice",
    )


# --- Filter bar ----------------------------------------------------------------------------------------------------


def filter_id(prefix: str, name: str) -> str:
    """Id of a filter component, e.g. filter_id('mal', 'kommun') == 'mal-kommun'."""
    return f"{prefix}-{name}"


def _labelled(prefix: str, name: str, label: str, control) -> html.Div:
    return html.Div([html.Label(label, htmlFor=filter_id(prefix, name)), control], className="col-12 col-md-4")


DROPDOWN_LABELS = {
    "select_all": "Välj alla",
    "deselect_all": "Avmarkera alla",
    "selected_count": "{num_selected} valda",
    "search": "Sök",
    "clear_search": "Rensa sökning",
    "clear_selection": "Rensa val",
    "no_options_found": "Inga träffar",
}


def dropdown(component_id: str, **props) -> dcc.Dropdown:
    """A dcc.Dropdown with Swedish texts (Dash 4 defaults to English 'Search', 'No options found')."""
    return dcc.Dropdown(id=component_id, labels=DROPDOWN_LABELS, **props)


def municipality_options() -> list[dict]:
    """Dropdown options for municipalities that have reported and that the logged-in user may see."""
    allowed = set(visible_here([code for code, _ in meta.municipalities()]))
    return [{"label": name, "value": code} for code, name in meta.municipalities() if code in allowed]


def period_options(municipality: str | None) -> list[dict]:
    """Dropdown options for the months with data, newest first, labelled 'mars 2025'."""
    return [{"label": month_label(m), "value": m} for m in meta.months(municipality)] if municipality else []


def committee_options(municipality: str | None) -> list[dict]:
    """Dropdown options for the municipality's committees."""
    return [{"label": name, "value": code} for code, name in meta.committees(municipality)] if municipality else []


def filter_bar(prefix: str, filters: Filters, committee: bool = False, extra: Iterable = ()) -> html.Section:
    """The filter bar: municipality, month (and committee); extra holds page-specific controls in the same row."""
    fields = [  # name, label, options, value, further dropdown settings
        ("kommun", "Kommun", municipality_options(), filters.municipality, {"clearable": False}),
        ("period", "Månad", period_options(filters.municipality), filters.month, {"clearable": False}),
    ]
    if committee:
        options = committee_options(filters.municipality)
        fields.append(("namnd", "Nämnd", options, filters.committee, {"placeholder": "Alla nämnder"}))
    controls = [
        _labelled(prefix, name, label, dropdown(filter_id(prefix, name), options=options, value=value, **props))
        for name, label, options, value, props in fields
    ]
    return html.Section(
        html.Div([*controls, *extra], className="row g-3"),
        className="filter-bar",
        **{"aria-label": "Filter"},
    )


def filter_inputs(prefix: str, committee: bool = False) -> list[Input]:
    """Inputs for a page callback: municipality, month (and committee), in that order."""
    names = GLOBAL_FILTERS if committee else GLOBAL_FILTERS[:2]
    return [Input(filter_id(prefix, name), "value") for name in names]


def filter_states(prefix: str, committee: bool = False) -> list[State]:
    """The same filters as State, e.g. for an export button callback."""
    names = GLOBAL_FILTERS if committee else GLOBAL_FILTERS[:2]
    return [State(filter_id(prefix, name), "value") for name in names]


def register_filters(
    prefix: str, committee: bool = False, url_params: Iterable[str] = (), sources: tuple[list, object] | None = None
) -> None:
    """Register the filter callbacks of a page; call once at import of the page module.

    When the municipality changes, the month (and committee) options follow it and an unavailable value falls back
    to the latest month. Every filter change rewrites the URL query string in the browser (client side, no server
    round trip, no page reload). url_params names page-specific controls `<prefix>-<param>` kept in the URL too.
    sources=(more states, scope) narrows the page's 'Källa' panels (register_sources) beyond the filters.
    """
    names = [*(GLOBAL_FILTERS if committee else GLOBAL_FILTERS[:2]), *url_params]

    outputs = [Output(filter_id(prefix, "period"), "options"), Output(filter_id(prefix, "period"), "value")]
    states = [State(filter_id(prefix, "period"), "value")]
    if committee:
        outputs += [Output(filter_id(prefix, "namnd"), "options"), Output(filter_id(prefix, "namnd"), "value")]
        states.append(State(filter_id(prefix, "namnd"), "value"))

    @callback(*outputs, Input(filter_id(prefix, "kommun"), "value"), *states, prevent_initial_call=True)
    def follow_municipality(municipality, month, chosen_committee=None):
        if not municipality:
            return (no_update,) * len(outputs)
        resolved = meta.resolve(municipality, month, chosen_committee)
        result = [period_options(municipality), resolved.month]
        if committee:
            result += [committee_options(municipality), resolved.committee]
        return tuple(result)

    sync_url(prefix, names)
    more, scope = sources or ([], _filter_scope)
    register_sources(prefix, [*filter_inputs(prefix, committee), *more], scope)


class FilterPage:
    """A page with the global filter bar: its prefix, title and whether it filters by committee, said once.

    Made once at import of the page module, it registers the filter callbacks (register_filters); the layout and
    the callbacks take the bar, the inputs and the states from it, so they cannot disagree on the committee filter.
    """

    def __init__(self, prefix: str, title: str, committee: bool = False, url_params: Iterable[str] = ()):
        self.prefix = prefix
        self.title = title
        self.committee = committee
        register_filters(prefix, committee=committee, url_params=url_params)

    def layout(self, filters: Filters, *children, extra: Iterable = (), intro: str | None = None) -> html.Div:
        """The page: title, filter bar (extra: the page's own controls in its row), the children."""
        return page(self.title, filter_bar(self.prefix, filters, self.committee, extra), *children, intro=intro)

    def no_data(self) -> html.Div:
        """The page when the warehouse holds no submissions at all."""
        return no_data_page(self.title)

    def choice(self, name: str, label: str, options: list[dict], value, placeholder: str = "Alla", **props):
        """A page's own labelled dropdown `<prefix>-<name>` for the filter bar; a value not among the options
        (from an edited URL) shows as no choice."""
        chosen = value if value in [o["value"] for o in options] else None
        control = dropdown(
            filter_id(self.prefix, name), options=options, value=chosen, placeholder=placeholder, **props
        )
        return _labelled(self.prefix, name, label, control)

    def inputs(self) -> list[Input]:
        """The filters as callback Inputs: municipality, month (and committee), in that order."""
        return filter_inputs(self.prefix, self.committee)

    def states(self) -> list[State]:
        """The same filters as State, e.g. for an export button callback."""
        return filter_states(self.prefix, self.committee)


def sync_url(prefix: str, names: Iterable[str]) -> None:
    """Keep the controls `<prefix>-<name>` in the URL query string (client side, no reload); a list joins by commas.

    For pages without the global filter bar; register_filters() calls it for the pages that have one.
    """
    names = list(names)
    clientside_callback(
        f"""
        function() {{
            const names = {json.dumps(names)};
            const params = new URLSearchParams(window.location.search);
            names.forEach((name, i) => {{
                const value = arguments[i];
                if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) {{
                    params.delete(name);
                }} else {{
                    params.set(name, value);
                }}
            }});
            const search = params.toString();
            return search ? "?" + search : "";
        }}
        """,
        Output(URL_ID, "search", allow_duplicate=True),
        *[Input(filter_id(prefix, name), "value") for name in names],
        prevent_initial_call=True,
    )


# --- Page pieces ---------------------------------------------------------------------------------------------------


def page(title: str, *children, intro: str | None = None) -> html.Div:
    """A page: its H1 title, an optional one-line introduction, then the children."""
    head = [html.H1(title, className="page-title")]
    if intro:
        head.append(html.P(intro, className="text-body-secondary"))
    return html.Div([*head, *children])


def section(title: str, *children, section_id: str | None = None, source: tuple[str, str] | None = None):
    """A titled section (H2) of a page; source=(page prefix, kind of fact) adds its 'Källa' button and panel."""
    props = {"id": section_id} if section_id else {}
    heading = html.H2(title, className="section-title")
    if source is None:
        return html.Section([heading, *children], **props)
    button, panel = source_toggle(*source, title)
    return html.Section([html.Div([heading, button], className="section-head"), panel, *children], **props)


# --- Provenance: 'Källa' on every figure section ---------------------------------------------------------------

NETWORK_FACTS = ("suggestion",)  # compared across every municipality of the network, not one municipality
KOLADA_SOURCE = provenance.KOLADA  # the fact of a 'Källa' for Kolada's national figures (imported files)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def source_ids(prefix: str, fact: str, title: str, section: str | None = None) -> tuple[dict, dict]:
    """Ids of a section's 'Källa' button and panel, e.g. {'type': 'ekonomi-kalla-knapp', 'fact': 'economy', ...};
    the section key is the title's slug unless given (a page's scope can read it, e.g. a committee code)."""
    key = {"fact": fact, "section": section or _slug(title)}
    return {"type": f"{prefix}-kalla-knapp", **key}, {"type": f"{prefix}-kalla", **key}


def source_toggle(prefix: str, fact: str, title: str, section: str | None = None) -> tuple[html.Button, html.Div]:
    """The 'Källa' button (a real button: Tab, Enter or Space) and the hidden panel it opens below the heading."""
    button_id, panel_id = source_ids(prefix, fact, title, section)
    button = html.Button(
        ["Källa", html.Span(f" för {title}", className="visually-hidden")],
        id=button_id,
        n_clicks=0,
        className="btn btn-outline-secondary btn-sm source-button",
        **{"aria-expanded": "false"},
    )
    panel = html.Div(
        id=panel_id, hidden=True, className="source-panel", role="region", **{"aria-label": f"Källor: {title}"}
    )
    return button, panel


def source_bar(prefix: str, fact: str, title: str, section: str | None = None) -> html.Div:
    """'Källa' for figures outside a titled section (key figure rows, a pair of graphs, a slide): button and panel."""
    button, panel = source_toggle(prefix, fact, title, section)
    return html.Div([button, panel], className="source-bar")


def source_list(sources: list[provenance.Source], network: bool = False) -> html.Div:
    """The files a section is read from, as text: committee, period, file, sha256, when submitted, what it corrects."""
    if not sources:
        return html.Div(html.P("Inga inlämnade rapporter ligger bakom uppgifterna för urvalet.", className="mb-0"))
    head = ["Kommun"] if network else []
    head += ["Nämnd", "Period", "Inlämnad fil", "Inläst", "Rättelse", "SHA-256"]
    rows = []
    for item in sources:
        corrects = (
            f"Ersätter {item.corrects_file} (inläst {iso_date(item.corrects_loaded_at)})" if item.corrects_file else "–"
        )
        cells = [item.municipality] if network else []
        cells += [item.committee, item.period, item.file_name, iso_date(item.loaded_at), corrects]
        rows.append(html.Tr([*(html.Td(c) for c in cells), html.Td(html.Code(item.sha256), className="source-sha")]))
    return html.Div(
        [
            html.P(
                f"{len(sources)} inlämnade rapporter i kraft ligger bakom uppgifterna i avsnittet.", className="mb-1"
            ),
            html.Div(
                html.Table(
                    [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(rows)],
                    className="table table-sm source-table mb-0",
                ),
                className="table-responsive",
                tabIndex="0",  # the list scrolls: it must be reachable with the keyboard
            ),
        ]
    )


def kolada_source_list(imports: list[provenance.KoladaImport]) -> html.Div:
    """The Kolada files behind national figures, as text: KPI id, file, when imported, the years and values."""
    if not imports:
        return html.Div(html.P("Inga Kolada-siffror är importerade för indikatorn.", className="mb-0"))
    head = ["Kolada-KPI", "Importerad fil", "Importerad", "År", "Värden"]
    rows = [
        html.Tr(
            [
                html.Td(item.kpi),
                html.Td(item.file_name),
                html.Td(iso_date(item.imported_at)),
                html.Td(item.years),
                html.Td(number(item.values)),
            ]
        )
        for item in imports
    ]
    return html.Div(
        [
            html.P("Rikets siffror kommer från Kolada (RKA), importerade med python -m etl kolada.", className="mb-1"),
            html.Div(
                html.Table(
                    [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(rows)],
                    className="table table-sm source-table mb-0",
                ),
                className="table-responsive",
                tabIndex="0",
            ),
        ]
    )


def _filter_scope(municipality, month, committee=None, section=None) -> provenance.Scope:
    return provenance.Scope(municipality, month, committee)


def register_sources(prefix: str, inputs: list, scope=_filter_scope) -> None:
    """Register the page's one 'Källa' callback: a click opens or closes a panel; open panels follow the inputs.

    scope(*input values, section=the panel's section key) gives the provenance.Scope of what the section shows
    (municipality, month 'YYYY-MM', optionally a committee, a project or a Kolada KPI); register_filters() passes
    the global filters. A section of fact provenance.KOLADA lists the Kolada imports of the scope's KPI.
    """
    button = {"type": f"{prefix}-kalla-knapp", "fact": MATCH, "section": MATCH}
    panel = {"type": f"{prefix}-kalla", "fact": MATCH, "section": MATCH}

    @callback(
        Output(panel, "children"),
        Output(panel, "hidden"),
        Output(button, "aria-expanded"),
        Input(button, "n_clicks"),
        *inputs,
        prevent_initial_call=True,
    )
    def show_sources(n_clicks, *values):
        panel_id = ctx.outputs_list[0]["id"]
        where = scope(*values, section=panel_id["section"])
        if not (n_clicks or 0) % 2 or not where.month:
            return None, True, "false"
        fact = panel_id["fact"]
        if fact == KOLADA_SOURCE:
            return kolada_source_list(provenance.kolada_imports(where.kpi)), False, "true"
        network = fact in NETWORK_FACTS or where.municipality is None
        municipality = None if network else where.municipality
        found = provenance.sources(municipality, where.month, fact, where.committee, where.project)
        return source_list(found, network), False, "true"


def empty_state(message: str, detail: str | None = None) -> html.Div:
    """An explicit 'nothing here' message, e.g. NO_REPORT: missing data is never shown as zero."""
    children = [html.P(message, className="fw-semibold mb-1")]
    if detail:
        children.append(html.P(detail, className="mb-0"))
    return html.Div(children, className="empty-state", role="status")


def no_data_page(title: str) -> html.Div:
    """What a page shows when the warehouse holds no submissions at all."""
    return page(
        title,
        empty_state(
            "Inga rapporter är inlästa ännu.",
            "När nämndernas rapporter har lästs in visas uppgifterna här.",
        ),
    )


def kpi_card(label: str, value: str, detail: str | None = None, href: str | None = None, card_id: str | None = None):
    """A figure with its label and an optional detail line; href makes the value a link to the explaining page."""
    shown = dcc.Link(value, href=href) if href else value
    children = [html.P(term_label(label), className="kpi-label"), html.P(shown, className="kpi-value")]
    if detail:
        children.append(html.P(detail, className="kpi-detail"))
    props = {"id": card_id} if card_id else {}
    return html.Div(children, className="kpi-card", **props)


def _badge(symbol: str, text: str, colour: str) -> html.Span:
    return html.Span(
        [html.Span(symbol, **{"aria-hidden": "true"}), text], className="badge-text", style={"color": colour}
    )


def light_badge(code: str | None) -> html.Span:
    """A traffic light as symbol + word + colour (never colour alone)."""
    if code not in LIGHT_STYLE:
        return html.Span("Inget trafikljus", className="text-body-secondary")
    style = LIGHT_STYLE[code]
    return _badge(style["symbol"], LIGHT.label(code), style["colour"])


def assessment_badge(code: str | None) -> html.Span:
    """A goal assessment as symbol + word + colour."""
    style = ASSESSMENT_STYLE.get(code or "not_assessed", ASSESSMENT_STYLE["not_assessed"])
    return _badge(style["symbol"], ASSESSMENT.label(code or "not_assessed"), style["colour"])


def assessment_text(code: str | None) -> str:
    """'✔ Uppfyllt': symbol and word as plain text, for tables."""
    code = code or "not_assessed"
    return f"{ASSESSMENT_STYLE[code]['symbol']} {ASSESSMENT.label(code)}"


# --- Tables ----------------------------------------------------------------------------------------------------

GRID_LOCALE = {
    "noRowsToShow": "Inga rader att visa",
    "loadingOoo": "Laddar …",
    "filterOoo": "Filtrera …",
    "contains": "Innehåller",
    "notContains": "Innehåller inte",
    "equals": "Lika med",
    "notEqual": "Inte lika med",
    "startsWith": "Börjar med",
    "endsWith": "Slutar med",
    "lessThan": "Mindre än",
    "greaterThan": "Större än",
    "blank": "Tom",
    "notBlank": "Inte tom",
    "andCondition": "OCH",
    "orCondition": "ELLER",
    "page": "Sida",
    "of": "av",
    "to": "till",
    "pageSizeSelectorLabel": "Rader per sida:",
}


# Wide enough for "Samhällsbyggnadsnämnden" (177 px at the grid's 14 px font) on one line in a wrapped cell, so
# committee names wrap between words and never break inside one ("Samhällsbyggnadsnä mnden").
COMMITTEE_WIDTH = 205


def text_column(field: str, header: str, width: int | None = None, wrap: bool = False) -> dict:
    """A text column sorted in Swedish order (Å, Ä, Ö last); values are rendered as text, never HTML."""
    # cellDataType "text": otherwise ag-grid infers ISO dates as dates and blanks cells such as "–".
    column = {
        "field": field,
        "headerName": header,
        "comparator": {"function": "svCompare"},
        "filter": True,
        "cellDataType": "text",
    }
    if width:
        column["width"] = width
    else:
        column["flex"] = 1
    if wrap:
        column.update(wrapText=True, autoHeight=True, cellStyle={"lineHeight": "1.4", "padding": "6px 12px"})
    return column


def number_column(
    field: str,
    header: str,
    decimals: int = 0,
    suffix: str | tuple[str, str] | None = None,
    width: int = 130,
    signed: bool = False,
) -> dict:
    """A right-aligned number column in Swedish format (1 234,5, minus as U+2212), sorted numerically.

    signed shows '+' before positive values, as deviations are written everywhere (data.formatting.number);
    a suffix given as (singular, plural) agrees with the number ("1 dag", "2 dagar").
    """
    sign = ", true" if signed else ""
    return {
        "field": field,
        "headerName": header,
        "type": "numericColumn",
        "filter": "agNumberColumnFilter",
        "width": width,
        "valueFormatter": {
            "function": f"svNumber(params.value, {int(decimals)}, {json.dumps(suffix, ensure_ascii=False)}{sign})"
        },
    }


HEADER_CHAR_PX = 8  # a header letter at the grid's font size (measured 6.5 px on average), generously
HEADER_CHROME_PX = 56  # padding, sort and filter icons
HEADER_CHROME_NO_FILTER_PX = 40  # padding (2 × 16 px); HEADER_CHAR_PX's margin leaves room for the sort icon


def readable_widths(columns: list[dict]) -> list[dict]:
    """Columns at least as wide as their header's longest word, so no word is broken ("Genomförand egrad")."""
    out = []
    for column in columns:
        if "children" in column:
            out.append({**column, "children": readable_widths(column["children"])})
            continue
        words = str(column.get("headerName") or "").split()
        chrome = HEADER_CHROME_PX if column.get("filter", False) else HEADER_CHROME_NO_FILTER_PX
        least = chrome + HEADER_CHAR_PX * max((len(w) for w in words), default=0)
        column = {**column, "minWidth": max(column.get("minWidth", 0), least)}
        if "width" in column:
            column["width"] = max(column["width"], least)
        out.append(column)
    return out


def data_table(
    component_id: str, rows: list[dict], columns: list[dict], page_size: int | None = None, **grid
) -> dag.AgGrid:
    """An ag-grid table with Swedish sorting, number format and texts; page_size turns on pagination.

    Further keywords go to dag.AgGrid as they are (e.g. rowClassRules)."""
    options = {
        "localeText": GRID_LOCALE,
        "enableCellTextSelection": True,
        "ensureDomOrder": True,
        "domLayout": "autoHeight",
        "suppressDragLeaveHidesColumns": True,
    }
    if page_size:
        options.update(pagination=True, paginationPageSize=page_size, paginationPageSizeSelector=False)
    return dag.AgGrid(
        id=component_id,
        rowData=rows,
        columnDefs=readable_widths(with_glossary_tooltips(columns)),
        # Headers wrap between words (readable_widths keeps every word whole), never cut off with "…".
        defaultColDef={"sortable": True, "resizable": True, "wrapHeaderText": True, "autoHeaderHeight": True},
        dashGridOptions=options,
        style={"height": None},
        **grid,
    )
