"""Two reader windows open at once: the tabs of the one closed first are not lost."""

from __future__ import annotations

from reader.session import STEPS_KEPT, load_session

from ..conftest import tooltip_as_seen
from .conftest import shown_window


def restarted(qtbot):
    """A window started after the others closed, with the tabs they left for it."""
    win = shown_window(qtbot)
    win.restore(load_session()[0])
    return win


def titles(win) -> list[str]:
    return [view.page.title.split(" ")[0] for view in win.tabs.views()]


def read_two_and_close_a_tab(win) -> None:
    """6.7.6 read with 1.1.1 behind it, and 9.1 opened and closed."""
    for ref in ("1.1.1", "6.7.6"):
        win.open_entry(ref)
    win.new_tab("entry", "9.1")
    win.close_tab()


def test_the_tabs_of_a_window_closed_first_can_be_reopened_after_a_restart(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)
    first.open_entry("6.7.6")
    first.new_tab("entry", "9.1")
    first.new_tab("entry", "1.1.1")  # open in the other window too
    first.tabs.setCurrentIndex(1)  # 9.1 was being read there
    second.open_entry("1.1.1")
    second.new_tab("entry", "6.4.3")
    first.close()
    second.close()  # closed last: its tabs come back as they were
    again = restarted(qtbot)
    assert titles(again) == ["1.1.1", "6.4.3"] and again.tabs.currentIndex() == 1
    assert again.reopen_action.isEnabled()
    assert again.reopen_closed_tab()  # the first window's chapter being read comes first
    assert again.chapter.page.title.startswith("9.1")
    assert again.reopen_closed_tab()
    assert again.chapter.page.title.startswith("6.7.6")
    assert not again.reopen_closed_tab()  # 1.1.1 was open here already: not twice
    assert titles(again) == ["1.1.1", "6.4.3", "9.1", "6.7.6"]


def test_one_window_restarted_reopens_its_tabs_once_not_also_as_closed_tabs(qtbot) -> None:
    win = shown_window(qtbot)
    win.open_entry("6.7.6")
    win.new_tab("entry", "9.1")
    win.close()
    again = restarted(qtbot)
    again.close()
    third = restarted(qtbot)
    assert titles(third) == ["6.7.6", "9.1"]
    assert not third.tabs.closed


def test_a_tab_closed_before_closing_the_reader_can_be_reopened_after_a_restart(qtbot) -> None:
    win = shown_window(qtbot)
    win.open_entry("6.7.6")
    win.new_tab("entry", "9.1")
    win.close_tab()
    win.close()
    again = restarted(qtbot)
    assert titles(again) == ["6.7.6"]
    assert again.reopen_closed_tab() and titles(again) == ["6.7.6", "9.1"]


def test_back_and_forward_work_in_a_tab_put_back_after_a_restart(qtbot) -> None:
    win = shown_window(qtbot)
    for ref in ("1.1.1", "6.7.6", "9.1"):
        win.open_entry(ref)
    win.go_back()  # on 6.7.6: 1.1.1 behind, 9.1 ahead
    win.close()
    again = restarted(qtbot)
    assert again.chapter.page.title.startswith("6.7.6")
    assert again.back_action.isEnabled() and again.forward_action.isEnabled()
    assert again.go_forward() and again.chapter.page.title.startswith("9.1")
    assert again.go_back() and again.go_back()
    assert again.chapter.page.title.startswith("1.1.1")


def test_a_history_cleared_forgets_the_closed_tabs_and_steps_another_window_saved(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)
    read_two_and_close_a_tab(first)
    first.close()  # its session: 6.7.6 with 1.1.1 behind, 9.1 closed
    second.open_entry("6.4.3")
    second.saved.clear_history_now()
    # gone from the file at once, as the history is: on a shared computer, not till closing
    saved = load_session()[0]
    # the tabs of a window closed before the clear are no longer in view: they go too
    assert not saved.tabs and not saved.closed
    second.close()
    again = restarted(qtbot)
    assert titles(again) == ["6.4.3"]
    assert not again.back_action.isEnabled()
    assert not again.reopen_closed_tab()  # neither 6.7.6, 1.1.1 behind it, nor 9.1 closed


def test_a_history_cleared_keeps_the_tabs_this_window_put_back(qtbot) -> None:
    first = shown_window(qtbot)
    for ref in ("1.1.1", "6.7.6"):
        first.open_entry(ref)
    first.close()
    second = restarted(qtbot)  # 6.7.6 in view again, 1.1.1 behind it
    second.saved.clear_history_now()
    saved = load_session()[0]
    # in plain view here, and saved over as this window closes: only the step behind goes
    assert [tab.ref for tab in saved.tabs] == ["staying-put-policy"]
    assert not saved.tabs[0].back


def test_a_history_cleared_in_another_window_is_forgotten_here_too(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)
    read_two_and_close_a_tab(first)
    second.saved.clear_history_now()
    first.close()
    second.close()
    again = restarted(qtbot)
    assert again.reopen_closed_tab() and again.chapter.page.title.startswith("6.7.6")
    assert not again.back_action.isEnabled()
    assert not again.reopen_closed_tab()


def test_a_tab_put_back_then_closed_does_not_return_after_a_clear(qtbot) -> None:
    win = shown_window(qtbot)
    win.open_entry("1.1.1")
    win.new_tab("entry", "9.1")
    win.close()
    again = restarted(qtbot)
    assert titles(again) == ["1.1.1", "9.1"] and again.tabs.currentIndex() == 1
    again.close_tab()
    again.saved.clear_history_now()
    again.close()
    third = restarted(qtbot)
    assert titles(third) == ["1.1.1"]
    assert not third.tabs.closed


def test_a_closed_tab_reopened_after_a_restart_keeps_its_back_and_forward(qtbot) -> None:
    win = shown_window(qtbot)
    win.open_entry("6.7.6")
    win.new_tab("entry", "1.1.1")
    win.open_entry("9.1")  # in the new tab, 1.1.1 behind it
    win.close_tab()
    win.close()
    again = restarted(qtbot)
    assert titles(again) == ["6.7.6"]
    assert again.reopen_closed_tab() and again.chapter.page.title.startswith("9.1")
    assert again.back_action.isEnabled() and again.go_back()
    assert again.chapter.page.title.startswith("1.1.1")


def test_a_tab_put_back_goes_back_to_the_pages_just_before_after_a_long_reading(qtbot) -> None:
    win = shown_window(qtbot)
    for _ in range(STEPS_KEPT):  # more pages than the session keeps of a tab
        for ref in ("6.7.6", "9.1"):
            win.open_entry(ref)
    win.open_entry("1.1.1")
    win.close()
    session = load_session()[0]
    # each kept with its number and title, said if a later edition no longer has it
    assert [step.title[:5] for step in session.tabs[0].back[-2:]] == ["6.7.6", "9.1 D"]
    again = shown_window(qtbot)
    again.restore(session)
    assert again.go_back() and again.chapter.page.title.startswith("9.1")
    assert again.go_back() and again.chapter.page.title.startswith("6.7.6")


def test_a_clear_that_cannot_change_the_saved_tabs_says_they_are_still_there(
        qtbot, monkeypatch) -> None:
    # on a shared computer the person must not be told the closed tabs are gone while the
    # next start would still reopen them
    import errno

    import reader.session as session_module

    win = shown_window(qtbot)
    win.open_entry("6.7.6")
    win.new_tab("entry", "9.1")
    win.close_tab()
    win.close()
    again = restarted(qtbot)

    def refused(*_args, **_kwargs) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(session_module, "write_json_atomic", refused)
    again.saved.clear_history_now()
    bar = again.statusBar()
    message = tooltip_as_seen(bar.toolTip()) or bar.currentMessage()  # whole, if cut short
    assert "Permission denied" in message and "still on this computer" in message
    assert load_session()[0].closed  # as the message says
    assert not again.tabs.closed  # gone from this window all the same
