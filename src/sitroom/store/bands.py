"""An in-memory LSH index over the band keys of the most recent items of one kind.

Band keys are random, so a B-tree of them in SQLite rewrites a page per key on every commit; at
16 keys a paragraph that costs more than everything else in ingest.  The keys are kept instead as a
blob on each stored row, and looked up here: sorted numpy arrays for the bulk plus a small dict for
what was added since, bounded to `capacity` items so that memory stays flat as the store grows.
Repeats in war coverage cluster in time (a live blog's digests, wire copy picked up the same day),
so the window covers them; older exact copies are still found through the exact-hash index."""

from __future__ import annotations

from collections import deque
from typing import Iterable

import numpy as np


def pack(keys: Iterable[int] | None) -> bytes | None:
    keys = list(keys or ())
    return np.asarray(keys, dtype=np.int64).tobytes() if keys else None


def unpack(blob: bytes | None) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.int64) if blob else np.empty(0, np.int64)


class BandWindow:
    def __init__(self, capacity: int):
        self.capacity = capacity
        self.keys = np.empty(0, np.int64)  # sorted
        self.items = np.empty(0, np.int64)  # item id of each key
        self.fresh: dict[int, list[int]] = {}
        self.fresh_items: list[tuple[int, np.ndarray]] = []
        self.ids: deque[int] = deque()

    def __len__(self) -> int:
        return len(self.ids)

    def load(self, rows: Iterable[tuple[int, bytes | None]]) -> None:
        """Start from stored (item id, packed keys) rows."""
        pairs = [(item_id, unpack(blob)) for item_id, blob in rows if blob]
        pairs.sort(key=lambda pair: pair[0])
        pairs = pairs[-self.capacity :]
        self.ids = deque(item_id for item_id, _ in pairs)
        self._rebuild([(item_id, keys) for item_id, keys in pairs])

    def _rebuild(self, pairs: list[tuple[int, np.ndarray]]) -> None:
        if pairs:
            keys = np.concatenate([keys for _, keys in pairs])
            items = np.concatenate([np.full(len(keys), item_id, np.int64) for item_id, keys in pairs])
            order = np.argsort(keys, kind="stable")
            self.keys, self.items = keys[order], items[order]
        else:
            self.keys, self.items = np.empty(0, np.int64), np.empty(0, np.int64)
        self.fresh, self.fresh_items = {}, []

    def add(self, item_id: int, keys: Iterable[int]) -> None:
        keys = np.asarray(list(keys), dtype=np.int64)
        if not len(keys):
            return
        self.ids.append(item_id)
        self.fresh_items.append((item_id, keys))
        for key in keys.tolist():
            self.fresh.setdefault(key, []).append(item_id)
        if len(self.fresh_items) > max(1000, self.capacity // 8):
            self._compact()

    def _compact(self) -> None:
        """Fold the fresh dict into the sorted arrays and forget items beyond the capacity."""
        while len(self.ids) > self.capacity:
            self.ids.popleft()
        cutoff = self.ids[0] if self.ids else 0
        keep = self.items >= cutoff
        old_keys, old_items = self.keys[keep], self.items[keep]
        new = [(item_id, keys) for item_id, keys in self.fresh_items if item_id >= cutoff]
        if new:
            new_keys = np.concatenate([keys for _, keys in new])
            new_items = np.concatenate([np.full(len(keys), item_id, np.int64) for item_id, keys in new])
            keys = np.concatenate([old_keys, new_keys])
            items = np.concatenate([old_items, new_items])
            order = np.argsort(keys, kind="stable")
            self.keys, self.items = keys[order], items[order]
        else:
            self.keys, self.items = old_keys, old_items
        self.fresh, self.fresh_items = {}, []

    def hits(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """For each key, the items that have it, oldest first."""
        wanted = np.asarray(sorted(set(keys)), dtype=np.int64)
        found: dict[int, list[int]] = {}
        if len(wanted) and len(self.keys):
            left = np.searchsorted(self.keys, wanted, side="left")
            right = np.searchsorted(self.keys, wanted, side="right")
            for key, lo, hi in zip(wanted.tolist(), left.tolist(), right.tolist()):
                if hi > lo:
                    found[key] = sorted(self.items[lo:hi].tolist())
        for key in wanted.tolist():
            if key in self.fresh:
                found.setdefault(key, []).extend(self.fresh[key])
        return found
