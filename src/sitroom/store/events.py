"""Events in the SQLite store: which entries still need extracting, saving what extraction found,
and reading events back with their figures and actors.

Functions over an open Store, so that the Store class keeps to documents and entries.  Saving is
one transaction per batch: an entry's old events, figures, actors and mentions are replaced
together with its extraction record, so an interrupted run never leaves half an entry."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Iterator

from ..model import Event, Mention, plain_number
from .sqlite import Store, chunks, marks, now_iso


@dataclass
class PendingEntry:
    entry_id: int
    document_id: int
    text: str
    headline: str | None
    anchor: datetime | date | None
    skip: list[tuple[int, int]]
    duplicate: bool


def count_pending(store: Store, version: int, redo: bool = False) -> int:
    return store.db.execute(f"SELECT COUNT(*) FROM entries e {_pending_where(redo)}", (version,)).fetchone()[0]


def pending(store: Store, version: int, redo: bool = False, limit: int | None = None) -> Iterator[PendingEntry]:
    """Entries never extracted, or extracted by an older version of the rules (all with redo),
    in id order, with the spans of their paragraphs that repeat earlier text.  Texts are read a
    chunk at a time, so a caller may write between chunks and memory stays flat."""
    sql = f"SELECT e.id FROM entries e {_pending_where(redo)} ORDER BY e.id"
    args: list = [version]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    ids = [row[0] for row in store.db.execute(sql, args)]
    for chunk in chunks(ids, 500):
        rows = store.db.execute(
            "SELECT e.id, e.document_id, e.text, e.headline, e.posted_at, e.duplicate_of, d.published_at"
            f" FROM entries e JOIN documents d ON d.id = e.document_id WHERE e.id IN ({marks(chunk)}) ORDER BY e.id",
            chunk,
        ).fetchall()
        repeats = _repeated_paragraphs(store, chunk)
        for entry_id, document_id, text, headline, posted_at, duplicate_of, published_at in rows:
            yield PendingEntry(
                entry_id=entry_id,
                document_id=document_id,
                text=text,
                headline=headline,
                anchor=_parse_time(posted_at) or _parse_time(published_at),
                skip=repeats.get(entry_id, []),
                duplicate=duplicate_of is not None,
            )


def _pending_where(redo: bool) -> str:
    if redo:
        return "WHERE ? IS NOT NULL"
    return "WHERE NOT EXISTS (SELECT 1 FROM extractions x WHERE x.entry_id = e.id AND x.version >= ?)"


def _repeated_paragraphs(store: Store, entry_ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    """Offsets in entries.text of analysed paragraphs that repeat one stored earlier: their
    events were taken from the first copy."""
    spans: dict[int, list[tuple[int, int]]] = {}
    offsets: dict[int, int] = {}
    rows = store.db.execute(
        f"SELECT entry_id, text, duplicate_of FROM paragraphs WHERE entry_id IN ({marks(entry_ids)})"
        " AND role IN ('text', 'quote') ORDER BY entry_id, position",
        entry_ids,
    )
    for entry_id, text, duplicate_of in rows:
        start = offsets.get(entry_id, 0)
        if duplicate_of is not None:
            spans.setdefault(entry_id, []).append((start, start + len(text)))
        offsets[entry_id] = start + len(text) + 1
    return spans


def _parse_time(value: str | None) -> datetime | date | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def save(store: Store, results: Iterable, version: int) -> tuple[int, int]:
    """Replace the events and mentions of each entry in results (EntryResult-like objects with
    entry_id, document_id, events, mentions); returns (entries, events) saved."""
    results = list(results)
    if not results:
        return 0, 0
    ids = [r.entry_id for r in results]
    saved_events = 0
    with store.transaction():
        for chunk in chunks(ids):
            held = marks(chunk)
            store.db.execute(f"DELETE FROM figures WHERE event_id IN (SELECT id FROM events WHERE entry_id IN ({held}))", chunk)
            store.db.execute(
                f"DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE entry_id IN ({held}))", chunk
            )
            store.db.execute(f"DELETE FROM events WHERE entry_id IN ({held})", chunk)
            store.db.execute(f"DELETE FROM mentions WHERE entry_id IN ({held})", chunk)
        next_id = store.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0]
        event_rows, figure_rows, actor_rows, mention_rows, done = [], [], [], [], []
        stamp = now_iso()
        for result in results:
            for position, event in enumerate(result.events):
                event_rows.append(_event_row(next_id, result.entry_id, result.document_id, position, event))
                figure_rows += [
                    (next_id, f.measure, f.value, f.low, f.high, f.group, f.item, f.unit, f.previous, f.text)
                    for f in event.figures
                ]
                actor_rows += [
                    (next_id, a.actor.id, a.actor.name, a.actor.country, a.actor.sector, a.role, a.text)
                    for a in _unique_actors(event)
                ]
                next_id += 1
            mention_rows += [_mention_row(result.entry_id, m) for m in result.mentions]
            done.append((result.entry_id, version, stamp, len(result.events)))
            saved_events += len(result.events)
        store.db.executemany(f"INSERT INTO events VALUES ({marks(list(range(25)))})", event_rows)
        store.db.executemany(
            'INSERT INTO figures (event_id, measure, value, low, high, "group", item, unit, previous, text)'
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            figure_rows,
        )
        store.db.executemany("INSERT INTO event_actors VALUES (?,?,?,?,?,?,?)", actor_rows)
        store.db.executemany(
            "INSERT INTO mentions (entry_id, kind, start, end, text, value) VALUES (?,?,?,?,?,?)", mention_rows
        )
        store.db.executemany("INSERT OR REPLACE INTO extractions VALUES (?,?,?,?)", done)
    return len(results), saved_events


def _event_row(event_id: int, entry_id: int, document_id: int, position: int, e: Event) -> tuple:
    p, a, d = e.place, e.attribution, e.date
    place_text = next((m.text for m in e.places if p is not None and m.place == p), None)
    headline = e.start < 0
    return (
        event_id, entry_id, document_id, position, e.type, e.subtype,
        d.start.isoformat() if d else None, d.end.isoformat() if d else None, (d.text or None) if d else None,
        p.name if p else None, place_text, p.lat if p else None, p.lon if p else None,
        p.admin1 if p else None, p.country if p else None, p.precision.value if p else None, p.geonameid if p else None,
        e.weapon, a.organisation if a else None, a.person if a else None, (a.text or None) if a else None,
        e.certainty.value, e.evidence, None if headline else e.start, None if headline else e.end,
    )


def _unique_actors(event: Event):
    seen = set()
    for mention in event.actors:
        key = (mention.actor.id, mention.role)
        if key not in seen:
            seen.add(key)
            yield mention


def _mention_row(entry_id: int, m: Mention) -> tuple:
    return (entry_id, m.kind, m.start, m.end, m.text, json.dumps(m.value, ensure_ascii=False) if m.value else None)


# -- reading ----------------------------------------------------------------------------------

EVENT_FIELDS = [
    "id", "entry_id", "document_id", "date", "type", "subtype", "place", "actors", "figures", "weapon",
    "attribution", "certainty", "evidence",
]


@dataclass
class EventQuery:
    type: str | None = None  # a type or a subtype key
    place: str | None = None  # a place name, oblast or ISO country code, any case
    since: str | None = None  # ISO date, inclusive
    until: str | None = None
    document_id: int | None = None
    entry_id: int | None = None
    ids: list[int] | None = None  # just these events
    include_superseded: bool = False
    limit: int | None = None
    offset: int = 0


def where_clause(query: EventQuery) -> tuple[str, list]:
    """The WHERE clause (over events ev JOIN entries e) that a query's filters make; the API's
    JSON-building queries use it too, so both always select the same events."""
    where, args = [], []
    if query.type:
        where.append("(ev.type = ? OR ev.subtype = ?)")
        args += [query.type, query.type]
    if query.place:
        where.append("(ev.place_name = ? COLLATE NOCASE OR ev.admin1 LIKE ? OR ev.country = ? COLLATE NOCASE)")
        args += [query.place, f"{query.place}%", query.place]
    if query.since:
        where.append("COALESCE(ev.date_end, ev.date) >= ?")
        args.append(query.since)
    if query.until:
        where.append("ev.date <= ?")
        args.append(query.until)
    if query.document_id is not None:
        where.append("ev.document_id = ?")
        args.append(query.document_id)
    if query.entry_id is not None:
        where.append("ev.entry_id = ?")
        args.append(query.entry_id)
    if query.ids is not None:
        where.append("ev.id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(list(query.ids)))
    if not query.include_superseded:
        where.append("e.superseded_by IS NULL")
    return (" WHERE " + " AND ".join(where)) if where else "", args


def count_events(store: Store, query: EventQuery) -> int:
    """How many events `events` gives for the query without its limit and offset."""
    clause, args = where_clause(query)
    return store.db.execute(f"SELECT COUNT(*) FROM events ev JOIN entries e ON e.id = ev.entry_id{clause}", args).fetchone()[0]


def events(store: Store, query: EventQuery) -> list[dict]:
    """Events as plain records (the JSONL shape), by date then id."""
    where_sql, args = where_clause(query)
    sql = "SELECT ev.* FROM events ev JOIN entries e ON e.id = ev.entry_id" + where_sql
    sql += " ORDER BY ev.date IS NULL, ev.date, ev.id"
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [query.limit, query.offset]
    rows = store.db.execute(sql, args).fetchall()
    ids = [row["id"] for row in rows]
    figures = _by_event(store, "SELECT event_id, measure, value, low, high, \"group\", item, unit, previous, text FROM figures", ids)
    actors = _by_event(store, "SELECT event_id, actor, name, country, sector, role, text FROM event_actors", ids)
    return [_record(row, figures.get(row["id"], []), actors.get(row["id"], [])) for row in rows]


def _by_event(store: Store, select: str, ids: list[int]) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    for chunk in chunks(ids):
        for row in store.db.execute(f"{select} WHERE event_id IN ({marks(chunk)}) ORDER BY rowid", chunk):
            record = dict(row)
            found.setdefault(record.pop("event_id"), []).append(record)
    return found


def _record(row, figures: list[dict], actors: list[dict]) -> dict:
    place = None
    if row["lat"] is not None:
        place = {
            "name": row["place_name"], "lat": row["lat"], "lon": row["lon"], "admin1": row["admin1"],
            "country": row["country"], "precision": row["precision"],
        }
    return {
        "id": row["id"],
        "entry_id": row["entry_id"],
        "document_id": row["document_id"],
        "date": row["date"],
        "type": row["type"],
        "subtype": row["subtype"],
        "place": place,
        "actors": [
            {"id": a["actor"], "name": a["name"], "country": a["country"], "sector": a["sector"], "role": a["role"]}
            for a in actors
        ],
        "figures": [
            {
                "measure": f["measure"], "value": plain_number(f["value"]), "low": plain_number(f["low"]),
                "high": plain_number(f["high"]), "group": f["group"], "item": f["item"], "unit": f["unit"],
                "previous": plain_number(f["previous"]),
            }
            for f in figures
        ],
        "weapon": row["weapon"],
        "attribution": {"organisation": row["organisation"], "person": row["person"]},
        "certainty": row["certainty"],
        "evidence": row["evidence"],
    }


def mentions(store: Store, entry_id: int) -> list[dict]:
    rows = store.db.execute(
        "SELECT kind, start, end, text, value FROM mentions WHERE entry_id = ? ORDER BY start, end", (entry_id,)
    )
    return [
        {"kind": k, "start": s, "end": e, "text": t, "value": json.loads(v) if v else None} for k, s, e, t, v in rows
    ]


def event_stats(store: Store) -> dict[str, object]:
    one = lambda sql: store.db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "entries_extracted": one("SELECT COUNT(*) FROM extractions"),
        "events": one("SELECT COUNT(*) FROM events"),
        "events_with_place": one("SELECT COUNT(*) FROM events WHERE lat IS NOT NULL"),
        "figures": one("SELECT COUNT(*) FROM figures"),
        "events_by_type": dict(store.db.execute("SELECT type, COUNT(*) FROM events GROUP BY type").fetchall()),
    }
