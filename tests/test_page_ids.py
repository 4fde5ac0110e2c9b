"""Every callback's ids exist in a page layout and carry that page's prefix (fast: no browser, issue 11).

Each page's layout is rendered on the demo (as its example path asks); the app's shell layout holds the ids every
page shares. A callback whose Input, Output or State names an id no layout renders fails in the browser only
(e.g. a filter callback registered with committee=True for a filter bar without the committee chooser); here it
fails at once.
"""

import json
import sys
from urllib.parse import parse_qsl, urlsplit

import dash
import dash._callback
import pytest
from dash._utils import split_callback_id
from dash.development.base_component import Component

# Ids a callback puts into the page (a confirmation step after an upload), so no layout holds them before it runs.
RENDERED_BY_CALLBACKS = {"lamna-in-bekrafta", "lamna-in-angra", "lamna-in-skal"}


def component_ids(root) -> list:
    """Every id in a layout tree, in any property that holds components (children, headers, tabs...)."""
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
        elif isinstance(node, Component):
            found += [node.id] if getattr(node, "id", None) is not None else []
            stack.extend(getattr(node, prop, None) for prop in node._prop_names)
    return found


def layout_kwargs(page: dict) -> dict:
    """The query of a page's example path, and its path variable, as layout() keywords."""
    url = urlsplit(page.get("example_path") or page["path"])
    kwargs = dict(parse_qsl(url.query))
    if page.get("path_template"):
        kwargs["id"] = url.path.rsplit("/", 1)[1]
    return kwargs


def prefix(module: str) -> str:
    """A page module's id prefix: its PREFIX, else its module name (sammantrade -> 'sammantrade')."""
    return getattr(sys.modules[module], "PREFIX", None) or module.rsplit(".", 1)[1].replace("_", "-")


def name(component_id) -> str:
    """The id itself, or a pattern-matching id's type."""
    return component_id["type"] if isinstance(component_id, dict) else component_id


def wildcard(component_id) -> bool:
    """A MATCH/ALL/ALLSMALLER id: it may match no component at all (Dash allows that)."""
    return isinstance(component_id, dict) and any(isinstance(v, list) for v in component_id.values())


def callback_ids(entry: dict) -> list:
    """Every Output, Input and State id of one registered callback (pattern ids as dicts)."""
    outputs = split_callback_id(entry["output"])
    texts = [o["id"].split("@")[0] for o in (outputs if isinstance(outputs, list) else [outputs])]
    texts += [dependency["id"] for dependency in entry["inputs"] + entry["state"]]
    return [json.loads(t) if t.startswith("{") else t for t in texts]


@pytest.fixture(scope="module")
def layouts(demo_path):
    """{page prefix: ids in its layout}, and the shell's ids, all rendered on the demo warehouse."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STYRKEDJAN_DB", str(demo_path))
        import app

        pages = {}
        for module, page in dash.page_registry.items():
            layout = page["layout"](**layout_kwargs(page)) if callable(page["layout"]) else page["layout"]
            pages[prefix(module)] = component_ids(layout)
        shell = app.app.layout() if callable(app.app.layout) else app.app.layout
        return pages, component_ids(shell)


def registered() -> list[dict]:
    """Every registered callback: Dash moves the global list into the app's own when it first serves a request."""
    import app

    return dash._callback.GLOBAL_CALLBACK_LIST + app.app._callback_list


def key(component_id) -> str:
    """A comparable form of a plain or pattern-matching id."""
    return json.dumps(component_id, sort_keys=True) if isinstance(component_id, dict) else component_id


def test_every_callback_id_is_in_its_page_layout_and_carries_its_prefix(layouts):
    pages, shell = layouts
    shared = {name(i) for i in shell}
    problems = []
    for entry in registered():
        ids = [i for i in callback_ids(entry) if name(i) not in shared]
        owners = {max((p for p in pages if name(i).startswith(f"{p}-")), key=len, default=None) for i in ids}
        if None in owners or len(owners) > 1:
            problems.append(f"{sorted(name(i) for i in ids)}: not one page's prefix")
            continue
        found = {key(i) for i in pages[owners.pop()]} if ids else set()
        problems += [
            f"{key(i)}: no such component in its page's layout"
            for i in ids
            if not wildcard(i) and key(i) not in found and i not in RENDERED_BY_CALLBACKS
        ]
    assert problems == []
    assert len(registered()) > 50


def test_the_ids_rendered_by_callbacks_are_still_used(layouts):
    used = {name(i) for entry in registered() for i in callback_ids(entry)}
    assert used >= RENDERED_BY_CALLBACKS
