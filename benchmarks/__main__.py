"""`python -m benchmarks`: runs every benchmarks/bench_*.py, prints a table, writes JSON."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path
from typing import Any

import benchmarks

OUT = Path(__file__).resolve().parent / "out" / "results.json"


def print_table(name: str, figures: dict[str, Any]) -> None:
    print(f"\n{name}")
    width = max(len(key) for key in figures)
    for key, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {key:<{width}}  {shown}")


def main(selected: list[str]) -> int:
    results: dict[str, dict[str, Any]] = {}
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)
                   if m.name.startswith("bench_"))
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        results[name] = module.run()
        print_table(name, results[name])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
