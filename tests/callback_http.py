"""Dash callback requests as the browser sends them: the JSON body of POST /_dash-update-component."""


def callback_body(dependencies: list[dict], first_output: str, values: list, version: str | None = None) -> dict:
    """The body for the callback whose first output is first_output ('id.prop'); values: its inputs, then state.

    dependencies is the server's GET /_dash-dependencies; version is what the page's address carries (?version=).
    """
    spec = next(d for d in dependencies if d["output"].strip(".").split("...")[0] == first_output)
    fields = [*spec["inputs"], *spec["state"]]
    filled = [{**field, "value": value} for field, value in zip(fields, values, strict=True)]
    parts = [part.rsplit(".", 1) for part in spec["output"].strip(".").split("...")]
    outputs = [{"id": name, "property": prop} for name, prop in parts]
    body = {
        "output": spec["output"],
        "outputs": outputs if spec["output"].startswith("..") else outputs[0],
        "inputs": filled[: len(spec["inputs"])],
        "state": filled[len(spec["inputs"]) :],
        "changedPropIds": [f"{fields[0]['id']}.{fields[0]['property']}"],
    }
    if version:
        body["data_version"] = version
    return body


def page_body(dependencies: list[dict], pathname: str, search: str = "", version: str | None = None) -> dict:
    """The body of Dash Pages' routing callback that renders the page at pathname?search."""
    return callback_body(dependencies, "_pages_content.children", [pathname, search], version)
