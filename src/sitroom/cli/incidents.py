"""Commands over linked incidents: link, incidents, export, claims, timeline, brief."""

from __future__ import annotations

import json
import sys
import time
from enum import Enum
from typing import Optional

import typer
from rich.table import Table

from ..store import incident_queries as q
from . import app
from .common import EXIT_FAILED, DbOption, emit_data, err, open_store, out, progress_bar, shorten
from .events import EventFormat, _day


def run_link(store, redo: bool = False, quiet: bool = False) -> None:
    """Link unlinked events into incidents with a progress bar, and say what changed."""
    from ..analyse import link_pending
    from ..store.incidents import counts

    todo = counts(store)["events_unlinked"]
    started = time.perf_counter()
    with progress_bar() as progress:
        task = progress.add_task("linking", total=todo or None, name="")
        totals = link_pending(store, redo=redo, advance=lambda n: progress.advance(task, n))
    if not quiet:
        out.print(
            f"events linked: {totals.events}  incidents new: {totals.incidents_created}  "
            f"updated: {totals.incidents_updated}  removed: {totals.incidents_removed}  "
            f"time: {time.perf_counter() - started:.1f}s",
            highlight=False,
        )


@app.command()
def link(
    db: Optional[str] = DbOption,
    redo: bool = typer.Option(False, "--redo", help="Forget every incident and link all events again."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Link events into incidents: the same happening across entries, documents and sources.

    Events join an incident when their type family, place, dates and words fit; every figure
    becomes a claim with its source and time.  'sitroom extract' runs this for you; run it alone
    after changing the rules, with --redo.

    Example:  sitroom link && sitroom incidents --place Makiivka
    """
    store = open_store(db, must_exist=True)
    with store:
        run_link(store, redo=redo, quiet=quiet)


# The filters of the commands that list incidents.
TypeOption = typer.Option(None, "--type", "-t", help="Only this type, subtype or family (attack, toll, ...).")
PlaceOption = typer.Option(None, "--place", "-p", help="Only incidents in this place, oblast or country code.")
SinceOption = typer.Option(None, "--since", help="Only incidents lasting until this date or later (YYYY-MM-DD).")
UntilOption = typer.Option(None, "--until", help="Only incidents starting on or before this date.")


def _query(type, place, since, until, limit) -> q.IncidentQuery:
    return q.IncidentQuery(type=type, place=place, since=_day(since, "--since"), until=_day(until, "--until"), limit=limit)


def _figures(record: dict, measures=("killed", "injured")) -> str:
    parts = []
    for measure in measures:
        if record.get(measure) is not None:
            parts.append(f"{measure} {record[measure]}")
    return ", ".join(parts)


@app.command()
def incidents(
    db: Optional[str] = DbOption,
    type: Optional[str] = TypeOption,
    place: Optional[str] = PlaceOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    format: EventFormat = typer.Option(EventFormat.table, "--format", "-f", help="Output format."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="At most this many incidents."),
) -> None:
    """List incidents: each real-world happening once, however many reports carried it.

    jsonl fields: id, type, subtype, title, place, date_start, date_end, first_reported,
    document_ids, sources (outlets), event_ids, figures (the current value per measure and source),
    killed, injured (the largest current figures).  geojson: the incidents that have a place.

    Example:  sitroom incidents --since 2023-01-01 --format geojson > incidents.geojson
    """
    store = open_store(db, must_exist=True)
    with store:
        records = q.incidents(store, _query(type, place, since, until, limit))
    if emit_data(records, q.INCIDENT_FIELDS, format):
        return
    if not records:
        err.print("sitroom: no incidents match; run 'sitroom extract' (it links) after ingesting")
        return
    table = Table("id", "dates", "incident", "reports", "sources", "figures")
    for r in records:
        dates = r["date_start"] or ""
        if r["date_end"] and r["date_end"] != r["date_start"]:
            dates += f"…{r['date_end']}"
        table.add_row(str(r["id"]), dates, shorten(r["title"], 60), str(len(r["event_ids"])), str(r["sources"]), _figures(r))
    out.print(table)


class Layout(str, Enum):
    acled = "acled"
    ucdp = "ucdp"


class CodedFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


@app.command()
def export(
    layout: Layout = typer.Argument(..., help="Whose columns: acled or ucdp (UCDP GED)."),
    db: Optional[str] = DbOption,
    type: Optional[str] = TypeOption,
    place: Optional[str] = PlaceOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    format: CodedFormat = typer.Option(CodedFormat.csv, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
) -> None:
    """Write incidents as a coded-event table in ACLED's or UCDP GED's columns, one row per incident.

    acled: violent incidents and strategic developments, with ACLED's event and sub-event types;
    fatalities is the most conservative current figure of any source.  ucdp: violent incidents with
    best, low and high deaths across sources and deaths_civilians; UCDP keeps only events with a
    death, so filter on best >= 1 to compare.  Both end with sitroom_incident_id, which
    'sitroom claims ID' explains.  The columns are documented in sitroom/coded.py.

    Example:  sitroom export ucdp --since 2023-01-01 -o sitroom-ged.csv
    """
    from ..coded import rows, write
    from ..resolve.gazetteer import country_names

    store = open_store(db, must_exist=True)
    with store:
        records = q.incidents(store, _query(type, place, since, until, None))
        found = q.parties(store, [r["id"] for r in records])
    try:
        sink = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        err.print(f"sitroom: {output}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(EXIT_FAILED) from None
    try:
        written = write(layout.value, rows(layout.value, records, found, country_names()), sink, format.value)
    finally:
        if output:
            sink.close()
    left = len(records) - written
    err.print(f"{written} incidents written in {layout.value} columns"
              + (f"; {left} left out (no {layout.value.upper()} counterpart for their type)" if left else ""),
              highlight=False)


class ClaimFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def claims(
    incident_id: int = typer.Argument(..., metavar="INCIDENT", help="The incident id ('sitroom incidents' lists them)."),
    db: Optional[str] = DbOption,
    format: ClaimFormat = typer.Option(ClaimFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Show the history of an incident's figures: who said what, when, and how it changed.

    Each series is one source's figure for one measure (soldiers killed per Russia's defence
    ministry: 63, then 89); the current value of each source is marked.  Conflicts are sources
    whose current figures for the same measure and scope disagree.

    Example:  sitroom claims 12 --format json
    """
    from ..link.history import history, revisions

    store = open_store(db, must_exist=True)
    with store:
        record = q.incident(store, incident_id)
        into = q.merged_into(store, incident_id) if record is None else None
        if into is not None:
            err.print(f"sitroom: incident {incident_id} was merged into incident {into}; showing {into}")
            incident_id, record = into, q.incident(store, into)
        if record is None:
            err.print(f"sitroom: no incident {incident_id}; 'sitroom incidents' lists them")
            raise typer.Exit(EXIT_FAILED)
        found = history(incident_id, q.claims(store, incident_id))
    if format is ClaimFormat.json:
        found["incident"] = {k: v for k, v in record.items() if k != "events"}
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"[bold]{record['title']}[/bold]  {record['date_start'] or ''}  incident {incident_id}")
    if not found["series"]:
        out.print("no figures reported for this incident")
        return
    table = Table("measure", "scope", "source", "history (first reported, reports)", "current")
    for s in found["series"]:
        steps = " → ".join(
            f"{step['value']} ({(step['first_reported'] or '')[:16]}, {step['reports']}×)" for step in revisions(s)
        )
        measure = s["measure"] + (f" ({s['group']})" if s["group"] else "")
        table.add_row(measure, s["scope"], shorten(s["source"], 40), steps, str(s["current"]))
    out.print(table)
    for c in found["conflicts"]:
        values = "; ".join(f"{x['source']}: {x['value']}" for x in c["claims"])
        kind = "between sides" if c["between_sides"] else "between sources"
        out.print(f"[yellow]conflict {kind}[/yellow] on {c['measure']} ({c['scope']}): {values}", highlight=False)


@app.command()
def timeline(
    db: Optional[str] = DbOption,
    place: Optional[str] = typer.Option(None, "--place", "-p", help="Only incidents in this place, oblast or country code."),
    since: Optional[str] = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    type: Optional[str] = typer.Option(None, "--type", "-t", help="Only this type, subtype or family."),
    format: EventFormat = typer.Option(EventFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Incidents in the order they happened, with their current figures.

    Example:  sitroom timeline --place Donetsk --since 2022-12-25
    """
    store = open_store(db, must_exist=True)
    with store:
        records = q.incidents(store, _query(type, place, since, until, None))
    if emit_data(records, q.INCIDENT_FIELDS, format):
        return
    if not records:
        err.print("sitroom: no incidents in that range")
        return
    day = None
    for r in records:
        if r["date_start"] != day:
            day = r["date_start"]
            out.print(f"\n[bold]{day or 'undated'}[/bold]")
        figures = "; ".join(
            f"{f['measure']} {f['value'] if f['value'] is not None else f['low']} ({shorten(f['source'], 30)})"
            for f in r["figures"]
            if f["measure"] in ("killed", "injured", "launched", "intercepted", "evacuated", "bodies_found")
        )
        line = f"  {r['title']}  [dim]{r['sources']} source(s), incident {r['id']}[/dim]"
        out.print(line + (f"\n      {figures}" if figures else ""), highlight=False)


class BriefFormat(str, Enum):
    md = "md"
    json = "json"


@app.command()
def brief(
    day: str = typer.Option(..., "--date", help="The day (YYYY-MM-DD) whose reports to brief."),
    db: Optional[str] = DbOption,
    format: BriefFormat = typer.Option(BriefFormat.md, "--format", "-f", help="md to paste above a live blog, json for tools."),
    max_points: Optional[int] = typer.Option(
        None, "--max", "-n", min=1, max=50, help="Exactly this many points (default: 3 to 10 as the news warrants)."
    ),
) -> None:
    """Write the key points of a day, each from the reports' own words, citing its entries.

    Points are ranked by how many outlets carried them, casualties, what is new or newly revised,
    and who confirms it; never two about the same incident.

    Example:  sitroom brief --date 2023-01-04 --format md
    """
    from ..brief import make_brief

    when = _day(day, "--date")
    store = open_store(db, must_exist=True)
    with store:
        result = make_brief(store, when, max_points=max_points)
    if format is BriefFormat.json:
        payload = {"date": result.date, "points": [vars(p) for p in result.points]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    if not result.points:
        err.print(f"sitroom: nothing reported on {when}; 'sitroom timeline' shows the days there are")
        raise typer.Exit(EXIT_FAILED)
    out.print(f"## Key points, {when}\n", highlight=False, markup=False)
    for p in result.points:
        cites = ", ".join(f"entry {i}" for i in p.entry_ids[:5])
        out.print(f"- {p.text} [{cites}]", highlight=False, markup=False)



