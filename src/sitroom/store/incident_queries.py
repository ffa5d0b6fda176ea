"""Reading incidents back: lists with filters, one incident with its events, its claims, the
timeline, and what the daily brief needs of a day.  Records are plain dicts in the JSONL shape."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..model import Claim, plain_number
from .events import EventQuery, events
from .incidents import OUTLET, REPORTED
from .sqlite import Store, chunks, marks

INCIDENT_FIELDS = [
    "id", "type", "subtype", "title", "place", "date_start", "date_end", "first_reported", "document_ids",
    "sources", "event_ids", "figures", "killed", "injured",
]


@dataclass
class IncidentQuery:
    type: str | None = None  # a type, subtype or family
    place: str | None = None  # a place name, oblast or ISO country code, any case
    since: str | None = None  # ISO date: incidents that end on or after it
    until: str | None = None  # ISO date: incidents that start on or before it
    ids: list[int] | None = None
    limit: int | None = None
    offset: int = 0


def where_clause(query: IncidentQuery) -> tuple[str, list]:
    """The WHERE clause (over incidents i) that a query's filters make; shared with the API's
    JSON-building queries."""
    where, args = [], []
    if query.type:
        where.append("(i.type = ? OR i.subtype = ? OR i.family = ?)")
        args += [query.type] * 3
    if query.place:
        where.append("(i.place_name LIKE ? OR i.admin1 LIKE ? OR i.country = ? COLLATE NOCASE)")
        args += [f"{query.place}%", f"{query.place}%", query.place]
    if query.since:
        where.append("COALESCE(i.date_end, i.date_start) >= ?")
        args.append(query.since)
    if query.until:
        where.append("i.date_start <= ?")
        args.append(query.until)
    if query.ids is not None:
        where.append("i.id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(list(query.ids)))
    return (" WHERE " + " AND ".join(where)) if where else "", args


def count_incidents(store: Store, query: IncidentQuery) -> int:
    clause, args = where_clause(query)
    return store.db.execute(f"SELECT COUNT(*) FROM incidents i{clause}", args).fetchone()[0]


def incidents(store: Store, query: IncidentQuery) -> list[dict]:
    """Incidents by date, then first report, then id."""
    clause, args = where_clause(query)
    sql = f"SELECT i.* FROM incidents i{clause} ORDER BY i.date_start IS NULL, i.date_start, i.first_reported, i.id"
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [query.limit, query.offset]
    rows = store.db.execute(sql, args).fetchall()
    ids = [row["id"] for row in rows]
    members: dict[int, list[tuple[int, int]]] = {}
    current: dict[int, list[dict]] = {}
    for chunk in chunks(ids):
        held = marks(chunk)
        for incident_id, event_id, document_id in store.db.execute(
            f"SELECT ie.incident_id, ie.event_id, ev.document_id FROM incident_events ie JOIN events ev"
            f" ON ev.id = ie.event_id WHERE ie.incident_id IN ({held}) ORDER BY ie.event_id",
            chunk,
        ):
            members.setdefault(incident_id, []).append((event_id, document_id))
        for row in store.db.execute(
            f'SELECT incident_id, measure, "group", value, low, high, source, reported_at FROM claims'
            f" WHERE incident_id IN ({held}) AND current = 1 ORDER BY measure, reported_at, id",
            chunk,
        ):
            record = dict(row)
            current.setdefault(record.pop("incident_id"), []).append(_numbers(record))
    return [_record(row, members.get(row["id"], []), current.get(row["id"], [])) for row in rows]


def _record(row, members: list[tuple[int, int]], figures: list[dict]) -> dict:
    place = None
    if row["place_name"] is not None:
        place = {
            "name": row["place_name"], "lat": row["lat"], "lon": row["lon"], "admin1": row["admin1"],
            "country": row["country"], "precision": row["precision"],
        }
    return {
        "id": row["id"],
        "type": row["type"],
        "subtype": row["subtype"],
        "title": row["title"],
        "place": place,
        "date_start": row["date_start"],
        "date_end": row["date_end"],
        "first_reported": row["first_reported"],
        "document_ids": sorted({d for _, d in members}),
        "sources": row["sources"],
        "event_ids": [e for e, _ in members],
        "figures": figures,
        "killed": plain_number(row["killed"]),
        "injured": plain_number(row["injured"]),
    }


@dataclass
class Parties:
    """Who the reports of an incident name as acting and as hit, and who reported it: what a
    coded-event table (ACLED, UCDP) needs beyond the incident's own row."""

    actors: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (name, country, sector), most named first
    targets: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)  # in order of first report
    urls: list[str] = field(default_factory=list)
    evidence: str = ""  # the first report's sentence


def parties(store: Store, ids: list[int]) -> dict[int, Parties]:
    """Parties of each incident."""
    found = {incident_id: Parties() for incident_id in ids}
    for chunk in chunks(ids):
        held = marks(chunk)
        for incident_id, name, country, sector, role, _n in store.db.execute(
            "SELECT ie.incident_id, a.name, a.country, a.sector, a.role, COUNT(*) AS n FROM incident_events ie"
            f" JOIN event_actors a ON a.event_id = ie.event_id WHERE ie.incident_id IN ({held})"
            " AND a.role IN ('actor', 'target') GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, n DESC, MIN(ie.event_id)",
            chunk,
        ):
            side = found[incident_id].actors if role == "actor" else found[incident_id].targets
            side.append((name, country, sector))
        for incident_id, outlet, url, evidence in store.db.execute(
            f"SELECT ie.incident_id, {OUTLET}, d.url, ev.evidence FROM incident_events ie"
            " JOIN events ev ON ev.id = ie.event_id JOIN documents d ON d.id = ev.document_id"
            f" WHERE ie.incident_id IN ({held}) ORDER BY ie.incident_id, ie.reported_at, ie.event_id",
            chunk,
        ):
            item = found[incident_id]
            item.evidence = item.evidence or evidence
            if outlet and outlet not in item.outlets:
                item.outlets.append(outlet)
            if url and url not in item.urls:
                item.urls.append(url)
    return found


def merged_into(store: Store, incident_id: int) -> int | None:
    """The incident that holds the events of one merged into it (None for an incident that still
    stands, or an id that never was one)."""
    row = store.db.execute(
        "SELECT m.merged_into FROM incident_merges m JOIN incidents i ON i.id = m.merged_into"
        " WHERE m.incident_id = ? AND NOT EXISTS (SELECT 1 FROM incidents WHERE id = ?)",
        (incident_id, incident_id),
    ).fetchone()
    return row[0] if row else None


def incident(store: Store, incident_id: int) -> dict | None:
    """One incident with its event records, oldest report first."""
    found = incidents(store, IncidentQuery(ids=[incident_id]))
    if not found:
        return None
    record = found[0]
    by_id = {e["id"]: e for e in events(store, EventQuery(ids=record["event_ids"], include_superseded=True))}
    order = [
        r[0]
        for r in store.db.execute(
            "SELECT event_id FROM incident_events WHERE incident_id = ? ORDER BY reported_at, event_id", (incident_id,)
        )
    ]
    record["events"] = [by_id[i] for i in order if i in by_id]
    return record


def claims(store: Store, incident_id: int) -> list[tuple[Claim, int, bool]]:
    """An incident's claims with their order in their series and whether each is current."""
    rows = store.db.execute(
        'SELECT measure, "group", value, low, high, scope, source, side, reported_at, entry_id, event_id, text,'
        " previous, seq, current FROM claims WHERE incident_id = ? ORDER BY measure, scope, source, seq",
        (incident_id,),
    )
    return [(Claim(*row[:13]), row[13], bool(row[14])) for row in rows]


@dataclass
class DayEvent:
    """An event reported on the day a brief is written for, with what ranking it needs."""

    incident_id: int
    event_id: int
    entry_id: int
    document_id: int
    kind: str
    seq: int
    reported_at: str | None
    outlet: str
    start: int | None  # offsets of the evidence in the entry text (None: the headline)
    end: int | None
    evidence: str
    certainty: str
    organisation: str | None
    person: str | None
    figures: int
    key_event: bool  # the newsroom marked the entry a key event
    date_end: str | None  # of the incident
    subtype: str  # of the event


def day_events(store: Store, day: str | None) -> list[DayEvent]:
    """Every linked event reported on a day (all of them for None)."""
    sql = (
        f"SELECT ie.incident_id, ev.id, ev.entry_id, ev.document_id, e.kind, e.seq, {REPORTED}, {OUTLET},"
        " ev.start, ev.end, ev.evidence, ev.certainty, ev.organisation, ev.person,"
        " (SELECT COUNT(*) FROM figures f WHERE f.event_id = ev.id), e.key_event,"
        " (SELECT COALESCE(i.date_end, i.date_start) FROM incidents i WHERE i.id = ie.incident_id), ev.subtype"
        " FROM incident_events ie JOIN events ev ON ev.id = ie.event_id JOIN entries e ON e.id = ev.entry_id"
        " JOIN documents d ON d.id = ev.document_id WHERE e.superseded_by IS NULL"
    )
    args: list = []
    if day:
        sql += f" AND substr({REPORTED}, 1, 10) = ?"
        args.append(day)
    sql += " ORDER BY ev.document_id, e.seq, ev.position"
    return [DayEvent(*row) for row in store.db.execute(sql, args)]


@dataclass
class DayEntry:
    """An entry reported on the day a brief is written for: every report, with events or not."""

    entry_id: int
    document_id: int
    kind: str
    text: str
    headline: str | None
    outlet: str
    key_event: bool
    duplicate: bool  # repeats an earlier entry


def day_entries(store: Store, day: str | None) -> list[DayEntry]:
    """Every current entry reported on a day (all of them for None), in reading order."""
    sql = (
        f"SELECT e.id, e.document_id, e.kind, e.text, e.headline, {OUTLET}, e.key_event, e.duplicate_of IS NOT NULL"
        " FROM entries e JOIN documents d ON d.id = e.document_id WHERE e.superseded_by IS NULL"
    )
    args: list = []
    if day:
        sql += f" AND substr({REPORTED}, 1, 10) = ?"
        args.append(day)
    sql += " ORDER BY e.document_id, e.seq"
    return [DayEntry(*row[:6], bool(row[6]), bool(row[7])) for row in store.db.execute(sql, args)]


def entry_texts(store: Store, entry_ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """Entry id -> (text, headline)."""
    found = {}
    for chunk in chunks(entry_ids):
        for entry_id, text, headline in store.db.execute(
            f"SELECT id, text, headline FROM entries WHERE id IN ({marks(chunk)})", chunk
        ):
            found[entry_id] = (text, headline)
    return found


def document_titles(store: Store, ids: list[int]) -> dict[int, str]:
    """Document id -> its title and standfirst: what the newsroom itself called the day's news."""
    found = {}
    for chunk in chunks(ids):
        for document_id, title, standfirst in store.db.execute(
            f"SELECT id, title, standfirst FROM documents WHERE id IN ({marks(chunk)})", chunk
        ):
            found[document_id] = " ".join(part for part in (title, standfirst) if part)
    return found


def _numbers(record: dict) -> dict:
    for key in ("value", "low", "high"):
        record[key] = plain_number(record[key])
    return record
