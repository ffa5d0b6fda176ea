"""Resident memory of this process, for `gazetteer info` and the benchmarks."""

from __future__ import annotations

from pathlib import Path


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc; the peak from getrusage elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
