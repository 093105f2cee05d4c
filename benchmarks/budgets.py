"""The issues' budgets beside the figures they bound, each marked met or over."""

from __future__ import annotations

from typing import Any

BUDGETS = "budgets"  # the key, in a benchmark's figures, of its budgets as checked


def checked(figures: dict[str, Any], limits: dict[str, float]) -> list[dict[str, Any]]:
    """Each bounded figure, by its key in `figures`, with the most it may be and whether it
    is within it; plain values, for the JSON a benchmark's process hands back."""
    return [{"figure": key, "value": figures[key], "limit": limit,
             "met": figures[key] <= limit} for key, limit in limits.items()]


def summary(results: dict[str, dict[str, Any]]) -> list[str]:
    """A line for each budget of the benchmarks given, those over it first, then a count;
    each named by its benchmark where there are several."""
    named = len(results) > 1
    rows = [(f"{name}: {budget['figure']}" if named else budget["figure"], budget)
            for name, figures in results.items() for budget in figures.get(BUDGETS, [])]
    if not rows:
        return []
    width = max(len(label) for label, _ in rows)
    lines = [f"  {label:<{width}}  {budget['value']:>9.3f}  <= {budget['limit']:<6g} "
             f"{'met' if budget['met'] else 'OVER'}"
             for label, budget in sorted(rows, key=lambda row: row[1]["met"])]
    over = sum(not budget["met"] for _, budget in rows)
    return [*lines, f"  {len(rows) - over} of {len(rows)} budgets met"]
