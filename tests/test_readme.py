"""Documentation that can drift is checked: every page, command and setting is in the README."""

import re
from pathlib import Path

import dash

from etl.__main__ import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def registered_pages() -> list[dict]:
    """dash.page_registry's entries, once the app has registered its pages."""
    import app  # noqa: F401  registers the pages

    return list(dash.page_registry.values())


def registered_paths() -> list[str]:
    """The URL of every registered page (its path template for pages with a path variable)."""
    return [page.get("path_template") or page["path"] for page in registered_pages()]


def test_every_page_is_in_the_readme():
    paths = registered_paths()
    assert "/" in paths and "/mal" in paths
    missing = [p for p in paths if f"`{p}`" not in README]
    assert missing == []


def test_every_etl_command_is_in_the_readme():
    assert sorted(COMMANDS) == [
        "calendar",
        "demo",
        "kolada",
        "load",
        "rebuild",
        "status",
        "template",
        "versions",
        "withdraw",
    ]
    missing = [name for name in COMMANDS if f"python -m etl {name}" not in README]
    assert missing == []


def test_every_setting_is_in_the_readme():
    names = set(re.findall(r'"(STYRKEDJAN_[A-Z_]+)"', (ROOT / "data" / "settings.py").read_text(encoding="utf-8")))
    assert len(names) >= 6
    missing = sorted(n for n in names if f"`{n}`" not in README)
    assert missing == []


def test_readme_gives_exactly_two_setup_commands():
    block = README.split("## Kom igång", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["bash scripts/start.sh", "bash scripts/test.sh"]
