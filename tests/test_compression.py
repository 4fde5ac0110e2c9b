"""The app compresses what it sends when the browser accepts gzip (Dash compress=True with flask-compress)."""

import re

from accounts.testing import logged_in_client


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
