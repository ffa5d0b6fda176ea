"""The event-type table: one row per subtype, stable keys, and ACLED mappings that ACLED has."""

from __future__ import annotations

import dataclasses
import re

import pytest

from sitroom.extract.types import ACLED_PAIRS, EVENT_TYPES, FIGURE_MEASURES, TYPES, by_subtype, figure_measures

KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def test_every_row_has_a_definition_and_a_label():
    for row in EVENT_TYPES:
        assert row.label.strip(), row
        assert row.definition.strip(), row
        assert "\n" not in row.definition, f"{row.key}: a definition is one line"
        assert row.definition.endswith("."), row.key


def test_keys_are_stable_snake_case_and_unique():
    subtypes = [row.subtype for row in EVENT_TYPES]
    assert len(subtypes) == len(set(subtypes)), "subtype keys must be unique across types"
    for row in EVENT_TYPES:
        assert KEY.match(row.type) and KEY.match(row.subtype), row.key


def test_every_acled_mapping_is_a_real_acled_pair():
    mapped = [row for row in EVENT_TYPES if row.acled_event_type or row.acled_sub_event_type]
    assert mapped
    for row in mapped:
        assert (row.acled_event_type, row.acled_sub_event_type) in ACLED_PAIRS, row.key


def test_violent_subtypes_each_map_to_one_acled_violence_pair():
    violence = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    for row in EVENT_TYPES:
        if row.violent:
            assert row.acled_event_type in violence, row.key
        else:
            assert row.acled_event_type not in violence, row.key


def test_the_acled_violent_sub_event_types_war_reports_need_are_all_covered():
    covered = {(row.acled_event_type, row.acled_sub_event_type) for row in EVENT_TYPES}
    for pair in [
        ("Battles", "Armed clash"),
        ("Battles", "Government regains territory"),
        ("Battles", "Non-state actor overtakes territory"),
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Explosions/Remote violence", "Grenade"),
        ("Violence against civilians", "Attack"),
        ("Violence against civilians", "Abduction/forced disappearance"),
        ("Strategic developments", "Disrupted weapons use"),
        ("Strategic developments", "Arrests"),
    ]:
        assert pair in covered, pair


def test_war_coverage_beyond_acled_is_in_the_table():
    for subtype in (
        "interception",
        "air_alert",
        "power_outage",
        "water_outage",
        "heating_outage",
        "evacuation",
        "aid",
        "casualty_toll",
        "weapons_supply",
        "troop_movement",
        "mobilisation",
        "talks",
        "sanctions",
        "investigation",
        "prisoner_exchange",
        "threat",
        "arrest",
        "sabotage",
        "plant_safety",
        "territory_captured",
        "cyber_attack",
    ):
        assert by_subtype(subtype).subtype == subtype


def test_by_subtype_takes_a_subtype_or_a_full_key_and_refuses_unknown_ones():
    assert by_subtype("shelling") is by_subtype("explosion/shelling")
    assert by_subtype("shelling").acled_sub_event_type == "Shelling/artillery/missile attack"
    with pytest.raises(KeyError):
        by_subtype("picnic")


def test_types_are_the_ordered_unique_type_keys():
    assert len(TYPES) == len(set(TYPES))
    assert list(TYPES) == list(dict.fromkeys(row.type for row in EVENT_TYPES))
    assert {"battle", "explosion", "civilian_violence", "air_defence", "infrastructure"} <= set(TYPES)


def test_rows_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        EVENT_TYPES[0].label = "changed"  # type: ignore[misc]


def test_figure_measures_name_table_keys_and_known_measures():
    keys = {row.type for row in EVENT_TYPES} | {row.subtype for row in EVENT_TYPES}
    assert set(FIGURE_MEASURES) <= keys
    figures = pytest.importorskip("sitroom.extract.figures")
    for measures in FIGURE_MEASURES.values():
        assert set(measures) <= set(figures.MEASURES), measures


def test_an_interception_counts_intercepted_and_an_attack_counts_launched_and_killed():
    assert "intercepted" in figure_measures("interception")
    assert "intercepted" not in figure_measures("missile_attack")
    assert {"launched", "killed"} <= set(figure_measures("missile_attack"))
    assert figure_measures("talks") == ()
