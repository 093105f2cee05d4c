"""A section a tab shows, found again in an edition that may have renumbered its sections.

Sections have no stable id, only a number and a title: a section inserted before 6.4 makes the
old 6.4 the new 6.5. A tab keeps the title beside the number, and a later edition is asked for
the section by both. A section no edition holds any more is named by a "gone" ref, its old
number and title with a space between: no section number has a space, so it can never open
another section by mistake.
"""

from __future__ import annotations

from reader.manual import Manual


def section_title(manual: Manual, number: str) -> str | None:
    """The title of the section or subsection with this number, None if there is none."""
    section = manual.section(number)
    if section is not None:
        return section.title
    sub = manual.subsection(number)
    return sub.title if sub is not None else None


def section_label(number: str, title: str) -> str:
    """Number and title as the section's page heads them: "6. Children in Care", "6.4 ..."."""
    if not title:
        return f"Section {number}"
    return f"{number}{'.' if '.' not in number else ''} {title}"


def gone_ref(number: str, title: str) -> str:
    """The ref of a section this edition does not hold."""
    return f"{number} {title}"


def split_ref(ref: str) -> tuple[str, str]:
    """(number, title) of a gone ref; (number, "") of a plain section number."""
    number, _space, title = ref.partition(" ")
    return number, title


def is_gone_ref(ref: str) -> bool:
    return " " in ref


def _same(one: str, other: str) -> bool:
    # a title retyped with other capitals or spacing is the same section
    return " ".join(one.casefold().split()) == " ".join(other.casefold().split())


def find_section(manual: Manual, number: str, title: str) -> str | None:
    """The number this edition gives the section once numbered `number` and titled `title`;
    None if it holds no such section. Without a title (kept by an earlier reader) the number
    alone is trusted, as it was then."""
    here = section_title(manual, number)
    if not title:
        return number if here is not None else None
    if here is not None and _same(here, title):
        return number
    found = [s.number for s in manual.sections if _same(s.title, title)]
    found += [sub.number for s in manual.sections for sub in s.subsections()
              if _same(sub.title, title)]
    if not found:
        return None
    # two sections of one title: the one at the same depth (a subsection stays one) first,
    # then one in the same section ("Introduction" of 6, not of 3)
    depth, within = number.count("."), number.rpartition(".")[0]
    return min(found, key=lambda n: (n.count(".") != depth, n.rpartition(".")[0] != within))


def carried(old: Manual, new: Manual, ref: str) -> str:
    """The ref naming in `new` the section that `ref` named in `old`: its number there, or a
    gone ref if `new` does not hold it."""
    number, title = split_ref(ref)
    if not is_gone_ref(ref):
        title = section_title(old, number) or ""
    found = find_section(new, number, title)
    return found if found is not None else gone_ref(number, title)
