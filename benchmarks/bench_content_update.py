"""Installing a content update of a full-size manual: 162 chapters of about 3,000 words.

Times packing, then each step of `install_content` (check and unpack, validate, switch) and the
start-up check of the installed edition. The search index rebuild is not part of the install
and is reported by the search benchmark; the budget of 30 s covers install and rebuild together.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.synthetic import make_manual

BUDGET_S = 30.0  # install + search index rebuild, on the 2-core reference machine


def run() -> dict[str, Any]:
    from reader.content_archive import pack_content
    from reader.content_update import active_content_dir, install_content
    from reader.manual import BUNDLED_CONTENT

    with tempfile.TemporaryDirectory() as home:
        root = Path(home)
        content = make_manual(root / "content", scale=1)
        started = time.perf_counter()
        packed = pack_content(content, root / "update.zip")
        pack_s = time.perf_counter() - started

        marks: dict[str, float] = {}

        def progress(message: str, done: int, total: int) -> None:
            # the first time each step is announced; "Unpacking NAME" counts as one step
            step = "Unpacking" if message.startswith("Unpacking") else message
            marks.setdefault(step, time.perf_counter())

        data = root / "user-data"  # never the real user's folder
        started = time.perf_counter()
        result = install_content(packed.archive, progress, bundled=BUNDLED_CONTENT,
                                 data_root=data)
        install_s = time.perf_counter() - started
        started_check = time.perf_counter()
        active = active_content_dir(BUNDLED_CONTENT, data_root=data)
        check_ms = (time.perf_counter() - started_check) * 1000
        assert active == result.path

    def between(first: str, last: str) -> float:
        return marks[last] - marks[first] if first in marks and last in marks else float("nan")

    return {
        "chapters": sum(1 for item in packed.manifest.files if item.path.startswith("chapters/")),
        "content MiB": packed.manifest.total_size / (1024 * 1024),
        "archive MiB": packed.size / (1024 * 1024),
        "pack s": pack_s,
        "install s (without index rebuild)": install_s,
        "  check + unpack s": between("Unpacking", "Checking the new edition's content"),
        "  validate s": between("Checking the new edition's content",
                                "Switching to the new edition"),
        "  switch + clean up s": between("Switching to the new edition", "Installed"),
        "active_content_dir at start ms": check_ms,
        f"budget: install + index rebuild <= {BUDGET_S:.0f} s (index: see bench_search)": "",
    }


if __name__ == "__main__":
    from benchmarks.__main__ import print_table

    print_table("content update", run())
