"""`--selftest`: says what works, fails when the shipped index is required but unusable."""

from __future__ import annotations

import errno
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.cli import main
from reader.content_archive import pack_content, write_folder_manifest
from reader.content_update import install_content
from reader.manual import load_manual
from reader.search import build_prebuilt_index
from reader.selftest import run_selftest

from .conftest import lose_home_folder


@pytest.fixture
def prebuilt(content_copy: Path) -> Path:
    """A content folder with its shipped index, as the installer makes it."""
    build_prebuilt_index(load_manual(content_copy))
    return content_copy


def test_selftest_uses_the_shipped_index_read_only(prebuilt: Path, qapp: QApplication) -> None:
    lines: list[str] = []
    assert run_selftest(prebuilt, require_prebuilt=True, say=lines.append) == []
    said = "\n".join(lines)
    assert f"search index: {prebuilt / '.index'} (shipped, used read-only)" in said
    assert "finds 1.1.1 childrens-services-policies-values-and-principles" in said
    assert "rendering: chapter 1.1.1 laid out and drawn" in said
    assert "icon: loads" in said


def test_checkout_without_index_builds_one_in_the_cache_and_says_so(
    content_copy: Path, qapp: QApplication
) -> None:
    lines: list[str] = []
    assert run_selftest(content_copy, require_prebuilt=False, say=lines.append) == []
    said = "\n".join(lines)
    assert "no usable shipped index (there is none)" in said
    assert "(built just now)" in said


def test_required_shipped_index_that_is_stale_fails(prebuilt: Path, qapp: QApplication) -> None:
    chapter = next((prebuilt / "chapters").glob("*.md"))
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    # the manifest made again, as a build that changed the manual after indexing it would
    manual = load_manual(prebuilt)
    write_folder_manifest(prebuilt, manual.info.edition, manual.info.title)
    failures = run_selftest(prebuilt, require_prebuilt=True, say=lambda line: None)
    assert len(failures) == 1
    assert "cannot be used (the manual has changed since it was built)" in failures[0]
    assert "would have to build one" in failures[0]


def test_any_attempt_to_reach_the_network_fails(prebuilt: Path, qapp: QApplication) -> None:
    def say(line: str) -> None:
        if line.startswith("content:"):
            socket.getaddrinfo("127.0.0.1", 9)  # numeric: looks nothing up, but is a network call
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect(("127.0.0.1", 9))  # a datagram socket's connect sends nothing
            ends = socket.socketpair()  # a message between two ends in this process
            ends[0].sendmsg([b"x"])
            for end in ends:
                end.close()

    failures = run_selftest(prebuilt, require_prebuilt=True, say=say)
    assert [failure.partition(" (")[0] for failure in failures] == [
        "tried to use the network: socket.getaddrinfo",
        "tried to use the network: socket.connect",
        "tried to use the network: socket.sendmsg"]
    assert run_selftest(prebuilt, require_prebuilt=True, say=lambda line: None) == []


def test_cli_selftest_exit_codes(
    prebuilt: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--selftest", "--require-prebuilt", "--content", str(prebuilt)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("selftest passed")
    (prebuilt / ".index" / "manifest.json").unlink()
    assert main(["--selftest", "--require-prebuilt", "--content", str(prebuilt)]) == 1
    err = capsys.readouterr().err
    assert "selftest FAILED: 1 problem\n" in err
    assert "it was left half-written" in err


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def _searching_for_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """An index that opens but does not find the chapter it holds."""
    from reader.search import IndexSearcher

    search = IndexSearcher.search
    monkeypatch.setattr(IndexSearcher, "search",
                        lambda self, query, **kwargs: search(self, "xqzzv", **kwargs))


def _no_chapter_files(content: Path) -> None:
    for chapter in (content / "chapters").glob("*.md"):
        chapter.unlink()


SHOWN = "Children's Services Policies, Values and Principles"


@pytest.mark.parametrize(("breaks", "failure"), [
    (lambda mp, content: (content / "contents.json").unlink(),
     "the manual in {content} cannot be read: {contents_json}: file is missing"),
    (lambda mp, content: (content / "manual.json").unlink(),
     "content problem: {manual_json}: file is missing"),
    (lambda mp, content: _no_chapter_files(content), "no chapter has text"),
    (lambda mp, content: mp.setattr("reader.search.ensure_index", _no_space),
     "Full-text search is unavailable (No space left on device); searching titles and "
     "notes only. The log has the details."),
    (lambda mp, content: _searching_for_nothing(mp),
     f'search: "{SHOWN}" does not find childrens-services-policies-values-and-principles '
     "(found: [])"),
    (lambda mp, content: mp.setattr("reader.render.html_to_text", lambda html: ""),
     "chapter 1.1.1 renders without its text"),
    (lambda mp, content: mp.setattr("reader.resources.stylesheet",
                                    lambda theme: "* { color: white; background: white }"),
     "chapter 1.1.1 draws as a blank page"),
    (lambda mp, content: mp.setattr("reader.resources.icon_path",
                                    lambda: content / "gone.svg"),
     "the icon {gone_svg} cannot be loaded (SVG support missing?)"),
    (lambda mp, content: mp.setattr("reader.edition_pointer.content_in_use", _boom),
     "stopped by an unexpected error: RuntimeError: boom"),
], ids=["no contents", "content problem", "no text", "no index", "index finds nothing",
        "no text shown", "blank page", "no icon", "unexpected error"])
def test_each_part_that_does_not_work_fails_by_name(
    breaks: Callable[[pytest.MonkeyPatch, Path], None], failure: str, content_copy: Path,
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch,
) -> None:
    breaks(monkeypatch, content_copy)
    failures = run_selftest(content_copy, require_prebuilt=False, say=lambda line: None)
    assert failures[-1] == failure.format(
        content=content_copy, contents_json=content_copy / "contents.json",
        manual_json=content_copy / "manual.json", gone_svg=content_copy / "gone.svg")


def test_the_installed_app_requires_its_shipped_index(
    content_copy: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    # a build that shipped no index would make every laptop build one at its first start
    failures = run_selftest(content_copy, say=lambda line: None)
    assert failures == [f"the search index shipped in {content_copy / '.index'} cannot be "
                        "used (there is none); the reader would have to build one"]
    assert main(["--selftest", "--content", str(content_copy)]) == 1
    assert "the reader would have to build one" in capsys.readouterr().err
    # shipped, but passed over for one built in the cache
    from reader.search_index import ensure_index

    build_prebuilt_index(load_manual(content_copy))
    monkeypatch.setattr("reader.search.ensure_index", lambda manual, **options: ensure_index(
        manual, **{**options, "use_prebuilt": False}))
    assert run_selftest(content_copy, say=lambda line: None) == [
        "the shipped search index was not used"]


def test_a_user_folder_that_takes_no_file_fails_and_says_what_is_lost(
    prebuilt: Path, qapp: QApplication, user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.userdata import config_dir

    config_dir().parent.mkdir(parents=True)
    config_dir().write_text("a file where the settings folder belongs\n", encoding="utf-8")
    assert main(["--selftest", "--require-prebuilt", "--content", str(prebuilt)]) == 1
    err = capsys.readouterr().err
    assert "selftest FAILED: 1 problem\n" in err
    assert (f"the settings folder {config_dir()} cannot be written (a file is there, not a "
            "folder): settings chosen are lost at the next start") in err


def test_a_full_disk_fails_for_every_user_folder(
    prebuilt: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, user_dirs: Path
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.userdata.os.fsync", full)
    failures = run_selftest(prebuilt, require_prebuilt=True, say=lambda line: None)
    assert [f.split(" folder ")[0] for f in failures] == [
        "the settings", "the data", "the cache", "the log"]
    assert all("(No space left on device)" in failure for failure in failures)
    # what the check wrote to find out is gone again
    assert not list(user_dirs.rglob(".write-check-*"))


def test_an_account_with_no_home_folder_fails(
    prebuilt: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    lose_home_folder(monkeypatch, tmp_path)
    failures = run_selftest(prebuilt, require_prebuilt=True, say=lambda line: None)
    # the reader works, in a folder that may be gone tomorrow with the person's bookmarks
    assert len(failures) == 4
    assert failures[1].startswith(f"the data folder {tmp_path}")
    assert failures[1].endswith("is under the temporary folder, as this account has no home "
                                "folder, and may be emptied at any restart")


def test_a_damaged_content_update_fails_as_every_page_says(
    prebuilt: Path, qapp: QApplication, tmp_path: Path
) -> None:
    lines: list[str] = []
    assert run_selftest(prebuilt, require_prebuilt=True, say=lines.append) == []
    assert "content update: none installed" in lines
    assert any(line.startswith(f"content: {prebuilt}: edition of 2 September 2024, ")
               for line in lines)
    installed = install_content(pack_content(prebuilt, tmp_path / "update.zip").archive,
                                bundled=prebuilt).path
    lines.clear()
    assert run_selftest(prebuilt, require_prebuilt=True, say=lines.append) == []
    assert f"content update: edition of 2 September 2024 in {installed}, in use (its files " \
           "are all there, at their sizes)" in lines
    chapter = next((installed / "chapters").glob("*.md"))
    chapter.unlink()
    failures = run_selftest(prebuilt, require_prebuilt=True, say=lambda line: None)
    assert failures == [
        "content update: The content update installed here (edition of 2 September 2024) is "
        "damaged, so this is the edition of 2 September 2024 that came with the reader. "
        f"Install the update again; the log says what is wrong. ({chapter} is missing)"]


def test_the_update_in_use_is_searched_and_drawn_as_well(
    prebuilt: Path, qapp: QApplication, tmp_path: Path
) -> None:
    installed = install_content(pack_content(prebuilt, tmp_path / "update.zip").archive,
                                bundled=prebuilt).path
    lines: list[str] = []
    assert run_selftest(prebuilt, require_prebuilt=True, say=lines.append) == []
    # the edition the person reads; its index is built in the cache, as updates come without
    assert any(line.startswith(f"update in use: content: {installed}: edition of 2 September "
                               "2024, ") for line in lines)
    assert any(line.startswith("update in use: search index: ") and "(built just now)" in line
               for line in lines)
    assert "update in use: search: \"Children's Services Policies, Values and Principles\" " \
           "finds 1.1.1 childrens-services-policies-values-and-principles" in lines
    assert any(line.startswith("update in use: rendering: chapter 1.1.1 laid out and drawn")
               for line in lines)
    assert sum(line.startswith("icon: ") for line in lines) == 1
    assert not any("update in use: no usable shipped index" in line for line in lines)


def test_a_fault_in_the_update_in_use_fails(prebuilt: Path, qapp: QApplication,
                                            tmp_path: Path) -> None:
    installed = install_content(pack_content(prebuilt, tmp_path / "update.zip").archive,
                                bundled=prebuilt).path
    chapter = next((installed / "chapters").glob("*.md"))
    # a link mistyped, the file's size unchanged: the update's quick check passes it
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("(chapter:staying-put", "(chapter:staying-pot"),
                       encoding="utf-8")
    failures = run_selftest(prebuilt, require_prebuilt=True, say=lambda line: None)
    assert len(failures) == 1
    assert failures[0].startswith(f"update in use: chapter 1.1.1: {chapter}:")
    assert 'link to chapter "staying-pot-policy", which is not in the contents' in failures[0]


def test_frozen_app_reads_its_files_from_the_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from reader import resources

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.bundle_root() == tmp_path
    assert resources.icon_path() == tmp_path / "resources" / "icons" / "procedures-reader.svg"


def test_a_theme_file_lost_from_the_install_fails(
    prebuilt: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # whoever had chosen the dark theme read in the light one's colours (the reader stopped
    # at start before it fell back), and the selftest IT ran on the laptop said it passed
    import shutil

    from reader import resources

    installed = tmp_path / "resources"
    shutil.copytree(resources.resources_dir(), installed)
    monkeypatch.setattr(resources, "resources_dir", lambda: installed)
    lines: list[str] = []
    assert run_selftest(prebuilt, require_prebuilt=True, say=lines.append) == []
    assert "themes: 3 stylesheets and 5 pictures read" in lines
    (installed / "styles" / "dark.css").unlink()
    (installed / "icons" / "check-mark.svg").write_text("<svg")
    assert run_selftest(prebuilt, require_prebuilt=True, say=lambda line: None) == [
        f"the dark theme's stylesheet {installed / 'styles' / 'dark.css'} cannot be read "
        "(No such file or directory): pages are shown in the light theme's colours to anyone "
        "who chose that theme; reinstall the reader",
        f"the picture {installed / 'icons' / 'check-mark.svg'} cannot be loaded: check boxes "
        "and drop-down lists show without their marks; reinstall the reader",
    ]


CHAPTER = "chapters/childrens-services-policies-values-and-principles.md"


@pytest.mark.parametrize(("damage", "said"), [
    (lambda chapter: chapter.unlink(), f"{CHAPTER} is missing"),
    (lambda chapter: chapter.write_bytes(chapter.read_bytes()[:300]),
     f"{CHAPTER} holds 300 bytes, not "),
    (lambda chapter: chapter.write_bytes(chapter.read_bytes().replace(b"a", b"o", 1)),
     f"{CHAPTER} has changed"),
], ids=["missing", "cut short", "changed"])
def test_a_damaged_file_of_the_installed_manual_is_named(
    prebuilt: Path, qapp: QApplication, damage: Callable[[Path], None], said: str
) -> None:
    # it said only that "the manual has changed" since the index was built, as if someone had
    # edited it, and IT could not tell which file to look at, or that a reinstall mends it
    damage(prebuilt / CHAPTER)
    failures = run_selftest(prebuilt, require_prebuilt=True, say=lambda line: None)
    assert failures[0].startswith(
        f"the manual built into the reader, in {prebuilt}, is damaged ({said}")
    assert failures[0].endswith("); reinstall the reader")
