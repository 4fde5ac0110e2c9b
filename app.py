"""The Dash app shell: navbar from the page registry, demo banner, footer, offline assets. Pages live in pages/.

Run with `python app.py` (127.0.0.1, port from PORT, default 8050) or `gunicorn -w 2 app:server`.
A page registered with `nav=False` is left out of the navbar (e.g. a detail page reached by a link);
`footer=True` lists it in the footer instead (Begrepp, Tillgänglighet).
"""

import functools
import inspect
import json
import os
from datetime import date
from urllib.parse import quote

import dash
import flask
import flask_compress
from dash import ALL, Dash, Input, Output, clientside_callback, dcc, html, set_props

from accounts import access, web
from data import db, meta, response_cache, versions
from data.db import NoWarehouse, UnknownVersion, WarehouseError, WarehouseUnreadable
from data.formatting import iso_date, submissions_text
from intake import web as intake_web
from ui.components import (
    CARRIED_PARAMS,
    URL_ID,
    as_of_banner,
    last_values,
    query_string,
    unknown_controls,
    unknown_filters,
    url_notice,
)

TITLE = "Styrkedjan"
ALERT_ID = "app-alert"  # the shell's message line: callbacks that cannot read the warehouse say so here
VERSION_PARAM = "version"  # ?version=<id>: the as-of view of one data version

# Every callback request carries the page address's data version, so the server pins the same version for it.
SEND_VERSION_JS = f"""function(payload) {{
    const version = new URLSearchParams(window.location.search).get({json.dumps(VERSION_PARAM)});
    if (version) {{ payload.data_version = version; }}
}}"""


def callback_failure(exc: Exception):
    """A callback that cannot read the warehouse answers with a Swedish message instead of an HTTP 500."""
    if not isinstance(exc, (WarehouseError, UnknownVersion)):
        raise exc
    set_props(ALERT_ID, {"children": unavailable_message(exc)})
    return None


app = Dash(
    __name__,
    use_pages=True,
    title=TITLE,
    update_title=None,
    serve_locally=True,
    external_stylesheets=[],
    external_scripts=[],
    # With False, Dash inlines every page's layout (built once, with that moment's data) into each index page
    # as a validation layout: 160 KB per load here. Pages create their components in layout(), so suppress.
    suppress_callback_exceptions=True,
    hooks={"request_pre": SEND_VERSION_JS},
    on_error=callback_failure,
    compress=False,  # flask-compress is set up below, with a memo of what it compressed
)
app.index_string = app.index_string.replace("<html>", '<html lang="sv">', 1)
# plotly.js: the pages get assets/plotly-4.1.1-custom.min.js (only the trace types we draw, ~440 kB gzip, built by
# scripts/build_plotly.sh), not plotly.py's full plotly.min.js (4.8 MB, ~1.4 MB gzip). Dash() registered the full
# one as a lazily loaded dcc resource; dcc.Graph fetches it only when window.Plotly is unset, and the assets define
# window.Plotly before Dash renders. Unregistered, its URL is refused (Dash's DependencyException), never sent.
dcc._js_dist[:] = [r for r in dcc._js_dist if r.get("namespace") != "plotly"]
server = app.server
# flask-compress: zstd/brotli/gzip for bundles, assets and callback responses when the browser accepts it. A body
# that is a pure function of its key (flask.g.compressed_key, set below) is compressed once per encoding.
COMPRESSED = response_cache.CompressedBodies()
server.config.update(
    COMPRESS_CACHE_BACKEND=lambda: COMPRESSED,
    COMPRESS_CACHE_KEY=lambda _request: flask.g.get("compressed_key", ""),
)
flask_compress.Compress(server)  # before every other after_request hook, so it runs after them
web.install(app)
intake_web.install(server)


def no_warehouse_page() -> html.Div:
    """Shown instead of a page when no warehouse has been published yet."""
    return html.Div(
        [
            html.H1("Det finns inget datalager ännu", className="page-title"),
            html.P("Styrkedjan visar nämndernas rapporter när de har lästs in. Inget har publicerats än."),
            html.P(
                [
                    "Läs in rapporter med ",
                    html.Code("python -m etl load MAPP"),
                    " eller bygg ett demolager med ",
                    html.Code("python -m etl demo"),
                    ". Sidan visar uppgifterna så snart lagret finns, utan omstart.",
                ]
            ),
        ],
        className="no-warehouse",
    )


def unreadable_page() -> html.Div:
    """Shown instead of a page when the published warehouse file cannot be read (corrupt, truncated, foreign)."""
    return html.Div(
        [
            html.H1("Datalagret kan inte läsas", className="page-title"),
            html.P(
                "Den publicerade datalagerfilen är skadad, avkortad eller kommer inte från Styrkedjan. "
                "Orsaken är skriven i serverns logg."
            ),
            html.P(
                [
                    "Publicera lagret på nytt med ",
                    html.Code("python -m etl load MAPP"),
                    ". Sidan visar uppgifterna igen så snart ett fungerande lager finns, utan omstart.",
                ]
            ),
        ],
        className="no-warehouse",
    )


def unknown_version_page(version: str, path: str) -> html.Div:
    """Shown when ?version= names a data version that the warehouse does not know."""
    return html.Div(
        [
            html.H1("Dataversionen finns inte", className="page-title"),
            html.P(f"Datalagret har ingen dataversion med id {version}. Kontrollera länken."),
            html.P(dcc.Link("Visa det senaste läget", href=path)),
        ],
        className="no-warehouse",
    )


def unavailable_message(exc: Exception) -> str:
    """The one-line Swedish message for a request that cannot be answered from the warehouse."""
    if isinstance(exc, NoWarehouse):
        return "Det finns inget datalager ännu. Uppgifterna visas när rapporter har lästs in."
    if isinstance(exc, UnknownVersion):
        return f"Dataversionen {exc.version} finns inte i datalagret. Välj det senaste läget i menyn."
    return "Datalagret kan inte läsas just nu. Ladda om sidan när ett fungerande lager har publicerats."


def _page_path(page: dict, query: dict) -> str:
    """The page's own path, with path variables (e.g. /projekt/<id>) filled in from the request."""
    path = page.get("path_template") or page["path"]
    for name, value in query.items():
        path = path.replace(f"<{name}>", quote(str(value), safe=""))
    return path


def _guard(page: dict):
    """Wrap a page layout, once for every page: repeated URL parameters keep their last value, global filter
    values the warehouse lacks and page-specific values the built page does not show get a Swedish notice instead
    of a silent fallback, access is checked (accounts.web),
    and a missing or unreadable warehouse or an unknown version gives a Swedish page instead of an error."""
    layout, template = page["layout"], page.get("path_template") or ""
    accepted = set(inspect.signature(layout).parameters)

    @functools.wraps(layout)
    def guarded(**query):
        query = last_values(query)
        version = query.get(VERSION_PARAM) or None
        try:
            with db.pinned(version):  # the layout and its notices read the requested data version
                checked, unknown = unknown_filters(query, accepted)
                content = web.guard_layout(page, layout, checked)
                path_variables = {k: v for k, v in query.items() if f"<{k}>" in template}
                shown = {k: v for k, v in checked.items() if k not in path_variables}
                here = _page_path(page, path_variables)
                notices = []
                if version:
                    latest = here + query_string(**{k: v for k, v in shown.items() if k != VERSION_PARAM})
                    notices.append(as_of_banner(versions.find(version), latest))
                unknown |= unknown_controls({k: v for k, v in shown.items() if k in accepted}, content)
                if unknown:
                    notices.append(url_notice(unknown, content, here, shown))
                return html.Div([*notices, content]) if notices else content
        except NoWarehouse:
            return no_warehouse_page()
        except WarehouseUnreadable:
            return unreadable_page()
        except UnknownVersion as exc:
            return unknown_version_page(exc.version, page["relative_path"])

    return guarded


for _page in dash.page_registry.values():
    if callable(_page["layout"]):
        _page["layout"] = _guard(_page)


def account_menu() -> html.Div:
    """Who is logged in and a log-out button (a plain form posting the session's anti-forgery token)."""
    user = access.current_user()
    if user is None:
        return html.Div()
    return html.Form(
        [
            html.Span(user.name, className="navbar-text text-white me-2", id="shell-user"),
            dcc.Input(type="hidden", name="csrf_token", value=web.csrf_token(), id="shell-csrf"),
            html.Button("Logga ut", type="submit", className="btn btn-light btn-sm", id="shell-logout"),
        ],
        action="/logout",
        method="POST",
        className="d-flex align-items-center ms-auto",
    )


def navbar() -> html.Header:
    """Brand and one link per registered page (in `order`), except nav=False pages and those the user may not use."""
    user = access.current_user()
    admin, submits = access.is_admin(user), access.submits(user)
    links = [
        html.Li(
            dcc.Link(page["name"], href=page["relative_path"], id={"type": "nav-link", "index": page["relative_path"]}),
            className="nav-item",
        )
        for page in dash.page_registry.values()
        if page.get("nav", True)
        and not page.get("path_template")
        and (admin or not web.is_admin_page(page))
        and (submits or not page.get(web.SUBMIT_FLAG))
    ]
    return html.Nav(
        html.Div(
            [
                dcc.Link(TITLE, href="/", className="navbar-brand"),
                html.Ul(links, className="navbar-nav flex-row flex-wrap gap-1"),
                account_menu(),
            ],
            className="container-fluid",
        ),
        className="navbar app-navbar px-2",
        **{"aria-label": "Huvudmeny"},
    )


def banner(info: meta.WarehouseInfo | None) -> list:
    """The demo banner when the warehouse holds invented data."""
    if info is None or not info.demo:
        return []
    return [html.Div("Demodata – påhittade siffror", className="demo-banner", id="demo-banner")]


def footer(info: meta.WarehouseInfo | None) -> html.Footer:
    """When the data was last loaded and from how many submissions."""
    if info is None:
        text = "Inget datalager är publicerat."
    else:
        counts = submissions_text(info.submissions, info.submitted, info.withdrawn)
        text = f"Data senast inläst {iso_date(info.loaded_at)} från {counts}."
    links = [
        html.Li(dcc.Link(page["name"], href=page["relative_path"]))
        for page in dash.page_registry.values()
        if page.get("footer")
    ]
    return html.Footer(
        html.Div(
            [html.P(text, className="mb-0", id="footer-text"), html.Ul(links, className="footer-links")],
            className="container-fluid d-flex flex-wrap justify-content-between gap-2",
        ),
        className="app-footer",
    )


def serve_layout() -> html.Div:
    """The shell around the page container, rebuilt per page load so banner and footer follow the warehouse."""
    try:
        info = meta.info()
    except WarehouseError:
        info = None
    return html.Div(
        [
            dcc.Location(id=URL_ID, refresh=False),
            html.A("Hoppa till innehållet", href="#main", className="visually-hidden-focusable"),
            html.Header([*banner(info), navbar()]),
            html.Div(id=ALERT_ID, role="alert", className="app-alert"),
            html.Main(html.Div(dash.page_container, className="container-fluid"), id="main", className="app-main"),
            footer(info),
        ]
    )


app.layout = serve_layout


@server.before_request
def pin_request() -> None:
    """Pin one warehouse file (and the requested data version) for everything this request reads."""
    version = flask.request.args.get(VERSION_PARAM)
    if flask.request.method == "POST" and flask.request.path.endswith("/_dash-update-component"):
        body = flask.request.get_json(silent=True)
        version = body.get("data_version") if isinstance(body, dict) else None
    flask.g.pin = db.begin(version if isinstance(version, str) else None)


RESPONSES = response_cache.ResponseCache()


def _response_key() -> tuple | None:
    body = flask.request.get_json(silent=True)
    if not isinstance(body, dict) or not response_cache.cacheable(str(body.get("output", ""))):
        return None
    try:
        version = db.version_key()
    except (WarehouseError, UnknownVersion):  # the callback itself answers with the Swedish message
        return None
    user = flask.g.get("user")
    return response_cache.key(version, user.name if user else "", date.today().isoformat(), flask.request.get_data())


@server.before_request
def answer_from_memo() -> flask.Response | None:
    """Answer a callback from the worker's memo when this data version, user, day and body were answered before."""
    if flask.request.method != "POST" or not flask.request.path.endswith("/_dash-update-component"):
        return None
    flask.g.response_key = _response_key()
    if flask.g.response_key:
        flask.g.compressed_key = repr(flask.g.response_key)
    stored = RESPONSES.get(flask.g.response_key) if flask.g.response_key else None
    if stored is None:
        return None
    flask.g.response_key = None  # answered from the memo: nothing to keep
    return flask.Response(stored.body, mimetype=stored.mimetype)


@server.after_request
def keep_in_memo(response: flask.Response) -> flask.Response:
    """Keep a successful callback response (before compression) for the next identical request."""
    entry_key = flask.g.pop("response_key", None)
    if entry_key and response.status_code == 200 and not response.direct_passthrough:
        RESPONSES.put(entry_key, response_cache.Stored(response.get_data(), response.mimetype))
    return response


@server.after_request
def name_static_body(response: flask.Response) -> flask.Response:
    """Let the compressed body of a Dash bundle or an asset be kept: a bundle by its (fingerprinted) path, an asset
    by its path and ETag. An asset is read whole instead of streamed, since flask-compress keeps only whole bodies."""
    path = flask.request.path
    if response.status_code != 200 or flask.request.method != "GET":
        return response
    if path.startswith("/_dash-component-suites/") and not response.is_streamed:
        flask.g.compressed_key = path
    elif path.startswith("/assets/") and response.get_etag()[0]:
        response.direct_passthrough = False
        response.make_sequence()
        flask.g.compressed_key = f"{path}:{response.get_etag()[0]}"
    return response


@server.teardown_request
def release_request(_exc) -> None:
    """Release the request's pinned cursor."""
    token = flask.g.pop("pin", None)
    if token is not None:
        db.end(token)


# Nav links keep the global filters and the data version (not page-specific ones) and mark the current page.
clientside_callback(
    f"""
    function(search, pathname) {{
        const keep = {json.dumps(CARRIED_PARAMS)};
        const params = new URLSearchParams(search || "");
        const carried = new URLSearchParams();
        keep.forEach((name) => {{ if (params.get(name)) {{ carried.set(name, params.get(name)); }} }});
        const query = carried.toString() ? "?" + carried.toString() : "";
        const outputs = dash_clientside.callback_context.outputs_list[0];
        const hrefs = outputs.map((o) => o.id.index + query);
        const classes = outputs.map((o) => o.id.index === pathname ? "nav-link active" : "nav-link");
        return [hrefs, classes];
    }}
    """,
    Output({"type": "nav-link", "index": ALL}, "href"),
    Output({"type": "nav-link", "index": ALL}, "className"),
    Input(URL_ID, "search"),
    Input(URL_ID, "pathname"),
)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8050")), debug=False)
