"""Command-line commands that keep the manual current: import pages, pack and install updates.

`add_commands` adds import-contents, import-chapter, pack-content, write-manifest,
install-content and uninstall-content to the main parser; `run` carries one out and returns its
exit code, or None for a command that is not one of these.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.edition import format_date
from reader.manual import BUNDLED_CONTENT

if TYPE_CHECKING:
    from reader.chapter_import import ChapterImport, ImportStopped
    from reader.content_archive import KnownEdition

EXIT_OK, EXIT_PROBLEMS = 0, 1
COMMANDS = ("import-contents", "import-chapter", "pack-content", "write-manifest",
            "install-content", "uninstall-content")


def folder_path(text: str) -> Path:
    """`--content DIR` as argparse reads it: an empty one (a script's unset variable) would
    be the current folder, so it is a usage error."""
    if not text:
        raise argparse.ArgumentTypeError("an empty name is no folder")
    return Path(text)


def output_path(text: str) -> Path:
    """A file a command writes, as argparse reads it. "-" is refused, not taken as a file
    called "-": every output here is a file (a PNG, an archive, contents.json to check), and
    one name that means standard output to other tools must not mean a file to this one."""
    if text == "-":
        raise argparse.ArgumentTypeError(
            '"-" (standard output) is not offered: this writes a file; give its name '
            '(./- for a file called "-")')
    return Path(text)


# what --screenshot writes, by the file name's ending; a name without one is a PNG
SCREENSHOT_KINDS = {"": "PNG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".bmp": "BMP"}


def screenshot_path(text: str) -> Path:
    """`--screenshot FILE` as argparse reads it: the file's ending says the kind of image, and
    one this does not write is refused, not written as a PNG under a name that says otherwise."""
    path = output_path(text)
    if path.suffix.lower() not in SCREENSHOT_KINDS:
        raise argparse.ArgumentTypeError(
            f"{path.name}: not a kind of image this writes; name the file .png, .jpg, .jpeg "
            "or .bmp (with no ending, it is a PNG)")
    return path


def screenshot_kind(path: Path) -> str:
    """The image format (as Qt names it) of a screenshot file named so."""
    return SCREENSHOT_KINDS[path.suffix.lower()]


def add_commands(commands: argparse._SubParsersAction, content_parent: argparse.ArgumentParser
                 ) -> None:
    """Add this module's commands; each takes --content DIR, the import and pack commands
    through `content_parent`."""
    contents = commands.add_parser(
        "import-contents", parents=[content_parent],
        help="make contents.json from a saved contents page (HTML or text), keeping ids",
    )
    contents.add_argument("page", type=Path, metavar="FILE", help="the saved contents page")
    contents.add_argument("--output", type=output_path, metavar="FILE",
                          help="write here instead of the content folder's contents.json")
    chapter = commands.add_parser(
        "import-chapter", parents=[content_parent],
        help="make chapter files from saved chapter pages (HTML or text)",
    )
    chapter.add_argument("pages", type=Path, nargs="+", metavar="FILE",
                         help="saved chapter pages")
    chapter.add_argument("--replace", action="store_true",
                         help="overwrite chapter files that are there already")
    pack = commands.add_parser(
        "pack-content", parents=[content_parent],
        help="pack the content folder into an update archive with a manifest",
    )
    pack.add_argument("out", type=output_path, metavar="OUT.zip", help="the archive to write")
    commands.add_parser(
        "write-manifest", parents=[content_parent],
        help="after changing the content folder: write its content-manifest.json, by which "
        "readers notice the edition built into the reader changed under its date",
    )
    # here --content names no manual to read but the edition updates are measured against
    bundled = argparse.ArgumentParser(add_help=False)
    bundled.add_argument(
        "--content", type=folder_path, metavar="DIR", default=argparse.SUPPRESS,
        help="the edition built into the reader, which an update is compared with and "
        "uninstall-content goes back to (default: the bundled one)",
    )
    install = commands.add_parser(
        "install-content", parents=[bundled],
        help="check an update archive and switch the reader to its edition",
    )
    install.add_argument("archive", type=Path, metavar="ARCHIVE", help="the update archive")
    install.add_argument("--allow-older", action="store_true",
                         help="install it even if its edition is older than the one in use")
    commands.add_parser(
        "uninstall-content", parents=[bundled],
        help="remove installed updates; the reader goes back to the bundled edition",
    )


def run(args: argparse.Namespace) -> int | None:
    """Carry out one of this module's commands; None if `args.command` is not one of them."""
    command = getattr(args, "command", None)
    if command not in COMMANDS:
        return None
    content: Path = getattr(args, "content", BUNDLED_CONTENT)
    if command == "import-contents":
        return _import_contents(args.page, content, args.output)
    if command == "import-chapter":
        return _import_chapters(args.pages, content, args.replace)
    if command == "pack-content":
        return _pack(content, args.out)
    if command == "write-manifest":
        return _write_manifest(content)
    if command == "install-content":
        return _install(args.archive, content, args.allow_older)
    return _uninstall(content)


def _error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _import_contents(page: Path, content: Path, output: Path | None) -> int:
    from reader.contents_import import (
        ContentsNotWritten,
        ContentsPageError,
        ExistingContentsError,
        import_contents,
    )

    try:
        result = import_contents(page, content, output)
    except (ExistingContentsError, ContentsNotWritten) as exc:  # a file other than the page
        _error(str(exc))
        return EXIT_PROBLEMS
    except ContentsPageError as exc:
        _error(f"{page}:{exc.line}: {exc}" if exc.line else f"{page}: {exc}")
        return EXIT_PROBLEMS
    except OSError as exc:
        from reader.userdata import why_not_read

        _error(why_not_read(page, exc))
        return EXIT_PROBLEMS
    except UnicodeDecodeError as exc:
        _error(f"{page}: cannot be read ({exc})")
        return EXIT_PROBLEMS
    except ValueError as exc:
        _error(f"{page}: {exc}")
        return EXIT_PROBLEMS
    merge = result.merge
    print(f"{result.output}: {result.sections} sections, {result.chapters} numbered chapters; "
          f"{merge.kept} entries kept their ids, {len(merge.similar)} kept theirs through a "
          f"similar title, {len(merge.added)} new, {len(merge.removed)} removed")
    for line in merge.lines():
        print(f"  {line}")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if merge.orphaned_files:
        print(f"warning: {len(merge.orphaned_files)} chapter file(s) are no longer in the "
              "contents; validate will list them", file=sys.stderr)
    return EXIT_OK


def _import_chapters(pages: list[Path], content: Path, replace: bool) -> int:
    from reader.chapter_import import ImportStopped, import_chapters

    try:
        results = import_chapters(pages, content, replace)
    except ImportStopped as stopped:
        _print_imports(stopped.results)
        return _say_import_stopped(stopped, pages, content)
    failed = _print_imports(results)
    if failed:
        print(f"{failed} of {len(pages)} page(s) not imported", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _print_imports(results: list[ChapterImport]) -> int:
    """Say what became of each page; return how many were not imported."""
    failed = 0
    for result in results:
        if result.error is not None:
            _error(result.error)
            failed += 1
            continue
        assert result.entry is not None and result.written is not None
        print(f"{result.source}: {result.entry.label} -> {result.written}")
        for note in result.notes:
            print(f"  {note}")
    return failed


def _say_import_stopped(stopped: ImportStopped, pages: list[Path], content: Path) -> int:
    """Say where Ctrl+C left the content folder, and what to import again."""
    from reader.start import EXIT_INTERRUPTED

    imported = [result for result in stopped.results if result.error is None]
    left = pages[len(stopped.results):]
    if stopped.contents_error is not None:
        state = (f"{content / 'contents.json'} could not be written ({stopped.contents_error}), "
                 "so the chapter files written lack their \"file\" lines: import those pages "
                 "again once it can be written")
    elif imported:
        state = "the content folder is whole, each chapter file written named in contents.json"
    else:
        state = "the content folder is as it was"
    print(f"stopped (Ctrl+C) after {len(imported)} of {len(pages)} page(s) imported; {state}",
          file=sys.stderr)
    if left:
        print("not imported: " + " ".join(str(page) for page in left), file=sys.stderr)
    for why in stopped.not_put_back:
        _error(why)
    return EXIT_INTERRUPTED


def _known_editions(content: Path) -> tuple[KnownEdition, ...]:
    """The editions readers already have that an update is dated against: the one built into
    this reader and the one installed here, if any (the editor's own last update)."""
    from reader.content_archive import ArchiveError, KnownEdition, build_manifest
    from reader.edition_pointer import edition_of, installed_edition

    known = []
    own = edition_of(BUNDLED_CONTENT)
    if own is not None and content.resolve() != BUNDLED_CONTENT.resolve():
        try:
            digest = build_manifest(BUNDLED_CONTENT, own, "").content_hash
        except (OSError, ArchiveError):
            digest = None  # the reader's own files are unreadable: say nothing of them
        if digest is not None:
            known.append(KnownEdition("the edition built into the reader", own, digest, True))
    installed = installed_edition()
    if installed is not None:
        known.append(KnownEdition("the update installed here", installed.edition,
                                  installed.content_hash, False))
    return tuple(known)


def _pack(content: Path, out: Path) -> int:
    from reader.content_archive import ArchiveError, InvalidContent, pack_content

    try:
        result = pack_content(content, out, known=_known_editions(content))
    except InvalidContent as exc:
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        _error(f"{count} problem{'s' * (count != 1)} in {content}, listed above; nothing was "
               "packed")
        return EXIT_PROBLEMS
    except ArchiveError as exc:
        _error(f"{exc}; nothing was packed")
        return EXIT_PROBLEMS
    except OSError as exc:
        from reader.userdata import why_not_written

        _error(f"{out}: cannot be written ({why_not_written(out, exc)})")
        return EXIT_PROBLEMS
    manifest = result.manifest
    print(f"{result.archive}: the edition of {format_date(manifest.edition)}, "
          f"{len(manifest.files)} files, {manifest.total_size:,} bytes "
          f"({result.size:,} packed)")
    return EXIT_OK


def _write_manifest(content: Path) -> int:
    from reader.content_archive import ArchiveError, write_folder_manifest
    from reader.manifest_digest import MANIFEST_NAME
    from reader.manual import ContentError, load_manual

    try:
        info = load_manual(content).info
        manifest, written = write_folder_manifest(content, info.edition, info.title)
    except (ContentError, ArchiveError) as exc:
        _error(f"{exc}; no manifest was written")
        return EXIT_PROBLEMS
    except OSError as exc:
        _error(f"{content / MANIFEST_NAME}: cannot be written ({exc.strerror or exc})")
        return EXIT_PROBLEMS
    what = (f"the edition of {format_date(manifest.edition)}, {len(manifest.files)} files, "
            f"digest {manifest.content_hash[:12]}")
    if written:
        print(f"{content / MANIFEST_NAME}: written ({what}); commit it with the content.")
    else:
        print(f"{content / MANIFEST_NAME}: already matches the files ({what}).")
    return EXIT_OK


def _print_progress(message: str, done: int, total: int) -> None:
    # only the steps, not every file: a terminal is not a progress bar
    if not message.startswith("Unpacking "):
        print(f"  {message}", file=sys.stderr)


def _install(archive: Path, content: Path, allow_older: bool) -> int:
    from reader.content_update import ContentUpdateError, OlderEdition, install_content

    try:
        result = install_content(archive, _print_progress, bundled=content,
                                 allow_older=allow_older)
    except ContentUpdateError as exc:
        _error(f"{exc}")
        print("The edition in use is unchanged.", file=sys.stderr)
        if isinstance(exc, OlderEdition):
            print("To go back to that edition on purpose, add --allow-older.", file=sys.stderr)
        return EXIT_PROBLEMS
    when = format_date(result.edition)
    if result.already_installed:
        print(f"The edition of {when} was already installed; the reader uses it ({result.path}).")
    else:
        print(f"Installed the edition of {when}: {result.files} files in {result.path}.")
    print(f"Changes from the edition in use before: {result.diff.summary()}")
    for line in result.diff.lines():
        print(f"  {line}")
    return EXIT_OK


def _uninstall(content: Path) -> int:
    from reader.content_update import ContentUpdateError, uninstall_content

    try:
        result = uninstall_content(content)
    except ContentUpdateError as exc:
        _error(str(exc))
        # each refusal comes before the switch back: a script's owner knows where they stand
        print("The edition in use is unchanged.", file=sys.stderr)
        return EXIT_PROBLEMS
    if result.removed is None:
        print(f"No update was installed; the reader reads the bundled edition ({content}).")
    else:
        # a window open now may still be reading those files: they go with the next change
        print(f"Removed the installed edition of {format_date(result.removed.edition)}; "
              f"the reader reads the bundled edition again ({content}). Its files are deleted "
              "at the next install or uninstall.")
    return EXIT_OK
