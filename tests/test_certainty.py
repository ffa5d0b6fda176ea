"""How sure: confirmed, reported, claimed, unverified, denied."""

from __future__ import annotations

import pytest

from sitroom.extract.attribution import find_attribution, split_sentences
from sitroom.extract.certainty import certainty
from sitroom.model import Attribution, Certainty

U, D, C, R, CL = Certainty.UNVERIFIED, Certainty.DENIED, Certainty.CONFIRMED, Certainty.REPORTED, Certainty.CLAIMED


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The footage could not be independently verified.", U),
        ("Reuters could not immediately verify the report.", U),
        ("There were unconfirmed reports of blasts near Sevastopol.", U),
        ("A drone reportedly struck an oil depot in Bryansk.", U),
        ("The commander was allegedly killed in the strike.", U),
        ("Images purportedly show the aftermath of the strike.", U),
        ("It is not clear who fired the missile.", U),
        ("The blast appears to have been caused by a drone.", U),
        ("Moscow has not confirmed the figure.", U),
        ("The Kremlin denied that its forces had targeted the market.", D),
        ("Kyiv rejected claims that its troops had shelled the plant.", D),
        ("The ministry dismissed reports of heavy losses as fake.", D),
        ("Russia has denied slowing down the inspections.", D),
        ("The UN has verified 9,000 civilian deaths since February.", C),
        ("Police confirmed that two people had died.", C),
        ("Two people were killed when a missile hit a shop in Kramatorsk, the governor said.", R),
        ("Power was restored to most of Odesa by evening.", R),
        ("Russia's defence ministry claimed its forces had taken the village.", CL),
        ("Ukraine has not claimed responsibility for the blast.", R),
        ("The missile strike that claimed 12 lives shocked the city.", R),
    ],
)
def test_cues(sentence, expected):
    assert certainty(sentence) is expected


def test_a_party_claiming_its_success_or_the_enemys_losses():
    assert certainty("Russia's defence ministry said it had destroyed five HIMARS launchers.") is CL
    assert certainty("Ukraine's air force said it shot down 54 of 69 Russian missiles.") is CL
    assert certainty("Ukraine's general staff said Russia lost 640 soldiers in the past day.") is CL
    assert certainty("Russian troops destroyed 180 Ukrainian soldiers near Lyman - Russian Defense Ministry") is CL
    assert certainty("The General Staff said troops shot down 54 of 69 missiles launched overnight.") is CL


def test_a_party_reporting_its_own_losses_or_harm_done_to_it():
    assert certainty("Moscow said 63 Russian soldiers were killed in the weekend strike.") is R
    assert certainty("Russia's defence ministry said Ukrainian missiles hit a barracks, killing 89.") is R
    assert certainty("Russians killed two residents of Donetsk region in a day, the governor said.") is R


def test_a_party_conceding_its_losses_is_confirmation():
    assert certainty("Russia's defence ministry has acknowledged that 89 servicemen died.") is C


def test_given_attribution_is_used():
    sentence = "Troops shot down 12 drones over the south."
    assert certainty(sentence) is R
    assert certainty(sentence, attribution=Attribution("Ukrainian Air Force", None, "")) is CL
    assert certainty(sentence, attribution=Attribution("Reuters", None, "")) is R


def test_independent_monitors_confirm():
    sentence = "At least 40 civilians were killed in October, according to the UN human rights office."
    assert certainty(sentence) is C
    assert certainty("Amnesty said it had documented the strike on the theatre.") is C


def test_a_caveat_covers_the_sentences_before_it():
    paragraph = ("Ukraine's general staff said Russia launched 18 airstrikes. "
                 "\u201cThere are casualties,\u201d it said. "
                 "The reports have not been independently verified. Later, the governor said power was back.")
    sentences = [paragraph[s:e] for s, e in split_sentences(paragraph)]
    assert [certainty(s, paragraph) for s in sentences] == [U, U, U, R]


def test_denial_wins_over_hedges():
    assert certainty("Russia denied the reports, which could not be verified.") is D


def test_seed_unverified_sentences(seeds):
    text = (seeds / "liveblog-2023-01-04.txt").read_text(encoding="utf-8")
    paragraphs = [line.strip().lstrip("•").strip() for line in text.splitlines() if line.strip()]
    caveats = [p for p in paragraphs if "independently verified" in p]
    assert caveats
    for paragraph in caveats:
        for start, end in split_sentences(paragraph):
            sentence = paragraph[start:end]
            if "independently verified" in sentence:
                assert certainty(sentence, paragraph) is U, sentence
    bullet = next(p for p in paragraphs if p.startswith("Ukraine’s military general staff said Russia had launched"))
    first = bullet[slice(*split_sentences(bullet)[0])]
    assert certainty(first, bullet, find_attribution(first, bullet)) is U


def test_seed_makiivka_toll_is_reported_not_claimed(seeds):
    text = (seeds / "liveblog-2023-01-04.txt").read_text(encoding="utf-8")
    line = next(l.strip() for l in text.splitlines() if l.startswith("Moscow previously said 63 Russian soldiers"))
    sentence = line[slice(*split_sentences(line)[0])]
    assert certainty(sentence, line) is R
