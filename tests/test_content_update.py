"""Content updates: packing, checked installs, atomic switching, fallbacks, what changed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from reader import content_archive
from reader.cli import main
from reader.content_archive import MANIFEST_NAME, pack_content
from reader.content_update import (
    PAUSE_AT_ENV,
    PAUSE_MARKER_ENV,
    ContentUpdateError,
    OlderEdition,
    diff_contents,
    install_content,
    uninstall_content,
)
from reader.contents_import import import_contents
from reader.edition_pointer import (
    POINTER_NAME,
    active_content_dir,
    content_in_use,
    installed_edition,
)
from reader.manual import load_manual
from reader.userdata import LOG_FILE_NAME, data_dir, log_dir

from .conftest import CONTENT, REPO
from .test_import import _renumbered_page, run

CHAPTER_111 = "chapters/childrens-services-policies-values-and-principles.md"
BOOKMARKED = ("childrens-services-policies-values-and-principles", "a-strengths-based-approach",
              "diversity-and-heritage", "staying-put-policy", "looked-after-reviews")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The bundled content packed as an update."""
    return pack_content(CONTENT, tmp_path / "update.zip").archive


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zipped:
        return {info.filename: zipped.read(info) for info in zipped.infolist()}


def _entry(item: dict[str, Any], data: bytes) -> dict[str, Any]:
    item.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    return item


def _rewrite(source: Path, out: Path, *, files: Callable[[dict[str, bytes]], None] | None = None,
             manifest: Callable[[dict[str, Any]], None] | None = None,
             infos: dict[str, zipfile.ZipInfo] | None = None) -> Path:
    """A copy of an archive with its files and manifest changed as a test needs."""
    members = _members(source)
    data = json.loads(members.pop(MANIFEST_NAME))
    if files:
        files(members)
    if manifest:
        manifest(data)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(MANIFEST_NAME, json.dumps(data))
        for name, content in members.items():
            zipped.writestr((infos or {}).get(name) or name, content)
    return out


def _editions() -> list[str]:
    folder = data_dir() / "editions"
    return sorted(child.name for child in folder.iterdir()) if folder.is_dir() else []


# packing ------------------------------------------------------------------------------------

def test_pack_content_writes_every_file_with_its_hash_and_the_edition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "update.zip"
    assert run("pack-content", "--content", str(CONTENT), str(out)) == 0
    assert "the edition of 2 September 2024" in capsys.readouterr().out
    members = _members(out)
    manifest = json.loads(members.pop(MANIFEST_NAME))
    assert manifest["format"] == 1 and manifest["edition"] == "2024-09-02"
    assert manifest["kind"] == "procedures-reader-content" and manifest["packed"]
    # the bundled edition's own manifest is left out: the archive carries its own
    on_disk = sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*")
                     if p.is_file() and not any(part.startswith(".") for part in p.parts)
                     and p.name != MANIFEST_NAME)
    assert sorted(item["path"] for item in manifest["files"]) == on_disk == sorted(members)
    for item in manifest["files"]:
        data = (CONTENT / item["path"]).read_bytes()
        assert item["size"] == len(data) == len(members[item["path"]])
        assert item["sha256"] == hashlib.sha256(data).hexdigest()
    umask = os.umask(0o022)
    os.umask(umask)
    # readable as any new file is: IT installs it from a shared folder as other users
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_hidden_files_are_left_out_of_a_pack_and_a_symbolic_link_refused(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # what an editor's system and tools leave in the folder is no part of the manual
    (content_copy / ".DS_Store").write_bytes(b"finder")
    (content_copy / ".git").mkdir()
    (content_copy / ".git" / "HEAD").write_text("ref: main\n", encoding="utf-8")
    (content_copy / "__pycache__").mkdir()  # Python run in the folder
    (content_copy / "__pycache__" / "check.cpython-311.pyc").write_bytes(b"\x00")
    out = tmp_path / "update.zip"
    assert run("pack-content", "--content", str(content_copy), str(out)) == 0
    assert not [name for name in _members(out) if name.startswith((".", "__pycache__"))]
    # a link would pack whatever it points at, perhaps outside the folder
    (content_copy / "linked.md").symlink_to(content_copy / "HISTORY.md")
    assert run("pack-content", "--content", str(content_copy), str(tmp_path / "b.zip")) == 1
    assert "linked.md is a symbolic link; put the file itself in its place" in (
        capsys.readouterr().out)


def test_content_with_problems_is_not_packed(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = content_copy / CHAPTER_111
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nCompany Logo\n", encoding="utf-8")
    out = tmp_path / "update.zip"
    assert run("pack-content", "--content", str(content_copy), str(out)) == 1
    captured = capsys.readouterr()
    assert f"{chapter}:" in captured.out and "capture artefact" in captured.out
    assert "nothing was packed" in captured.err
    assert not out.exists()


# installing ---------------------------------------------------------------------------------

def test_install_unpacks_beside_the_bundled_edition_and_switches(archive: Path) -> None:
    steps: list[str] = []
    result = install_content(archive, lambda message, done, total: steps.append(message))
    assert result.path.parent == data_dir() / "editions"
    assert result.path.name.startswith("2024-09-02-") and len(result.path.name) == 19
    assert result.previous == CONTENT and result.diff.is_empty
    assert active_content_dir(CONTENT) == result.path
    pointer = json.loads((data_dir() / POINTER_NAME).read_text(encoding="utf-8"))
    assert pointer["folder"] == result.path.name and pointer["edition"] == "2024-09-02"
    manual = load_manual(active_content_dir(CONTENT))
    assert len(manual.chapters()) == 162 and manual.has_text(manual.find("1.1.1"))
    assert steps[0].startswith("Checking") and steps[-1] == "Installed"
    assert "Switching to the new edition" in steps
    assert _editions() == [result.path.name]


def test_an_archive_zipped_again_with_folder_entries_installs(archive: Path,
                                                              tmp_path: Path) -> None:
    # zip tools (zip -r, a desktop's "compress") give each folder an entry of its own
    def folders(members: dict[str, bytes]) -> None:
        members.update({"chapters/": b""})

    result = install_content(_rewrite(archive, tmp_path / "rezipped.zip", files=folders))
    assert active_content_dir(CONTENT) == result.path
    assert (result.path / CHAPTER_111).is_file()


def test_installing_the_same_archive_again_changes_nothing(archive: Path) -> None:
    first = install_content(archive)
    again = install_content(archive)
    assert again.already_installed and again.path == first.path
    assert _editions() == [first.path.name]


def test_a_switch_cut_short_is_not_installed_before_at_the_next_try(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk full as the switch is written: the edition's folder is left, never used, and
    the next try said the edition was "installed before" instead of what it changed."""
    from reader import content_update

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(content_update, "_write_pointer", disk_full)
        with pytest.raises(ContentUpdateError, match="No space left on device"):
            install_content(archive)
    assert active_content_dir(CONTENT) == CONTENT  # the bundled edition, as before
    again = install_content(archive)
    assert not again.already_installed


def test_a_pointer_that_cannot_be_written_names_the_data_folder(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # IT looking in editions/, as the message said, found it writable: the pointer beside it
    # in the data folder was what could not be written
    from reader import atomic_file

    def refused(path: Path, _data: object) -> None:
        raise PermissionError(13, "Permission denied", str(path.parent / ".pointer.tmp"))

    monkeypatch.setattr(atomic_file, "write_json_atomic", refused)
    with pytest.raises(ContentUpdateError) as raised:
        install_content(archive)
    assert f"in {data_dir()} (Permission denied)" in str(raised.value)
    assert active_content_dir(CONTENT) == CONTENT


@pytest.mark.parametrize("in_the_way", ["the data folder", "a folder above it"])
def test_a_file_in_the_data_folders_place_is_named_in_plain_words(
        archive: Path, in_the_way: str) -> None:
    # mkdir says only "File exists" or "Not a directory", which told IT nothing to do
    place = data_dir() if in_the_way == "the data folder" else data_dir().parent
    place.parent.mkdir(parents=True, exist_ok=True)
    place.write_text("not a folder", encoding="utf-8")
    for attempt in (lambda: install_content(archive), lambda: uninstall_content(CONTENT)):
        with pytest.raises(ContentUpdateError) as raised:
            attempt()
        assert f"{place} is a file, not a folder: move it away or delete it" in str(raised.value)
    assert place.read_text(encoding="utf-8") == "not a folder"


def test_a_switch_cut_short_after_an_earlier_update_is_not_installed_before(
        archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an update already in use, then the next one cut short: at its next try the reader
    # still reads the earlier one, and "installed before" would hide what the new one changes
    from reader import content_update

    install_content(archive)
    newer = edition_archive(tmp_path, "2025-03-01")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(content_update, "_write_pointer", disk_full)
        with pytest.raises(ContentUpdateError, match="No space left on device"):
            install_content(newer)
    again = install_content(newer)
    assert not again.already_installed
    assert installed_edition().edition.isoformat() == "2025-03-01"


def _install_v1(archive: Path) -> tuple[Path, bytes]:
    result = install_content(archive)
    return result.path, (data_dir() / POINTER_NAME).read_bytes()


def _damage(source: Path, out: Path) -> Path:
    """Flip bytes in the middle of the chapter's compressed data."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as zipped:
        info = zipped.getinfo(CHAPTER_111)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:
                                                          info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    for offset in range(middle, middle + 16):
        data[offset] ^= 0x5A
    out.write_bytes(bytes(data))
    return out


def _truncate(source: Path, out: Path) -> Path:
    data = source.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def _not_a_zip(source: Path, out: Path) -> Path:
    out.write_text("this is not an archive\n", encoding="utf-8")
    return out


def _tamper_text(source: Path, out: Path) -> Path:
    def change(members: dict[str, bytes]) -> None:
        text = members[CHAPTER_111]
        members[CHAPTER_111] = text.replace(b"Derby City Council uses", b"Derby City Council used")

    return _rewrite(source, out, files=change)


def _tamper_manifest_hash(source: Path, out: Path) -> Path:
    def change(data: dict[str, Any]) -> None:
        data["files"][0]["sha256"] = "0" * 64

    return _rewrite(source, out, manifest=change)


def _extra_file(source: Path, out: Path) -> Path:
    def add(members: dict[str, bytes]) -> None:
        members["chapters/unlisted.md"] = b"---\ntitle: Unlisted\n---\n"

    return _rewrite(source, out, files=add)


def _missing_file(source: Path, out: Path) -> Path:
    def drop(members: dict[str, bytes]) -> None:
        del members["manual.json"]

    return _rewrite(source, out, files=drop)


def _escaping_path(name: str) -> Callable[[Path, Path], Path]:
    def make(source: Path, out: Path) -> Path:
        payload = b"escaped\n"

        def add(members: dict[str, bytes]) -> None:
            members[name] = payload

        def listed(data: dict[str, Any]) -> None:
            data["files"].append(_entry({"path": name}, payload))

        return _rewrite(source, out, files=add, manifest=listed)

    return make


def _symlink(source: Path, out: Path) -> Path:
    target = b"../../../../etc/passwd"
    info = zipfile.ZipInfo("chapters/link.md")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16

    def add(members: dict[str, bytes]) -> None:
        members["chapters/link.md"] = target

    def listed(data: dict[str, Any]) -> None:
        data["files"].append(_entry({"path": "chapters/link.md"}, target))

    return _rewrite(source, out, files=add, manifest=listed, infos={"chapters/link.md": info})


def _chapter_as(info: zipfile.ZipInfo) -> Callable[[Path, Path], Path]:
    """The archive with chapter 1.1.1 stored with these details (its kind, its packing)."""
    return lambda source, out: _rewrite(source, out, infos={CHAPTER_111: info})


def _fifo_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(CHAPTER_111)
    info.external_attr = (stat.S_IFIFO | 0o644) << 16  # unpacked by some tools as a pipe
    return info


def _bzip2_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(CHAPTER_111)
    info.compress_type = zipfile.ZIP_BZIP2  # not every build of the reader can unpack it
    return info


BOMB_BYTES = 20 * 1024 * 1024


def _size_lie(source: Path, out: Path) -> Path:
    """A file far larger than the manifest claims (20 MB of zeros, claimed as 100 bytes)."""

    def add(members: dict[str, bytes]) -> None:
        members["chapters/images/big.png"] = bytes(BOMB_BYTES)

    def listed(data: dict[str, Any]) -> None:
        data["files"].append({"path": "chapters/images/big.png", "size": 100,
                              "sha256": hashlib.sha256(bytes(100)).hexdigest()})

    return _rewrite(source, out, files=add, manifest=listed)


def _forged_bomb(source: Path, out: Path) -> Path:
    """The same, with the zip's own headers forged to claim 100 bytes: found while unpacking."""
    _size_lie(source, out)
    data = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as zipped:
        info = zipped.getinfo("chapters/images/big.png")
    local = info.header_offset
    data[local + 22: local + 26] = struct.pack("<I", 100)
    name = info.filename.encode()
    central = 0
    while True:
        central = data.index(b"PK\x01\x02", central)
        length = struct.unpack("<H", data[central + 28: central + 30])[0]
        if bytes(data[central + 46: central + 46 + length]) == name:
            break
        central += 4
    data[central + 24: central + 28] = struct.pack("<I", 100)
    out.write_bytes(bytes(data))
    return out


def _no_manifest(source: Path, out: Path) -> Path:
    members = _members(source)
    del members[MANIFEST_NAME]
    with zipfile.ZipFile(out, "w") as zipped:
        for name, content in members.items():
            zipped.writestr(name, content)
    return out


def _manifest_not_json(source: Path, out: Path) -> Path:
    members = _members(source)
    members[MANIFEST_NAME] = b"{ not json"
    with zipfile.ZipFile(out, "w") as zipped:
        for name, content in members.items():
            zipped.writestr(name, content)
    return out


def _newer_format(source: Path, out: Path) -> Path:
    def change(data: dict[str, Any]) -> None:
        data["format"] = 2

    return _rewrite(source, out, manifest=change)


def _fails_validate(source: Path, out: Path, nested: bool = False, logos: int = 0,
                    huge: bool = False) -> Path:
    def change(members: dict[str, bytes]) -> None:
        if huge:  # over the size of chapter file the reader reads
            members[CHAPTER_111] += b"\nPlaceholder paragraph for a size test.\n" * 120_000
            return
        if nested:  # nested past Python's recursion: once, a traceback from install-content
            members[CHAPTER_111] += (b"\n" + b'<div markdown="1">' * 1000 + b"deep"
                                     + b"</div>" * 1000 + b"\n")
            return
        if logos:  # a page's chrome captured with it, once a problem each
            members[CHAPTER_111] += b"\nCompany Logo\n\nText.\n" * logos
            return
        members[CHAPTER_111] = members[CHAPTER_111].replace(
            b"chapter:staying-put-policy", b"chapter:gone-policy")

    def relist(data: dict[str, Any]) -> None:
        for item in data["files"]:
            if item["path"] == CHAPTER_111:
                _entry(item, changed[CHAPTER_111])

    changed = _members(source)
    change(changed)
    return _rewrite(source, out, files=change, manifest=relist)


def _referring_svg(source: Path, out: Path) -> Path:
    """An SVG image that names a file outside the content folder, shown by a chapter."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/secret.png"/></svg>'

    def change(members: dict[str, bytes]) -> None:
        members[CHAPTER_111] += b"\n![A chart](images/chart.svg)\n"
        members["chapters/images/chart.svg"] = svg

    def relist(data: dict[str, Any]) -> None:
        for item in data["files"]:
            if item["path"] == CHAPTER_111:
                _entry(item, changed[CHAPTER_111])
        data["files"].append(_entry({"path": "chapters/images/chart.svg"}, svg))

    changed = _members(source)
    change(changed)
    return _rewrite(source, out, files=change, manifest=relist)


def _encrypted(source: Path, out: Path) -> Path:
    """A chapter flagged as encrypted: zipfile asks for a password, with an error of its own.
    zipfile writes no encryption, so the flag is set in the central directory by hand."""
    data = bytearray(_rewrite(source, out).read_bytes())
    name = CHAPTER_111.encode()
    entry = data.find(b"PK\x01\x02")
    while data[entry + 46:entry + 46 + len(name)] != name:  # the chapter's central entry
        entry = data.find(b"PK\x01\x02", entry + 1)
    flags = struct.unpack_from("<H", data, entry + 8)[0]
    struct.pack_into("<H", data, entry + 8, flags | 0x1)
    out.write_bytes(bytes(data))
    return out


def _another_kind(source: Path, out: Path) -> Path:
    def change(data: dict[str, Any]) -> None:
        data["kind"] = "some-other-program-update"

    return _rewrite(source, out, manifest=change)


def _manifest_as(change: Callable[[dict[str, Any]], None]) -> Callable[[Path, Path], Path]:
    return lambda source, out: _rewrite(source, out, manifest=change)


def _manual_json_listed_twice(data: dict[str, Any]) -> None:
    data["files"] += [item for item in data["files"] if item["path"] == "manual.json"]


def _unlisted_escaping_path(source: Path, out: Path) -> Path:
    """A file that would climb out of the folder, not listed: refused for its name."""
    def add(members: dict[str, bytes]) -> None:
        members["../evil.md"] = b"escaped\n"

    return _rewrite(source, out, files=add)


def _edition_mismatch(source: Path, out: Path) -> Path:
    def change(data: dict[str, Any]) -> None:
        data["edition"] = "2025-01-01"

    return _rewrite(source, out, manifest=change)


BAD_ARCHIVES = {
    "damaged": (_damage, "damaged"),
    "truncated": (_truncate, "damaged or is not a content update"),
    "not a zip": (_not_a_zip, "not a readable zip archive"),
    "tampered text": (_tamper_text, "does not match its SHA-256 in the manifest"),
    "tampered manifest": (_tamper_manifest_hash, "does not match its SHA-256 in the manifest"),
    "extra file": (_extra_file, '"chapters/unlisted.md", which its manifest does not list'),
    "missing file": (_missing_file, 'lacks "manual.json"'),
    "../ path": (_escaping_path("../evil.md"), "climbs out of the folder"),
    "nested ../ path": (_escaping_path("chapters/../../evil.md"), "climbs out of the folder"),
    "absolute path": (_escaping_path("/tmp/evil.md"), "is absolute"),
    "./ path": (_escaping_path("chapters/./evil.md"), "is not in plain form"),
    "unlisted ../ path": (_unlisted_escaping_path,
                          'holds "../evil.md", a path that climbs out of the folder (..)'),
    # on Windows "\\" climbs as "/" does, and "C:" names a drive
    "backslash path": (_escaping_path("chapters\\..\\..\\evil.md"), "treat specially"),
    "drive path": (_escaping_path("C:evil.md"), "treat specially"),
    "another program's update": (_another_kind, "does not describe a content update for this"),
    "older format": (_manifest_as(lambda data: data.update(format=0)),
                     f"{MANIFEST_NAME} has format 0; this reader reads format 1"),
    "no files listed": (_manifest_as(lambda data: data.update(files=[])),
                        f'{MANIFEST_NAME} has no "files" list'),
    "edition not a date": (_manifest_as(lambda data: data.update(edition="autumn")),
                           f"{MANIFEST_NAME} has an edition that is not a date: 'autumn'"),
    "listed twice": (_manifest_as(_manual_json_listed_twice),
                     f'{MANIFEST_NAME} lists "manual.json" twice'),
    "symlink": (_symlink, 'symbolic link "chapters/link.md"'),
    "encrypted": (_encrypted, f'"{CHAPTER_111}" is encrypted; a content update never is'),
    "a pipe": (_chapter_as(_fifo_entry()), f'"{CHAPTER_111}", which is not a plain file'),
    "bzip2": (_chapter_as(_bzip2_entry()),
              f'"{CHAPTER_111}" is compressed in a way this reader does not unpack'),
    "size lie": (_size_lie, f"is {BOMB_BYTES:,} bytes in the archive but 100 in its manifest"),
    "forged bomb": (_forged_bomb, "damaged"),
    "no manifest": (_no_manifest, f"has no {MANIFEST_NAME}"),
    "manifest not JSON": (_manifest_not_json, "is not valid JSON"),
    # said to be what a newer reader needs, with what to do: not as if it were damaged
    "newer format": (_newer_format, "was made for a newer version of the reader, which this one "
                                    "cannot read (its content-manifest.json is in format 2; this "
                                    "reader knows format 1). Update the reader, then install "
                                    "bad-newer-format.zip again."),
    "fails validate": (_fails_validate, 'has 1 problem, so it was not installed: '
                                        f'{CHAPTER_111}:109: link to chapter "gone-policy"'),
    "five problems": (lambda source, out: _fails_validate(source, out, logos=5),
                      "has 5 problems, so it was not installed: "
                      + "; ".join(f"{CHAPTER_111}:{line}: capture artefact: page chrome (a "
                                  "logo's alt text)" for line in (140, 144, 148))
                      + " (and 2 more)"),
    "too complex to show": (lambda source, out: _fails_validate(source, out, nested=True),
                            f"not installed: {CHAPTER_111}: too complex for the reader to show"),
    "chapter over 4 MB": (lambda source, out: _fails_validate(source, out, huge=True),
                          f"not installed: {CHAPTER_111}: too large for the reader to show: "
                          "the file is 4.6 MB"),
    "SVG naming a file": (_referring_svg, 'image "images/chart.svg" is an SVG that refers to '
                                          '"/etc/secret.png"'),
    "edition mismatch": (_edition_mismatch, "manifest says the edition of 2025-01-01"),
}


@pytest.mark.parametrize("kind", BAD_ARCHIVES, ids=list(BAD_ARCHIVES))
def test_a_bad_archive_is_refused_and_the_current_edition_is_untouched(
    kind: str, archive: Path, tmp_path: Path
) -> None:
    current, pointer = _install_v1(archive)
    make, reason = BAD_ARCHIVES[kind]
    bad = make(archive, tmp_path / f"bad-{kind.replace(' ', '-').replace('/', '')}.zip")
    with pytest.raises(ContentUpdateError) as refused:
        install_content(bad)
    assert reason in str(refused.value)
    assert "Traceback" not in str(refused.value)
    assert (data_dir() / POINTER_NAME).read_bytes() == pointer
    assert active_content_dir(CONTENT) == current
    assert _editions() == [current.name]  # nothing left behind
    assert not (tmp_path / "evil.md").exists() and not Path("/tmp/evil.md").exists()


@pytest.mark.parametrize("kind", ["damaged", "truncated", "not a zip", "tampered text",
                                  "forged bomb", "no manifest"])
def test_a_damaged_archive_is_refused_with_what_to_do(kind: str, archive: Path,
                                                      tmp_path: Path) -> None:
    make, _reason = BAD_ARCHIVES[kind]
    with pytest.raises(ContentUpdateError) as refused:
        install_content(make(archive, tmp_path / "bad.zip"))
    # not Python's "File is not a zip file" alone, with nothing for the person to do
    assert str(refused.value).endswith(
        ". Check that this is the content update you were sent and, if it is, get it again: "
        "a download or copy cut short is refused whole")


@pytest.mark.parametrize("kind", ["newer format", "fails validate"])
def test_an_archive_that_another_copy_would_not_mend_says_no_more(kind: str, archive: Path,
                                                                  tmp_path: Path) -> None:
    make, _reason = BAD_ARCHIVES[kind]
    with pytest.raises(ContentUpdateError) as refused:
        install_content(make(archive, tmp_path / "bad.zip"))
    assert "get it again" not in str(refused.value)


def test_a_folder_given_for_the_archive_is_not_called_damaged(tmp_path: Path) -> None:
    # a login script naming the share's folder was told the update was damaged, with
    # "[Errno 21] Is a directory", and IT went looking for a bad download
    folder = tmp_path / "updates"
    folder.mkdir()
    with pytest.raises(ContentUpdateError) as refused:
        install_content(folder)
    assert str(refused.value) == (f"{folder}: is a folder, not a file; give the update "
                                  "archive itself (a .zip file)")


def test_an_archive_name_with_no_file_is_not_called_damaged(tmp_path: Path) -> None:
    # a name mistyped: getting the update again would not help, the name is what to put right
    missing = tmp_path / "updte.zip"
    with pytest.raises(ContentUpdateError) as refused:
        install_content(missing)
    assert str(refused.value) == f"{missing}: no such file"


def test_a_disk_that_fills_while_unpacking_is_said_and_the_edition_in_use_kept(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    current, pointer = _install_v1(archive)

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(content_archive, "_unpack_one", disk_full)
    with pytest.raises(ContentUpdateError) as refused:
        install_content(archive)
    assert str(refused.value) == (f"cannot unpack update.zip into {data_dir() / 'editions'} "
                                  "(No space left on device)")
    assert (data_dir() / POINTER_NAME).read_bytes() == pointer
    assert _editions() == [current.name]


def test_an_archive_of_more_files_than_an_update_holds_is_refused_unread(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # counted before any is read: a crafted archive of a million empty entries is no update
    current, pointer = _install_v1(archive)
    entries = len(zipfile.ZipFile(archive).infolist())
    with monkeypatch.context() as limited, pytest.raises(
            ContentUpdateError, match=f"holds {entries} entries, more than"):
        limited.setattr(content_archive, "MAX_FILES", entries - 2)
        install_content(archive)
    assert (data_dir() / POINTER_NAME).read_bytes() == pointer
    assert active_content_dir(CONTENT) == current


def test_a_forged_bomb_never_writes_more_than_it_claims(archive: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[int] = []
    real_unpack = content_archive._unpack_one

    def watching(zipped: zipfile.ZipFile, info: zipfile.ZipInfo, item: Any, target: Path,
                 name: str) -> None:
        try:
            real_unpack(zipped, info, item, target, name)
        finally:
            path = target / item.path
            written.append(path.stat().st_size if path.exists() else 0)

    monkeypatch.setattr(content_archive, "_unpack_one", watching)
    with pytest.raises(ContentUpdateError):
        install_content(_forged_bomb(archive, tmp_path / "bomb.zip"))
    assert max(written) <= 100_000


def test_an_update_too_large_for_the_free_space_is_refused_saying_how_much(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    current, pointer = _install_v1(archive)
    nearly_full = SimpleNamespace(total=100 * 2**20, used=100 * 2**20 - 2**19, free=2**19)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: nearly_full)
    with pytest.raises(ContentUpdateError) as refused:
        install_content(archive)
    assert "MB of disk space in" in str(refused.value) and "only 0.5 MB is free" in str(
        refused.value)
    assert (data_dir() / POINTER_NAME).read_bytes() == pointer
    assert _editions() == [current.name]

    def cannot_tell(_path: object) -> None:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(shutil, "disk_usage", cannot_tell)  # a share that cannot say: go on
    assert install_content(archive).path == current


def test_declared_sizes_over_the_limits_are_refused_before_unpacking(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content_archive, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(ContentUpdateError, match="more than a content update can be"):
        install_content(archive)
    monkeypatch.setattr(content_archive, "MAX_TOTAL_BYTES", 10**9)
    monkeypatch.setattr(content_archive, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ContentUpdateError, match="more than one file of a content update"):
        install_content(archive)
    monkeypatch.setattr(content_archive, "MAX_FILE_BYTES", 10**9)
    monkeypatch.setattr(content_archive, "MAX_MANIFEST_BYTES", 100)
    with pytest.raises(ContentUpdateError, match=f"its {MANIFEST_NAME} is .* MB, far larger "
                                                 "than a manifest can be"):
        install_content(archive)
    assert _editions() == [] and not (data_dir() / POINTER_NAME).exists()


def test_install_command_says_what_changed_or_why_not(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("install-content", str(archive)) == 0
    out = capsys.readouterr().out
    assert "Installed the edition of 2 September 2024" in out
    assert "no changes to the contents or the chapters" in out
    bad = _truncate(archive, tmp_path / "bad.zip")
    assert run("install-content", str(bad)) == 1
    err = capsys.readouterr().err
    assert f"error: {bad.name} is damaged" in err and "The edition in use is unchanged." in err


# an install cut short ------------------------------------------------------------------------

def _updated_archive(tmp_path: Path) -> Path:
    """An update that renumbers and retitles chapters, made with import-contents."""
    content = tmp_path / "new-content"
    shutil.copytree(CONTENT, content)
    page = tmp_path / "renumbered.txt"
    page.write_text(_renumbered_page(), encoding="utf-8")
    import_contents(page, content)
    manual_json = content / "manual.json"
    facts = json.loads(manual_json.read_text(encoding="utf-8"))
    facts["edition"] = "2025-03-01"
    manual_json.write_text(json.dumps(facts, indent=2), encoding="utf-8")
    return pack_content(content, tmp_path / "update-2025.zip").archive


@pytest.mark.parametrize("stage", ["unpacked", "moved"])
def test_an_install_killed_midway_leaves_the_current_edition_working(
    stage: str, archive: Path, tmp_path: Path
) -> None:
    current, pointer = _install_v1(archive)
    update = _updated_archive(tmp_path)
    marker = tmp_path / "paused"
    env = {**os.environ, PAUSE_AT_ENV: stage, PAUSE_MARKER_ENV: str(marker)}
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from reader.content_update import install_content; install_content(Path(sys.argv[1]))",
         str(update)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 120  # a safety net, not a timing assertion
        while not marker.exists():
            assert child.poll() is None, child.communicate()[1]
            assert time.monotonic() < deadline, "the installer never reached the pause"
            time.sleep(0.05)
    finally:
        child.kill()  # SIGKILL: no clean-up code runs, as when the power goes
        child.communicate()
    assert marker.read_text(encoding="utf-8") == stage
    # the kill left debris, but the reader still reads the edition it had
    assert len(_editions()) == 2
    assert (data_dir() / POINTER_NAME).read_bytes() == pointer
    assert active_content_dir(CONTENT) == current
    assert load_manual(current).find("a-strengths-based-approach").number == "1.1.2"

    result = install_content(update)
    assert active_content_dir(CONTENT) == result.path
    assert sorted(_editions()) == sorted([current.name, result.path.name])
    assert not any(name.startswith(".") for name in _editions())


# what changed, and bookmarks ----------------------------------------------------------------

def test_a_renumbering_update_keeps_ids_so_bookmarks_survive(
    archive: Path, tmp_path: Path
) -> None:
    before = load_manual(active_content_dir(CONTENT))
    bookmarks = {ref: before.find(ref).title for ref in BOOKMARKED}  # type: ignore[union-attr]
    result = install_content(_updated_archive(tmp_path))
    after = load_manual(active_content_dir(CONTENT))
    for ref in BOOKMARKED:
        assert after.find(ref) is not None, ref
    assert after.find("a-strengths-based-approach").number == "1.1.3"  # type: ignore
    assert after.find("staying-put-policy").title == "Staying Put Policy 2025"  # type: ignore
    assert after.find("diversity-and-heritage").title == bookmarks["diversity-and-heritage"]
    assert after.has_text(after.find("childrens-services-policies-values-and-principles"))

    diff = result.diff
    assert [entry.label for entry in diff.added] == ["1.1.20 Entry Added for the Import Test"]
    assert [entry.label for entry in diff.removed] == ["1.1.20 Family Group Conferencing"]
    changes = {change.after.id: change.changed for change in diff.updated}
    assert changes == {
        "a-strengths-based-approach": ("number", "title"),
        "diversity-and-heritage": ("number",),
        "staying-put-policy": ("title",),
    }
    assert diff.summary() == "1 added, 1 removed, 3 updated"
    assert ("updated: 1.1.3 A Strengths-Based Approach: renumbered (was 1.1.2), retitled "
            '(was "A Strengths Based Approach")') in diff.lines()
    assert diff.old_edition is not None and diff.new_edition.isoformat() == "2025-03-01"


def test_a_changed_chapter_text_is_an_update(content_copy: Path, tmp_path: Path) -> None:
    chapter = content_copy / CHAPTER_111
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")
    update = pack_content(content_copy, tmp_path / "u.zip").archive
    [change] = install_content(update).diff.updated
    assert change.after.number == "1.1.1" and change.changed == ("text",)


def test_a_chapter_whose_text_is_held_for_the_first_time_has_its_text_added(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contents_path = content_copy / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    listed = contents["sections"][0]["items"][0]["items"][2]  # 1.1.3, listed only
    assert "file" not in listed
    listed["file"] = "chapters/diversity-and-heritage.md"
    contents_path.write_text(json.dumps(contents), encoding="utf-8")
    (content_copy / listed["file"]).write_text(
        "---\ntitle: Diversity and Heritage\nlast_updated: 2024-09-02\n---\n\n"
        "The text, held offline at last.\n", encoding="utf-8")
    update = pack_content(content_copy, tmp_path / "u.zip").archive
    assert run("install-content", str(update)) == 0
    out = capsys.readouterr().out
    assert "updated: 1.1.3 Diversity and Heritage: text added" in out
    assert "text changed" not in out


def test_a_chapter_whose_text_is_no_longer_held_has_its_text_removed(
    content_copy: Path
) -> None:
    contents_path = content_copy / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    del contents["sections"][0]["items"][0]["items"][0]["file"]  # 1.1.1: listed only now
    contents_path.write_text(json.dumps(contents), encoding="utf-8")
    (content_copy / CHAPTER_111).unlink()
    lines = diff_contents(load_manual(CONTENT), load_manual(content_copy)).lines()
    assert lines == ["updated: 1.1.1 Children's Services Policies, Values and Principles: "
                     "text removed"]


def test_what_an_update_changed_is_kept_for_later_starts(archive: Path, tmp_path: Path
                                                          ) -> None:
    update = _updated_archive(tmp_path)
    result = install_content(update)
    installed = installed_edition()
    assert installed is not None and installed.changes == tuple(result.diff.lines())
    assert "removed: 1.1.20 Family Group Conferencing" in installed.changes
    assert installed.changes_from is not None and installed.changes_from.isoformat() == \
        "2024-09-02"
    again = install_content(update)  # the same archive again: nothing new, the record stays
    assert again.diff.is_empty
    assert installed_edition().changes == installed.changes  # type: ignore[union-attr]


def test_a_change_of_flags_says_what_the_badges_now_say(content_copy: Path) -> None:
    before = load_manual(CONTENT)
    contents_path = content_copy / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    chapters = contents["sections"][0]["items"][0]["items"]
    by_id = {item["id"]: item for item in chapters}
    by_id["diversity-and-heritage"]["flags"] = ["updated"]
    del by_id["children-at-risk-of-exploitation-workflow-and-guidance"]["flags"]
    by_id["capacity-and-consent"]["flags"] = ["new", "under_review"]  # was Updated
    contents_path.write_text(json.dumps(contents), encoding="utf-8")
    lines = diff_contents(before, load_manual(content_copy)).lines()
    assert lines == [
        "updated: 1.1.3 Diversity and Heritage: now marked Updated",
        "updated: 1.1.6 Capacity and Consent: now marked New and Under review, "
        "no longer marked Updated",
        "updated: 1.1.7 Children at Risk of Exploitation - Workflow and Guidance: "
        "no longer marked Under review",
    ]


def test_badges_listed_in_another_order_are_no_change(content_copy: Path) -> None:
    before = load_manual(CONTENT)
    contents_path = content_copy / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    flagged = [item for section in contents["sections"] for item in section["items"]
               if len(item.get("flags", [])) > 1]
    flagged[0]["flags"].reverse()
    contents_path.write_text(json.dumps(contents), encoding="utf-8")
    diff = diff_contents(before, load_manual(content_copy))
    assert diff.lines() == [] and diff.summary() == "no changes to the contents or the chapters"


def test_the_summary_counts_what_was_added_and_removed(content_copy: Path) -> None:
    before = load_manual(CONTENT)
    contents_path = content_copy / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    del contents["sections"][0]["items"][0]["items"][2]  # 1.1.3
    contents_path.write_text(json.dumps(contents), encoding="utf-8")
    assert diff_contents(before, load_manual(content_copy)).summary() == (
        "0 added, 1 removed, 0 updated")


# falling back --------------------------------------------------------------------------------

def test_uninstall_falls_back_to_the_bundled_edition(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_content(archive)
    assert run("uninstall-content") == 0
    said = capsys.readouterr().out
    assert "Removed the installed edition of 2 September 2024" in said
    # a script's owner is told where the disk space went, and when it comes back
    assert "Its files are deleted at the next install or uninstall." in said
    assert _editions() != []
    assert active_content_dir(CONTENT) == CONTENT
    assert installed_edition() is None
    assert uninstall_content().removed is None
    assert run("uninstall-content") == 0
    assert "No update was installed" in capsys.readouterr().out
    assert _editions() == []  # the second time, nothing was left to keep


def test_a_window_still_open_on_the_update_keeps_its_pages_after_uninstall(
    archive: Path, tmp_path: Path
) -> None:
    installed = install_content(archive).path
    other_window = load_manual(active_content_dir(CONTENT))  # a second window, still open
    chapter = other_window.find("1.1.1")
    uninstall_content()
    assert active_content_dir(CONTENT) == CONTENT
    assert other_window.has_text(chapter)
    assert "Policies" in (other_window.root / chapter.file).read_text(encoding="utf-8")
    # cleared later, as an install clears the edition before the previous one
    newer = install_content(edition_archive(tmp_path, "2025-03-01")).path
    assert _editions() == [newer.name] and not installed.exists()


def test_the_update_stays_when_the_bundled_edition_cannot_be_read(
    archive: Path, content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_content(archive, bundled=content_copy)
    reading = active_content_dir(content_copy)
    (content_copy / "contents.json").write_text("{ damaged", encoding="utf-8")
    with pytest.raises(ContentUpdateError, match="stays installed"):
        uninstall_content(content_copy)
    assert active_content_dir(content_copy) == reading and reading.is_dir()
    assert run("uninstall-content", "--content", str(content_copy)) != 0
    said = capsys.readouterr().err
    assert "cannot be read" in said
    assert said.endswith("The edition in use is unchanged.\n")
    assert active_content_dir(content_copy) == reading


def test_an_editions_folder_that_cannot_be_listed_still_lets_the_update_go(
    archive: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    install_content(archive)
    real_iterdir = Path.iterdir

    def unlistable(folder: Path):  # as a folder this account may enter but not read
        if folder.name == "editions":
            raise PermissionError(13, "Permission denied", str(folder))
        return real_iterdir(folder)

    monkeypatch.setattr(Path, "iterdir", unlistable)
    assert run("uninstall-content") == 0
    assert "Removed the installed edition of 2 September 2024" in capsys.readouterr().out
    assert active_content_dir(CONTENT) == CONTENT


@pytest.mark.parametrize("damage", ["half", "nested", "unreadable", "other format", "huge"])
def test_a_damaged_pointer_falls_back_with_a_warning(
    archive: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
    damage: str
) -> None:
    install_content(archive)
    pointer = data_dir() / POINTER_NAME
    if damage == "unreadable":  # a data folder another account made, mode 0700
        real_exists = Path.exists
        monkeypatch.setattr(Path, "exists", lambda path: real_exists(path) if path != pointer
                            else (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    elif damage == "other format":  # "format" typed in by hand as text: not one it wrote
        data = json.loads(pointer.read_text(encoding="utf-8"))
        pointer.write_text(json.dumps({**data, "format": "1"}), encoding="utf-8")
    elif damage == "huge":  # read whole at every start, 100 MB took 1.6 GB of memory
        data = json.loads(pointer.read_text(encoding="utf-8"))
        pointer.write_text(json.dumps({**data, "changes": ["updated: 1.1.1"] * 400_000}),
                           encoding="utf-8")
    else:  # nested: "[[[..." a thousand deep stopped every start with a RecursionError
        pointer.write_text("{ half a pointer" if damage == "half" else "[" * 5000,
                           encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="reader.content_update"):
        folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    assert "cannot be used" in caplog.text or "cannot be read" in caplog.text
    assert notice is not None
    assert notice == (
        "The record of the content update installed here is damaged, so this is the edition of "
        "2 September 2024 that came with the reader. Install the update again; the log says "
        "what is wrong.")


def test_an_installed_manifest_with_a_number_too_long_to_read_is_passed_over(
    archive: Path
) -> None:
    result = install_content(archive)
    manifest = result.path / MANIFEST_NAME
    text = manifest.read_text(encoding="utf-8").rstrip()
    manifest.write_text(text[:-1] + ', "size": ' + "9" * 5000 + "}", encoding="utf-8")
    # Python's limit on digits raised a plain ValueError, which stopped every start
    folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    assert notice is not None and "is damaged" in notice


def test_a_pointer_from_a_newer_reader_is_not_called_damaged(archive: Path) -> None:
    install_content(archive)
    pointer = data_dir() / POINTER_NAME
    data = json.loads(pointer.read_text(encoding="utf-8"))
    pointer.write_text(json.dumps({**data, "format": 2}), encoding="utf-8")
    folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    # it said "damaged" and "Install the update again", which would undo the newer reader's
    assert notice == ("The content update installed here was installed by a newer version of "
                      "the reader, which this one cannot read, so this is the edition of "
                      "2 September 2024 that came with the reader.")
    assert json.loads(pointer.read_text(encoding="utf-8"))["format"] == 2  # left as it is


def test_an_edition_a_newer_reader_installed_is_not_called_damaged(
    archive: Path, caplog: pytest.LogCaptureFixture
) -> None:
    result = install_content(archive)
    manifest = result.path / MANIFEST_NAME
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "format": 2}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="reader.edition_pointer"):
        folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    # it said "damaged" and "Install the update again", which this reader would refuse too
    assert notice == ("The content update installed here (edition of 2 September 2024) was "
                      "made for a newer version of the reader, which this one cannot read, so "
                      "this is the edition of 2 September 2024 that came with the reader. Update "
                      "the reader to read it.")
    assert "content-manifest.json is in format 2; this reader knows format 1" in caplog.text
    assert json.loads(manifest.read_text(encoding="utf-8"))["format"] == 2  # left as it is


def test_an_installed_edition_folder_that_cannot_be_looked_into_is_passed_over(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = install_content(archive)
    real_exists = Path.exists
    # a folder another account made, mode 0700: root, running the tests, is never refused
    monkeypatch.setattr(Path, "exists", lambda path: real_exists(path)
                        if path != result.path / MANIFEST_NAME
                        else (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    assert notice is not None and "is damaged" in notice


def test_a_pointer_edited_in_notepad_is_still_followed(archive: Path) -> None:
    result = install_content(archive)
    pointer = data_dir() / POINTER_NAME
    pointer.write_bytes(b"\xef\xbb\xbf" + pointer.read_bytes())  # Notepad's byte-order mark
    # it was called damaged, and the older bundled edition read instead
    assert content_in_use(CONTENT) == (result.path, None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("where", ["pointer", "manifest"])
def test_a_pipe_where_the_pointer_or_manifest_should_be_is_not_read(
    archive: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    result = install_content(archive)
    pointer = data_dir() / POINTER_NAME if where == "pointer" else result.path / MANIFEST_NAME
    pointer.unlink()
    os.mkfifo(pointer)
    real_read = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        # reading a pipe (or a link to /dev/zero) waits for ever: the reader never opened
        if self.exists() and not self.is_file():
            raise AssertionError(f"{self} is read, and would never end")
        return real_read(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    assert notice is not None and "is damaged" in notice
    assert pointer.exists()  # kept for IT to look at


def test_a_damaged_installed_edition_falls_back_and_says_so(
    archive: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    result = install_content(archive)
    (result.path / CHAPTER_111).unlink()
    with caplog.at_level(logging.WARNING, logger="reader.content_update"):
        folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    assert f"({result.path / CHAPTER_111} is missing)" in caplog.text
    assert "bundled edition" in caplog.text
    # people would otherwise read an older edition than the one installed, unawares
    assert notice is not None and notice.startswith(
        "The content update installed here (edition of 2 September 2024) is damaged, so this "
        "is the edition of 2 September 2024 that came with the reader.")
    assert main(["toc"]) == 0
    assert f"warning: {notice}" in capsys.readouterr().err
    (result.path / MANIFEST_NAME).unlink()  # the log names the file IT should look for
    with caplog.at_level(logging.WARNING, logger="reader.content_update"):
        assert content_in_use(CONTENT)[0] == CONTENT
    assert f"({result.path / MANIFEST_NAME} is missing)" in caplog.text


def test_an_installed_update_whose_edition_file_is_damaged_in_place_is_passed_over(
    archive: Path
) -> None:
    result = install_content(archive)
    facts = result.path / "manual.json"
    facts.write_bytes(b"X" + facts.read_bytes()[1:])  # the same size: the sizes all agree
    folder, notice = content_in_use(CONTENT)
    # it showed "Edition of 1 January 1" and a notice that it was 2025 years old
    assert folder == CONTENT
    assert notice is not None and "is damaged" in notice


def test_an_installed_update_in_use_says_nothing(archive: Path) -> None:
    result = install_content(archive)
    assert content_in_use(CONTENT) == (result.path, None)
    assert content_in_use(CONTENT, data_root=data_dir() / "none here") == (CONTENT, None)


@pytest.mark.parametrize("where", ["../elsewhere", "an absolute path", ".staging-1"])
def test_a_pointer_to_a_folder_outside_the_editions_is_not_followed(
        archive: Path, tmp_path: Path, where: str) -> None:
    # a sound copy of the edition where a pointer edited by hand leads: outside the editions,
    # or a staging folder whose files no install finished checking
    result = install_content(archive)
    elsewhere = {"../elsewhere": result.path.parent.parent / "elsewhere",
                 "an absolute path": tmp_path / "elsewhere"}.get(where, result.path.parent / where)
    shutil.copytree(result.path, elsewhere)
    pointer = data_dir() / POINTER_NAME
    data = json.loads(pointer.read_text(encoding="utf-8"))
    data["folder"] = str(elsewhere) if where == "an absolute path" else where
    pointer.write_text(json.dumps(data), encoding="utf-8")
    folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    assert notice is not None and notice.startswith(
        "The record of the content update installed here is damaged")


def test_an_installed_chapter_cut_short_is_noticed_and_the_bundled_edition_used(
    archive: Path,
) -> None:
    result = install_content(archive)
    chapter = result.path / CHAPTER_111
    chapter.write_bytes(chapter.read_bytes()[:-10])  # a disk that filled, a copy cut off
    folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    assert notice is not None and "is damaged" in notice


def test_a_pointer_whose_record_of_changes_is_damaged_still_opens_its_edition(
    archive: Path,
) -> None:
    result = install_content(archive)
    pointer = data_dir() / POINTER_NAME
    data = json.loads(pointer.read_text(encoding="utf-8"))
    pointer.write_text(json.dumps({**data, "changes": ["6.4.3 added", 7],
                                   "changes_from": "last spring"}), encoding="utf-8")
    assert content_in_use(CONTENT) == (result.path, None)
    assert installed_edition().changes == ()  # What's new lists nothing made up
    pointer.write_text(json.dumps({**data, "changes": ["6.4.3 added"],
                                   "changes_from": "last spring"}), encoding="utf-8")
    assert content_in_use(CONTENT) == (result.path, None)
    installed = installed_edition()
    assert installed.changes == ("6.4.3 added",) and installed.changes_from is None


def test_a_bundled_manual_json_that_is_no_object_still_opens_the_installed_update(
    archive: Path, content_copy: Path
) -> None:
    # sound JSON, but a list: reading its date raised AttributeError, and every start stopped
    result = install_content(archive, bundled=content_copy)
    (content_copy / "manual.json").write_text('["2024-09-02"]', encoding="utf-8")
    assert content_in_use(content_copy) == (result.path, None)


def test_a_newer_bundled_edition_wins_over_an_older_installed_one(
    archive: Path, content_copy: Path
) -> None:
    install_content(archive, bundled=content_copy)
    manual_json = content_copy / "manual.json"
    facts = json.loads(manual_json.read_text(encoding="utf-8"))
    facts["edition"] = "2030-01-01"
    manual_json.write_text(json.dumps(facts), encoding="utf-8")
    assert active_content_dir(content_copy) == content_copy


def test_tests_never_touch_the_real_user_folders() -> None:
    home_data = Path.home() / ".local" / "share"
    assert not data_dir().is_relative_to(home_data)


def test_an_exception_from_the_progress_callback_cancels_cleanly(archive: Path) -> None:
    class Cancelled(Exception):
        """The person pressed Cancel."""

    def cancel(message: str, done: int, total: int) -> None:
        if message.startswith("Unpacking"):
            raise Cancelled

    with pytest.raises(Cancelled):
        install_content(archive, cancel)
    assert _editions() == [] and active_content_dir(CONTENT) == CONTENT



def test_a_second_install_at_the_same_time_is_refused(archive: Path) -> None:
    import fcntl

    from reader.content_update import LOCK_NAME

    data_dir().mkdir(parents=True)
    with (data_dir() / LOCK_NAME).open("a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as another install would hold it
        with pytest.raises(ContentUpdateError, match="another content update"):
            install_content(archive)
        with pytest.raises(ContentUpdateError, match="another content update"):
            uninstall_content()
    assert install_content(archive).edition.isoformat() == "2024-09-02"  # free again


def test_a_folder_without_locks_does_not_pass_for_an_install_under_way(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import file_lock

    def no_locks(_handle: int, *, take: bool) -> None:
        raise OSError(38, "Function not implemented")  # some network shares

    monkeypatch.setattr(file_lock, "lock_open_file", no_locks)
    # "another content update is being installed" was said, with none under way
    assert install_content(archive).edition.isoformat() == "2024-09-02"


def edition_archive(tmp_path: Path, edition: str) -> Path:
    """The bundled content as an update dated `edition` (YYYY-MM-DD)."""
    folder = tmp_path / f"content-{edition}"
    shutil.copytree(CONTENT, folder)
    facts = json.loads((folder / "manual.json").read_text(encoding="utf-8"))
    facts["edition"] = edition
    (folder / "manual.json").write_text(json.dumps(facts), encoding="utf-8")
    return pack_content(folder, tmp_path / f"update-{edition}.zip").archive


def test_an_older_edition_than_the_one_in_use_is_installed_only_on_purpose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_content(edition_archive(tmp_path, "2025-03-01"), bundled=CONTENT)
    older = edition_archive(tmp_path, "2024-12-01")
    # a login script installing an old archive would roll every laptop back unnoticed
    with pytest.raises(OlderEdition, match="older than the edition in use, of 1 March 2025"):
        install_content(older, bundled=CONTENT)
    assert installed_edition().edition.isoformat() == "2025-03-01"
    assert main(["install-content", str(older)]) == 1
    assert "add --allow-older" in capsys.readouterr().err
    assert install_content(older, bundled=CONTENT, allow_older=True).edition.isoformat() == \
        "2024-12-01"


def test_an_update_older_than_the_readers_own_edition_is_refused(
    tmp_path: Path, content_copy: Path
) -> None:
    facts = json.loads((content_copy / "manual.json").read_text(encoding="utf-8"))
    facts["edition"] = "2030-01-01"  # the program was updated with a newer manual
    (content_copy / "manual.json").write_text(json.dumps(facts), encoding="utf-8")
    update = edition_archive(tmp_path, "2025-03-01")
    # it would be passed over at every start while IT believed it in use
    with pytest.raises(ContentUpdateError, match="would change nothing"):
        install_content(update, bundled=content_copy, allow_older=True)
    assert installed_edition() is None


def test_a_refused_update_is_in_the_log_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a login script discards what the command prints, and the windowed app on Windows has
    # nowhere to print it: the log is the only record of why laptops kept the old edition
    bad = tmp_path / "update.zip"
    bad.write_bytes(b"not a zip")
    assert main(["install-content", str(bad)]) == 1
    capsys.readouterr()
    logged = (log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert f"WARNING reader.content_update: the content update {bad} was not installed: " \
           "update.zip is damaged or is not a content update" in logged


def test_an_installed_update_whose_contents_file_holds_no_contents_is_passed_over(
    archive: Path,
) -> None:
    # sound JSON of the right size, so neither the sizes nor the parse catch it: the reader
    # would open an edition with no contents at all
    result = install_content(archive)
    contents = result.path / "contents.json"
    size = contents.stat().st_size
    contents.write_text("{}".ljust(size), encoding="utf-8")
    folder, notice = content_in_use(CONTENT)
    assert folder == CONTENT
    assert notice is not None and "is damaged" in notice


def test_an_installed_update_is_in_the_log_with_its_edition(archive: Path,
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    # from a login script the log is all IT has to tell the laptops that took it
    assert main(["install-content", str(archive)]) == 0
    capsys.readouterr()
    logged = (log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert f"INFO reader.content_update: installed the edition of 2024-09-02 from {archive}" \
        in logged


def test_an_archive_the_account_may_not_read_is_not_called_damaged(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(content_archive.zipfile, "ZipFile", refused)
    with pytest.raises(ContentUpdateError) as not_read:
        install_content(archive)
    assert str(not_read.value) == f"{archive}: cannot be read (Permission denied)"
