"""Drive extraction over the store: read the entries still to do, run the Extractor, save.

The extract and resolve stages know nothing of SQLite and the store knows nothing of rules; this
module joins them, in batches, each saved in its own transaction so that an interrupted run keeps
every batch before it and `sitroom extract` picks up where it stopped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .extract.pipeline import VERSION, EntryInput, EntryResult, Extractor
from .store import events as event_store
from .store.sqlite import Store

BATCH = 64


@dataclass
class ExtractTotals:
    entries: int = 0
    events: int = 0
    skipped_duplicates: int = 0


def extract_pending(
    store: Store,
    extractor: Extractor | None = None,
    redo: bool = False,
    limit: int | None = None,
    advance: Callable[[int], None] | None = None,
) -> ExtractTotals:
    """Extract every entry not yet extracted by this VERSION of the rules (all of them with redo).

    An entry that repeats an earlier one is recorded as done with no events: its events are the
    first copy's."""
    extractor = extractor or Extractor()
    totals = ExtractTotals()
    batch: list[EntryResult] = []
    todo: list[EntryInput] = []

    def flush() -> None:
        results = batch + list(extractor.run(todo, batch_size=BATCH))
        entries, found = event_store.save(store, results, VERSION)
        totals.entries += entries
        totals.events += found
        if advance:
            advance(entries)
        batch.clear()
        todo.clear()

    for pending in event_store.pending(store, VERSION, redo=redo, limit=limit):
        if pending.duplicate:
            batch.append(EntryResult(pending.entry_id, pending.document_id, [], []))
            totals.skipped_duplicates += 1
        else:
            todo.append(
                EntryInput(
                    entry_id=pending.entry_id,
                    document_id=pending.document_id,
                    text=pending.text,
                    headline=pending.headline,
                    anchor=pending.anchor,
                    skip=pending.skip,
                )
            )
        if len(batch) + len(todo) >= BATCH:
            flush()
    if batch or todo:
        flush()
    return totals
