"""The web server's log-in and access guard, installed once on the Dash app by app.py (`install(app)`).

Everything but `/login*`, `/assets/` and the public pages needs a log-in. The guard is central, pages never check
anything:
- a page registered with public=True (the accessibility statement, which the law wants open to everyone) is served
  to anonymous visitors as plain HTML without Dash (`ui.static_html`); logged-in users get the Dash page;
- a page address with `?kommun=` the user may not see is refused (403 and an audit line) before Dash runs;
- every callback body is checked before Dash dispatches it: its shape against the registered callback, and every
  input and state whose id ends in `-kommun` (a code or a list of codes) against the user's municipalities;
  the network pages (register_page(..., network=True)) are shared by design and exempt;
- ids starting with `admin-` and pages under /admin need an admin; pages registered with submit=True (/lamna-in)
  need a submitter or an admin;
- the page layout guard (`guard_layout`, used by app.py) opens a reader's pages on their own municipality and
  refuses a layout whose municipality chooser ended up on one the user may not see;
- downloads (outputs whose id ends in `-download`) are written to the audit log.
"""

import hmac
import json
import re
import secrets
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import dash
from dash import html as html_components
from flask import Response, g, has_request_context, redirect, render_template_string, request, session
from markupsafe import Markup
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from accounts import access, audit, hardening, sessions, store
from data import settings
from ui import static_html

PUBLIC_PREFIXES = ("/login", "/assets/", "/_favicon.ico")
CALLBACK_PATH = "/_dash-update-component"
DASH_PREFIX = "/_dash-"
ADMIN_ID_PREFIX = "admin-"
ADMIN_PATH = "/admin"
NETWORK_FLAG = "network"
PUBLIC_FLAG = "public"
SUBMIT_FLAG = "submit"  # register_page(..., submit=True): only for submitters and admins (/lamna-in)
LOGIN_TEMPLATE = (Path(__file__).parent / "login.html").read_text(encoding="utf-8")
SHELL_TEMPLATE = (Path(__file__).parent / "shell.html").read_text(encoding="utf-8")


# --- Pages and their rules ------------------------------------------------------------------------------------------


def page_for(path: str) -> dict | None:
    """The registered page serving this URL path (templates like /projekt/<id> included)."""
    path = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        template = page.get("path_template")
        if template:
            pattern = "^" + re.sub(r"<[^>]+>", "[^/]+", template.rstrip("/")) + "$"
            if re.match(pattern, path):
                return page
        elif (page["path"].rstrip("/") or "/") == path:
            return page
    return None


def _network_prefixes() -> tuple[str, ...]:
    """Component id prefixes of the network pages (the module name, e.g. 'jamforelse-')."""
    return tuple(
        page["module"].rsplit(".", 1)[-1] + "-" for page in dash.page_registry.values() if page.get(NETWORK_FLAG)
    )


def is_admin_page(page: dict | None) -> bool:
    """Pages under /admin are for admins only."""
    return page is not None and page["path"].startswith(ADMIN_PATH)


def _check_page(page: dict | None, kommun, path: str = "") -> None:
    user = g.user
    if (is_admin_page(page) or path.startswith(ADMIN_PATH)) and not access.is_admin(user):
        raise access.deny(f"sidan {path or page['path']}")
    if page is not None and page.get(SUBMIT_FLAG) and not access.submits(user):
        raise access.deny(f"sidan {page['path']}")
    if page is not None and page.get(NETWORK_FLAG):
        return
    for code in kommun if isinstance(kommun, list) else [kommun]:
        if not access.may_see(user, code):
            raise access.deny(f"kommun {code} på {page['path'] if page else '?'}")


def guard_layout(page: dict, layout, kwargs: dict):
    """Build a page layout for the current user: own municipality by default, 403 for anyone else's.

    Outside a web request (tests, benchmarks building a layout directly) nothing is restricted.
    """
    if not has_request_context() or page.get(PUBLIC_FLAG):
        return layout(**kwargs)
    _check_page(page, kwargs.get("kommun"))
    if not kwargs.get("kommun"):
        default = access.default_municipality(g.user)
        if default:
            kwargs = {**kwargs, "kommun": default}
    built = layout(**kwargs)
    if not page.get(NETWORK_FLAG) and hasattr(built, "_traverse"):
        for component in built._traverse():
            cid = getattr(component, "id", None)
            if isinstance(cid, str) and cid.endswith("-kommun"):
                _check_page(page, getattr(component, "value", None))
    return built


# --- Log-in, log-out ---------------------------------------------------------------------------------------------


def csrf_token() -> str:
    """The session's anti-forgery token for forms (log-in and log-out)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf(sent: str | None) -> None:
    """Refuse (400) a form or script request without the session's anti-forgery token."""
    if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
        raise BadRequest("Formuläret saknar giltig kontrollkod. Ladda om sidan och försök igen.")


def _check_csrf() -> None:
    check_csrf(request.form.get("csrf_token", ""))


def safe_next(target: str | None) -> str:
    """Only local paths are followed after log-in (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _warehouse_is_demo() -> bool:
    from data import meta
    from data.db import WarehouseError

    try:
        return meta.info().demo
    except WarehouseError:
        return False


def public_pages() -> list[dict]:
    """The pages anyone may read without logging in (register_page(..., public=True))."""
    return [page for page in dash.page_registry.values() if page.get(PUBLIC_FLAG)]


def _shell(title: str, content: str, status: int = 200, login_link: bool = False) -> Response:
    """A page outside Dash (log-in, public pages) in the app's look, with the public pages in its footer."""
    links = [(page["name"], page["relative_path"]) for page in public_pages()]
    html = render_template_string(
        SHELL_TEMPLATE, title=title, content=Markup(content), links=links, login_link=login_link
    )
    return Response(html, status=status, mimetype="text/html")


def public_page(page: dict) -> Response:
    """A public page for an anonymous visitor: its layout as plain HTML, with a link to log in."""
    content = static_html.to_html(html_components.Div(page["layout"](), className="container-fluid"))
    return _shell(page["title"], content, login_link=True)


def login_page(error: str | None = None, status: int = 200, name: str = "") -> Response:
    """The Swedish log-in form; on demo data it lists the demo accounts."""
    demo = store.demo_accounts() if _warehouse_is_demo() else []
    form = render_template_string(
        LOGIN_TEMPLATE,
        error=error,
        name=name,
        csrf_token=csrf_token(),
        next=safe_next(request.values.get("next")),
        sso=settings.oidc(),
        demo=[(u.name, store.ROLE_LABELS[u.role], ", ".join(u.municipalities) or "alla", p) for u, p in demo],
        idle=settings.session_idle_minutes(),
        notice=request.args.get("utloggad"),
    )
    return _shell("Logga in – Styrkedjan", form, status)


def start_session(user: store.User) -> None:
    """Log the user in: a fresh session (no fixation), audited."""
    session.clear()
    session.permanent = True
    session["sid"] = sessions.open_session(user.name, request.remote_addr or "")
    g.user = user
    audit.record("login_ok", target=user.name, detail=user.source)


def login_post() -> Response:
    """Check the form: anti-forgery token, lock-out, password; then start a session."""
    _check_csrf()
    name = request.form.get("username", "").strip()[:100]
    password = request.form.get("password", "")
    locked = store.locked_until(name)
    if locked:
        audit.record("login_failed", target=name, detail="spärrat efter upprepade fel", who=name or "(tomt)")
        return login_page(f"För många misslyckade försök. Försök igen efter {locked.strftime('%H:%M')} UTC.", 429, name)
    user = store.authenticate(name, password)
    if user is not None and user.source == "demo" and not _warehouse_is_demo():
        user = None
    if user is None:
        audit.record("login_failed", target=name, detail="fel namn eller lösenord", who=name or "(tomt)")
        return login_page("Fel användarnamn eller lösenord.", 401, name)
    start_session(user)
    return redirect(safe_next(request.form.get("next")), code=303)


def logout() -> Response:
    """End the session (POST with the form's token)."""
    _check_csrf()
    if g.get("user"):
        audit.record("logout", target=g.user.name)
    sessions.close_session(session.get("sid"))
    session.clear()
    return redirect("/login", code=303)


# --- Before each request --------------------------------------------------------------------------------------------


def _refuse_anonymous() -> Response:
    if request.path.startswith(DASH_PREFIX) or request.method != "GET":
        return Response("Logga in först.", status=401, mimetype="text/plain")
    target = request.full_path.rstrip("?") if request.query_string else request.path
    return redirect("/login?next=" + quote(target, safe="/"), code=302)


def _identify() -> Response | None:
    """Set g.user from the session; anonymous requests to anything but the public paths are refused."""
    g.user = None
    if request.path.startswith(PUBLIC_PREFIXES):
        g.user = sessions.session_user(session.get("sid"), settings.session_idle_minutes())
        return None
    user = sessions.session_user(session.get("sid"), settings.session_idle_minutes())
    if user is not None and user.source == "demo" and not _warehouse_is_demo():
        user = None
    if user is None:
        if session.get("sid"):
            session.pop("sid", None)
        page = page_for(request.path) if request.method == "GET" else None
        if page is not None and page.get(PUBLIC_FLAG):
            return public_page(page)
        return _refuse_anonymous()
    g.user = user
    return None


def _values(items) -> list[tuple]:
    """(id, property, value) of every input/state item, pattern-matching groups flattened."""
    out = []
    for item in items:
        if isinstance(item, list):
            out += _values(item)
        elif isinstance(item, dict) and "id" in item and "property" in item:
            out.append((item["id"], item["property"], item.get("value")))
        else:
            raise BadRequest("Ogiltig begäran.")
    return out


def _id_text(cid) -> str:
    return cid if isinstance(cid, str) else json.dumps(cid, sort_keys=True)


def check_callback() -> None:
    """Shape and access check of a callback body before Dash dispatches it (400 malformed, 403 forbidden)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        raise BadRequest("Ogiltig begäran.")
    inputs, state = body.get("inputs", []), body.get("state", [])
    if not isinstance(inputs, list) or not isinstance(state, list):
        raise BadRequest("Ogiltig begäran.")
    spec = hardening.callback_spec(body["output"])
    if spec is None:
        raise BadRequest("Okänt återanrop.")
    items = _values(inputs) + _values(state)
    hardening.check_shape(spec, inputs, state)
    network = _network_prefixes()
    for cid, prop, value in items:
        name = _id_text(cid)
        if name.startswith(ADMIN_ID_PREFIX) and not access.is_admin(g.user):
            raise access.deny(f"återanrop {name}")
        if name == "_pages_location" and prop == "search" and isinstance(value, str):
            path = next((v for c, p, v in items if c == "_pages_location" and p == "pathname"), None)
            path = path if isinstance(path, str) else ""
            _check_page(page_for(path), parse_qs(urlsplit(value).query).get("kommun"), path)
        elif isinstance(cid, str) and cid.endswith("-kommun") and not cid.startswith(network):
            codes = value if isinstance(value, list) else [value]
            if not all(v is None or isinstance(v, str) for v in codes):
                raise BadRequest("Ogiltigt kommunvärde.")
            for code in codes:
                if not access.may_see(g.user, code):
                    raise access.deny(f"kommun {code} i {cid}")
    if hardening.download_ids(body["output"]):
        g.download = (body["output"], {_id_text(c): v for c, _, v in items if isinstance(v, str | int | None)})


def before_request() -> Response | None:
    """Body limit, identification, admin pages, ?kommun= on page addresses, callback checks."""
    hardening.limit_body()
    refused = _identify()
    if refused is not None:
        return refused
    if request.path == CALLBACK_PATH and request.method == "POST":
        check_callback()
    elif request.method == "GET" and not request.path.startswith((DASH_PREFIX, *PUBLIC_PREFIXES)):
        page = page_for(request.path)
        _check_page(page, request.args.getlist("kommun") or None, request.path)
    return None


def after_request(response: Response) -> Response:
    """Audit downloads that were handed out; security headers on every response."""
    download = g.get("download")
    if download and response.status_code == 200 and not response.is_streamed:
        output, values = download
        sent = response.get_data(as_text=True)
        for target in hardening.download_ids(output):
            if f'"{target}"' not in sent:  # no_update: nothing was handed out (e.g. the report slots were busy)
                continue
            action = "report" if "report" in target else "export"
            kommun = next((v for k, v in values.items() if k.endswith("-kommun")), "")
            audit.record(action, target=target, detail=f"kommun {kommun} " + json.dumps(values)[:1500])
    return hardening.secure_headers(response)


def handle_error(error: Exception):
    """HTTP errors as themselves (Swedish text), an unknown bundle a 404, a failing callback a 400: never a 500."""
    if isinstance(error, HTTPException):
        if isinstance(error, Forbidden | RequestEntityTooLarge | BadRequest) and request.path != CALLBACK_PATH:
            return Response(error.description, status=error.code, mimetype="text/plain")
        return error
    if isinstance(error, dash.exceptions.DependencyException):
        return Response("Filen finns inte.", status=404, mimetype="text/plain")  # a bundle Dash does not serve
    if request.path == CALLBACK_PATH:
        dash.get_app().server.logger.exception("callback failed on %s", request.get_data(as_text=True)[:300])
        return Response("Ogiltig begäran.", status=400, mimetype="text/plain")
    raise error


# --- Installation -------------------------------------------------------------------------------------------------


def install(app: dash.Dash) -> None:
    """Turn on log-in, access checks, audit, security headers and body limits for the Dash app."""
    server = app.server
    if settings.proxy_hops():
        hops = settings.proxy_hops()
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    server.session_interface = hardening.SessionInterface()
    server.config.update(
        SESSION_COOKIE_NAME="styrkedjan_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=settings.session_idle_minutes() * 60,
        MAX_CONTENT_LENGTH=settings.max_request_bytes(),
    )
    server.add_url_rule("/login", "login", lambda: login_page(), methods=["GET"])
    server.add_url_rule("/login", "login_post", login_post, methods=["POST"])
    server.add_url_rule("/logout", "logout", logout, methods=["POST"])
    if settings.oidc():
        from accounts import oidc

        oidc.install(server)
    server.before_request(before_request)
    server.after_request(after_request)
    server.register_error_handler(Exception, handle_error)
