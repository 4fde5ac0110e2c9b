"""/lamna-in's routes over real HTTP under gunicorn: size limit, who may hand in, CSRF, preview, publish, rejection."""

import hashlib
import json
import time
from datetime import date

import duckdb
import openpyxl
import pytest
import requests
from openpyxl import load_workbook

from accounts import audit, store
from tests.conftest import TEST_ADMIN
from tests.intake_files import bad_report, good_report
from tests.served import csrf, gunicorn, log_in

READER = ("lasare-lamna", "lasare-lamna-lösenord")
SUBMITTER = ("inlamnare-sn", "inlamnare-sn-lösenord")
OTHER = ("inlamnare-ks", "inlamnare-ks-lösenord")
LIMIT_MB = 1
NUMBER = "Skriv ett tal här, t.ex. 1\u00a0234,5 (decimalkomma, minus som -)."
STATUS = "Värdet finns inte i listan. Välj ett av: Öppen, Åtgärd pågår, Stängd."
BUDGET = (
    "Nämndens årsbudget för 2026-11 (−684\u00a0981\u00a0tkr) skiljer sig 25\u00a0% från rapporten för 2026-10 "
    "(−914\u00a0687\u00a0tkr). Kontrollera att beloppen är i tkr och gäller hela året."
)


@pytest.fixture(scope="module")
def served(demo_path, tmp_path_factory):
    """gunicorn -w 2 on a copy of the demo warehouse with a 1 MB upload limit; its folders."""
    folder = tmp_path_factory.mktemp("intake")
    db = folder / "warehouse.duckdb"
    db.write_bytes(demo_path.read_bytes())
    for name, role, password, committees in (
        (READER[0], "reader", READER[1], []),
        (SUBMITTER[0], "submitter", SUBMITTER[1], ["SN"]),
        (OTHER[0], "submitter", OTHER[1], ["KS"]),
    ):
        if store.get(name) is None:
            store.add(name, role, password, ["2581"], committees)
    env = {
        "STYRKEDJAN_DB": str(db),
        "STYRKEDJAN_ARCHIVE": str(folder / "archive"),
        "STYRKEDJAN_UPLOADS": str(folder / "uploads"),
        "STYRKEDJAN_MAX_UPLOAD_MB": str(LIMIT_MB),
    }
    with gunicorn(env) as url:
        yield url, folder


def logged_in(url: str, name: str, password: str) -> requests.Session:
    """A logged-in session carrying its anti-forgery token (as the page hands it to its script)."""
    session = log_in(url, name, password)
    session.csrf = csrf(session, url)
    return session


def hand_in(session, url, body: bytes, name: str, kommun="2581", namnd="SN", csrf=None):
    return session.post(
        f"{url}/lamna-in/fil?kommun={kommun}&namnd={namnd}",
        data=body,
        headers={"X-CSRF-Token": csrf if csrf is not None else session.csrf, "X-File-Name": name},
        timeout=60,
    )


def publish(session, url, job: str) -> requests.Response:
    return session.post(f"{url}/lamna-in/jobb/{job}/publicera", headers={"X-CSRF-Token": session.csrf}, timeout=10)


def settled(session, url, job: str, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        state = session.get(f"{url}/lamna-in/jobb/{job}", timeout=10).json()
        if state["status"] not in ("reading", "publishing") or time.monotonic() > deadline:
            return state
        time.sleep(0.2)


def warehouse_rows(db) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select max(submission_id), count(*), max(value) from submission, meta "
                           "where key = 'data_version'").fetchall()  # fmt: skip


def audit_lines(action: str) -> list[tuple[str, str]]:
    return [(e.who, e.target) for e in audit.entries(action=action)[0]]


def test_a_file_over_the_limit_gets_413_with_a_swedish_message_and_leaves_only_the_audit_line(served, tmp_path):
    url, folder = served
    submitter = logged_in(url, *SUBMITTER)
    before = (folder / "warehouse.duckdb").read_bytes()
    response = hand_in(submitter, url, b"x" * (LIMIT_MB * 1024 * 1024 + 1), "stor.xlsx")
    assert response.status_code == 413
    assert response.json() == {
        "status": "too_large",
        "file_name": "stor.xlsx",
        "message": "Filen är 1,0\u00a0MB, större än gränsen 1,0\u00a0MB. Ta bort bilder och blad som inte hör till "
        "rapporten, eller dela upp den.",
    }
    assert (folder / "warehouse.duckdb").read_bytes() == before
    assert not any((folder / "uploads").glob("*"))
    assert audit_lines("upload")[0] == (SUBMITTER[0], "stor.xlsx")


def test_a_reader_and_a_submitter_of_another_committee_get_403_and_are_audited(served, tmp_path):
    url, _ = served
    body = good_report(tmp_path / "sn.xlsx").read_bytes()
    reader, other = logged_in(url, *READER), logged_in(url, *OTHER)
    refused = hand_in(reader, url, body, "sn.xlsx")
    assert (refused.status_code, refused.text) == (403, "Du har inte behörighet till den här kommunens uppgifter.")
    assert hand_in(other, url, body, "sn.xlsx").status_code == 403
    assert audit_lines("forbidden")[:2] == [(OTHER[0], "inlämning för 2581 SN"), (READER[0], "inlämning för 2581 SN")]
    assert reader.get(f"{url}/lamna-in/mall?kommun=2581&namnd=SN", timeout=10).status_code == 403
    assert reader.get(f"{url}/lamna-in?kommun=2581", timeout=10).status_code == 403
    assert other.get(f"{url}/lamna-in?kommun=2581", timeout=10).status_code == 200


def test_a_submitter_of_ks_handing_in_an_sn_file_for_ks_gets_the_file_refused(served, tmp_path):
    url, _ = served
    other = logged_in(url, *OTHER)
    job = hand_in(other, url, good_report(tmp_path / "sn.xlsx").read_bytes(), "sn.xlsx", namnd="KS").json()["job"]
    state = settled(other, url, job)
    assert state["status"] == "rejected"
    assert [p["message"] for p in state["problems"] if p["kind"] == "error"] == [
        "Filen gäller nämnd SN i kommun 2581, som du inte får lämna in för. Kontrollera bladet Om rapporten, "
        "eller be en administratör om behörighet."
    ]


def test_without_the_anti_forgery_token_nothing_is_received(served, tmp_path):
    url, _ = served
    submitter = logged_in(url, *SUBMITTER)
    body = good_report(tmp_path / "sn.xlsx").read_bytes()
    for sent in ("", "fel-kod"):
        refused = hand_in(submitter, url, body, "sn.xlsx", csrf=sent)
        assert (refused.status_code, refused.text) == (
            400,
            "Formuläret saknar giltig kontrollkod. Ladda om sidan och försök igen.",
        )


def test_a_bad_file_leaves_the_warehouse_byte_for_byte_and_gets_located_messages_and_a_marked_copy(served, tmp_path):
    url, folder = served
    submitter = logged_in(url, *SUBMITTER)
    before = (folder / "warehouse.duckdb").read_bytes()
    response = hand_in(submitter, url, bad_report(tmp_path / "fel.xlsx").read_bytes(), "fel.xlsx")
    assert response.status_code == 202
    state = settled(submitter, url, response.json()["job"])
    assert state["status"] == "rejected"
    assert [(p["kind"], p["sheet"], p["row"], p["column"], p["header"], p["value"], p["message"])
            for p in state["problems"]] == [
        ("error", "Ekonomi", 3, "E", "Utfall", "mycket", NUMBER),
        ("error", "Avvikelser", 2, "I", "Status", "Pågående kanske", STATUS),
        ("warning", "Ekonomi", 2, "C", "Årsbudget", "-403229", BUDGET),
    ]  # fmt: skip
    marked = submitter.get(f"{url}/lamna-in/jobb/{response.json()['job']}/granskad.xlsx", timeout=10)
    assert marked.status_code == 200
    (tmp_path / "granskad.xlsx").write_bytes(marked.content)
    book = openpyxl.load_workbook(tmp_path / "granskad.xlsx")
    cells = {(ws.title, c.coordinate): (c.fill.fgColor.rgb, c.comment.text) for ws in book for row in ws.iter_rows()
             for c in row if c.comment}  # fmt: skip
    assert cells == {
        ("Ekonomi", "E3"): ("00FFC7CE", "Fel: " + NUMBER),
        ("Ekonomi", "C2"): ("00FFEB9C", "Varning: " + BUDGET),
        ("Avvikelser", "I2"): ("00FFC7CE", "Fel: " + STATUS),
    }  # fmt: skip
    assert (folder / "warehouse.duckdb").read_bytes() == before
    assert logged_in(url, *OTHER).get(f"{url}/lamna-in/jobb/{response.json()['job']}", timeout=10).status_code == 404


def test_a_good_file_is_previewed_then_published_as_a_new_data_version_with_a_receipt(served, tmp_path):
    url, folder = served
    submitter = logged_in(url, *SUBMITTER)
    report = good_report(tmp_path / "2581_SN_2026-11.xlsx")
    sha = hashlib.sha256(report.read_bytes()).hexdigest()
    before_rows = warehouse_rows(folder / "warehouse.duckdb")
    job = hand_in(submitter, url, report.read_bytes(), report.name).json()["job"]
    state = settled(submitter, url, job)
    assert {k: state[k] for k in ("status", "identity", "rows", "before", "after", "supersedes", "problems")} == {
        "status": "preview",
        "identity": {"municipality": "2581", "committee": "SN", "period": "2026-11", "municipality_name": "Piteå",
                     "committee_name": "Socialnämnden"},
        "rows": [{"sheet": "Ekonomi", "added": 4, "replaced": 0}, {"sheet": "Avvikelser", "added": 1, "replaced": 0}],
        "before": {"deviation_ytd": None, "forecast_deviation": None, "goals_met": 2, "goals_assessed": 3,
                   "open_deviations": 2},
        "after": {"deviation_ytd": -25593.0, "forecast_deviation": -24313.0, "goals_met": 2, "goals_assessed": 3,
                  "open_deviations": 3},
        "supersedes": None,
        "problems": [],
    }  # fmt: skip
    assert warehouse_rows(folder / "warehouse.duckdb") == before_rows
    assert publish(submitter, url, job).status_code == 202
    done = settled(submitter, url, job)
    receipt = done["receipt"]
    assert (done["status"], receipt["sha256"], receipt["submission_id"]) == ("published", sha, before_rows[0][0] + 1)
    after_rows = warehouse_rows(folder / "warehouse.duckdb")
    assert after_rows[0][:2] == (before_rows[0][0] + 1, before_rows[0][1] + 1)
    assert after_rows[0][2] == receipt["data_version"] != before_rows[0][2]
    assert (folder / "archive" / sha[:2] / f"{sha}.xlsx").read_bytes() == report.read_bytes()
    journal = [json.loads(line) for line in (folder / "archive" / "journal.jsonl").read_text().splitlines()]
    assert [(e["action"], e.get("by")) for e in journal[-2:]] == [("load", SUBMITTER[0]), ("publish", None)]
    page = submitter.get(f"{url}/ekonomi?kommun=2581&period=2026-11", timeout=30)
    assert page.status_code == 200
    line = audit.entries(action="publish")[0][0]
    assert (line.who, line.target) == (SUBMITTER[0], report.name)
    assert json.loads(line.detail.split(" ", 4)[4]) == receipt


def test_two_submitters_publishing_at_once_are_serialised_and_both_succeed(served, tmp_path):
    url, folder = served
    submitter, admin = logged_in(url, *SUBMITTER), logged_in(url, *TEST_ADMIN)
    december = good_report(tmp_path / "sn-dec.xlsx", {"Period": "2026-12", "Rapportdatum": date(2027, 1, 8)})
    ks = good_report(tmp_path / "ks-nov.xlsx", {"Nämnd": "Kommunstyrelsen"})
    jobs = [
        (submitter, hand_in(submitter, url, december.read_bytes(), december.name).json()["job"]),
        (admin, hand_in(admin, url, ks.read_bytes(), ks.name, namnd="KS").json()["job"]),
    ]
    states = [settled(session, url, job) for session, job in jobs]
    assert [s["status"] for s in states] == ["preview", "preview"], [s.get("message") for s in states]
    assert [publish(session, url, job).status_code for session, job in jobs] == [202, 202]  # both run at once
    receipts = [settled(session, url, job)["receipt"] for session, job in jobs]
    ids = sorted(r["submission_id"] for r in receipts)
    assert ids[1] == ids[0] + 1
    with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as con:
        stored = con.execute(
            "select committee_code, period from in_force(null) where submission_id in (?, ?) order by 1", ids
        ).fetchall()
    assert stored == [("KS", "2026-11"), ("SN", "2026-12")]


def test_the_template_comes_filled_in_for_the_committee_and_a_cancelled_file_leaves_only_the_audit_line(
    served, tmp_path
):
    url, folder = served
    submitter = logged_in(url, *SUBMITTER)
    template = submitter.get(f"{url}/lamna-in/mall?kommun=2581&namnd=SN", timeout=30)
    assert template.headers["Content-Disposition"] == 'attachment; filename="rapportmall-2581-SN.xlsx"'
    (tmp_path / "mall.xlsx").write_bytes(template.content)
    about = load_workbook(tmp_path / "mall.xlsx")["Om rapporten"]
    assert [(about.cell(r, 1).value, about.cell(r, 2).value) for r in range(1, 4)] == [
        ("Kommunkod", "2581"),
        ("Kommun", "Piteå"),
        ("Nämnd", "Socialnämnden"),
    ]
    assert submitter.get(f"{url}/lamna-in/mall?kommun=2581&namnd=KS", timeout=30).status_code == 403
    report = good_report(tmp_path / "avbryts.xlsx", {"Period": "2027-01", "Rapportdatum": date(2027, 2, 8)})
    job = hand_in(submitter, url, report.read_bytes(), report.name).json()["job"]
    assert settled(submitter, url, job)["status"] == "preview"
    cancelled = submitter.post(
        f"{url}/lamna-in/jobb/{job}/avbryt", headers={"X-CSRF-Token": submitter.csrf}, timeout=10
    )
    assert cancelled.json() == {"status": "cancelled"}
    assert not (folder / "uploads" / job).exists()
    assert submitter.get(f"{url}/lamna-in/jobb/{job}", timeout=10).status_code == 404
    assert audit_lines("upload")[:2] == [(SUBMITTER[0], "avbryts.xlsx"), (SUBMITTER[0], "avbryts.xlsx")]
    assert audit.entries(action="upload")[0][0].detail == "avbruten, kommun 2581"
