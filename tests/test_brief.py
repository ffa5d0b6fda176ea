"""The brief's parts alone (centrality, sentence quality, ranking) and on a small real store: what
the day's coverage keeps returning to leads, background and announcements do not, a paragraph no
event came from can still be a point, and two points never retell one story."""

from __future__ import annotations

from datetime import UTC, datetime

from sitroom.analyse import extract_pending, link_pending
from sitroom.brief import make_brief
from sitroom.brief.centrality import Centrality, sentences, words
from sitroom.brief.compose import Candidate, following_sentences, quality
from sitroom.brief.rank import BACKGROUND_DAYS, UNTOLD, Evidence, background, score
from sitroom.clean import clean
from sitroom.ingest import store_document
from sitroom.model import Document, Entry, EntryKind, Paragraph


def candidate(text: str, **kwargs) -> Candidate:
    fields = dict(entry_id=1, lead=True, figures=0, attributed=True, human_point=False, following=[])
    fields.update(kwargs)
    return Candidate(text=text, **fields)


def evidence(**kwargs) -> Evidence:
    fields = dict(
        family="attack",
        subtype="missile_attack",
        outlets=1,
        entries=1,
        casualties=0.0,
        new=True,
        revised=False,
        attributed=1.0,
        placed=True,
        key_event=False,
        headline=0.0,
    )
    fields.update(kwargs)
    return Evidence(**fields)


# -- centrality -------------------------------------------------------------------------------


def test_words_stem_and_keep_figures():
    assert words("The strikes killed 89 servicemen") == words("a strike kills 89 serviceman")[:2] + ["89", "servicemen"]
    assert words("Makiivka's barracks") == ["makiivka", "barrack"]
    assert sentences("One. Two here.\nThree") == ["One.", "Two here.", "Three"]


def test_a_story_other_reports_return_to_is_central():
    central = Centrality(
        [
            (1, "A missile hit the barracks in Makiivka, killing 63 soldiers."),
            (2, "The toll from the Makiivka barracks strike rose to 89 soldiers."),
            (3, "Relatives gathered in Samara to mourn the soldiers killed at the Makiivka barracks."),
            (4, "A bakery reopened in Lviv after repairs."),
        ]
    )
    makiivka = central.score("The Makiivka barracks strike killed 89 soldiers.", 2)
    bakery = central.score("A bakery reopened in Lviv after repairs.", 4)
    assert makiivka > bakery
    # An entry's own sentences do not count for it: a report cannot vouch for itself.
    assert central.score("A bakery reopened in Lviv after repairs.", 4) < central.score(
        "A bakery reopened in Lviv after repairs.", 1
    )


def test_similarity_weighs_rare_shared_words():
    central = Centrality(
        [(1, "Ammunition stored near the quarters exploded, 12.5km from Avdiivka."), (2, "Talks in Ankara.")]
    )
    same = central.similarity(
        "Ammunition stored near the quarters exploded 12.5km from Avdiivka.",
        "The building stood 12.5km from Avdiivka, where ammunition was stored.",
    )
    other = central.similarity("Ammunition stored near the quarters exploded.", "Talks in Ankara went on.")
    assert same > 0.25 > other


# -- sentence quality and ranking -------------------------------------------------------------


def test_announcing_a_message_is_not_news_but_what_it_says_is():
    announces = candidate(
        "The Ukrainian president has just posted a message on Telegram following a call with his counterpart."
    )
    says = candidate("The Ukrainian president said on Telegram that the two leaders agreed to strengthen air defences.")
    assert quality(says) > quality(announces)


def test_a_quote_whose_speaker_is_a_pronoun_cannot_stand_alone():
    assert (
        quality(
            candidate("“This factor allowed the enemy to find the soldiers,” it said in a statement issued overnight.")
        )
        < 0
    )
    assert (
        quality(
            candidate("“This factor allowed the enemy to find the soldiers,” the defence ministry said in a statement.")
        )
        >= 0
    )


def test_a_point_runs_on_into_the_next_paragraph_only_where_it_goes_on_with_the_story():
    text = (
        "Russia's defence ministry said 89 servicemen died in the strike on the Makiivka barracks.\n"
        "The ministry blamed the soldiers' use of mobile phones for the strike on the barracks.\n"
        "Japan's prime minister will visit Washington next week."
    )
    end = text.index("\n")
    assert following_sentences(text, end) == [
        "The ministry blamed the soldiers' use of mobile phones for the strike on the barracks."
    ]
    summary = (
        "Unconfirmed reports say air defence was active twice over Sevastopol overnight.\n"
        "Zelenskiy used his nightly address to warn of a new Russian offensive."
    )
    assert following_sentences(summary, summary.index("\n")) == []
    quoted = "The governor said the city was calm.\n“We are ready for anything,” he told reporters."
    assert following_sentences(quoted, quoted.index("\n")) == ["“We are ready for anything,” he told reporters."]


def test_a_sentence_that_leans_on_the_one_before_is_never_a_point():
    for text in (
        "He expects fighting to be at its fiercest in March, with a counter-offensive in spring.",
        "According to the official, this is the first time western armoured vehicles have been promised.",
        "This latest attack also caused more damage to the energy grid in several regions.",
    ):
        assert quality(candidate(text)) < 0, text
        assert quality(candidate(text, human_point=True)) < 0, text  # a newsroom's bullet too
    for text in (
        "According to the National Police, more than 1,100 bodies of civilians have been found.",
        "According to the official statistics of the agency, exports fell by a third in December.",
    ):
        assert quality(candidate(text)) >= 0, text


def test_old_happenings_are_background_unless_revised_that_day():
    assert background(evidence(age=BACKGROUND_DAYS + 30))
    assert not background(evidence(age=BACKGROUND_DAYS + 30, revised=True))
    assert not background(evidence(age=BACKGROUND_DAYS))


def test_an_untold_paragraph_ranks_below_a_confirmed_incident():
    untold = evidence(family=UNTOLD, subtype="", attributed=0.0, placed=False)
    assert score(untold) < score(evidence(outlets=2, entries=2, casualties=10))


# -- on a real store --------------------------------------------------------------------------

DAY = datetime(2023, 1, 4, 9, tzinfo=UTC)


def blog(*posts: str) -> Document:
    entries = [
        Entry(EntryKind.UPDATE, [Paragraph(p) for p in post.split("\n")], posted_at=DAY.replace(hour=9 + n))
        for n, post in enumerate(posts)
    ]
    return clean(Document(format="liveblog_text", title="Russia-Ukraine war live", published_at=DAY, entries=entries))


def test_brief_keeps_what_extraction_missed_and_never_retells_a_story(store):
    doc = blog(
        "Russian missiles struck an apartment block in Dnipro on Wednesday, killing 12 people, the regional governor said.",
        "Rescuers in Dnipro were still searching the apartment block on Wednesday evening, the governor said, as the toll from the missile strike stood at 12.",
        "Ukraine's navy claimed in a message on Facebook that Russia has three combat-ready ships in action in the Black Sea.",
        "A bakery in Lviv opened its doors again.",
    )
    store_document(store, doc)
    extract_pending(store)
    link_pending(store)
    brief = make_brief(store, "2023-01-04", max_points=4)
    texts = [p.text for p in brief.points]
    assert texts and "Dnipro" in texts[0]
    assert sum("Dnipro" in t for t in texts) == 1  # the rescue report retells the strike
    navy = [p for p in brief.points if "navy" in p.text]
    assert navy and navy[0].entry_ids, texts
    entry_ids = {row[0] for row in store.db.execute("SELECT id FROM entries")}
    assert all(set(p.entry_ids) <= entry_ids for p in brief.points)


def test_an_incident_is_told_by_a_report_of_its_own_kind(store):
    doc = blog(
        "Ukraine's public broadcaster said its correspondents in the southern city of Kherson heard loud "
        "explosions this morning.",
        "Residents across the south spent another night in shelters. Ukraine's general staff said Russian "
        "missiles struck civilian infrastructure in Kherson on Wednesday, wounding three people.",
    )
    store_document(store, doc)
    extract_pending(store)
    link_pending(store)
    incidents = {row[0] for row in store.db.execute("SELECT incident_id FROM incident_events")}
    assert len(incidents) == 1  # the explosions heard join the strike
    # The broadcaster's lead reads better alone, but the strike is what the incident is.
    points = make_brief(store, "2023-01-04", max_points=2).points
    assert len(points) == 1 and points[0].text.startswith("Ukraine's general staff said"), points


def test_what_was_said_or_done_long_ago_is_background(store):
    doc = blog(
        "Russian missiles struck an apartment block in Dnipro on Wednesday, killing 12 people, the regional governor said.",
        "In October, the French president said Paris would provide air defence systems to Kyiv.",
        "France last year supplied several Caesar howitzers to Ukraine.",
        "Ukraine's navy claimed in a message on Facebook that Russia has three combat-ready ships in the Black Sea.",
    )
    store_document(store, doc)
    extract_pending(store)
    link_pending(store)
    texts = [p.text for p in make_brief(store, "2023-01-04", max_points=4).points]
    assert any("Dnipro" in t for t in texts) and any("navy" in t for t in texts)
    assert not any("October" in t or "last year" in t for t in texts), texts
