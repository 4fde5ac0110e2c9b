"""Reporting periods and Swedish month names, defined once for the loader, pages and reports."""

import re
from datetime import date
from pathlib import Path

from data.periods import (
    MONTH_ABBREVIATIONS,
    SWEDISH_MONTHS,
    add_months,
    as_of_day,
    month_end,
    month_label,
    month_short,
    month_start,
    months_between,
    parse_period,
)


def test_periods_parse_months_tertials_and_years():
    assert parse_period("2025-3") == ("2025-03", date(2025, 3, 1), date(2025, 3, 31))
    assert parse_period("T2 2025") == ("2025-T2", date(2025, 1, 1), date(2025, 8, 31))
    assert parse_period("2024") == ("2024", date(2024, 1, 1), date(2024, 12, 31))
    assert parse_period("2025-13") is None


def test_last_and_first_day_of_a_month():
    assert month_end("2026-02") == date(2026, 2, 28)
    assert month_end("2024-02") == date(2024, 2, 29)
    assert month_end("2025-12") == date(2025, 12, 31)
    assert month_start("2025-12") == date(2025, 12, 1)


def test_as_of_day_is_the_month_end_or_today_while_the_month_runs():
    assert as_of_day("2026-02", date(2026, 12, 2)) == date(2026, 2, 28)
    assert as_of_day("2024-02", date(2025, 1, 1)) == date(2024, 2, 29)
    assert as_of_day("2026-12", date(2026, 12, 2)) == date(2026, 12, 2)
    assert as_of_day("2026-12", date(2026, 12, 31)) == date(2026, 12, 31)


def test_month_arithmetic():
    assert add_months("2025-11", 3) == "2026-02"
    assert months_between("2025-11", "2026-01") == ["2025-11", "2025-12", "2026-01"]


def test_swedish_month_names():
    assert month_label("2025-05") == "maj 2025"
    assert month_short("2025-09") == "sep"
    assert MONTH_ABBREVIATIONS == ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def test_the_browsers_plotly_locale_names_the_months_as_the_python_side_does():
    script = (Path(__file__).parents[1] / "assets" / "plotly-locale-sv.js").read_text(encoding="utf-8")

    def names(key: str) -> tuple[str, ...]:
        return tuple(re.findall(r"'([^']+)'", re.search(key + r": \[([^\]]+)\]", script).group(1)))

    assert names("shortMonths") == ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
    assert names("shortMonths") == MONTH_ABBREVIATIONS
    assert names(r"\bmonths") == SWEDISH_MONTHS
    assert names(r"\bmonths")[9] == "oktober"
