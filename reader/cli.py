"""The command line: the window by default, and commands for the contents and chapters."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader import APP_DISPLAY_NAME, __version__
from reader.manual import BUNDLED_CONTENT, ContentError, Entry, Manual, Subsection, load_manual

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    content = argparse.ArgumentParser(add_help=False)
    content.add_argument(
        "--content", type=Path, metavar="DIR", default=argparse.SUPPRESS,
        help="read the manual from this content folder (default: the bundled one)",
    )
    parser = argparse.ArgumentParser(
        prog="procedures-reader", parents=[content],
        description=f"{APP_DISPLAY_NAME}: Derby City Children's Social Care Procedures, offline. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--open", metavar="NUMBER|ID", help="open this chapter at start")
    parser.add_argument(
        "--screenshot", type=Path, metavar="FILE",
        help="render the window to a PNG file and exit (works offscreen)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    toc = commands.add_parser("toc", parents=[content], help="print the contents tree")
    toc.add_argument("--json", action="store_true", help="as JSON")
    show = commands.add_parser("show", parents=[content], help="print a chapter as plain text")
    show.add_argument("ref", metavar="NUMBER|ID")
    commands.add_parser(
        "validate", parents=[content], help="check a content folder; exit 1 on problems"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(build_parser().parse_args(argv))
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly, as other tools do
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (must outlive this frame)
        return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    from reader.userdata import setup_logging

    setup_logging()
    content_dir: Path = getattr(args, "content", BUNDLED_CONTENT)
    if args.command == "validate":
        return _validate(content_dir)
    if args.command is None:
        from reader.ui.app import run_gui

        return run_gui(content_dir, open_ref=args.open, screenshot=args.screenshot)
    try:
        manual = load_manual(content_dir)
    except ContentError as exc:
        print(f"error: the manual cannot be read: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    _warn_problems(manual)
    if args.command == "toc":
        _print_toc(manual, as_json=args.json)
        return EXIT_OK
    if args.command == "show":
        return _show(manual, args.ref)
    raise AssertionError(f"unhandled command {args.command}")


def _warn_problems(manual: Manual) -> None:
    if manual.problems:
        print(
            f"warning: {len(manual.problems)} problem(s) in the content; "
            "run `validate` for the list",
            file=sys.stderr,
        )


def unknown_chapter_message(manual: Manual, ref: str) -> str:
    return (
        f'error: no chapter "{ref}" in {manual.info.title}. '
        "Give a number such as 6.4.3 or an id from `toc`."
    )


def _show(manual: Manual, ref: str) -> int:
    from reader.render import ChapterRenderer, html_to_text

    entry = manual.find(ref)
    if entry is None:
        print(unknown_chapter_message(manual, ref), file=sys.stderr)
        return EXIT_USAGE
    page = ChapterRenderer(manual).page_for(entry)
    sys.stdout.write(html_to_text(page.html))
    for problem in page.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return EXIT_OK


def _entry_json(manual: Manual, entry: Entry) -> dict[str, Any]:
    return {
        "type": entry.kind,
        "number": entry.number,
        "id": entry.id,
        "title": entry.title,
        "flags": list(entry.flags),
        "notes": list(entry.notes),
        "has_text": manual.has_text(entry),
        **({"target": entry.target} if entry.target else {}),
    }


def toc_json(manual: Manual) -> dict[str, Any]:
    """The contents as nested plain data, as `toc --json` prints it."""
    sections = []
    for section in manual.sections:
        items: list[dict[str, Any]] = []
        for item in section.items:
            if isinstance(item, Subsection):
                items.append({
                    "type": "subsection", "number": item.number, "title": item.title,
                    "lead": item.lead,
                    "entries": [_entry_json(manual, entry) for entry in item.entries],
                })
            else:
                items.append(_entry_json(manual, item))
        sections.append({"number": section.number, "title": section.title, "items": items})
    info = manual.info
    return {
        "title": info.title, "publisher": info.publisher,
        "edition": info.edition.isoformat(), "online_url": info.online_url,
        "sections": sections,
    }


def _print_toc(manual: Manual, as_json: bool) -> None:
    if as_json:
        json.dump(toc_json(manual), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return

    def line(entry: Entry, indent: str) -> str:
        flags = "".join(f" [{label}]" for label in entry.flag_labels)
        prefix = "See also: " if entry.kind == "see_also" else ""
        return f"{indent}{prefix}{entry.label}{flags}"

    print(f"{manual.info.title} (edition of {manual.info.edition.isoformat()})")
    for section in manual.sections:
        print(f"\n{section.number}. {section.title}")
        for item in section.items:
            if isinstance(item, Subsection):
                print(f"  {item.number} {item.title}")
                if item.lead:
                    print(f"    {item.lead}")
                for entry in item.entries:
                    print(line(entry, "    "))
            else:
                print(line(item, "  "))


def _validate(content_dir: Path) -> int:
    from reader.validate import validate

    manual, problems = validate(content_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {content_dir}", file=sys.stderr)
        return EXIT_PROBLEMS
    assert manual is not None
    chapters = manual.chapters()
    held = sum(1 for entry in chapters if manual.has_text(entry))
    print(
        f"{content_dir}: valid: {len(manual.sections)} sections, {len(chapters)} numbered "
        f"chapters ({held} with text), {sum(1 for _ in manual.entries())} entries in all"
    )
    return EXIT_OK
