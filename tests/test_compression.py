"""The app compresses what it sends when the browser accepts gzip (flask-compress), each fixed body only once."""

import gzip
import re
from pathlib import Path

from accounts.testing import logged_in_client

ROOT = Path(__file__).resolve().parent.parent


def renderer_bundle(client) -> str:
    """The address of Dash's renderer bundle as the index page names it."""
    index = client.get("/").get_data(as_text=True)
    return re.search(r'<script src="([^"]*dash_renderer[^"]*)"', index).group(1)


def test_bundle_is_gzipped_when_asked(demo_read):
    import app

    client = logged_in_client(app.server)
    response = client.get(renderer_bundle(client), headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "max-age=31536000"


def test_bundle_is_plain_when_gzip_is_not_asked(demo_read):
    import app

    client = logged_in_client(app.server)
    response = client.get(renderer_bundle(client), headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


def test_an_asset_is_gzipped_for_a_gzip_only_browser_and_compressed_once(demo_read):
    import app

    client = logged_in_client(app.server)
    app.COMPRESSED.__init__()
    sent = [client.get("/assets/style.css", headers={"Accept-Encoding": "gzip"}) for _ in range(2)]
    assert [r.headers["Content-Encoding"] for r in sent] == ["gzip", "gzip"]
    assert gzip.decompress(sent[1].get_data()) == (ROOT / "assets" / "style.css").read_bytes()
    assert len(app.COMPRESSED) == 1
    again = client.get(
        "/assets/style.css", headers={"Accept-Encoding": "gzip", "If-None-Match": sent[0].headers["ETag"]}
    )
    assert again.status_code == 304
