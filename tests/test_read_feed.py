"""RSS 2.0, RSS 1.0 and Atom feeds: one Document per item, broken feeds read or refused clearly."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from sitroom.model import EntryKind, Role
from sitroom.read import feed

DATA = Path(__file__).parent / "data"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def load(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_sniff():
    assert feed.sniff(load("feed_rss2.xml")) >= 0.9
    assert feed.sniff(load("feed_atom.xml")) >= 0.9
    assert feed.sniff(RSS1) >= 0.9
    assert feed.sniff("<!DOCTYPE html><html><body><p>rss</p></body></html>") == 0.0
    assert feed.sniff('{"rss": 1}') == 0.0
    assert feed.sniff("Plain text") == 0.0


def test_rss2_items():
    docs = feed.read_feed(load("feed_rss2.xml"))
    assert [d.title for d in docs] == [
        "Drone attack damages grain silos in Izmail",
        "Prisoner exchange returns 45 soldiers",
        "Headline-only item about sanctions",
    ]
    first = docs[0]
    assert first.format == "feed"
    assert first.source == "Example Wire – Ukraine"  # windows-1252 declaration did not garble the dash
    assert first.url == "https://wire.example.com/ukraine/izmail-silos"
    assert first.published_at == utc(2023, 8, 1, 3, 45)
    assert first.updated_at is None  # RSS has no separate update time
    assert first.language == "en-gb"
    assert first.standfirst == "Port infrastructure on the Danube was hit overnight."
    [entry] = first.entries
    assert entry.kind is EntryKind.ARTICLE
    assert entry.native_id == "wire-2023-0801-001"
    assert entry.headline == first.title and entry.posted_at == first.published_at
    assert [p.role for p in entry.paragraphs] == [
        Role.TEXT, Role.CAPTION, Role.TEXT, Role.EMBED, Role.EMBED, Role.RELATED,
    ]
    assert "Photograph" not in entry.text and "@region_admin" not in entry.text
    assert entry.text.splitlines()[1].startswith("About 40,000 tonnes")


def test_rss2_escaped_description_and_missing_guid():
    second = feed.read_feed(load("feed_rss2.xml"))[1]
    assert [p.text for p in second.entries[0].paragraphs] == [
        "Forty-five Ukrainian soldiers came home in the latest exchange, the ombudsman said.",
        "Talks on further swaps are continuing.",
    ]
    assert second.entries[0].native_id == "https://wire.example.com/ukraine/exchange"
    assert second.standfirst is None


def test_rss2_empty_item_skipped_with_warning_and_headline_only_kept():
    docs = feed.read_feed(load("feed_rss2.xml"))
    assert any("skipped item(s) 3" in w for w in docs[0].warnings)
    headline_only = docs[2]
    assert headline_only.url == "wire-2023-0730-sanctions"  # no link: the guid stands in
    assert headline_only.entries[0].paragraphs == []


def test_atom_entries():
    docs = feed.read_feed(load("feed_atom.xml"))
    assert [d.title for d in docs] == ["Counter-battery fire near Bakhmut", "Evacuation buses leave Kupiansk"]
    first, second = docs
    assert first.source == "Frontline Notes"
    assert first.url == "https://notes.example.net/2023/05/20/counter-battery"
    assert first.published_at == utc(2023, 5, 20, 7, 15)
    assert first.updated_at == utc(2023, 5, 20, 9, 0)
    assert first.entries[0].native_id == "tag:notes.example.net,2023:entry-17"
    assert [p.bullet for p in first.entries[0].paragraphs] == [False, True, True]
    assert first.standfirst == "Artillery duels continued on the flanks."
    # No <published>: the entry's time is its update time; no <link>: its id is the url.
    assert second.published_at is None and second.entries[0].posted_at == utc(2023, 5, 19, 16, 30)
    assert second.url == "tag:notes.example.net,2023:entry-16"
    assert len(second.entries[0].paragraphs) == 2


RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example.org/">
    <title>Old Style Bulletin</title><link>https://old.example.org/</link><description>d</description>
  </channel>
  <item rdf:about="https://old.example.org/n/2">
    <title>Ceasefire talks adjourned</title><link>https://old.example.org/n/2</link>
    <description>Delegations will meet again next week.</description><dc:date>2022-03-30T18:00:00+03:00</dc:date>
  </item>
  <item rdf:about="https://old.example.org/n/1">
    <title>Convoy reaches the city</title><link>https://old.example.org/n/1</link>
    <description>Aid trucks arrived after a delay of two days.</description><dc:date>2022-03-29T08:00:00Z</dc:date>
  </item>
</rdf:RDF>"""


def test_rss1_items():
    docs = feed.read_feed(RSS1)
    assert [d.title for d in docs] == ["Ceasefire talks adjourned", "Convoy reaches the city"]
    assert docs[0].source == "Old Style Bulletin"
    assert docs[0].entries[0].posted_at == utc(2022, 3, 30, 15, 0)
    assert docs[1].entries[0].text == "Aid trucks arrived after a delay of two days."


def test_malformed_feed_with_items_is_read_with_a_warning():
    docs = feed.read_feed(load("feed_malformed.xml"))
    assert [d.title for d in docs] == ["Air defence active over Kyiv", "Bridge repairs resume"]
    [warning] = docs[0].warnings
    assert "not well-formed" in warning and "mismatched tag at line 14" in warning


def test_malformed_feed_without_items_is_refused():
    with pytest.raises(ValueError, match=r"^malformed feed: no element found at line 6"):
        feed.read_feed(load("feed_unreadable.xml"))


def test_feed_with_no_items():
    with pytest.raises(ValueError, match="^feed has no items$"):
        feed.read_feed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')


def test_feed_whose_items_are_all_empty():
    with pytest.raises(ValueError, match="none with a title or text"):
        feed.read_feed('<rss version="2.0"><channel><title>Q</title><item><guid>1</guid></item></channel></rss>')


def test_text_that_looks_like_a_path_or_url_is_not_opened():
    for text in ("/etc/hostname", "https://example.com/feed.xml"):
        with pytest.raises(ValueError, match="malformed feed"):
            feed.read_feed(text)


def test_sniff_of_text_without_markup_is_zero():
    assert feed.sniff("Plain text about the war.\n" * 500 + '<rss version="2.0"><channel>') == 0.0
    assert feed.sniff('\n  <rss version="2.0"><channel><item>') >= 0.9
