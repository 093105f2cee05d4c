"""pack-content refuses an edition date that readers would refuse or be misled by."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from reader import cli_content
from reader.content_archive import pack_content
from reader.content_update import install_content

from .conftest import CONTENT
from .test_import import run


def _set_edition(content: Path, edition: str) -> None:
    path = content / "manual.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["edition"] = edition
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _flag_a_chapter(content: Path) -> None:
    path = content / "contents.json"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '"title": "Diversity and Heritage"', '"title": "Diversity and Heritage",\n'
        '              "flags": ["updated"]'), encoding="utf-8")


def test_a_change_packed_under_the_readers_own_edition_date_is_refused(
        content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _flag_a_chapter(content_copy)  # the edition date in manual.json left as it was
    out = tmp_path / "update.zip"
    assert run("pack-content", "--content", str(content_copy), str(out)) == 1
    err = capsys.readouterr().err
    assert f"{content_copy / 'manual.json'}:5: edition 2024-09-02 is the date of the edition " \
           "built into the reader, but the content differs from it" in err
    assert 'set "edition" to the date of this edition, as YYYY-MM-DD' in err
    assert "nothing was packed" in err and not out.exists()
    _set_edition(content_copy, "2024-10-01")
    assert run("pack-content", "--content", str(content_copy), str(out)) == 0
    assert out.is_file()


def test_an_edition_older_than_the_readers_own_is_not_packed(
        content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    newer = tmp_path / "bundled"
    shutil.copytree(CONTENT, newer)
    _set_edition(newer, "2024-12-01")
    monkeypatch.setattr(cli_content, "BUNDLED_CONTENT", newer)
    out = tmp_path / "update.zip"
    assert run("pack-content", "--content", str(content_copy), str(out)) == 1
    assert ("edition 2024-09-02 is older than the edition built into the reader "
            "(1 December 2024), so every reader would refuse the update") in capsys.readouterr().err
    assert not out.exists()


def test_a_second_update_under_the_date_of_the_first_is_refused(
        content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _set_edition(content_copy, "2024-10-01")
    install_content(pack_content(content_copy, tmp_path / "first.zip").archive)
    again = tmp_path / "again.zip"
    assert run("pack-content", "--content", str(content_copy), str(again)) == 0  # the same
    _flag_a_chapter(content_copy)  # a change, the date not moved on
    assert run("pack-content", "--content", str(content_copy), str(tmp_path / "b.zip")) == 1
    assert "edition 2024-10-01 is the date of the update installed here, but the content " \
           "differs" in capsys.readouterr().err
    # older than the update installed here is no fault: readers install it when asked to
    _set_edition(content_copy, "2024-09-20")
    assert run("pack-content", "--content", str(content_copy), str(tmp_path / "c.zip")) == 0


def test_content_with_problems_is_listed_once_and_not_packed(
        content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _set_edition(content_copy, "2024-10-01")
    (content_copy / "chapters" / "notes.md").write_text("Notes.\n", encoding="utf-8")
    assert run("pack-content", "--content", str(content_copy), str(tmp_path / "u.zip")) == 1
    captured = capsys.readouterr()
    assert "chapters/notes.md: chapter file is not in the contents" in captured.out
    # not "run validate for the list": the list is printed just above
    assert captured.err == f"error: 1 problem in {content_copy}, listed above; nothing " \
                           "was packed\n"


def test_an_archive_is_not_written_into_the_folder_it_packs(
        content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _set_edition(content_copy, "2024-10-01")
    out = content_copy / "update.zip"
    assert run("pack-content", "--content", str(content_copy), str(out)) == 1
    assert f"{out} is inside the content folder {content_copy}: write the archive outside " \
           "it" in capsys.readouterr().err
    assert not out.exists()


def test_a_pack_cut_short_by_a_full_disk_leaves_no_part_of_an_archive(
        content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    _set_edition(content_copy, "2024-10-01")
    out = tmp_path / "shared" / "update.zip"
    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)
    assert run("pack-content", "--content", str(content_copy), str(out)) == 1
    assert capsys.readouterr().err == f"error: {out}: cannot be written (No space left on " \
                                      "device)\n"
    assert list(out.parent.iterdir()) == []  # no ".update.zip....tmp" left in the share


# the bundled edition's manifest --------------------------------------------------------------

def test_write_manifest_makes_the_bundled_manifest_again_after_a_change(
        content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.content_archive import folder_manifest_fault

    manifest = content_copy / "content-manifest.json"
    _flag_a_chapter(content_copy)
    assert "no longer matches the files (contents.json changed)" in \
        (folder_manifest_fault(content_copy) or "")
    assert run("write-manifest", "--content", str(content_copy)) == 0
    assert f"{manifest}: written (the edition of 2 September 2024, 5 files" in \
        capsys.readouterr().out
    assert folder_manifest_fault(content_copy) is None
    written = manifest.read_bytes()
    # made again with nothing changed: left as it was, so the repository shows no change
    assert run("write-manifest", "--content", str(content_copy)) == 0
    assert f"{manifest}: already matches the files" in capsys.readouterr().out
    assert manifest.read_bytes() == written
    # an update's manifest (no digest) copied in: made again, or validate would go on asking
    # for what write-manifest says is done
    data = json.loads(written)
    del data["content_hash"]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert run("write-manifest", "--content", str(content_copy)) == 0
    assert f"{manifest}: written" in capsys.readouterr().out
    assert folder_manifest_fault(content_copy) is None
    (content_copy / "chapters" / "images").mkdir()
    (content_copy / "chapters" / "images" / "map.png").write_bytes(b"a map")
    assert "no longer matches the files (chapters/images/map.png is new)" in \
        (folder_manifest_fault(content_copy) or "")


def test_write_manifest_of_a_folder_that_is_no_manual_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("write-manifest", "--content", str(tmp_path)) == 1
    assert "no manifest was written" in capsys.readouterr().err
    assert not (tmp_path / "content-manifest.json").exists()


def test_an_update_packed_from_content_with_a_manifest_leaves_that_manifest_out(
        content_copy: Path, tmp_path: Path) -> None:
    import zipfile

    _set_edition(content_copy, "2024-10-01")
    result = pack_content(content_copy, tmp_path / "update.zip")
    assert "content-manifest.json" not in [item.path for item in result.manifest.files]
    with zipfile.ZipFile(result.archive) as archive:  # the update's own, once
        assert archive.namelist().count("content-manifest.json") == 1


@pytest.mark.parametrize(("names", "said"), [
    # Linux keeps both; an archive holding both was refused by every reader's install as
    # damaged, and the manifest written of them could not be read back
    (("map.png", "Map.png"), "differ only in capitals"),
    (("map:2.png",), "has a character that paths on some systems treat specially"),
])
def test_files_no_reader_could_install_are_refused_by_pack_and_write_manifest(
        content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        names: tuple[str, ...], said: str) -> None:
    pictures = content_copy / "chapters" / "images"
    pictures.mkdir()
    try:
        for name in names:
            (pictures / name).write_bytes(name.encode())
    except OSError:
        pytest.skip("this system keeps no such name")
    if len(list(pictures.iterdir())) < len(names):
        pytest.skip("this system takes the two names for one file")
    _set_edition(content_copy, "2024-10-01")
    manifest = content_copy / "content-manifest.json"
    kept = manifest.read_bytes()
    assert run("pack-content", "--content", str(content_copy), str(tmp_path / "u.zip")) == 1
    assert said in "".join(capsys.readouterr())  # the problem listed, then "nothing was packed"
    assert not (tmp_path / "u.zip").exists()
    assert run("write-manifest", "--content", str(content_copy)) == 1
    err = capsys.readouterr().err
    assert said in err and "no manifest was written" in err
    assert manifest.read_bytes() == kept


def test_write_manifest_does_not_write_through_a_manifest_that_is_a_symbolic_link(
        content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # it wrote the file the link points at, outside the content folder, and validate said
    # nothing of a link that a checkout elsewhere would not follow
    elsewhere = tmp_path / "elsewhere.json"
    manifest = content_copy / "content-manifest.json"
    shutil.move(manifest, elsewhere)
    try:
        manifest.symlink_to(elsewhere)
    except OSError:
        pytest.skip("this system makes no symbolic links here")
    kept = elsewhere.read_bytes()
    _flag_a_chapter(content_copy)
    assert run("write-manifest", "--content", str(content_copy)) == 1
    assert f"{manifest} is a symbolic link; put the file itself in its place" in \
        capsys.readouterr().err
    assert elsewhere.read_bytes() == kept


def test_an_edition_dated_in_the_future_is_not_packed(
        content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a slip of the keys: 2042 for 2024; readers would see it on every page and printed copy,
    # never be told the edition has aged, and refuse every correctly dated update after it
    slip = date.today() + timedelta(days=18 * 365)
    _set_edition(content_copy, slip.isoformat())
    out = tmp_path / "update.zip"
    assert run("pack-content", "--content", str(content_copy), str(out)) == 1
    err = capsys.readouterr().err
    assert f"{content_copy / 'manual.json'}:5: edition {slip.isoformat()} is later than " \
           "today" in err
    assert "nothing was packed" in err and not out.exists()
    _set_edition(content_copy, date.today().isoformat())  # an edition made today is packed
    assert run("pack-content", "--content", str(content_copy), str(out)) == 0


def test_a_chapter_over_the_size_limit_is_not_packed_but_its_manifest_is_written(
        content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib

    from reader.page_limits import MAX_CHAPTER_BYTES

    chapter = content_copy / "chapters" / "childrens-services-policies-values-and-principles.md"
    filler = "Placeholder paragraph for a size test.\n\n"
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + filler * (MAX_CHAPTER_BYTES // len(filler)), encoding="utf-8")
    size = chapter.stat().st_size
    out = tmp_path / "update.zip"
    # the reader would not show it, so it is sent to no reader: said as validate says it
    assert run("pack-content", "--content", str(content_copy), str(out)) == 1
    captured = capsys.readouterr()
    assert captured.out == (f"{chapter}: too large for the reader to show: the file is "
                            f"{size / 2**20:.1f} MB ({size:,} bytes); the reader reads chapter "
                            "files of at most 4 MB (4,194,304 bytes)\n")
    assert "1 problem in" in captured.err and "nothing was packed" in captured.err
    assert not out.exists()
    # the bundled edition's manifest describes the files as they are, large or not
    assert run("write-manifest", "--content", str(content_copy)) == 0
    listed = {item["path"]: item for item in
              json.loads((content_copy / "content-manifest.json").read_text("utf-8"))["files"]}
    relative = chapter.relative_to(content_copy).as_posix()
    assert listed[relative]["size"] == size
    assert listed[relative]["sha256"] == hashlib.sha256(chapter.read_bytes()).hexdigest()
