"""Incidents in the SQLite store: the events still to link, the incidents a new event may join,
writing links, summaries and claims, and reading incidents, claims and timelines back.

Functions over an open Store, like store/events.py.  The rules (which event joins which incident,
how an incident is named, which claim is current) live in sitroom.link; this module only moves rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..extract.types import TOLL_MEASURES
from ..model import Claim, IncidentMember
from .events import EventQuery, events
from .sqlite import Store, chunks, marks

REPORTED = "COALESCE(e.posted_at, d.published_at, substr(d.first_seen_at, 1, 10))"
OUTLET = "COALESCE(NULLIF(d.source, ''), NULLIF(d.title, ''), d.key)"


@dataclass
class LinkRow:
    """A stored event as linking reads it: its own fields plus when and where it was reported."""

    id: int
    entry_id: int
    document_id: int
    type: str
    subtype: str
    date: str | None
    date_end: str | None
    date_text: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    precision: str | None
    geonameid: int | None
    weapon: str | None
    organisation: str | None
    person: str | None
    evidence: str
    reported: str | None
    figures: tuple[tuple[str, float], ...] = ()  # (measure, value) stated or said to be revised from


# Counts that tie two reports of one day to one happening ("54 of 69 missiles"): the tolls and a
# strike wave's counts (link.match weighs the wave's only within a day).
TIE_MEASURES = TOLL_MEASURES + ("launched", "intercepted")


def _figures_of(store: Store, sql: str, ids: list[int]) -> dict[int, list[tuple[str, float]]]:
    """Owner id -> (measure, value) of its events' tying counts, previous values included."""
    found: dict[int, list[tuple[str, float]]] = {}
    for owner, measure, value, previous in _in(store, sql, "owner", ids):
        for number in (value, previous):
            if number is not None:
                found.setdefault(owner, []).append((measure, float(number)))
    return found


_EVENT_FIGURES = (
    "SELECT * FROM (SELECT event_id AS owner, measure, value, previous FROM figures"
    f" WHERE measure IN ({', '.join(repr(m) for m in TIE_MEASURES)}))"
)
_INCIDENT_FIGURES = (
    "SELECT * FROM (SELECT ie.incident_id AS owner, f.measure, f.value, f.previous FROM incident_events ie"
    f" JOIN figures f ON f.event_id = ie.event_id WHERE f.measure IN ({', '.join(repr(m) for m in TIE_MEASURES)}))"
)


_LINK_SELECT = f"""
    SELECT ev.id, ev.entry_id, ev.document_id, ev.type, ev.subtype, ev.date, ev.date_end, ev.date_text,
           ev.place_name, ev.lat, ev.lon, ev.admin1, ev.country, ev.precision, ev.geonameid, ev.weapon,
           ev.organisation, ev.person, ev.evidence, {REPORTED} AS reported
    FROM events ev JOIN entries e ON e.id = ev.entry_id JOIN documents d ON d.id = ev.document_id
"""


def unlinked(store: Store, redo: bool = False) -> list[LinkRow]:
    """Events in no incident yet (every current event with redo), in the order they were reported,
    so that an incident grows as its story did."""
    where = "e.superseded_by IS NULL"
    if not redo:
        where += " AND NOT EXISTS (SELECT 1 FROM incident_events ie WHERE ie.event_id = ev.id)"
    sql = f"{_LINK_SELECT} WHERE {where} ORDER BY reported, ev.document_id, e.seq, ev.position"
    rows = [LinkRow(*row) for row in store.db.execute(sql)]
    figures = _figures_of(store, _EVENT_FIGURES, [row.id for row in rows])
    for row in rows:
        row.figures = tuple(figures.get(row.id, ()))
    return rows


def clear(store: Store) -> None:
    """Forget every incident and claim (for relinking from scratch)."""
    store.db.execute("DELETE FROM claims")
    store.db.execute("DELETE FROM incident_events")
    store.db.execute("DELETE FROM incidents")
    store.db.execute("DELETE FROM incident_merges")


def unlink_superseded(store: Store) -> int:
    """Events of entries a newer copy of the live blog replaced leave their incidents (the new
    copy's events take their place)."""
    rows = store.db.execute(
        "SELECT ie.event_id, ie.incident_id FROM incident_events ie JOIN events ev ON ev.id = ie.event_id"
        " JOIN entries e ON e.id = ev.entry_id WHERE e.superseded_by IS NOT NULL"
    ).fetchall()
    for event_id, incident_id in rows:
        store.db.execute("DELETE FROM incident_events WHERE event_id = ?", (event_id,))
        store.db.execute("DELETE FROM claims WHERE event_id = ?", (event_id,))
        store.db.execute("UPDATE incidents SET dirty = 1 WHERE id = ?", (incident_id,))
    return len(rows)


def candidate_ids(store: Store, family: str, lo: str | None, hi: str | None) -> list[int]:
    """Incidents of a family whose dates come within [lo, hi] (all of the family's undated ones too)."""
    if lo is None or hi is None:
        sql = "SELECT id FROM incidents WHERE family = ? AND date_start IS NULL"
        return [r[0] for r in store.db.execute(sql, (family,))]
    sql = (
        "SELECT id FROM incidents WHERE family = ?"
        " AND ((date_end >= ? AND date_start <= ?) OR date_start IS NULL)"
    )
    return [r[0] for r in store.db.execute(sql, (family, lo, hi))]


@dataclass
class IncidentRow:
    """What linking needs of a stored incident: its family, dates, words, and its events' places,
    entries, weapons and sources."""

    id: int
    family: str
    date_start: str | None
    date_end: str | None
    terms: str
    places: list[tuple]
    entries: list[int]
    weapons: list[str]
    speakers: list[str]
    dated: bool  # some event of it had its date stated
    last_reported: str | None
    figures: tuple[tuple[str, float], ...] = ()


def incident_rows(store: Store, ids: list[int]) -> list[IncidentRow]:
    found = []
    figures = _figures_of(store, _INCIDENT_FIGURES, ids)
    for incident_id, family, start, end, terms, last_reported in _in(store, "SELECT id, family, date_start, date_end, terms, last_reported FROM incidents", "id", ids):
        members = store.db.execute(
            "SELECT ev.place_name, ev.lat, ev.lon, ev.admin1, ev.country, ev.precision, ev.geonameid,"
            " ev.entry_id, ev.weapon, COALESCE(ev.person, ev.organisation), ev.date_text"
            " FROM incident_events ie JOIN events ev ON ev.id = ie.event_id WHERE ie.incident_id = ?",
            (incident_id,),
        ).fetchall()
        places = list(dict.fromkeys(tuple(m[:7]) for m in members if m[0] is not None))
        found.append(
            IncidentRow(
                incident_id, family, start, end, terms, places,
                list(dict.fromkeys(m[7] for m in members)),
                list(dict.fromkeys(m[8] for m in members if m[8])),
                list(dict.fromkeys(m[9] for m in members if m[9])),
                any(m[10] for m in members),
                last_reported,
                tuple(figures.get(incident_id, ())),
            )
        )
    return found


def _in(store: Store, select: str, column: str, ids: list[int]):
    for chunk in chunks(ids):
        yield from store.db.execute(f"{select} WHERE {column} IN ({marks(chunk)})", chunk)


def create(store: Store, family: str, type_: str, subtype: str, start: str | None, end: str | None) -> int:
    cursor = store.db.execute(
        "INSERT INTO incidents (family, type, subtype, title, date_start, date_end, dirty) VALUES (?,?,?,?,?,?,1)",
        (family, type_, subtype, "", start, end),
    )
    # SQLite may hand out the id of a deleted incident again: it no longer names a merged one.
    store.db.execute("DELETE FROM incident_merges WHERE incident_id = ?", (cursor.lastrowid,))
    return cursor.lastrowid


def attach(store: Store, links: list[tuple[int, int, str | None, float | None]]) -> None:
    """Link events to incidents: (event_id, incident_id, reported_at, score); the incidents are
    marked for recomputing."""
    store.db.executemany(
        "INSERT OR REPLACE INTO incident_events (event_id, incident_id, reported_at, score) VALUES (?,?,?,?)", links
    )
    store.db.executemany("UPDATE incidents SET dirty = 1 WHERE id = ?", sorted({(link[1],) for link in links}))


def move(store: Store, from_id: int, to_id: int) -> None:
    """Every event of one incident joins another (found to be the same happening); the emptied
    incident goes at `delete_empty`, and its id (and any merged into it) leads to the other."""
    store.db.execute("UPDATE incident_events SET incident_id = ? WHERE incident_id = ?", (to_id, from_id))
    store.db.execute("UPDATE incidents SET dirty = 1 WHERE id = ?", (to_id,))
    store.db.execute("UPDATE incident_merges SET merged_into = ? WHERE merged_into = ?", (to_id, from_id))
    store.db.execute("INSERT OR REPLACE INTO incident_merges (incident_id, merged_into) VALUES (?, ?)", (from_id, to_id))


def set_dates(store: Store, incident_id: int, start: str | None, end: str | None) -> None:
    store.db.execute("UPDATE incidents SET date_start = ?, date_end = ? WHERE id = ?", (start, end, incident_id))


def dirty_ids(store: Store) -> list[int]:
    return [r[0] for r in store.db.execute("SELECT id FROM incidents WHERE dirty = 1 ORDER BY id")]


def members(store: Store, incident_id: int) -> list[IncidentMember]:
    ids = [r[0] for r in store.db.execute("SELECT event_id FROM incident_events WHERE incident_id = ?", (incident_id,))]
    if not ids:
        return []
    extra = {
        row[0]: row[1:]
        for row in store.db.execute(
            f"SELECT ev.id, {REPORTED}, {OUTLET}, ev.date_text, ev.date_end, ev.place_text, e.kind, e.seq FROM events ev"
            " JOIN entries e ON e.id = ev.entry_id JOIN documents d ON d.id = ev.document_id"
            " WHERE ev.id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
    }
    records = events(store, EventQuery(ids=ids, include_superseded=True))
    out = [IncidentMember(r, *extra[r["id"]][:6]) for r in records]
    out.sort(key=lambda m: (m.reported_at or "", m.event["document_id"], extra[m.event["id"]][6], m.event["id"]))
    return out


def write(store: Store, incident_id: int, summary: dict, claims: list[tuple[Claim, int, bool]]) -> None:
    """Store an incident's recomputed summary and its claims (claim, order in series, current)."""
    columns = list(summary)
    store.db.execute(
        f"UPDATE incidents SET {', '.join(f'{c} = ?' for c in columns)}, dirty = 0 WHERE id = ?",
        [summary[c] for c in columns] + [incident_id],
    )
    store.db.execute("DELETE FROM claims WHERE incident_id = ?", (incident_id,))
    store.db.executemany(
        'INSERT INTO claims (incident_id, event_id, entry_id, document_id, measure, "group", value, low, high, scope,'
        " source, side, reported_at, seq, current, previous, text)"
        " SELECT ?, ?, ?, document_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM events WHERE id = ?",
        [
            (incident_id, c.event_id, c.entry_id, c.measure, c.group, c.value, c.low, c.high, c.scope, c.source,
             c.side, c.reported_at, seq, int(current), c.previous, c.text, c.event_id)
            for c, seq, current in claims
        ],
    )


def existing(store: Store, ids: list[int]) -> set[int]:
    """Which of these incident ids still stand."""
    return {row[0] for row in _in(store, "SELECT id FROM incidents", "id", ids)} if ids else set()


def delete_empty(store: Store) -> int:
    """Incidents whose every event went (re-extraction, superseded entries) go too."""
    gone = store.db.execute(
        "DELETE FROM incidents WHERE NOT EXISTS (SELECT 1 FROM incident_events ie WHERE ie.incident_id = incidents.id)"
    ).rowcount
    store.db.execute("DELETE FROM claims WHERE incident_id NOT IN (SELECT id FROM incidents)")
    store.db.execute("DELETE FROM incident_merges WHERE merged_into NOT IN (SELECT id FROM incidents)")
    return gone


def counts(store: Store) -> dict[str, int]:
    one = lambda sql: store.db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "incidents": one("SELECT COUNT(*) FROM incidents"),
        "incidents_multi_source": one("SELECT COUNT(*) FROM incidents WHERE sources > 1"),
        "claims": one("SELECT COUNT(*) FROM claims"),
        "events_unlinked": one(
            "SELECT COUNT(*) FROM events ev JOIN entries e ON e.id = ev.entry_id WHERE e.superseded_by IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM incident_events ie WHERE ie.event_id = ev.id)"
        ),
    }
