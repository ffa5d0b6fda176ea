"""Weapon mentions: spellings, classes, offsets, and ordinary words that are not weapons."""

from __future__ import annotations

import pytest

from sitroom.extract.weapons import WEAPON_CLASSES, WEAPONS, find_weapons


def names(sentence: str) -> list[tuple[str, str]]:
    return [(w.name, w.weapon_class) for w in find_weapons(sentence)]


@pytest.mark.parametrize(
    "text, name, weapon_class",
    [
        ("Shahed-136", "Shahed-136", "loitering_munition"),
        ("Geran-2", "Shahed-136", "loitering_munition"),
        ("Shaheds", "Shahed-136", "loitering_munition"),
        ("Kalibr", "Kalibr", "cruise_missile"),
        ("Kh-101", "Kh-101", "cruise_missile"),
        ("X-101", "Kh-101", "cruise_missile"),
        ("Kh101", "Kh-101", "cruise_missile"),
        ("Kh-555", "Kh-555", "cruise_missile"),
        ("Kh-22", "Kh-22", "cruise_missile"),
        ("Kh-59", "Kh-59", "cruise_missile"),
        ("Iskander-M", "Iskander", "ballistic_missile"),
        ("Tochka-U", "Tochka-U", "ballistic_missile"),
        ("S-300", "S-300", "air_defence_missile"),
        ("S-400", "S-400", "air_defence_missile"),
        ("BM-21 Grad", "BM-21 Grad", "mlrs"),
        ("Uragan", "BM-27 Uragan", "mlrs"),
        ("Smerch", "BM-30 Smerch", "mlrs"),
        ("HIMARS", "HIMARS", "mlrs"),
        ("M142", "HIMARS", "mlrs"),
        ("M777", "M777", "artillery"),
        ("Caesar howitzers", "Caesar", "artillery"),
        ("Patriot", "Patriot", "air_defence_missile"),
        ("IRIS-T", "IRIS-T", "air_defence_missile"),
        ("NASAMS", "NASAMS", "air_defence_missile"),
        ("Bayraktar TB2", "Bayraktar TB2", "drone"),
        ("Lancet drones", "Lancet", "loitering_munition"),
        ("Orlan-10", "Orlan-10", "drone"),
        ("Su-25", "Su-25", "aircraft"),
        ("Su-34", "Su-34", "aircraft"),
        ("Tu-95", "Tu-95", "aircraft"),
        ("Tu-22M3", "Tu-22M3", "aircraft"),
        ("AMX-10 RC", "AMX-10 RC", "armoured_vehicle"),
        ("Bradley fighting vehicles", "Bradley", "armoured_vehicle"),
        ("Marder", "Marder", "armoured_vehicle"),
        ("Leopard 2", "Leopard", "tank"),
        ("Challenger 2", "Challenger 2", "tank"),
        ("Abrams tanks", "M1 Abrams", "tank"),
        ("cluster munitions", "cluster munition", "cluster_munition"),
        ("mortars", "mortar", "mortar"),
        ("kamikaze drones", "loitering munition", "loitering_munition"),
        ("cruise missiles", "cruise missile", "cruise_missile"),
        ("artillery", "artillery", "artillery"),
        ("TOS-1A", "TOS-1A", "thermobaric"),
        ("white phosphorus", "incendiary weapon", "incendiary"),
        ("anti-personnel mines", "anti-personnel mine", "mine"),
        ("glide bombs", "glide bomb", "aerial_bomb"),
        # launcher and round designations, and the calibres only rocket launchers fire
        ("9A52-2", "BM-30 Smerch", "mlrs"),
        ("9K57", "BM-27 Uragan", "mlrs"),
        ("9M22U rockets", "BM-21 Grad", "mlrs"),
        ("9K720", "Iskander", "ballistic_missile"),
        ("Krasnopol shells", "Krasnopol", "artillery"),
        ("2S9 Nona-S", "2S9 Nona", "mortar"),
        ("MRL", "multiple-launch rocket system", "mlrs"),
        ("122mm rockets", "multiple-launch rocket system", "mlrs"),
        ("220 mm unguided rockets", "multiple-launch rocket system", "mlrs"),
    ],
)
def test_spellings_give_the_canonical_name_and_class(text, name, weapon_class):
    found = find_weapons(f"Reports mention {text} near the front.")
    assert [(w.name, w.weapon_class) for w in found] == [(name, weapon_class)]
    assert found[0].text.lower().startswith(text.split()[0].lower())


def test_offsets_point_at_the_mention_and_a_model_takes_its_noun():
    sentence = "Russia fired Kh-101 and X-555 cruise missiles and Shahed-136 kamikaze drones at Kyiv."
    found = find_weapons(sentence)
    assert [w.name for w in found] == ["Kh-101", "Kh-555", "Shahed-136"]
    for w in found:
        assert sentence[w.start : w.end] == w.text
    assert found[1].text == "X-555 cruise missiles"
    assert found[2].text == "Shahed-136 kamikaze drones"


def test_several_classes_in_one_sentence_left_to_right():
    sentence = "HIMARS and M777 howitzers hit a depot while an S-300 was shot down and Su-25 jets struck back."
    assert names(sentence) == [
        ("HIMARS", "mlrs"),
        ("M777", "artillery"),
        ("S-300", "air_defence_missile"),
        ("Su-25", "aircraft"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "A Ukrainian patriot waved the flag.",
        "The Lancet published a study on war injuries.",
        "A think tank in Washington said the front is stuck.",
        "The fuel tank of the car was empty.",
        "Julius Caesar crossed the Rubicon, the professor said.",
        "A leopard was seen at the zoo.",
        "Drone footage shows the destroyed bridge.",
        "Kyiv is the capital of Ukraine.",
        "",
    ],
)
def test_ordinary_words_are_not_weapons(sentence):
    assert find_weapons(sentence) == []


def test_table_rows_name_known_classes():
    for name, weapon_class, pattern, _ in WEAPONS:
        assert weapon_class in WEAPON_CLASSES, name
        assert pattern, name


@pytest.mark.parametrize(
    "sentence", ["Crews fired 152 mm shells at the treeline.", "Footage showed 9M22S rounds burning over the town."]
)
def test_a_gun_calibre_or_an_incendiary_round_is_no_rocket_launcher(sentence):
    assert not any(c == "mlrs" for _, c in names(sentence))
