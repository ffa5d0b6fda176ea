"""Ingest into a real SQLite store: idempotence, following a live blog, duplicates, rollback."""

import difflib
import sqlite3

import pytest

from .conftest import EXAMPLES
from sitroom import ingest as ingest_module
from sitroom.ingest import ingest_file
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
