"""Reads the API needs beyond what the store offers: totals for pagination, one document or entry
with what hangs off it, full-text search that takes any typed text and gives HTML snippets, and
events built as JSON text by SQLite.

Plain functions over an open Store returning plain dicts; the routes turn them into responses."""

from __future__ import annotations

import html
import json
import os
import re
import sqlite3

from ..store import events as event_store
from ..store import incident_queries
from ..store.sqlite import Store

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use characters: never in text, survive escaping
MAX_TERMS = 32
_OPERATORS = ("AND", "OR", "NOT")
_TOKEN_RE = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORDY_RE = re.compile(r"[^\W_]")  # a letter or digit: what FTS5's unicode61 tokenizer keeps
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")  # a NUL would end the query string inside FTS5


def fts_query(text: str) -> str | None:
    """An FTS5 query that is always valid syntax, or None when the text has no searchable word.

    Words are matched as typed (each quoted, so `:`, `(`, `-` or a stray `"` mean nothing);
    "balanced phrases" stay phrases, `word*` is a prefix search, and upper-case AND / OR / NOT
    between two terms stay operators.  An operator with nothing on one side is dropped, and
    control characters count as spaces."""
    parts: list[str] = []
    operator: str | None = None
    terms = 0
    for phrase, word in _TOKEN_RE.findall(_CONTROL_RE.sub(" ", text)):
        if word in _OPERATORS:
            operator = word
            continue
        body, prefix = (phrase, False) if phrase else (word.rstrip("*"), word.endswith("*"))
        if not _WORDY_RE.search(body):
            continue  # a phrase with no tokens matches nothing and would empty an AND
        if parts:
            parts.append(operator or "AND")
        parts.append('"' + body.replace('"', '""') + '"' + ("*" if prefix else ""))
        operator = None
        terms += 1
        if terms == MAX_TERMS:
            break
    return " ".join(parts) or None


def _marked(text: str | None) -> str | None:
    """HTML-escape text that FTS5 marked with the sentinels, then turn them into <mark>."""
    if text is None:
        return None
    return html.escape(text, quote=True).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


_HITS_FROM = "FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid JOIN documents d ON d.id = e.document_id"


def _hits_where(include_duplicates: bool) -> str:
    where = "entries_fts MATCH ? AND e.superseded_by IS NULL"
    return where if include_duplicates else where + " AND e.duplicate_of IS NULL"


def search(store: Store, text: str, limit: int, offset: int = 0, include_duplicates: bool = False) -> list[dict]:
    """Current entries matching the text, best first (bm25, headline weighted twice).

    The page is ranked first and only its rows are then marked up: highlight() and snippet() over
    every match (800 for a common word) took most of the time."""
    query = fts_query(text)
    if query is None:
        return []
    rows = store.db.execute(
        "SELECT e.id, e.document_id, d.title AS document_title, e.kind, e.posted_at, e.headline, e.duplicate_of,"
        f" bm25(entries_fts, 2.0, 1.0) AS rank {_HITS_FROM} WHERE {_hits_where(include_duplicates)}"
        " ORDER BY rank, e.id LIMIT ? OFFSET ?",
        (query, limit, offset),
    ).fetchall()
    if not rows:
        return []
    marked = {
        row[0]: (row[1], row[2])
        for row in store.db.execute(  # +rowid: filter the matches, rather than run the query once per id
            f"SELECT rowid, highlight(entries_fts, 0, '{MARK_OPEN}', '{MARK_CLOSE}'),"
            f" snippet(entries_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 24) FROM entries_fts"
            " WHERE entries_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))",
            (query, json.dumps([row["id"] for row in rows])),
        )
    }
    hits = []
    for row in rows:
        headline, snippet = marked.get(row["id"], (None, None))
        hits.append({
            "id": row["id"], "document_id": row["document_id"], "document_title": row["document_title"],
            "kind": row["kind"], "posted_at": row["posted_at"], "headline": row["headline"],
            "headline_html": _marked(headline), "snippet": _marked(snippet) or "",
            "score": round(-row["rank"], 4), "duplicate_of": row["duplicate_of"],
        })
    return hits


def count_hits(store: Store, text: str, include_duplicates: bool = False) -> int:
    """How many current entries match the text (all pages of `search`)."""
    query = fts_query(text)
    if query is None:
        return 0
    return store.db.execute(f"SELECT COUNT(*) {_HITS_FROM} WHERE {_hits_where(include_duplicates)}", (query,)).fetchone()[0]


# -- events as JSON text ------------------------------------------------------------------------
#
# A page of 500 events costs about 14 ms as Python dicts (event_store.events) and another 2 ms to
# encode; SQLite's json_object() builds the same records in about a third of the time, and the
# page is then joined as text.  The shape and the filters are those of `event_store.events`
# (`sitroom events --format jsonl`); tests/test_api.py compares the two over the whole corpus.
# They belong in store/events.py, beside the dict version, and can move there as they are.


def _number(column: str) -> str:
    """A REAL as JSON shows figures: 89, not 89.0 (model.plain_number)."""
    return (f"CASE WHEN {column} = CAST({column} AS INTEGER) AND abs({column}) < 9e15"
            f" THEN CAST({column} AS INTEGER) ELSE {column} END")


_EVENT_JSON = f"""json_object(
    'id', ev.id, 'entry_id', ev.entry_id, 'document_id', ev.document_id, 'date', ev.date,
    'type', ev.type, 'subtype', ev.subtype,
    'place', CASE WHEN ev.lat IS NULL THEN NULL ELSE json_object(
        'name', ev.place_name, 'lat', ev.lat, 'lon', ev.lon, 'admin1', ev.admin1, 'country', ev.country,
        'precision', ev.precision) END,
    'actors', (SELECT json_group_array(json_object(
        'id', a.actor, 'name', a.name, 'country', a.country, 'sector', a.sector, 'role', a.role))
        FROM (SELECT * FROM event_actors WHERE event_id = ev.id ORDER BY rowid) a),
    'figures', (SELECT json_group_array(json_object(
        'measure', f.measure, 'value', {_number('f.value')}, 'low', {_number('f.low')},
        'high', {_number('f.high')}, 'group', f."group", 'item', f.item, 'unit', f.unit,
        'previous', {_number('f.previous')}))
        FROM (SELECT * FROM figures WHERE event_id = ev.id ORDER BY rowid) f),
    'weapon', ev.weapon, 'attribution', json_object('organisation', ev.organisation, 'person', ev.person),
    'certainty', ev.certainty, 'evidence', ev.evidence)"""

_EVENT_FEATURE_JSON = f"""CASE WHEN ev.lat IS NULL THEN NULL ELSE json_object(
    'type', 'Feature', 'id', ev.id,
    'geometry', json_object('type', 'Point', 'coordinates', json_array(ev.lon, ev.lat)),
    'properties', {_EVENT_JSON}) END"""

_EVENTS_FROM = "FROM events ev JOIN entries e ON e.id = ev.entry_id"


def _json_page(store: Store, sql: str, args: list, limit: int | None, offset: int) -> list[str]:
    """The JSON texts a query selects, one page of them where a limit is given; rows that give
    NULL (a GeoJSON feature without a place) are left out."""
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args = [*args, limit, offset]
    return [row[0] for row in store.db.execute(sql, args) if row[0] is not None]


def events_json(store: Store, query: event_store.EventQuery, geojson: bool = False) -> list[str]:
    """The events `event_store.events` gives for the query, each as JSON text, in its order; with
    geojson each is a GeoJSON Feature instead, and those without a place are left out (after
    limit and offset, so pages of both forms cover the same events)."""
    where, args = event_store.where_clause(query)
    sql = (f"SELECT {_EVENT_FEATURE_JSON if geojson else _EVENT_JSON} {_EVENTS_FROM}{where}"
           " ORDER BY ev.date IS NULL, ev.date, ev.id")
    return _json_page(store, sql, args, query.limit, query.offset)


# -- incidents as JSON text ---------------------------------------------------------------------
#
# The same for `incident_queries.incidents` (the map asks for a page of 1,000: 23 ms as dicts).

_INCIDENT_JSON = f"""json_object(
    'id', i.id, 'type', i.type, 'subtype', i.subtype, 'title', i.title,
    'place', CASE WHEN i.place_name IS NULL THEN NULL ELSE json_object(
        'name', i.place_name, 'lat', i.lat, 'lon', i.lon, 'admin1', i.admin1, 'country', i.country,
        'precision', i.precision) END,
    'date_start', i.date_start, 'date_end', i.date_end, 'first_reported', i.first_reported,
    'document_ids', (SELECT json_group_array(document_id) FROM (SELECT DISTINCT ev.document_id
        FROM incident_events ie JOIN events ev ON ev.id = ie.event_id WHERE ie.incident_id = i.id
        ORDER BY ev.document_id)),
    'sources', i.sources,
    'event_ids', (SELECT json_group_array(event_id) FROM (SELECT ie.event_id
        FROM incident_events ie JOIN events ev ON ev.id = ie.event_id WHERE ie.incident_id = i.id
        ORDER BY ie.event_id)),
    'figures', (SELECT json_group_array(json_object(
        'measure', c.measure, 'group', c."group", 'value', {_number('c.value')}, 'low', {_number('c.low')},
        'high', {_number('c.high')}, 'source', c.source, 'reported_at', c.reported_at))
        FROM (SELECT * FROM claims WHERE incident_id = i.id AND current = 1 ORDER BY measure, reported_at, id) c),
    'killed', {_number('i.killed')}, 'injured', {_number('i.injured')})"""

_INCIDENT_FEATURE_JSON = f"""CASE WHEN i.place_name IS NULL THEN NULL ELSE json_object(
    'type', 'Feature', 'id', i.id,
    'geometry', json_object('type', 'Point', 'coordinates', json_array(i.lon, i.lat)),
    'properties', {_INCIDENT_JSON}) END"""


def incidents_json(store: Store, query: incident_queries.IncidentQuery, geojson: bool = False) -> list[str]:
    """The incidents `incident_queries.incidents` gives for the query, each as JSON text (or a
    GeoJSON Feature, those without a place left out after limit and offset), in its order."""
    where, args = incident_queries.where_clause(query)
    sql = (f"SELECT {_INCIDENT_FEATURE_JSON if geojson else _INCIDENT_JSON} FROM incidents i{where}"
           " ORDER BY i.date_start IS NULL, i.date_start, i.first_reported, i.id")
    return _json_page(store, sql, args, query.limit, query.offset)


def event_filter_key(query: event_store.EventQuery) -> tuple:
    """What the total of a query depends on: its filters, not its page."""
    return ("events", query.type, query.place, query.since, query.until, query.document_id, query.entry_id,
            None if query.ids is None else tuple(query.ids), query.include_superseded)


def _file(path: str | None) -> str | None:
    """The file name a document came from, never the server's folders."""
    return os.path.basename(path) if path else None


_DOCUMENT_SELECT = (
    "SELECT d.*, (SELECT COUNT(*) FROM entries e WHERE e.document_id = d.id AND e.superseded_by IS NULL) AS entries,"
    " (SELECT COUNT(*) FROM versions v WHERE v.document_id = d.id) AS versions FROM documents d"
)
DOCUMENT_FIELDS = ("id", "format", "title", "url", "source", "published_at", "updated_at", "entries", "versions")


def _document_record(row: sqlite3.Row) -> dict:
    record = {name: row[name] for name in DOCUMENT_FIELDS}
    record["file"] = _file(row["path"])
    return record


def documents(store: Store, limit: int, offset: int = 0) -> list[dict]:
    rows = store.db.execute(f"{_DOCUMENT_SELECT} ORDER BY d.id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    return [_document_record(row) for row in rows]


def count_documents(store: Store) -> int:
    return store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def document(store: Store, document_id: int) -> dict | None:
    """One document with its standfirst, when it was seen, its event count and every copy read."""
    row = store.db.execute(f"{_DOCUMENT_SELECT} WHERE d.id = ?", (document_id,)).fetchone()
    if row is None:
        return None
    record = _document_record(row)
    record.update(
        standfirst=row["standfirst"], language=row["language"], first_seen_at=row["first_seen_at"],
        last_seen_at=row["last_seen_at"],
        events=store.db.execute("SELECT COUNT(*) FROM events WHERE document_id = ?", (document_id,)).fetchone()[0],
        history=[
            {
                "id": v["id"], "ingested_at": v["ingested_at"], "file": _file(v["path"]),
                "entries_added": v["entries_added"], "entries_revised": v["entries_revised"],
                "entries_unchanged": v["entries_unchanged"], "entries_absent": v["entries_absent"],
            }
            for v in store.versions(document_id)
        ],
    )
    return record


ENTRY_FIELDS = (
    "id", "document_id", "seq", "kind", "posted_at", "updated_at", "headline", "text", "key_event", "duplicate_of",
    "revises", "superseded_by", "absent_since",
)


def _entry_record(row: sqlite3.Row) -> dict:
    record = {name: row[name] for name in ENTRY_FIELDS}
    record["key_event"] = bool(record["key_event"])
    return record


def entries(
    store: Store, document_id: int | None, kind: str | None, unique: bool, limit: int, offset: int = 0
) -> list[dict]:
    """Current entries in document order (as `sitroom entries`)."""
    rows = store.entries(document_id, kind, include_duplicates=not unique, limit=limit, offset=offset)
    return [_entry_record(row) for row in rows]


def count_entries(store: Store, document_id: int | None, kind: str | None, unique: bool) -> int:
    """How many entries `entries` gives over all pages."""
    where, args = ["superseded_by IS NULL"], []
    if document_id is not None:
        where.append("document_id = ?")
        args.append(document_id)
    if kind is not None:
        where.append("kind = ?")
        args.append(kind)
    if unique:
        where.append("duplicate_of IS NULL")
    return store.db.execute(f"SELECT COUNT(*) FROM entries WHERE {' AND '.join(where)}", args).fetchone()[0]


def entry(store: Store, entry_id: int) -> dict | None:
    """One entry (current or superseded) with its paragraphs, mentions and events."""
    row = store.db.execute(
        "SELECT e.*, d.title AS document_title FROM entries e JOIN documents d ON d.id = e.document_id WHERE e.id = ?",
        (entry_id,),
    ).fetchone()
    if row is None:
        return None
    record = _entry_record(row)
    record["document_title"] = row["document_title"]
    record["paragraphs"] = [
        {"position": p["position"], "role": p["role"], "bullet": bool(p["bullet"]), "text": p["text"],
         "duplicate_of": p["duplicate_of"]}
        for p in store.paragraphs(entry_id)
    ]
    record["mentions"] = event_store.mentions(store, entry_id)
    record["events"] = event_store.events(store, event_store.EventQuery(entry_id=entry_id, include_superseded=True))
    return record


def stats(store: Store) -> dict:
    """The counts of `sitroom stats`, without the server's database path."""
    figures = {**store.stats(), **event_store.event_stats(store)}
    figures.pop("database", None)
    return figures
