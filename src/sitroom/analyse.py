"""Drive extraction and linking over the store: read what is still to do, run the stage, save.

The extract and resolve stages know nothing of SQLite and the store knows nothing of rules; this
module joins them, in batches, each saved in its own transaction so that an interrupted run keeps
every batch before it and `sitroom extract` picks up where it stopped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from .extract.pipeline import VERSION, EntryInput, EntryResult, Extractor
from .extract.types import incident_family
from .link.match import LOOKBACK_DAYS, IncidentState, LinkEvent, PlaceRef, best, family_of, home_of
from .link.summary import summarise
from .link.terms import refers_back, terms
from .store import events as event_store
from .store import incidents as incident_store
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


@dataclass
class LinkTotals:
    events: int = 0
    incidents_created: int = 0
    incidents_updated: int = 0
    incidents_removed: int = 0


def link_pending(store: Store, redo: bool = False, advance: Callable[[int], None] | None = None) -> LinkTotals:
    """Link every event not yet in an incident (all of them, from scratch, with redo), then
    recompute the summary and claims of each incident that changed.  One transaction: an
    interrupted run leaves the incidents as they were."""
    totals = LinkTotals()
    with store.transaction():
        if redo:
            incident_store.clear(store)
        incident_store.unlink_superseded(store)
        states: dict[int, IncidentState] = {}
        links = []
        created: set[int] = set()
        for row in incident_store.unlinked(store):
            event = _link_event(row)
            lo, hi = _window(event)
            ids = incident_store.candidate_ids(store, event.family, lo, hi)
            _load_states(store, [i for i in ids if i not in states], states)
            found = best(event, [states[i] for i in ids])
            if found:
                state, score = found
            else:
                start = event.start.isoformat() if event.start else None
                end = (event.end or event.start).isoformat() if event.start else None
                new_id = incident_store.create(store, event.family, row.type, event.subtype, start, end)
                state, score = IncidentState(new_id, event.family, None, None), None
                states[new_id] = state
                created.add(new_id)
            before = (state.start, state.end)
            state.add(event)
            if (state.start, state.end) != before:
                incident_store.set_dates(store, state.id, _iso(state.start), _iso(state.end))
            links.append((event.id, state.id, event.reported, score))
            totals.events += 1
            if advance:
                advance(1)
        incident_store.attach(store, links)
        for stray_id in sorted({link[1] for link in links}):
            home = home_of(states[stray_id], list(states.values()))
            if home is not None:
                incident_store.move(store, stray_id, home.id)
                home.absorb(states.pop(stray_id))
                incident_store.set_dates(store, home.id, _iso(home.start), _iso(home.end))
        for incident_id in incident_store.dirty_ids(store):
            members = incident_store.members(store, incident_id)
            if members:
                summary, claims = summarise(members)
                incident_store.write(store, incident_id, summary, claims)
                totals.incidents_updated += incident_id not in created
        removed = incident_store.delete_empty(store)
        # An incident made and merged away within this run was never there: neither new nor removed.
        kept = incident_store.existing(store, sorted(created))
        totals.incidents_created = len(kept)
        totals.incidents_removed = removed - (len(created) - len(kept))
    return totals


def _link_event(row: incident_store.LinkRow) -> LinkEvent:
    start = _date(row.date)
    end = _date(row.date_end)
    place = None
    if row.place_name and row.lat is not None:
        place = PlaceRef(row.place_name, row.lat, row.lon, row.admin1, row.country, row.precision or "point", row.geonameid)
    return LinkEvent(
        id=row.id,
        entry_id=row.entry_id,
        document_id=row.document_id,
        family=family_of(incident_family(row.subtype), row.subtype, start, end, row.precision),
        subtype=row.subtype,
        start=start,
        end=end,
        dated=bool(row.date_text),
        place=place,
        reported=row.reported,
        terms=terms(row.evidence),
        back=refers_back(row.evidence),
        weapon=row.weapon,
        speaker=row.person or row.organisation,
        figures=frozenset(row.figures),
    )


def _window(event: LinkEvent) -> tuple[str | None, str | None]:
    """The dates an incident must reach for the event to be able to join it: generous, for an
    incident known only by the days it was reported may lie days after the date a report states;
    `sitroom.link.match.fit` decides."""
    if event.start is None:
        return None, None
    reach = timedelta(days=LOOKBACK_DAYS)
    return (event.start - reach).isoformat(), ((event.end or event.start) + reach).isoformat()


def _load_states(store: Store, ids: list[int], states: dict[int, IncidentState]) -> None:
    for row in incident_store.incident_rows(store, ids):
        state = IncidentState(
            row.id, row.family, _date(row.date_start), _date(row.date_end), dated=row.dated,
            places=[PlaceRef(p[0], p[1], p[2], p[3], p[4], p[5] or "point", p[6]) for p in row.places],
            terms=Counter(dict.fromkeys(row.terms.split(), 1)),
            entries=set(row.entries),
            weapons=set(row.weapons),
            speakers=set(row.speakers),
            last_reported=row.last_reported,
            figures=set(row.figures),
        )
        states[row.id] = state


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
