"""The JSON API over the example corpus: every endpoint through FastAPI's TestClient, ingest over
HTTP with and without tokens, and one real uvicorn server (`sitroom serve`) on a loopback port."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitroom.analyse import extract_pending
from sitroom.cli import app as cli_app
from sitroom.ingest import ingest_file
from sitroom.read import iter_inputs
from sitroom.serve import Settings, api, create_app
from sitroom.serve.queries import events_json, fts_query
from sitroom.serve.reads import AnswerCache, Connection, Reads
from sitroom.serve.settings import TokenFile, hash_token
from sitroom.store import events as event_store
from sitroom.store.sqlite import Store

from .conftest import EXAMPLES, ROOT

with warnings.catch_warnings():  # Starlette asks for httpx2 in its test client; httpx still works
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

LIVEBLOG = EXAMPLES / "liveblog-2023-01-04.txt"
GUARDIAN = EXAMPLES / "json" / "guardian-liveblog-2023-01-03.json"
runner = CliRunner()


def corpus_db(path: Path, extract: bool = True) -> Path:
    """The examples ingested (and extracted) with the same library calls `sitroom ingest` makes."""
    with Store(str(path)) as store:
        for file, skip in iter_inputs([str(EXAMPLES)]):
            if not skip:
                assert ingest_file(store, file).error is None
        if extract:
            extract_pending(store)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return corpus_db(tmp_path_factory.mktemp("api") / "corpus.db")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, settings=Settings()), raise_server_exceptions=False) as opened:
        yield opened


def store_counts(path: Path) -> dict:
    """Every table's row count and the FTS index size: what a failed write must leave as it was."""
    with Store(str(path)) as store:
        tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: store.db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def assert_error(response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["message"] and "Traceback" not in response.text
    return body["error"]["message"]


def page_all(client, url: str, size: int, params: dict | None = None) -> list[dict]:
    items, offset = [], 0
    while True:
        body = client.get(url, params={**(params or {}), "limit": size, "offset": offset}).json()
        items += body["items"]
        offset += size
        if offset >= body["total"]:
            return items


# -- documents ------------------------------------------------------------------------------------


def test_documents_are_paginated_with_a_total(client, db):
    body = client.get("/api/documents").json()
    with Store(str(db)) as store:
        stored = store.documents()
    assert body["total"] == len(stored) == len(body["items"]) and (body["limit"], body["offset"]) == (50, 0)
    assert [d["id"] for d in body["items"]] == [row["id"] for row in stored]
    assert page_all(client, "/api/documents", 4) == body["items"]
    second = client.get("/api/documents", params={"limit": 5, "offset": 5}).json()
    assert [d["id"] for d in second["items"]] == [row["id"] for row in stored[5:10]]
    # Only a file name leaves the server, never its folders.
    assert all(d["file"] and "/" not in d["file"] for d in body["items"])


def test_one_document_has_its_history(client):
    first = client.get("/api/documents").json()["items"][0]
    detail = client.get(f"/api/documents/{first['id']}").json()
    assert detail["id"] == first["id"] and detail["title"] == first["title"]
    assert len(detail["history"]) == detail["versions"] == 1
    assert detail["history"][0]["entries_added"] == detail["entries"]
    assert detail["events"] > 0
    assert assert_error(client.get("/api/documents/99999"), 404) == "no document 99999"
    assert_error(client.get("/api/documents/0"), 422)
    assert_error(client.get("/api/documents/abc"), 422)


# -- entries --------------------------------------------------------------------------------------


def test_entries_filter_by_document_and_kind(client, db):
    with Store(str(db)) as store:
        everything = list(store.entries())
        summaries = [r["id"] for r in store.entries(kind="summary")]
        of_doc = [r["id"] for r in store.entries(document_id=1)]
    body = client.get("/api/entries", params={"limit": 1000}).json()
    assert body["total"] == len(everything) and [e["id"] for e in body["items"]] == [r["id"] for r in everything]
    assert [e["id"] for e in page_all(client, "/api/entries", 7)] == [r["id"] for r in everything]
    kind = client.get("/api/entries", params={"kind": "summary"}).json()
    assert [e["id"] for e in kind["items"]] == summaries and kind["total"] == len(summaries)
    doc = client.get("/api/entries", params={"document": 1, "limit": 3}).json()
    assert doc["total"] == len(of_doc) and [e["id"] for e in doc["items"]] == of_doc[:3]
    assert_error(client.get("/api/entries", params={"kind": "tweet"}), 422)


def test_unique_leaves_out_repeats(client, db):
    with Store(str(db)) as store:
        repeats = store.db.execute("SELECT COUNT(*) FROM entries WHERE duplicate_of IS NOT NULL").fetchone()[0]
    every = client.get("/api/entries").json()["total"]
    unique = client.get("/api/entries", params={"unique": "true"}).json()
    assert unique["total"] == every - repeats
    assert all(e["duplicate_of"] is None for e in unique["items"])


def test_entry_has_mentions_at_their_offsets_and_its_events(client, db):
    with Store(str(db)) as store:
        entry_id = store.db.execute(
            "SELECT entry_id FROM mentions GROUP BY entry_id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]
    entry = client.get(f"/api/entries/{entry_id}").json()
    assert entry["mentions"], "the busiest entry has mentions"
    for mention in entry["mentions"]:
        assert entry["text"][mention["start"] : mention["end"]] == mention["text"]
    assert {m["kind"] for m in entry["mentions"]} >= {"place"}
    assert entry["events"] and all(e["entry_id"] == entry_id for e in entry["events"])
    assert entry["paragraphs"] and entry["document_title"]
    assert "\n".join(p["text"] for p in entry["paragraphs"] if p["role"] in ("text", "quote")) == entry["text"]
    assert assert_error(client.get("/api/entries/424242"), 404) == "no entry 424242"


# -- events ---------------------------------------------------------------------------------------


def cli_events(db: Path, *args: str) -> list[dict]:
    result = runner.invoke(cli_app, ["events", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    "params, flags",
    [
        ({}, []),
        ({"place": "Makiivka"}, ["--place", "Makiivka"]),
        ({"type": "explosion", "since": "2023-01-01"}, ["--type", "explosion", "--since", "2023-01-01"]),
        ({"until": "2022-12-31", "place": "UA"}, ["--until", "2022-12-31", "--place", "UA"]),
        ({"document": 1}, ["--document", "1"]),
    ],
)
def test_events_are_those_of_the_command_line(client, db, params, flags):
    expected = cli_events(db, *flags)
    body = client.get("/api/events", params={**params, "limit": 1000}).json()
    assert body["items"] == expected and body["total"] == len(expected)
    if len(expected) > 3:
        assert page_all(client, "/api/events", 3, params) == expected


def test_events_built_by_sqlite_are_those_of_the_store_for_every_filter(db):
    """The API builds events as JSON in SQL (queries.events_json) with its own copy of the store's
    filters; this catches the records, the filters or the totals drifting apart."""
    with Store(str(db)) as store:
        dates = [r[0] for r in store.db.execute("SELECT DISTINCT date FROM events WHERE date IS NOT NULL")]
        for query in [
            event_store.EventQuery(), event_store.EventQuery(type="air_defence"), event_store.EventQuery(type="shelling"),
            event_store.EventQuery(place="donetsk"), event_store.EventQuery(place="RU"),
            event_store.EventQuery(since=min(dates), until=min(dates)), event_store.EventQuery(since=max(dates)),
            event_store.EventQuery(document_id=2, type="explosion"), event_store.EventQuery(entry_id=5),
            event_store.EventQuery(include_superseded=True), event_store.EventQuery(limit=7, offset=3),
            event_store.EventQuery(ids=[3, 1, 2]),
        ]:
            expected = event_store.events(store, query)
            assert [json.loads(text) for text in events_json(store, query)] == expected, query
            features = [json.loads(text) for text in events_json(store, query, geojson=True)]
            assert features == api.features(expected, 0, 0, 0)["features"], query
            if query.limit is None:
                assert event_store.count_events(store, query) == len(expected), query
        assert len(event_store.events(store, event_store.EventQuery())) > 50


def test_events_as_geojson(client):
    response = client.get("/api/events", params={"place": "Kyiv", "format": "geojson"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["features"]
    for feature in body["features"]:
        place = feature["properties"]["place"]
        assert feature["geometry"] == {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
        assert feature["id"] == feature["properties"]["id"]
    with_place = [e for e in client.get("/api/events", params={"place": "Kyiv"}).json()["items"] if e["place"]]
    assert [f["id"] for f in body["features"]] == [e["id"] for e in with_place]


def test_bad_event_filters_are_422(client):
    assert "since" in assert_error(client.get("/api/events", params={"since": "2023-13-01"}), 422)
    assert "type" in assert_error(client.get("/api/events", params={"type": "earthquake"}), 422)
    assert "limit" in assert_error(client.get("/api/events", params={"limit": 1001}), 422)
    assert_error(client.get("/api/events", params={"offset": -1}), 422)
    assert_error(client.get("/api/events", params={"format": "kml"}), 422)


# -- search ---------------------------------------------------------------------------------------


def test_search_is_ranked_with_marked_snippets(client):
    body = client.get("/api/search", params={"q": "Makiivka toll"}).json()
    assert body["total"] >= len(body["items"]) > 1
    scores = [hit["score"] for hit in body["items"]]
    assert scores == sorted(scores, reverse=True)
    for hit in body["items"]:
        marked = (hit["snippet"] + (hit["headline_html"] or "")).lower()
        assert "<mark>makiivka</mark>" in marked or "<mark>toll</mark>" in marked
    second = client.get("/api/search", params={"q": "Makiivka toll", "limit": 1, "offset": 1}).json()
    assert second["items"][0]["id"] == body["items"][1]["id"] and second["total"] == body["total"]


def test_search_phrases_prefixes_and_operators(client):
    def total(q: str) -> int:
        return client.get("/api/search", params={"q": q}).json()["total"]

    assert total("Makiiv*") == total("Makiivka") > 0
    assert total('"death toll"') <= total("death toll")
    assert total("Makiivka OR Bakhmut") >= max(total("Makiivka"), total("Bakhmut"))
    assert total("Makiivka NOT toll") == total("Makiivka") - total("Makiivka toll")


@pytest.mark.parametrize(
    "q", ['Kyiv"', "AND", '"', "NEAR(", "headline:Kyiv", "*", "OR OR", "-", "(((", "NOT Kyiv", "Kyiv AND", "^", "'",
          "\u0000", "0\u0000", "Kyiv\u0000x", "a" * 500, "Київ"],
)
def test_any_typed_text_is_a_valid_search(client, q):
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert response.json()["total"] >= 0


def test_search_without_words_finds_nothing_and_empty_is_422(client):
    assert client.get("/api/search", params={"q": '"" ** :: -- ( )'}).json() == {
        "query": None, "items": [], "total": 0, "limit": 50, "offset": 0,
    }
    assert_error(client.get("/api/search", params={"q": ""}), 422)
    assert_error(client.get("/api/search"), 422)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.text(max_size=40),
        st.lists(
            st.sampled_from([" ", '"', "*", "(", ")", ":", "^", "-", "+", "'", "AND", "OR", "NOT", "NEAR", "Kyiv", "ї", "_"]),
            max_size=14,
        ).map("".join),
    )
)
def test_fts_query_is_always_valid_fts5(db, text):
    query = fts_query(text)
    if query is not None:
        with Store(str(db)) as store:
            store.db.execute("SELECT COUNT(*) FROM entries_fts WHERE entries_fts MATCH ?", (query,)).fetchone()


# -- stats, errors, read access ----------------------------------------------------------------


def test_stats_are_those_of_the_store(client, db):
    body = client.get("/api/stats").json()
    with Store(str(db)) as store:
        expected = {**store.stats(), **event_store.event_stats(store)}
    expected.pop("database")
    assert body == expected
    assert "database" not in body


def test_unknown_paths_methods_and_crashes_answer_json(db):
    application = create_app(db, settings=Settings())

    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    application.add_api_route("/api/boom", boom)
    with TestClient(application, raise_server_exceptions=False) as client:
        assert assert_error(client.get("/api/nothing"), 404) == "no such endpoint: /api/nothing"
        assert_error(client.post("/api/stats"), 405)
        message = assert_error(client.get("/api/boom"), 500)
        assert "secret" not in client.get("/api/boom").text and "internal" in message


def test_a_database_gone_after_start_is_503(tmp_path):
    path = corpus_db(tmp_path / "gone.db", extract=False)
    with TestClient(create_app(path, settings=Settings()), raise_server_exceptions=False) as client:
        assert client.get("/api/stats").status_code == 200
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        assert_error(client.get("/api/stats"), 503)
        assert not path.exists(), "a read must not create an empty database"


def test_create_app_needs_an_existing_database(tmp_path):
    with pytest.raises(Exception, match="sitroom ingest"):
        create_app(tmp_path / "none.db")


def test_private_server_needs_a_token_to_read(db, tmp_path):
    tokens = TokenFile(str(tmp_path / "private.tokens"))
    token = tokens.create("reader")
    private = Settings(read_auth=True, tokens_file=tokens.path)
    with TestClient(create_app(db, settings=private), raise_server_exceptions=False) as client:
        refused = client.get("/api/events")
        assert_error(refused, 401)
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert_error(client.get("/api/events", headers={"Authorization": "Bearer wrong"}), 401)
        assert client.get("/api/events", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert client.get("/api/events", headers={"Authorization": f"Bearer {token}"}).headers["x-cache"] == "hit"
        assert_error(client.get("/api/events"), 401)  # a kept answer is still only for those with a token
        basic = base64.b64encode(f"anyone:{token}".encode()).decode()
        assert client.get("/api/stats", headers={"Authorization": f"Basic {basic}"}).status_code == 200
        assert client.get("/openapi.json").json()["security"] == [{"token": []}]
        if any(getattr(route, "path", None) == "/" for route in client.app.routes):  # once pages are installed
            page = client.get("/")
            assert page.status_code == 401 and page.headers["www-authenticate"].startswith("Basic")
            assert client.get("/", headers={"Authorization": f"Basic {basic}"}).status_code == 200


def test_openapi_describes_every_endpoint_with_a_model(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ["/api/documents", "/api/documents/{document_id}", "/api/entries", "/api/entries/{entry_id}",
                 "/api/events", "/api/search", "/api/stats", "/api/ingest"]:
        for operation in paths[path].values():
            ok = operation["responses"].get("200") or operation["responses"].get("201")
            assert "$ref" in ok["content"]["application/json"]["schema"], path
    events_200 = paths["/api/events"]["get"]["responses"]["200"]["content"]
    assert events_200["application/geo+json"]["schema"]["$ref"].endswith("EventFeatureCollection")
    assert "EventFeatureCollection" in schema["components"]["schemas"]
    assert paths["/api/ingest"]["post"]["security"] == [{"token": []}]


# -- tokens ---------------------------------------------------------------------------------------


def test_tokens_are_stored_hashed_and_revocable(tmp_path):
    tokens = TokenFile(str(tmp_path / "db.tokens"))
    first, second = tokens.create("one"), tokens.create("two")
    text = Path(tokens.path).read_text()
    assert first not in text and second not in text and first != second
    assert stat.S_IMODE(os.stat(tokens.path).st_mode) == 0o600
    assert tokens.verify(first) and tokens.verify(second) and not tokens.verify(first + "x")
    assert tokens.revoke(tokens.records()[0].id) == 1
    assert not tokens.verify(first) and tokens.verify(second)


def test_env_token_is_hashed_on_start():
    settings = Settings.from_env({"SITROOM_TOKEN": "from-env", "SITROOM_MAX_UPLOAD": "2M", "SITROOM_READ_AUTH": "1"})
    assert "from-env" not in repr(settings) and "from-env" not in "".join(settings.token_hashes)
    assert settings.max_upload == 2 * 1024 * 1024 and settings.read_auth
    assert hash_token("x") != hash_token("x"), "salted"


# -- ingest ---------------------------------------------------------------------------------------


@pytest.fixture
def writable(tmp_path):
    """A fresh store holding one example, a token made by `sitroom token create`, and a client."""
    path = tmp_path / "write.db"
    result = runner.invoke(cli_app, ["ingest", "--db", str(path), str(EXAMPLES / "liveupdates-2022-12-29.txt")])
    assert result.exit_code == 0, result.output
    made = runner.invoke(cli_app, ["token", "create", "--db", str(path), "--label", "tests"])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("sitroom_") and token not in Path(f"{path}.tokens").read_text()
    settings = Settings(max_upload=200_000)
    with TestClient(create_app(path, settings=settings), raise_server_exceptions=False) as client:
        yield path, client, {"Authorization": f"Bearer {token}"}


def test_ingest_needs_a_valid_token(writable):
    path, client, auth = writable
    before = store_counts(path)
    data = LIVEBLOG.read_bytes()
    refused = client.post("/api/ingest", content=data)
    assert "token" in assert_error(refused, 401) and refused.headers["www-authenticate"].startswith("Bearer")
    assert_error(client.post("/api/ingest", content=data, headers={"Authorization": "Bearer sitroom_forged"}), 401)
    assert_error(client.post("/api/ingest", content=data, headers={"Authorization": "Basic !!"}), 401)
    # A valid token sent as Basic (what a browser replays on a cross-site form post) cannot write.
    token = auth["Authorization"].split()[1]
    basic = base64.b64encode(f"me:{token}".encode()).decode()
    assert_error(client.post("/api/ingest", content=data, headers={"Authorization": f"Basic {basic}"}), 401)
    assert store_counts(path) == before


def test_ingest_raw_body_stores_like_the_command_line(writable, tmp_path):
    _, client, auth = writable
    before = client.get("/api/stats").json()
    response = client.post("/api/ingest", params={"filename": LIVEBLOG.name}, content=LIVEBLOG.read_bytes(), headers=auth)
    assert response.status_code == 201, response.text
    after = client.get("/api/stats").json()
    assert (after["documents"], after["entries"]) == (before["documents"] + 1, before["entries"] + 13)
    body = response.json()
    # The command line on the same file, into its own store, prints the same counts.
    other = tmp_path / "cli.db"
    printed = runner.invoke(cli_app, ["ingest", "--db", str(other), str(LIVEBLOG)]).output
    assert body["message"] in printed.replace(str(LIVEBLOG), LIVEBLOG.name)
    assert body["status"] == "stored" and body["documents_added"] == 1 and body["entries_added"] == 13
    # The file name gave the day (the liveblog layout dates its entries from the name).
    doc_id = body["documents"][0]["id"]
    entries = client.get("/api/entries", params={"document": doc_id}).json()
    assert entries["total"] == 13 and all(e["posted_at"].startswith("2023-01-04") for e in entries["items"])
    assert client.get(f"/api/documents/{doc_id}").json()["file"] == LIVEBLOG.name


def test_ingest_multipart_file_and_duplicate_adds_nothing(writable):
    path, client, auth = writable
    with GUARDIAN.open("rb") as handle:
        first = client.post("/api/ingest", files={"file": (GUARDIAN.name, handle, "application/json")}, headers=auth)
    assert first.status_code == 201 and first.json()["entries_added"] == 9
    after_first = store_counts(path)
    again = client.post("/api/ingest", files={"file": (GUARDIAN.name, GUARDIAN.read_bytes())}, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert "already ingested" in again.json()["message"]
    raw_again = client.post("/api/ingest", content=GUARDIAN.read_bytes(), headers=auth)
    assert raw_again.status_code == 200 and raw_again.json()["entries_added"] == 0
    assert store_counts(path) == after_first


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "whitespace"),
        ("broken.json", b'{"response": {"content": {"blocks": ', "not a readable guardian json"),
        ("bad-bom.txt", b"\xef\xbb\xbfok \xff\xfe", "utf-8"),
    ],
)
def test_bad_input_is_400_and_leaves_the_store_as_it_was(writable, name, data, expected):
    path, client, auth = writable
    before = store_counts(path)
    message = assert_error(client.post("/api/ingest", params={"filename": name}, content=data, headers=auth), 400)
    assert expected in message.lower() and name in message and "sitroom-upload" not in message
    assert store_counts(path) == before


def test_oversize_is_413_before_and_while_reading(writable):
    path, client, auth = writable
    before = store_counts(path)
    big = (LIVEBLOG.read_text() * 40).encode()
    assert len(big) > 200_000
    assert "limit" in assert_error(client.post("/api/ingest", content=big, headers=auth), 413)
    assert_error(client.post("/api/ingest", files={"file": ("big.txt", big)}, headers=auth), 413)

    def chunks():  # no Content-Length: the limit is enforced while streaming
        for start in range(0, len(big), 16_384):
            yield big[start : start + 16_384]

    assert_error(client.post("/api/ingest", content=chunks(), headers=auth), 413)
    assert store_counts(path) == before


def test_malformed_multipart_is_400(writable):
    _, client, auth = writable
    headers = {**auth, "content-type": "multipart/form-data; boundary=xyz"}
    message = assert_error(client.post("/api/ingest", content=b"--xyz\r\nnot a part", headers=headers), 400)
    assert "malformed multipart" in message and "'file'" in message
    fields_only = b'--xyz\r\nContent-Disposition: form-data; name="note"\r\n\r\nno file here\r\n--xyz--\r\n'
    assert "no file" in assert_error(client.post("/api/ingest", content=fields_only, headers=headers), 400)


def test_ingest_with_extract_finds_events(writable):
    _, client, auth = writable
    before = client.get("/api/events").json()["total"]
    response = client.post(
        "/api/ingest", params={"filename": LIVEBLOG.name, "extract": "true"}, content=LIVEBLOG.read_bytes(), headers=auth
    )
    extraction = response.json()["extraction"]
    assert response.status_code == 201 and extraction["entries"] >= 13 and extraction["events"] > 0
    assert client.get("/api/events").json()["total"] == before + extraction["events"]
    assert client.get("/api/events", params={"place": "Makiivka"}).json()["total"] > 0


def test_revoked_token_is_refused_at_once(writable):
    path, client, auth = writable
    result = runner.invoke(cli_app, ["token", "list", "--db", str(path)])
    token_id = result.stdout.split()[0]
    assert runner.invoke(cli_app, ["token", "revoke", token_id, "--db", str(path)]).exit_code == 0
    assert_error(client.post("/api/ingest", content=LIVEBLOG.read_bytes(), headers=auth), 401)


# -- the answer cache -----------------------------------------------------------------------------


def test_answers_are_kept_until_an_upload_changes_the_store(writable):
    _, client, auth = writable
    first = client.get("/api/search", params={"q": "Makiivka"})
    assert first.headers["x-cache"] == "miss"
    again = client.get("/api/search", params={"q": "Makiivka"})
    assert again.headers["x-cache"] == "hit" and again.json() == first.json()
    stats = client.get("/api/stats").json()
    assert client.get("/api/stats").headers["x-cache"] == "hit"
    stored = client.post("/api/ingest", params={"filename": LIVEBLOG.name}, content=LIVEBLOG.read_bytes(), headers=auth)
    assert stored.status_code == 201
    after = client.get("/api/search", params={"q": "Makiivka"})
    assert after.headers["x-cache"] == "miss" and after.json()["total"] > first.json()["total"]
    assert client.get("/api/stats").json()["entries"] == stats["entries"] + 13


def test_a_write_by_another_process_is_seen_at_once(writable):
    path, client, _ = writable
    before = client.get("/api/documents").json()
    assert client.get("/api/documents").headers["x-cache"] == "hit"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "sitroom.cli", "ingest", "--db", str(path), str(LIVEBLOG)],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    after = client.get("/api/documents")
    assert after.headers["x-cache"] == "miss" and after.json()["total"] == before["total"] + 1


def test_a_database_replaced_by_another_file_is_read_afresh(tmp_path):
    path = corpus_db(tmp_path / "served.db", extract=False)
    other = tmp_path / "other.db"
    with Store(str(other)) as store:
        assert ingest_file(store, str(LIVEBLOG)).error is None
    with TestClient(create_app(path, settings=Settings()), raise_server_exceptions=False) as client:
        assert client.get("/api/documents").json()["total"] > 1
        assert client.get("/api/documents").headers["x-cache"] == "hit"
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(other, path)
        body = client.get("/api/documents").json()
        assert body["total"] == 1 and body["items"][0]["file"] == LIVEBLOG.name


def test_an_answer_from_an_older_snapshot_is_never_served(tmp_path):
    """The generation protocol itself: a snapshot taken before a commit carries an older
    generation than any taken after it, and what it computed is never served after the commit."""
    path = str(corpus_db(tmp_path / "g.db", extract=False))
    news = tmp_path / "kherson-2023-01-05.txt"
    news.write_text("Shelling hit Kherson overnight, regional governor Yaroslav Yanushevych said.\n", encoding="utf-8")
    reads = Reads(path)
    old, new = Connection(path), Connection(path)
    try:
        quiet = reads.generations.begin(old)
        old.store.db.execute("ROLLBACK")
        assert reads.generations.begin(old) == quiet, "no commit: the generation stays, so answers are reused"
        entries_then = old.store.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        with Store(path) as writer:  # another connection commits while `old` holds its snapshot
            assert ingest_file(writer, str(news)).documents[0].entries_added == 1
        assert old.store.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == entries_then
        later = reads.generations.begin(new)
        assert later > quiet
        assert new.store.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == entries_then + 1
        reads.cache.put("key", later, b"new", 3)
        reads.cache.put("key", quiet, b"old", 3)  # the slow reader of the old snapshot finishes last
        assert reads.cache.get("key", later) == b"new"
        assert reads.cache.memo("total", quiet, lambda: entries_then) == entries_then
        assert reads.cache.memo("total", later, lambda: entries_then + 1) == entries_then + 1
        old.store.db.execute("ROLLBACK")
        assert reads.generations.begin(old) > later, "the old connection sees the commit too"
        assert reads.cache.get("key", reads.generations.current) is None
    finally:
        for connection in (old, new):
            connection.store.db.execute("ROLLBACK")
            connection.close()
        reads.close()


def test_cache_keeps_to_its_size_and_can_be_off(db):
    cache = AnswerCache(max_bytes=100)
    for number in range(10):
        cache.put(number, 1, b"x" * 30, 30)
    assert len(cache) == 3 and cache.get(9, 1) and cache.get(0, 1) is None
    cache.put("big", 1, b"x" * 101, 101)
    assert cache.get("big", 1) is None
    with TestClient(create_app(db, settings=Settings(cache_bytes=0)), raise_server_exceptions=False) as client:
        first, second = client.get("/api/events"), client.get("/api/events")
        assert "x-cache" not in second.headers and first.json() == second.json()


# -- the command and a real server ----------------------------------------------------------------


def test_serve_without_a_database_says_to_ingest_first(tmp_path):
    result = runner.invoke(cli_app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "sitroom ingest" in lines[0]
    assert not (tmp_path / "missing.db").exists()


def test_serve_refuses_bad_server_options(db):
    for args, expected in ((["--cache", "lots"], "--cache"), (["--read-threads", "0"], "read-threads"),
                           (["--workers", "0"], "workers")):
        result = runner.invoke(cli_app, ["serve", "--db", str(db), *args])
        assert result.exit_code == 2 and expected in result.output, result.output


def test_worker_processes_get_the_same_settings_and_leave_the_cache_folder_alone(db):
    from sitroom.cli.serve import worker_environment

    settings = Settings(max_upload=1234, read_auth=True, read_threads=3, cache_bytes=0)
    env = worker_environment(str(db), settings)
    assert Settings.from_env(env) == settings
    assert "SITROOM_CACHE" not in env  # that one names the gazetteer's folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(path: Path, folder: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """`sitroom serve` on path in a subprocess on a free loopback port, once it answers."""
    port = free_port()
    env = {**os.environ, "SITROOM_TOKEN": "live-secret-token", "SITROOM_TOKENS_FILE": str(folder / "none.tokens")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    process = subprocess.Popen(
        [sys.executable, "-m", "sitroom.cli", "serve", "--db", str(path), "--port", str(port), *options],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"sitroom serve did not start: {process.stdout.read()}")
        time.sleep(0.2)


def copy_store(source: Path, target: Path) -> Path:
    with Store(str(source)) as one, Store(str(target)) as other:
        one.db.backup(other.db)
    return target


@pytest.fixture(scope="module")
def live(db, tmp_path_factory):
    """`sitroom serve` in a subprocess on a free loopback port, writing to a copy of the store."""
    folder = tmp_path_factory.mktemp("live")
    path = copy_store(db, folder / "live.db")
    process, base = start_serve(path, folder)
    yield base, path
    process.terminate()
    process.wait(timeout=20)


def test_real_server_reads_and_errors(live, client):
    base, _ = live
    with httpx.Client(base_url=base, timeout=10) as http:
        events = http.get("/api/events", params={"place": "Makiivka"})
        assert events.status_code == 200 and events.json() == client.get("/api/events", params={"place": "Makiivka"}).json()
        assert http.get("/api/search", params={"q": 'Kyiv"'}).status_code == 200
        missing = http.get("/api/entries/987654")
        assert missing.status_code == 404 and missing.json()["error"]["status"] == 404
        assert http.get("/openapi.json").json()["info"]["title"] == "sitroom"
        assert "server" not in missing.headers


def test_real_server_reads_while_it_ingests(live):
    base, path = live
    auth = {"Authorization": "Bearer live-secret-token"}
    failures: list[str] = []
    stop = threading.Event()

    def read_loop():
        with httpx.Client(base_url=base, timeout=30) as http:
            while not stop.is_set():
                for url in ("/api/events?limit=200", "/api/search?q=missile", "/api/stats"):
                    response = http.get(url)
                    if response.status_code != 200:
                        failures.append(f"{url}: {response.status_code} {response.text[:200]}")

    readers = [threading.Thread(target=read_loop) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        with httpx.Client(base_url=base, timeout=120) as http:
            refused = http.post("/api/ingest", content=b"anything", params={"filename": "a.txt"})
            assert refused.status_code == 401
            text = "Shelling hit Kherson overnight, regional governor Yaroslav Yanushevych said.\n" * 3
            stored = http.post("/api/ingest", params={"filename": "kherson-2023-01-05.txt", "extract": "true"},
                               content=text.encode(), headers=auth)
            assert stored.status_code == 201, stored.text
            assert stored.json()["extraction"]["events"] >= 1
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert not failures, failures[:3]
    with httpx.Client(base_url=base, timeout=10) as http:
        assert http.get("/api/events", params={"place": "Kherson"}).json()["total"] >= 1
    digest = hashlib.sha256(text.encode()).hexdigest()
    with Store(str(path)) as store:
        assert store.has_content(digest)


def test_worker_processes_serve_and_see_each_others_writes(db, tmp_path):
    path = copy_store(db, tmp_path / "workers.db")
    process, base = start_serve(path, tmp_path, "--workers", "2", "--read-threads", "1")
    try:
        words = {"q": "Yanushevych"}
        for _ in range(6):  # a new connection each time, so both processes answer and keep answers
            assert httpx.get(f"{base}/api/search", params=words, timeout=10).json()["total"] == 0
        text = "Shelling hit Kherson overnight, regional governor Yaroslav Yanushevych said.\n"
        stored = httpx.post(f"{base}/api/ingest", params={"filename": "kherson-2023-01-05.txt"}, content=text.encode(),
                            headers={"Authorization": "Bearer live-secret-token"}, timeout=60)
        assert stored.status_code == 201, stored.text
        for _ in range(6):
            assert httpx.get(f"{base}/api/search", params=words, timeout=10).json()["total"] == 1
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    assert "with 2 processes" in output
