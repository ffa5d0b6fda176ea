"""Ingest into a real SQLite store: idempotence, following a live blog, duplicates, rollback."""

import difflib
import sqlite3

import pytest

from .conftest import EXAMPLES
from sitroom import ingest as ingest_module
from sitroom.ingest import ingest_bytes, ingest_file
from sitroom.store.sqlite import Store

BLOG = """Ukraine war live – day one

Last modified: 05: 00 PM GMT+0

Air raid alerts across the country as strikes continue.

{newest}Updated

Kyiv's mayor said 40 percent of consumers in the capital were without power after the strikes on Thursday.

Updated

Ukraine's air force said it shot down 54 of the 69 missiles launched by Russia on Thursday morning.
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_same_file_twice_adds_nothing(store, tmp_path):
    path = write(tmp_path, "blog-2022-12-29.txt", BLOG.format(newest=""))
    first = ingest_file(store, path)
    assert first.error is None and first.documents[0].entries_added == 2
    before = store.stats()
    second = ingest_file(store, path)
    assert second.skipped == "already ingested (same content)"
    assert store.stats() == before


def test_newer_copy_adds_only_new_entries_and_records_the_change(store, tmp_path):
    ingest_file(store, write(tmp_path, "blog-2022-12-29.txt", BLOG.format(newest="")))
    newer = BLOG.format(newest="Lviv's mayor said about 90 percent of the city was without power on Thursday evening.\n\n")
    newer = newer.replace("40 percent", "nearly half")  # an edit to an existing entry
    result = ingest_file(store, write(tmp_path, "blog-2022-12-29-later.txt", newer))
    (doc,) = result.documents
    assert not doc.new_document
    assert (doc.entries_added, doc.entries_revised, doc.entries_unchanged) == (1, 1, 1)
    current = list(store.entries(doc.document_id))
    assert len(current) == 3
    revised = next(row for row in current if row["revises"] is not None)
    old = store.db.execute("SELECT * FROM entries WHERE id = ?", (revised["revises"],)).fetchone()
    assert "40 percent" in old["text"] and "nearly half" in revised["text"]
    assert old["superseded_by"] == revised["id"]
    versions = store.versions(doc.document_id)
    assert [(v["entries_added"], v["entries_revised"], v["entries_unchanged"]) for v in versions] == [(2, 0, 0), (1, 1, 1)]


def test_entries_missing_from_a_newer_copy_are_kept_and_marked(store, tmp_path):
    ingest_file(store, write(tmp_path, "blog-2022-12-29.txt", BLOG.format(newest="")))
    shorter = BLOG.format(newest="").split("Updated\n\nUkraine's air force")[0]
    result = ingest_file(store, write(tmp_path, "blog-2022-12-29-b.txt", shorter))
    assert result.documents[0].entries_absent == 1
    rows = list(store.entries(result.documents[0].document_id))
    assert len(rows) == 2
    assert sum(row["absent_since"] is not None for row in rows) == 1


def test_failure_mid_document_leaves_store_as_before(store, monkeypatch):
    ingest_file(store, str(EXAMPLES / "liveupdates-2022-12-29.txt"))
    before = store.stats()
    real = Store.insert_paragraphs
    written = {}

    def failing(self, rows):
        real(self, rows)  # the document's entries and paragraphs are written, then the disk fails
        written["entries"] = self.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(Store, "insert_paragraphs", failing)
    with pytest.raises(sqlite3.OperationalError):
        ingest_file(store, str(EXAMPLES / "liveblog-2023-01-04.txt"))
    assert written["entries"] > before["entries"]
    assert store.stats() == before
    monkeypatch.setattr(Store, "insert_paragraphs", real)
    window = store._windows.get("paragraph")
    assert window is None or max(window.ids, default=0) <= before["paragraphs"]
    result = ingest_file(store, str(EXAMPLES / "liveblog-2023-01-04.txt"))
    assert result.documents and result.documents[0].new_document
    assert result.documents[0].duplicate_paragraphs > 0


def _summary_bullets(store, document_id):
    rows = store.db.execute(
        "SELECT p.id, p.text, p.duplicate_of, e.seq FROM paragraphs p JOIN entries e ON e.id = p.entry_id"
        " WHERE e.document_id = ? AND e.kind = 'summary' AND p.bullet = 1 ORDER BY e.seq, p.position",
        (document_id,),
    ).fetchall()
    return rows


def _assert_repeated_bullets_linked(store, document_id):
    bullets = _summary_bullets(store, document_id)
    by_id = {row["id"]: row for row in bullets}
    repeats = 0
    for index, row in enumerate(bullets):
        earlier = [
            other for other in bullets[:index]
            if other["seq"] < row["seq"] and difflib.SequenceMatcher(None, other["text"], row["text"]).ratio() > 0.9
        ]
        if earlier:
            repeats += 1
            assert row["duplicate_of"] is not None, row["text"][:80]
            target = by_id.get(row["duplicate_of"])
            if target is not None:  # a bullet may repeat an earlier update paragraph instead
                assert target["seq"] < row["seq"]
    return repeats


def test_seed_summary_bullets_link_to_first_occurrence(store, seeds):
    result = ingest_file(store, str(seeds / "liveblog-2023-01-04.txt"))
    (doc,) = result.documents
    assert _assert_repeated_bullets_linked(store, doc.document_id) >= 10
    # The closing summary's Makiivka bullet points at the earliest digest's copy.
    makiivka = [r for r in _summary_bullets(store, doc.document_id) if r["text"].startswith("Russia’s defence ministry on Wednesday")]
    assert len(makiivka) == 3
    assert makiivka[0]["duplicate_of"] is None
    assert makiivka[1]["duplicate_of"] == makiivka[2]["duplicate_of"] == makiivka[0]["id"]
    # Different happenings never merge: the 63 and the 89 stay apart.
    texts = {r["id"]: r["text"] for r in store.db.execute("SELECT id, text FROM paragraphs")}
    for row in store.db.execute("SELECT id, duplicate_of FROM paragraphs WHERE duplicate_of IS NOT NULL"):
        a, b = texts[row["id"]], texts[row["duplicate_of"]]
        assert ("89" in a) == ("89" in b) and ("63" in a) == ("63" in b)


def test_seeds_share_nothing_false(store, seeds):
    ingest_file(store, str(seeds / "liveupdates-2022-12-29.txt"))
    second = ingest_file(store, str(seeds / "liveblog-2023-01-04.txt"))
    # The two pages cover different days: no entry of one repeats the other.
    assert second.documents[0].duplicate_entries == 0


def test_example_live_blog_repeats_linked(store):
    result = ingest_file(store, str(EXAMPLES / "liveblog-2023-01-04.txt"))
    assert _assert_repeated_bullets_linked(store, result.documents[0].document_id) >= 2


def test_unreadable_file_reports_and_stores_nothing(store, tmp_path):
    path = write(tmp_path, "image.txt", "")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02binary\x00")
    result = ingest_file(store, path)
    assert result.error == f"{path}: binary file, not text (no reader for it)"
    assert store.stats()["documents"] == 0


def test_revision_threshold_is_sane():
    assert 0 < ingest_module.REVISION_THRESHOLD < 1


EXAMPLE_FILES = sorted(path for path in EXAMPLES.rglob("*") if path.is_file() and path.name != "README.md")


def _dedupe_rows(store):
    entries = store.db.execute(
        "SELECT d.key, e.seq, e.kind, e.headline, e.text, e.posted_at, e.exact_hash, e.bands, e.similarity,"
        " e.duplicate_of IS NOT NULL FROM entries e JOIN documents d ON d.id = e.document_id ORDER BY e.id"
    ).fetchall()
    paragraphs = store.db.execute(
        "SELECT text, role, exact_hash, bands, duplicate_of, similarity FROM paragraphs ORDER BY id"
    ).fetchall()
    return [tuple(row) for row in entries], [tuple(row) for row in paragraphs]


def test_ingest_bytes_reads_as_the_file_would(tmp_path):
    path = EXAMPLES / "liveblog-2023-01-04.txt"
    with Store(str(tmp_path / "file.db")) as by_file, Store(str(tmp_path / "bytes.db")) as by_bytes:
        from_file = ingest_file(by_file, str(path))
        from_bytes = ingest_bytes(by_bytes, path.read_bytes(), "liveblog-2023-01-04.txt")
        assert from_bytes.error is None and from_bytes.path == "liveblog-2023-01-04.txt"
        (doc,) = from_bytes.documents
        (file_doc,) = from_file.documents
        assert (doc.entries_added, doc.duplicate_entries, doc.duplicate_paragraphs) == (
            file_doc.entries_added, file_doc.duplicate_entries, file_doc.duplicate_paragraphs,
        )
        assert doc.duplicate_paragraphs > 0
        assert _dedupe_rows(by_bytes) == _dedupe_rows(by_file)
        (stored,) = by_bytes.documents()
        assert stored["path"] == "liveblog-2023-01-04.txt"  # the name stands for the file
        assert stored["format"] == "liveblog_text"  # chosen by content
        assert stored["published_at"] == "2023-01-04"  # the day comes from the name, as from a file's
        again = ingest_bytes(by_bytes, path.read_bytes(), "renamed.txt")
        assert again.skipped == "already ingested (same content)"
        assert ingest_file(by_bytes, str(path)).skipped == "already ingested (same content)"


def test_ingest_bytes_errors_name_the_upload(store):
    assert ingest_bytes(store, b"\x00\x01\x02binary\x00", "photo.txt").error == (
        "photo.txt: binary file, not text (no reader for it)"
    )
    assert ingest_bytes(store, b"", "empty.txt").error == "empty.txt: empty file"
    assert ingest_bytes(store, b"x" * 20, "big.txt", max_bytes=10).error == (
        "big.txt: too large: 20 bytes, over the limit of 10 (--max-bytes)"
    )
    assert ingest_bytes(store, b"Kyiv was shelled overnight.", "a.txt", format="word").error.startswith(
        "a.txt: unknown format 'word'"
    )
    broken = ingest_bytes(store, b'{"response": {"content": ', "blog.json")
    assert broken.error.startswith("blog.json: ") and broken.documents == []
    assert store.stats()["documents"] == 0


def test_ingest_bytes_honours_a_forced_format(store):
    text = BLOG.format(newest="").encode()
    result = ingest_bytes(store, text, "notes-2022-12-29.txt", format="plain_text")
    assert result.error is None
    assert [row["format"] for row in store.documents()] == ["plain_text"]


def test_batch_stores_what_documents_alone_would(tmp_path):
    with Store(str(tmp_path / "alone.db")) as alone:
        for path in EXAMPLE_FILES:
            assert ingest_file(alone, str(path)).error is None
        expected = _dedupe_rows(alone)
        expected_search = [row["id"] for row in alone.search("missile", limit=50)]
    with Store(str(tmp_path / "batched.db")) as batched:
        with batched.batch(documents=2):
            for path in EXAMPLE_FILES:
                assert ingest_file(batched, str(path)).error is None
        assert _dedupe_rows(batched) == expected
        assert expected_search and [row["id"] for row in batched.search("missile", limit=50)] == expected_search
        check = "INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)"
        assert batched.db.execute(check).fetchall() == []


def test_failure_inside_a_batch_undoes_only_that_document(store, monkeypatch):
    real = Store.insert_paragraphs

    def failing(self, rows):
        real(self, rows)
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    with store.batch():
        assert ingest_file(store, str(EXAMPLES / "liveupdates-2022-12-29.txt")).documents
        before = store.stats()
        monkeypatch.setattr(Store, "insert_paragraphs", failing)
        with pytest.raises(sqlite3.OperationalError):
            ingest_file(store, str(EXAMPLES / "liveblog-2023-01-04.txt"))
        monkeypatch.setattr(Store, "insert_paragraphs", real)
        assert store.stats() == before
        assert ingest_file(store, str(EXAMPLES / "feeds" / "ukraine-war.atom")).documents
    formats = {row["format"] for row in store.documents()}
    assert formats == {"liveupdates_text", "feed"}
    assert store.db.execute("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)").fetchall() == []
    again = ingest_file(store, str(EXAMPLES / "liveblog-2023-01-04.txt"))
    assert again.documents and again.documents[0].new_document


def test_an_error_leaving_a_batch_keeps_the_documents_before_it(tmp_path):
    path = str(tmp_path / "store.db")
    with Store(path) as store, pytest.raises(KeyboardInterrupt), store.batch():
        ingest_file(store, str(EXAMPLES / "liveupdates-2022-12-29.txt"))
        raise KeyboardInterrupt
    with Store(path) as reopened:
        assert [row["format"] for row in reopened.documents()] == ["liveupdates_text"]
        assert reopened.search("Bakhmut")


def test_a_batch_commits_as_it_goes(tmp_path):
    path = str(tmp_path / "store.db")
    with Store(path) as store, store.batch(documents=1):
        ingest_file(store, str(EXAMPLES / "liveupdates-2022-12-29.txt"))
        reader = sqlite3.connect(path)  # another process's view
        assert reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
        assert reader.execute("SELECT COUNT(*) FROM entries_fts WHERE entries_fts MATCH 'Bakhmut'").fetchone()[0] > 0
        reader.close()


def test_a_batch_keeps_savepoint_journals_in_memory_and_restores_the_setting(tmp_path):
    """Each document's savepoint journal lives in memory during a batch (no temporary file to
    write a page at a time); a document that fails is still undone, and the setting is put back."""
    with Store(str(tmp_path / "store.db")) as store:
        before = store.db.execute("PRAGMA temp_store").fetchone()[0]
        with store.batch():
            assert store.db.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
            assert ingest_file(store, str(EXAMPLES / "liveupdates-2022-12-29.txt")).documents
            stats = store.stats()
            with pytest.raises(RuntimeError), store.transaction():
                store.db.execute("DELETE FROM paragraphs")
                raise RuntimeError("undo this document")
            assert store.stats() == stats
        assert store.db.execute("PRAGMA temp_store").fetchone()[0] == before
