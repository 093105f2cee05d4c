"""File > Print preview: the sheets Print would print, seen first; its Print button prints them.

Nothing goes to a real printer: the preview's pages are drawn, and its Print button's print
dialog is answered with a printer writing a PDF to the test's folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QAction, QPageSize
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QToolButton

from reader.ui.main_window import MainWindow

from .accessibility import controls_missing_accessible_names
from .test_narrow_keys import narrow_over_the_chapter
from .test_narrower_than_both_panes import settle

MANUAL = "Derby City Children's Social Care Procedures"


def file_menu(window: MainWindow) -> QMenu:
    return next(action.menu() for action in window.menuBar().actions()
                if action.text() == "&File")


def preview_action(window: MainWindow) -> QAction:
    [action] = [action for action in file_menu(window).actions()
                if action.text().replace("&", "") == "Print preview\u2026"]
    return action


def previewed(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
              look: Callable[[QPrintPreviewDialog], object]) -> list[QPrintPreviewDialog]:
    """File > Print preview chosen; `look` is done with the dialog shown, then it is closed."""
    shown: list[QPrintPreviewDialog] = []

    def exec_(dialog: QPrintPreviewDialog) -> int:
        dialog.show()
        settle()  # the preview draws its pages once shown
        shown.append(dialog)
        look(dialog)
        if dialog.isVisible():
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    preview_action(window).trigger()
    return shown


def pages_of(dialog: QPrintPreviewDialog) -> int:
    return dialog.findChild(QPrintPreviewWidget).pageCount()


def drawn_to_pdf(dialog: QPrintPreviewDialog, path: Path) -> list[str]:
    """The preview's pages, as its paint handler draws them on a PDF printer: each one's words."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    dialog.paintRequested.emit(printer)
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_file_menu_offers_print_preview_beside_print_with_its_own_letter(window) -> None:
    names = [action.text() for action in file_menu(window).actions() if action.text()]
    at = names.index("&Print\u2026")
    assert names[at + 1] == "Print pre&view\u2026"
    letters = [re.search(r"&(\w)", name).group(1).lower() for name in names]
    assert len(letters) == len(set(letters))  # Alt+F, V: the preview, nothing else
    assert preview_action(window).shortcuts() == []  # no standard key for it anywhere


def test_the_preview_shows_as_many_sheets_as_the_pdf_of_the_chapter(
        window, monkeypatch, tmp_path: Path) -> None:
    window.open_entry("1.1.1")
    exported = len(PdfReader(window.export_pdf(tmp_path / "chapter.pdf")).pages)
    counted: list[int] = []

    def count(dialog: QPrintPreviewDialog) -> None:
        # on the PDF's paper: a printer's own may be Letter
        dialog.printer().setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        dialog.findChild(QPrintPreviewWidget).updatePreview()
        counted.append(pages_of(dialog))

    previewed(window, monkeypatch, count)
    assert counted == [exported] and exported > 1


def test_each_previewed_sheet_has_the_header_footer_and_its_number(
        window, monkeypatch, tmp_path: Path) -> None:
    window.open_entry("1.1.1")
    sheets: list[str] = []
    previewed(window, monkeypatch,
              lambda dialog: sheets.extend(drawn_to_pdf(dialog, tmp_path / "drawn.pdf")))
    assert len(sheets) > 1
    for number, text in enumerate(sheets, 1):
        assert text.startswith(
            f"{MANUAL} \u2014 1.1.1 Children's Services Policies, Values and Principles")
        assert "Printed copies are uncontrolled and may be out of date" in text
        assert f"Page {number} of {len(sheets)}" in text


@pytest.mark.parametrize(("show", "title", "words"), [
    (lambda window: window.show_start_page(), MANUAL, "Sections"),
    (lambda window: window.show_whats_new(), "What's new", "What's new"),
])
def test_the_start_page_and_whats_new_are_previewed_under_their_names(
        window, monkeypatch, tmp_path: Path, show, title: str, words: str) -> None:
    show(window)
    sheets: list[str] = []
    [dialog] = previewed(window, monkeypatch,
                         lambda dialog: sheets.extend(drawn_to_pdf(dialog, tmp_path / "p.pdf")))
    assert dialog.windowTitle() == f"Print preview \u2014 {title}"
    assert sheets and sheets[0].startswith(MANUAL) and words in sheets[0]
    assert "uncontrolled" in sheets[-1]


class LaptopScreen:
    """A 1366 by 768 screen, less a taskbar: the smallest the reader's users have."""

    def availableGeometry(self) -> QRect:
        return QRect(0, 0, 1366, 728)


def test_the_preview_names_the_chapter_and_fits_a_small_laptop_screen(
        window, monkeypatch) -> None:
    window.open_entry("1.1.1")
    monkeypatch.setattr(MainWindow, "screen", lambda _self: LaptopScreen())
    [dialog] = previewed(window, monkeypatch, lambda _dialog: None)
    assert dialog.windowTitle() == (
        "Print preview \u2014 1.1.1 Children's Services Policies, Values and Principles")
    size = dialog.size()
    assert size.width() <= 1366 and size.height() <= 728 - 30  # a title bar above it
    # wide enough to read a sheet's words, not Qt's 640 by 480
    assert size.width() >= 900 and size.height() >= 600


def test_every_control_of_the_preview_has_a_name(window, monkeypatch) -> None:
    window.open_entry("1.1.1")
    unnamed: list[list[str]] = []
    previewed(window, monkeypatch,
              lambda dialog: unnamed.append(controls_missing_accessible_names(dialog)))
    assert unnamed == [[]]  # the zoom box and the page number were read as "combo box", "edit"


def test_esc_closes_the_preview(window, monkeypatch) -> None:
    window.open_entry("1.1.1")
    still_open: list[bool] = []

    def escape(dialog: QPrintPreviewDialog) -> None:
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        still_open.append(dialog.isVisible())

    previewed(window, monkeypatch, escape)
    assert still_open == [False]
    assert window.statusBar().currentMessage() == ""  # closed, nothing was printed


def test_a_closed_preview_keeps_none_of_its_pages(window, monkeypatch) -> None:
    window.open_entry("1.1.1")
    previewed(window, monkeypatch, lambda _dialog: None)
    QApplication.processEvents()
    # each preview's pages are drawn at the printer's 1200 dots an inch
    assert window.findChildren(QPrintPreviewDialog) == []


def printed_from_the_preview(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                             choose: Callable[[QPrinter], object]) -> list[object]:
    """The preview's own Print button clicked, and Qt's print dialog it opens answered OK
    with the printer as `choose` sets it; the preview's pages shown, the dialog's file button's
    name and the preview, in that order."""
    seen: list[object] = []

    def answer_print_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog)
        button = dialog.findChild(QToolButton, "fileBrowser")
        seen.append(button.accessibleName() if button is not None else "no such button")
        choose(dialog.printer())
        dialog.done(QPrintDialog.DialogCode.Accepted)

    def print_from_it(dialog: QPrintPreviewDialog) -> None:
        seen.append(pages_of(dialog))
        [print_button] = [action for action in dialog.findChildren(QAction)
                          if action.text() == "Print"]
        QTimer.singleShot(0, answer_print_dialog)  # once Qt's print dialog is open
        print_button.trigger()

    seen.extend(previewed(window, monkeypatch, print_from_it))
    return seen


def to_a_file(path: Path) -> Callable[[QPrinter], None]:
    def choose(printer: QPrinter) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # "Print to file"
        printer.setOutputFileName(str(path))
    return choose


def test_the_previews_print_button_prints_the_sheets_it_shows(
        window, monkeypatch, tmp_path: Path) -> None:
    window.open_entry("1.1.1")
    path = tmp_path / "printed.pdf"
    shown, named, dialog = printed_from_the_preview(window, monkeypatch, to_a_file(path))
    assert dialog.result() == QPrintPreviewDialog.DialogCode.Accepted  # closed once printed
    sheets = PdfReader(path).pages
    assert len(sheets) == shown > 1
    assert f"Page 1 of {shown}" in " ".join(sheets[0].extract_text().split())
    assert window.statusBar().currentMessage() == f"Saved {shown} pages to {path}"
    assert named == "Choose the file to print to"  # not read out as "dot dot dot"


def test_a_print_from_the_preview_that_fails_says_why(
        window, monkeypatch, tmp_path: Path) -> None:
    window.open_entry("1.1.1")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))

    def pages_past_the_last(printer: QPrinter) -> None:
        to_a_file(tmp_path / "never.pdf")(printer)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(50, 60)

    printed_from_the_preview(window, monkeypatch, pages_past_the_last)
    assert len(told) == 1 and "nothing to print in pages 50-60" in told[0]
    assert "nothing to print" in window.statusBar().currentMessage()  # not "Saved"
    assert not (tmp_path / "never.pdf").exists()


def test_the_preview_opens_as_wide_as_it_is_for_its_words_to_be_read(
        window, monkeypatch) -> None:
    window.open_entry("1.1.1")
    chosen: list[list[str]] = []

    def look(dialog: QPrintPreviewDialog) -> None:
        chosen.append([action.text() for action in dialog.findChildren(QAction)
                       if action.isChecked() and action.text().startswith("Fit")])

    previewed(window, monkeypatch, look)
    assert chosen == [["Fit width"]]  # and the toolbar says so; Fit page shows a sheet whole


def test_in_a_narrow_window_the_chapter_being_read_is_previewed_in_sight(
        qtbot, window, monkeypatch) -> None:
    narrow_over_the_chapter(qtbot, window)  # 1.1.1, the contents over it
    in_sight: list[bool] = []
    [dialog] = previewed(window, monkeypatch,
                         lambda _dialog: in_sight.append(window.chapter.isVisible()))
    assert dialog.windowTitle() == (
        "Print preview \u2014 1.1.1 Children's Services Policies, Values and Principles")
    # the chapter behind it, not the contents: closed, the preview leaves the person there
    assert in_sight == [True] and not window.splitter.side.isVisible()
