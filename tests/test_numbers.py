"""Numbers in the forms war coverage writes them, and the spans that are not counts."""

from __future__ import annotations

import pytest

from sitroom.extract.numbers import Quantity, find_numbers, parse_quantity


def counts(text: str) -> list[tuple[str, str]]:
    return [(n.text, n.kind) for n in find_numbers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("54", Quantity(54, 54, 54)),
        ("more than 70,000", Quantity(70000, 70000, None)),
        ("over 1,000", Quantity(1000, 1000, None)),
        ("at least 12", Quantity(12, 12, None)),
        ("85+", Quantity(85, 85, None)),
        ("up to 10", Quantity(10, None, 10)),
        ("fewer than 40", Quantity(40, None, 40)),
        ("nearly 500", Quantity(500, None, 500, approximate=True)),
        ("almost 90 percent", Quantity(90, None, 90, approximate=True, unit="percent")),
        ("about 5,200", Quantity(5200, None, None, approximate=True)),
        ("some 8,700", Quantity(8700, None, None, approximate=True)),
        ("an estimated 11,000", Quantity(11000, None, None, approximate=True)),
        ("11K", Quantity(11000, 11000, 11000)),
        ("1.5 million", Quantity(1_500_000, 1_500_000, 1_500_000)),
        ("2m people", Quantity(2_000_000, 2_000_000, 2_000_000)),
        ("seven", Quantity(7, 7, 7)),
        ("Thirty-one", Quantity(31, 31, 31)),
        ("twenty-one", Quantity(21, 21, 21)),
        ("one hundred and twenty", Quantity(120, 120, 120)),
        ("three hundred thousand", Quantity(300_000, 300_000, 300_000)),
        ("a dozen", Quantity(12, None, None, approximate=True)),
        ("half a dozen", Quantity(6, None, None, approximate=True)),
        ("between 20 and 30", Quantity(None, 20, 30)),
        ("20-30", Quantity(None, 20, 30)),
        ("two or three", Quantity(None, 2, 3)),
        ("2-3 million", Quantity(None, 2_000_000, 3_000_000)),
        ("40%", Quantity(40, 40, 40, unit="percent")),
        ("40 per cent", Quantity(40, 40, 40, unit="percent")),
        ("two-thirds of the city", Quantity(66.7, 66.7, 66.7, unit="percent")),
        ("nearly half of Kyiv", Quantity(50, None, 50, approximate=True, unit="percent")),
        ("$1.85bn", Quantity(1_850_000_000, 1_850_000_000, 1_850_000_000, unit="USD")),
        ("€500m", Quantity(500_000_000, 500_000_000, 500_000_000, unit="EUR")),
        ("£2.3 billion", Quantity(2_300_000_000, 2_300_000_000, 2_300_000_000, unit="GBP")),
        ("500 million euros", Quantity(500_000_000, 500_000_000, 500_000_000, unit="EUR")),
        ("1 116 bodies", Quantity(1116, 1116, 1116)),
        ("about 5.200 people", Quantity(5200, None, None, approximate=True)),
    ],
)
def test_parse_quantity(text: str, expected: Quantity) -> None:
    got = parse_quantity(text)
    assert got is not None
    assert (got.low, got.high, got.approximate, got.unit) == (expected.low, expected.high, expected.approximate,
                                                              expected.unit)
    if expected.value is None:
        assert got.value is None
    else:
        assert got.value == pytest.approx(expected.value)


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("dozens of people", 24, None),
        ("hundreds of bodies", 200, 999),
        ("thousands", 2_000, 9_999),
        ("tens of thousands of troops", 20_000, 99_999),
        ("hundreds of thousands of refugees", 200_000, 999_999),
        ("several hundred soldiers", 200, 999),
    ],
)
def test_vague_plurals_have_bounds_and_no_value(text: str, low: float, high: float | None) -> None:
    got = parse_quantity(text)
    assert got is not None and got.value is None and got.approximate
    assert (got.low, got.high) == (low, high)


def test_words_and_digits_side_by_side() -> None:
    spans = find_numbers("54 of the 69 missiles, seven strikes and 18 airstrikes")
    assert [(n.text, n.quantity.value) for n in spans] == [("54", 54), ("69", 69), ("seven", 7), ("18", 18)]
    assert all(n.kind == "count" for n in spans)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("in 2022 the city", "year"),
        ("since 2014", "year"),
        ("the 2016-2018 average", "year"),
        ("in the 1990s", "year"),
        ("on 26 December", "date"),
        ("December 26, 2022", "date"),
        ("on 29.12.2022", "date"),
        ("at 10 a.m. local time", "time"),
        ("just after 1:00am in Moscow", "time"),
        ("at 19:30", "time"),
        ("a 14-year-old boy", "age"),
        ("aged 45", "age"),
        ("Brent Renaud, 50, was killed", "age"),
        ("155mm shells", "measure"),
        ("12.5km from the front", "measure"),
        ("up to three to 10 kilometers", "measure"),
        ("the past 24 hours", "measure"),
        ("an eight-month low", "measure"),
        ("an S-300 missile", "code"),
        ("a Kh-101 cruise missile", "code"),
        ("Su-25 jets", "code"),
        ("AMX-10 RC", "code"),
        ("Article 5", "code"),
        ("15 Shevchenko Street", "code"),
        ("open 24/7", "code"),
        ("the 36th brigade", "ordinal"),
    ],
)
def test_numbers_that_are_not_counts(text: str, kind: str) -> None:
    spans = find_numbers(text)
    assert spans, text
    assert spans[0].kind == kind, [(n.text, n.kind) for n in spans]
    assert not any(n.kind in ("count", "percent", "money") for n in spans), [(n.text, n.kind) for n in spans]


def test_model_names_glued_to_letters_are_no_numbers_at_all() -> None:
    assert counts("M142 HIMARS and G20 leaders") == []


def test_one_that_is_no_number() -> None:
    assert counts("No one was killed") == []
    assert counts("generals die one by one") == []


def test_from_to_is_not_a_range() -> None:
    # "from 63 to 89" is a revision; figures reads it, numbers must keep both ends apart
    assert [n.quantity.value for n in find_numbers("rose from 63 to 89")] == [63, 89]


def test_modifier_is_part_of_the_span() -> None:
    [span] = find_numbers("officials said more than 70,000 people left")
    assert span.text == "more than 70,000"
    assert span.start == len("officials said ")


def test_every_vague_plural_the_pattern_accepts_has_bounds() -> None:
    for text in ("hundreds of millions of dollars", "tens of millions of people", "millions of people"):
        got = parse_quantity(text)
        assert got is not None and got.value is None and got.low is not None, text
    assert find_numbers("Aid worth hundreds of millions of dollars was pledged.")
