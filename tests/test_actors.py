"""Canonical actors and their roles: who acted, who was hit."""

from __future__ import annotations

import pytest

from sitroom.extract.actors import ACTORS, PERSON_ACTOR, actor, find_actors

SECTORS = {
    "military", "government", "civilians", "international", "police", "armed_group", "media",
    "emergency_services", "intelligence", "infrastructure", "think_tank", "company",
}


def roles(sentence: str, **kwargs) -> dict[str, str | None]:
    return {m.actor.id: m.role for m in find_actors(sentence, **kwargs)}


def test_table_is_consistent():
    for key, row in ACTORS.items():
        assert row.id == key
        assert row.sector in SECTORS, row
        assert row.country is None or (len(row.country) == 2 and row.country.isupper()), row
    assert all(a.id in ACTORS for a in PERSON_ACTOR.values())
    assert actor("ru_wagner").sector == "armed_group" and actor("ru_wagner").country == "RU"
    assert actor("dpr").country == "RU"  # Russian-installed: the side it serves


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Russian forces", "ru_armed_forces"),
        ("Russian troops", "ru_armed_forces"),
        ("Moscow's forces", "ru_armed_forces"),
        ("Russia's military", "ru_armed_forces"),
        ("the Russian army", "ru_armed_forces"),
        ("RF Armed Forces", "ru_armed_forces"),
        ("the Russian air force", "ru_air_force"),
        ("the Black Sea Fleet", "ru_black_sea_fleet"),
        ("Wagner Group mercenaries", "ru_wagner"),
        ("Russia's defence ministry", "ru_mod"),
        ("the Russian Defense Ministry", "ru_mod"),
        ("the Ministry of Defence of the Russian Federation", "ru_mod"),
        ("the Kremlin", "ru_government"),
        ("Ukrainian forces", "ua_armed_forces"),
        ("Kyiv's troops", "ua_armed_forces"),
        ("the Armed Forces of Ukraine", "ua_armed_forces"),
        ("Ukraine's air force", "ua_air_force"),
        ("Ukraine's general staff", "ua_general_staff"),
        ("the Ukrainian Defence Ministry", "ua_mod"),
        ("Zelenskiy", "ua_president"),
        ("Zelensky", "ua_president"),
        ("Zelenskyy", "ua_president"),
        ("the National Police", "ua_police"),
        ("the State Emergency Service", "ua_emergency_service"),
        ("the SBU", "ua_sbu"),
        ("Ukraine's military intelligence", "ua_gur"),
        ("Budanov", "ua_gur"),
        ("the Belarusian defence ministry", "by_mod"),
        ("Belarusian troops", "by_armed_forces"),
        ("the UN human rights office", "un_ohchr"),
        ("the IAEA", "iaea"),
        ("Nato", "nato"),
        ("the Pentagon", "us_dod"),
        ("the UK Ministry of Defence", "gb_mod"),
        ("the ICRC", "icrc"),
        ("Human Rights Watch", "hrw"),
        ("the Institute for the Study of War", "isw"),
        ("the Donetsk People's Republic", "dpr"),
        ("the Russian-installed mayor", "ru_occupation_authorities"),
        ("Reuters", "reuters"),
        ("the Kyiv Independent", "kyiv_independent"),
        ("Suspilne", "suspilne"),
        ("TASS", "tass"),
    ],
)
def test_names_and_variants(text, expected):
    found = find_actors(f"We heard from {text} on Monday.")
    assert [m.actor.id for m in found] == [expected]
    assert found[0].text in text


def test_capital_is_a_government_only_when_it_speaks_or_acts():
    assert roles("Moscow said the talks had failed.") == {"ru_government": None}
    assert roles("Kyiv accuses Russia of stalling.").get("ua_government") is None
    assert "ua_government" in roles("Kyiv accuses Russia of stalling.")
    assert find_actors("Sirens sounded in Kyiv on Tuesday.") == []
    assert find_actors("Kyiv is the heart of Europe.") == []


def test_offsets_point_at_the_text():
    sentence = "Overnight, Russian troops shelled Nikopol."
    (mention,) = find_actors(sentence)
    assert sentence[mention.start:mention.end] == mention.text == "Russian troops"


def test_active_voice_subject_acts_and_object_is_hit():
    assert roles("Russian forces shelled Kharkiv overnight, killing two civilians.") == {
        "ru_armed_forces": "actor", "civilians": "target"}
    assert roles("Ukrainian troops struck a Russian barracks near Melitopol.") == {
        "ua_armed_forces": "actor", "ru_armed_forces": "target"}
    assert roles("Ukraine's air force shot down 54 of 69 Russian missiles.") == {
        "ua_air_force": "actor", "ru_armed_forces": "target"}


def test_passive_voice_subject_is_hit():
    assert roles("Three Russian servicemen were killed in the attack.") == {"ru_armed_forces": "target"}
    assert roles("Ukrainian soldiers killed in Bakhmut were buried on Sunday.") == {"ua_armed_forces": "target"}


def test_by_on_and_against():
    assert roles("A strike by Russian forces hit a school in Kramatorsk.") == {
        "ru_armed_forces": "actor", "civilian_infrastructure": "target"}
    assert roles("The army launched attacks on Ukrainian positions.")["ua_armed_forces"] == "target"
    assert roles("A deadly Ukrainian missile strike destroyed the depot.")["ua_armed_forces"] == "actor"


def test_country_that_acts_is_its_armed_forces():
    assert roles("Russia launched 69 missiles at Ukraine's energy grid.") == {
        "ru_armed_forces": "actor", "energy_infrastructure": "target"}
    assert roles("Russia said the talks had failed.") == {"ru_government": None}


def test_speaker_who_says_it_acted():
    found = roles("Ukraine's air force said it shot down 16 drones.")
    assert found == {"ua_air_force": "actor"}
    found = roles("The Ukrainian Defence Ministry said its air defence shot down 54 missiles.")
    assert found == {"ua_mod": None, "ua_air_force": "actor"}


def test_the_speaker_is_not_the_attacker():
    found = roles("Russia's defence ministry said four Ukrainian missiles hit a Russian barracks.")
    assert found == {"ru_mod": None, "ua_armed_forces": "actor", "ru_armed_forces": "target"}


def test_losses_are_targets():
    assert roles("Russian losses mounted near Vuhledar.") == {"ru_armed_forces": "target"}
    assert roles("Civilian casualties rose in Kherson.") == {"civilians": "target"}


def test_civilians_and_buildings_only_as_targets():
    assert find_actors("Residents queued for water in Mykolaiv.") == []
    assert roles("The missile hit a residential building and injured residents.") == {
        "civilian_infrastructure": "target", "civilians": "target"}


def test_bare_ministry_resolved_from_context():
    context = "Russia's defence ministry raised the death toll to 89."
    found = find_actors("The ministry blamed mobile phones.", context=context)
    assert [m.actor.id for m in found] == ["ru_mod"]
    assert find_actors("The ministry blamed mobile phones.") == []


def test_people_and_their_offices():
    found = find_actors("Kyiv Mayor Vitaliy Klitschko visited the site.")
    assert [(m.actor.id, m.text) for m in found] == [("ua_kyiv_city", "Kyiv Mayor Vitaliy Klitschko")]
    assert roles("Belgorod governor Vyacheslav Gladkov spoke.") == {"ru_regional_authorities": None}
    assert find_actors("Meanwhile Hunter Biden spoke.") == []
    assert find_actors("Hunter Biden spoke.", ents=[(0, 12, "PERSON")]) == []
    assert roles("Oleksiy Kuleba visited Irpin.") == {"ua_president": None}
    assert roles("Dmytro Kuleba visited Irpin.") == {"ua_mfa": None}


def test_seed_makiivka_roles(seeds):
    text = (seeds / "liveblog-2023-01-04.txt").read_text(encoding="utf-8")
    sentence = next(
        line.strip() for line in text.splitlines()
        if line.startswith("The Russian defence ministry said four Ukrainian missiles")
    )
    found = roles(sentence)
    assert found["ua_armed_forces"] == "actor"
    assert found["ru_armed_forces"] == "target"
