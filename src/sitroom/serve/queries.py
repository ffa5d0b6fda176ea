"""Reads the API needs beyond what the store offers: totals for pagination, one document or entry
with what hangs off it, and full-text search that takes any typed text and gives HTML snippets.

Plain functions over an open Store returning plain dicts; the routes turn them into responses."""

from __future__ import annotations

import html
import os
import re
import sqlite3

from ..store import events as event_store
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


def search(store: Store, text: str, limit: int, offset: int = 0, include_duplicates: bool = False) -> tuple[list[dict], int]:
    """Current entries matching the text, best first (bm25, headline weighted twice), and the total."""
    query = fts_query(text)
    if query is None:
        return [], 0
    where = "entries_fts MATCH ? AND e.superseded_by IS NULL"
    if not include_duplicates:
        where += " AND e.duplicate_of IS NULL"
    joins = "FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid JOIN documents d ON d.id = e.document_id"
    rows = store.db.execute(
        "SELECT e.id, e.document_id, d.title AS document_title, e.kind, e.posted_at, e.headline, e.duplicate_of,"
        f" highlight(entries_fts, 0, '{MARK_OPEN}', '{MARK_CLOSE}') AS headline_marked,"
        f" snippet(entries_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 24) AS snippet_marked,"
        f" bm25(entries_fts, 2.0, 1.0) AS rank {joins} WHERE {where} ORDER BY rank, e.id LIMIT ? OFFSET ?",
        (query, limit, offset),
    ).fetchall()
    total = store.db.execute(f"SELECT COUNT(*) {joins} WHERE {where}", (query,)).fetchone()[0]
    items = [
        {
            "id": row["id"], "document_id": row["document_id"], "document_title": row["document_title"],
            "kind": row["kind"], "posted_at": row["posted_at"], "headline": row["headline"],
            "headline_html": _marked(row["headline_marked"]), "snippet": _marked(row["snippet_marked"]) or "",
            "score": round(-row["rank"], 4), "duplicate_of": row["duplicate_of"],
        }
        for row in rows
    ]
    return items, total


def count_events(store: Store, query: event_store.EventQuery) -> int:
    """How many events `event_store.events` would give for the query without limit and offset."""
    return event_store.count_events(store, query)


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


def documents(store: Store, limit: int, offset: int = 0) -> tuple[list[dict], int]:
    rows = store.db.execute(f"{_DOCUMENT_SELECT} ORDER BY d.id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    total = store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    return [_document_record(row) for row in rows], total


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
) -> tuple[list[dict], int]:
    """Current entries in document order (as `sitroom entries`), and how many match."""
    rows = store.entries(document_id, kind, include_duplicates=not unique, limit=limit, offset=offset)
    items = [_entry_record(row) for row in rows]
    where, args = ["superseded_by IS NULL"], []
    if document_id is not None:
        where.append("document_id = ?")
        args.append(document_id)
    if kind is not None:
        where.append("kind = ?")
        args.append(kind)
    if unique:
        where.append("duplicate_of IS NULL")
    total = store.db.execute(f"SELECT COUNT(*) FROM entries WHERE {' AND '.join(where)}", args).fetchone()[0]
    return items, total


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
