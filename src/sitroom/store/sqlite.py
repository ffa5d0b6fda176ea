"""The SQLite store: one file, WAL mode, one transaction per document, schema migrated on open.

It knows tables and SQL, not reading or deduplication rules; the ingest stage drives it."""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Iterable, Iterator

from ..errors import StoreError
from ..model import Document
from .bands import BandWindow, pack
from .schema import MIGRATIONS, SCHEMA_VERSION

SCOPE_TABLES = {"paragraph": "paragraphs", "entry": "entries"}
# How many recent items near-duplicate lookups cover (exact copies are found at any age).
WINDOW = {"paragraph": 100_000, "entry": 20_000}
BATCH_CACHE_KIB = 32 * 1024  # SQLite page cache during Store.batch


def default_path() -> str:
    return os.environ.get("SITROOM_DB") or "sitroom.db"


def iso(value: datetime | date | None) -> str | None:
    """ISO 8601 in UTC with a Z for instants; a date alone stays a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def now_iso() -> str:
    return iso(datetime.now(timezone.utc))  # type: ignore[return-value]


@dataclass
class _Batch:
    """Documents sharing one write transaction (Store.batch)."""

    documents: int  # commit after this many documents
    seconds: float  # or once the transaction has been open this long
    started: float = 0.0  # time.monotonic() at BEGIN; 0 while no transaction is open
    stored: int = 0  # documents released into the open transaction
    search_rows: list[tuple[int, str | None, str]] = field(default_factory=list)  # for entries_fts at commit


@dataclass(frozen=True)
class StoredEntry:
    id: int
    content_hash: str
    native_id: str | None
    text: str
    seq: int


class Store:
    def __init__(self, path: str):
        self.path = path
        self._windows: dict[str, BandWindow] = {}
        self._pending: list[tuple[str, int, tuple[int, ...]]] = []
        self._batch: _Batch | None = None
        if path != ":memory:":
            folder = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(folder):
                raise StoreError(f"{path}: folder {folder} does not exist")
            if os.path.isdir(path):
                raise StoreError(f"{path}: is a directory, not a database file")
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a sitroom database or damaged ({exc})") from None

    def close(self) -> None:
        if self._batch is not None and self._batch.started:
            self._commit_batch(self._batch)
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------

    def _migrate(self) -> None:
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this sitroom knows ({SCHEMA_VERSION}); upgrade sitroom"
            )
        for number in range(current, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a failure inside leaves the database (and the in-memory band windows)
        as they were before.  Inside Store.batch the transaction is a savepoint of the batch's."""
        if self._batch is not None:
            with self._batched_transaction(self._batch):
                yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._pending = []
        try:
            yield
        except BaseException:
            if self.db.in_transaction:  # SQLite may have rolled back already (disk full, I/O error)
                self.db.execute("ROLLBACK")
            self._pending = []
            raise
        self.db.execute("COMMIT")
        self._apply_pending()

    def _apply_pending(self) -> None:
        for scope, window in self._windows.items():
            window.extend((item_id, keys) for item_scope, item_id, keys in self._pending if item_scope == scope)
        self._pending = []

    @contextmanager
    def batch(self, documents: int = 200, seconds: float = 5.0) -> Iterator[None]:
        """Let the documents stored inside share write transactions, committed every `documents`
        documents or `seconds` seconds and at the end: a commit, and the full-text index's flush,
        cost as much as storing a small document, so a bulk ingest pays them once per batch.

        Each document stays all or nothing (a savepoint): one that fails is undone alone, and
        when an error leaves the block the documents stored before it are committed.  Only a
        crash can lose a batch, and then whole: the store is as it was after the last commit,
        and ingesting the same files again stores them.  New entries reach full-text search at
        commit.  One writer's bulk ingest holds the write lock for at most a batch at a time."""
        if self._batch is not None:  # nested: the outer batch decides
            yield
            return
        batch = self._batch = _Batch(documents, seconds)
        # The dedupe lookups and inserts touch index pages all over a large store: a bulk ingest
        # keeps more of them (BATCH_CACHE_KIB, bounded whatever the store's size) than SQLite's 2 MB.
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size = {-BATCH_CACHE_KIB}")
        # Each document's savepoint journals the pages it changes, for ROLLBACK TO; in a temporary
        # file that costs two system calls a page, in memory none (and it is emptied at RELEASE).
        temp_store = self.db.execute("PRAGMA temp_store").fetchone()[0]
        self.db.execute("PRAGMA temp_store = MEMORY")
        try:
            yield
        finally:
            self._batch = None
            try:
                if batch.started:
                    self._commit_batch(batch)
            finally:
                with suppress(sqlite3.ProgrammingError):  # closed inside the block
                    self.db.execute(f"PRAGMA cache_size = {int(cache)}")
                    self.db.execute(f"PRAGMA temp_store = {int(temp_store)}")

    @contextmanager
    def _batched_transaction(self, batch: _Batch) -> Iterator[None]:
        if not batch.started:
            self.db.execute("BEGIN IMMEDIATE")
            batch.started = time.monotonic()
        self.db.execute("SAVEPOINT document")
        self._pending = []
        search_rows = len(batch.search_rows)
        try:
            yield
        except BaseException:
            self._pending = []
            if self.db.in_transaction:
                self.db.execute("ROLLBACK TO document")
                self.db.execute("RELEASE document")
                del batch.search_rows[search_rows:]
            else:  # SQLite itself rolled the whole batch back (disk full, I/O error)
                self._forget_batch(batch)
            raise
        self.db.execute("RELEASE document")
        self._apply_pending()  # later documents of the batch see this one, as if committed
        batch.stored += 1
        if batch.stored >= batch.documents or time.monotonic() - batch.started >= batch.seconds:
            self._commit_batch(batch)

    def _commit_batch(self, batch: _Batch) -> None:
        """Index the batch's new entries for search and commit; if that fails, roll back and
        forget the band windows, which hold the rolled-back items (they reload from the store)."""
        try:
            self.db.executemany("INSERT INTO entries_fts (rowid, headline, text) VALUES (?,?,?)", batch.search_rows)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self._forget_batch(batch)
            raise
        batch.search_rows.clear()
        batch.started, batch.stored = 0.0, 0

    def _forget_batch(self, batch: _Batch) -> None:
        """After the batch's transaction was rolled back: forget its rows, and the band windows,
        which hold its items (they reload from the store when next asked)."""
        self._windows.clear()
        batch.search_rows.clear()
        batch.started, batch.stored = 0.0, 0

    # -- writing ------------------------------------------------------------------------------

    def has_content(self, content_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM versions WHERE content_hash = ? LIMIT 1", (content_hash,)).fetchone() is not None

    def document_id(self, key: str) -> int | None:
        row = self.db.execute("SELECT id FROM documents WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def save_document(self, doc: Document, document_id: int | None) -> int:
        """Insert a new document or refresh the metadata of a followed one from its newest copy."""
        values = (
            doc.format, doc.title, doc.url, doc.source, doc.standfirst, iso(doc.published_at),
            iso(doc.updated_at), doc.language, doc.path, now_iso(),
        )
        if document_id is None:
            cursor = self.db.execute(
                "INSERT INTO documents (format, title, url, source, standfirst, published_at, updated_at, language,"
                " path, last_seen_at, key, first_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                values + (doc.key, now_iso()),
            )
            return cursor.lastrowid  # type: ignore[return-value]
        self.db.execute(
            "UPDATE documents SET format=?, title=COALESCE(?, title), url=COALESCE(?, url), source=COALESCE(?, source),"
            " standfirst=COALESCE(?, standfirst), published_at=COALESCE(published_at, ?),"
            " updated_at=COALESCE(?, updated_at), language=COALESCE(?, language), path=?, last_seen_at=? WHERE id=?",
            values + (document_id,),
        )
        return document_id

    def add_version(self, document_id: int, content_hash: str, path: str | None) -> int:
        cursor = self.db.execute(
            "INSERT INTO versions (document_id, content_hash, path, ingested_at) VALUES (?,?,?,?)",
            (document_id, content_hash, path, now_iso()),
        )
        return cursor.lastrowid  # type: ignore[return-value]

    def set_version_counts(self, version_id: int, added: int, revised: int, unchanged: int, absent: int) -> None:
        self.db.execute(
            "UPDATE versions SET entries_added=?, entries_revised=?, entries_unchanged=?, entries_absent=? WHERE id=?",
            (added, revised, unchanged, absent, version_id),
        )

    def current_entries(self, document_id: int) -> list[StoredEntry]:
        """Entries of a document not superseded by a later edit, in order."""
        rows = self.db.execute(
            "SELECT id, content_hash, native_id, text, seq FROM entries"
            " WHERE document_id = ? AND superseded_by IS NULL ORDER BY seq",
            (document_id,),
        )
        return [StoredEntry(*row) for row in rows]

    def next_seq(self, document_id: int) -> int:
        row = self.db.execute("SELECT MAX(seq) FROM entries WHERE document_id = ?", (document_id,)).fetchone()
        return 0 if row[0] is None else row[0] + 1

    def next_ids(self) -> tuple[int, int]:
        """The next free entry and paragraph ids.  Ids are given out by ingest, inside its write
        transaction, so that a batch can refer to rows it has not inserted yet."""
        entry = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM entries").fetchone()[0]
        paragraph = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM paragraphs").fetchone()[0]
        return entry, paragraph

    def insert_entries(self, rows: list[dict]) -> None:
        """Rows with id, document_id, seq, entry (an Entry), text (its Entry.text), content_hash, exact_hash, added_in,
        duplicate_of, similarity, revises.  The one place entries are written: it also indexes
        them for full-text search (no trigger does, see migration 5); inside a batch, at its
        commit.  Entries are never updated in headline or text while a batch is open."""
        self.db.executemany(
            "INSERT INTO entries (id, document_id, seq, kind, headline, text, posted_at, updated_at, key_event,"
            " native_id, content_hash, exact_hash, bands, duplicate_of, similarity, revises, added_in)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    r["id"], r["document_id"], r["seq"], r["entry"].kind.value, r["entry"].headline, r["text"],
                    iso(r["entry"].posted_at), iso(r["entry"].updated_at), int(r["entry"].key_event),
                    r["entry"].native_id, r["content_hash"], r["exact_hash"], pack(r["bands"]), r["duplicate_of"],
                    r["similarity"],
                    r["revises"], r["added_in"],
                )
                for r in rows
            ],
        )
        search_rows = [(r["id"], r["entry"].headline, r["text"]) for r in rows]
        if self._batch is not None:
            self._batch.search_rows.extend(search_rows)  # indexed at the batch's commit
        else:
            self.db.executemany("INSERT INTO entries_fts (rowid, headline, text) VALUES (?,?,?)", search_rows)
        self.db.executemany(
            "UPDATE entries SET superseded_by = ? WHERE id = ?",
            [(r["id"], r["revises"]) for r in rows if r["revises"] is not None],
        )
        self._pending.extend(("entry", r["id"], r["bands"]) for r in rows if r["bands"] is not None and len(r["bands"]))

    def mark_seen(self, entry_id: int) -> None:
        self.db.execute("UPDATE entries SET absent_since = NULL WHERE id = ?", (entry_id,))

    def mark_absent(self, entry_ids: Iterable[int], version_id: int) -> None:
        self.db.executemany(
            "UPDATE entries SET absent_since = ? WHERE id = ? AND absent_since IS NULL",
            [(version_id, entry_id) for entry_id in entry_ids],
        )

    def insert_paragraphs(self, rows: list[tuple]) -> None:
        """Rows of (id, document_id, entry_id, position, Paragraph, exact_hash, bands, duplicate_of, similarity);
        bands, here and in insert_entries, a sequence of ints or an int64 array (Fingerprint.band_array)."""
        self.db.executemany(
            "INSERT INTO paragraphs (id, document_id, entry_id, position, role, bullet, text, exact_hash, bands,"
            " duplicate_of, similarity) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (pid, doc_id, entry_id, position, p.role.value, int(p.bullet), p.text, exact, pack(bands), dup, sim)
                for pid, doc_id, entry_id, position, p, exact, bands, dup, sim in rows
            ],
        )
        self._pending.extend(("paragraph", row[0], row[6]) for row in rows if row[6] is not None and len(row[6]))

    # -- the dedupe index (dedupe.Index) ------------------------------------------------------

    def exact_roots(self, scope: str, hashes: Iterable[str]) -> dict[str, int]:
        table = SCOPE_TABLES[scope]
        roots: dict[str, int] = {}
        for chunk in chunks(list(hashes)):
            # The first occurrence of each hash from the index alone (a text repeated a hundred
            # times costs a hundred index entries, no rows), then that one row's duplicate_of.
            rows = self.db.execute(
                f"SELECT first.exact_hash, COALESCE(t.duplicate_of, t.id) FROM (SELECT exact_hash, MIN(id) AS id"
                f" FROM {table} WHERE exact_hash IN ({marks(chunk)}) GROUP BY exact_hash) AS first"
                f" JOIN {table} AS t ON t.id = first.id",
                chunk,
            )
            roots.update(rows.fetchall())
        return roots

    def band_hits(self, scope: str, keys: Iterable[int], per_key: int = 20) -> dict[int, list[int]]:
        """Recent stored items sharing each band key, oldest first; a key shared by very many
        items (boilerplate) is capped."""
        window = self._windows.get(scope)
        if window is None:
            window = self._windows[scope] = BandWindow(WINDOW[scope])
            table = SCOPE_TABLES[scope]
            window.load(
                self.db.execute(
                    f"SELECT id, bands FROM {table} WHERE bands IS NOT NULL ORDER BY id DESC LIMIT ?", (WINDOW[scope],)
                )
            )
        return {key: items[:per_key] for key, items in window.hits(keys).items()}

    def texts(self, scope: str, ids: Iterable[int]) -> dict[int, tuple[str, int | None]]:
        table = SCOPE_TABLES[scope]
        found: dict[int, tuple[str, int | None]] = {}
        for chunk in chunks(list(ids)):
            rows = self.db.execute(f"SELECT id, text, duplicate_of FROM {table} WHERE id IN ({marks(chunk)})", chunk)
            for item_id, text, duplicate_of in rows:
                found[item_id] = (text, duplicate_of)
        return found

    # -- reading ------------------------------------------------------------------------------

    def documents(self) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT d.*, (SELECT COUNT(*) FROM entries e WHERE e.document_id = d.id AND e.superseded_by IS NULL) AS entries,"
            " (SELECT COUNT(*) FROM versions v WHERE v.document_id = d.id) AS versions FROM documents d ORDER BY d.id"
        ).fetchall()

    def entries(
        self, document_id: int | None = None, kind: str | None = None, include_duplicates: bool = True,
        include_superseded: bool = False, limit: int | None = None, offset: int = 0,
    ) -> Iterator[sqlite3.Row]:
        where, args = [], []
        if document_id is not None:
            where.append("document_id = ?")
            args.append(document_id)
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        if not include_duplicates:
            where.append("duplicate_of IS NULL")
        if not include_superseded:
            where.append("superseded_by IS NULL")
        sql = "SELECT * FROM entries"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY document_id, seq"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return self.db.execute(sql, args)

    def paragraphs(self, entry_id: int) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM paragraphs WHERE entry_id = ? ORDER BY position", (entry_id,)).fetchall()

    def extras(self, document_id: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM paragraphs WHERE document_id = ? AND entry_id IS NULL ORDER BY position", (document_id,)
        ).fetchall()

    def versions(self, document_id: int) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM versions WHERE document_id = ? ORDER BY id", (document_id,)).fetchall()

    def search(self, query: str, limit: int = 20, include_duplicates: bool = False) -> list[sqlite3.Row]:
        """Ranked full-text matches with a highlighted snippet; FTS5 query syntax is allowed."""
        sql = (
            "SELECT e.id, e.document_id, e.kind, e.headline, e.posted_at, e.duplicate_of, d.title AS document_title,"
            " snippet(entries_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(entries_fts, 2.0, 1.0) AS rank"
            " FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid JOIN documents d ON d.id = e.document_id"
            " WHERE entries_fts MATCH ? AND e.superseded_by IS NULL"
        )
        if not include_duplicates:
            sql += " AND e.duplicate_of IS NULL"
        sql += " ORDER BY rank LIMIT ?"
        try:
            return self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            # Not valid FTS5 syntax (a stray quote or colon): search for the words as typed.
            words = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
            if not words:
                return []
            return self.db.execute(sql, (words, limit)).fetchall()

    def stats(self) -> dict[str, object]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        kinds = dict(self.db.execute("SELECT kind, COUNT(*) FROM entries WHERE superseded_by IS NULL GROUP BY kind").fetchall())
        roles = dict(self.db.execute("SELECT role, COUNT(*) FROM paragraphs GROUP BY role").fetchall())
        formats = dict(self.db.execute("SELECT format, COUNT(*) FROM documents GROUP BY format").fetchall())
        return {
            "database": self.path,
            "schema_version": self.schema_version,
            "documents": one("SELECT COUNT(*) FROM documents"),
            "versions": one("SELECT COUNT(*) FROM versions"),
            "entries": one("SELECT COUNT(*) FROM entries WHERE superseded_by IS NULL"),
            "entries_revised": one("SELECT COUNT(*) FROM entries WHERE revises IS NOT NULL"),
            "duplicate_entries": one("SELECT COUNT(*) FROM entries WHERE duplicate_of IS NOT NULL"),
            "paragraphs": one("SELECT COUNT(*) FROM paragraphs"),
            "duplicate_paragraphs": one("SELECT COUNT(*) FROM paragraphs WHERE duplicate_of IS NOT NULL"),
            "entries_by_kind": kinds,
            "paragraphs_by_role": roles,
            "documents_by_format": formats,
            "first_posted": one("SELECT MIN(COALESCE(posted_at, '')) FROM entries WHERE posted_at IS NOT NULL"),
            "last_posted": one("SELECT MAX(posted_at) FROM entries"),
        }


def marks(values: list) -> str:
    return ",".join("?" * len(values))


def chunks(values: list, size: int = 900) -> Iterator[list]:
    """Split long IN lists below SQLite's limit on bound parameters."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buffer = [], ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
