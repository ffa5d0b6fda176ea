"""Resident memory of this process, for `gazetteer info` and the benchmarks; and a stamp of the
package's code, by which benchmarks keep stores built by code that has not changed."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=None)
def code_stamp(leave_out: str) -> str:
    """A hash of sitroom's Python code outside its `leave_out` sub-package: it changes whenever code
    that a store built by the other stages depends on does (`leave_out="brief"`: a linked store)."""
    digest = hashlib.sha1()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] != leave_out:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


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
