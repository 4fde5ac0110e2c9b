"""Accounts, roles and the audit log (SQLite), and the web server's log-in and access guard.

`accounts.current_user()` is the logged-in user of the current request (also `flask.g.user`).
"""

from accounts.access import current_user, may_submit, require_municipality

__all__ = ["current_user", "may_submit", "require_municipality"]
