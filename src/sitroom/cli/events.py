"""Commands over what extraction finds: extract, events, geocode."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from enum import Enum
from typing import Optional

import typer
from rich.table import Table

from ..store import events as event_store
from . import app
from .common import EXIT_USAGE, DbOption, EntryFormat, emit_data, err, open_store, out, progress_bar, shorten


class EventFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


@app.command()
def extract(
    db: Optional[str] = DbOption,
    redo: bool = typer.Option(False, "--redo", help="Extract every entry again, not only those not yet done."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="At most this many entries in this run."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    no_link: bool = typer.Option(False, "--no-link", help="Do not link the new events into incidents."),
) -> None:
    """Find the events in stored entries: type, place, date, actors, figures, source, certainty;
    then link them into incidents (as 'sitroom link' does).

    Incremental: only entries not yet extracted (or extracted by older rules) are read, so run it
    after every ingest.  Each batch is saved whole; an interrupted run keeps what it finished.
    Entries that repeat an earlier one get no events of their own.

    Example:  sitroom ingest examples/ && sitroom extract && sitroom events --type shelling
    """
    from ..analyse import extract_pending
    from ..extract.pipeline import VERSION

    store = open_store(db, must_exist=True)
    with store:
        total = event_store.count_pending(store, VERSION, redo)
        if limit is not None:
            total = min(total, limit)
        if total == 0:
            if not quiet:
                out.print("nothing to extract: every entry is done (use --redo to extract again)")
            if not no_link:
                _link(store, quiet)
            return
        started = time.perf_counter()
        with progress_bar() as progress:
            task = progress.add_task("loading models", total=total, name="")
            from ..extract.pipeline import Extractor

            extractor = Extractor()
            progress.update(task, description="extracting")
            totals = extract_pending(
                store, extractor, redo=redo, limit=limit, advance=lambda n: progress.advance(task, n)
            )
        elapsed = time.perf_counter() - started
        if not quiet:
            out.print(
                f"entries extracted: {totals.entries}  events found: {totals.events}  "
                f"repeats skipped: {totals.skipped_duplicates}  time: {elapsed:.1f}s",
                highlight=False,
            )
        if not no_link:
            _link(store, quiet)


def _link(store, quiet: bool) -> None:
    from .incidents import run_link

    run_link(store, quiet=quiet)


def _day(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        err.print(f"sitroom: {option} {value!r} is not a date; use YYYY-MM-DD")
        raise typer.Exit(EXIT_USAGE) from None


@app.command()
def events(
    db: Optional[str] = DbOption,
    type: Optional[str] = typer.Option(None, "--type", "-t", help="Only this event type or subtype (see 'sitroom types')."),
    place: Optional[str] = typer.Option(None, "--place", "-p", help="Only events in this place, oblast or country code."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only events on or before this date (YYYY-MM-DD)."),
    document: Optional[int] = typer.Option(None, "--document", "-d", help="Only events from this document id."),
    format: EventFormat = typer.Option(EventFormat.table, "--format", "-f", help="Output format."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="At most this many events."),
) -> None:
    """List extracted events by date: type, place, figures, who says so and how sure.

    jsonl gives one event per line with id, entry_id, document_id, date, type, subtype, place,
    actors, figures, weapon, attribution, certainty, evidence; geojson gives a FeatureCollection of
    the events that have a place.

    Example:  sitroom events --place Donetsk --since 2023-01-01 --format geojson > events.geojson
    """
    if type is not None:
        from ..extract.types import TYPES, by_subtype

        try:
            known = type in TYPES or by_subtype(type) is not None
        except KeyError:
            known = False
        if not known:
            err.print(f"sitroom: unknown event type {type!r}; 'sitroom types' lists them")
            raise typer.Exit(EXIT_USAGE)
    query = event_store.EventQuery(
        type=type, place=place, since=_day(since, "--since"), until=_day(until, "--until"), document_id=document,
        limit=limit,
    )
    store = open_store(db, must_exist=True)
    with store:
        records = event_store.events(store, query)
    if emit_data(records, event_store.EVENT_FIELDS, format):
        return
    if not records:
        err.print("sitroom: no events match; run 'sitroom extract' after ingesting")
        return
    table = Table("id", "date", "type", "place", "figures", "source", "certainty", "evidence")
    for r in records:
        figures = ", ".join(_figure_text(f) for f in r["figures"])
        source = r["attribution"]["person"] or r["attribution"]["organisation"] or ""
        table.add_row(
            str(r["id"]), r["date"] or "", r["subtype"], (r["place"] or {}).get("name") or "", figures,
            shorten(source, 30), r["certainty"], shorten(r["evidence"], 70),
        )
    out.print(table)


def _figure_text(figure: dict) -> str:
    value = figure["value"]
    if value is None:
        value = f">{figure['low']}" if figure["low"] is not None else f"<{figure['high']}"
    return f"{figure['measure']} {value}"


@app.command()
def types(format: EntryFormat = typer.Option(EntryFormat.table, "--format", "-f", help="Output format.")) -> None:
    """List the event types: type, subtype, definition, and the ACLED pair each violent one maps to."""
    from ..extract.types import EVENT_TYPES

    fields = ["type", "subtype", "label", "definition", "acled_event_type", "acled_sub_event_type", "violent"]
    records = [{name: getattr(row, name) for name in fields} for row in EVENT_TYPES]
    if emit_data(records, fields, format):
        return
    table = Table("type", "subtype", "definition", "ACLED")
    for r in records:
        acled = f"{r['acled_event_type']}: {r['acled_sub_event_type']}" if r["acled_event_type"] else ""
        table.add_row(r["type"], r["subtype"], r["definition"], acled)
    out.print(table)


@app.command()
def geocode(
    text: str = typer.Argument(..., help="The text to place, or - to read one text per line from standard input."),
) -> None:
    """Find the places a text names and the one where its event happened, as JSON.

    With -, reads one text per line and writes one JSON object per line, in order, each with
    'places' (all found) and 'event_place' ({name, lat, lon, admin1, country, precision} or null).

    Example:  sitroom geocode "Shelling hit Kramatorsk in the Donetsk region overnight"
    """
    from ..resolve.gazetteer import load_gazetteer
    from ..resolve.places import geocode as geocode_text

    gazetteer = load_gazetteer()
    if text != "-":
        sys.stdout.write(json.dumps(geocode_text(text, gazetteer), ensure_ascii=False) + "\n")
        return
    for line in sys.stdin:
        sys.stdout.write(json.dumps(geocode_text(line.rstrip("\n"), gazetteer), ensure_ascii=False) + "\n")
        sys.stdout.flush()
