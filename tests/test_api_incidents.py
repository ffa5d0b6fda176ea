"""The incidents, claims, brief and timeline endpoints over the examples, through the real app."""

from __future__ import annotations

import json
import warnings

import pytest
from typer.testing import CliRunner

from sitroom.cli import app as cli
from sitroom.serve import api
from sitroom.serve.app import create_app
from sitroom.serve.queries import incidents_json
from sitroom.store import incident_queries as q
from sitroom.store.sqlite import Store

from .conftest import EXAMPLES

with warnings.catch_warnings():  # Starlette asks for httpx2 in its test client; httpx still works
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api-incidents") / "examples.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", str(path), "-q"]).exit_code == 0
    assert runner.invoke(cli, ["extract", "--db", str(path), "-q"]).exit_code == 0
    return path


@pytest.fixture(scope="module")
def client(examples_db):
    return TestClient(create_app(examples_db))


def makiivka(client) -> dict:
    items = client.get("/api/incidents", params={"place": "Makiivka", "type": "explosion"}).json()["items"]
    assert len(items) == 1
    return items[0]


def test_incidents_page_and_geojson(client):
    page = client.get("/api/incidents", params={"limit": 3}).json()
    assert page["limit"] == 3 and len(page["items"]) == 3 and page["total"] >= 3
    second = client.get("/api/incidents", params={"limit": 3, "offset": 3}).json()
    assert not {i["id"] for i in page["items"]} & {i["id"] for i in second["items"]}
    geo = client.get("/api/incidents", params={"format": "geojson", "limit": 1000})
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert geo.json()["features"] and geo.json()["features"][0]["geometry"]["type"] == "Point"


def test_incident_with_events_and_its_claims(client):
    record = makiivka(client)
    assert record["killed"] == 89
    detail = client.get(f"/api/incidents/{record['id']}").json()
    assert [e["id"] for e in detail["events"]] and set(e["id"] for e in detail["events"]) == set(record["event_ids"])
    claims = client.get(f"/api/incidents/{record['id']}/claims").json()
    ministry = [s for s in claims["series"] if s["measure"] == "killed" and s["source"] == "Russian Ministry of Defence"]
    values = [c["value"] for c in ministry[0]["claims"]]
    assert values.index(63) < values.index(89) and ministry[0]["current"] == 89


def test_missing_incident_is_a_json_404(client):
    for path in ("/api/incidents/987654", "/api/incidents/987654/claims"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"error": {"status": 404, "message": "no incident 987654"}}


def test_brief_and_timeline(client):
    brief = client.get("/api/brief/2023-01-04", params={"max": 4}).json()
    assert brief["date"] == "2023-01-04" and len(brief["points"]) == 4
    assert all(p["entry_ids"] and p["incident_id"] for p in brief["points"])
    assert client.get("/api/brief/not-a-day").status_code == 422
    timeline = client.get("/api/timeline", params={"since": "2023-01-01"}).json()["items"]
    assert timeline and all((i["date_end"] or i["date_start"]) >= "2023-01-01" for i in timeline)


def test_incidents_built_by_sqlite_are_those_of_the_store(client):
    """queries.incidents_json copies the store's record and filters; this catches them drifting apart."""
    path = client.app.state.db_path
    with Store(path) as store:
        dates = [r[0] for r in store.db.execute("SELECT DISTINCT date_start FROM incidents WHERE date_start IS NOT NULL")]
        ids = [r[0] for r in store.db.execute("SELECT id FROM incidents")]
        assert len(ids) > 20
        for query in [
            q.IncidentQuery(), q.IncidentQuery(place="Kyiv"), q.IncidentQuery(place="UA"), q.IncidentQuery(type="explosion"),
            q.IncidentQuery(type="strike"), q.IncidentQuery(since=min(dates), until=min(dates)),
            q.IncidentQuery(since=max(dates)), q.IncidentQuery(ids=ids[:3]), q.IncidentQuery(limit=5, offset=4),
        ]:
            expected = q.incidents(store, query)
            assert [json.loads(text) for text in incidents_json(store, query)] == expected, query
            features = [json.loads(text) for text in incidents_json(store, query, geojson=True)]
            assert features == api.features(expected, 0, 0, 0)["features"], query
            if query.limit is None:
                assert q.count_incidents(store, query) == len(expected), query
    timeline = client.get("/api/timeline").json()["items"]
    with Store(path) as store:
        assert timeline == q.incidents(store, q.IncidentQuery(limit=5000))


def test_a_merged_incident_leads_to_the_one_that_holds_its_events(examples_db, tmp_path):
    import shutil

    from sitroom.analyse import link_pending
    from sitroom.store import incidents as incident_store

    path = tmp_path / "merged.db"
    shutil.copy(examples_db, path)
    with Store(str(path)) as store:
        ids = [r["id"] for r in q.incidents(store, q.IncidentQuery())]
        home, stray, third = ids[0], ids[1], ids[2]
        events = set(q.incident(store, home)["event_ids"]) | set(q.incident(store, stray)["event_ids"])
        incident_store.move(store, stray, home)  # as linking does when it finds them one happening
        link_pending(store)
        assert q.incident(store, stray) is None and set(q.incident(store, home)["event_ids"]) == events
        assert q.merged_into(store, stray) == home and q.merged_into(store, home) is None
    api_client = TestClient(create_app(path))
    moved = api_client.get(f"/api/incidents/{stray}?x=1", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == f"/api/incidents/{home}?x=1"
    assert f"merged into incident {home}" in moved.json()["error"]["message"]
    assert api_client.get(f"/api/incidents/{stray}").json()["id"] == home
    claims = api_client.get(f"/api/incidents/{stray}/claims", follow_redirects=False)
    assert claims.status_code == 301 and claims.headers["location"] == f"/api/incidents/{home}/claims"
    shown = CliRunner().invoke(cli, ["claims", str(stray), "--db", str(path), "-f", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["incident"]["id"] == home
    assert f"incident {stray} was merged into incident {home}" in shown.stderr
    # merged again: the first id follows to where the events are now
    with Store(str(path)) as store:
        incident_store.move(store, home, third)
        link_pending(store)
        assert q.merged_into(store, stray) == third and q.merged_into(store, home) == third
    assert api_client.get(f"/api/incidents/{stray}", follow_redirects=False).headers["location"].endswith(f"/{third}")
    # relinking from scratch numbers incidents anew and keeps only the merges it makes itself
    assert CliRunner().invoke(cli, ["link", "--redo", "--db", str(path), "-q"]).exit_code == 0
    with Store(str(path)) as store:
        for merged, into in store.db.execute("SELECT incident_id, merged_into FROM incident_merges").fetchall():
            assert q.incident(store, merged) is None and q.incident(store, into) is not None
            assert (merged, into) not in {(stray, third), (home, third)}
    gone = max(ids) + 10_000
    assert api_client.get(f"/api/incidents/{gone}", follow_redirects=False).status_code == 404


def test_export_in_acled_and_ucdp_columns(client):
    import csv

    from sitroom.coded import ACLED_COLUMNS, UCDP_COLUMNS

    record = makiivka(client)
    answer = client.get("/api/export/acled")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert 'filename="sitroom-acled.csv"' in answer.headers["content-disposition"]
    rows = list(csv.DictReader(answer.text.splitlines()))
    assert list(rows[0]) == ACLED_COLUMNS
    (row,) = [r for r in rows if r["sitroom_incident_id"] == str(record["id"])]
    assert row["location"] == "Makiivka" and row["event_type"] == "Explosions/Remote violence"
    ged = client.get("/api/export/ucdp", params={"format": "jsonl", "place": "Makiivka", "since": "2022-12-01"})
    assert ged.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in ged.text.splitlines()]
    assert lines and list(lines[0]) == UCDP_COLUMNS
    assert [r["best"] for r in lines if r["sitroom_incident_id"] == record["id"]] == [89]
    assert client.get("/api/export/viina").status_code == 422
