"""The command line as a person uses it: toc, show, validate, --open, --screenshot."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main
from reader.start import EXIT_INTERRUPTED
from reader.ui.main_window import MainWindow
from reader.userdata import log_dir

from .conftest import REPO, tooltip_as_seen


def test_toc_prints_the_tree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toc"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Derby City Children's Social Care Procedures (edition of 2024-09-02)")
    assert "\n6. Children in Care\n" in out
    assert "\n    6.4.3 Looked After Reviews\n" in out
    assert "1.1.6 Capacity and Consent [Updated]" in out
    assert "    See also: Short Breaks" in out
    assert ("\n  6.1 Care Planning and Family Time\n"
            "    In an emergency, please refer to the following procedures:\n") in out
    # a note says where to turn instead: the list says it too, not only the chapter's page
    assert ("  8.1 Assessment and Approval of Prospective Adopters \u00b7 Note: please refer "
            "to: Adoption East Midlands\n") in out


def test_toc_of_content_with_no_manual_json_gives_no_made_up_date(
        content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content_copy / "manual.json").unlink()
    assert main(["toc", "--content", str(content_copy)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Procedures manual (edition date unknown)\n")
    assert "validate" in captured.err  # where to find what is wrong


def test_toc_json_is_nested_with_has_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toc", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["publisher"] == "Derby City Council"
    assert len(data["sections"]) == 10
    sub = data["sections"][0]["items"][0]
    assert sub["type"] == "subsection" and sub["number"] == "1.1"
    first = sub["entries"][0]
    assert first == {
        "type": "chapter", "number": "1.1.1",
        "id": "childrens-services-policies-values-and-principles",
        "title": "Children's Services Policies, Values and Principles",
        "flags": [], "notes": [], "has_text": True,
    }
    lead = data["sections"][5]["items"][1]
    assert lead["lead"].startswith("In an emergency")
    assert data["edition"] == "2024-09-02"
    assert [section["number"] for section in data["sections"]][:3] == ["1", "2", "3"]
    assert sub["entries"][6] == {
        "type": "chapter", "number": "1.1.7",
        "id": "children-at-risk-of-exploitation-workflow-and-guidance",
        "title": "Children at Risk of Exploitation - Workflow and Guidance",
        "flags": ["under_review"], "notes": ["please speak to your DHoS for any queries"],
        "has_text": False,
    }
    entries = [entry for section in data["sections"] for item in section["items"]
               for entry in item.get("entries", [item])]
    assert {"type": "see_also", "number": None, "id": "see-also-short-breaks",
            "title": "Short Breaks", "flags": [], "notes": [], "has_text": False,
            "target": "short-breaks"} in entries


def test_show_prints_a_chapter_as_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "1.1.1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1.1.1 Children's Services Policies, Values and Principles\n")
    assert "<" not in out and "Scope of this chapter" in out
    # as on paper: a web link keeps its address and a chapter link its number, which plain
    # text would otherwise lose
    assert ("National Framework (https://www.gov.uk/government/publications/"
            "childrens-social-care-national-framework)") in out
    assert "Staying Put Procedure (6.7.6)" in out


def add_table_to_1_1_1(content: Path, *rows: str) -> None:
    """A table of these rows (cells between "|") at the end of 1.1.1, its first the header."""
    chapter = content / "chapters" / "childrens-services-policies-values-and-principles.md"
    header, *body = rows
    table = [f"| {header} |", "|" + " --- |" * (header.count("|") + 1)]
    table += [f"| {row} |" for row in body]
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + "\n".join(table) + "\n",
                       encoding="utf-8")


def test_show_keeps_a_tables_cells_apart(content_copy: Path, capsys) -> None:
    # each row's cells were run together: "Social worker and police Within 1 working day"
    add_table_to_1_1_1(content_copy, "Stage | Who acts | Timescale",
                       "Strategy discussion | Social worker and police | Within 1 working day")
    assert main(["show", "1.1.1", "--content", str(content_copy)]) == 0
    out = capsys.readouterr().out
    assert "\nStage | Who acts | Timescale\n" in out
    assert "\nStrategy discussion | Social worker and police | Within 1 working day\n" in out
    # a box of one cell (the amendment) has nothing to keep apart
    assert "\nIn September 2024, this chapter was revised" in out


def test_a_search_snippet_from_a_table_keeps_its_cells_apart(content_copy: Path, capsys) -> None:
    add_table_to_1_1_1(
        content_copy, "Stage | Recorded in | Notes",
        "Section 47 enquiry | Chronology | Accountability sits with the team manager")
    assert main(["search", "--content", str(content_copy), "chronology"]) == 0
    assert ("Section 47 enquiry | Chronology | Accountability sits with the team manager"
            in capsys.readouterr().out)


def test_show_by_id_of_a_chapter_without_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "looked-after-reviews"]) == 0
    assert "not included in this offline edition" in capsys.readouterr().out


def test_show_of_a_chapter_too_complex_to_show_prints_why(content_copy: Path, capsys) -> None:
    chapter = content_copy / "chapters" / "childrens-services-policies-values-and-principles.md"
    deep = '<div markdown="1">' * 1000 + "deep" + "</div>" * 1000
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + deep + "\n",
                       encoding="utf-8")
    # as for a chapter file that cannot be read: the page, and a warning naming the file
    assert main(["show", "1.1.1", "--content", str(content_copy)]) == 0
    captured = capsys.readouterr()
    assert "The text of this chapter cannot be shown here." in captured.out
    assert "nested too deep for the Markdown converter to follow" in captured.out
    assert "Read it in the online manual: derbycsc.proceduresonline.com." in captured.out
    assert f"warning: {chapter}: too complex for the reader to show" in captured.err
    assert "Traceback" not in captured.err


def test_show_a_section_lists_its_chapters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "6.4 "]) == 0  # pasted with the space after it, as a chapter may be
    out = capsys.readouterr().out
    assert out.startswith("6.4 Monitoring and Reviews\n")
    assert "6.4.3 Looked After Reviews (online only)" in out
    assert "6.5.1" not in out


def test_a_sections_list_carries_each_entrys_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "8"]) == 0
    out = capsys.readouterr().out
    assert ("8.1 Assessment and Approval of Prospective Adopters (online only)\n"
            "  Note: please refer to: Adoption East Midlands") in out


def test_the_only_entry_of_its_group_lists_no_empty_group(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "3.4.1"]) == 0
    out = capsys.readouterr().out
    assert "not included in this offline edition" in out and "Also in" not in out


def test_unknown_chapter_is_a_clear_message_and_exit_2(capsys) -> None:
    assert main(["show", "99.1"]) == 2
    err = capsys.readouterr().err
    assert 'no chapter or section "99.1"' in err and "6.4.3" in err


def test_control_characters_typed_are_written_out_not_sent_to_the_terminal(capsys) -> None:
    assert main(["show", "x\x1b[2J"]) == 2
    assert 'no chapter or section "x\\x1b[2J"' in capsys.readouterr().err


def test_a_byte_of_a_query_that_is_not_text_is_said_not_dropped_unseen(capsys) -> None:
    # `search $'fost\xffering'` in a terminal that is not UTF-8: Python holds \xff as a
    # surrogate, which the search dropped without a word
    assert main(["search", "fost\udcffering"]) == 0
    captured = capsys.readouterr()
    assert ('warning: a character of the query "fost\\xffering" could not be read (not UTF-8 '
            'text) and was left out; searching for "fostering"') in captured.err
    assert captured.out.startswith("Search: fostering\n")
    assert "Fostering Panel" in captured.out
    assert main(["show", "\udcff"]) == 2
    assert 'no chapter or section "\\xff"' in capsys.readouterr().err


def test_a_content_folder_that_is_not_there_is_named(tmp_path: Path, capsys) -> None:
    assert main(["--content", str(tmp_path / "nope"), "toc"]) == 2
    assert capsys.readouterr().err == f"error: --content {tmp_path / 'nope'}: no such folder\n"
    (tmp_path / "contents.json").write_text("{}", encoding="utf-8")
    assert main(["--content", str(tmp_path / "contents.json"), "toc"]) == 2
    assert capsys.readouterr().err == (
        f"error: --content {tmp_path / 'contents.json'}: is a file, not a folder\n")


@pytest.mark.parametrize("command", ["toc", "install-content"])
def test_an_empty_content_folder_name_is_a_usage_error(command: str, tmp_path: Path,
                                                       capsys) -> None:
    # `--content "$DIR"` with DIR unset read the current folder, or installed against it
    with pytest.raises(SystemExit) as exited:
        main([command, "--content", "", *(["x.zip"] if command == "install-content" else [])])
    assert exited.value.code == 2
    assert "argument --content: an empty name is no folder" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["--screenshot", "-"],
    ["pack-content", "-"],
    ["import-contents", str(REPO / "tests" / "data" / "contents_page.txt"), "--output", "-"],
])
def test_a_dash_for_an_output_file_is_refused_not_written_as_a_file_called_dash(
        args: list[str], tmp_path: Path, monkeypatch, capsys) -> None:
    # `-` is standard output to other tools; here it made a file named "-" and said "saved -"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert '"-" (standard output) is not offered: this writes a file' in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [
    ["pack-content"],
    ["import-contents", str(REPO / "tests" / "data" / "contents_page.txt"), "--output"],
])
def test_a_file_in_place_of_the_outputs_folder_is_named(args: list[str], tmp_path: Path,
                                                        capsys) -> None:
    # the system's "File exists" left the editor looking for a file of the output's name
    (tmp_path / "out").write_text("a file where a folder was meant")
    assert main([*args, str(tmp_path / "out" / "made")]) == 1
    assert (f"error: {tmp_path / 'out' / 'made'}: cannot be written ({tmp_path / 'out'} is a "
            "file, not a folder)") in capsys.readouterr().err


def test_a_screenshot_that_cannot_be_written_says_why(windows_shown, tmp_path: Path, capsys,
                                                      monkeypatch) -> None:
    assert main(["--screenshot", str(tmp_path)]) == 1
    assert f"error: could not write {tmp_path} (it is a folder)" in capsys.readouterr().err
    (tmp_path / "shots").write_text("a file where a folder was meant")
    assert main(["--screenshot", str(tmp_path / "shots" / "1.png")]) == 1
    assert f"({tmp_path / 'shots'} is a file, not a folder)" in capsys.readouterr().err
    from PySide6.QtGui import QImage

    old = tmp_path / "old.png"
    old.write_bytes(b"an image from before")
    monkeypatch.setattr(QImage, "save", lambda *_args: False)  # Qt fails to write it
    assert main(["--screenshot", str(old)]) == 1
    assert old.read_bytes() == b"an image from before"  # not emptied by the check before
    new = tmp_path / "new.png"
    assert main(["--screenshot", str(new)]) == 1
    assert not new.exists()  # no empty file a script would take for the image


@pytest.mark.parametrize(("name", "starts"), [
    ("shot.jpg", b"\xff\xd8\xff"), ("shot.JPEG", b"\xff\xd8\xff"), ("shot.bmp", b"BM"),
    ("shot.png", b"\x89PNG"), ("shot", b"\x89PNG"),
])
def test_a_screenshot_is_the_kind_of_image_its_name_says(windows_shown, tmp_path: Path,
                                                         name: str, starts: bytes) -> None:
    # shot.jpg held a PNG: a viewer or upload that goes by the name refused it
    assert main(["--screenshot", str(tmp_path / name)]) == 0
    assert (tmp_path / name).read_bytes().startswith(starts)


def test_a_screenshot_named_as_an_image_it_does_not_write_is_refused(tmp_path: Path,
                                                                    capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--screenshot", str(tmp_path / "shot.gif")])
    assert exited.value.code == 2
    assert ("argument --screenshot: shot.gif: not a kind of image this writes; name the file "
            ".png, .jpg, .jpeg or .bmp (with no ending, it is a PNG)") in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_jpeg_screenshot_without_qts_jpeg_plugin_is_refused_before_the_window(
        windows_shown, tmp_path: Path, capsys, monkeypatch) -> None:
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImageWriter

    # a build packed without the plugin: Qt would only say that saving failed
    monkeypatch.setattr(QImageWriter, "supportedImageFormats",
                        lambda: [QByteArray(b"png"), QByteArray(b"bmp")])
    assert main(["--screenshot", str(tmp_path / "shot.jpg")]) == 2
    assert ("error: shot.jpg: this reader cannot write JPEG images here (Qt's image plugin for "
            "them is missing); name the file .png") in capsys.readouterr().err
    assert windows_shown == []
    assert not (tmp_path / "shot.jpg").exists()


def test_a_screenshot_whose_output_goes_nowhere_still_ends(qtbot, tmp_path: Path,
                                                          monkeypatch) -> None:
    """`--screenshot shot.png | head -0` in a script: the line "saved" cannot be written,
    and the reader went on running with no window to close."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    show = MainWindow.show
    # else: a hang. Stopped at the end: left running, it ended a later test's event loop
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.instance().exit(99))

    def watched(window: MainWindow) -> None:
        qtbot.addWidget(window)
        show(window)
        guard.start(3000)

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(MainWindow, "show", watched)
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = main(["--screenshot", str(tmp_path / "shot.png")])
    guard.stop()
    sys.stdout.close()  # where the output now goes (os.devnull), not to be left open
    assert code == 0
    assert (tmp_path / "shot.png").read_bytes().startswith(b"\x89PNG")


def test_a_window_on_content_without_its_contents_says_which_file_and_what_to_do(
        content_copy: Path, tmp_path: Path, capsys) -> None:
    (content_copy / "contents.json").unlink()
    shot = tmp_path / "shot.png"
    assert main(["--content", str(content_copy), "--screenshot", str(shot)]) == 1
    err = capsys.readouterr().err
    # not "damaged", of a file that is not there
    assert err.startswith("error: The manual cannot be opened because a content file is "
                          "missing, damaged or cannot be read:\n\n"
                          f"{content_copy / 'contents.json'}: file is missing\n\n"
                          "Check the content folder given with --content.")
    assert not shot.exists()


def test_what_to_do_about_content_that_cannot_be_read_depends_on_whose_it_is(
        tmp_path: Path) -> None:
    from reader.cli import content_remedy
    from reader.edition_pointer import EDITIONS_FOLDER
    from reader.manual import BUNDLED_CONTENT
    from reader.userdata import data_dir

    assert content_remedy(BUNDLED_CONTENT) == "Reinstall the reader."
    assert content_remedy(data_dir() / EDITIONS_FOLDER / "2025-01-06").startswith(
        "Install the content update again, or go back to the edition built into the reader")
    # a folder the person named: reinstalling the reader would not mend it
    assert content_remedy(tmp_path) == "Check the content folder given with --content."


def test_open_unknown_chapter_exits_2_before_any_window(capsys) -> None:
    assert main(["--open", "nope"]) == 2
    assert 'no chapter or section "nope"' in capsys.readouterr().err
    # an empty one too (a script's variable left unset), as `show ""` is: not the start page
    assert main(["--open", ""]) == 2
    assert 'no chapter or section ""' in capsys.readouterr().err


def test_open_a_section_at_start(qtbot, tmp_path: Path, monkeypatch) -> None:
    titles: list[str] = []
    open_section = MainWindow.open_section

    def watched(window: MainWindow, number: str) -> None:
        open_section(window, number)
        titles.append(window.windowTitle())
        qtbot.addWidget(window)  # closed after the test, so it stops following the desktop

    monkeypatch.setattr(MainWindow, "open_section", watched)
    assert main(["--open", "6.4", "--screenshot", str(tmp_path / "shot.png")]) == 0
    assert len(titles) == 1 and titles[0].startswith("6.4 Monitoring and Reviews")


@pytest.mark.parametrize("broken", ["reading", "putting back"])
def test_a_session_that_cannot_be_put_back_does_not_stop_the_start(
        qtbot, monkeypatch, broken: str) -> None:
    from PySide6.QtWidgets import QApplication

    import reader.ui.app

    told: list[list[str]] = []

    def unforeseen(*_args: object) -> None:
        raise ValueError("a value the checks did not foresee")

    def watched_tell(window: MainWindow, notices: list[str]) -> None:
        qtbot.addWidget(window)
        told.append(notices)

    def exec_until_told(app: QApplication) -> int:  # the person closes it once told
        qtbot.waitUntil(lambda: bool(told), timeout=5000)
        return 0

    if broken == "reading":
        monkeypatch.setattr(reader.ui.app, "load_session", unforeseen)
    else:
        monkeypatch.setattr(MainWindow, "restore", unforeseen)
    monkeypatch.setattr(MainWindow, "tell_start_notices", watched_tell)
    monkeypatch.setattr(QApplication, "exec", exec_until_told)
    assert main([]) == 0
    assert told == [["The last session could not be put back; the reader starts afresh."]]


def test_a_log_that_cannot_be_written_is_said_in_the_window(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    told: list[list[str]] = []

    def watched_tell(window: MainWindow, notices: list[str]) -> None:
        qtbot.addWidget(window)
        told.append(notices)

    def exec_until_told(app: QApplication) -> int:
        qtbot.waitUntil(lambda: bool(told), timeout=5000)
        return 0

    monkeypatch.setattr("reader.userdata.setup_logging", lambda **_: None)  # as if it failed
    monkeypatch.setattr(MainWindow, "tell_start_notices", watched_tell)
    monkeypatch.setattr(QApplication, "exec", exec_until_told)
    assert main([]) == 0
    [[notice]] = told
    assert notice.startswith("The reader's log cannot be written in ")


def test_output_redirected_in_a_legacy_encoding_is_written_as_utf8(monkeypatch) -> None:
    import io

    raw = io.BytesIO()
    legacy = io.TextIOWrapper(raw, encoding="cp1252")  # Windows, output sent to a file
    monkeypatch.setattr(sys, "stdout", legacy)
    assert main(["show", "1.1.1"]) == 0
    sys.stdout.flush()
    # cp1252 would write \u2019 as the byte 0x92, which is not UTF-8
    assert "Children\u2019s Social Care National Framework (https://" in (
        raw.getvalue().decode("utf-8"))


@pytest.mark.skipif(sys.platform != "linux", reason="a folder name that is not UTF-8")
def test_a_content_folder_named_in_latin1_is_printed_and_logged_without_a_traceback(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    # a folder copied from an older system, its name in Latin-1: Python holds the byte 0xE9
    # as a lone surrogate, which a UTF-8 locale's strict stdout and the log could not encode
    folder = content_copy.rename(content_copy.with_name(os.fsdecode(b"caf\xe9")))
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8"))
    assert main(["--content", str(folder), "validate"]) == 0
    assert main(["--content", str(folder), "toc"]) == 0
    sys.stdout.flush()
    assert os.fsencode(folder) + b": valid: 10 sections" in raw.getvalue()
    assert capsys.readouterr().err == ""  # no "--- Logging error ---" and its traceback
    assert "caf\\udce9" in (log_dir() / "reader.log").read_text(encoding="utf-8")


def test_the_windowed_app_without_standard_output_still_runs_commands(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", None)  # a windowed app on Windows
    try:
        assert main(["show", "1.1.1"]) == 0
        assert main(["toc", "--json"]) == 0
    finally:
        sys.stdout.close()  # the stand-in the reader opened, before the real one is put back


def test_the_windowed_app_with_neither_output_searches_and_indexes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # PyInstaller's windowed build on Windows has no standard error either: asking it whether
    # it was a terminal, for the progress line, ended search and index with an AttributeError
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    try:
        assert main(["search", "s47"]) == 0
        assert main(["index"]) == 0
        assert main(["show", "nope"]) == 2
    finally:
        for stand_in in (sys.stdout, sys.stderr):
            if stand_in is not None:
                stand_in.close()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["toc", "--version", "--help"])
def test_a_full_disk_is_a_message_not_a_traceback(command: str) -> None:
    # --version and --help too: a script's `--version > file` must not end in 0 and no file
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "reader", command], stdout=full,
                              stderr=subprocess.PIPE, text=True, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "error: the output could not be written (No space left on device)")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_validate_clean_bundled_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert not (log_dir() / "reader.log").exists()  # `make test` wrote one in the real home
    assert "valid: 10 sections, 162 numbered chapters (1 with text)" in capsys.readouterr().out


def test_validate_lists_each_problem_as_file_line(content_copy: Path, capsys) -> None:
    chapter = content_copy / "chapters" / "childrens-services-policies-values-and-principles.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("chapter:staying-put-policy", "chapter:gone")
                       + "\nSkip to content\n", encoding="utf-8")
    assert main(["validate", "--content", str(content_copy)]) == 1
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert any(line.startswith(f"{chapter}:") and "capture artefact" in line for line in out)
    assert any('"gone", which is not in the contents' in line for line in out)
    assert captured.err == f"{len(out)} problems in {content_copy}\n"  # not "problem(s)"


def test_content_option_reads_another_folder(content_copy: Path, capsys) -> None:
    manual_json = content_copy / "manual.json"
    data = json.loads(manual_json.read_text(encoding="utf-8"))
    data["title"] = "Test Manual"
    manual_json.write_text(json.dumps(data), encoding="utf-8")
    assert main(["toc", "--content", str(content_copy)]) == 0
    assert capsys.readouterr().out.startswith("Test Manual (edition")


def test_broken_contents_file_is_exit_1_with_the_reason(content_copy: Path, capsys) -> None:
    (content_copy / "contents.json").write_text("{ nope", encoding="utf-8")
    assert main(["toc", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert "contents.json:1: not valid JSON" in err


def test_screenshot_of_the_window_is_a_png(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--open", "1.1.1", "--screenshot", str(shot)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a real window, not a blank image
    # the offscreen platform's complaint about size hints is Qt's, not news to the reader
    assert (result.stdout, result.stderr) == (f"saved {shot}\n", "")


def test_a_screenshot_at_150_percent_is_the_screens_pixels_at_the_windows_size(
        tmp_path: Path) -> None:
    # as a screen capture at 150%: half as many pixels again, its text as sharp as on screen;
    # but marked 96 dots an inch, it came out half as large again in a document
    from PySide6.QtGui import QImage

    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--open", "1.1.1", "--screenshot", str(shot)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1800, 1170)  # the window's 1,200 by 780
    inches = image.width() / (image.dotsPerMeterX() * 0.0254)
    assert round(inches, 1) == round(1200 / 96, 1)  # placed at the window's size



def test_user_folders_that_cannot_be_made_cost_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        blocked = tmp_path / name.lower()
        blocked.write_text("a file where a folder should be")
        env[name] = str(blocked)
    done = subprocess.run([sys.executable, "-m", "reader", "search", "fostering"], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert "7.1  Fostering Panel" in done.stdout
    assert "cannot write the log file" in done.stderr
    assert "Traceback" not in done.stderr  # a person reads stderr; the detail is for a log


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_the_person_told(qtbot, monkeypatch, caplog,
                                                         windows_shown) -> None:
    from PySide6.QtCore import QThread, QTimer
    from PySide6.QtWidgets import QApplication

    class FailingWorker(QThread):
        def run(self) -> None:
            raise RuntimeError("a worker went wrong")

    told: list[str] = []

    def exec_with_failures(app: QApplication) -> int:
        window = windows_shown[0]
        worker = FailingWorker()
        worker.start()
        worker.wait()  # its error is logged only: widgets belong to the GUI thread
        assert window.statusBar().currentMessage() == ""
        QTimer.singleShot(0, lambda: 1 / 0)  # a slot that fails
        qtbot.waitUntil(lambda: "Something went wrong" in window.statusBar().currentMessage())
        # whole in the tooltip where the bar is too narrow for it
        told.append(tooltip_as_seen(window.statusBar().toolTip())
                    or window.statusBar().currentMessage())
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_with_failures)
    assert main([]) == 0
    assert told[0].startswith("Something went wrong (ZeroDivisionError)")
    assert "The log has the details: " in told[0] and told[0].endswith("reader.log")
    failures = {str(r.exc_info[1]) for r in caplog.records if r.exc_info}
    assert {"division by zero", "a worker went wrong"} <= failures  # with their tracebacks
    assert sys.excepthook is sys.__excepthook__  # put back when the window closed


def _readme_commands() -> dict[str, str]:
    """README's command table: each command's name and the usage written beside it."""
    rows = [line.split("`")[1] for line in (REPO / "README.md").read_text("utf-8").splitlines()
            if line.startswith("| `")]
    return {row.split()[0]: row for row in rows}


def _help(capsys: pytest.CaptureFixture[str], *command: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_help_lists_the_commands_in_the_order_readme_gives(
        capsys: pytest.CaptureFixture[str]) -> None:
    listed = _help(capsys).split("COMMAND\n", 1)[1].split("\noptions:")[0]
    names = [line.split()[0] for line in listed.splitlines()
             if line.startswith("    ") and not line.startswith("      ")]
    assert names == [name for name in _readme_commands() if not name.startswith("-")]


def test_each_command_takes_the_options_readme_gives_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    for name, usage in _readme_commands().items():
        if name.startswith("-"):
            continue
        shown = _help(capsys, name)
        for option in (word.strip("[]") for word in usage.split() if word.startswith("[--")):
            assert option in shown, f"{name} --help does not show {option}"
        assert "--content DIR" in shown


def test_help_says_what_to_give_show_and_search(capsys: pytest.CaptureFixture[str]) -> None:
    assert "6.4.3" in _help(capsys, "show")
    # each word would be a query of its own: a person searching a phrase must quote it
    assert '"child protection plan"' in _help(capsys, "search")


@pytest.mark.parametrize("command", ["install-content", "uninstall-content"])
def test_update_commands_say_what_their_content_folder_is(
        capsys: pytest.CaptureFixture[str], command: str) -> None:
    shown = " ".join(_help(capsys, command).split())
    assert "--content DIR the edition built into the reader, which an update is compared" in shown
    assert "read the manual from" not in shown


@pytest.mark.parametrize(("argv", "said"), [
    (["--require-prebuilt"], "--require-prebuilt goes with --selftest"),
    (["--selftest", "--screenshot", "shot.png"], "--screenshot does not go with --selftest"),
    (["--screenshot", "shot.png", "toc"], "--screenshot does not go with the command toc"),
    (["--open", "6.4", "show", "6.4"], "--open does not go with the command show"),
    (["--selftest", "search", "s47"], "--selftest does not go with the command search"),
])
def test_options_that_would_do_nothing_are_a_usage_error(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # before: --require-prebuilt alone opened the window, and a script waited on it for ever
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.rstrip().endswith(f"error: {said}")


def test_a_chapters_folder_this_account_may_not_open_costs_no_traceback(
    windows_shown, content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    # an install folder copied with permissions only its owner has: each start stopped with a
    # PermissionError traceback, the window never opened
    chapters = content_copy / "chapters"
    real_is_file = Path.is_file

    def denied(path: Path) -> bool:
        if path.parent == chapters:
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", denied)
    content = ["--content", str(content_copy)]
    assert main([*content, "--open", "1.1.1", "--screenshot", str(tmp_path / "shot.png")]) == 0
    assert main([*content, "toc"]) == 0
    assert "warning: the content has problems (1 found" in capsys.readouterr().err
    # its text is held, only not readable by this account: not passed off as online only
    assert main([*content, "show", "1.1"]) == 0
    assert ("\n\u2022 1.1.1 Children's Services Policies, Values and Principles\n"
            in capsys.readouterr().out)
    assert main([*content, "validate"]) == 1
    captured = capsys.readouterr()
    assert ("1.1.1: chapter file chapters/childrens-services-policies-values-and-principles.md "
            "cannot be read (Permission denied)") in captured.out
    assert captured.err == f"1 problem in {content_copy}\n"


def test_index_prebuilt_that_cannot_be_written_says_why_in_words(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import reader.search

    def refused(*_args: object, **_kwargs: object) -> Path:
        raise PermissionError(13, "Permission denied", str(content_copy / ".index"))

    monkeypatch.setattr(reader.search, "build_prebuilt_index", refused)
    assert main(["index", "--prebuilt", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write the index into {content_copy} (Permission denied)" in err
    assert "Errno" not in err


def test_a_log_that_cannot_be_written_is_said_once_in_words_and_nothing_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    # a profile where nothing can be written: the command said each problem twice, once in
    # its own words and once more as the log's line, and the log's own with "[Errno 20]"
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME"):
        blocked = tmp_path / name.lower()
        blocked.write_text("a file where a folder should be", encoding="utf-8")
        monkeypatch.setenv(name, str(blocked))
    assert main(["search", "fostering"]) == 0
    err = capsys.readouterr().err.splitlines()
    said_log = [line for line in err if "log file" in line]
    assert said_log == [f"warning: cannot write the log file {log_dir() / 'reader.log'} "
                        f"({log_dir().parent.parent} is a file, not a folder); "
                        "this run is not recorded"]
    assert len([line for line in err if "search index" in line]) == 1, err


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A Linux login with no screen (over SSH, say); the window's start recorded, not made."""
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "tty")
    monkeypatch.setattr(sys, "platform", "linux")
    started: list[str] = []
    monkeypatch.setattr("reader.ui.app.run_gui", lambda *_a, **_k: started.append("window") or 0)
    return started


def test_the_window_without_a_screen_says_so_and_points_to_the_commands(no_display,
                                                                       capsys) -> None:
    # Qt would abort (exit 134) and suggest reinstalling
    assert main([]) == 1
    error = capsys.readouterr().err
    assert "no screen here to open the window on" in error
    assert "DISPLAY and WAYLAND_DISPLAY are not set" in error
    assert "its commands (toc, show, search, --selftest) need no screen" in error
    assert no_display == []
    assert "no window: there is no screen" in (log_dir() / "reader.log").read_text("utf-8")


def test_a_screenshot_without_a_screen_names_the_offscreen_platform(no_display, tmp_path: Path,
                                                                    capsys) -> None:
    assert main(["--screenshot", str(tmp_path / "shot.png")]) == 1
    assert "for --screenshot without a screen, set QT_QPA_PLATFORM=offscreen" in \
        capsys.readouterr().err
    assert no_display == []
    assert not (tmp_path / "shot.png").exists()


@pytest.mark.parametrize("session", [{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"},
                                     {"XDG_SESSION_TYPE": "wayland"},
                                     {"QT_QPA_PLATFORM": "offscreen"}])
def test_a_session_with_a_screen_starts_the_window(no_display, session: dict[str, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in session.items():
        monkeypatch.setenv(name, value)
    assert main([]) == 0
    assert no_display == ["window"]


def test_windows_and_macos_have_their_own_screen(no_display,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for system in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", system)
        assert main([]) == 0
    assert no_display == ["window", "window"]


def test_ctrl_c_during_a_command_says_stopped_and_exits_130_without_a_traceback(
        monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    from reader import cli

    def pressed_ctrl_c(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # what Python makes of SIGINT mid-command

    monkeypatch.setattr(cli, "_print_toc", pressed_ctrl_c)
    assert main(["toc"]) == EXIT_INTERRUPTED == 130
    err = capsys.readouterr().err
    assert "stopped (Ctrl+C)" in err and "Traceback" not in err


# Ctrl+C while `python -m reader` is still loading the command line: made certain, not timed,
# by an import that raises what Python makes of SIGINT
CTRL_C_WHILE_LOADING = """
import runpy, sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "reader.manual":
            raise KeyboardInterrupt

sys.meta_path.insert(0, CtrlC())
sys.argv[1:] = ["toc"]
runpy.run_module("reader", run_name="__main__", alter_sys=True)
"""


def test_ctrl_c_before_the_command_line_is_loaded_ends_the_same_way() -> None:
    done = subprocess.run([sys.executable, "-c", CTRL_C_WHILE_LOADING], capture_output=True,
                          text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert (done.returncode, done.stderr, done.stdout) == (130, "stopped (Ctrl+C)\n", "")


@pytest.mark.skipif(sys.platform == "win32", reason="a closed standard output is POSIX's")
@pytest.mark.parametrize("command", [["toc"], ["show", "1.1.1"], ["--version"]])
def test_a_closed_standard_output_is_an_error_not_a_silent_success(command: list[str]) -> None:
    # `procedures-reader toc >&-` in a script: nothing printed, yet it exited 0
    done = subprocess.run([sys.executable, "-m", "reader", *command], capture_output=True,
                          text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)},
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "error: the output could not be written (standard output is closed)")


def test_search_says_which_results_are_online_only(capsys: pytest.CaptureFixture[str]) -> None:
    # the printed list must tell a chapter this edition holds from one only online, as the
    # window's does, and --json gives the same to a script
    assert main(["search", "--limit", "5", "staying put"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  6.7.6  Staying Put Policy [Updated] (online only)" in lines
    assert "  1.1.1  Children's Services Policies, Values and Principles" in lines
    assert main(["search", "--json", "--limit", "5", "staying put"]) == 0
    hits = {hit["number"]: hit for hit in json.loads(capsys.readouterr().out)["hits"]}
    assert hits["6.7.6"]["online_only"] is True and hits["1.1.1"]["online_only"] is False


def test_search_lists_a_see_also_as_the_contents_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--limit", "1", "nice guideline"]) == 0
    assert "  -  See also: NICE Guideline: Looked After Children and Young People" in (
        capsys.readouterr().out.splitlines())
    assert main(["search", "--json", "--limit", "1", "nice guideline"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["see_also"] is True and hit["number"] is None


def test_search_for_a_number_the_edition_lacks_says_so(capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    assert main(["search", "--limit", "2", "6.4.9", "11.1"]) == 0
    out = capsys.readouterr().out
    assert ("Search: 6.4.9\n  There is no 6.4.9 in this edition; these are the entries of "
            "6.4 Monitoring and Reviews.\n  6.4.1  Social Worker Visits") in out
    assert "Search: 11.1\n  There is no 11.1 in this edition.\n\n" in out
    assert "No entry matches" not in out


@pytest.mark.parametrize("command", ["import-contents", "import-chapter", "install-content"])
@pytest.mark.parametrize(("given", "said"), [
    ("missing.html", "no such file"),
    ("folder", "is a folder, not a file"),
    ("locked.html", "cannot be read (Permission denied)"),
])
def test_a_file_a_command_cannot_read_is_named_in_the_same_words_by_each_command(
        command: str, given: str, said: str, content_copy: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # import-chapter said "cannot be read (No such file or directory)" where the others said
    # "no such file", and each named a folder given by mistake in its own way
    (tmp_path / "folder").mkdir()
    locked = tmp_path / "locked.html"
    locked.write_text("<html><title>A page</title></html>", encoding="utf-8")
    opened = io.open

    def refused(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(locked):  # as for an account without read permission
            raise PermissionError(13, "Permission denied", str(file))
        return opened(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", refused)
    path = tmp_path / given
    assert main([command, "--content", str(content_copy), str(path)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error")]
    # install-content adds what to give instead of a folder
    assert errors[0].startswith(f"error: {path}: {said}")


def test_a_content_file_that_is_a_folder_is_named_so_by_validate(
        content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content_copy / "manual.json").unlink()
    (content_copy / "manual.json").mkdir()  # not "cannot be read (Is a directory)"
    assert main(["validate", "--content", str(content_copy)]) == 1
    assert f"{content_copy / 'manual.json'}: is a folder, not a file" in capsys.readouterr().out


def test_search_says_why_a_result_without_the_words_is_listed(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "strategy discussion", "contacts", "fostering"]) == 0
    out = capsys.readouterr().out
    assert ("  4.6  Section 47 Enquiries (online only)\n      4. Significant Harm\n"
            "      Found as: section 47 enquiries\n") in out
    assert ("  3.1.1  Social Care Single Assessment Guidance (online only)\n"
            "      3. Children in Need > 3.1 Contacts Referrals and Assessments\n"
            "      Found in the title of 3.1\n") in out
    assert ("  7.1  Fostering Panel (online only)\n      7. Fostering Services\n"
            "  5.1  Private Fostering") in out  # its title says it
    assert main(["search", "--json", "strategy discussion"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["found_as"] == ["section 47 enquiries"] and hit["found_in"] == ""


def test_search_names_a_long_forms_words_as_the_window_does(
        capsys: pytest.CaptureFixture[str]) -> None:
    # the line above the results names "personal education plan"; each result, its words
    assert main(["search", "PEP"]) == 0
    out = capsys.readouterr().out
    assert ('  No entry has "PEP" or "personal education plan"; these have some of its words.\n'
            "  2.16  Children Missing Education Policy (online only)\n"
            "      2. Prevention and Early Intervention\n"
            "      Found as: education\n") in out
    assert ", of personal education plan" not in out
    assert main(["search", "--json", "PEP"]) == 0
    hit = json.loads(capsys.readouterr().out)["hits"][0]
    assert hit["found_as"] == ["education"]
    assert hit["found_of"] == "personal education plan"
