"""`python -m benchmarks [names]`: runs each benchmarks/bench_*.py in its own process, prints
a table, writes JSON."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import benchmarks
from benchmarks.budgets import BUDGETS, summary

OUT = Path(__file__).resolve().parent / "out" / "results.json"
ONE = "--one"  # internal: run one benchmark and write its figures to a file


def print_table(name: str, figures: dict[str, Any]) -> None:
    print(f"\n{name}")
    measured = {key: value for key, value in figures.items() if key != BUDGETS}
    width = max(len(key) for key in measured)
    for key, value in measured.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {key:<{width}}  {shown}")
    if lines := summary({name: figures}):
        print("  budgets, from the issues:", *(f"  {line}" for line in lines), sep="\n")


def main(selected: list[str]) -> int:
    results: dict[str, dict[str, Any]] = {}
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)
                   if m.name.startswith("bench_"))
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        results[name] = _run_alone(name)
        print_table(name, results[name])
    if lines := summary(results):
        print("\nall budgets, from the issues", *lines, sep="\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten {OUT}")
    return 0


def _run_alone(name: str) -> dict[str, Any]:
    """One benchmark in a process of its own: the heap and the threads another one left
    behind (the 10x search corpus, say) must not slow the next one down."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "figures.json"
        subprocess.run([sys.executable, "-m", "benchmarks", ONE, name, str(out)], check=True)
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return figures


def _run_here(name: str, out: Path) -> int:
    figures = importlib.import_module(f"benchmarks.{name}").run()
    out.write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == [ONE]:
        sys.exit(_run_here(sys.argv[2], Path(sys.argv[3])))
    sys.exit(main(sys.argv[1:]))
