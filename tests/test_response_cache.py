"""The worker's memo of callback responses is exact: keyed on the data version, the user, the day and the body,
so a publish, another user or another input is never answered with a stale response; downloads are never memoised."""

import gzip
import json
from datetime import datetime

import pytest

import app
from accounts import audit
from accounts.testing import logged_in_client
from data.response_cache import CompressedBodies, ResponseCache, Stored, cacheable
from tests.callback_http import callback_body
from tests.fixtures import publish
from tests.monthly_fixture import economy_workbooks
from tests.test_as_of_view import CORRECTION

PUBLISHED = datetime(2025, 10, 14, 7, 30)


def _total(response) -> float:
    return response.json["response"]["ekonomi-table"]["dashGridOptions"]["pinnedBottomRowData"][0]["outcome_ytd"]


@pytest.fixture
def warehouse(tmp_path, read_from):
    path = read_from(tmp_path / "w.duckdb")
    publish(path, economy_workbooks(), PUBLISHED, PUBLISHED, fresh=True)
    app.RESPONSES.__init__()  # an empty memo for this test
    return path


def test_identical_callbacks_are_answered_from_the_memo_until_a_publish(warehouse):
    client = logged_in_client(app.server)
    dependencies = client.get("/_dash-dependencies").json
    body = callback_body(dependencies, "ekonomi-kpis.children", ["2581", "2025-09", None, {}])

    first = client.post("/_dash-update-component", json=body)
    second = client.post("/_dash-update-component", json=body)
    assert (_total(first), _total(second), app.RESPONSES.hits, app.RESPONSES.misses) == (-1020.0, -1020.0, 1, 1)
    assert second.get_data() == first.get_data()

    publish(warehouse, [CORRECTION], PUBLISHED, PUBLISHED)
    assert _total(client.post("/_dash-update-component", json=body)) == -1120.0  # a new file: a miss, fresh data
    assert (app.RESPONSES.hits, app.RESPONSES.misses) == (1, 2)

    other_month = callback_body(dependencies, "ekonomi-kpis.children", ["2581", "2025-08", None, {}])
    client.post("/_dash-update-component", json=other_month)
    assert (app.RESPONSES.hits, app.RESPONSES.misses) == (1, 3)

    reader = logged_in_client(app.server, "memo-lasare", "reader", ["2581"])
    assert _total(reader.post("/_dash-update-component", json=body)) == -1120.0
    assert (app.RESPONSES.hits, app.RESPONSES.misses) == (1, 4)  # another user never shares an entry


def test_downloads_are_computed_and_audited_every_time(warehouse):
    client = logged_in_client(app.server, "memo-admin")
    dependencies = client.get("/_dash-dependencies").json
    body = callback_body(dependencies, "ekonomi-export-download.data", [1, "2581", "2025-09", None])
    for _ in range(2):
        assert client.post("/_dash-update-component", json=body).status_code == 200
    assert (app.RESPONSES.hits, app.RESPONSES.misses) == (0, 0)
    assert audit.entries(who="memo-admin", action="export")[1] == 2


def test_which_callbacks_may_be_memoised():
    assert [
        cacheable(output)
        for output in (
            "ekonomi-curve.figure",
            "..ekonomi-kpis.children...ekonomi-table.rowData..",
            "..ekonomi-export-download.data...ekonomi-status.children..",
            "admin-logg.rowData",
            "lamna-in-preview.children",
            '{"index":"/mal","type":"app-nav"}.active',
        )
    ] == [True, True, False, False, False, True]


def test_the_memo_keeps_the_most_recently_used_entries():
    memo = ResponseCache(entries=2)
    for name in ("a", "b"):
        memo.put((name,), Stored(name.encode(), "application/json"))
    assert memo.get(("a",)).body == b"a"
    memo.put(("c",), Stored(b"c", "application/json"))
    assert [memo.get((name,)) is not None for name in ("a", "b", "c")] == [True, False, True]
    memo.put(("huge",), Stored(b"x" * (1024 * 1024 + 1), "application/json"))
    assert memo.get(("huge",)) is None


def test_the_memo_is_bounded_by_its_total_bytes():
    memo = ResponseCache(entries=10, max_bytes=250)
    for name in ("a", "b", "c"):
        memo.put((name,), Stored(name.encode() * 100, "application/json"))
    assert [memo.get((name,)) is not None for name in ("a", "b", "c")] == [False, True, True]
    assert memo.size == 200
    memo.put(("b",), Stored(b"b" * 50, "application/json"))  # a replaced entry counts once
    assert memo.size == 150


def test_compressed_bodies_keep_only_named_responses_within_their_bytes():
    kept = CompressedBodies(max_bytes=100)
    kept.set("gzip;", b"x" * 10)  # no name: not a pure function of its request
    assert kept.get("gzip;") is None
    kept.set("gzip;/assets/a.css:1", b"a" * 60)
    kept.set("br;/assets/a.css:1", b"b" * 60)
    assert (kept.get("gzip;/assets/a.css:1"), kept.get("br;/assets/a.css:1")) == (None, b"b" * 60)


def test_a_memoised_callback_is_compressed_once(warehouse):
    client = logged_in_client(app.server)
    app.COMPRESSED.__init__()
    dependencies = client.get("/_dash-dependencies").json
    body = callback_body(dependencies, "ekonomi-kpis.children", ["2581", "2025-09", None, {}])
    sent = [client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"}) for _ in range(2)]
    assert [r.headers["Content-Encoding"] for r in sent] == ["gzip", "gzip"]
    assert sent[0].get_data() == sent[1].get_data()
    assert json.loads(gzip.decompress(sent[1].get_data())) == first_answer(client, body)
    assert len(app.COMPRESSED) == 1


def first_answer(client, body) -> dict:
    """The callback's answer without compression."""
    return client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"}).json
