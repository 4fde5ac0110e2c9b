"""Comparison groups ("liknande kommuner"): which municipalities a comparison page ranks and takes medians over.

A group is chosen with the URL parameter `grupp`:
- `alla` (default): every municipality with figures;
- `natverk`: the network's ten municipalities (NETWORK);
- `storlek`: municipalities in the same inhabitants band as the chosen one (SIZE_BANDS; inhabitants from
  municipality.inhabitants, i.e. Kolada N01951 when imported);
- `lan`: the same county, from the first two digits of the municipality code;
- `egen`: a list chosen by the user, kept in the URL as `kommuner=2581,0884,...`;
- `kolada-<id>`: one of Kolada's municipality groups that the chosen municipality belongs to or that is named
  after it (RKA's "liknande kommuner" groups leave the municipality itself out), imported with `etl kolada`.
The chosen municipality is always part of its own group.
"""

from dataclasses import dataclass

from data.db import cached_rows
from data.formatting import count, number

DEFAULT = "alla"
NETWORK = ("2581", "2463", "0884", "1980", "0163", "0680", "0583", "1441", "2280", "0182")
SIZE_BANDS = (0, 10_000, 25_000, 50_000, 100_000, 200_000)  # lower bounds of the inhabitants bands
COUNTIES = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län", "05": "Östergötlands län",
    "06": "Jönköpings län", "07": "Kronobergs län", "08": "Kalmar län", "09": "Gotlands län", "10": "Blekinge län",
    "12": "Skåne län", "13": "Hallands län", "14": "Västra Götalands län", "17": "Värmlands län",
    "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län", "21": "Gävleborgs län",
    "22": "Västernorrlands län", "23": "Jämtlands län", "24": "Västerbottens län", "25": "Norrbottens län",
}  # fmt: skip


@dataclass(frozen=True)
class Group:
    """A comparison group: URL key, Swedish label, and its members (None: every municipality with figures)."""

    key: str
    label: str
    codes: tuple[str, ...] | None

    def keep(self, code: str) -> bool:
        """Whether a municipality belongs to the group."""
        return self.codes is None or code in self.codes


def size_band(inhabitants: int) -> tuple[int, int | None]:
    """The band (lower bound, upper bound or None) that a number of inhabitants falls in."""
    lower = max(b for b in SIZE_BANDS if b <= inhabitants)
    index = SIZE_BANDS.index(lower)
    return lower, SIZE_BANDS[index + 1] if index + 1 < len(SIZE_BANDS) else None


def band_label(band: tuple[int, int | None]) -> str:
    """'25 000–49 999 invånare', 'minst 200 000 invånare'."""
    lower, upper = band
    if upper is None:
        return f"minst {number(lower)} invånare"
    if lower == 0:
        return f"under {number(upper)} invånare"
    return f"{number(lower)}–{number(upper - 1)} invånare"


def _municipalities() -> tuple[tuple[str, str, int | None], ...]:
    return cached_rows("groups_municipalities")


def kolada_groups(municipality: str, name: str) -> list[Group]:
    """Kolada's municipality groups of the municipality: those it belongs to and those named after it."""
    if not cached_rows("groups_kolada_table")[0][0]:
        return []
    return [
        Group(f"kolada-{gid}", f"Kolada: {title}", tuple(members))
        for gid, title, members in cached_rows("groups_kolada", municipality=municipality, municipality_name=name)
    ]


def choices(municipality: str | None) -> list[Group]:
    """Every group that can be chosen for the municipality, in the order a chooser lists them."""
    out = [Group(DEFAULT, "Alla kommuner", None), Group("natverk", "Nätverket", NETWORK)]
    rows = _municipalities()
    own = next((r for r in rows if r[0] == municipality), None)
    if own is None:
        return out
    if own[2]:
        band = size_band(own[2])
        members = tuple(code for code, _, n in rows if n and size_band(n) == band)
        out.append(Group("storlek", f"Liknande storlek ({band_label(band)})", members))
    county = municipality[:2]
    if county in COUNTIES:
        out.append(Group("lan", f"Samma län ({COUNTIES[county]})", tuple(c for c, _, _ in rows if c[:2] == county)))
    return out + kolada_groups(municipality, own[1])


def parse_list(kommuner: str | list | None) -> tuple[str, ...]:
    """A user's list from the URL ('2581,0884' or a repeated parameter) as known 4-digit codes."""
    items = kommuner.split(",") if isinstance(kommuner, str) else list(kommuner or [])
    known = {code for code, _, _ in _municipalities()}
    return tuple(dict.fromkeys(c.strip() for c in items if c and c.strip() in known))


def resolve(key: str | None, municipality: str | None, kommuner: str | list | None = None) -> Group:
    """The group for ?grupp=&kommuner= (unknown keys fall back to all municipalities); own is always a member."""
    if key == "egen":
        codes = tuple(dict.fromkeys((*parse_list(kommuner), *([municipality] if municipality else []))))
        return Group("egen", f"Egen lista ({count(len(codes), 'kommun', 'kommuner')})", codes)
    group = next((g for g in choices(municipality) if g.key == key), None) or choices(municipality)[0]
    if group.codes is not None and municipality and municipality not in group.codes:
        group = Group(group.key, group.label, (*group.codes, municipality))
    return group
