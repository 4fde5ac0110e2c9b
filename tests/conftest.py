"""Shared test setup: a temporary accounts database, headless Chromium for dash_duo, the steering warehouse."""

import pytest
from selenium.webdriver.chrome.options import Options

from tests import steering_fixture

TEST_ADMIN = ("test-admin", "test-admin-lösenord-1")


@pytest.fixture(scope="session", autouse=True)
def accounts_db(tmp_path_factory):
    """Every test runs against its own accounts database with one admin (TEST_ADMIN), never data/accounts.sqlite."""
    from accounts import store

    path = tmp_path_factory.mktemp("accounts") / "accounts.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STYRKEDJAN_ACCOUNTS", str(path))
        store.add(TEST_ADMIN[0], "admin", TEST_ADMIN[1])
        yield path


def pytest_setup_options():
    """dash[testing] hook: Debian Chromium, headless, Swedish, and no lookups of Google hosts at start."""
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in (
        "--headless=new",
        "--window-size=1280,1024",
        "--lang=sv-SE",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    return options


def session_warehouse(tmp_path_factory, name: str):
    """Where a warehouse built once per session lives: warehouse.duckdb in a temporary folder of its own."""
    return tmp_path_factory.mktemp(name) / "warehouse.duckdb"


def demo_warehouse(path, *options: str):
    """`python -m etl demo --db path *options`: the demo warehouse at path."""
    from etl.__main__ import main

    assert main(["demo", "--db", str(path), *options]) == 0
    return path


@pytest.fixture(scope="session")
def steering_path(tmp_path_factory):
    """The steering fixture warehouse (tests/steering_fixture.py), built once per session."""
    return steering_fixture.build(session_warehouse(tmp_path_factory, "steering"))


@pytest.fixture
def read_from(monkeypatch):
    """A function that points the read side (STYRKEDJAN_DB) at a warehouse file for this test and returns the path."""

    def point(path):
        monkeypatch.setenv("STYRKEDJAN_DB", str(path))
        return path

    return point


@pytest.fixture
def steering_db(steering_path, read_from):
    """Point the read side at the steering fixture warehouse."""
    return read_from(steering_path)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    """The network demo warehouse (python -m etl demo), built once per session."""
    return demo_warehouse(session_warehouse(tmp_path_factory, "demo"))


@pytest.fixture(scope="session")
def national_path(tmp_path_factory):
    """The national demo: `python -m etl demo --kommuner 290 --from 2022-01 --to 2026-12`, built once per session."""
    path = session_warehouse(tmp_path_factory, "national")
    return demo_warehouse(path, "--kommuner", "290", "--from", "2022-01", "--to", "2026-12")


@pytest.fixture(scope="session")
def demo_db(demo_path):
    """The demo warehouse with STYRKEDJAN_DB pointing at it for the rest of the session (servers started once)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STYRKEDJAN_DB", str(demo_path))
        yield demo_path


@pytest.fixture
def demo_read(demo_path, read_from):
    """Point the read side at the demo warehouse (shared by the session: read it, never change it)."""
    return read_from(demo_path)
