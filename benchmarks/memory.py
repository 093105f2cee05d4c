"""Peak memory of the current process, for benchmarks that measure a child process."""

from __future__ import annotations

import sys
from pathlib import Path


def peak_rss_mib() -> float:
    """VmHWM on Linux: ru_maxrss would carry the parent's peak across fork and exec."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:  # not Linux
        import resource  # not on Windows, where this module is missing

        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return kib / 1024 / (1024 if sys.platform == "darwin" else 1)  # macOS counts bytes
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kib) / 1024
