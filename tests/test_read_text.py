"""The two plain-text live-blog layouts, on the seeds (when present) and on our own examples."""

from datetime import date

from .conftest import EXAMPLES
from sitroom.clean import clean
from sitroom.model import EntryKind, Role
from sitroom.read import detect, liveblog, liveupdates, read_file

SEED_SECTIONS = [
    "Nearly All of Bakhmut Evacuated Amid Shelling",
    "Kremlin Says Ukraine is Not Ready for Peace Talks",
    "Over 1,000 Civilian Bodies Found in 4 Oblasts, Report",
    "Ukraine Says 11K Russian Troops Training in Belarus",
    "Catherine the Great Statue Replaced With Ukrainian Flag",
    "Ukrainian Missile Reportedly Lands in Belarus",
    "Russian Airbase Reportedly Hit by UAVs",
    "Ukraine Plans to Make Air-to-Air Combat Drones",
    "Ukrainian Military Official Says Fighting is in Deadlock",
    "Russian Ruble Hits Lowest Value in Months",
    "Russia Launches Massive Missile Attack",
]


def test_seed_key_points_page(seeds):
    path = str(seeds / "liveupdates-2022-12-29.txt")
    (doc,) = read_file(path)
    assert doc.format == "liveupdates_text"
    assert doc.published_at == date(2022, 12, 29)
    key_points = [e for e in doc.entries if e.kind is EntryKind.KEY_POINTS]
    assert len(key_points) == 1 and len(key_points[0].paragraphs) == 5
    assert all(p.bullet for p in key_points[0].paragraphs)
    assert key_points[0].paragraphs[3].text.startswith("The Ukrainian Defense Ministry said its air defense shot down 54")
    sections = [e for e in doc.entries if e.kind is EntryKind.UPDATE]
    assert [e.headline for e in sections] == SEED_SECTIONS
    assert sections[0].paragraphs[0].text.startswith("Nearly the entire city")
    assert sections[-1].paragraphs[-1].text.startswith("Missile strikes also hit the Kharkiv region")


def test_seed_live_blog(seeds):
    path = str(seeds / "liveblog-2023-01-04.txt")
    (doc,) = read_file(path)
    doc = clean(doc)
    assert doc.format == "liveblog_text"
    assert doc.title.startswith("Head of Ukraine military intelligence tells Kremlin")
    assert doc.standfirst.startswith("Kyrylo Budanov says")
    assert doc.published_at == date(2023, 1, 4)
    assert doc.updated_at.isoformat() == "2023-01-04T18:59:00+00:00"
    summaries = [e for e in doc.entries if e.kind is EntryKind.SUMMARY]
    assert [e.headline for e in summaries] == ["Summary", "Summary of the day so far …", "Summary of the day so far …", "Summary"]
    # Chronological: the welcome summary first, the closing round-up last.
    assert doc.entries[0].paragraphs[0].text.startswith("Hello and welcome")
    assert doc.entries[-1].paragraphs[0].text.startswith("The blog is now closing")
    assert all(e.kind is EntryKind.UPDATE for e in doc.entries if e not in summaries)
    headlines = {e.headline for e in doc.entries}
    assert {"Moscow revises Makiivka death toll to 89", "Air alerts reported in Mykolaiv and Kyiv"} <= headlines
    analysed = "\n".join(e.text for e in doc.entries)
    for furniture in ("Photograph:", "pic.twitter.com", "(@DefenceHQ)", "(@KyivPost)", "Related Content", "Article image"):
        assert furniture not in analysed
    captions = [p.text for e in doc.entries for p in e.paragraphs if p.role is Role.CAPTION]
    assert "Kyiv residents using the subway as a shelter on new year’s eve." in captions
    assert sum("Photograph:" in c for c in captions) == 3
    embeds = [p.text for e in doc.entries for p in e.paragraphs if p.role is Role.EMBED]
    assert sum(text.startswith("—") for text in embeds) == 3
    # The writer's lead-in to a post stays text; the post does not.
    assert any(p.text.startswith("This video clip purports") and p.role is Role.TEXT for e in doc.entries for p in e.paragraphs)
    assert any(p.role is Role.RELATED for p in doc.extras)


def test_example_layouts_are_detected_by_content(tmp_path):
    text = (EXAMPLES / "liveblog-2023-01-04.txt").read_text()
    renamed = tmp_path / "no-hint.dat"
    renamed.write_text(text)
    assert detect(text).name == "liveblog_text"
    assert detect((EXAMPLES / "liveupdates-2022-12-29.txt").read_text()).name == "liveupdates_text"
    (doc,) = read_file(str(renamed))
    assert doc.format == "liveblog_text" and doc.published_at is None


def test_example_key_points_page():
    (doc,) = read_file(str(EXAMPLES / "liveupdates-2022-12-29.txt"))
    assert doc.entries[0].kind is EntryKind.KEY_POINTS
    assert 4 <= len(doc.entries[0].paragraphs) <= 5
    sections = doc.entries[1:]
    assert 5 <= len(sections) <= 7
    assert all(e.headline and e.kind is EntryKind.UPDATE and len(e.paragraphs) >= 2 for e in sections)


def test_example_live_blog():
    (doc,) = read_file(str(EXAMPLES / "liveblog-2023-01-04.txt"))
    doc = clean(doc)
    kinds = [e.kind for e in doc.entries]
    assert kinds[0] is EntryKind.SUMMARY and kinds[-1] is EntryKind.SUMMARY
    assert kinds.count(EntryKind.SUMMARY) >= 3 and kinds.count(EntryKind.UPDATE) >= 8
    roles = {p.role for e in doc.entries for p in e.paragraphs}
    assert {Role.CAPTION, Role.EMBED, Role.QUOTE} <= roles
    analysed = "\n".join(e.text for e in doc.entries)
    assert "Photograph:" not in analysed and "pic.twitter.com" not in analysed
    assert "89" in analysed and "63" in analysed


def test_liveblog_without_trailer_or_header():
    text = "A short blog\n\nFirst thing happened in Kharkiv, officials said.\n\nUpdated\n\nEarlier: a quieter night in Odesa, the governor said.\n"
    doc = liveblog.read(text)
    assert [e.text for e in doc.entries] == [
        "Earlier: a quieter night in Odesa, the governor said.",
        "First thing happened in Kharkiv, officials said.",
    ]


def test_liveupdates_rejects_impossible_date():
    import pytest

    with pytest.raises(ValueError, match="impossible date"):
        liveupdates.read("date 2022-13-45 Title\n- a point\n")


def test_liveupdates_sniff_finds_the_first_line_past_a_long_head():
    """The first line is looked for in the page's head first; blank lines, a page shorter than
    the head, a line cut by the head's end and a head of blank lines all find the same line."""
    first = "date 2022-12-29 Russia-Ukraine War"
    assert liveupdates.first_line(f"\n  \n{first}\nKey points\n") == first
    assert liveupdates.first_line(first) == first  # one line, no line break: only the whole page has it
    long_line = "date 2022-12-29 " + "word " * 2000
    assert liveupdates.first_line(long_line + "\nmore") == long_line
    assert liveupdates.sniff(long_line + "\nmore") == 1.0
    blank_head = "\n" * (liveupdates.SNIFF_HEAD + 10) + first + "\r\nnext"
    assert liveupdates.first_line(blank_head) == first and liveupdates.sniff(blank_head) == 1.0
    cut_crlf = " " * (liveupdates.SNIFF_HEAD - 5) + "date\r\nlater"  # \r\n straddles the head's end
    assert liveupdates.first_line(cut_crlf) == cut_crlf.splitlines()[0]
    assert liveupdates.sniff("\n\nSome other page\n" + first) == 0.0


def test_liveblog_sniff_scores_every_sign_wherever_it_is():
    """Each test stops at its first matching line; a sign far down the page still counts."""
    page = "War live – as it happened\nLast modified: 05: 00 PM GMT+0\n\nSummary\n\n  • A bullet.\n\nUpdated\n"
    assert liveblog.sniff(page) == 1.0
    late = "Some title\n" + "A line of prose.\n" * 3000 + "Updated\n"
    assert liveblog.sniff(late) == 0.5
    assert liveblog.sniff("Some title\n" + "A line of prose.\n" * 5000 + "Updated\n") == 0.0  # beyond 4,000 lines
    assert liveblog.sniff("Title\n\n   Summary of the day   \n") == 0.2  # lines are stripped before matching
    assert liveblog.sniff("") == 0.0


def test_normalise_space_keeps_single_spaced_text_and_collapses_the_rest():
    """Text already single spaced comes back as it is; any other white space (tabs, line
    breaks, no-break and ideographic spaces, doubled or edge spaces) is collapsed to one space."""
    from sitroom.textshape import normalise_space

    assert normalise_space("Kyiv said 40 percent were without power.") == "Kyiv said 40 percent were without power."
    assert normalise_space("Обстріл Харкова, 5 km away") == "Обстріл Харкова, 5 km away"
    for messy in ("a\tb", "a\nb", "a  b", " a b", "a b ", "a\u00a0b", "a\u3000b", "a\u2028b", "a\x1fb"):
        assert normalise_space(messy) == "a b", repr(messy)
    assert normalise_space("soft\u00adhyphen and zero\u200bwidth") == "softhyphen and zerowidth"
    assert normalise_space("Cafe\u0301") == "Café"
