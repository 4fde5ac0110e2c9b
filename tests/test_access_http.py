"""Log-in and access over real HTTP against gunicorn on the demo warehouse: refusals, 403s, headers, audit, fuzzing."""

import fcntl
import json
import random

import pytest
import requests

from accounts import audit, store
from tests.conftest import TEST_ADMIN
from tests.served import browsers_below, callback_body, csrf, gunicorn, log_in, master_pid

READER = ("lasare-pitea", "lasare-pitea-lösenord")
SUBMITTER = ("inlamnare-pitea", "inlamnare-pitea-lösenord")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="module")
def url(demo_db, accounts_db, reports):
    """gunicorn -w 2 on the demo warehouse, with a reader and a submitter of Piteå (2581) besides the admin."""
    if store.get(READER[0]) is None:
        store.add(READER[0], "reader", READER[1], ["2581"])
        store.add(SUBMITTER[0], "submitter", SUBMITTER[1], ["2581"], ["SN"])
    with gunicorn({"STYRKEDJAN_REPORTS": str(reports)}) as base:
        yield base


@pytest.fixture(scope="module")
def admin(url):
    return log_in(url, *TEST_ADMIN)


@pytest.fixture(scope="module")
def reader(url):
    return log_in(url, *READER)


@pytest.fixture(scope="module")
def dependencies(admin, url):
    return admin.get(url + "/_dash-dependencies", timeout=30).json()


def page_paths() -> list[str]:
    """Every page but the public accessibility statement."""
    import dash

    import app  # noqa: F401  registers the pages

    return [p.get("example_path") or p["path"] for p in dash.page_registry.values() if not p.get("public")]


def test_anonymous_requests_to_pages_layout_callbacks_and_downloads_are_refused(url, dependencies):
    anonymous = requests.Session()
    pages = {path: anonymous.get(url + path, allow_redirects=False, timeout=10) for path in page_paths()}
    assert "/admin/konton" in pages and "/tillganglighet" not in pages
    assert {p: (r.status_code, r.headers["Location"].split("?")[0]) for p, r in pages.items()} == {
        p: (302, "/login") for p in pages
    }
    for path in ("/_dash-layout", "/_dash-dependencies", "/_dash-component-suites/dash/dcc/dash_core_components.js"):
        assert anonymous.get(url + path, timeout=10).status_code == 401, path
    statuses = {
        spec["output"]: anonymous.post(url + "/_dash-update-component", json=callback_body(spec, {}), timeout=10)
        for spec in dependencies
        if not spec.get("clientside_function")
    }
    downloads = [key for key in statuses if "-download." in key]
    assert len(downloads) >= 6
    assert {key: r.status_code for key, r in statuses.items()} == dict.fromkeys(statuses, 401)
    assert "Styrkedjan" not in anonymous.get(url + "/ekonomi?kommun=2581", timeout=10).text.split("<title>")[0]


def test_the_accessibility_statement_is_public_and_the_log_in_page_links_to_it(url, admin):
    anonymous = requests.Session()
    login = anonymous.get(url + "/login", timeout=10).text
    assert '<ul class="footer-links"><li><a href="/tillganglighet">Tillgänglighet</a></li></ul>' in login
    statement = anonymous.get(url + "/tillganglighet", allow_redirects=False, timeout=10)
    assert (statement.status_code, statement.headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    text = statement.text
    assert "<title>Tillgänglighetsredogörelse – Styrkedjan</title>" in text
    assert '<h1 class="page-title">Tillgänglighetsredogörelse</h1>' in text
    assert '<h2 class="section-title">Kända brister</h2>' in text
    assert '<strong id="tillganglighet-contact">kommunens kontaktcenter</strong>' in text
    assert '<a class="btn btn-light btn-sm ms-auto" href="/login" id="public-login">Logga in</a>' in text
    assert "_dash-" not in text and "<script" not in text
    assert statement.headers["X-Frame-Options"] == "DENY"
    assert anonymous.post(url + "/tillganglighet", timeout=10).status_code == 401
    assert anonymous.get(url + "/begrepp", allow_redirects=False, timeout=10).status_code == 302
    logged_in = admin.get(url + "/tillganglighet", timeout=10).text
    assert "_dash-renderer" in logged_in and "page-title" not in logged_in  # the Dash page, with the navbar


def test_a_reader_of_2581_gets_403_for_the_economy_of_2463_by_url_and_by_forged_callback(reader, url, dependencies):
    assert reader.get(url + "/ekonomi?kommun=2581", timeout=10).status_code == 200
    by_url = reader.get(url + "/ekonomi?kommun=2463", timeout=10)
    assert (by_url.status_code, by_url.text) == (403, "Du har inte behörighet till den här kommunens uppgifter.")
    kpis = next(s for s in dependencies if s["output"].startswith("..ekonomi-kpis.") or "ekonomi-kpis." in s["output"])
    own = reader.post(
        url + "/_dash-update-component",
        json=callback_body(kpis, {"ekonomi-kommun": "2581", "ekonomi-period": "2025-09"}),
        timeout=30,
    )
    forged = reader.post(
        url + "/_dash-update-component",
        json=callback_body(kpis, {"ekonomi-kommun": "2463", "ekonomi-period": "2025-09"}),
        timeout=30,
    )
    router = next(s for s in dependencies if "_pages_content.children" in s["output"])
    layout = reader.post(
        url + "/_dash-update-component",
        json=callback_body(router, {"_pages_location": None})
        | {
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": "/ekonomi"},
                {"id": "_pages_location", "property": "search", "value": "?kommun=2463"},
            ]
        },
        timeout=30,
    )
    assert (own.status_code, forged.status_code, layout.status_code) == (200, 403, 403)
    refused = [e.target for e in audit.entries(who=READER[0], action="forbidden")[0]]
    assert refused[:3] == ["kommun 2463 på /ekonomi", "kommun 2463 i ekonomi-kommun", "kommun 2463 på /ekonomi"]


def test_a_reader_of_2581_gets_rapportlage_for_2581_and_403_for_another_municipality(reader, url, dependencies):
    assert reader.get(url + "/rapportlage?kommun=2581&visa=manad", timeout=10).status_code == 200
    assert reader.get(url + "/rapportlage?kommun=1980", timeout=10).status_code == 403
    table = next(s for s in dependencies if "rapportlage-table.rowData" in s["output"])
    export = next(s for s in dependencies if "rapportlage-export-download" in s["output"])
    values = {"rapportlage-period": "2026-10", "rapportlage-visa": "manad", "rapportlage-export": 1}
    answers = [
        reader.post(
            url + "/_dash-update-component",
            json=callback_body(spec, {**values, "rapportlage-kommun": code}),
            timeout=30,
        ).status_code
        for spec in (table, export)
        for code in ("2581", "1980")
    ]
    assert answers == [200, 403, 200, 403]


def test_a_reader_opens_on_own_municipality_sees_only_it_in_choosers_and_sees_the_network_pages(reader, url):
    router_values = {"pathname": "/ekonomi", "search": ""}
    body = {
        "output": "..._pages_content.children..._pages_store.data...",
        "inputs": [{"id": "_pages_location", "property": p, "value": v} for p, v in router_values.items()],
    }
    deps = reader.get(url + "/_dash-dependencies", timeout=10).json()
    router = next(s for s in deps if "_pages_content.children" in s["output"])
    body = callback_body(router, {}) | {"inputs": body["inputs"]}
    layout = json.dumps(reader.post(url + "/_dash-update-component", json=body, timeout=30).json())
    assert '"value": "2581"' in layout
    assert '"label": "Pite\\u00e5", "value": "2581"' in layout
    assert '"value": "2463"' not in layout
    for path in ("/forbattringsforslag?kommun=2463", "/jamforelse"):
        assert reader.get(url + path, timeout=10).status_code == 200, path
    assert reader.get(url + "/admin/logg", timeout=10).status_code == 403
    assert reader.get(url + "/admin/konton", timeout=10).status_code == 403


def test_an_admin_lists_the_accounts_read_only(admin, url):
    router = next(s for s in admin.get(url + "/_dash-dependencies").json() if "_pages_content" in s["output"])
    body = callback_body(router, {}) | {
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": "/admin/konton"},
            {"id": "_pages_location", "property": "search", "value": ""},
        ]
    }
    layout = admin.post(url + "/_dash-update-component", json=body, timeout=30).json()
    grid = json.dumps(layout, ensure_ascii=False)
    rows = json.loads(grid.split('"rowData": ')[1].split("]", 1)[0] + "]")
    by_name = {row["name"]: row for row in rows}
    assert by_name[READER[0]] == {
        "name": READER[0],
        "role": "Läsare",
        "municipalities": "2581",
        "committees": "–",
        "source": "Lösenord",
        "state": "Aktivt",
    }
    assert (by_name[SUBMITTER[0]]["role"], by_name[SUBMITTER[0]]["committees"]) == ("Inlämnare", "SN")
    assert (by_name[TEST_ADMIN[0]]["role"], by_name[TEST_ADMIN[0]]["municipalities"]) == ("Administratör", "alla")
    assert "argon2" not in grid and READER[1] not in grid and TEST_ADMIN[1] not in grid  # no hashes, no passwords


def test_log_in_without_or_with_a_wrong_csrf_token_is_refused(url):
    session = requests.Session()
    missing = session.post(url + "/login", data={"username": TEST_ADMIN[0], "password": TEST_ADMIN[1]}, timeout=10)
    token = csrf(session, url)
    wrong = session.post(
        url + "/login", data={"username": TEST_ADMIN[0], "password": TEST_ADMIN[1], "csrf_token": token + "x"}
    )
    other = requests.Session()  # a token from another browser's session is no good either
    data = {"username": TEST_ADMIN[0], "password": TEST_ADMIN[1], "csrf_token": token}
    stolen = other.post(url + "/login", data=data, timeout=10)
    assert (missing.status_code, wrong.status_code, stolen.status_code) == (400, 400, 400)
    assert "giltig kontrollkod" in missing.text


def test_security_headers_and_cookie_flags(url):
    session = requests.Session()
    login = session.get(url + "/login", timeout=10)
    cookie = login.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    headers = login.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["script-src"].startswith("'self' 'sha256-")
    assert "http" not in headers["Content-Security-Policy"]
    assert "unsafe" not in csp["script-src"]


def test_cookie_is_secure_behind_an_https_proxy(demo_db, tmp_path):
    with gunicorn({"STYRKEDJAN_PROXY_HOPS": "1", "STYRKEDJAN_REPORTS": str(tmp_path)}, workers=1) as base:
        direct = requests.get(base + "/login", timeout=10)
        proxied = requests.get(base + "/login", headers={"X-Forwarded-Proto": "https"}, timeout=10)
    assert "Secure" not in direct.headers["Set-Cookie"]
    assert "; Secure" in proxied.headers["Set-Cookie"]
    assert proxied.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_failed_log_ins_lock_the_name_out(url):
    name = SUBMITTER[0]
    session = requests.Session()
    codes = []
    for password in ["fel-1", "fel-2", "fel-3", "fel-4", "fel-5", SUBMITTER[1]]:
        data = {"username": name, "password": password, "csrf_token": csrf(session, url)}
        codes.append(session.post(url + "/login", data=data, allow_redirects=False, timeout=30).status_code)
    assert codes == [401, 401, 401, 401, 401, 429]
    failed = [(e.target, e.detail) for e in audit.entries(action="login_failed", text=name)[0]]
    assert failed[0] == (name, "spärrat efter upprepade fel")
    assert failed[1] == (name, "fel namn eller lösenord")
    store.reset_password(name, SUBMITTER[1])  # an admin lifts the lock
    assert log_in(url, *SUBMITTER).get(url + "/", timeout=10).status_code == 200


def test_log_out_ends_the_session_for_good(url):
    session = log_in(url, *READER)
    copied = dict(session.cookies)
    page = session.get(url + "/", timeout=10).text
    assert page.count("Styrkedjan") >= 1
    token = session.get(url + "/login", timeout=10).text.split('name="csrf_token" value="')[1].split('"')[0]
    out = session.post(url + "/logout", data={"csrf_token": token}, allow_redirects=False, timeout=10)
    assert (out.status_code, out.headers["Location"]) == (303, "/login")
    replay = requests.get(url + "/_dash-layout", cookies=copied, timeout=10)
    assert replay.status_code == 401


def test_a_30_mb_callback_body_is_refused(admin, url):
    body = b'{"output": "x.y", "inputs": [], "padding": "' + b"a" * (30 * 1024 * 1024) + b'"}'
    response = admin.post(
        url + "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}, timeout=60
    )
    assert response.status_code == 413


def test_exports_are_audited_with_who_what_and_from_where(reader, url, dependencies):
    export = next(s for s in dependencies if s["output"] == "projekt-export-download.data")
    values = {"projekt-export": 1, "projekt-kommun": "2581", "projekt-period": "2025-09"}
    response = reader.post(url + "/_dash-update-component", json=callback_body(export, values), timeout=60)
    assert response.status_code == 200
    line = audit.entries(who=READER[0], action="export")[0][0]
    assert (line.target, line.remote, line.label) == ("projekt-export-download", "127.0.0.1", "Export")
    assert line.detail.startswith("kommun 2581 ")


def test_report_downloads_use_the_slot_and_are_audited_only_when_handed_out(reader, url, dependencies, reports):
    spec = next(s for s in dependencies if "ekonomi-report-download.data" in s["output"])
    values = {"ekonomi-report-pdf": 1, "ekonomi-kommun": "2581", "ekonomi-period": "2025-09"}
    body = callback_body(spec, values) | {"changedPropIds": ["ekonomi-report-pdf.n_clicks"]}
    (reports / ".slots").mkdir(exist_ok=True)
    with open(reports / ".slots" / "slot-0.lock", "a") as held:  # another worker is rendering a report
        fcntl.flock(held, fcntl.LOCK_EX)
        busy = reader.post(url + "/_dash-update-component", json=body, timeout=60)
        fcntl.flock(held, fcntl.LOCK_UN)
    assert busy.status_code == 200
    assert busy.json()["response"] == {
        "ekonomi-report-status": {"children": "Servern skapar redan andra rapporter just nu. Försök igen om en stund."}
    }
    assert audit.entries(who=READER[0], action="report")[1] == 0
    made = reader.post(url + "/_dash-update-component", json=body, timeout=120)
    assert made.json()["response"]["ekonomi-report-download"]["data"]["type"] == "application/pdf"
    assert browsers_below(master_pid(int(url.rsplit(":", 1)[1]))) == []  # drawn in a child that has ended
    line = audit.entries(who=READER[0], action="report")[0][0]
    assert (line.target, line.label, line.detail[:12]) == ("ekonomi-report-download", "Rapport hämtad", "kommun 2581 ")


FORGERIES = [
    lambda spec: "inte json",
    lambda spec: [],
    lambda spec: {"output": spec["output"]} | {"inputs": "x"},
    lambda spec: {"output": spec["output"] + "x", "inputs": [], "state": []},
    lambda spec: callback_body(spec, {}) | {"inputs": []},
    lambda spec: callback_body(spec, {}) | {"state": [{"id": "x", "property": "y"}] * 3},
    lambda spec: callback_body(spec, {}) | {"outputs": None},
    lambda spec: callback_body(spec, {}) | {"outputs": [{"id": 1}]},
]
VALUES = [None, 0, -1, 10**20, 1.5, "", "2581", "9999", "'; drop table x; --", "2025-13", [], ["2581"], {}, {"a": 1}]


def test_fuzzed_callbacks_get_400_or_403_never_500(admin, url, dependencies):
    chooser = random.Random(14)
    specs = [s for s in dependencies if not s.get("clientside_function") and "report-download" not in s["output"]]
    statuses = []
    for spec in specs:
        for forge in FORGERIES:
            body = forge(spec)
            data = body if isinstance(body, str) else json.dumps(body)
            statuses.append(
                admin.post(
                    url + "/_dash-update-component",
                    data=data,
                    headers={"Content-Type": "application/json"},
                    timeout=60,
                ).status_code
            )
        ids = [d["id"] for d in spec["inputs"] + spec["state"] if isinstance(d["id"], str)]
        for _ in range(20):
            values = {i: chooser.choice(VALUES) for i in ids}
            statuses.append(
                admin.post(url + "/_dash-update-component", json=callback_body(spec, values), timeout=60).status_code
            )
    counts = {code: statuses.count(code) for code in sorted(set(statuses))}
    assert len(statuses) >= 800
    assert counts.get(500, 0) == 0, counts
