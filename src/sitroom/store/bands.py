"""An in-memory LSH index over the band keys of the most recent items of one kind.

Band keys are random, so a B-tree of them in SQLite rewrites a page per key on every commit; at
16 keys a paragraph that costs more than everything else in ingest.  The keys are kept instead as a
blob on each stored row, and looked up here, bounded to `capacity` items so that memory stays flat
as the store grows.  Repeats in war coverage cluster in time (a live blog's digests, wire copy
picked up the same day), so the window covers them; older exact copies are still found through the
exact-hash index.

The keys live in a few sorted numpy runs, oldest first, each holding a contiguous range of items: a
document's items arrive as one small run, and neighbouring runs of similar size are merged (as a
binary counter carries), so a lookup is a handful of vectorised binary searches and an insert costs
no Python work per key.  Every `capacity // 8` items (at least 1,000) the oldest items beyond the
capacity leave the window."""

from __future__ import annotations

import struct
from itertools import chain
from typing import Iterable, Sequence

import numpy as np

_EMPTY = np.empty(0, np.int64)
_FILTER_SIZE = 1 << 23  # bytes: at 1.6 million keys, four in five absent keys are told absent at once


def pack(keys: Sequence[int] | np.ndarray | None) -> bytes | None:
    """Band keys as stored: native int64s, as numpy writes them."""
    if keys is None or not len(keys):
        return None
    if isinstance(keys, np.ndarray):
        return keys.astype(np.int64, copy=False).tobytes()
    return struct.pack(f"={len(keys)}q", *keys)


def unpack(blob: bytes | None) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.int64) if blob else np.empty(0, np.int64)


def _run(item_ids: np.ndarray, lengths: np.ndarray, flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One sorted run: every key of the items, with the item it belongs to (ascending per key)."""
    items = np.repeat(item_ids, lengths)
    order = np.argsort(flat, kind="stable")
    return flat[order], items[order]


def _merge(older: tuple[np.ndarray, np.ndarray], newer: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted runs as one; for a key both have, the older run's items come first."""
    keys = np.concatenate([older[0], newer[0]])
    order = np.argsort(keys, kind="stable")  # two sorted runs: timsort merges them in one pass
    return keys[order], np.concatenate([older[1], newer[1]])[order]


def _slots(keys: np.ndarray) -> np.ndarray:
    """Each key's byte in the window's filter."""
    return (keys ^ (keys >> 29)) & (_FILTER_SIZE - 1)


class BandWindow:
    def __init__(self, capacity: int):
        self.capacity = capacity
        self.every = max(1000, capacity // 8)  # items added between two evictions
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, their items), oldest first
        # A byte per slot, set where some key in the window falls: most keys asked for are in no
        # run, and one look here tells most of those apart without a binary search of the runs.
        self.filter = np.zeros(_FILTER_SIZE, np.uint8)
        self._ids: list[np.ndarray] = []  # ids of the items in the window, in the order added
        self._count = 0
        self._since = 0  # items added since the last eviction

    def __len__(self) -> int:
        return self._count

    @property
    def ids(self) -> list[int]:
        return np.concatenate(self._ids).tolist() if self._ids else []

    def load(self, rows: Iterable[tuple[int, bytes | None]]) -> None:
        """Start from stored (item id, packed keys) rows."""
        pairs = [(item_id, unpack(blob)) for item_id, blob in rows if blob]
        pairs.sort(key=lambda pair: pair[0])
        pairs = pairs[-self.capacity :]
        ids = np.asarray([item_id for item_id, _ in pairs], dtype=np.int64)
        self._ids = [ids] if len(ids) else []
        self._count, self._since = len(ids), 0
        self.runs = []
        self.filter[:] = 0
        if pairs:
            lengths = np.asarray([len(keys) for _, keys in pairs], dtype=np.int64)
            self._add_run(ids, lengths, np.concatenate([keys for _, keys in pairs]))

    def add(self, item_id: int, keys: Iterable[int]) -> None:
        self.extend([(item_id, keys)])

    def extend(self, items: Iterable[tuple[int, Sequence[int] | np.ndarray]]) -> None:
        """Add items (id, band keys), ids ascending and newer than any in the window."""
        items = [(item_id, keys) for item_id, keys in items if len(keys)]
        if not items:
            return
        ids = np.asarray([item_id for item_id, _ in items], dtype=np.int64)
        lengths = np.asarray([len(keys) for _, keys in items], dtype=np.int64)
        if all(isinstance(keys, np.ndarray) for _, keys in items):  # as dedupe hands them over
            flat = np.concatenate([keys for _, keys in items]).astype(np.int64, copy=False)
        else:
            flat = np.fromiter(chain.from_iterable(keys for _, keys in items), dtype=np.int64, count=int(lengths.sum()))
        ends = np.cumsum(lengths)
        start = 0
        while start < len(items):
            # Evict at the same points as adding the items one at a time would.
            stop = start + min(len(items) - start, self.every + 1 - self._since)
            low = int(ends[start - 1]) if start else 0
            self._ids.append(ids[start:stop])
            self._count += stop - start
            self._since += stop - start
            self._add_run(ids[start:stop], lengths[start:stop], flat[low : int(ends[stop - 1])])
            start = stop
            if self._since > self.every:
                self._evict()

    def _add_run(self, ids: np.ndarray, lengths: np.ndarray, flat: np.ndarray) -> None:
        """A run for new items, merged with the newest runs while the one before is no more than
        twice as large (so there are about log2(items) runs)."""
        self.runs.append(_run(ids, lengths, flat))
        self.filter[_slots(flat)] = 1
        while len(self.runs) > 1 and len(self.runs[-2][0]) <= 2 * len(self.runs[-1][0]):
            newer = self.runs.pop()
            self.runs[-1] = _merge(self.runs[-1], newer)

    def _evict(self) -> None:
        """Forget the oldest items beyond the capacity: runs are oldest first, so only the first
        few hold any of them, and the newer runs are kept as they are (merged by _add_run in
        time) rather than merged into one, which would rewrite the whole window each time."""
        ids = np.concatenate(self._ids) if self._ids else _EMPTY
        ids = ids[-self.capacity :] if len(ids) > self.capacity else ids
        cutoff = int(ids[0]) if len(ids) else 0
        self._ids, self._count, self._since = ([ids] if len(ids) else []), len(ids), 0
        runs = []
        for index, (run_keys, run_items) in enumerate(self.runs):
            keep = run_items >= cutoff
            if keep.all():
                runs.extend(self.runs[index:])
                break
            if keep.any():
                runs.append((run_keys[keep], run_items[keep]))
        self.runs = runs
        self.filter[:] = 0
        for run_keys, _ in runs:
            self.filter[_slots(run_keys)] = 1

    def hits(self, keys: Iterable[int] | np.ndarray) -> dict[int, list[int]]:
        """For each key, the items that have it, oldest first."""
        wanted = np.asarray(keys, np.int64) if isinstance(keys, np.ndarray) else np.fromiter(keys, dtype=np.int64)
        wanted = np.sort(wanted[self.filter[_slots(wanted)] != 0])
        found: dict[int, list[int]] = {}
        if not len(wanted):
            return found
        wanted = wanted[np.concatenate(([True], wanted[1:] != wanted[:-1]))]
        for run_keys, run_items in self.runs:
            # Most keys are in no run: one binary search each finds that; the few found get a second.
            left = np.searchsorted(run_keys, wanted, side="left")
            inside = np.minimum(left, len(run_keys) - 1)
            hit = np.flatnonzero(run_keys[inside] == wanted)
            if not len(hit):
                continue
            right = np.searchsorted(run_keys, wanted[hit], side="right")
            for key, lo, hi in zip(wanted[hit].tolist(), left[hit].tolist(), right.tolist()):
                items = run_items[lo:hi].tolist()
                if key in found:
                    found[key].extend(items)
                else:
                    found[key] = items
        return found
