"""The edition's age and the stale-edition sentence."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

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
    assert ", a month ago" in stale_notice(date(2024, 9, 2), date(2024, 10, 2), 1, URL)


def test_an_edition_with_no_date_is_said_to_be_of_unknown_date() -> None:
    # manual.json damaged: no date and no address, and no "1 January 1, 2025 years ago"
    notice = stale_notice(date.min, date(2026, 11, 23), 6, "")
    assert notice == (
        "The date of this edition is not known, as the content's manual.json does not give it, "
        "so the procedures may have changed since. Check the online manual when you can."
    )


def test_dates_are_in_english_and_on_this_clock_whatever_the_desktop(tmp_path: Path) -> None:
    """The window takes the desktop's language for dates (Qt sets the locale at start):
    a Turkish desktop read "2 Eylül 2024" where the command line says "2 September 2024"."""
    if shutil.which("localedef") is None:
        pytest.skip("no localedef to make a Turkish locale with")
    subprocess.run(["localedef", "-i", "tr_TR", "-f", "UTF-8", str(tmp_path / "tr_TR.UTF-8")],
                   capture_output=True, check=False)
    script = (
        "import locale; locale.setlocale(locale.LC_ALL, '')\n"
        "from datetime import date\n"
        "from reader.edition import format_date\n"
        "from reader.history import Visit\n"
        "print(f'{date(2024, 9, 2):%B}', format_date(date(2024, 9, 2)),\n"
        "      Visit('x', 't', '2024-09-02T14:03:00+14:00').when(), sep='|')\n"
    )
    env = {**os.environ, "LOCPATH": str(tmp_path), "LANG": "tr_TR.UTF-8", "LC_ALL": "",
           "TZ": "Europe/London"}
    shown = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                           text=True, check=True).stdout.strip().split("|")
    if shown[0] == "September":
        pytest.skip("the Turkish locale could not be made here")
    assert shown[0] == "Eylül"  # the locale is in force ...
    assert shown[1] == "2 September 2024"  # ... and the manual's dates stay English
    # a visit made at UTC+14 is shown at the time it was here, by London's summer clock
    assert shown[2] == "2 Sep 2024 01:03"
