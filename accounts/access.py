"""Who may see and do what: the one place the role and municipality rules live.

- reader: the pages of their own municipality (or municipalities) and the network pages for the whole network
- submitter: as reader, and submits reports for their committees in their municipalities
- admin: everything, manages accounts and reads the audit log

Pages never call these themselves: accounts/web.py checks every layout's `kommun` and every callback's
municipality inputs centrally. `require_municipality` is for server code outside Dash (routes, downloads).
"""

from flask import g, has_request_context
from werkzeug.exceptions import Forbidden

from accounts import audit
from accounts.store import User


def current_user() -> User | None:
    """The logged-in user of this request (flask.g.user), None outside a request or when not logged in."""
    return getattr(g, "user", None) if has_request_context() else None


def sees_all(user: User | None) -> bool:
    """Whether the user sees every municipality's own pages (admins)."""
    return user is not None and user.role == "admin"


def may_see(user: User | None, municipality: str | None) -> bool:
    """Whether the user may see this municipality's own pages; None (no choice made) is always allowed."""
    if user is None:
        return False
    return municipality is None or sees_all(user) or municipality in user.municipalities


def visible_here(codes: list[str]) -> list[str]:
    """The codes (in their order) the current request's user may see; all of them outside a web request (CLI)."""
    if not has_request_context():
        return list(codes)
    user = current_user()
    return [code for code in codes if may_see(user, code)]


def default_municipality(user: User | None) -> str | None:
    """The municipality a page opens on when the URL names none: the user's own (first) one; None for admins."""
    if user is None or sees_all(user) or not user.municipalities:
        return None
    return user.municipalities[0]


def may_submit(user: User | None, municipality: str, committee: str) -> bool:
    """Whether the user may submit reports for this committee of this municipality."""
    if user is None or user.disabled:
        return False
    if user.role == "admin":
        return True
    return user.role == "submitter" and municipality in user.municipalities and committee in user.committees


def submits(user: User | None) -> bool:
    """Whether the user submits reports at all (a submitter or an admin): who sees /lamna-in."""
    return user is not None and not user.disabled and user.role in ("submitter", "admin")


def is_admin(user: User | None) -> bool:
    """Whether the user manages accounts and reads the audit log."""
    return user is not None and user.role == "admin" and not user.disabled


def deny(what: str) -> Forbidden:
    """Log a refused access and return the 403 to raise."""
    audit.record("forbidden", target=what)
    return Forbidden("Du har inte behörighet till den här kommunens uppgifter.")


def require_municipality(municipality: str | None, what: str = "") -> None:
    """Raise a logged 403 unless the current user may see this municipality's own pages."""
    if not may_see(current_user(), municipality):
        raise deny(f"kommun {municipality} {what}".strip())
