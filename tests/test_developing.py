"""docs/DEVELOPING.md stands on its own: its page table matches the page modules, and it points only inside the repo."""

import ast
import re
from pathlib import Path

from tests.test_readme import registered_pages, registered_paths

ROOT = Path(__file__).resolve().parent.parent
DEVELOPING = ROOT / "docs" / "DEVELOPING.md"
# Modules every page uses; the table leaves them out.
SHARED = {
    "data/meta.py",
    "data/formatting.py",
    "data/periods.py",
    "data/vocabulary.py",
    "data/settings.py",
    "ui/components.py",
    "ui/figures.py",
    "ui/export.py",
}


def page_table() -> dict[str, tuple[str, set[str]]]:
    """URL -> (page module, the data/, ui/ and reports/ modules its row names)."""
    rows = re.findall(r"^\| `(/[^`]*)` \| `(pages/\w+\.py)` \|(.*)\|$", DEVELOPING.read_text(encoding="utf-8"), re.M)
    return {url: (page, set(re.findall(r"`((?:data|ui|reports)/\w+\.py)`", rest))) for url, page, rest in rows}


def imported_modules(page: str) -> set[str]:
    """The data/, ui/ and reports/ modules a page module imports, as paths."""
    found = set()
    for node in ast.walk(ast.parse((ROOT / page).read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("data", "ui", "reports"):
            if "." in node.module:
                found.add(node.module.replace(".", "/") + ".py")
            else:
                found |= {f"{node.module}/{alias.name}.py" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.replace(".", "/") + ".py" for a in node.names if a.name.split(".")[0] in ("data", "ui")}
    return {path for path in found if (ROOT / path).exists()}


def test_the_table_has_a_row_for_every_page_module():
    pages = {f"{page['module'].replace('.', '/')}.py" for page in registered_pages()}
    assert {page for page, _ in page_table().values()} == pages


def test_each_row_names_exactly_the_modules_its_page_imports():
    wrong = {
        url: (sorted(listed), sorted(imported_modules(page) - SHARED))
        for url, (page, listed) in page_table().items()
        if listed != imported_modules(page) - SHARED
    }
    assert wrong == {}


def test_the_urls_are_the_registered_paths():
    assert set(page_table()) == set(registered_paths())


def test_developer_docs_point_only_to_files_in_the_repository():
    docs = [DEVELOPING, *(ROOT / "docs").glob("*.md")]
    outside = [f"{doc.name}: {ref}" for doc in docs for ref in re.findall(r"\.\./[\w./-]+", doc.read_text("utf-8"))]
    assert outside == []
    named = set(re.findall(r"`docs/(\w+\.md)`", DEVELOPING.read_text(encoding="utf-8")))
    assert sorted(name for name in named if not (ROOT / "docs" / name).exists()) == []
    assert named >= {"domain.md", "style.md", "environment.md", "rapportformat.md"}
