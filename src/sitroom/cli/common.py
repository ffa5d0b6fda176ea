"""What every command shares: the consoles, the --db option, opening the store, progress bars
and the writers for JSON lines and CSV."""

from __future__ import annotations

import csv
import json
import os
import sys
from enum import Enum

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import StoreError
from ..store.sqlite import Store, default_path

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3

out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

DbOption = typer.Option(
    None, "--db", help="SQLite database file. Default: $SITROOM_DB, else ./sitroom.db.", show_default=False
)


class EntryFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def open_store(db: str | None, must_exist: bool = False) -> Store:
    path = db or default_path()
    if must_exist and path != ":memory:" and not os.path.exists(path):
        err.print(f"sitroom: {path}: no such database; run 'sitroom ingest PATH' first (or pass --db)")
        raise typer.Exit(EXIT_FAILED)
    try:
        return Store(path)
    except StoreError as exc:
        err.print(f"sitroom: {exc}")
        raise typer.Exit(EXIT_FAILED) from None


def progress_bar() -> Progress:
    """A bar on standard error, shown only on a terminal so that pipes and logs stay clean."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def emit_data(records, fields: list[str], format: Enum) -> bool:
    """Write records as JSON lines, CSV or GeoJSON; False when the caller should draw its own
    table.  Nested values (places, figures) go into CSV cells as JSON."""
    if format.value == "geojson":
        sys.stdout.write(json.dumps(feature_collection(records), ensure_ascii=False) + "\n")
        return True
    if format.value == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return True
    if format.value == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in record.items()}
            )
        return True
    return False


def feature_collection(records: list[dict]) -> dict:
    """GeoJSON (RFC 7946: lon, lat order) of the records that have a place."""
    features = []
    for record in records:
        place = record.get("place")
        if not place:
            continue
        properties = {k: v for k, v in record.items() if k != "place"}
        properties["place"] = place
        features.append(
            {
                "type": "Feature",
                "id": record["id"],
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
