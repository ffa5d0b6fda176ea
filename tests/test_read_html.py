"""Saved pages and HTML fragments: live-blog blocks, articles, furniture, broken markup."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from sitroom.model import EntryKind, Role
from sitroom.read import html
from sitroom.read.htmlblocks import chronological, html_to_text, paragraphs_from_html, parse_when

DATA = Path(__file__).parent / "data"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def load(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def roles(paragraphs) -> list[tuple[str, str]]:
    return [(p.role.value, p.text) for p in paragraphs]


# ---------------------------------------------------------------- fragments


def test_fragment_roles_and_bullets():
    fragment = (
        "Loose text before any paragraph <b>still counts</b>"
        "<p>First line<br>second line</p>"
        "<ul><li>Outer item<ul><li>Inner item</li></ul></li><li><p>Item in a paragraph</p></li></ul>"
        "<figure><img src='a.jpg'><figcaption>Crater left by the strike. Photograph: Agency</figcaption></figure>"
        "<blockquote class='twitter-tweet'><p>Sirens again tonight https://t.co/x1</p>"
        "&mdash; A Resident (@a_resident) May 2, 2023</blockquote>"
        "<blockquote><p>We will not leave, a pensioner said.</p></blockquote>"
        "<aside class='element-rich-link'><p>Related: <a href='/x'>Another story</a></p></aside>"
        "<p>Read more: the earlier report</p>"
        "<script>track()</script><style>p {}</style>"
    )
    got = paragraphs_from_html(fragment)
    assert roles(got) == [
        ("text", "Loose text before any paragraph still counts"),
        ("text", "First line"),
        ("text", "second line"),
        ("text", "Outer item"),
        ("text", "Inner item"),
        ("text", "Item in a paragraph"),
        ("caption", "Crater left by the strike. Photograph: Agency"),
        ("embed", "Sirens again tonight https://t.co/x1"),
        ("embed", "— A Resident (@a_resident) May 2, 2023"),
        ("quote", "We will not leave, a pensioner said."),
        ("related", "Related: Another story"),
        ("related", "Read more: the earlier report"),
    ]
    assert [p.bullet for p in got[3:6]] == [True, True, True]
    assert not got[0].bullet


def test_fragment_plain_text_signoffs_and_credits():
    lines = (
        "Officials said the strike hit a school.\n"
        "Children were not inside at the time.\n"
        "Photograph: Example Agency\n"
        "Shelter now https://t.co/abc — City Council (@city_council) March 3, 2023"
    )
    got = paragraphs_from_html(lines)
    assert [p.role for p in got] == [Role.TEXT, Role.TEXT, Role.CAPTION, Role.EMBED]


@pytest.mark.parametrize(
    "broken",
    ["<p>cut mid <a hr", "<div>" * 5000 + "deep", "<b>" * 50000 + "deeper", "</p></div><li>stray", "<", "&#xZZ; <p"],
)
def test_fragment_never_crashes(broken):
    got = paragraphs_from_html(broken)
    assert isinstance(got, list)


def test_fragment_keeps_text_of_truncated_tag():
    assert [p.text for p in paragraphs_from_html("<p>Shelling continued <a hr")] == ["Shelling continued"]
    assert paragraphs_from_html("") == [] and paragraphs_from_html("   ") == []


def test_html_to_text():
    assert html_to_text("<h1>Strikes &amp; <em>outages</em></h1><script>x()</script>") == "Strikes & outages"
    assert html_to_text(None) == "" and html_to_text("plain &amp; simple") == "plain & simple"


def test_parse_when_forms():
    assert parse_when("2023-03-10T10:30:00+02:00") == utc(2023, 3, 10, 8, 30)
    assert parse_when("2023-03-10") == date(2023, 3, 10)
    assert parse_when("1678444200000") == utc(2023, 3, 10, 10, 30)
    assert parse_when("not a date at all") is None and parse_when("") is None


# ---------------------------------------------------------------- sniff


def test_sniff():
    assert html.sniff(load("liveblog_page.html")) >= 0.9
    assert html.sniff(load("truncated_midtag.html")) >= 0.9
    assert html.sniff("<p>A fragment of a page.</p>") == 0.5
    assert html.sniff('{"blocks": []}') == 0.0
    assert html.sniff('<?xml version="1.0"?><rss version="2.0"><channel><description>&lt;p&gt;</description>') < 0.5
    assert html.sniff("Plain text about the war.") == 0.0


# ---------------------------------------------------------------- live-blog page


@pytest.fixture(scope="module")
def liveblog():
    return html.read(load("liveblog_page.html"))


def test_liveblog_metadata(liveblog):
    assert liveblog.format == "html"
    assert liveblog.title == "Ukraine war live: drones target Odesa port overnight"
    assert liveblog.url == "https://news.example.org/world/live/2023/mar/10/ukraine-war-live"
    assert liveblog.source == "Example Daily"
    assert liveblog.language == "en-GB"
    assert liveblog.published_at == utc(2023, 3, 10, 5, 2)
    assert liveblog.updated_at == utc(2023, 3, 10, 10, 40)  # +01:00 on the page
    assert liveblog.standfirst.startswith("Regional governor says")
    assert "Grain corridor" not in liveblog.standfirst
    assert liveblog.path is None and liveblog.content_hash is None


def test_liveblog_entries_chronological_and_unique(liveblog):
    assert [e.native_id for e in liveblog.entries] == ["z0", "a1", "b2", "c3", "d4"]
    times = [e.posted_at for e in liveblog.entries]
    assert times == sorted(times)
    assert all(t.tzinfo is not None for t in times)


def test_liveblog_kinds_headlines_key_events(liveblog):
    by_id = {e.native_id: e for e in liveblog.entries}
    assert by_id["d4"].kind is EntryKind.SUMMARY
    assert by_id["d4"].headline == "Summary of the morning"
    assert by_id["c3"].kind is EntryKind.UPDATE and by_id["c3"].key_event
    assert not by_id["a1"].key_event
    assert by_id["b2"].headline is None


def test_liveblog_times_filled_from_json_ld(liveblog):
    b2 = next(e for e in liveblog.entries if e.native_id == "b2")
    assert b2.posted_at == utc(2023, 3, 10, 7, 5)  # no <time> in its markup
    assert b2.updated_at == utc(2023, 3, 10, 7, 20)
    assert any("only in the page's JSON-LD" in w for w in liveblog.warnings)


def test_liveblog_roles_keep_captions_and_embeds_out_of_text(liveblog):
    by_id = {e.native_id: e for e in liveblog.entries}
    c3, b2 = by_id["c3"], by_id["b2"]
    assert "Photograph" not in c3.text and "Photograph: Example Agency" in c3.raw_text
    assert "@local_reporter" not in b2.text and "Loud explosions" not in b2.text
    assert "the mayor told residents" in b2.text  # a plain blockquote is a quote, analysed
    assert "Related:" not in b2.text
    assert b2.text.startswith("Air defence units were active")
    assert [p.bullet for p in by_id["d4"].paragraphs] == [False, True, True, True]
    assert "Text that sits outside any paragraph is still kept." in by_id["a1"].text


def test_liveblog_furniture_removed(liveblog):
    everything = "\n".join(e.raw_text for e in liveblog.entries)
    for furniture in ("cookies", "Share on", "Updated at", "All rights reserved", "Sport", "10.30 GMT"):
        assert furniture not in everything


def test_liveblog_from_json_ld_only_distrusts_copied_times():
    page = """<html><head><title>Live</title><script type="application/ld+json">
    {"@type": "LiveBlogPosting", "headline": "War live", "datePublished": "2023-01-05T09:00:00Z",
     "liveBlogUpdate": [
      {"@type": "BlogPosting", "@id": "b2", "headline": "War live", "datePublished": "2023-01-05T09:00:00Z",
       "articleBody": "Second update text."},
      {"@type": "BlogPosting", "@id": "b1", "headline": "War live", "datePublished": "2023-01-05T09:00:00Z",
       "articleBody": "First update text."}]}
    </script></head><body><p>Loading…</p></body></html>"""
    doc = html.read(page)
    assert [e.native_id for e in doc.entries] == ["b1", "b2"]  # page order reversed
    assert all(e.posted_at is None and e.headline is None for e in doc.entries)
    assert any("same time" in w for w in doc.warnings)
    assert any("JSON-LD" in w and "markup" in w for w in doc.warnings)


def test_generic_block_class_without_times_is_not_a_live_blog():
    page = (
        "<html><head><title>An article</title></head><body><article>"
        "<div class='block'><p>Officials reported damage to a power station in the north of the region after "
        "an overnight strike, and engineers were sent to assess the turbines.</p></div>"
        "<div class='block'><p>Residents were told to expect scheduled outages for the rest of the week while "
        "repairs continue, the regional energy company said on Monday.</p></div>"
        "</article></body></html>"
    )
    doc = html.read(page)
    assert [e.kind for e in doc.entries] == [EntryKind.ARTICLE]
    assert len(doc.entries[0].paragraphs) == 2


# ---------------------------------------------------------------- article pages


def test_article_page():
    doc = html.read(load("article_page.html"), url="file:///saved/kharkiv.html")
    assert doc.title == "Power restored to most of Kharkiv after strikes on substations"
    assert doc.url == "https://wire.example.com/europe/kharkiv-power-restored"  # JSON-LD beats the argument
    assert doc.source == "Example Wire"
    assert doc.published_at == utc(2023, 2, 11, 7, 30)  # JSON-LD time beats the day-only date meta
    assert doc.updated_at == utc(2023, 2, 11, 12, 5)
    assert doc.language == "en"
    [entry] = doc.entries
    assert entry.kind is EntryKind.ARTICLE and entry.headline == doc.title
    assert entry.posted_at == doc.published_at
    assert entry.text.startswith("Electricity has been restored")
    assert "the head of the energy company said" in entry.text
    for furniture in ("cookies", "Share on", "Sign up", "All rights reserved", "Privacy", "More on this story",
                      "By A. Correspondent", "Europe | Business"):
        assert furniture not in entry.raw_text
    assert entry.paragraphs[0].text != doc.title


def test_url_argument_used_without_canonical():
    doc = html.read("<p>Sirens sounded across the east of the country overnight.</p>", url="https://x.example/a")
    assert doc.url == "https://x.example/a"


def test_truncated_page_gives_the_text_it_has():
    doc = html.read(load("truncated_page.html"))
    assert doc.title == "Shelling reported in Kherson"
    text = doc.entries[0].text
    assert "Several districts of Kherson came under artillery fire" in text
    assert text.endswith("put out a fire in a market buil")
    doc = html.read(load("truncated_midtag.html"))
    assert doc.entries[0].text.endswith("The alert lasted almost four hours")


def test_fallback_when_trafilatura_finds_nothing():
    doc = html.read("<p>Sirens sounded in Lviv overnight.")
    assert doc.entries[0].text == "Sirens sounded in Lviv overnight."
    assert any("trafilatura" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "page",
    ["", "<html><head><title>Menu only</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
     "<html><body><script>var a = 1;</script></body></html>", "<div"],
)
def test_no_readable_text(page):
    with pytest.raises(ValueError, match="no readable text in the page"):
        html.read(page)


def test_bad_json_ld_is_a_warning_not_a_failure():
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", </script></head>'
            "<body><article><p>Troops crossed the river at dawn, the general staff said in its morning report, "
            "and fighting continued on the left bank through the day.</p></article></body></html>")
    doc = html.read(page)
    assert doc.entries and any("JSON-LD" in w for w in doc.warnings)


def test_chronological_without_times_reverses_page_order():
    from sitroom.model import Entry

    entries = [Entry(kind=EntryKind.UPDATE, native_id=str(i)) for i in range(3)]
    assert [e.native_id for e in chronological(entries)] == ["2", "1", "0"]


def test_sniff_of_text_without_markup_is_zero():
    """Every marker is a tag: a head without '<' is not HTML, however it starts."""
    assert html.sniff("Plain text about the war.\n" * 500 + "<html><body>late</body></html>") == 0.0
    assert html.sniff("\ufeff  \n<!DOCTYPE html><html>") >= 0.9
