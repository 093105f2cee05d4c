"""A content update archive: a zip of a content folder with a manifest of every file.

`content-manifest.json` at the archive's root gives the format, the edition, when it was packed,
and the size and SHA-256 of every file. `unpack_checked` trusts nothing in an archive: names,
kinds of entry, sizes and hashes are all checked against the manifest and against limits while
unpacking, so a damaged, tampered, escaping or bomb-like archive is refused with a plain reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from reader.atomic_file import new_file_mode, write_text_atomic
from reader.edition import format_date
from reader.edition_pointer import edition_of
from reader.json_text import parse_json
from reader.manifest_digest import (
    ARCHIVE_FORMAT,
    ARCHIVE_KIND,
    CONTENT_HASH_KEY,
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    SHA256_HEX,
    ManifestUnreadable,
    read_manifest_json,
)
from reader.manual import JsonLines, Problem, problem_count
from reader.userdata import why_not_read

# Limits far above a real manual (162 chapters are a few MB) and far below harm.
MAX_FILES = 20_000
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
DISK_MARGIN_BYTES = 16 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same content packs to the same bytes
# what remakes the bundled edition's manifest after content/ changed
REMAKE_MANIFEST = "python -m reader write-manifest"

Progress = Callable[[str, int, int], None]  # (what is happening, done, total)


class ArchiveError(Exception):
    """An archive that cannot be packed or installed; the message says why in plain words."""


class NewerFormat(ArchiveError):
    """An archive or installed edition made for a newer reader: not damaged, and updating the
    reader is what reads it."""


class ArchiveNotOpened(ArchiveError):
    """The archive named could not be reached (no such file, a folder, no permission): the
    archive itself may be sound, and the name or the account is what to put right."""


class InvalidContent(ArchiveError):
    """A content folder that validate finds problems in."""

    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        super().__init__(f"{folder} has {problem_count(len(problems))}; run validate for the "
                         "list")
        self.problems = problems


@dataclass(frozen=True)
class ManifestFile:
    """One file of an archive as its manifest lists it."""

    path: str  # POSIX path relative to the content folder
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What an archive says it holds."""

    format: int
    edition: date
    title: str
    packed: datetime
    files: tuple[ManifestFile, ...]

    @property
    def total_size(self) -> int:
        return sum(item.size for item in self.files)

    @property
    def content_hash(self) -> str:
        """A hash of the files alone (not of when they were packed): names the edition folder."""
        lines = "".join(f"{item.sha256} {item.size} {item.path}\n"
                        for item in sorted(self.files, key=lambda item: item.path))
        return hashlib.sha256(lines.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "kind": ARCHIVE_KIND,
            "edition": self.edition.isoformat(),
            "title": self.title,
            "packed": self.packed.isoformat(timespec="seconds"),
            "files": [{"path": item.path, "size": item.size, "sha256": item.sha256}
                      for item in self.files],
        }

    @classmethod
    def from_json(cls, data: Any, where: str) -> Manifest:
        """Read a manifest; ArchiveError naming `where` and the fault if it is not well-formed."""

        def bad(message: str) -> ArchiveError:
            return ArchiveError(f"{where}: {MANIFEST_NAME} {message}")

        if not isinstance(data, dict):
            raise bad("is not a JSON object")
        if data.get("kind") != ARCHIVE_KIND:
            raise bad("does not describe a content update for this reader")
        found = data.get("format")
        if type(found) is int and found > ARCHIVE_FORMAT:
            raise NewerFormat(f"{where} was made for a newer version of the reader, which this "
                              f"one cannot read (its {MANIFEST_NAME} is in format {found}; "
                              f"this reader knows format {ARCHIVE_FORMAT})")
        if found != ARCHIVE_FORMAT:
            raise bad(f"has format {found!r}; this reader reads format {ARCHIVE_FORMAT}")
        try:
            edition = date.fromisoformat(str(data.get("edition")))
        except ValueError:
            raise bad(f"has an edition that is not a date: {data.get('edition')!r}") from None
        try:
            packed = datetime.fromisoformat(str(data.get("packed")))
        except ValueError:
            raise bad(f"has a packing time that is not a date: {data.get('packed')!r}") from None
        raw_files = data.get("files")
        if not isinstance(raw_files, list) or not raw_files:
            raise bad('has no "files" list')
        if len(raw_files) > MAX_FILES:
            raise bad(f"lists {len(raw_files)} files, more than a content update can hold")
        files = []
        seen: set[str] = set()
        for raw in raw_files:
            if not isinstance(raw, dict):
                raise bad("lists a file that is not a JSON object")
            path, size, digest = raw.get("path"), raw.get("size"), raw.get("sha256")
            if not isinstance(path, str) or (why := unsafe_name(path)):
                raise bad(f"lists a file {path!r} whose path {why or 'is not text'}")
            if path == MANIFEST_NAME:
                raise bad("lists itself")
            if path.casefold() in seen:
                raise bad(f'lists "{path}" twice')
            seen.add(path.casefold())
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                raise bad(f'gives "{path}" a size that is not a whole number of bytes')
            if not isinstance(digest, str) or len(digest) != 64 or set(digest) - SHA256_HEX:
                raise bad(f'gives "{path}" a SHA-256 that is not 64 lower-case hex digits')
            files.append(ManifestFile(path, size, digest))
        title = data.get("title")
        return cls(ARCHIVE_FORMAT, edition, title if isinstance(title, str) else "", packed,
                   tuple(files))


def unsafe_name(name: str) -> str | None:
    """Why a path inside an archive is not safe to unpack, or None if it is."""
    if not name:
        return "is empty"
    if "\x00" in name or "\\" in name or ":" in name:
        return "has a character that paths on some systems treat specially"
    if name.startswith("/"):
        return "is absolute"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return "climbs out of the folder (..)"
    if any(part in ("", ".") for part in parts):
        return "is not in plain form"
    return None


def sha256_file(path: Path) -> str:
    """A file's SHA-256, read in parts: it is never held whole."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def content_files(content: Path) -> list[Path]:
    """The files of a content folder that belong in an archive, sorted; hidden files left out.
    ArchiveError for a file no archive can carry: every reader's install would refuse it, and
    a manifest listing it cannot be read back."""
    found = []
    seen: dict[str, Path] = {}
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_symlink():
            # the manifest too: write-manifest would write through it, outside the folder
            raise ArchiveError(f"{path} is a symbolic link; put the file itself in its place")
        if relative.as_posix() == MANIFEST_NAME:
            continue  # an installed edition's own manifest is made afresh
        if not path.is_file():
            continue
        if why := unsafe_name(relative.as_posix()):
            raise ArchiveError(f"{path}: its name {why}; rename it")
        # one file to Windows and macOS, so an archive holding both is refused as damaged
        if (other := seen.get(relative.as_posix().casefold())) is not None:
            raise ArchiveError(f"{other} and {path} differ only in capitals, which Windows "
                               "and macOS take for one file; rename or remove one")
        seen[relative.as_posix().casefold()] = path
        found.append(path)
    return found


def build_manifest(content: Path, edition: date, title: str,
                   packed: datetime | None = None) -> Manifest:
    """The manifest of a content folder as it is on disk now."""
    files = tuple(
        ManifestFile(path.relative_to(content).as_posix(), path.stat().st_size,
                     sha256_file(path))
        for path in content_files(content)
    )
    when = packed or datetime.now(UTC).replace(microsecond=0)
    return Manifest(ARCHIVE_FORMAT, edition, title, when, files)


@dataclass(frozen=True)
class KnownEdition:
    """An edition readers already have, which a new update's date is measured against."""

    what: str  # "the edition built into the reader"
    edition: date
    content_hash: str  # Manifest.content_hash
    refused_if_older: bool  # whether a reader refuses an update older than it


def edition_fault(manifest: Manifest, known: KnownEdition) -> str | None:
    """Why an update dated as `manifest` is would be refused, or would mislead, beside
    `known`: said of manual.json's "edition", with the mend."""
    when, theirs = manifest.edition.isoformat(), format_date(known.edition)
    mend = 'set "edition" to the date of this edition, as YYYY-MM-DD'
    if known.refused_if_older and manifest.edition < known.edition:
        return (f"edition {when} is older than {known.what} ({theirs}), so every reader would "
                f"refuse the update; {mend}")
    if manifest.edition == known.edition and manifest.content_hash != known.content_hash:
        return (f"edition {when} is the date of {known.what}, but the content differs from "
                f"it: readers would be shown the changes under the old date; {mend}")
    return None


def future_edition_fault(edition: date, today: date) -> str | None:
    """Why an edition dated after the day it is packed would mislead: a slip of the keys (2042
    for 2024) is shown on every page and printed copy, the notice that the edition has aged
    never comes, and every update dated correctly after it is refused as older."""
    # a day's grace: whoever packs may be a time zone ahead of the machine's clock
    if edition <= today + timedelta(days=1):
        return None
    return (f"edition {edition.isoformat()} is later than today ({format_date(today)}): readers "
            "would be shown a date still to come, never told the edition has aged, and would "
            "refuse every update dated correctly after it as older; set \"edition\" to the "
            "date of this edition, as YYYY-MM-DD")


@dataclass(frozen=True)
class PackResult:
    """An archive written by `pack_content`."""

    archive: Path
    manifest: Manifest
    size: int  # bytes of the archive file


def pack_content(content: Path, out: Path, check: bool = True,
                 known: tuple[KnownEdition, ...] = ()) -> PackResult:
    """Zip a content folder with its manifest; refuses content that validate finds faults in,
    and an edition date that, beside the `known` editions, readers would refuse or be misled
    by (the date not moved on after a change)."""
    from reader.validate import validate

    if out.resolve().is_relative_to(content.resolve()):
        raise ArchiveError(f"{out} is inside the content folder {content}: write the archive "
                           "outside it, or the next update would carry this one inside it")
    manual, problems = validate(content)
    if manual is None or (check and problems):
        raise InvalidContent(content, problems)
    manifest = build_manifest(content, manual.info.edition, manual.info.title)
    faults = [future_edition_fault(manifest.edition, date.today())]
    faults += [edition_fault(manifest, edition) for edition in known]
    if fault := next((fault for fault in faults if fault), None):
        facts = content / "manual.json"
        raise ArchiveError(str(Problem(facts, JsonLines(facts).of("edition"), fault)))
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp_name, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            _add(archive, MANIFEST_NAME,
                 (json.dumps(manifest.to_json(), indent=2, ensure_ascii=False) + "\n").encode())
            for item in manifest.files:
                _add(archive, item.path, (content / item.path).read_bytes())
        os.chmod(temp_name, new_file_mode())  # others may install it from a shared folder
        os.replace(temp_name, out)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return PackResult(out, manifest, out.stat().st_size)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    archive.writestr(info, data)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def unpack_checked(archive: Path, target: Path, progress: Progress | None = None) -> Manifest:
    """Check an archive completely and unpack it into `target`, an empty folder.

    Raises ArchiveError with a plain reason at the first fault; `target` may then hold part of
    the files, and the caller removes it.
    """
    name = archive.name
    try:
        opened = zipfile.ZipFile(archive)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError) as exc:
        # not "damaged": the archive may be sound, and the name, the folder named (a login
        # script's mistake) or the account's permissions are what to put right
        hint = "; give the update archive itself (a .zip file)" if archive.is_dir() else ""
        raise ArchiveNotOpened(why_not_read(archive, exc) + hint) from None
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise ArchiveError(f"{name} is damaged or is not a content update "
                           f"(not a readable zip archive: {exc})") from None
    with opened as zipped:
        members = _checked_members(zipped, name)
        manifest_info = members.pop(MANIFEST_NAME, None)
        if manifest_info is None:
            raise ArchiveError(f"{name} has no {MANIFEST_NAME} at its root, so it is not a "
                               "content update for this reader")
        if manifest_info.file_size > MAX_MANIFEST_BYTES:
            raise ArchiveError(f"{name}: its {MANIFEST_NAME} is {_mib(manifest_info.file_size)}, "
                               "far larger than a manifest can be")
        raw = _read_member(zipped, manifest_info, MAX_MANIFEST_BYTES, name)
        try:
            manifest = Manifest.from_json(parse_json(raw.decode("utf-8")), name)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ArchiveError(f"{name}: {MANIFEST_NAME} is not valid JSON ({exc})") from None
        _check_listing(manifest, members, name)
        _check_space(target, manifest.total_size, name)
        (target / MANIFEST_NAME).write_bytes(raw)
        done = 0
        total = max(manifest.total_size, 1)
        for item in manifest.files:
            if progress:
                progress(f"Unpacking {item.path}", done, total)
            _unpack_one(zipped, members[item.path], item, target, name)
            done += item.size
        if progress:
            progress("Unpacked", total, total)
    return manifest


def _checked_members(zipped: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    """The archive's files by name, after refusing unsafe names and kinds of entry."""
    infos = zipped.infolist()
    if len(infos) > MAX_FILES + 1:
        raise ArchiveError(f"{name} holds {len(infos)} entries, more than a content update can")
    members: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    for info in infos:
        entry = info.filename
        why = unsafe_name(entry)
        if why:
            raise ArchiveError(f'{name} holds "{entry}", a path that {why}; refused')
        mode = info.external_attr >> 16
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            raise ArchiveError(f'{name} holds a symbolic link "{entry}"; refused')
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise ArchiveError(f'{name} holds "{entry}", which is not a plain file; refused')
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise ArchiveError(f'{name}: "{entry}" is encrypted; a content update never is')
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ArchiveError(f'{name}: "{entry}" is compressed in a way this reader does not '
                               "unpack")
        if entry.casefold() in folded:
            raise ArchiveError(f'{name} holds "{entry}" twice')
        folded.add(entry.casefold())
        members[entry] = info
    return members


def _check_listing(manifest: Manifest, members: dict[str, zipfile.ZipInfo], name: str) -> None:
    """Every file listed and present, sizes sane and as declared, before a byte is unpacked."""
    listed = {item.path: item for item in manifest.files}
    unlisted = sorted(set(members) - set(listed))
    if unlisted:
        raise ArchiveError(f'{name} holds "{unlisted[0]}", which its manifest does not list; '
                           "refused (the archive was altered)")
    missing = sorted(set(listed) - set(members))
    if missing:
        raise ArchiveError(f'{name} lacks "{missing[0]}", which its manifest lists '
                           "(the archive is incomplete or was altered)")
    if manifest.total_size > MAX_TOTAL_BYTES:
        raise ArchiveError(f"{name} would unpack to {_mib(manifest.total_size)}, more than a "
                           f"content update can be ({_mib(MAX_TOTAL_BYTES)} at most); refused")
    for item in manifest.files:
        if item.size > MAX_FILE_BYTES:
            raise ArchiveError(f'{name}: "{item.path}" would be {_mib(item.size)}, more than one '
                               f"file of a content update can be ({_mib(MAX_FILE_BYTES)} at most)")
        declared = members[item.path].file_size
        if declared != item.size:
            raise ArchiveError(f'{name}: "{item.path}" is {declared:,} bytes in the archive but '
                               f"{item.size:,} in its manifest; refused (the archive was altered)")


def _check_space(target: Path, needed: int, name: str) -> None:
    try:
        free = shutil.disk_usage(target).free
    except OSError:
        return  # cannot tell; writing will fail plainly if space runs out
    if free < needed + DISK_MARGIN_BYTES:
        raise ArchiveError(f"{name} needs {_mib(needed)} of disk space in {target.parent}; "
                           f"only {_mib(free)} is free")


def _read_member(zipped: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, name: str) -> bytes:
    chunks = []
    size = 0
    try:
        with zipped.open(info) as source:
            while chunk := source.read(CHUNK_BYTES):
                size += len(chunk)
                if size > cap:
                    raise ArchiveError(f'{name}: "{info.filename}" unpacks larger than it claims; '
                                       "refused (a possible zip bomb)")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise ArchiveError(f'{name}: "{info.filename}" cannot be unpacked; the archive is '
                           f"damaged ({exc})") from None
    return b"".join(chunks)


def _unpack_one(zipped: zipfile.ZipFile, info: zipfile.ZipInfo, item: ManifestFile,
                target: Path, name: str) -> None:
    """Stream one file out, hashing and counting: never more bytes than the manifest says."""
    destination = target.joinpath(*PurePosixPath(item.path).parts)
    if not destination.resolve().is_relative_to(target.resolve()):
        raise ArchiveError(f'{name} holds "{item.path}", which would land outside the folder')
    destination.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with destination.open("xb") as out:
        try:
            with zipped.open(info) as source:
                # read one byte past the declared size: enough to see a file that lies
                while chunk := source.read(min(CHUNK_BYTES, item.size - size + 1)):
                    size += len(chunk)
                    if size > item.size:
                        raise ArchiveError(
                            f'{name}: "{item.path}" unpacks larger than the {item.size} bytes '
                            "it claims; refused (a possible zip bomb)")
                    digest.update(chunk)
                    out.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise ArchiveError(f'{name}: "{item.path}" cannot be unpacked; the archive is '
                               f"damaged ({exc})") from None
    if size != item.size:
        raise ArchiveError(f'{name}: "{item.path}" is shorter than its manifest says; the '
                           "archive is truncated or damaged")
    if digest.hexdigest() != item.sha256:
        raise ArchiveError(f'{name}: "{item.path}" does not match its SHA-256 in the manifest; '
                           "the archive was altered or damaged")


def read_manifest_file(folder: Path) -> Manifest:
    """The manifest an installed edition keeps at its root; ArchiveError if it cannot be read."""
    return Manifest.from_json(_manifest_json(folder), str(folder))


def _manifest_json(folder: Path) -> Any:
    path = folder / MANIFEST_NAME
    try:
        return read_manifest_json(path)
    except FileNotFoundError:
        raise ArchiveError(f"{path} is missing") from None
    except ManifestUnreadable as exc:
        raise ArchiveError(str(exc)) from None


# the bundled edition's manifest ----------------------------------------------------------------
# Kept in content/ beside the files, with the digest written out: the reader takes it at start
# to tell an edition re-issued under its date, and hashes nothing to do so.

def write_folder_manifest(content: Path, edition: date, title: str) -> tuple[Manifest, bool]:
    """Write the manifest of `content` into it, with its digest; and whether it was written:
    one that still describes the files is left as it is (its packing time would churn)."""
    manifest = build_manifest(content, edition, title)
    try:
        data = _manifest_json(content)
        kept = Manifest.from_json(data, str(content))
    except ArchiveError:
        kept = None
    # the files hashed once: the manifest kept stands if it gives their digest, twice
    if (kept is not None and kept.edition == edition and kept.title == title
            and kept.content_hash == manifest.content_hash
            and data.get(CONTENT_HASH_KEY) == manifest.content_hash):
        return kept, False
    data = {**manifest.to_json(), CONTENT_HASH_KEY: manifest.content_hash}
    write_text_atomic(content / MANIFEST_NAME,
                      json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return manifest, True


def folder_manifest_fault(content: Path) -> str | None:
    """Why the manifest kept in `content` does not describe its files as they are now, said
    to follow its path ("content/content-manifest.json: ..."), with the command that remakes
    it; None if it does. Every file is hashed."""
    remake = f"remake it with `{REMAKE_MANIFEST}`"
    if not (content / MANIFEST_NAME).exists():
        return ("missing, so readers would not be told when the files of this edition change "
                f"under its date; make it with `{REMAKE_MANIFEST}`")
    try:
        data = _manifest_json(content)
        kept = Manifest.from_json(data, str(content))
    except ArchiveError as exc:
        return f"cannot be used ({exc}); {remake}"
    try:
        now = build_manifest(content, kept.edition, kept.title)
    except (ArchiveError, OSError) as exc:
        # the files are at fault (a symbolic link, one this account may not read), not the
        # manifest: write-manifest would stop at them too
        return f"cannot be checked against the files ({exc})"
    if now.content_hash != kept.content_hash:
        if said := _line_endings_alone(content, kept, now, remake):
            return said
        return (f"no longer matches the files ({_difference(kept, now)}), so readers would not "
                f"be told the manual changed; {remake}")
    edition = edition_of(content)
    if edition is not None and kept.edition != edition:
        # the files match, so manual.json was not changed: the manifest's date was (by hand,
        # or a merge), and a start takes no digest from a manifest of another edition
        return (f"gives the edition {kept.edition.isoformat()}, not {edition.isoformat()} as "
                "manual.json does, so readers would not be told when the files of this "
                f"edition change under its date; {remake}")
    if CONTENT_HASH_KEY not in data:
        # an update's manifest, copied in with its files: it lists them but gives no digest
        return (f'gives no "{CONTENT_HASH_KEY}", so readers would not be told when the files '
                f"of this edition change under its date (an update's manifest?); {remake}")
    if data.get(CONTENT_HASH_KEY) != kept.content_hash:
        return (f'gives a "{CONTENT_HASH_KEY}" that is not the digest of the files it lists '
                f"(edited by hand?); {remake}")
    return None


def _line_endings_alone(content: Path, kept: Manifest, now: Manifest, remake: str) -> str | None:
    """What to do where every file that differs from the manifest differs only in its line
    endings, CRLF against LF; None where any differs otherwise.

    A Windows checkout made before content/.gitattributes kept the files byte for byte has
    them in CRLF: remaking the manifest there would describe files no other checkout has.
    """
    before = {item.path: item for item in kept.files}
    if before.keys() != {item.path for item in now.files}:
        return None
    changed = [item.path for item in now.files if before[item.path] != item]
    if not changed:
        return None
    here_crlf = there_crlf = True
    for path in changed:
        data = (content / path).read_bytes()
        as_lf = data.replace(b"\r\n", b"\n")
        here_crlf = here_crlf and as_lf != data and _sha256(as_lf) == before[path].sha256
        there_crlf = there_crlf and b"\r\n" not in data and \
            _sha256(data.replace(b"\n", b"\r\n")) == before[path].sha256
        if not (here_crlf or there_crlf):
            return None
    first, others = changed[0], len(changed) - 1
    if here_crlf:
        which = (f"{first} and {others} other{'s' * (others != 1)} have" if others
                 else f"{first} has")
        return (f"describes the files as committed, but here {which} Windows line endings "
                "(CRLF): a checkout made before Git kept content/ byte for byte. Put them back "
                "as committed with `git checkout -- content`; the manifest needs no remaking")
    return (f"was made from files with Windows line endings (CRLF), unlike {first} here; "
            f"{remake}")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def first_difference(kept: Manifest, now: Manifest
                     ) -> tuple[str, ManifestFile | None, ManifestFile | None] | None:
    """The first file in which two manifests of one folder differ, with how each lists it
    (None where one lacks it): a changed file first, then a new one, then one gone; None if
    they list the same files alike."""
    before = {item.path: item for item in kept.files}
    after = {item.path: item for item in now.files}
    changed = sorted(path for path in before.keys() & after.keys()
                     if before[path] != after[path])
    for paths in (changed, sorted(after.keys() - before.keys()),
                  sorted(before.keys() - after.keys())):
        if paths:
            return paths[0], before.get(paths[0]), after.get(paths[0])
    return None


def _difference(kept: Manifest, now: Manifest) -> str:
    """What differs between two manifests of one folder, in a few words: the first file."""
    found = first_difference(kept, now)
    if found is None:
        return "the files differ"
    path, before, after = found
    return f"{path} {'changed' if before and after else 'is new' if after else 'is gone'}"
