"""The comparison group chooser ("Jämför med") shared by the comparison pages: radio buttons and a custom list."""

from dash import dcc, html

from data import groups
from data.formatting import count
from data.groups import Group
from ui.network_tables import radio_group

CUSTOM_LABEL = "Egen lista"


def group_controls(prefix: str, municipality: str | None, chosen: Group, kommuner: str | None) -> html.Div:
    """`<prefix>-grupp` (radio) and `<prefix>-kommuner` (codes, comma-separated) for ?grupp=&kommuner=."""
    options = [{"label": g.label, "value": g.key} for g in groups.choices(municipality)]
    options.append({"label": CUSTOM_LABEL, "value": "egen"})
    custom = html.Div(
        [
            html.Label("Egen lista: kommunkoder med kommatecken, t.ex. 2581,0884", htmlFor=f"{prefix}-kommuner"),
            dcc.Input(
                id=f"{prefix}-kommuner",
                type="text",
                value=",".join(groups.parse_list(kommuner)),  # the known codes: an unknown one gets the URL notice
                debounce=True,
                className="form-control",
                inputMode="numeric",
            ),
        ],
        className="col-12 col-xl-4",
    )
    return html.Div(
        [radio_group(f"{prefix}-grupp", "Jämför med", options, chosen.key, "col-12 col-xl-8"), custom],
        className="row g-2 mt-1",
    )


def group_note(group: Group, shown: int) -> str:
    """'Jämförelsegrupp: Samma län (Norrbottens län), 14 kommuner med uppgifter.'"""
    return f"Jämförelsegrupp: {group.label}, {count(shown, 'kommun', 'kommuner')} med uppgifter."
