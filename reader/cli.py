"""The command line: the window by default, and commands for the contents and chapters."""

from __future__ import annotations

import argparse
import errno
import io
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reader import APP_DISPLAY_NAME, __version__, cli_content
from reader.display_session import missing_display
from reader.edition import edition_phrase
from reader.manual import (
    BUNDLED_CONTENT,
    ContentError,
    Entry,
    Manual,
    Subsection,
    load_manual,
    problem_count,
)
from reader.start import say_stopped

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.search import SearchResult

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    content = argparse.ArgumentParser(add_help=False)
    content.add_argument(
        "--content", type=cli_content.folder_path, metavar="DIR", default=argparse.SUPPRESS,
        help="read the manual from this content folder (default: the bundled one)",
    )
    parser = _Parser(
        prog="procedures-reader", parents=[content],
        description=f"{APP_DISPLAY_NAME}: Derby City Children's Social Care Procedures, offline. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--open", metavar="NUMBER|ID", help="open this chapter, or section, at start"
    )
    parser.add_argument(
        "--screenshot", type=cli_content.screenshot_path, metavar="FILE",
        help="render the window to an image file and exit (works offscreen); the name's "
        "ending says the kind: .png (or none), .jpg, .jpeg or .bmp",
    )
    parser.add_argument(
        "--selftest", action="store_true",
        help="check the user folders, content, search index, search and rendering; "
        "exit 1 on a fault",
    )
    parser.add_argument(
        "--require-prebuilt", action="store_true",
        help="with --selftest: fail if the index shipped with the content cannot be used "
        "(always so in the installed app)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    toc = commands.add_parser("toc", parents=[content], help="print the contents tree")
    toc.add_argument("--json", action="store_true", help="as JSON")
    show = commands.add_parser(
        "show", parents=[content],
        help="print a chapter, or the list of a section, as plain text",
    )
    show.add_argument("ref", metavar="NUMBER|ID",
                      help="a chapter's number (6.4.3), a section's (6.4) or an id from toc")
    search = commands.add_parser(
        "search", parents=[content],
        help="search the manual: each QUERY in turn, best hits first",
    )
    search.add_argument("queries", nargs="+", metavar="QUERY",
                        help='a query; quote one of several words: "child protection plan"')
    search.add_argument("--json", action="store_true", help="one JSON object per query and line")
    search.add_argument(
        "--limit", type=_positive_int, default=10, metavar="N", help="at most N hits (10)"
    )
    search.add_argument("--section", metavar="N", help="only entries in section N (or 6.4)")
    index = commands.add_parser(
        "index", parents=[content], help="build the search index and say where it is"
    )
    index.add_argument(
        "--rebuild", action="store_true", help="build it afresh even if it is up to date"
    )
    index.add_argument(
        "--prebuilt", action="store_true",
        help="write the read-only index that ships with the content (DIR/.index)",
    )
    # the editors' and IT's commands after the readers', as README lists them
    commands.add_parser(
        "validate", parents=[content], help="check a content folder; exit 1 on problems"
    )
    cli_content.add_commands(commands, content)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse, but help or version text that cannot be written is an error `main` reports:
    argparse drops it silently and exits 0, so `--version > file` on a full disk looked done."""

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        if not message or file is not sys.stdout:  # a usage error's lines on stderr
            super()._print_message(message, file)
            return
        file.write(message)
        file.flush()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    _writable_stdout()
    try:
        code = _run(_parse(argv))
        sys.stdout.flush()  # here, so a full disk is an error message, not a traceback at exit
        return code
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly, as other tools do
        _stdout_to_nowhere()
        return EXIT_OK
    except KeyboardInterrupt:
        # Ctrl+C: a line, not a traceback; files are written whole or not at all (atomic_file)
        try:
            sys.stdout.flush()  # what was printed before it stays printed
        except OSError:
            _stdout_to_nowhere()
        return say_stopped()
    except OSError as exc:
        if exc.filename is not None:  # a file the command reads or writes: not standard output
            raise
        _stdout_to_nowhere()
        print(f"error: the output could not be written ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_PROBLEMS


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; options that do nothing where they were given are a usage error (exit
    2): a script's `--require-prebuilt` alone would open a window and wait for no one."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.require_prebuilt and not args.selftest:
        parser.error("--require-prebuilt goes with --selftest")
    window = [name for name, value in (("--open", args.open), ("--screenshot", args.screenshot))
              if value is not None]
    if args.selftest and window:
        parser.error(f"{window[0]} does not go with --selftest")
    if args.command is not None and (args.selftest or window):
        given = "--selftest" if args.selftest else window[0]
        parser.error(f"{given} does not go with the command {args.command}")
    return args


def _stdout_to_nowhere() -> None:
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (must outlive this frame)


class _ClosedOutput(io.TextIOBase):
    """Standard output that was closed: the command still does its work, but, as on a full
    disk, output it could not give is an error at the end (exit 1), not a silent 0."""

    def __init__(self) -> None:
        super().__init__()
        self._lost = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._lost = self._lost or bool(text)
        return len(text)

    def flush(self) -> None:
        if self._lost:
            self._lost = False  # said once
            raise OSError(errno.EBADF, "standard output is closed")


def _writable_stdout() -> None:
    """Output redirected to a file or pipe is UTF-8, whatever the locale (Windows gives
    cp1252, which has no "↗"); a terminal keeps its encoding and shows "?" for what it lacks.
    A folder name that is not UTF-8 (`--content` on a disk from an older system) is written
    as its own bytes, not a UnicodeEncodeError. The windowed app on Windows has no standard
    output or error at all: what it prints goes nowhere (the log keeps what matters)."""
    if sys.stdout is None:
        if sys.platform == "win32":
            _stdout_to_nowhere()
        else:  # closed by the caller (`>&-`): what a command prints is lost, and it says so
            sys.stdout = _ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (for the whole run)
    stdout = sys.stdout
    if not isinstance(stdout, io.TextIOWrapper):
        return
    utf8 = stdout.encoding.lower() in ("utf-8", "utf8")
    if stdout.isatty():
        if not utf8 or stdout.errors == "strict":
            stdout.reconfigure(errors="replace")
    elif not utf8 or stdout.errors == "strict":
        stdout.reconfigure(encoding="utf-8", errors="surrogateescape")


def _run(args: argparse.Namespace) -> int:
    from reader.userdata import setup_logging

    given = getattr(args, "content", None)
    if given is not None and not Path(given).is_dir():
        # a file given for the folder holding it (content/contents.json) is not "no such"
        what = "is a file, not a folder" if Path(given).exists() else "no such folder"
        print(f"error: --content {given}: {what}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        # an editor's check that prints all it finds: no log written in their profile (nor,
        # by `make test`, in the developer's), and no second copy of each problem on stderr
        logging.getLogger().addHandler(logging.NullHandler())
        return _validate(getattr(args, "content", BUNDLED_CONTENT))
    logged = setup_logging(errors_to_stderr=args.command is None and not args.selftest)
    # what IT needs to place the lines that follow; never a query or a chapter asked for
    doing = "--selftest" if args.selftest else args.command or "the window"
    log.info("%s %s started (%s); Python %s on %s", APP_DISPLAY_NAME, __version__, doing,
             sys.version.split()[0], _system())
    if args.selftest:
        return _selftest(getattr(args, "content", BUNDLED_CONTENT), args.require_prebuilt)
    if (code := cli_content.run(args)) is not None:
        return code
    content_dir, content_notice = reading_content(args)
    if args.command is None:
        if reason := missing_display(os.environ, sys.platform,
                                     screenshot=args.screenshot is not None):
            log.error("no window: %s", reason)
            print(f"error: {reason}", file=sys.stderr)
            return EXIT_PROBLEMS
        from reader.ui.app import run_gui

        return run_gui(content_dir, open_ref=args.open, screenshot=args.screenshot,
                       content_notice=content_notice, log_file=logged)
    if content_notice:
        print(f"warning: {content_notice}", file=sys.stderr)
    try:
        manual = load_manual(content_dir)
    except ContentError as exc:
        print(f"error: the manual cannot be read: {exc}. {content_remedy(content_dir)}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    log_edition(manual)
    _warn_problems(manual)
    if args.command == "toc":
        _print_toc(manual, as_json=args.json)
        return EXIT_OK
    if args.command == "show":
        return _show(manual, args.ref)
    if args.command == "search":
        return _search(manual, args.queries, args.limit, args.section, as_json=args.json)
    if args.command == "index":
        return _index(manual, rebuild=args.rebuild, prebuilt=args.prebuilt)
    raise AssertionError(f"unhandled command {args.command}")


def _system() -> str:
    """The operating system and its version, without the platform module's import."""
    if hasattr(os, "uname"):
        name = os.uname()
        return f"{name.sysname} {name.release}"
    version = sys.getwindowsversion()  # type: ignore[attr-defined]
    return f"Windows {version.major}.{version.minor}.{version.build}"


def log_edition(manual: Manual) -> None:
    """Which edition is read, from where: an installed update or the one that came with it."""
    log.info("content: %s, from %s (%s found reading it)",
             edition_phrase(manual.info.edition), manual.root, problem_count(len(manual.problems)))


def reading_content(args: argparse.Namespace) -> tuple[Path, str | None]:
    """The folder to read: --content if given, else an installed update, else the bundled one;
    and what to tell the person if an installed update had to be passed over."""
    given = getattr(args, "content", None)
    if given is not None:
        return Path(given), None
    from reader.edition_pointer import content_in_use

    return content_in_use(BUNDLED_CONTENT)


def _warn_problems(manual: Manual) -> None:
    if manual.problems:
        print(
            f"warning: the content has problems ({len(manual.problems)} found reading it); "
            "`validate` checks it all and lists them",
            file=sys.stderr,
        )


def content_remedy(content_dir: Path) -> str:
    """What to do about content that cannot be read, by whose it is: "Reinstall the reader"
    sent a person who had named a folder with --content to reinstall what was not at fault."""
    from reader.edition_pointer import is_installed_edition

    if content_dir.resolve() == BUNDLED_CONTENT.resolve():
        return "Reinstall the reader."
    if is_installed_edition(content_dir):
        return ("Install the content update again, or go back to the edition built into the "
                "reader (procedures-reader uninstall-content).")
    return "Check the content folder given with --content."


def _unread(char: str) -> bool:
    """A byte of the command line that was not UTF-8 text, as Python keeps it (a surrogate)."""
    return "\udc80" <= char <= "\udcff"


def _written_out(text: str) -> str:
    """What was typed, safe to print: a control character written out, not sent to the
    terminal, and a byte that was not text as itself (\\xff), not as Python holds it."""
    return "".join(
        c if c.isprintable() else f"\\x{ord(c) - 0xDC00 if _unread(c) else ord(c):02x}"
        for c in text)


def unknown_chapter_message(manual: Manual, ref: str) -> str:
    return (
        f'error: no chapter or section "{_written_out(ref)}" in {manual.info.title}. '
        "Give a number such as 6.4.3 or 6.4, or an id from `toc`."
    )


def _show(manual: Manual, ref: str) -> int:
    from reader.paper import paper_html
    from reader.render import ChapterRenderer, html_to_text

    renderer = ChapterRenderer(manual)
    entry = manual.find(ref)
    page = renderer.page_for(entry) if entry else renderer.section_page(ref.strip())
    if page is None:
        print(unknown_chapter_message(manual, ref), file=sys.stderr)
        return EXIT_USAGE
    # as on paper: plain text cannot follow a link, so it says where each one leads
    sys.stdout.write(html_to_text(paper_html(page.html, manual)))
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
        notes = "".join(f" \u00b7 Note: {note}" for note in entry.notes)
        return f"{indent}{prefix}{entry.label}{flags}{notes}"

    edition = manual.info.edition
    # date.min: manual.json gave no date, and "0001-01-01" would look like one
    known = f"edition of {edition.isoformat()}" if edition != date.min else "edition date unknown"
    print(f"{manual.info.title} ({known})")
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


def _selftest(content_dir: Path, require_prebuilt: bool) -> int:
    from reader.selftest import is_frozen, run_selftest

    failures = run_selftest(content_dir, require_prebuilt=require_prebuilt or is_frozen())
    if failures:
        print(f"selftest FAILED: {problem_count(len(failures))}", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return EXIT_PROBLEMS
    print("selftest passed")
    return EXIT_OK


def _validate(content_dir: Path) -> int:
    from reader.validate import validate

    manual, problems = validate(content_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{problem_count(len(problems))} in {content_dir}", file=sys.stderr)
        return EXIT_PROBLEMS
    assert manual is not None
    chapters = manual.chapters()
    held = sum(1 for entry in chapters if manual.has_text(entry))
    print(
        f"{content_dir}: valid: {len(manual.sections)} sections, {len(chapters)} numbered "
        f"chapters ({held} with text), {sum(1 for _ in manual.entries())} entries in all"
    )
    return EXIT_OK


def _search(
    manual: Manual, queries: Sequence[str], limit: int, section: str | None, as_json: bool
) -> int:
    from reader.search import open_search

    if section is not None and not (manual.section(section) or manual.subsection(section)):
        numbers = ", ".join(s.number for s in manual.sections)
        print(f'error: no section "{section}"; sections are {numbers}', file=sys.stderr)
        return EXIT_USAGE
    opened = open_search(manual, progress=_progress_printer("Building the search index"))
    for message in [opened.status.message, *map(str, opened.problems)]:
        if message:
            print(f"warning: {message}", file=sys.stderr)
    failed = False
    try:
        for query in map(_readable_query, queries):
            result = opened.searcher.search(query, limit=limit, section=section)
            if result.failure:
                failed = True
                print(f"error: the search for \"{result.query}\" could not be run "
                      f"({result.failure}); the log has the details", file=sys.stderr)
            if as_json:
                print(json.dumps(search_json(result), ensure_ascii=False), flush=True)
            else:
                _print_result(result)
    finally:
        opened.searcher.close()
    return EXIT_PROBLEMS if failed else EXIT_OK


def _readable_query(query: str) -> str:
    """The query without what could not be read as text (typed in a terminal or script that
    is not UTF-8), saying so: such a character was dropped unseen, and the search's results
    were taken for those of what was typed."""
    readable = "".join(c for c in query if not _unread(c))
    if readable != query:
        print(f'warning: a character of the query "{_written_out(query)}" could not be read '
              f'(not UTF-8 text) and was left out; searching for "{_written_out(readable)}"',
              file=sys.stderr)
    return readable


def search_json(result: SearchResult) -> dict[str, Any]:
    """A search result as `search --json` prints it."""
    return {
        "query": result.query,
        "suggestion": result.suggestion,
        "corrected": result.corrected,
        "hits": [
            {
                "number": hit.number, "id": hit.id, "title": hit.title,
                "section": hit.section, "notes": list(hit.notes), "score": hit.score,
                "snippet": hit.snippet, "online_only": hit.online_only,
                "see_also": hit.see_also, "found_as": list(hit.found_as),
                "found_of": hit.found_of, "found_in": hit.found_in,
            }
            for hit in result.hits
        ],
    }


def _print_result(result: SearchResult) -> None:
    from reader.manual import FLAG_LABELS
    from reader.search_results import NOTHING_TO_SEARCH, no_such_number_text, none_has

    print(f"Search: {result.query}")
    if result.corrected:
        print(f"  {none_has(result.query)}\"{result.query}\"; "
              f"showing results for \"{result.suggestion}\".")
    elif result.suggestion:
        print(f"  Did you mean: {result.suggestion}")
    if result.failure:
        print("  Not searched: see the error above.")
    elif result.nothing_to_search:
        print(f"  {NOTHING_TO_SEARCH}")
    elif result.no_such_number:
        print(f"  {no_such_number_text(result)}")
    elif not result.hits:
        print("  No entry matches.")
    elif result.used_fallback and result.stands_for:
        print(f"  No entry has \"{result.query}\" or \"{result.stands_for}\"; "
              "these have some of its words.")
    elif result.used_fallback:
        print("  No entry has every word; these have some of them.")
    for hit in result.hits:
        flags = "".join(f" [{FLAG_LABELS.get(flag, flag)}]" for flag in hit.flags)
        held = " (online only)" if hit.online_only else ""  # its text is not in this edition
        title = f"See also: {hit.title}" if hit.see_also else hit.title
        print(f"  {hit.number or '-'}  {title}{flags}{held}")
        print(f"      {hit.section}")
        if hit.reason:  # none of the words typed is in its title or text shown
            print(f"      {hit.reason}")
        for note in hit.notes:
            print(f"      Note: {note}")
        text = hit.snippet_text
        if text and text != hit.title and text not in hit.notes:  # nothing said twice
            print(f"      {text}")
    print()


def _index(manual: Manual, rebuild: bool, prebuilt: bool) -> int:
    from reader.search import build_prebuilt_index, open_search

    progress = _progress_printer("Building the search index")
    if prebuilt:
        try:
            path = build_prebuilt_index(manual, progress=progress)
        except OSError as exc:
            print(f"error: cannot write the index into {manual.root} ({exc.strerror or exc})",
                  file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"Search index written for shipping with the content: {path}")
        return EXIT_OK
    opened = open_search(manual, rebuild=rebuild, progress=progress)
    opened.searcher.close()
    status = opened.status
    for problem in opened.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if status.message:
        print(f"warning: {status.message}", file=sys.stderr)
    if status.path is None:
        print("Search index: none kept on disk (see the warning above)")
        return EXIT_PROBLEMS
    how = (
        "shipped with the manual, used as it is" if status.read_only
        else "built just now" if status.built else "up to date"
    )
    print(f"Search index: {status.path} ({how})")
    return EXIT_OK


def _progress_printer(what: str) -> Callable[[int, int], None] | None:
    """A progress callback that shows a percentage on a terminal's stderr, else nothing."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{what}: {100 * done // max(total, 1)}%", end=end, file=sys.stderr, flush=True)

    return show
