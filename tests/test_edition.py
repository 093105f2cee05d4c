"""The edition's age and the stale-edition sentence."""

from __future__ import annotations

from datetime import date

import pytest

from reader.edition import months_between, stale_notice

URL = "https://derbycsc.proceduresonline.com/"


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (date(2024, 9, 2), date(2024, 9, 30), 0),
        (date(2024, 9, 2), date(2025, 3, 1), 5),
        (date(2024, 9, 2), date(2025, 3, 2), 6),
        (date(2024, 9, 2), date(2026, 11, 23), 26),
        (date(2024, 9, 2), date(2020, 1, 1), 0),
    ],
)
def test_months_between(earlier: date, later: date, months: int) -> None:
    assert months_between(earlier, later) == months


def test_no_notice_while_the_edition_is_young() -> None:
    assert stale_notice(date(2024, 9, 2), date(2025, 3, 1), 6, URL) is None


def test_notice_once_the_edition_is_old() -> None:
    notice = stale_notice(date(2024, 9, 2), date(2025, 3, 2), 6, URL)
    assert notice == (
        "This edition is dated 2 September 2024, 6 months ago. The procedures may have changed "
        "since. Check the online manual at https://derbycsc.proceduresonline.com/ when you can."
    )
    assert ", 2 years ago" in stale_notice(date(2024, 9, 2), date(2026, 9, 2), 6, URL)
    assert "more than 2 years ago" in stale_notice(date(2024, 9, 2), date(2026, 11, 23), 6, URL)
    assert "more than a year ago" in stale_notice(date(2024, 9, 2), date(2025, 10, 2), 6, URL)
