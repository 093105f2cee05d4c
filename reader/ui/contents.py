"""The contents navigator: a tree of sections, subsections and entries, with a filter box."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from reader.manual import FLAG_LABELS, ONLINE_ONLY_NOTE, Entry, Manual, Subsection
from reader.stylesheet_colours import rule_colours
from reader.ui.announce import announce
from reader.ui.clear_button import add_clear_button
from reader.ui.column import flush_column
from reader.ui.row_menu import NewTabRows
from reader.ui.text_sized_arrows import branch_indent, draw_branch_arrow, text_sized_arrow

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "section", "subsection", "entry", "lead"
REF_ROLE = Qt.ItemDataRole.UserRole + 2  # section number or entry id
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 3  # tuple of flag keys
ModelIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
# made once: Qt asks for a row's flags thousands of times as the tree is laid out (a theme
# change, a filter), and each `|` of two flags was a call into Python's enum module
CHOOSABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

QUOTED_AT_MOST = 40  # characters of the filter text the no-match line repeats
MIN_TITLE_SHOWN = "6.7.10 Leaving"  # what a row keeps of its text before its badges go
BADGE_SELECTOR = re.compile(r"\.badge(?:-(\w+))?")
NUMBER = re.compile(r"\d+(?:\.\d+)*")  # a chapter or section number, a year, a section of an Act
TYPED_NUMBER = re.compile(r"\d+(?:[.,]\d+)*[.,]?")  # "6.4", "6,4" (a comma for the dot), "6."
APOSTROPHES = str.maketrans("", "", "'\u2019")
EDGE_PUNCTUATION = ".,;:!?\"()[]\u201c\u201d\u2018\u2019"


def _number(text: str) -> str:
    """A number as the tree writes it: "06,4" is 6.4."""
    # leading zeros dropped as text: int() refuses a paste of over 4,300 digits
    return ".".join(part.lstrip("0") or "0" for part in re.split(r"[.,]", text) if part)


def numbers_in(text: str) -> tuple[str, ...]:
    """The numbers a row's text holds, for the filter to match whole."""
    return tuple(_number(found) for found in NUMBER.findall(text))


def _visible(text: str) -> str:
    """The text as a person sees it: control characters are gaps, invisible marks go.

    A title copied from a web page or a PDF brings zero-width spaces, soft hyphens and
    direction marks the box does not show: "fostering" with one of them found nothing.
    """
    if text.isprintable():  # nothing to take out: the common case, at each letter typed
        return text
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif category != "Cf":
            kept.append(char)
    return "".join(kept)


def filter_words(text: str) -> tuple[list[str], list[str]]:
    """What was typed in the filter, as (words, numbers) to match.

    A number matches a number whole or the numbers under it: "6.1" is 6.1 and 6.1.4, never
    3.6.1 or 1.1.16. Words lose their apostrophes ("childrens" finds "Children's") and the
    punctuation around them ("reviews." finds "Reviews").
    """
    words: list[str] = []
    numbers: list[str] = []
    # a Turkish keyboard's capital dotted I folds to "i" and a dot no title has
    for word in _visible(text).replace("\u0130", "I").casefold().split():
        if TYPED_NUMBER.fullmatch(word):
            numbers.append(_number(word))
            continue
        bare = word.translate(APOSTROPHES).strip(EDGE_PUNCTUATION)
        if TYPED_NUMBER.fullmatch(bare):  # "(2024)"
            numbers.append(_number(bare))
        else:
            words.append(bare or word)  # only punctuation: matched as typed
    return words, numbers


def badge_colours(stylesheet: str) -> tuple[dict[str, str], str]:
    """The chapter stylesheet's badge fills by flag, and its badge text colour.

    The tree draws its badges in the same colours as the chapter pane, in every theme; the
    label text carries the meaning, never the colour alone.
    """
    fills: dict[str, str] = {}
    text = "#ffffff"
    for selector, colours in rule_colours(stylesheet).items():
        if (badge := BADGE_SELECTOR.fullmatch(selector)) is None:
            continue
        flag = badge.group(1) or ""
        if "color" in colours and not flag:
            text = colours["color"]
        if "background-color" in colours:
            fills[flag] = colours["background-color"]
    return fills, text


@dataclass
class _Node:
    """One row of the tree. Held in Python: QStandardItem roles crashed PySide6 at exit."""

    kind: str  # "section", "subsection", "entry", "lead", or "root"
    ref: str
    text: str
    uid: int
    parent: _Node | None
    row: int = 0
    flags: tuple[str, ...] = ()
    # what the filter matches: the row's words and those of the rows it is in, casefolded
    # once, without apostrophes ("monitoring visits" is 6.4.1 Visits in 6.4 Monitoring)
    filter_text: str = ""
    numbers: tuple[str, ...] = ()  # the numbers in them, which the filter matches whole
    tooltip: str = ""
    accessible: str = ""
    style: str = ""  # "bold", "italic" or ""
    children: list[_Node] = field(default_factory=list)


class ContentsModel(QAbstractItemModel):
    """The contents as a Qt item model, in the manual's order."""

    def __init__(self, manual: Manual) -> None:
        super().__init__()
        self._nodes: list[_Node] = []
        self.root = self._add(None, "root", "", "")
        for section in manual.sections:
            node = self._add(self.root, "section", section.number,
                             f"{section.number}. {section.title}", style="bold")
            for item in section.items:
                if isinstance(item, Subsection):
                    sub = self._add(node, "subsection", item.number, f"{item.number} {item.title}")
                    if item.lead:
                        self._add(sub, "lead", "", item.lead, style="italic")
                    for entry in item.entries:
                        self._add_entry(manual, sub, entry)
                else:
                    self._add_entry(manual, node, item)

    def _add(self, parent: _Node | None, kind: str, ref: str, text: str, **extra: str) -> _Node:
        node = _Node(kind, ref, text, len(self._nodes), parent, tooltip=text, accessible=text,
                     **extra)
        self._set_words(node, text)
        self._nodes.append(node)
        if parent is not None:
            node.row = len(parent.children)
            parent.children.append(node)
        return node

    def _add_entry(self, manual: Manual, parent: _Node, entry: Entry) -> None:
        text = f"See also: {entry.title}" if entry.kind == "see_also" else entry.label
        node = self._add(parent, "entry", entry.id, text,
                         style="italic" if entry.kind == "see_also" else "")
        node.flags = entry.flags
        labels = ", ".join(entry.flag_labels)
        # screen readers and the filter get the flags as words, never as colour alone; and
        # the notes that say where to turn instead, which the eye finds in the tooltip
        node.accessible = " ".join([f"{text} ({labels})" if labels else text,
                                    *(f"Note: {note}." for note in entry.notes)])
        words = " ".join([text, *entry.flag_labels, *entry.notes])
        self._set_words(node, words)
        tip = [text, *(f"[{label}]" for label in entry.flag_labels), *entry.notes]
        if manual.online_only(entry):
            tip.append(ONLINE_ONLY_NOTE)
        node.tooltip = "\n".join(tip)

    @staticmethod
    def _set_words(node: _Node, words: str) -> None:
        above = node.parent
        node.filter_text = words.casefold().translate(APOSTROPHES)
        node.numbers = numbers_in(words)
        if above is not None and above.kind != "root":
            node.filter_text = f"{above.filter_text}\n{node.filter_text}"
            node.numbers = above.numbers + node.numbers

    def node(self, index: ModelIndex) -> _Node:
        return self._nodes[index.internalId()] if index.isValid() else self.root

    def index_of_node(self, node: _Node) -> QModelIndex:
        return self.createIndex(node.row, 0, node.uid)

    def rows(self) -> list[_Node]:
        """Every row of the tree, in the manual's order."""
        return self._nodes[1:]

    def parents(self) -> list[_Node]:
        """The rows that have rows in them: sections and subsections."""
        return [node for node in self._nodes if node.children and node is not self.root]

    def index_of(self, kind: str, ref: str) -> QModelIndex:
        for node in self._nodes:
            if node.kind == kind and node.ref == ref:
                return self.createIndex(node.row, 0, node.uid)
        return QModelIndex()

    def index(self, row: int, column: int, parent: ModelIndex = NO_PARENT) -> QModelIndex:
        # the node looked up here, not by node(): the tree asks this thousands of times a layout
        children = (self._nodes[parent.internalId()] if parent.isValid() else self.root).children
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row].uid)

    def parent(self, index: ModelIndex = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self.root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent.uid)

    def rowCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return len(self.node(parent).children) if parent.column() <= 0 else 0

    def columnCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._nodes[index.internalId()].kind == "lead":
            return Qt.ItemFlag.ItemIsEnabled
        return CHOOSABLE

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return node.accessible
        if role == Qt.ItemDataRole.FontRole and node.style:
            font = QFont()
            font.setBold(node.style == "bold")
            font.setItalic(node.style == "italic")
            return font
        return {KIND_ROLE: node.kind, REF_ROLE: node.ref, FLAGS_ROLE: node.flags}.get(role)


class ContentsFilter(QSortFilterProxyModel):
    """Keeps rows whose number, title, flags or notes, with those of the rows they are in,
    contain every word typed; with the sections and subsections they are in, and every row
    in a section or subsection that matches.

    Which rows stay is worked out once per change of the text, over the model's own nodes,
    and the view is given the new rows whole (a reset): Qt's recursive filtering, and its
    removing and inserting rows one parent at a time, asked the model for parents millions of
    times, and a letter typed into the filter of a manual ten times today's took 1.8 seconds.
    The window puts the current item back and expands the tree after each change anyway.
    """

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []
        self._numbers: list[str] = []
        self._shown: set[int] = set()  # uids of the rows kept, while filtering

    def set_text(self, text: str) -> None:
        self.beginResetModel()
        self._words, self._numbers = filter_words(text)
        self._shown = set()
        model = self.sourceModel()
        if self._filtering() and isinstance(model, ContentsModel):
            self._keep(model.root, matched_above=False)
        self.endResetModel()

    def _keep(self, node: _Node, matched_above: bool) -> bool:
        """Mark the rows kept under `node`; True if any is."""
        kept = False
        for child in node.children:
            matched = matched_above or self._matches(child)
            # visited whatever this row did: a matching row's children are kept (and marked) too
            kept_below = self._keep(child, matched)
            if kept_below or matched:
                self._shown.add(child.uid)
                kept = True
        return kept

    def _filtering(self) -> bool:
        return bool(self._words or self._numbers)

    def _matches(self, node: _Node) -> bool:
        return all(word in node.filter_text for word in self._words) and all(
            any(n == number or n.startswith(number + ".") for n in node.numbers)
            for number in self._numbers)

    @property
    def filtering(self) -> bool:
        """Whether some rows are left out: only spaces or invisible marks typed leave none."""
        return self._filtering()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if not self._filtering() or not isinstance(model, ContentsModel):
            return True
        children = model.node(source_parent).children
        return 0 <= source_row < len(children) and children[source_row].uid in self._shown


class BadgeDelegate(QStyledItemDelegate):
    """Draws an entry's flags as small text badges at the right of its row."""

    PAD = 4
    GAP = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fills: dict[str, str] = {}
        self.text_colour = "#ffffff"

    def set_stylesheet(self, stylesheet: str) -> None:
        self.fills, self.text_colour = badge_colours(stylesheet)

    def _badge_font(self, base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(max(base.pointSizeF() * 0.78, 6.5))
        font.setBold(True)
        return font

    def _badges_width(self, index: ModelIndex, base: QFont) -> int:
        return self.flags_width(index.data(FLAGS_ROLE) or (), base)

    def flags_width(self, flags: tuple[str, ...], base: QFont) -> int:
        """The room a row's badges for these flags take, beside text in the `base` font."""
        if not flags:
            return 0
        metrics = QFontMetrics(self._badge_font(base))
        widths = [metrics.horizontalAdvance(FLAG_LABELS.get(f, f)) + 2 * self.PAD for f in flags]
        return sum(widths) + self.GAP * (len(widths) + 1)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + self._badges_width(index, option.font), size.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        reserve = self._badges_width(index, option.font)
        # in a pane dragged narrow the number and the start of the title come first: the
        # badges go (their words stay in the tooltip and the accessible name)
        room_for_text = QFontMetrics(option.font).horizontalAdvance(MIN_TITLE_SHOWN)
        if not reserve or option.rect.width() - reserve < room_for_text:
            super().paint(painter, option, index)
            return
        text_option = QStyleOptionViewItem(option)
        text_option.rect = option.rect.adjusted(0, 0, -reserve, 0)
        super().paint(painter, text_option, index)
        painter.save()
        font = self._badge_font(option.font)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        height = metrics.height() + 2
        x = option.rect.right() - reserve + self.GAP
        y = option.rect.top() + (option.rect.height() - height) // 2
        for flag in index.data(FLAGS_ROLE):
            label = FLAG_LABELS.get(flag, flag)
            width = metrics.horizontalAdvance(label) + 2 * self.PAD
            badge = QRect(x, y, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.fills.get(flag, self.fills.get("", "#3d4a57"))))
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(QColor(self.text_colour))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
            x += width + self.GAP
        painter.restore()


# the keys that move through the tree: with Ctrl, they move without opening
_MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
          Qt.Key.Key_Home, Qt.Key.Key_End)


class ContentsTree(NewTabRows, QTreeView):
    """The tree; a middle click, Ctrl+click or Ctrl+Enter asks for a new tab and leaves this tab
    alone. A row's menu (a right click, the menu key or Shift+F10) offers both."""

    new_tab_chosen = Signal(str, str)  # kind ("entry" or "section"), ref
    moving_only = False  # set while Ctrl+arrows move: the row reached is not opened
    _shown_once = False
    _laid_out_height = -1  # the row height the rows were last laid out at
    _arrow = 0  # the arrows' width where the style's own are smaller than the text (large)

    def doItemsLayout(self) -> None:
        self._laid_out_height = self._row_height()
        super().doItemsLayout()

    def _row_height(self) -> int:
        # as Qt does for rows of one height: the first row's height is every row's
        model = self.model()
        first = model.index(0, 0, self.rootIndex()) if model is not None else QModelIndex()
        return self.indexRowSizeHint(first) if first.isValid() else -1

    def _size_arrows(self) -> None:
        side = text_sized_arrow(self, self.fontMetrics())
        if side != self._arrow:
            self._arrow = side
            if side:
                self.setIndentation(branch_indent(side))
            else:
                self.resetIndentation()

    def drawBranches(self, painter: QPainter, rect: QRect, index: ModelIndex) -> None:
        # the style's own arrow, no larger at 20 points than at 9, but for large text
        if not self._arrow or not self.model().hasChildren(index):
            super().drawBranches(painter, rect, index)
            return
        indent = self.indentation()  # the row's own arrow is in the last step of its indent
        cell = QRect(rect.right() + 1 - indent, rect.top(), indent, rect.height())
        draw_branch_arrow(painter, cell, self._arrow,
                          self.palette().color(QPalette.ColorRole.WindowText),
                          self.isExpanded(index))

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Polish, QEvent.Type.FontChange):
            self._size_arrows()  # as the text's size is first known, and as it changes
        # A theme change sends every widget a style change, on which Qt lays out every row
        # of the tree again: 9 ms of the change on a manual ten times today's. The rows are
        # one height (uniform) and the themes draw them at the same height, so unless that
        # height changed only the frame, the scroll bars and the paint need the new style.
        if event.type() == QEvent.Type.StyleChange and self._laid_out_height >= 0 \
                and self._row_height() == self._laid_out_height:
            handled = QAbstractScrollArea.event(self, event)  # frame, margins, changeEvent
            self.updateGeometries()
            # the column's width, as the layout spared set it: the hidden header's own edge
            # (a high contrast frame) first
            header = self.header()
            QAbstractScrollArea.event(header, QEvent(QEvent.Type.StyleChange))
            header.doItemsLayout()
            self.viewport().update()
            return handled
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._laid_out_height < 0:  # laid out as the rows were expanded, in this style
            self._laid_out_height = self._row_height()
        if not self._shown_once and self.currentIndex().isValid():
            # an item chosen before the window was shown (a chapter opened at start) was
            # scrolled to with no height to centre it in; centre it now that there is one
            self.scrollTo(self.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)
        self._shown_once = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Alt+Left and Alt+Right are Back and Forward; with nothing to go back to, the
        # disabled action lets the keys through, and as plain arrows they opened another page
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and \
                event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            event.ignore()
            return
        # the keys' Ctrl+click: the arrows opened every row they reached in this tab, so
        # without a mouse no chapter could be opened beside the one being read. With Ctrl
        # they only move, and Ctrl+Enter opens the row in a new tab, as on a link
        if self._row_key(event):
            return
        ctrl = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
            == Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in _MOVES:
            self.moving_only = True
            try:
                super().keyPressEvent(event)
            finally:
                self.moving_only = False
            return
        super().keyPressEvent(event)

    def _opens(self, index: QModelIndex) -> bool:
        return index.data(KIND_ROLE) in ("entry", "section", "subsection")

    def _ask_new_tab(self, index: QModelIndex) -> None:
        kind, ref = index.data(KIND_ROLE), index.data(REF_ROLE)
        if kind == "entry":
            self.new_tab_chosen.emit("entry", ref)
        elif kind in ("section", "subsection"):
            self.new_tab_chosen.emit("section", ref)


class ContentsPane(QWidget):
    """Filter box above the contents tree; emits what the person chose to open."""

    entry_chosen = Signal(str)  # entry id
    section_chosen = Signal(str)  # section or subsection number
    moved_to = Signal(str, str)  # "entry" (id) or "section" (number): by the arrow keys
    new_tab_chosen = Signal(str, str)  # kind ("entry" or "section"), ref: middle or Ctrl+click
    # Esc in the tree with no filter to clear: the window may take the keys back to the
    # chapter (where the contents are over it)
    escape_unused = Signal()

    def __init__(self, manual: Manual, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False  # set while the window selects what it has already opened
        self._open_item: tuple[str, str] | None = None  # (kind, ref) the tab shows, if here
        # the rows opened out as the person left them before filtering, put back after
        self._folds: set[int] | None = None
        self._titles_width: tuple[object, int] | None = None  # see titles_width
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter contents: number or words")
        add_clear_button(self.filter_box, "Clear filter")
        self.filter_box.setAccessibleName("Filter contents")
        self.filter_box.setAccessibleDescription(
            "Narrows the contents tree to entries whose number, title, flags or notes "
            "contain every word typed. Down or Enter goes into the tree; Esc clears the "
            "filter, and in an empty box goes back to the tree."
        )
        self.model = ContentsModel(manual)
        self.proxy = ContentsFilter()
        self.proxy.setSourceModel(self.model)
        self.tree = ContentsTree(self)
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.badges = BadgeDelegate(self.tree)
        self.tree.setItemDelegate(self.badges)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName("Contents")
        self.tree.setAccessibleDescription(
            "Sections, subsections and chapters of the manual; Enter or a click opens one; "
            "Esc clears a filter, then returns to the chapter where the contents cover it"
        )
        self.no_match = QLabel(self)  # says why the tree is empty, and what to try
        self.no_match.setWordWrap(True)
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.no_match.setContentsMargins(4, 4, 4, 4)
        # a long word typed (a paste gone wrong) cannot wrap: it must not widen the window
        self.no_match.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.no_match.hide()
        layout = flush_column(self)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.no_match)
        layout.addWidget(self.tree)
        self.setFocusProxy(self.tree)
        self.tree.expandToDepth(0)
        self.filter_box.textChanged.connect(self._filter)
        self.filter_box.returnPressed.connect(self._down_to_tree)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_box)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self._escape)
        # Esc in the tree too: arrowing through the matches is where a filter is left behind
        clear_in_tree = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.tree)
        clear_in_tree.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear_in_tree.activated.connect(self._clear_from_tree)
        # Down goes on into the tree, as from the search box into its results
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.filter_box)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._down_to_tree)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._open)
        self.tree.new_tab_chosen.connect(self.new_tab_chosen)

    def titles_width(self, share: float) -> int:
        """The pane's width at which `share` of the contents' rows show their number, title
        and badges whole, at the tree's text size: where the window has room to spare, the
        navigator is as wide (SideSplitter's `side_roomy`). Kept for the font it was taken at."""
        font = self.tree.font()
        key = (font.key(), self.tree.indentation(), share)
        if self._titles_width is not None and self._titles_width[0] == key:
            return self._titles_width[1]
        styled = {}
        for style in ("", "bold", "italic"):
            styled_font = QFont(font)
            styled_font.setBold(style == "bold")
            styled_font.setItalic(style == "italic")
            styled[style] = QFontMetrics(styled_font)
        indent = self.tree.indentation()
        widths = []
        for node in self.model.rows():
            depth = 0
            above = node.parent
            while above is not None:
                depth, above = depth + 1, above.parent
            # a section is one step in: the tree draws its arrow there
            widths.append(indent * depth + styled[node.style].horizontalAdvance(node.text)
                          + self.badges.flags_width(node.flags, font))
        widths.sort()
        # the widest of the narrowest `share` of the rows
        text = widths[max(0, round(share * len(widths)) - 1)] if widths else 0
        style = self.tree.style()
        # the text's margins in its cell, the tree's frame and its scroll bar
        margins = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                         self.tree) + 1)
        scroll_bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.tree)
        width = text + margins + 2 * self.tree.frameWidth() + scroll_bar
        self._titles_width = (key, width)
        return width

    def apply_stylesheet(self, stylesheet: str) -> None:
        """Draw the flag badges in the chapter stylesheet's colours (a theme change)."""
        self.badges.set_stylesheet(stylesheet)
        if self.tree.isVisible():  # a hidden tree paints afresh when shown
            self.tree.viewport().update()

    def _filter(self, text: str) -> None:
        # filtering out the current item makes Qt move to a neighbour, which opened it: a
        # letter typed replaced the chapter being read ("fo" opened "...Workforce...")
        self._quiet = True
        try:
            self._refilter(text)
        finally:
            self._quiet = False

    def _refilter(self, text: str) -> None:
        if not self.proxy.filtering:
            self._folds = self._opened_out()
        self.proxy.set_text(text)
        shown = self._open_index()
        if self.tree.currentIndex() != shown:  # the page open, or nothing: not a neighbour
            self.tree.setCurrentIndex(shown)
        empty = bool(text.strip()) and not self.proxy.rowCount()
        if empty:
            # without its invisible marks: a right-to-left override pasted in turned the
            # rest of the line backwards ("retlif eht sraelc csE")
            typed = " ".join(_visible(text).split())
            if len(typed) > QUOTED_AT_MOST:  # said in full, a paste kept a screen reader talking
                typed = typed[:QUOTED_AT_MOST].rstrip() + "\u2026"
            self.no_match.setText(
                f"Nothing in the contents matches \u201c{typed}\u201d. Esc clears the "
                "filter; Search (Ctrl+K) also corrects spelling and knows abbreviations.")
        if empty and self.no_match.isHidden():
            # the tree empties away from the box typed in, where a screen reader is: said as
            # it empties, not again at each letter typed after
            announce(self.no_match, self.no_match.text())
        self.no_match.setVisible(empty)
        if self.proxy.filtering:
            self.tree.expandAll()
        else:
            # the sections as the person left them: every filter had put back the first
            # level only, with each subsection opened and section closed by hand undone
            self._open_out(self._folds)
            current = self.tree.currentIndex()
            if current.isValid():
                self.tree.scrollTo(current)

    def _opened_out(self) -> set[int]:
        """The rows opened out in the tree, by their model's uid."""
        return {node.uid for node in self.model.parents()
                if self.tree.isExpanded(self.proxy.mapFromSource(self.model.index_of_node(node)))}

    def _open_out(self, uids: set[int] | None) -> None:
        """Open out these rows and close the others; None: the sections, as at the start."""
        self.tree.collapseAll()
        if uids is None:
            self.tree.expandToDepth(0)
            return
        for node in self.model.parents():
            if node.uid in uids:
                self.tree.expand(self.proxy.mapFromSource(self.model.index_of_node(node)))

    def opened_out(self) -> tuple[str, ...]:
        """The sections and subsections opened out as the person left them, by number (for
        the next start): while filtering, as they were before the filter."""
        uids = self._folds if self.proxy.filtering else self._opened_out()
        if uids is None:
            uids = {node.uid for node in self.model.root.children}
        return tuple(node.ref for node in self.model.parents() if node.uid in uids)

    def open_out(self, numbers: tuple[str, ...] | None) -> None:
        """Open out these sections and subsections (as the last session left them), and
        close the others; None leaves the tree as it is."""
        if numbers is None:
            return
        wanted = set(numbers)
        uids = {node.uid for node in self.model.parents() if node.ref in wanted}
        if self.proxy.filtering:  # put back when the filter is cleared
            self._folds = uids
        else:
            self._open_out(uids)

    def _escape(self) -> None:
        """Esc clears the filter; in an empty box it goes back to the tree, as Esc in the
        search box goes back to the contents."""
        if self.filter_box.text():
            self.filter_box.clear()
        else:
            self.tree.setFocus()

    def _clear_from_tree(self) -> None:
        """Esc in the filtered tree: the whole contents again, at the item moved to."""
        if self.filter_box.text():
            self.filter_box.clear()
            current = self.tree.currentIndex()
            if current.isValid():  # in a subsection the filter had opened: shown again
                self.tree.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)
            # the tree around the focus changed with nothing to hear: the person is told
            announce(self.tree, "Filter cleared: the whole contents are shown")
        else:
            self.escape_unused.emit()

    def _down_to_tree(self) -> None:
        """Down or Enter in the filter box: into the tree, at the first match (opened) when
        filtering, else at the chapter being read: Enter in the empty box opened the first
        chapter of the manual in place of it."""
        if self.proxy.filtering:
            self._focus_first_match()
        else:
            self.focus_tree()

    def _focus_first_match(self) -> None:
        """Moves to the first entry that matches and opens it."""
        index = self._first_entry(QModelIndex())
        if index is not None:
            self.tree.setCurrentIndex(index)
            self.tree.setFocus()

    def _first_entry(self, parent: QModelIndex) -> QModelIndex | None:
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            if index.data(KIND_ROLE) == "entry":
                return index
            found = self._first_entry(index)
            if found is not None:
                return found
        return None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or self.tree.moving_only:
            return
        kind, ref = current.data(KIND_ROLE), current.data(REF_ROLE)
        if QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton and kind in (
                "entry", "section", "subsection"):
            # by the keys: the window may treat a page passed through as no step
            self.moved_to.emit("entry" if kind == "entry" else "section", ref)
        else:
            self._open(current)

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        kind, ref = index.data(KIND_ROLE), index.data(REF_ROLE)
        if kind == "entry":
            self.entry_chosen.emit(ref)
        elif kind in ("section", "subsection"):
            self.section_chosen.emit(ref)

    def _open_index(self) -> QModelIndex:
        """Where the page the tab shows is in the tree as filtered; invalid if not there."""
        if self._open_item is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index_of(*self._open_item))

    def select(self, kind: str, ref: str) -> None:
        """Show and select an item without emitting a choice (the page is already open)."""
        source = self.model.index_of(kind, ref)
        if not source.isValid():  # a chapter this edition lacks: not the last one shown
            self.clear_selection()
            return
        self._open_item = (kind, ref)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # filtered out: clear the filter so the item can be seen
            self.filter_box.clear()
            index = self.proxy.mapFromSource(source)
        self._set_current_quietly(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def focus_tree(self) -> None:
        """Give the tree the focus without opening anything: with no item current, Qt makes the
        first one current as the focus comes in, which would open it."""
        self._quiet = True
        try:
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        finally:
            self._quiet = False

    def clear_selection(self) -> None:
        self._open_item = None
        self._set_current_quietly(QModelIndex())

    def _set_current_quietly(self, index: QModelIndex) -> None:
        # the view still hears the change and repaints; only the pane does not reopen it
        self._quiet = True
        try:
            self.tree.setCurrentIndex(index)
        finally:
            self._quiet = False

    def selected(self) -> tuple[str, str] | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.data(KIND_ROLE), index.data(REF_ROLE)

