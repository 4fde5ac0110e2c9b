"""The session cookie is signed again only when the session changed or its expiry is due to move on."""

from accounts.hardening import REFRESHED
from accounts.testing import logged_in_client


def test_log_in_sets_the_cookie_and_the_next_requests_leave_it(demo_read):
    import app

    client = logged_in_client(app.server)
    assert "Set-Cookie" in client.get("/_dash-layout").headers  # the page's first form token changes the session
    for path in ("/assets/style.css", "/_dash-layout", "/assets/style.css"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers


def test_the_cookie_moves_on_when_its_refresh_is_due(demo_read):
    import app

    client = logged_in_client(app.server)
    client.get("/_dash-layout")
    interface, server = app.server.session_interface, app.server
    cookie = client.get_cookie("styrkedjan_session")
    session = interface.get_signing_serializer(server).loads(cookie.value)
    session[REFRESHED] = 0  # last moved on long ago
    client.set_cookie("styrkedjan_session", interface.get_signing_serializer(server).dumps(session))
    response = client.get("/assets/style.css")
    assert "styrkedjan_session=" in response.headers["Set-Cookie"]
    assert "Expires=" in response.headers["Set-Cookie"]
    assert "Set-Cookie" not in client.get("/assets/style.css").headers
    assert client.get("/_dash-layout").status_code == 200  # still logged in with the new cookie


def test_log_out_removes_the_cookie(demo_read):
    import app

    client = logged_in_client(app.server)
    token = client.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303
    assert "styrkedjan_session=;" in response.headers["Set-Cookie"]
    assert client.get("/_dash-layout").status_code == 401
