"""Back and forward in a reading tab: places come back in order, with their scroll."""

from __future__ import annotations

from reader.navigation import BackForward, Place


def test_back_and_forward_retrace_the_places_read_with_their_scroll() -> None:
    tab = BackForward()
    start, first, second = Place("page", "start"), Place("entry", "a", 120), Place("entry", "b")
    assert not tab.can_go_back() and not tab.can_go_forward()
    tab.leave(start)
    tab.leave(first)
    assert tab.can_go_back() and not tab.can_go_forward()
    assert tab.back(second) == first  # scrolled where it was left
    assert tab.back(first) == start
    assert tab.back(start) is None  # nothing before the first place
    assert not tab.can_go_back() and tab.can_go_forward()
    assert tab.forward(start) == first
    assert tab.forward(first) == second
    assert tab.forward(second) is None
    assert tab.back(second) == first  # and back again, as a browser does


def test_going_somewhere_new_forgets_the_places_ahead() -> None:
    tab = BackForward()
    tab.leave(Place("entry", "a"))
    assert tab.back(Place("entry", "b")) == Place("entry", "a")
    tab.leave(Place("entry", "a"))  # a link followed from a
    assert not tab.can_go_forward()
    assert tab.forward(Place("entry", "c")) is None


def test_a_long_days_reading_keeps_the_last_places_only() -> None:
    tab = BackForward()
    for n in range(105):  # a hundred places back are kept: a day's reading
        tab.leave(Place("entry", str(n)))
    here = Place("entry", "now")
    found = []
    while (place := tab.back(here)) is not None:
        found.append(place.ref)
        here = place
    assert found == [str(n) for n in reversed(range(5, 105))]
