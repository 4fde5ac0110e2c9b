"""Plain HTML from a tree of Dash html components, for the public pages served before log-in (no Dash scripts).

Only html.* components and dcc.Link are rendered; anything else (a graph, a dropdown, a callback's target) raises
ValueError, so a public page stays a page of text and links. Every text and attribute value is escaped.
"""

from markupsafe import Markup, escape

HTML_NAMESPACE = "dash_html_components"
VOID = {"br", "hr", "wbr"}
ATTRIBUTES = {"id": "id", "className": "class", "href": "href", "title": "title", "role": "role"}


def _attributes(props: dict) -> str:
    parts = [
        f' {name}="{escape(props[prop])}"'
        for prop, name in ATTRIBUTES.items()
        if isinstance(props.get(prop), str) and props[prop]
    ]
    parts += [f' {key}="{escape(value)}"' for key, value in props.items() if key.startswith("aria-")]
    return "".join(parts)


def to_html(node) -> Markup:
    """The component tree as escaped HTML: text, html.* elements (by their own tag) and dcc.Link as <a>."""
    if node is None:
        return Markup("")
    if isinstance(node, str | int | float):
        return escape(str(node))
    if isinstance(node, list | tuple):
        return Markup("").join(to_html(child) for child in node)
    tree = node.to_plotly_json()
    kind, props = tree["type"], tree["props"]
    if tree["namespace"] == HTML_NAMESPACE:
        tag = kind.lower()
    elif (tree["namespace"], kind) == ("dash_core_components", "Link"):
        tag = "a"
    else:
        raise ValueError(f"{tree['namespace']}.{kind} cannot be rendered without Dash")
    if tag in VOID:
        return Markup(f"<{tag}{_attributes(props)}>")
    return Markup(f"<{tag}{_attributes(props)}>{to_html(props.get('children'))}</{tag}>")
