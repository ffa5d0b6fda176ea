"""The command line as a shell user meets it: output, exit codes, errors naming the file."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import EXAMPLES
from sitroom.cli import app

runner = CliRunner()


def run(*args, db):
    return runner.invoke(app, [*args, "--db", str(db)])


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def test_ingest_examples_then_list_search_and_stats(db):
    result = run("ingest", str(EXAMPLES), db=db)
    assert result.exit_code == 0, result.output
    assert "files failed: 0" in result.output
    assert "README.md" not in result.output  # notes in the folder are not coverage
    stats = json.loads(run("stats", "--json", db=db).stdout)
    assert stats["documents"] >= 12  # 2 text pages, 2 html pages, 1 json, 9 feed items
    assert set(stats["documents_by_format"]) == {"liveupdates_text", "liveblog_text", "html", "feed", "guardian_json"}
    assert stats["duplicate_paragraphs"] > 0
    lines = run("entries", "--format", "jsonl", db=db).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == stats["entries"]
    assert set(records[0]) == {"id", "document_id", "kind", "posted_at", "headline", "text", "duplicate_of"}
    assert {r["kind"] for r in records} == {"key_points", "summary", "update", "article"}
    found = run("search", "Makiivka", "--format", "jsonl", db=db).stdout.splitlines()
    assert found and all("makiivka" in json.loads(line)["snippet"].lower() for line in found)
    # Summaries only, as CSV.
    rows = list(csv.DictReader(io.StringIO(run("entries", "--kind", "summary", "--format", "csv", db=db).stdout)))
    assert rows and all(row["kind"] == "summary" for row in rows)


def test_ingest_twice_adds_nothing(db):
    run("ingest", str(EXAMPLES), db=db)
    before = run("stats", "--json", db=db).stdout
    again = run("ingest", str(EXAMPLES), db=db)
    assert again.exit_code == 0
    assert "entries added: 0" in again.output
    assert json.loads(run("stats", "--json", db=db).stdout)["entries"] == json.loads(before)["entries"]


def test_bad_inputs_each_get_one_line_and_the_rest_goes_in(db, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (tmp_path / "broken.json").write_text('{"response": {"content": ')
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 attack reported in Kherson, officials said.".encode("latin-1"))
    result = run(
        "ingest", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), str(tmp_path / "broken.json"),
        str(tmp_path / "absent.txt"), str(EXAMPLES / "liveupdates-2022-12-29.txt"), db=db,
    )
    assert result.exit_code == 3, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("sitroom: error:")]
    assert len(errors) == 4
    assert any("empty.txt: empty file" in line for line in errors)
    assert any("binary.txt: binary file" in line for line in errors)
    assert any("broken.json:" in line and "invalid JSON" in line for line in errors)
    assert any("absent.txt: no such file" in line for line in errors)
    assert json.loads(run("stats", "--json", db=db).stdout)["documents"] == 1


def test_nothing_readable_exits_1(db, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", str(tmp_path / "empty.txt"), db=db)
    assert result.exit_code == 1


def test_size_limit_option(db):
    result = run("ingest", "--max-bytes", "100", str(EXAMPLES / "liveupdates-2022-12-29.txt"), db=db)
    assert result.exit_code == 1
    assert "too large" in result.output


def test_reading_commands_need_a_database(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output


def test_not_a_database(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("this is not sqlite " * 100)
    result = runner.invoke(app, ["stats", "--db", str(bogus)])
    assert result.exit_code == 1
    assert "not a sitroom database" in result.output


def test_help_teaches():
    result = runner.invoke(app, ["ingest", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "--max-bytes" in result.output


def test_installed_command_and_env_db(tmp_path):
    exe = Path(sys.executable).with_name("sitroom")
    if not exe.exists():
        pytest.skip("sitroom is not installed in this environment")
    env = dict(os.environ, SITROOM_DB=str(tmp_path / "env.db"))
    done = subprocess.run([str(exe), "ingest", str(EXAMPLES / "feeds")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env.db").exists()
    shown = subprocess.run([str(exe), "documents", "--format", "jsonl"], env=env, capture_output=True, text=True)
    assert len(shown.stdout.splitlines()) == 9
