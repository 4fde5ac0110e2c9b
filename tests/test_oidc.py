"""Single sign-on: a full OpenID Connect log-in round trip against a real provider (npm oidc-provider) in node."""

import re
import subprocess
from html import unescape

import pytest
import requests

from accounts import audit, oidc, store
from tests.served import ROOT, free_port, gunicorn

CLIENT_ID, CLIENT_SECRET = "styrkedjan", "klienthemlighet-for-test"


def test_role_map_and_grants():
    mapping = oidc.parse_role_map("Pitea.Lasare=reader:2581; Pitea.SN=submitter:2581,0884:SN ;Admin=admin")
    assert mapping == {
        "Pitea.Lasare": ("reader", ("2581",), ()),
        "Pitea.SN": ("submitter", ("2581", "0884"), ("SN",)),
        "Admin": ("admin", (), ()),
    }
    assert oidc.grant({"roles": ["Pitea.Lasare", "Pitea.SN", "x"]}, "roles", mapping) == (
        "submitter",
        ("0884", "2581"),
        ("SN",),
    )
    assert oidc.grant({"roles": "Admin"}, "roles", mapping) == ("admin", (), ())
    assert oidc.grant({"roles": ["x"]}, "roles", mapping) is None
    assert oidc.grant({}, "roles", mapping) is None
    with pytest.raises(ValueError, match="ogiltig post 'X=chef'"):
        oidc.parse_role_map("X=chef")


@pytest.fixture(scope="module")
def provider_and_app(demo_db, tmp_path_factory):
    """The node provider and gunicorn with single sign-on pointed at it."""
    app_port, provider_port = free_port(), free_port()
    issuer = f"http://127.0.0.1:{provider_port}"
    node = subprocess.Popen(
        ["node", str(ROOT / "tests" / "oidc" / "provider.mjs")],
        env={
            "PORT": str(provider_port),
            "REDIRECT_URI": f"http://127.0.0.1:{app_port}/login/sso/callback",
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert node.stdout.readline().strip() == "ready"
        env = {
            "STYRKEDJAN_OIDC_ISSUER": issuer,
            "STYRKEDJAN_OIDC_CLIENT_ID": CLIENT_ID,
            "STYRKEDJAN_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "STYRKEDJAN_OIDC_SCOPE": "openid profile",
            "STYRKEDJAN_OIDC_ROLE_MAP": "Pitea.Lasare=reader:2581",
            "STYRKEDJAN_OIDC_NAME": "Testkommunens inloggning",
            "STYRKEDJAN_REPORTS": str(tmp_path_factory.mktemp("reports")),
        }
        with gunicorn(env, workers=1, port=app_port) as url:
            yield url
    finally:
        node.terminate()
        node.wait(timeout=10)


def _submit(session: requests.Session, page: requests.Response, **fields) -> requests.Response:
    """Post the page's first form with its own hidden fields plus the given ones, following redirects."""
    action = unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1))
    hidden = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page.text))
    return session.post(requests.compat.urljoin(page.url, action), data={**hidden, **fields}, timeout=30)


def sso_log_in(url: str, login: str) -> tuple[requests.Session, requests.Response]:
    """Start at the app, log in at the provider's own form, consent, and come back to the app."""
    session = requests.Session()
    page = session.get(url + "/login", timeout=30)
    assert 'href="/login/sso?next=/"' in page.text and "Logga in med Testkommunens inloggning" in page.text
    at_provider = session.get(url + "/login/sso?next=/ekonomi", timeout=30)
    assert at_provider.url.startswith(url.rsplit(":", 1)[0]) and "/interaction/" in at_provider.url
    consent = _submit(session, at_provider, login=login, password="vad-som-helst")
    back = _submit(session, consent) if "/interaction/" in consent.url else consent
    return session, back


def test_single_sign_on_round_trip_against_a_real_provider(provider_and_app):
    url = provider_and_app
    session, back = sso_log_in(url, "kommun.anna")
    assert back.status_code == 200
    assert back.url == url + "/ekonomi"
    assert session.get(url + "/_dash-layout", timeout=30).status_code == 200
    assert session.get(url + "/ekonomi?kommun=2463", timeout=30).status_code == 403
    user = store.get("kommun.anna")
    assert (user.role, user.municipalities, user.source) == ("reader", ("2581",), "sso")
    line = audit.entries(who="kommun.anna", action="login_ok")[0][0]
    assert (line.target, line.detail) == ("kommun.anna", "sso")


def test_single_sign_on_without_a_mapped_role_is_refused(provider_and_app):
    url = provider_and_app
    session, back = sso_log_in(url, "kommun.utan.roll")
    assert back.status_code == 401
    assert "kontot har ingen roll i Styrkedjan" in back.text
    assert session.get(url + "/_dash-layout", timeout=30).status_code == 401
    assert store.get("kommun.utan.roll") is None
