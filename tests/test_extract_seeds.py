"""The cases the seeds must get right, with place and source (run when ../shared is present)."""

from __future__ import annotations

import pytest

from sitroom.analyse import extract_pending
from sitroom.ingest import ingest_file
from sitroom.store import events as event_store
from sitroom.store.sqlite import Store

from .conftest import SEEDS
from .eventcheck import figure, find_event


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    with Store(str(tmp_path_factory.mktemp("seeds") / "seeds.db")) as store:
        for name in ("liveupdates-2022-12-29.txt", "liveblog-2023-01-04.txt"):
            ingest_file(store, str(SEEDS / name))
        extract_pending(store)
        return event_store.events(store, event_store.EventQuery())


def test_54_of_69_missiles_intercepted_on_29_december(records):
    event = find_event(records, "interception", "shot down 54 of the 69")
    assert figure(event, "intercepted")["value"] == 54
    assert figure(event, "launched")["value"] == 69
    assert event["date"] == "2022-12-29"
    assert event["attribution"]["organisation"] == "Ukrainian Ministry of Defence"


def test_bakhmut_evacuated_and_remaining(records):
    left = find_event(records, None, "more than 70,000 people", "evacuated")
    assert figure(left, "evacuated", 70000)["low"] == 70000
    assert left["place"]["name"] == "Bakhmut"
    stay = find_event(records, None, "8,700 residents remain", "remaining")
    assert figure(stay, "remaining")["value"] == 8700
    assert stay["attribution"]["person"] == "Oleksii Reva"


def test_civilian_bodies_in_four_oblasts(records):
    event = find_event(records, None, "1,116 civilian bodies", "bodies_found")
    bodies = figure(event, "bodies_found")
    assert bodies["value"] == 1116 and bodies["group"] == "civilians"
    assert event["attribution"]["organisation"] == "National Police of Ukraine"


def test_ohchr_civilian_deaths_and_injuries(records):
    deaths = find_event(records, None, "6,884 civilian deaths", "killed")
    assert figure(deaths, "killed")["value"] == 6884
    assert "OHCHR" in deaths["attribution"]["organisation"]
    injuries = [r for r in records if "10,847" in r["evidence"]]
    assert any(f["measure"] == "injured" and f["value"] == 10847 for r in injuries for f in r["figures"])


def test_makiivka_89_killed_revised_from_63_per_russian_defence_ministry(records):
    event = find_event(records, None, "killed 89 servicemen, raising the reported death toll", "killed")
    killed = figure(event, "killed")
    assert killed["value"] == 89 and killed["previous"] == 63
    assert event["place"]["name"] == "Makiivka"
    assert event["attribution"]["organisation"] == "Russian Ministry of Defence"


def test_strikes_on_kramatorsk_zaporizhzhia_and_kherson(records):
    found = [r for r in records if "seven missile strikes, 18 airstrikes and more than 85" in r["evidence"]]
    counted = {(f["item"], f["value"], f["low"]) for r in found for f in r["figures"] if f["measure"] == "strikes"}
    values = {value for _, value, _ in counted}
    assert {7, 18, 85} <= values
    assert any(low == 85 for _, value, low in counted if value == 85)
    assert {r["place"]["name"] for r in found if r["place"]} <= {"Kramatorsk", "Zaporizhzhia", "Kherson"}
    assert all("General Staff" in (r["attribution"]["organisation"] or "") for r in found)


def test_s300_shot_down_over_belarus_near_gorbakha(records):
    event = find_event(records, "interception", "shot the missile down near Gorbakha")
    assert event["place"]["country"] == "BY"
    assert event["attribution"]["organisation"] == "Belarusian Ministry of Defence"


def test_engels_air_base_attack_is_in_russia(records):
    event = find_event(records, None, "strike on the Engels Air Base")
    assert event["place"]["country"] == "RU"
