"""How current the edition is: its age, and whether the reader should say it may be stale."""

from __future__ import annotations

from datetime import date

# the manual's English, whatever the desktop's language: "%B" follows the locale the window
# sets ("2 Eylül 2024" on a Turkish desktop), and the command line would say otherwise
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def format_date(value: date) -> str:
    """UK style, as the manual writes dates: 2 September 2024."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def edition_phrase(edition: date) -> str:
    """"edition of 2 September 2024"; "edition date unknown" where manual.json gave no date
    (it is read as date.min, which would be "1 January 1")."""
    return "edition date unknown" if edition == date.min else f"edition of {format_date(edition)}"


def online_manual(url: str) -> str:
    """"the online manual at URL"; just "the online manual" where manual.json gave no address."""
    return f"the online manual at {url}" if url else "the online manual"


def capitalised(text: str) -> str:
    """The text with its first letter a capital, the rest as it is ("Edition of 2 September")."""
    return text[:1].upper() + text[1:]


def short_date(value: date) -> str:
    """The same with the month cut short: 2 Sep 2024."""
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from one date to another (0 if later is not after earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def stale_notice(edition: date, today: date, after_months: int, online_url: str) -> str | None:
    """The calm sentence the window shows once the edition is old, or None while it is not."""
    # an online manual with no address (manual.json damaged) is still the place to check
    check = f"Check the online manual{f' at {online_url}' if online_url else ''} when you can."
    if edition == date.min:  # manual.json gave no date: "1 January 1, 2025 years ago" was said
        return ("The date of this edition is not known, as the content's manual.json does not "
                f"give it, so the procedures may have changed since. {check}")
    age = months_between(edition, today)
    if age < after_months:
        return None
    years, extra = divmod(age, 12)
    if years == 0:
        when = "a month" if age == 1 else f"{age} months"
    else:
        unit = "a year" if years == 1 else f"{years} years"
        when = f"more than {unit}" if extra else unit
    return (f"This edition is dated {format_date(edition)}, {when} ago. The procedures may have "
            f"changed since. {check}")
