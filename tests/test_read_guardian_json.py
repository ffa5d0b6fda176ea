"""Guardian live blogs as JSON: the content API, the simplified export and the front-end model."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sitroom.model import EntryKind, Role
from sitroom.read import guardian_json

DATA = Path(__file__).parent / "data"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "guardian-liveblog-json"
if not REFERENCE.is_dir():
    REFERENCE = Path("/work/shared/reference/guardian-liveblog-json")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def reference(name: str) -> Path:
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"reference file {name} is not here")
    return path


# ---------------------------------------------------------------- content API fixture


@pytest.fixture(scope="module")
def api_doc():
    return guardian_json.read((DATA / "guardian_api.json").read_text(encoding="utf-8"))


def test_api_metadata(api_doc):
    assert api_doc.format == "guardian_json"
    assert api_doc.source == "The Guardian"
    assert api_doc.title == "Russia-Ukraine war live: dam breach floods villages downstream"
    assert api_doc.url.endswith("/russia-ukraine-war-live-dam-kakhovka")
    assert api_doc.standfirst.startswith("Thousands told to leave")
    assert api_doc.published_at == utc(2023, 6, 6, 4, 55)
    assert api_doc.updated_at == utc(2023, 6, 6, 16, 31)
    assert api_doc.language == "en"


def test_api_blocks(api_doc):
    entries = api_doc.entries
    assert [e.native_id for e in entries] == [
        "647f2d088f08e1b2c3d4e5f3", "647f3c198f08e1b2c3d4e5f4", "647f5a3b8f08e1b2c3d4e5f6",
    ]  # unpublished draft skipped, earliest first
    assert any("unpublished" in w for w in api_doc.warnings)
    first, middle, last = entries
    assert first.posted_at == utc(2023, 6, 6, 5, 3)  # firstPublishedDate
    assert middle.posted_at == utc(2023, 6, 6, 11, 42)  # publishedDate when there is no first
    assert first.updated_at == utc(2023, 6, 6, 5, 20)
    assert first.key_event and first.kind is EntryKind.UPDATE
    assert last.kind is EntryKind.SUMMARY and last.headline == "What we know so far"
    assert all(p.bullet for p in last.paragraphs)
    assert middle.headline is None and len(middle.paragraphs) == 2  # from bodyTextSummary lines


def test_api_roles(api_doc):
    first = api_doc.entries[0]
    assert [p.role for p in first.paragraphs] == [Role.TEXT, Role.CAPTION, Role.RELATED, Role.EMBED, Role.EMBED]
    assert first.text == (
        "The dam at Nova Kakhovka was breached early on Tuesday, releasing a torrent of water into the river below."
    )


def test_api_sniff():
    assert guardian_json.sniff((DATA / "guardian_api.json").read_text(encoding="utf-8")) >= 0.9
    assert guardian_json.sniff('{"name": "something else"}') < 0.5
    assert guardian_json.sniff("<html></html>") == 0.0


# ---------------------------------------------------------------- malformed input


def test_invalid_json_names_line_and_column():
    with pytest.raises(ValueError, match=r"^invalid JSON at line 2 column 14: "):
        guardian_json.read('{\n  "blocks": [,]\n}')


@pytest.mark.parametrize("text", ['{"a": 1}', "[1, 2]", '{"blocks": [1, 2]}', '{"response": {"content": {"id": 1}}}'])
def test_unknown_shape(text):
    with pytest.raises(ValueError, match=r"^JSON is not a Guardian live blog \(no blocks found\)$"):
        guardian_json.read(text)


def test_only_unpublished_blocks():
    text = json.dumps({"response": {"content": {"webTitle": "t", "blocks": {"body": [
        {"id": "x", "published": False, "bodyHtml": "<p>draft</p>"}]}}}})
    with pytest.raises(ValueError, match="none of them is published"):
        guardian_json.read(text)


# ---------------------------------------------------------------- reference files


def _published(blocks: list[dict]) -> int:
    return sum(1 for block in blocks if block.get("published") is not False)


@pytest.mark.parametrize("name", ["Live.blocks.json", "LiveBlogSingleContributor.blocks.json"])
def test_reference_simplified(name):
    path = reference(name)
    raw = json.loads(path.read_text(encoding="utf-8"))
    doc = guardian_json.read(path.read_text(encoding="utf-8"))
    assert guardian_json.sniff(path.read_text(encoding="utf-8")) >= 0.9
    assert doc.title == raw["headline"] and doc.url == raw["webURL"] and doc.source == "The Guardian"
    assert len(doc.entries) == _published(raw["blocks"])
    assert {e.native_id for e in doc.entries} == {b["id"] for b in raw["blocks"]}
    times = [e.posted_at for e in doc.entries]
    assert all(t is not None and t.tzinfo is not None for t in times) and times == sorted(times)
    flags = {b["id"]: b["attributes"] for b in raw["blocks"]}
    for entry in doc.entries:
        assert entry.key_event == flags[entry.native_id]["keyEvent"]
        assert (entry.kind is EntryKind.SUMMARY) == flags[entry.native_id]["summary"]
    assert "&amp;" not in "\n".join(e.raw_text for e in doc.entries)


def test_reference_simplified_inline_tweets_are_embeds():
    doc = guardian_json.read(reference("Live.blocks.json").read_text(encoding="utf-8"))
    embeds = [p for e in doc.entries for p in e.paragraphs if p.role is Role.EMBED]
    assert embeds and all("(@NASAPersevere)" in p.text for p in embeds)
    assert all("(@NASAPersevere)" not in e.text for e in doc.entries)


@pytest.mark.parametrize("name", ["Live.fe-article.json", "LiveBlogSingleContributor.fe-article.json"])
def test_reference_frontend(name):
    path = reference(name)
    raw = json.loads(path.read_text(encoding="utf-8"))
    doc = guardian_json.read(path.read_text(encoding="utf-8"))
    assert guardian_json.sniff(path.read_text(encoding="utf-8")) >= 0.9
    assert doc.title == raw["headline"] and doc.url == raw["canonicalUrl"]
    assert doc.language == "en" and doc.published_at is not None
    # The page's own blocks, plus the pinned post and key events it shows from its other pages.
    shown = [b for b in raw["blocks"] + [raw.get("pinnedPost") or {}] + raw["keyEvents"] if b]
    ids = {b["id"] for b in shown if b.get("published") is not False}
    assert len(doc.entries) == len(ids)
    assert {b["id"] for b in raw["blocks"]} <= {e.native_id for e in doc.entries}
    times = [e.posted_at for e in doc.entries]
    assert all(t is not None and t.tzinfo is not None for t in times) and times == sorted(times)
    flags = {b["id"]: b["attributes"] for b in shown}
    for entry in doc.entries:
        assert entry.key_event == flags[entry.native_id]["keyEvent"]
        assert (entry.kind is EntryKind.SUMMARY) == flags[entry.native_id]["summary"]
    assert any("page 1 of" in w for w in doc.warnings)


def test_reference_frontend_roles():
    doc = guardian_json.read(reference("LiveBlogSingleContributor.fe-article.json").read_text(encoding="utf-8"))
    all_roles = {p.role for e in doc.entries for p in e.paragraphs}
    assert {Role.TEXT, Role.QUOTE, Role.EMBED, Role.CAPTION, Role.RELATED} <= all_roles
    for entry in doc.entries:
        # Sign-offs, credits and rich links stay out (the Guardian also quotes some posts in its
        # own words as a blockquote, and that copy is analysed as a quote).
        assert "(@" not in entry.text and "Photograph:" not in entry.text and "Related:" not in entry.text
    summary = next(e for e in doc.entries if e.kind is EntryKind.SUMMARY)
    assert summary.headline == "Afternoon summary" and any(p.bullet for p in summary.paragraphs)


def test_same_blog_same_ids_across_shapes():
    simple = guardian_json.read(reference("Live.blocks.json").read_text(encoding="utf-8"))
    front = guardian_json.read(reference("Live.fe-article.json").read_text(encoding="utf-8"))
    assert {e.native_id for e in simple.entries} <= {e.native_id for e in front.entries}
    front_by_id = {e.native_id: e for e in front.entries}
    for entry in simple.entries:
        assert entry.posted_at == front_by_id[entry.native_id].posted_at
