"""HTTP hardening: security headers and Content-Security-Policy, session cookie flags, body limits, callback shape.

The CSP allows scripts from the app itself plus the hashes of the inline scripts Dash writes into its index page
(the renderer start and inline clientside callbacks, `Dash.csp_hashes()`), nothing from other hosts.
"""

import functools
import json
import re
import time

import dash
from flask import request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import BadRequest

from accounts import sessions, store
from data import settings

REFRESHED = "_refreshed"  # when the cookie's expiry last moved on (epoch seconds)
LARGE_BODY_PATHS: set[str] = set()  # paths that take uploads get STYRKEDJAN_MAX_UPLOAD_MB instead


class SessionInterface(SecureCookieSessionInterface):
    """The signed session cookie, `Secure` whenever the request came over https (also behind a proxy)."""

    def open_session(self, app, request):
        """Read the session; the secret is read (or generated) on the first request, not at import."""
        if not app.secret_key:
            app.secret_key = store.secret_key()
        return super().open_session(app, request)

    def should_set_cookie(self, app, session) -> bool:
        """A changed session, or a log-in whose expiry is due to move on: as often as its last-seen time, not on
        every request (signing a cookie costs more than serving a small static file)."""
        stamp = int(time.time())
        due = session.permanent and stamp - session.get(REFRESHED, 0) >= sessions.TOUCH_EVERY.total_seconds()
        if session.permanent and (due or session.modified):
            session[REFRESHED] = stamp
        return session.modified or due

    def get_cookie_secure(self, app) -> bool:
        """Secure when served over https (X-Forwarded-Proto counts when STYRKEDJAN_PROXY_HOPS is set)."""
        return request.is_secure


def limit_body() -> None:
    """Refuse request bodies over STYRKEDJAN_MAX_REQUEST_MB (upload paths: STYRKEDJAN_MAX_UPLOAD_MB plus base64)."""
    if request.path in LARGE_BODY_PATHS:
        request.max_content_length = settings.max_upload_bytes() * 4 // 3 + 64 * 1024


@functools.cache
def _csp() -> str:
    hashes = " ".join(dash.get_app().csp_hashes())
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def secure_headers(response):
    """CSP, no framing, no MIME sniffing, no referrer to other sites; no caching of anything but static files."""
    response.headers["Content-Security-Policy"] = _csp()
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    if not request.path.startswith(("/assets/", "/_dash-component-suites/")):
        response.headers["Cache-Control"] = "no-store"
    return response


def callback_spec(output: str) -> dict | None:
    """The registered callback whose output key a request names, or None."""
    return dash.get_app().callback_map.get(output)


def _matches(expected: dict, item) -> bool:
    if isinstance(expected["id"], str) and not expected["id"].startswith("{"):
        sent = (item.get("id"), item.get("property")) if isinstance(item, dict) else None
        return sent == (expected["id"], expected["property"])
    items = item if isinstance(item, list) else [item]
    return all(isinstance(i, dict) and isinstance(i.get("id"), dict) for i in items)


def check_shape(spec: dict, inputs: list, state: list) -> None:
    """Inputs and state must be exactly the registered ones, in order (a forged body gets 400, not 500)."""
    for expected, sent in ((spec.get("inputs", []), inputs), (spec.get("state", []), state)):
        if len(expected) != len(sent) or not all(_matches(e, s) for e, s in zip(expected, sent, strict=True)):
            raise BadRequest("Återanropets indata stämmer inte med sidan.")
        for item in sent:
            try:
                json.dumps(item, allow_nan=False)
            except ValueError:
                raise BadRequest("Ogiltigt värde.") from None


def download_ids(output: str) -> list[str]:
    """The outputs of a callback that hand out a file (ids ending in -download)."""
    return re.findall(r"([A-Za-z0-9_-]+-download)\.", output)
