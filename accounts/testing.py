"""For tests and benchmarks: log a Flask test client in through the real log-in form."""

import re
import secrets

from accounts import store


def log_in(client, name: str, password: str):
    """Post the log-in form (with its anti-forgery token) as a browser would; returns the response."""
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"username": name, "password": password, "csrf_token": token})


def logged_in_client(server, name: str = "bench-admin", role: str = "admin", municipalities=(), committees=()):
    """A test client of server logged in as an account made for it (created with a random password)."""
    password = secrets.token_urlsafe(16)
    if store.get(name) is None:
        store.add(name, role, password, municipalities, committees)
    else:
        store.reset_password(name, password)
    client = server.test_client()
    response = log_in(client, name, password)
    if response.status_code != 303:
        raise RuntimeError(f"log-in as {name} failed with {response.status_code}")
    return client
