"""Rankings of any size: which places a chart shows (leaders, the chosen municipality and its neighbours) and how
the skipped places are named, so a municipality is never dropped without saying so."""

from dataclasses import dataclass
from typing import Protocol, TypeVar

from data.formatting import count

LIMIT = 25  # a ranking with more places than this is shown as an excerpt; the table always has every place
LEADERS = 5
AROUND = 3


class Ranked(Protocol):
    """Anything with a municipality code and a place."""

    municipality_code: str
    rank: int | None


T = TypeVar("T", bound=Ranked)


@dataclass(frozen=True)
class Gap:
    """Places left out of an excerpt: from position first to last (1-based positions in the ranked list)."""

    first: int
    last: int

    @property
    def count(self) -> int:
        """How many municipalities the gap stands for."""
        return self.last - self.first + 1

    def label(self) -> str:
        """'… 205 kommuner till (plats 6–210), se tabellen'."""
        where = f"plats {self.first}" if self.count == 1 else f"plats {self.first}–{self.last}"
        return f"… {count(self.count, 'kommun', 'kommuner')} till ({where}), se tabellen"


def place_text(rank: int, total: int) -> str:
    """'plats 214 av 290'."""
    return f"plats {rank} av {total}"


def excerpt(
    ranked: list[T], own: str | None, limit: int = LIMIT, leaders: int = LEADERS, around: int = AROUND
) -> list[T | Gap]:
    """The rows a chart shows: all when they fit, else the leaders, own ± around, with a Gap for each skipped run.

    Without an own municipality (or when it is among the first `limit`), the first `limit` rows and one Gap.
    """
    if len(ranked) <= limit:
        return list(ranked)
    index = next((i for i, row in enumerate(ranked) if row.municipality_code == own), None)
    if index is None or index < limit - around:
        keep = set(range(limit - 1))
    else:
        keep = set(range(leaders)) | set(range(max(0, index - around), min(len(ranked), index + around + 1)))
    out: list[T | Gap] = []
    start = None
    for position, row in enumerate(ranked):
        if position in keep:
            if start is not None:
                out.append(Gap(start + 1, position))
                start = None
            out.append(row)
        elif start is None:
            start = position
    if start is not None:
        out.append(Gap(start + 1, len(ranked)))
    return out
