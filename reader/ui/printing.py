"""Printing and PDF export of a page, with a header, a footer and "Page N of M" on every sheet.

A printed copy leaves the app's control, so every sheet says which manual and chapter it is,
when it was printed, which edition it comes from, and that the online manual is authoritative.
Pass the light chapter stylesheet whatever the screen theme: paper is white.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QObject, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageRanges,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter

from reader.atomic_file import new_file_mode
from reader.edition import capitalised, edition_phrase, format_date, online_manual
from reader.manual import ManualInfo
from reader.ui.content_resources import PAPER_RATIO, content_resource, picture_size
from reader.ui.heading_sizes import apply_heading_sizes
from reader.ui.paper_blocks import OBJECT, only_pictures, split_block
from reader.ui.paper_captions import CAPTION_RULE, keep_with_its_picture
from reader.ui.paper_foot import keep_foot_with_text, sheets_with_text
from reader.ui.paper_table_rows import (
    UNPAGED,
    keep_table_rows_whole,
    measure_tables,
)
from reader.ui.table_columns import TableColumns

UNCONTROLLED_NOTICE = (
    "Printed copies are uncontrolled and may be out of date; "
    "{online_manual} is the authoritative version."
)
HEADER_POINTS = 9.0
FOOTER_POINTS = 8.0
BAND_GAP_MM = 5.0  # space between the header or footer rule and the body text
PAGE_EDGE_PX = 6  # blank strip (CSS pixels) around each page of the laid-out document
PAGE_MARGINS_MM = QMarginsF(18, 15, 18, 15)
PDF_DPI = 1200  # as a high resolution printer: the PDF's text is placed as finely
CREATOR = "Procedures Reader"
INK = QColor("#1a1a1a")
RULE = QColor("#8a96a3")
# under each row of pictures (CSS pixels): a paragraph's own spacing, as p's bottom margin
PICTURE_GAP_PX = 9.0


def paper_stylesheet(light: str) -> str:
    """The light stylesheet with boxes and the lines between a table's cells as dark as the
    rules: its pale screen borders (under 2:1 against white) all but vanish on a mono laser
    printer. Preformatted text wraps: a sheet has no sideways scroll, and a long line's end
    was cut off at its edge."""
    return (f"{light}\ntable.box {{ border-color: {RULE.name()}; }}\n"
            f"table.grid {{ background-color: {RULE.name()}; }}\n"
            "pre { white-space: pre-wrap; }\n")


class PrintError(Exception):
    """The printer or PDF file could not be written; the message says so in plain words."""


def printed_header(info: ManualInfo, page_title: str) -> str:
    """The running head of a printed page: manual name, then chapter number and title (the
    start page's title is the manual's own: once is enough)."""
    return info.title if page_title == info.title else f"{info.title} \u2014 {page_title}"


def printed_footer(info: ManualInfo, printed_on: date) -> list[str]:
    """The running foot of a printed page: when printed, which edition, who is authoritative."""
    return [
        f"Printed {format_date(printed_on)} \u00b7 {capitalised(edition_phrase(info.edition))}",
        UNCONTROLLED_NOTICE.format(online_manual=online_manual(info.online_url)),
    ]


def page_number_text(number: int, count: int) -> str:
    """The sheet's number as printed at the right of the footer."""
    return f"Page {number} of {count}"


def print_page(document_html: str, stylesheet: str, header: str, footer_lines: Sequence[str],
               printer: QPrinter, content_dir: Path | None = None) -> int:
    """Lay out a page's HTML on the printer's sheets, each with header and footer; page count.

    Images are read from `content_dir` only (none without it), as the chapter pane reads them.
    """
    file = printer.outputFileName()
    if file and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        # the dialog's "Print to file": written as Export to PDF writes, on the paper chosen
        return _write_pdf(Path(file), printer.pageLayout(), printer.resolution(),
                          printer.docName(), document_html, stylesheet, header, footer_lines,
                          content_dir, _chosen_sheets(printer))
    target = printer.printerName() or "the printer"
    return _print_on(printer, f"Could not start printing to {target}.", document_html,
                     stylesheet, header, footer_lines, content_dir)


def _chosen_sheets(printer: QPrinter) -> QPageRanges:
    """The sheets asked for in the print dialog ("Pages from 2 to 3"); none: all of them."""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        return printer.pageRanges()
    return QPageRanges()


def _print_on(device: QPagedPaintDevice, failed: str, document_html: str, stylesheet: str,
              header: str, footer_lines: Sequence[str], content_dir: Path | None) -> int:
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError(failed)
    try:
        return _paint(painter, device, PaperDocument(content_dir), document_html, stylesheet,
                      header, list(footer_lines))
    except PrintError:
        if isinstance(device, QPrinter):
            device.abort()  # no job of blank or half the sheets left queued at the printer
        raise
    finally:
        painter.end()


def export_pdf(path: Path, document_html: str, stylesheet: str, header: str,
               footer_lines: Sequence[str], content_dir: Path | None = None) -> int:
    """Write a page to a PDF file (A4, portrait) with header and footer; the page count.

    A QPdfWriter, not a QPrinter: making a QPrinter asks the print service (CUPS) for its
    printers, a network connection where CUPS_SERVER names another machine, and a wait of
    minutes where that machine does not answer. A PDF needs no printer.
    """
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                         PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)
    return _write_pdf(path, layout, PDF_DPI, header, document_html, stylesheet, header,
                      footer_lines, content_dir)


def _write_pdf(path: Path, layout: QPageLayout, resolution: int, title: str,
               document_html: str, stylesheet: str, header: str, footer_lines: Sequence[str],
               content_dir: Path | None, sheets: QPageRanges | None = None) -> int:
    """Write a PDF of the page on sheets of `layout` (those of `sheets` only, if given); the
    number of sheets written."""
    _write_file(path, b"")  # before the layout: a folder gone is said at once
    # written by Python, not by Qt: Qt's writer says nothing of a full disk, and a PDF with
    # nothing in it was reported saved
    pdf = QBuffer()
    pdf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(pdf)
    writer.setResolution(resolution)
    writer.setPageLayout(layout)
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    if sheets is not None:
        writer.setPageRanges(sheets)
    count = _print_on(writer, f"Could not write the PDF to {path}.", document_html,
                      stylesheet, header, footer_lines, content_dir)
    _write_file(path, pdf.data().data())
    return count


def _write_file(path: Path, data: bytes) -> None:
    """Write the PDF's bytes; a PrintError saying why (no such folder, no permission, the
    disk full) if they could not all be written, and no half-written file left behind.

    Written beside the file, then put in its place: a PDF of that name from before (last
    week's copy, attached to a record) stays as it was until the new one is whole.
    """
    target = Path(os.path.realpath(path))  # through a link, the file it points at is replaced
    try:
        if target.exists() and not target.is_file():  # a device such as /dev/full: as it is
            with target.open("wb") as file:
                file.write(data)
            return
        if target.exists() and not os.access(target, os.W_OK):
            # read-only on purpose: a rename would get round that
            raise PermissionError(errno.EACCES, "the file is read-only", str(target))
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = new_file_mode()
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            if data:  # an empty write only asks whether it could be: the folder is there
                os.chmod(temp, mode)
                os.replace(temp, target)
        finally:
            Path(temp).unlink(missing_ok=True)
    except OSError as exc:
        raise PrintError(f"Could not write the PDF to {path}: {exc.strerror or exc}.") from exc


def prepare_printer(printer: QPrinter, header: str) -> None:
    """A printer keeps its own paper size, but gets the PDF's margins: a printer's default can
    be a few millimetres, putting the header at the sheet's unprintable edge."""
    printer.setPageMargins(PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)
    printer.setDocName(header)  # the print queue's job name (and the title, printed to a file)
    printer.setCreator(CREATOR)


def _paint(painter: QPainter, printer: QPagedPaintDevice, document: QTextDocument,
           document_html: str, stylesheet: str, header: str, footer: list[str]) -> int:
    page = _page_rect(printer)
    width, height = page.width(), page.height()
    dpi = printer.resolution()
    gap = BAND_GAP_MM / 25.4 * dpi
    wrap = int(Qt.TextFlag.TextWordWrap)

    header_font = _font(HEADER_POINTS, bold=True)
    footer_font = _font(FOOTER_POINTS)
    header_metrics = QFontMetricsF(header_font, printer)
    footer_metrics = QFontMetricsF(footer_font, printer)
    header_height = header_metrics.boundingRect(QRectF(0, 0, width, height), wrap,
                                                header).height()
    # the page number sits at the right of the footer's first line; later lines run full width
    number_width = footer_metrics.horizontalAdvance(page_number_text(999, 999)) + gap
    first_line, *more_lines = footer or [""]
    first_height = footer_metrics.boundingRect(QRectF(0, 0, width - number_width, height), wrap,
                                               first_line).height()
    more_text = "\n".join(more_lines)
    more_height = footer_metrics.boundingRect(QRectF(0, 0, width, height), wrap,
                                              more_text).height() if more_lines else 0.0
    footer_top = height - first_height - more_height
    body = QRectF(0, header_height + gap, width, footer_top - header_height - 2 * gap)

    # each page of the document keeps a thin blank edge, clipped off: see _split_at_page_edges
    edge = PAGE_EDGE_PX * _layout_scale(printer)
    page_size = QSizeF(body.width() + 2 * edge, body.height() + 2 * edge)
    _lay_out(document, document_html, stylesheet, printer, page_size)
    step = page_size.height()
    count = sheets_with_text(document, step)
    rule = QPen(RULE)
    rule.setWidthF(dpi / 150)  # about half a point
    paper = _paper_palette()
    # the sheets asked for, numbered as in the whole: "Page 3 of 7" is still page 3
    chosen = (_chosen_sheets(printer) if isinstance(printer, QPrinter)
              else printer.pageRanges())
    sheets = [index for index in range(count) if chosen.isEmpty() or chosen.contains(index + 1)]
    if not sheets:
        raise PrintError(f"This page prints on {count} sheet{'s' * (count != 1)}: there is "
                         f"nothing to print in pages {chosen.toString()}.")
    for index in sheets:
        if index != sheets[0] and not printer.newPage():
            raise PrintError("The printer stopped before the last page.")
        painter.setPen(INK)
        painter.setFont(header_font)
        painter.drawText(QRectF(0, 0, width, header_height), wrap, header)
        painter.setFont(footer_font)
        painter.drawText(QRectF(0, footer_top, width - number_width, first_height), wrap,
                         first_line)
        painter.drawText(QRectF(0, footer_top, width, first_height),
                         int(Qt.AlignmentFlag.AlignRight), page_number_text(index + 1, count))
        if more_lines:
            painter.drawText(QRectF(0, footer_top + first_height, width, more_height), wrap,
                             more_text)
        painter.setPen(rule)
        painter.drawLine(QPointF(0, header_height + gap / 2),
                         QPointF(width, header_height + gap / 2))
        painter.drawLine(QPointF(0, footer_top - gap / 2), QPointF(width, footer_top - gap / 2))
        # the whole document is laid out once; each sheet shows its own slice of it
        painter.save()
        painter.translate(body.left() - edge, body.top() - edge - index * step)
        sheet = QRectF(0, index * step + edge / 2, page_size.width(), step - edge)
        painter.setClipRect(sheet)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = paper  # not the screen theme's: it colours rules and plain text
        context.clip = sheet
        document.documentLayout().draw(painter, context)
        painter.restore()
    return len(sheets)


def _page_rect(device: QPagedPaintDevice) -> QRectF:
    """The sheet's printable area in device pixels: a printer's own, or the PDF's margins."""
    if isinstance(device, QPrinter):
        return device.pageRect(QPrinter.Unit.DevicePixel)
    return QRectF(device.pageLayout().paintRectPixels(device.resolution()))


def _paper_palette() -> QPalette:
    """Dark ink on white, whatever the screen's theme: a chapter's rules (drawn in the
    palette's Dark) were white on white in high contrast."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Text, INK), (QPalette.ColorRole.WindowText, INK),
                         (QPalette.ColorRole.Dark, RULE),
                         (QPalette.ColorRole.Base, QColor("#ffffff"))):
        palette.setColor(role, colour)
    return palette


def _lay_out_for(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay the document out at the device's resolution.

    PySide makes the layout the device's owner, and the device then outlived the layout: each
    PDF exported stayed in memory. A PDF writer is handed back to Python at once, to go with
    its caller, who keeps it for as long as the layout needs it.
    """
    document.documentLayout().setPaintDevice(device)
    if isinstance(device, QObject):  # a QPrinter is no QObject, and has no way back
        device.setParent(None)


def _layout_scale(printer: QPagedPaintDevice) -> float:
    """Printer pixels per CSS pixel: the layout scales lengths by printer over screen dots."""
    probe = QTextDocument()
    _lay_out_for(probe, printer)
    probe.setDocumentMargin(100)
    probe.setPlainText("x")
    return probe.documentLayout().blockBoundingRect(probe.begin()).left() / 100


class PaperDocument(QTextDocument):
    """The printed page's text: its images come only from the content folder, as on screen.

    Each picture is read once: the layout asks for it again on every pass (keeping headings
    with their text, splitting at page edges, drawing each sheet), hundreds of times for a
    picture repeated down a long page, and each time decoded it again. An SVG is drawn at
    `ratio` pixels to each of its own, for paper's resolution, not the screen's.
    """

    def __init__(self, content_dir: Path | None, ratio: float = PAPER_RATIO) -> None:
        super().__init__()
        self.content_dir = content_dir
        self.ratio = ratio
        self._loaded: dict[tuple[int, str], object] = {}

    def loadResource(self, kind: int, url: QUrl) -> object:
        key = (int(kind), url.toString())
        if key not in self._loaded:
            self._loaded[key] = content_resource(kind, key[1], self.content_dir, self.ratio,
                                                 paper=True, document=self)
        return self._loaded[key]


def _lay_out(document: QTextDocument, html: str, stylesheet: str, printer: QPagedPaintDevice,
             page: QSizeF) -> None:
    """The page's HTML laid out in pages of the given size, at the printer's resolution."""
    document.setDefaultStyleSheet(stylesheet + CAPTION_RULE)
    document.setUseDesignMetrics(True)  # line breaks as on paper, not as hinted for a screen
    font = document.defaultFont()
    for ligatures in ("liga", "clig"):
        # a PDF's text would hold "ﬀ" for "ff": "staff" copied or searched would not match
        font.setFeature(QFont.Tag(ligatures), 0)
    document.setDefaultFont(font)
    _lay_out_for(document, printer)
    document.setDocumentMargin(PAGE_EDGE_PX)  # the header and footer bands are the margins
    # no page size, no layout while the text is changed below: each change laid it all out
    document.setPageSize(QSizeF(0, 0))
    # the stylesheet's body rule (font size, colours) applies only inside an explicit <body>
    document.setHtml(html if "<body" in html.lower() else f"<body>{html}</body>")
    apply_heading_sizes(document)
    _pictures_at_their_own_height(document)
    # first as one endless sheet: the tables' rows there say where they will fall on paper
    document.setPageSize(QSizeF(page.width(), UNPAGED))
    scale = _layout_scale(printer)
    TableColumns(document, scale).fit(page.width())  # words kept whole, as on screen
    _pictures_within_the_page(document, scale)
    _tables_within_the_page(document, scale)
    tables = measure_tables(document)
    document.setPageSize(page)
    _keep_headings_and_captions(document, page.height())
    keep_table_rows_whole(document, page.height(), tables)
    keep_foot_with_text(document, page.height())
    _split_at_page_edges(document, page.height())


def _pictures_at_their_own_height(document: QTextDocument) -> None:
    """A paragraph holding only pictures is as tall as they are, with PICTURE_GAP_PX under
    each row of them.

    The stylesheet's line height (140% for paragraphs) applies to a picture as to a line of
    text: a picture stood on a blank strip 40% of its own height, pushed away from its
    caption, which could end up on the next sheet. Without that strip, pictures wrapped onto
    rows of one paragraph touched, and so did a picture and a table under it (Qt drops a
    paragraph's bottom margin before a table); the screen keeps the strip, so shows a gap.
    The gap stands in for the paragraph's bottom margin: a caption stays as near.
    """
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        if only_pictures(block):
            single = block.blockFormat()
            single.setLineHeight(PICTURE_GAP_PX,
                                 QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
            single.setBottomMargin(max(0.0, single.bottomMargin() - PICTURE_GAP_PX))
            cursor.setPosition(block.position())
            cursor.setBlockFormat(single)
        block = block.next()
    cursor.endEditBlock()


def _pictures_within_the_page(document: QTextDocument, scale: float) -> None:
    """A picture running past the text's right edge is scaled down, whole, to end there.

    On screen the pane's margins give way to a wide diagram, or it scrolls sideways; a sheet
    cannot, and the picture's right part was cut off at the paper's edge. `scale`: device
    pixels per CSS pixel, as the layout draws pictures.
    """
    if OBJECT not in document.toPlainText():
        return  # no picture: no need to lay the page out for them
    layout = document.documentLayout()
    layout.documentSize()  # lays out the whole document
    right = document.pageSize().width() - document.documentMargin() * scale
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        if OBJECT in block.text():
            left = layout.blockBoundingRect(block).left()
            pictures = block.begin()
            while not pictures.atEnd():
                fragment = pictures.fragment()
                image = fragment.charFormat().toImageFormat()
                line = block.layout().lineForTextPosition(fragment.position() - block.position())
                size = picture_size(document, image) if image.isValid() else None
                if size is not None and line.isValid():
                    room = right - left - line.x()
                    if 0 < room < size.width() * scale - 0.5:
                        shrink = room / (size.width() * scale)
                        image.setWidth(size.width() * shrink)
                        image.setHeight(size.height() * shrink)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(),
                                           QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(image)
                pictures += 1
        block = block.next()
    cursor.endEditBlock()


def _tables_within_the_page(document: QTextDocument, scale: float) -> None:
    """A table running past the text's right edge gets the page's width, its columns the
    same shares of it as they had of their own widths.

    A table written for a wide screen (width="1200", columns in pixels) is scrolled on
    screen; on a sheet its right-hand columns were cut off at the paper's edge. `scale`:
    device pixels per CSS pixel.
    """
    frames = list(document.rootFrame().childFrames())
    if not frames:
        return  # no table: no need to lay the page out for them
    layout = document.documentLayout()
    layout.documentSize()  # lays out the whole document
    right = document.pageSize().width() - document.documentMargin() * scale + 0.5
    fixed = QTextLength.Type.FixedLength
    while frames:
        table = frames.pop(0)
        frames[:0] = table.childFrames()
        if not isinstance(table, QTextTable) or layout.frameBoundingRect(table).right() <= right:
            continue
        shape = table.format()
        if shape.width().type() == fixed:
            shape.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        columns = shape.columnWidthConstraints()
        set_widths = sum(column.rawValue() for column in columns if column.type() == fixed)
        if set_widths > 0:
            share = 100 * sum(column.type() == fixed for column in columns) / len(columns)
            shape.setColumnWidthConstraints([
                QTextLength(QTextLength.Type.PercentageLength,
                            share * column.rawValue() / set_widths)
                if column.type() == fixed else column for column in columns])
        table.setFormat(shape)


def _keep_headings_and_captions(document: QTextDocument, page_height: float) -> None:
    """A heading left at the foot of a sheet, its text on the next, starts that sheet; so do
    the headings right above it on that sheet (a section's, over its first subheading's).
    So does a picture whose caption would start the next sheet alone.

    In one pass from the top, as the layout follows each change at once: moved on apart,
    a heading and a caption each moved what follows, and could part a picture from its
    caption, or a heading from its text, further down that had been kept together."""
    layout = document.documentLayout()
    layout.documentSize()  # lays out the whole document
    moved = False
    above: list[QTextBlock] = []  # the headings right before this block, none between
    block = document.begin()
    while block.isValid():
        following = block.next()
        top_level = QTextCursor(block).currentFrame() == document.rootFrame()  # not in a box
        if block.blockFormat().headingLevel() and top_level and following.isValid():
            here = layout.blockBoundingRect(block).top() // page_height
            lines = following.layout()
            first = lines.lineAt(0).y() if lines.lineCount() else 0.0
            if (layout.blockBoundingRect(following).top() + first) // page_height > here:
                first_heading = next(heading for heading in [*above, block]
                                     if layout.blockBoundingRect(heading).top() // page_height
                                     == here)
                heading = first_heading.blockFormat()
                heading.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(first_heading).setBlockFormat(heading)
                moved = True
            above.append(block)
        else:
            above = []
            moved = keep_with_its_picture(block, page_height) or moved
        block = following
    if moved:
        document.markContentsDirty(0, document.characterCount())


def _split_at_page_edges(document: QTextDocument, page_height: float) -> None:
    """End every paragraph at a page edge and go on in a new one on the next page.

    QTextLayout.draw() also paints the last line above its clip, so a paragraph running over a
    page edge leaves a clipped, invisible copy of that line in the PDF, found by PDF search and
    copied with the page's text. Split there, no paragraph crosses an edge; and the blank
    document margin at each page's edge keeps a paragraph's trailing line spacing out of the
    next page's clip, so no paragraph of one page is drawn on another.
    """
    for _attempt in range(3):  # a split moves nothing as a rule; look again in case it did
        splits = _page_edge_splits(document, page_height)
        if not splits:
            return
        for block_number, offset in reversed(splits):  # from the end: positions stay valid
            split_block(document.findBlockByNumber(block_number), offset)
        document.markContentsDirty(0, document.characterCount())


def _page_edge_splits(document: QTextDocument, page_height: float) -> list[tuple[int, int]]:
    """(block number, text offset) of each line that starts a page inside a paragraph."""
    layout = document.documentLayout()
    layout.documentSize()  # lays out the whole document
    splits = []
    block = document.begin()
    while block.isValid():
        lines = block.layout()
        top = layout.blockBoundingRect(block).top()
        pages = [int((top + lines.lineAt(i).y()) // page_height)
                 for i in range(lines.lineCount())]
        splits += [(block.blockNumber(), lines.lineAt(i).textStart())
                   for i in range(1, len(pages)) if pages[i] != pages[i - 1]]
        block = block.next()
    return splits


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font
