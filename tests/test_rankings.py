"""Rankings of any size: leaders, the own municipality and its neighbours, and every skipped place named."""

from dataclasses import dataclass

from data.rankings import Gap, excerpt, place_text


@dataclass
class Row:
    municipality_code: str
    rank: int


ROWS = [Row(f"{i:04d}", i) for i in range(1, 291)]


def shown(items) -> list:
    return [item.label() if isinstance(item, Gap) else item.rank for item in items]


def test_excerpt_shows_leaders_own_and_neighbours_and_names_the_rest():
    assert shown(excerpt(ROWS, "0214")) == [
        1,
        2,
        3,
        4,
        5,
        "… 205 kommuner till (plats 6–210), se tabellen",
        211,
        212,
        213,
        214,
        215,
        216,
        217,
        "… 73 kommuner till (plats 218–290), se tabellen",
    ]


def test_excerpt_near_the_top_or_without_own_shows_the_top():
    assert shown(excerpt(ROWS, "0003"))[-2:] == [24, "… 266 kommuner till (plats 25–290), se tabellen"]
    assert shown(excerpt(ROWS, None)) == shown(excerpt(ROWS, "0003"))
    assert shown(excerpt(ROWS, "0289"))[-5:] == [286, 287, 288, 289, 290]
    assert shown(excerpt(ROWS[:10], "0003")) == list(range(1, 11))
    assert Gap(7, 7).label() == "… 1 kommun till (plats 7), se tabellen"


def test_place_text():
    assert place_text(214, 290) == "plats 214 av 290"
