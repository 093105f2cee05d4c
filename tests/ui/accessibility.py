"""Test helper: find the controls a screen reader would announce without a name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

# Controls a person operates; each needs a name of its own.
CONTROL_TYPES: tuple[type[QWidget], ...] = (
    QAbstractButton,  # push, tool, check and radio buttons
    QLineEdit,
    QAbstractItemView,  # tree, list and table views
    QTextEdit,  # and QTextBrowser
    QPlainTextEdit,
    QComboBox,
    QAbstractSlider,  # sliders and dials
    QAbstractSpinBox,  # spin boxes and date/time edits
    QTabBar,
    QKeySequenceEdit,
)
# Parts of a control that Qt announces as part of it, never on their own.
PART_OWNERS: tuple[type[QWidget], ...] = (
    QComboBox, QAbstractSpinBox, QLineEdit, QTabBar, QKeySequenceEdit,
)


def controls_missing_accessible_names(widget: QWidget, visible_only: bool = True) -> list[str]:
    """Descriptions of the controls under a widget that have no accessible name.

    A control is named by its accessibleName, by the text of a button (a tool button's text
    is its default action's), or by a QLabel whose buddy it is: what Qt hands a screen reader.
    """
    labelled = {
        id(label.buddy()) for label in widget.findChildren(QLabel)
        if label.buddy() is not None and _plain(label.text())
    }
    missing = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not isinstance(child, CONTROL_TYPES) or _is_part(child):
            continue
        if visible_only and not child.isVisible():
            continue
        if child.accessibleName().strip() or id(child) in labelled or _button_text(child):
            continue
        missing.append(describe(child))
    return missing


def _is_part(widget: QWidget) -> bool:
    """Scroll bars, header views, Qt's own helpers, the editors or buttons inside a control."""
    parent = widget.parentWidget()
    # Qt names the widgets it adds itself "qt_...": menu bar and tool bar extension buttons
    if isinstance(widget, QScrollBar) or widget.objectName().startswith("qt_"):
        return True
    if isinstance(widget, QHeaderView) and isinstance(parent, QAbstractItemView):
        return True
    while parent is not None:
        if isinstance(parent, PART_OWNERS):
            return True
        parent = parent.parentWidget()
    return False


def _button_text(widget: QWidget) -> str:
    if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
        return _plain(widget.defaultAction().text())
    if isinstance(widget, QAbstractButton):
        return _plain(widget.text())
    return ""


def _plain(text: str) -> str:
    # "&Go" is announced as "Go"; a lone mnemonic marker is no name
    return text.replace("&", "").strip()


def describe(widget: QWidget) -> str:
    """Where a widget is, as a developer would look for it: Owner.attribute (Class)."""
    kind = type(widget).__name__
    owner = widget.parentWidget()
    while owner is not None:
        for name, value in vars(owner).items():
            if value is widget:
                return f"{type(owner).__name__}.{name} ({kind})"
        owner = owner.parentWidget()
    hints = [widget.objectName(), widget.toolTip()]
    if isinstance(widget, QLineEdit):
        hints.append(widget.placeholderText())
    shown = ", ".join(repr(hint) for hint in hints if hint)
    parent = widget.parentWidget()
    where = f" in {type(parent).__name__}" if parent is not None else ""
    return f"{kind}{where}" + (f" [{shown}]" if shown else "")
