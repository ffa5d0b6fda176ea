"""Ingest: read -> clean -> dedupe -> store, one document per transaction.

Following a live blog: a newer copy of a stored document (same URL, or same title and day) adds
only the entries it has that the store lacks.  An entry whose block id or text is already there
is unchanged; one that replaces an earlier entry (same block id, or mostly the same words) is
stored as a revision of it, so nothing is lost and the change can be shown."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from . import dedupe
from .clean import clean
from .errors import InputError
from .model import Document, Entry
from .read import decode, read_data
from .store.sqlite import Store, StoredEntry

REVISION_THRESHOLD = 0.5


@dataclass
class DocumentResult:
    document_id: int
    title: str | None
    new_document: bool
    entries_added: int = 0
    entries_revised: int = 0
    entries_unchanged: int = 0
    entries_absent: int = 0
    duplicate_entries: int = 0
    duplicate_paragraphs: int = 0


@dataclass
class FileResult:
    path: str
    documents: list[DocumentResult] = field(default_factory=list)
    skipped: str | None = None  # why nothing was done, when that is not an error
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def content_hash(entry: Entry) -> str:
    """Identity of an entry's full content, captions included, so that any edit shows."""
    parts = [entry.headline or ""]
    for paragraph in entry.paragraphs:
        parts += ("\x00", paragraph.role.value, "\x01", paragraph.text)
    return hashlib.blake2b("".join(parts).encode(), digest_size=16).hexdigest()


def _match_unchanged(entries: list[Entry], hashes: list[str], stored: list[StoredEntry]) -> dict[int, int]:
    """Map new-copy entry index -> stored entry id for entries whose content is already stored."""
    pool: dict[str, list[StoredEntry]] = defaultdict(list)
    for item in stored:
        pool[item.content_hash].append(item)
    found = {}
    for index, entry_hash in enumerate(hashes):
        if pool.get(entry_hash):
            found[index] = pool[entry_hash].pop(0).id
    return found


def _find_revised(entry: Entry, candidates: list[StoredEntry], grams: dict[int, frozenset[int]]) -> StoredEntry | None:
    """The stored entry this one replaces: the same block id, else the most similar text.
    `grams` keeps the stored entries' shingles across the calls for one document."""
    if entry.native_id:
        return next((item for item in candidates if item.native_id == entry.native_id), None)
    entry_grams = dedupe.shingle_set(entry.text)
    best, best_score = None, REVISION_THRESHOLD
    for item in candidates:
        if item.native_id:
            continue
        if item.id not in grams:
            grams[item.id] = dedupe.shingle_set(item.text)
        score = dedupe.jaccard(entry_grams, grams[item.id])
        if score >= best_score:
            best, best_score = item, score
    return best


def store_document(store: Store, doc: Document) -> DocumentResult:
    """Store one cleaned document in one transaction; an exception leaves the store untouched."""
    with store.transaction():
        document_id = store.document_id(doc.key)
        is_new = document_id is None
        document_id = store.save_document(doc, document_id)
        version_id = store.add_version(document_id, doc.content_hash or "", doc.path)
        result = DocumentResult(document_id, doc.title, is_new)
        stored = [] if is_new else store.current_entries(document_id)
        hashes = [content_hash(entry) for entry in doc.entries]
        unchanged = _match_unchanged(doc.entries, hashes, stored)
        for stored_id in unchanged.values():
            store.mark_seen(stored_id)
        matched = set(unchanged.values())
        result.entries_unchanged = len(unchanged)
        fresh: list[tuple[Entry, str, StoredEntry | None]] = []
        stored_grams: dict[int, frozenset[int]] = {}
        for index, entry in enumerate(doc.entries):
            if index in unchanged:
                continue
            open_items = [item for item in stored if item.id not in matched]
            revised = _find_revised(entry, open_items, stored_grams) if open_items else None
            if revised is not None:
                matched.add(revised.id)
            fresh.append((entry, hashes[index], revised))
        result.entries_revised = sum(1 for _, _, revised in fresh if revised is not None)
        result.entries_added = len(fresh) - result.entries_revised
        _insert_entries(store, document_id, version_id, fresh, result)
        absent = [item.id for item in stored if item.id not in matched]
        store.mark_absent(absent, version_id)
        result.entries_absent = len(absent)
        if is_new and doc.extras:
            _, next_paragraph = store.next_ids()
            store.insert_paragraphs(
                [(next_paragraph + i, document_id, None, i, p, None, None, None, None) for i, p in enumerate(doc.extras)]
            )
        store.set_version_counts(
            version_id, result.entries_added, result.entries_revised, result.entries_unchanged, result.entries_absent
        )
    return result


def _insert_entries(
    store: Store, document_id: int, version_id: int, fresh: list[tuple[Entry, str, StoredEntry | None]],
    result: DocumentResult,
) -> None:
    """Link the new entries and their paragraphs to earlier occurrences, then insert them."""
    if not fresh:
        return
    next_entry, next_paragraph = store.next_ids()
    seq = store.next_seq(document_id)
    analysed_texts = [[p.text for p in entry.paragraphs if p.role.analysed] for entry, _, _ in fresh]
    entry_texts = ["\n".join(texts) for texts in analysed_texts]  # Entry.text, joined once
    entry_items = [(next_entry + i, text) for i, text in enumerate(entry_texts)]
    entry_fps, paragraph_fps = dedupe.entry_fingerprints(analysed_texts)
    entry_matches, _ = dedupe.link(store, "entry", entry_items, dedupe.ENTRY_THRESHOLD, entry_fps)
    entry_rows = []
    paragraph_rows = []
    analysed: list[tuple[int, str]] = []
    for i, (entry, entry_hash, revised) in enumerate(fresh):
        entry_id = next_entry + i
        match = entry_matches[i]
        if match is not None and revised is not None and match.item_id in (revised.id, _root_of(store, revised.id)):
            match = None  # an edit of an entry is a revision of it, not a repeat
        result.duplicate_entries += match is not None
        entry_rows.append(
            dict(
                id=entry_id, document_id=document_id, seq=seq + i, entry=entry, text=entry_texts[i],
                content_hash=entry_hash, exact_hash=entry_fps[i].exact, bands=entry_fps[i].band_array, added_in=version_id,
                duplicate_of=match.item_id if match else None, similarity=match.similarity if match else None,
                revises=revised.id if revised else None,
            )
        )
        for position, paragraph in enumerate(entry.paragraphs):
            paragraph_id = next_paragraph + len(paragraph_rows)
            paragraph_rows.append([paragraph_id, document_id, entry_id, position, paragraph, None, None, None, None])
            if paragraph.role.analysed:
                analysed.append((paragraph_id, paragraph.text))
    flat_fps = [fp for fps in paragraph_fps for fp in fps]
    paragraph_matches, _ = dedupe.link(store, "paragraph", analysed, dedupe.PARAGRAPH_THRESHOLD, flat_fps)
    for (paragraph_id, _), match, fp in zip(analysed, paragraph_matches, flat_fps):
        row = paragraph_rows[paragraph_id - next_paragraph]
        row[5], row[6] = fp.exact, fp.band_array
        if match is not None:
            row[7], row[8] = match.item_id, match.similarity
            result.duplicate_paragraphs += 1
    store.insert_entries(entry_rows)
    store.insert_paragraphs([tuple(row) for row in paragraph_rows])


def _root_of(store: Store, entry_id: int) -> int:
    text_and_duplicate = store.texts("entry", [entry_id]).get(entry_id)
    return text_and_duplicate[1] or entry_id if text_and_duplicate else entry_id


def ingest_file(store: Store, path: str, max_bytes: int = decode.DEFAULT_MAX_BYTES, format: str | None = None) -> FileResult:
    """Read, clean and store one file; errors come back in the result, never half-stored."""
    try:
        data = decode.read_bytes(path, max_bytes)
    except InputError as exc:
        return FileResult(path, error=str(exc))
    return _ingest(store, data, path, format)


def ingest_bytes(
    store: Store, data: bytes, name: str, max_bytes: int = decode.DEFAULT_MAX_BYTES, format: str | None = None
) -> FileResult:
    """ingest_file for content held in memory (an upload): the same readers, chosen by content,
    and the same checks; `name` stands for the file in errors, warnings and the stored path, and
    a date in it dates a plain-text page as a file name's would."""
    try:
        decode.check_size(len(data), name, max_bytes)
    except InputError as exc:
        return FileResult(name, error=str(exc))
    return _ingest(store, data, name, format)


def _ingest(store: Store, data: bytes, name: str, format: str | None) -> FileResult:
    result = FileResult(name)
    if store.has_content(hashlib.sha256(data).hexdigest()):
        result.skipped = "already ingested (same content)"
        return result
    try:
        documents = read_data(data, name, format)
    except InputError as exc:
        result.error = str(exc)
        return result
    for doc in documents:
        result.warnings.extend(f"{name}: {warning}" for warning in doc.warnings)
        doc = clean(doc)
        if not doc.entries:
            result.warnings.append(f"{name}: {doc.title or 'a document'} has no text left after cleaning; skipped")
            continue
        result.documents.append(store_document(store, doc))
    if not result.documents and result.error is None and not result.warnings:
        result.error = f"{name}: no documents found"
    return result
