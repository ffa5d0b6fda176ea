"""Time expressions resolved against the time a text was written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from sitroom.extract.dates import carries, event_date, resolve_dates, sentence_dates

from .seedtext import seed_sentence

WEDNESDAY = date(2023, 1, 4)  # the day of the seed live blog


def days(text: str, anchor: date | datetime | None = WEDNESDAY) -> list[tuple[date, date]]:
    return [(ref.start, ref.end) for ref in resolve_dates(text, anchor)]


def d(month: int, day: int, year: int = 2023) -> date:
    return date(year, month, day)


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        ("the strike on New Year's Eve", date(2023, 1, 2), (d(12, 31, 2022), d(12, 31, 2022))),
        ("the strike on new year’s eve", WEDNESDAY, (d(12, 31, 2022), d(12, 31, 2022))),
        ("on Christmas Day", WEDNESDAY, (d(12, 25, 2022), d(12, 25, 2022))),
        ("on Orthodox Christmas", date(2023, 1, 9), (d(1, 7), d(1, 7))),
        ("Russia attacked on Thursday", WEDNESDAY, (d(12, 29, 2022), d(12, 29, 2022))),
        ("Russia attacked Thursday", date(2022, 12, 29), (d(12, 29, 2022), d(12, 29, 2022))),
        ("last Wednesday", WEDNESDAY, (d(12, 28, 2022), d(12, 28, 2022))),
        ("yesterday", WEDNESDAY, (d(1, 3), d(1, 3))),
        ("today", WEDNESDAY, (d(1, 4), d(1, 4))),
        ("this morning", datetime(2023, 1, 4, 9, 30), (d(1, 4), d(1, 4))),
        ("overnight", datetime(2023, 1, 4, 7, 0), (d(1, 3), d(1, 4))),
        ("last night", datetime(2023, 1, 4, 22, 0), (d(1, 3), d(1, 4))),
        ("in the past 24 hours", WEDNESDAY, (d(1, 3), d(1, 4))),
        ("over the past week", WEDNESDAY, (d(12, 28, 2022), d(1, 4))),
        ("last week", WEDNESDAY, (d(12, 26, 2022), d(1, 1))),
        ("earlier this week", WEDNESDAY, (d(1, 2), d(1, 3))),
        ("last month", WEDNESDAY, (d(12, 1, 2022), d(12, 31, 2022))),
        ("earlier this month", date(2023, 1, 20), (d(1, 1), d(1, 19))),
        ("the weekend strike", WEDNESDAY, (d(12, 31, 2022), d(1, 1))),
        ("two days ago", WEDNESDAY, (d(1, 2), d(1, 2))),
        ("26 December", WEDNESDAY, (d(12, 26, 2022), d(12, 26, 2022))),
        ("December 26", WEDNESDAY, (d(12, 26, 2022), d(12, 26, 2022))),
        ("on December 26th", WEDNESDAY, (d(12, 26, 2022), d(12, 26, 2022))),
        ("26 Dec 2022", None, (d(12, 26, 2022), d(12, 26, 2022))),
        ("January 4, 2023", None, (d(1, 4), d(1, 4))),
        ("on 3 January", WEDNESDAY, (d(1, 3), d(1, 3))),
        ("2022-12-29", None, (d(12, 29, 2022), d(12, 29, 2022))),
        ("29.12.2022", None, (d(12, 29, 2022), d(12, 29, 2022))),
        ("12/29/2022", None, (d(12, 29, 2022), d(12, 29, 2022))),
        ("since February 24", WEDNESDAY, (d(2, 24, 2022), d(1, 4))),
        ("since the start of the full-scale invasion", WEDNESDAY, (d(2, 24, 2022), d(1, 4))),
        ("since September", WEDNESDAY, (d(9, 1, 2022), d(1, 4))),
        ("in February, when Russia invaded", WEDNESDAY, (d(2, 1, 2022), d(2, 28, 2022))),
        ("late December", WEDNESDAY, (d(12, 21, 2022), d(12, 31, 2022))),
        ("in mid-January", date(2023, 2, 1), (d(1, 11), d(1, 20))),
        ("from 10 to 16 December", WEDNESDAY, (d(12, 10, 2022), d(12, 16, 2022))),
        ("from 24 February to 3 March", WEDNESDAY, (d(2, 24, 2022), d(3, 3, 2022))),
        ("in 2014", None, (d(1, 1, 2014), d(12, 31, 2014))),
    ],
)
def test_resolves(text: str, anchor: date | datetime | None, expected: tuple[date, date]) -> None:
    assert days(text, anchor) == [expected]


def test_year_less_date_after_the_anchor_rolls_back() -> None:
    assert days("on 31 December", d(1, 2)) == [(d(12, 31, 2022), d(12, 31, 2022))]
    assert days("on 3 January", d(1, 2)) == [(d(1, 3), d(1, 3))]  # one day's slack for time zones
    # just across New Year a day ahead is the coming one, not one nearly a year back
    assert days("evacuees will be moved west from January 2", d(12, 29, 2022)) == [(d(1, 2), d(1, 2))]


def test_future_sentences_mean_the_next_one() -> None:
    assert days("The EU will hold a summit in Kyiv on 3 February", WEDNESDAY) == [(d(2, 3), d(2, 3))]
    assert days("Leaders will meet on Friday", WEDNESDAY) == [(d(1, 6), d(1, 6))]
    assert days("talks are scheduled for 10 January", d(12, 20, 2022)) == [(d(1, 10), d(1, 10))]


def test_expectations_and_plans_point_forward() -> None:
    # a month or day after the anchor, in a clause of what is expected or planned: this year's
    assert days("Analysts expect the heaviest fighting of the winter in March", WEDNESDAY) == [(d(3, 1), d(3, 31))]
    assert days("The general expects the offensive to peak in March", WEDNESDAY) == [(d(3, 1), d(3, 31))]
    assert days("A meeting of defence ministers is due in Brussels on 14 February", WEDNESDAY) == [
        (d(2, 14), d(2, 14))]
    assert days("The next aid conference is expected in Paris on 20 January", WEDNESDAY) == [(d(1, 20), d(1, 20))]
    assert days("Kyiv plans to reopen the bridge in March", WEDNESDAY) == [(d(3, 1), d(3, 31))]


def test_past_sentences_keep_rolling_back() -> None:
    assert days("Russian troops reached the outskirts of the town in March", WEDNESDAY) == [
        (d(3, 1, 2022), d(3, 31, 2022))]
    assert days("A shell hit the school on 14 February", WEDNESDAY) == [(d(2, 14, 2022), d(2, 14, 2022))]
    # a later clause about the future does not move the date of what happened
    assert days("The dam was hit on Monday and engineers expect repairs to take weeks", WEDNESDAY) == [
        (d(1, 2), d(1, 2))]


def test_words_that_are_no_dates() -> None:
    assert days("Prices may rise, and protesters march on", WEDNESDAY) == []
    assert days("No date at all in this sentence", WEDNESDAY) == []


def test_relative_expressions_need_an_anchor() -> None:
    assert days("yesterday and on 3 January", None) == []
    assert days("on 3 January 2023", None) == [(d(1, 3), d(1, 3))]


def test_text_is_the_words_that_gave_it() -> None:
    [ref] = resolve_dates("The drone struck since February 24, officials said", WEDNESDAY)
    assert ref.text == "since February 24"


def test_event_date_prefers_the_event_over_the_statement() -> None:
    ref = event_date("In its update on Wednesday, the general staff said Russia launched 18 airstrikes in the "
                     "past 24 hours.", WEDNESDAY)
    assert (ref.start, ref.end, ref.text) == (d(1, 3), d(1, 4), "in the past 24 hours")
    ref = event_date("A vigil was held in Samara on Tuesday for soldiers killed in Makiivka on New Year's Eve.",
                     WEDNESDAY)
    assert (ref.start, ref.text) == (d(12, 31, 2022), "New Year's Eve")


def test_event_date_falls_back_to_the_anchor() -> None:
    ref = event_date("Missile strikes hit the Kharkiv region.", datetime(2023, 1, 4, 15, 0))
    assert (ref.start, ref.end, ref.text) == (WEDNESDAY, WEDNESDAY, "")
    ref = event_date("The ministry on Wednesday blamed mobile phones for the strike.", WEDNESDAY)
    assert ref.text == ""  # the only date is when it was said
    assert event_date("Missile strikes hit the Kharkiv region.", None) is None


def test_seed_new_years_eve_strike(seeds: Path) -> None:
    sentence = seed_sentence(seeds, "liveblog-2023-01-04.txt", "strike on New Year’s Eve that killed 89")
    ref = event_date(sentence, WEDNESDAY)
    assert (ref.start, ref.end) == (d(12, 31, 2022), d(12, 31, 2022))


def test_seed_thursday_attack(seeds: Path) -> None:
    sentence = seed_sentence(seeds, "liveupdates-2022-12-29.txt", "launched a new missile strike across Ukraine")
    ref = event_date(sentence, date(2022, 12, 29))
    assert (ref.start, ref.text) == (d(12, 29, 2022), "Thursday")


def test_seed_summit_is_in_the_future(seeds: Path) -> None:
    sentence = seed_sentence(seeds, "liveblog-2023-01-04.txt", "will hold a summit in Kyiv on 3 February")
    # the summit is ahead; "the bloc on Tuesday would not confirm" is behind
    assert days(sentence) == [(d(2, 3), d(2, 3)), (d(1, 3), d(1, 3))]


def test_seed_ohchr_cutoff(seeds: Path) -> None:
    sentence = seed_sentence(seeds, "liveupdates-2022-12-29.txt", "6,884 civilian deaths")
    assert (d(12, 26, 2022), d(12, 26, 2022)) in days(sentence, date(2022, 12, 29))


def test_seed_forecast_for_march(seeds: Path) -> None:
    sentence = seed_sentence(seeds, "liveblog-2023-01-04.txt", "expects fighting to be ‘hottest’ in March")
    ref = event_date(sentence, WEDNESDAY)
    assert (ref.start, ref.end) == (d(3, 1), d(3, 31))


MONDAY = d(1, 2)


@pytest.mark.parametrize(
    "text",
    [
        "Russia's defence ministry said on Monday that 63 soldiers were killed.",
        "The defence ministry on Monday said 63 soldiers were killed in the strike.",
        "On Monday, Russia's defence ministry said 63 soldiers were killed.",
        "The governor said in a Telegram post late on Monday that two people were killed.",
        "Ukraine's military told Reuters on Monday that the strike killed 12 people.",
        "Monday's statement by the ministry said 63 soldiers died.",
        "In a statement on Monday the ministry claimed that 63 soldiers died.",
        "The ministry said on Monday missile strikes killed three people.",
    ],
)
def test_a_date_of_saying_dates_the_statement_not_the_event(text: str) -> None:
    found = sentence_dates(text, WEDNESDAY)
    assert found.event is None
    assert (found.said.start, found.said.end) == (MONDAY, MONDAY)
    ref = event_date(text, WEDNESDAY)
    assert (ref.start, ref.text) == (WEDNESDAY, "")  # no date of its own: the entry's day


@pytest.mark.parametrize(
    "text, expected",
    [
        # another date of the sentence dates the event
        ("Russia said on Monday that 63 soldiers were killed in a strike on New Year's Eve.", d(12, 31, 2022)),
        # a date inside what was said, or right after an event word, is the event's
        ("The governor said that on Monday Russian missiles hit Kyiv.", MONDAY),
        ("Russian forces shelled Kherson on Monday, the governor said on Tuesday.", MONDAY),
        ("Officials said Monday's strike killed three people.", MONDAY),
        ("Kyiv has not claimed responsibility for the 26 December attack on the air base.", d(12, 26, 2022)),
        ("Strikes on Monday, the governor said, killed three people.", MONDAY),
        ("On Monday, 63 soldiers were killed, the ministry said.", MONDAY),
        ("Explosions were reported on Monday in Kyiv.", MONDAY),
        ("Zelensky on Monday visited troops near Bakhmut and said the front was holding.", MONDAY),
    ],
)
def test_a_date_of_the_event_stays_the_events(text: str, expected: date) -> None:
    assert event_date(text, WEDNESDAY).start == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ministry called it one of the most massive missile attacks since the beginning of the invasion in February.",
        "It was the largest drone attack since the invasion began in February.",
        "It was the deadliest strike on the city since Russia invaded in February 2022.",
        "Since the war started on 24 February, the city has lost power 40 times.",
    ],
)
def test_when_the_war_began_is_a_period_start_not_the_events_date(text: str) -> None:
    found = sentence_dates(text, WEDNESDAY)
    assert found.event is None
    assert found.period is not None and found.period.start.month == 2 and found.period.end == WEDNESDAY
    # a month named on its own still dates the event
    assert sentence_dates("The war began in February.", WEDNESDAY).event.start == d(2, 1, 2022)


def test_a_sentence_without_its_own_date_takes_the_carried_one() -> None:
    carried = event_date("Russian missiles struck Kramatorsk on Monday.", WEDNESDAY)
    assert carries(carried, WEDNESDAY)
    ref = event_date("The mayor said on Tuesday that three people were killed.", WEDNESDAY, carried)
    assert ref is carried
    # a sentence's own date wins over the carried one
    assert event_date("Two more died on Tuesday.", WEDNESDAY, carried).start == d(1, 3)


def test_what_carries_to_the_next_sentence() -> None:
    assert not carries(event_date("Missile strikes hit the Kharkiv region.", WEDNESDAY), WEDNESDAY)  # the anchor
    assert not carries(event_date("In 2014 Russia annexed Crimea.", WEDNESDAY), WEDNESDAY)  # a year
    assert not carries(event_date("The summit will open on 3 February.", WEDNESDAY), WEDNESDAY)  # ahead
    assert carries(event_date("Shelling killed two overnight.", WEDNESDAY), WEDNESDAY)
