"""The extract, events, types and geocode commands, through the real CLI on a real store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store.events import EVENT_FIELDS

from .conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-events") / "events.db"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(path), "-q"]).exit_code == 0
    result = runner.invoke(app, ["extract", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "events found:" in result.output
    return path


def events(db, *args: str) -> list[dict]:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_second_extract_has_nothing_to_do(db):
    result = runner.invoke(app, ["extract", "--db", str(db)])
    assert result.exit_code == 0 and "nothing to extract" in result.output


def test_jsonl_has_the_documented_fields(db):
    records = events(db)
    assert records and all(list(r) == EVENT_FIELDS for r in records)
    placed = next(r for r in records if r["place"])
    assert set(placed["place"]) == {"name", "lat", "lon", "admin1", "country", "precision"}
    counted = next(r for r in records if r["figures"])
    assert {"measure", "value", "low", "high", "group"} <= set(counted["figures"][0])
    assert set(placed["attribution"]) == {"organisation", "person"}


def test_filters(db):
    interceptions = events(db, "--type", "interception")
    assert interceptions and all(r["subtype"] == "interception" for r in interceptions)
    air_defence = events(db, "--type", "air_defence")
    assert {r["id"] for r in interceptions} <= {r["id"] for r in air_defence}
    makiivka = events(db, "--place", "makiivka")
    assert makiivka and all(r["place"]["name"] == "Makiivka" for r in makiivka)
    belarus = events(db, "--place", "BY")
    assert belarus and all(r["place"]["country"] == "BY" for r in belarus)
    window = events(db, "--since", "2022-12-31", "--until", "2022-12-31")
    assert window and all(r["date"] <= "2022-12-31" for r in window)  # ranges overlapping the day count
    assert {r["date"] for r in window} >= {"2022-12-31"} and "2022-12-29" not in {r["date"] for r in window}


def test_geojson_is_a_feature_collection_in_lon_lat_order(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "geojson", "--place", "Makiivka"])
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 47.9 < lat < 48.2 and 37.8 < lon < 38.2  # Makiivka, east of Donetsk


def test_csv_puts_nested_values_in_json_cells(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--type", "interception"])
    header, first = result.stdout.splitlines()[:2]
    assert header.split(",") == EVENT_FIELDS
    assert '""measure""' in first


def test_bad_filters_are_usage_errors(db):
    assert runner.invoke(app, ["events", "--db", str(db), "--since", "yesterday"]).exit_code == 2
    result = runner.invoke(app, ["events", "--db", str(db), "--type", "picnic"])
    assert result.exit_code == 2 and "sitroom types" in result.output


def test_extract_needs_a_database(tmp_path):
    result = runner.invoke(app, ["extract", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such database" in result.output


def test_types_lists_every_type_with_a_definition():
    result = runner.invoke(app, ["types", "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"interception", "shelling", "casualty_toll", "prisoner_exchange"} <= {r["subtype"] for r in rows}
    assert all(r["definition"] for r in rows)


def test_geocode_one_text():
    result = runner.invoke(app, ["geocode", "Shelling hit Kramatorsk in the Donetsk region overnight"])
    answer = json.loads(result.stdout)
    assert answer["event_place"]["name"] == "Kramatorsk"
    assert {p["text"] for p in answer["places"]} >= {"Kramatorsk"}


def test_geocode_reads_lines_from_stdin_in_order():
    lines = "Drones struck Engels air base in the Saratov region\nnothing to see here\nExplosions in Odesa\n"
    result = runner.invoke(app, ["geocode", "-"], input=lines)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 3
    assert answers[0]["event_place"]["country"] == "RU"
    assert answers[1] == {"places": [], "event_place": None}
    assert answers[2]["event_place"]["name"] == "Odesa" and answers[2]["event_place"]["country"] == "UA"


def test_stats_count_what_extraction_found(db):
    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    counts = json.loads(result.stdout)
    assert counts["entries_extracted"] == counts["entries"] + counts["entries_revised"]
    assert counts["events"] == len(events(db)) and counts["events_by_type"]["air_defence"] > 0
