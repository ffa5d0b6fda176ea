"""Figures: what each number counts, read from our own sentences and from the seed live blogs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitroom.extract.figures import GROUPS, MEASURES, find_figures, is_part, total
from sitroom.model import Figure

from .conftest import EXAMPLES
from .seedtext import seed_sentence


def read(sentence: str) -> list[tuple]:
    """(measure, value, group, item) of each figure."""
    return [(f.measure, f.value, f.group, f.item) for f in find_figures(sentence)]


def one(sentence: str) -> Figure:
    figures = find_figures(sentence)
    assert len(figures) == 1, figures
    return figures[0]


LIVEUPDATES = "liveupdates-2022-12-29.txt"
LIVEBLOG = "liveblog-2023-01-04.txt"


# --- The measure table --------------------------------------------------------------------------------


def test_every_measure_has_a_definition() -> None:
    assert {"killed", "injured", "casualties", "missing", "captured", "exchanged", "bodies_found", "evacuated",
            "remaining", "displaced", "launched", "intercepted", "hit", "strikes", "troops", "destroyed", "damaged",
            "without_power", "aid", "weapons"} <= set(MEASURES)
    assert all(definition.strip() for definition in MEASURES.values())
    assert {"civilians", "soldiers", "children", "police", "medics", "journalists", "people"} <= set(GROUPS)


def test_every_figure_uses_a_measure_of_the_table() -> None:
    sentences = [
        "Russia launched 69 missiles, of which 54 were destroyed.",
        "Three people were killed and 12 wounded.",
        "Kyiv Mayor said 40 percent of the capital's consumers are without electricity.",
        "The EU approved a €500m aid package.",
    ]
    assert all(f.measure in MEASURES for s in sentences for f in find_figures(s))


# --- Casualties ---------------------------------------------------------------------------------------


def test_killed_and_wounded_with_the_group_carried_over() -> None:
    assert read("Three people were killed and 12 wounded in the strike.") == [
        ("killed", 3, "people", None), ("injured", 12, "people", None)]
    assert read("Officials said 6,884 civilians killed and 10,847 injured since February.") == [
        ("killed", 6884, "civilians", None), ("injured", 10847, "civilians", None)]


def test_verb_before_the_number() -> None:
    assert read("A rocket hit the market in Kharkiv, killing two.") == [("killed", 2, None, None)]
    assert read("Shelling kills four Ukrainian soldiers near Avdiivka") == [("killed", 4, "soldiers", None)]
    assert read("The strike killed at least 12 people and injured 30 others.") == [
        ("killed", 12, "people", None), ("injured", 30, "people", None)]


def test_headline_forms() -> None:
    assert read("Nine militiamen killed, 13 wounded near Horlivka") == [
        ("killed", 9, "soldiers", None), ("injured", 13, "soldiers", None)]
    assert read("18 killed in Donetsk fighting in past 24 hours") == [("killed", 18, None, None)]
    assert read("Ukrainian soldier killed near Bakhmut") == [("killed", 1, "soldiers", None)]
    assert read("Two KIA, one WIA amid enemy attacks") == [
        ("killed", 2, "soldiers", None), ("injured", 1, "soldiers", None)]


def test_one_person_from_an_article_but_not_the_age() -> None:
    figure = one("A 14-year-old boy was killed when a missile struck his house.")
    assert (figure.measure, figure.value, figure.group) == ("killed", 1, "children")
    assert "14" not in [str(int(f.value)) for f in find_figures("A 14-year-old boy was killed.")]
    assert read("A woman was injured by falling debris.") == [("injured", 1, "civilians", None)]


def test_a_person_with_no_casualty_word_is_no_figure() -> None:
    assert find_figures("A resident told reporters the missile approached with a loud noise.") == []
    assert find_figures("The man who fired the rocket was never found.") == []


def test_bounds_and_hedges_reach_the_figure() -> None:
    figure = one("At least 35 people were killed in the attack.")
    assert (figure.value, figure.low, figure.high) == (35, 35, None)
    figure = one("Dozens of civilians were killed in the shelling.")
    assert (figure.measure, figure.value, figure.low) == ("killed", None, 24)


def test_killed_and_wounded_together_are_casualties() -> None:
    assert read("The army lost more than 100 soldiers killed and wounded near Soledar.") == [
        ("casualties", 100, "soldiers", None)]


def test_parts_are_marked_and_not_added_twice() -> None:
    figures = find_figures("Five civilians, including two children, died in the shelling.")
    assert [(f.measure, f.value, f.group) for f in figures] == [("killed", 5, "civilians"),
                                                                 ("killed", 2, "children")]
    assert [is_part(f) for f in figures] == [False, True]
    assert total(figures, "killed") == 5
    assert total(find_figures("Three soldiers and two civilians were killed."), "killed") == 5


def test_a_group_named_once_for_two_coordinated_verbs() -> None:
    # "killed three and wounded eight civilians": the civilians are the object of both verbs
    assert read("The shelling killed two and wounded five civilians in Nikopol.") == [
        ("killed", 2, "civilians", None), ("injured", 5, "civilians", None)]
    assert read("Russian fire killed one and injured four soldiers.") == [
        ("killed", 1, "soldiers", None), ("injured", 4, "soldiers", None)]


def test_a_number_and_a_single_person_share_the_verb() -> None:
    # a woman belongs to the civilians group of the table (GROUP_OF), as everywhere in this module
    assert read("Three boys and a woman were wounded by the blast.") == [
        ("injured", 3, "children", None), ("injured", 1, "civilians", None)]
    assert total(find_figures("Four soldiers and a medic were killed."), "killed") == 5


def test_headline_forms_from_news_wires() -> None:
    assert read("Two Ukraine troops killed near Donetsk airport") == [("killed", 2, "soldiers", None)]
    assert read("Rebels and troops clash near Shchastia, six dead-Interfax") == [("killed", 6, None, None)]
    assert read("Truce collapses as death toll hits 12") == [("killed", 12, None, None)]
    assert read("One Ukrainian killed, two wounded in sniper fire") == [
        ("killed", 1, "people", None), ("injured", 2, "people", None)]
    assert read("At least 15 Kiev forces killed near Debaltseve") == [("killed", 15, "soldiers", None)]
    assert read("In Sumy, a victim died of wounds") == [("killed", 1, "people", None)]


def test_a_new_clause_after_a_comma_has_its_own_subject() -> None:
    # the drones did not kill: the army that fired them did, and "four" are people, not drones
    assert read("The army fired 120 shells at the village, killing four.") == [
        ("launched", 120, None, "shells"), ("killed", 4, None, None)]
    assert read("The battery fires 900 shells at the town in a week, kills two") == [("killed", 2, None, None)]
    assert read("Russia launched 30 drones, kills three in Odesa") == [
        ("launched", 30, None, "drones"), ("killed", 3, None, None)]


def test_bodies_of_a_list_of_groups() -> None:
    assert read("The bodies of 11 soldiers and 14 civilians were recovered near Lyman.") == [
        ("bodies_found", 11, "soldiers", None), ("bodies_found", 14, "civilians", None)]


def test_an_aside_inside_the_subject_is_not_counted_again() -> None:
    assert read("Two people, one reported to be a medic, were killed near the station.") == [
        ("killed", 2, "people", None)]
    assert read("More than 4 million people, mostly women and children, have had to flee.") == [
        ("displaced", 4_000_000, "people", None)]


def test_a_noun_as_adjective_or_possessive_is_no_person() -> None:
    assert find_figures("In 2014 Russia destroyed a civilian plane over Donbas.") == []
    assert "killed" not in [f.measure for f in find_figures("The gunner has destroyed about 10 invaders' vehicles.")]
    assert read("A father prays over the body of his son killed by shelling.") == [("killed", 1, "children", None)]


def test_revised_toll_keeps_the_previous_value() -> None:
    figure = one("The ministry said 89 servicemen were killed, raising the toll from 63.")
    assert (figure.measure, figure.value, figure.previous, figure.group) == ("killed", 89, 63, "soldiers")
    figure = one("The death toll rose from 63 to 89.")
    assert (figure.measure, figure.value, figure.previous) == ("killed", 89, 63)
    figure = one("Officials revised the death toll to 89.")
    assert (figure.measure, figure.value) == ("killed", 89)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials now count 89 dead soldiers, up from the 63 they gave on Monday.",
        "The toll stands at 89, up from an earlier figure of 63.",
        "89 conscripts died, the ministry said, revised from 63.",
        "The ministry said 89 conscripts died, raising its toll from 63.",
        "Moscow now says 89 conscripts died, after initially reporting 63.",
    ],
)
def test_earlier_figures_in_their_many_forms(sentence: str) -> None:
    figure = one(sentence)
    assert (figure.measure, figure.value, figure.previous) == ("killed", 89, 63)


def test_from_before_a_number_of_other_things_is_no_earlier_figure() -> None:
    figure = one("Troops were pushed back from the 3 hamlets, and 12 soldiers were killed.")
    assert (figure.measure, figure.value, figure.previous) == ("killed", 12, None)


def test_bodies_found_and_places_are_not_figures() -> None:
    assert read("Police said 1,116 civilian bodies were found in four oblasts.") == [
        ("bodies_found", 1116, "civilians", None)]
    assert read("The bodies of 12 civilians were exhumed near Izium.") == [("bodies_found", 12, "civilians", None)]


def test_people_evacuated_remaining_displaced() -> None:
    assert read("More than 70,000 people have been evacuated from Bakhmut, and some 8,700 residents remain.") == [
        ("evacuated", 70000, "people", None), ("remaining", 8700, "civilians", None)]
    assert read("About 4 million people have fled the country.") == [("displaced", 4_000_000, "people", None)]


def test_prisoners() -> None:
    assert read("Ukraine and Russia exchanged 50 prisoners of war.") == [("exchanged", 50, "prisoners", None)]
    assert read("Russian forces captured 12 Ukrainian soldiers.") == [("captured", 12, "soldiers", None)]
    assert find_figures("80,000 people returned to Ukraine from abroad.") == []


# --- Weapons, strikes, damage ---------------------------------------------------------------------------


def test_part_of_a_total_of_missiles() -> None:
    assert read("Air defence shot down 54 of the 69 missiles Russia fired.") == [
        ("intercepted", 54, None, "missiles"), ("launched", 69, None, "missiles")]
    assert read("54 of the 69 cruise missiles were shot down.") == [
        ("intercepted", 54, None, "cruise missiles"), ("launched", 69, None, "cruise missiles")]


def test_of_which_takes_the_item_of_the_total() -> None:
    assert read("Russia launched 40 Shahed drones overnight, of which 35 were destroyed.") == [
        ("launched", 40, None, "Shahed drones"), ("intercepted", 35, None, "Shahed drones")]


def test_strikes_by_kind() -> None:
    assert read("The army reported 7 missile strikes, 18 airstrikes and 85+ MLRS attacks.") == [
        ("strikes", 7, None, "missile strikes"), ("strikes", 18, None, "airstrikes"),
        ("strikes", 85, None, "MLRS attacks")]
    figures = find_figures("Russia carried out more than 85 attacks from multiple-launch rocket systems.")
    assert [(f.measure, f.low, f.item) for f in figures] == [("strikes", 85, "MLRS attacks")]


def test_strikes_named_by_the_weapon_before_the_noun() -> None:
    figures = find_figures("The military counted nine missile strikes, 21 air raids and upwards of 70 multiple "
                           "rocket launcher attacks on the region.")
    assert [(f.measure, f.value, f.low, f.high, f.item) for f in figures] == [
        ("strikes", 9, 9, 9, "missile strikes"), ("strikes", 21, 21, 21, "air raids"),
        ("strikes", 70, 70, None, "MLRS attacks")]
    assert read("Kherson was hit by 40 rocket launcher attacks.") == [("strikes", 40, None, "MLRS attacks")]


def test_missiles_that_hit() -> None:
    assert read("Four missiles hit a barracks in the city.") == [("hit", 4, None, "missiles")]


def test_equipment_and_buildings() -> None:
    assert read("Up to 10 units of military equipment were damaged or destroyed.") == [
        ("destroyed", 10, None, "military equipment")]
    assert read("The shelling damaged 202 schools, 34 hospitals and 1,500 homes.") == [
        ("damaged", 202, None, "schools"), ("damaged", 34, None, "hospitals"), ("damaged", 1500, None, "homes")]


def test_weapons_delivered() -> None:
    figure = one("France will send up to 10 AMX-10 RC units to Ukraine.")
    assert (figure.measure, figure.value, figure.high, figure.item) == ("weapons", 10, 10, "AMX-10 RC")


def test_troops() -> None:
    figure = one("An estimated 11,000 Russian troops are training in Belarus.")
    assert (figure.measure, figure.value, figure.group) == ("troops", 11000, "soldiers")


def test_power_outages_as_shares() -> None:
    figure = one("The mayor said 40 percent of consumers in the capital are without electricity.")
    assert (figure.measure, figure.value, figure.unit) == ("without_power", 40, "percent")
    figure = one("The attack knocked out power to nearly half of Kyiv.")
    assert (figure.measure, figure.value, figure.high, figure.unit) == ("without_power", 50, 50, "percent")


def test_aid_in_money_only_with_words_of_aid() -> None:
    figure = one("The EU approved a $1.85bn aid package for Ukraine.")
    assert (figure.measure, figure.value, figure.unit) == ("aid", 1_850_000_000, "USD")
    assert find_figures("The company agreed to buy the producer for about $4.6bn, including debt.") == []


# --- What is no figure ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The ruble fell 18 percent to about 72 to the dollar.",
        "The summit will be held on 3 February 2023 in Kyiv.",
        "The building was only 12.5km from the front line.",
        "Ukraine received S-300 systems, Su-25 jets and 155mm shells.",
        "The 36th brigade has held the line for 315 days.",
        "About 200 people gathered on Tuesday to hold a vigil for soldiers killed in the strike.",
        "The vehicle carries four people and a 105mm gun.",
        "Half of the city's residents left in 2022, the mayor said at 10 a.m.",
        "No one was killed or injured.",
        "Zelensky wants to avoid the death of hundreds of thousands of people.",
        "Olena Petrenko, 48, was killed by shelling.",
        "Eight missiles destroyed an airport building.",
    ],
)
def test_not_figures(sentence: str) -> None:
    figures = find_figures(sentence)
    allowed = {"Olena Petrenko, 48, was killed by shelling.": [], "Eight missiles destroyed an airport building.":
               [("hit", 8, None, "missiles")]}
    assert [(f.measure, f.value, f.group, f.item) for f in figures] == allowed.get(sentence, [])


def test_offsets_point_at_the_text() -> None:
    sentence = "Officials said at least three people were injured."
    figure = one(sentence)
    assert sentence[figure.start : figure.end] == figure.text == "at least three people"


# --- The seeds ------------------------------------------------------------------------------------------


def test_seed_54_of_69_missiles(seeds: Path) -> None:
    sentence = seed_sentence(seeds, LIVEUPDATES, "shot down 54 of the 69")
    assert [(f.measure, f.value, f.item) for f in find_figures(sentence)] == [
        ("intercepted", 54, "missiles"), ("launched", 69, "missiles")]


def test_seed_bakhmut_evacuated_and_remaining(seeds: Path) -> None:
    left = find_figures(seed_sentence(seeds, LIVEUPDATES, "more than 70,000 people"))
    assert ("evacuated", 70000, 70000, None) in [(f.measure, f.value, f.low, f.high) for f in left]
    assert ("evacuated", 90, "percent") in [(f.measure, f.value, f.unit) for f in left]
    [remain] = find_figures(seed_sentence(seeds, LIVEUPDATES, "8,700 residents"))
    assert (remain.measure, remain.value, remain.low, remain.high) == ("remaining", 8700, None, None)  # "some"


def test_seed_civilian_bodies(seeds: Path) -> None:
    [figure] = find_figures(seed_sentence(seeds, LIVEUPDATES, "1,116 civilian bodies"))
    assert (figure.measure, figure.value, figure.group) == ("bodies_found", 1116, "civilians")
    [children] = find_figures(seed_sentence(seeds, LIVEUPDATES, "Thirty-one children"))
    assert (children.measure, children.value, children.group) == ("killed", 31, "children")


def test_seed_ohchr_deaths_and_injuries(seeds: Path) -> None:
    [deaths] = find_figures(seed_sentence(seeds, LIVEUPDATES, "6,884 civilian deaths"))
    assert (deaths.measure, deaths.value, deaths.low, deaths.group) == ("killed", 6884, 6884, "civilians")
    [injuries] = find_figures(seed_sentence(seeds, LIVEUPDATES, "10,847 civilian injuries"))
    assert (injuries.measure, injuries.value, injuries.group) == ("injured", 10847, "civilians")


def test_seed_makiivka_89_and_63(seeds: Path) -> None:
    [new] = find_figures(seed_sentence(seeds, LIVEBLOG, "it said killed 89 servicemen"))
    assert (new.measure, new.value, new.group) == ("killed", 89, "soldiers")
    [old] = find_figures(seed_sentence(seeds, LIVEBLOG, "Moscow previously said 63"))
    assert (old.measure, old.value, old.group) == ("killed", 63, "soldiers")
    [lives] = find_figures(seed_sentence(seeds, LIVEBLOG, "claimed 89 lives"))
    assert (lives.measure, lives.value) == ("killed", 89)


def test_seed_strikes_by_kind(seeds: Path) -> None:
    sentence = seed_sentence(seeds, LIVEBLOG, "seven missile strikes, 18 airstrikes")
    assert [(f.measure, f.value, f.low, f.item) for f in find_figures(sentence)] == [
        ("strikes", 7, 7, "missile strikes"), ("strikes", 18, 18, "airstrikes"), ("strikes", 85, 85, "MLRS attacks")]


def test_seed_lines_without_figures(seeds: Path) -> None:
    for needle in ("about 10 a.m. local time", "an eight-month low", "12.5km from the Avdiivka", "315 days",
                   "160 million passengers"):
        sentence = seed_sentence(seeds, LIVEUPDATES if "local time" in needle or "eight-month" in needle else
                                 LIVEBLOG, needle)
        assert find_figures(sentence) == [], sentence


def test_example_makiivka_revision() -> None:
    feed = EXAMPLES / "feeds" / "ukraine-war.rss"
    if not feed.is_file():
        pytest.skip("examples/feeds/ukraine-war.rss is not in this checkout")
    text = feed.read_text(encoding="utf-8")
    sentence = next(s for s in re.split(r"(?<=\.)\s+|<[^>]+>", text) if "up from the 63" in s)
    [figure] = find_figures(sentence)
    assert (figure.measure, figure.value, figure.previous, figure.group) == ("killed", 89, 63, "soldiers")


def test_example_strikes_with_rocket_launchers_written_out() -> None:
    if not (EXAMPLES / LIVEBLOG).is_file():
        pytest.skip("examples/liveblog-2023-01-04.txt is not in this checkout")
    sentence = seed_sentence(EXAMPLES, LIVEBLOG, "upwards of 85 multiple rocket launcher attacks")
    assert [(f.measure, f.value, f.low, f.item) for f in find_figures(sentence)] == [
        ("strikes", 7, 7, "missile strikes"), ("strikes", 18, 18, "air raids"), ("strikes", 85, 85, "MLRS attacks")]


# --- Who left and who stayed ----------------------------------------------------------------------------


def test_people_who_left_a_named_place() -> None:
    figure = one("Over 40,000 villagers have left Vuhledar since the summer.")
    assert (figure.measure, figure.low, figure.group) == ("evacuated", 40000, "civilians")
    # soldiers who leave a place withdraw: no evacuation; a count of messages is no figure at all
    assert "evacuated" not in [f.measure for f in find_figures("About 2,000 Russian troops left Kherson on Friday.")]
    assert find_figures("The general left 4 notes on his desk.") == []


def test_a_share_and_its_count_across_a_relative_clause() -> None:
    figures = find_figures("Nearly 80% of the families who lived in Marinka, some 9,000 residents, have now left "
                           "the town, the governor said.")
    assert [(f.measure, f.value, f.high, f.unit) for f in figures] == [
        ("evacuated", 80, 80, "percent"), ("evacuated", 9000, None, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Roughly 1,200 people are still living in Avdiivka under daily shelling.",
        "Roughly 1,200 people still live in the town.",
        "Roughly 1,200 residents remain.",
        "Roughly 1,200 people stayed behind.",
        "Roughly 1,200 people are still in the city, officials said.",
    ],
)
def test_people_still_in_a_place(sentence: str) -> None:
    figure = one(sentence)
    assert (figure.measure, figure.value, figure.low, figure.high) == ("remaining", 1200, None, None)


def test_still_in_hospital_or_captivity_is_not_remaining() -> None:
    assert find_figures("Six soldiers are still in hospital.") == []
    assert read("Some 300 prisoners are still in captivity.") == [("captured", 300, "prisoners", None)]


def test_a_population_is_no_figure() -> None:
    assert find_figures("Before the invasion the town had 12,000 residents.") == []


def test_example_bakhmut_left_and_stayed() -> None:
    if not (EXAMPLES / LIVEUPDATES).is_file():
        pytest.skip("examples/liveupdates-2022-12-29.txt is not in this checkout")
    left = find_figures(seed_sentence(EXAMPLES, LIVEUPDATES, "more than 70,000 residents"))
    assert [(f.measure, f.value, f.low, f.high, f.unit) for f in left] == [
        ("evacuated", 90, None, 90, "percent"), ("evacuated", 70000, 70000, None, None)]
    [remain] = find_figures(seed_sentence(EXAMPLES, LIVEUPDATES, "8,700 people are still living"))
    assert (remain.measure, remain.value, remain.low, remain.high) == ("remaining", 8700, None, None)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a headline's bare noun after a casualty verb, or after a reporting verb
        ("Artillery fire kills militiaman near Horlivka", [("killed", 1)]),
        ("Russian drone strike kills civilian in Kherson", [("killed", 1)]),
        ("Luhansk militia says serviceman killed in shelling", [("killed", 1)]),
        # a wounded person who has died since is one dead, not one injured
        ("A pensioner wounded in the shelling of Avdiivka last week dies in hospital", [("killed", 1)]),
        ("A woman was injured and a man died in the shelling", [("injured", 1), ("killed", 1)]),
        # "there is a dead", as Ukrainian reports come out in English
        ("Russian drones hit Odesa overnight, there is a dead", [("killed", 1)]),
        ("Russians shelled Nikopol: there are dead and wounded", []),  # no count
        ("Shelling killed civilian infrastructure in the city", []),  # an adjective, not a person
    ],
)
def test_one_person_in_headline_phrasing(sentence: str, expected: list) -> None:
    assert [(f.measure, f.value) for f in find_figures(sentence) if f.measure in ("killed", "injured")] == expected
