"""Finding one event among extracted records, for tests that check what extraction said."""

from __future__ import annotations


def find_event(records: list[dict], subtype: str | None, words: str, measure: str | None = None) -> dict:
    """The first event whose evidence contains `words` (and of `subtype`, and with a figure of
    `measure`, when given)."""
    for record in records:
        if words not in record["evidence"] or (subtype is not None and record["subtype"] != subtype):
            continue
        if measure is None or any(f["measure"] == measure for f in record["figures"]):
            return record
    found = sorted({r["subtype"] for r in records if words in r["evidence"]})
    raise AssertionError(f"no {subtype or 'event'} with {words!r}; events with it: {found}")


def figure(record: dict, measure: str, value: float | None = None) -> dict:
    """The record's first figure of `measure` (with that value or lower bound, when given)."""
    for item in record["figures"]:
        if item["measure"] == measure and (value is None or value in (item["value"], item["low"])):
            return item
    raise AssertionError(f"no {measure} figure in {record['figures']} ({record['evidence'][:80]!r})")
