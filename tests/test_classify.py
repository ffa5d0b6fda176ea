"""Which event types a sentence reports: every type, negation and hedges, no-event text, the seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.extract.classify import TypeMatch, classify
from sitroom.extract.types import by_subtype

from .seedtext import seed_sentence

VIOLENT = {
    "armed_clash",
    "territory_regained",
    "territory_captured",
    "air_strike",
    "missile_attack",
    "shelling",
    "strike",
    "remote_explosive",
    "grenade",
    "chemical_weapon",
    "attack",
    "abduction",
    "sexual_violence",
}


def subtypes(sentence: str) -> set[str]:
    return {m.subtype for m in classify(sentence)}


# One or more sentences of our own per subtype: (sentence, the subtype it must report).
OWN = [
    ("Heavy fighting continued around Bakhmut on Tuesday, the general staff said.", "armed_clash"),
    ("Ukrainian forces liberated the village of Klishchiivka south of Bakhmut.", "territory_regained"),
    ("Russian forces captured the town of Soledar after weeks of fighting.", "territory_captured"),
    ("A Russian airstrike destroyed a school in the Kharkiv region.", "air_strike"),
    ("Kamikaze drones struck energy facilities in Kyiv overnight.", "air_strike"),
    ("Russian missiles hit Odesa port on Monday.", "missile_attack"),
    ("Russian shelling of Kherson killed two civilians on Sunday.", "shelling"),
    ("Grad rockets slammed into a residential district of Nikopol.", "shelling"),
    ("A strike on the bridge in Zatoka damaged the road.", "strike"),
    ("A tractor driver was killed when his vehicle hit a landmine near Izium.", "remote_explosive"),
    ("A soldier threw a grenade into the basement where civilians were hiding.", "grenade"),
    ("Ukrainian soldiers said Russian troops used chemical weapons near Bakhmut.", "chemical_weapon"),
    ("Explosions were heard in Melitopol overnight, local residents said.", "explosion_reported"),
    ("Russian soldiers shot dead three civilians in a car near Bucha.", "attack"),
    ("The mayor of Melitopol was abducted by Russian troops.", "abduction"),
    ("Prosecutors documented cases of rape by Russian soldiers in the Kyiv region.", "sexual_violence"),
    ("Police in Moscow arrested dozens of anti-war protesters.", "arrest"),
    ("Police in Moscow arrested dozens of anti-war protesters.", "protest_with_intervention"),
    ("Partisans blew up a railway bridge used to supply Russian troops in Melitopol.", "sabotage"),
    ("Russian soldiers looted shops and homes in Kherson before withdrawing.", "looting"),
    ("Hundreds of residents of Kherson held a rally against the occupation.", "peaceful_protest"),
    ("Air defences shot down 30 Shahed drones over the Kyiv region.", "interception"),
    ("An air alert was declared across Ukraine on Monday morning.", "air_alert"),
    ("The strike destroyed a five-storey apartment building in Dnipro.", "damage"),
    ("Half of Kyiv was left without electricity after the strikes.", "power_outage"),
    ("The water supply in Mykolaiv was cut off after a pipeline was damaged.", "water_outage"),
    ("Thousands of homes in Kharkiv were left without heating.", "heating_outage"),
    ("Mobile communications and the internet were cut off in occupied Kherson.", "communications_outage"),
    ("Ukrainian artillery destroyed two Russian T-72 tanks near Vuhledar.", "equipment_destroyed"),
    ("Dozens of Russian soldiers were killed near Vuhledar, the general staff said.", "personnel_losses"),
    ("Ukrainian troops captured a Russian T-90 tank near Kharkiv.", "equipment_captured"),
    (
        "More than 9,000 civilians have been killed since the start of the full-scale invasion, the UN said.",
        "casualty_toll",
    ),
    ("The bodies of four men were found in a basement in Izium.", "bodies_found"),
    ("Investigators exhumed 440 bodies from a mass grave in Izium.", "mass_grave"),
    ("Authorities ordered the mandatory evacuation of residents from Bakhmut.", "evacuation"),
    ("More than eight million refugees have fled Ukraine.", "displacement"),
    ("A UN humanitarian convoy delivered food and medicine to Kharkiv.", "aid"),
    ("A convoy of Russian tanks was seen moving towards Kharkiv.", "troop_movement"),
    ("Putin announced a partial mobilisation of 300,000 reservists.", "mobilisation"),
    ("Russian troops withdrew from the right bank of the Dnipro in Kherson.", "withdrawal"),
    ("Russian forces set up a field camp near Valuyki.", "base_established"),
    ("Russia is digging trenches and building fortifications along the front line in Zaporizhzhia.", "fortification"),
    ("Russia put its new Sarmat missile on combat duty.", "weapons_deployment"),
    ("Germany will send Leopard 2 tanks to Ukraine.", "weapons_supply"),
    ("British instructors are training Ukrainian soldiers in England.", "training"),
    ("Zelenskyy held talks with the Polish president in Kyiv.", "talks"),
    ("Russia and Ukraine signed a deal to resume grain exports from Black Sea ports.", "agreement"),
    ("Putin signed decrees annexing four Ukrainian regions.", "annexation"),
    ("The EU adopted a ninth package of sanctions against Russia.", "sanctions"),
    ("The rouble fell to its lowest level since April.", "economic_impact"),
    ("The World Bank approved a $500 million loan for Ukraine.", "financial_aid"),
    ("The ICC issued an arrest warrant for Vladimir Putin over the deportation of children.", "investigation"),
    ("Ukraine and Russia exchanged 200 prisoners of war on Saturday.", "prisoner_exchange"),
    ("Dozens of Russian soldiers surrendered to Ukrainian forces near Izium.", "taken_prisoner"),
    ("Medvedev threatened to use nuclear weapons if Crimea is attacked.", "threat"),
    ("Kyiv accused Moscow of deliberately targeting civilians.", "accusation"),
    ("Ukraine's military claimed responsibility for the strike on the Kerch bridge.", "responsibility"),
    ("The IAEA said the Zaporizhzhia nuclear power plant lost external power again.", "plant_safety"),
    ("A cyberattack knocked government websites offline.", "cyber_attack"),
    ("Fragments of a Kh-101 cruise missile were found in a field near Lviv.", "remnants_found"),
    ("Sappers cleared more than 2,000 mines from farmland in the Kharkiv region.", "demining"),
]


@pytest.mark.parametrize("sentence, subtype", OWN)
def test_each_type_from_our_own_sentences(sentence, subtype):
    assert subtype in subtypes(sentence), (sentence, classify(sentence))


def test_our_sentences_cover_every_subtype_in_the_table():
    from sitroom.extract.types import EVENT_TYPES

    assert {row.subtype for row in EVENT_TYPES} <= {subtype for _, subtype in OWN}


def test_matches_carry_type_cue_offsets_and_score():
    sentence = "Russian missiles hit Kyiv and air defences shot down 54 of 69."
    found = classify(sentence)
    assert [m.subtype for m in found] == ["missile_attack", "interception"]
    for m in found:
        assert isinstance(m, TypeMatch)
        assert m.type == by_subtype(m.subtype).type
        assert sentence[m.start : m.end] == m.cue
        assert 0.0 < m.score <= 1.0
    assert found[0].cue == "missiles hit"
    assert found[1].cue == "shot down"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A Russian drone strike hit a bakery in Sumy.", "air_strike"),
        ("Towns near Kharkiv were bombed from the air overnight.", "air_strike"),
        ("Russian artillery shelled Avdiivka through the night.", "shelling"),
        ("Two Kalibr missiles struck Vinnytsia.", "missile_attack"),
        ("Mortar fire hit Ukrainian positions near Marinka.", "shelling"),
    ],
)
def test_the_most_specific_remote_subtype_wins(sentence, expected):
    found = subtypes(sentence)
    assert expected in found, (sentence, found)
    assert "strike" not in found


# --- negation, hedges, and words that look violent but are not ---------------------------------


def test_talks_about_a_ceasefire_is_diplomacy_not_an_attack():
    found = subtypes("Talks about a ceasefire resumed in Istanbul on Tuesday.")
    assert "talks" in found
    assert not found & VIOLENT


def test_the_threat_of_a_missile_strike_is_a_threat():
    found = subtypes("The threat of a missile strike on Kyiv remains high, officials warned.")
    assert "threat" in found
    assert not found & VIOLENT


def test_sent_weapons_is_military_aid_not_an_attack():
    found = subtypes("The United States sent weapons and ammunition to Ukraine last week.")
    assert found == {"weapons_supply"}


def test_killed_with_no_attack_word_is_an_attack_on_someone():
    assert subtypes("Two people were killed in Kharkiv on Monday.") == {"attack"}


@pytest.mark.parametrize(
    "sentence",
    [
        "There were no power outages overnight.",
        "Russia denies targeting civilians.",
        "Russian forces did not shell the city yesterday, the mayor said.",
        "Belarusian troops have not been directly involved in the fighting.",
        "Russia intended to capture Kyiv in three days.",
        "Investigators are working in the de-occupied areas of the Kharkiv region.",
        "Will Russia attack Kyiv again this winter?",
    ],
)
def test_negated_hedged_or_background_cues_report_nothing_violent(sentence):
    found = subtypes(sentence)
    assert not found & VIOLENT, (sentence, found)
    assert "power_outage" not in found


def test_a_warning_of_an_offensive_is_a_threat_not_a_battle():
    found = subtypes("Russia could launch a new offensive in the spring, Ukraine's intelligence chief warned.")
    assert "threat" in found
    assert "armed_clash" not in found


def test_pledged_aid_is_news_even_in_the_future_tense():
    assert "weapons_supply" in subtypes("Britain will provide Challenger 2 tanks to Ukraine.")


def test_the_lancet_and_a_patriot_are_not_weapons_or_events():
    assert classify("A Ukrainian patriot wrote to The Lancet about war injuries.") == []


# --- text that names no event ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Kyiv is the capital of Ukraine.",
        "The weather in Kyiv was sunny and cold.",
        "I think this war is a tragedy for everyone.",
        "Here is a round up of today's main events.",
        "Колонна российской техники движется к Харькову.",
        "Der Krieg in der Ukraine geht weiter.",
        "Lorem ipsum dolor sit amet.",
        "asdf qwer zxcv 1234 !!!",
    ],
)
def test_no_event_no_matches(text):
    assert classify(text) == []


_WORDS = st.sampled_from(
    "shot down missile strike no not air alert killed civilians since total the of Kh-101 S-300 ? . , ; fire at "
    "war crimes threat would evacuated without power Bakhmut Russian troops captured".split()
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(_WORDS, max_size=30).map(" ".join)))
def test_any_text_gives_valid_matches(text):
    for m in classify(text):
        assert text[m.start : m.end] == m.cue
        assert 0.0 < m.score <= 1.0
        assert by_subtype(m.subtype).type == m.type


# --- the seeds ----------------------------------------------------------------------------------


UPDATES = "liveupdates-2022-12-29.txt"
BLOG = "liveblog-2023-01-04.txt"


def test_seed_29_december_missile_attack_and_interceptions(seeds):
    assert "missile_attack" in subtypes(seed_sentence(seeds, UPDATES, "launched a massive missile attack"))
    found = subtypes(seed_sentence(seeds, UPDATES, "air defense shot down 54 of the 69"))
    assert {"interception", "missile_attack"} <= found
    found = subtypes(seed_sentence(seeds, UPDATES, "Ukrainian defenses shot down 54"))
    assert {"interception", "missile_attack"} <= found


def test_seed_29_december_outages(seeds):
    assert "power_outage" in subtypes(seed_sentence(seeds, UPDATES, "knocked out power to most of Lviv"))
    found = subtypes(seed_sentence(seeds, UPDATES, "interruptions to the water supply"))
    assert "water_outage" in found


def test_seed_makiivka_strike(seeds):
    assert "missile_attack" in subtypes(
        seed_sentence(seeds, BLOG, "four Ukrainian missiles hit a temporary Russian barracks")
    )
    found = subtypes(seed_sentence(seeds, BLOG, "killed in the weekend strike on Makiivka"))
    assert found & {"strike", "missile_attack"}


def test_seed_s300_shot_down_over_belarus(seeds):
    found = subtypes(seed_sentence(seeds, UPDATES, "out of the sky"))
    assert "interception" in found
    assert "armed_clash" not in found
    assert "interception" in subtypes(seed_sentence(seeds, UPDATES, "shot the missile down near Gorbakha"))


def test_seed_france_sends_amx10rc_as_military_aid(seeds):
    found = subtypes(seed_sentence(seeds, BLOG, "France would send light AMX-10 RC"))
    assert "weapons_supply" in found
    assert not found & VIOLENT


def test_seed_bakhmut_evacuation(seeds):
    assert "evacuation" in subtypes(seed_sentence(seeds, UPDATES, "has been evacuated as shelling continues"))
    assert "evacuation" in subtypes(seed_sentence(seeds, UPDATES, "evacuations continue"))


def test_seed_ohchr_toll_is_a_casualty_toll_not_an_attack(seeds):
    found = subtypes(seed_sentence(seeds, UPDATES, "civilian deaths have been reported throughout Ukraine"))
    assert "casualty_toll" in found
    assert not found & VIOLENT


def test_seed_budanov_warning_is_a_threat(seeds):
    found = subtypes(seed_sentence(seeds, BLOG, "deep in Russian territory should be expected"))
    assert "threat" in found
    assert not found & VIOLENT


def test_seed_engels_air_base_attack(seeds):
    assert "air_strike" in subtypes(
        seed_sentence(seeds, UPDATES, "were responsible for the strike on the Engels Air Base")
    )
    found = subtypes(seed_sentence(seeds, BLOG, "attack on Russia\u2019s Engels airbase"))
    assert found & {"strike", "air_strike"}


def test_seed_background_and_quotes_give_no_violence(seeds):
    # a statue removed, an award for a city: no event a conflict analyst logs
    assert classify(seed_sentence(seeds, UPDATES, "Catherine the Great was removed")) == []
    assert not subtypes(seed_sentence(seeds, BLOG, "honorary best city")) & VIOLENT


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Nine militiamen killed, 13 wounded after fighting flares in the south", {"personnel_losses"}),
        ("Two rebels die, one wounded in Donbas in a week", {"personnel_losses"}),
        ("Four killed, 12 wounded in Kramatorsk, governor says", {"attack"}),
    ],
)
def test_a_count_of_dead_is_an_event_whoever_they_were(sentence, expected):
    assert subtypes(sentence) == expected


@pytest.mark.parametrize("sentence", ["Five killed in car crash near Lviv", "Three drowned in a flood in the Carpathians"])
def test_deaths_in_accidents_are_no_attack(sentence):
    assert not subtypes(sentence) & VIOLENT


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # positions struck or targeted: a strike on troops dug in
        ("Drone video shows Ukrainian forces targeting Russian positions near Kreminna.", "strike"),
        ("A Russian position was struck overnight east of Siversk.", "strike"),
        # where guns and launchers fire from, seen: the shelling from its launch side
        ("Satellite images show Russian firing positions in a field north of Belgorod.", "shelling"),
        ("Scorch marks from launch sites were visible across the border.", "shelling"),
        ("Photo: a Russian MRL position in a village near Izium", "shelling"),
        # a weapon named as the round that fell
        ("Arrivals of cruise missiles were reported at the port.", "missile_attack"),
    ],
)
def test_positions_and_launch_sites_report_remote_violence(sentence, expected):
    assert expected in subtypes(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "A Smerch rocket embedded in the ground near a school",
        "Uragan rocket stuck in the wall of a garage",
        "A Tochka-U missile in a field outside Rovenky",
        "Cluster munition next to a bus stop in Kharkiv",
    ],
)
def test_a_munition_shown_where_it_lies_is_a_remnant(sentence):
    found = subtypes(sentence)
    assert "remnants_found" in found
    assert "troop_movement" not in found


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Russian fuel trucks parked in the town centre", "troop_movement"),
        ("Russian aircraft flying over the Donetsk region", "troop_movement"),
        ("Russian aircraft downed near Izium", "interception"),
        ("Ukrainian trucks destroyed by artillery near Lyman", "equipment_destroyed"),
    ],
)
def test_a_sides_trucks_ships_and_aircraft_are_military_kit(sentence, expected):
    assert expected in subtypes(sentence)


def test_a_position_named_in_a_quote_or_a_future_is_no_strike():
    assert "strike" not in subtypes("Russian positions could be targeted next week, officials said.")
    assert "shelling" not in subtypes("Commanders may set up new firing positions near the river.")
