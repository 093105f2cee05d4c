"""`make bench` ends by saying which of the issues' budgets the figures meet."""

from __future__ import annotations

from benchmarks.budgets import BUDGETS, checked, summary


def test_a_figure_over_its_budget_is_said_first_and_counted() -> None:
    startup = {"reader start median s": 0.178, "reader / bare ratio": 2.19}
    startup[BUDGETS] = checked(startup, {"reader start median s": 1.0, "reader / bare ratio": 1.5})
    tabs = {"switch tab median ms": 6.7}
    tabs[BUDGETS] = checked(tabs, {"switch tab median ms": 50.0})
    lines = summary({"bench_startup": startup, "bench_tabs": tabs})
    assert lines[0].split() == ["bench_startup:", "reader", "/", "bare", "ratio", "2.190",
                                "<=", "1.5", "OVER"]
    assert lines[1].split()[-1] == lines[2].split()[-1] == "met"
    assert lines[-1].strip() == "2 of 3 budgets met"


def test_a_figure_at_its_budget_meets_it() -> None:
    figures = {"open median ms": 50.0}
    assert checked(figures, {"open median ms": 50.0})[0]["met"] is True
    assert summary({"bench_tables": {}}) == []  # a benchmark skipped says nothing of budgets
