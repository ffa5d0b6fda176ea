"""Commands over the coverage itself: ingest files, list entries and documents, search, stats."""

from __future__ import annotations

import os
import sys
import json
from enum import Enum
from typing import Optional

import typer
from rich.table import Table

from ..errors import InputError
from ..ingest import FileResult, ingest_file
from ..read import READER_NAMES, decode, iter_inputs
from ..store import events as event_store
from . import app
from .common import EXIT_FAILED, EXIT_PARTIAL, DbOption, EntryFormat, emit_data, err, open_store, out, progress_bar, shorten


class Kind(str, Enum):
    key_points = "key_points"
    summary = "summary"
    update = "update"
    article = "article"


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files or folders (read recursively) to ingest.", show_default=False),
    db: Optional[str] = DbOption,
    format: Optional[str] = typer.Option(
        None, "--format", help=f"Skip detection and read every file as one of: {', '.join(READER_NAMES)}."
    ),
    max_bytes: Optional[int] = typer.Option(
        None, "--max-bytes", help="Refuse files larger than this. Default: $SITROOM_MAX_BYTES, else 50 MB.",
        show_default=False,
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors and the totals."),
) -> None:
    """Read files and folders into the store: live blogs, articles, feeds, saved pages, Guardian JSON.

    The reader is chosen by content.  Repeated paragraphs and entries are linked to their first
    occurrence (never deleted).  Ingesting the same file again adds nothing; a newer copy of a live
    blog adds only its new and edited entries.  A file that cannot be read gets a one-line error
    and the rest of the batch still goes in; each document is stored whole or not at all.

    Example:  sitroom ingest examples/ ~/saved/liveblog.html
    """
    try:
        limit = max_bytes if max_bytes is not None else decode.max_bytes_from_env()
    except InputError as exc:
        err.print(f"sitroom: {exc}")
        raise typer.Exit(2) from None
    if limit <= 0:
        err.print("sitroom: --max-bytes must be positive")
        raise typer.Exit(2)
    if format is not None and format not in READER_NAMES:
        err.print(f"sitroom: unknown --format {format!r}; choose from {', '.join(READER_NAMES)}")
        raise typer.Exit(2)
    inputs = list(iter_inputs(paths))
    store = open_store(db)
    results: list[FileResult] = []
    with store, store.batch(), progress_bar() as progress:
        task = progress.add_task("ingesting", total=len(inputs), name="")
        for path, skip in inputs:
            progress.update(task, name=os.path.basename(path))
            if skip:
                results.append(FileResult(path, skipped=skip))
            else:
                result = ingest_file(store, path, limit, format)
                results.append(result)
                _report_file(result, quiet)
            progress.advance(task)
    _report_totals(results)
    failed = sum(1 for r in results if r.error)
    read = sum(1 for r in results if r.documents or (r.skipped and not r.error and "already" in r.skipped))
    if failed and not read:
        raise typer.Exit(EXIT_FAILED)
    if failed:
        raise typer.Exit(EXIT_PARTIAL)


def _report_file(result: FileResult, quiet: bool) -> None:
    for warning in result.warnings:
        err.print(f"sitroom: warning: {warning}", highlight=False)
    if result.error:
        err.print(f"sitroom: error: {result.error}", highlight=False)
        return
    if quiet:
        return
    if result.skipped:
        out.print(f"{result.path}: {result.skipped}", highlight=False)
        return
    added = sum(d.entries_added for d in result.documents)
    revised = sum(d.entries_revised for d in result.documents)
    dups = sum(d.duplicate_entries + d.duplicate_paragraphs for d in result.documents)
    new_docs = sum(1 for d in result.documents if d.new_document)
    followed = len(result.documents) - new_docs
    parts = [f"{new_docs} new document{'s' * (new_docs != 1)}"]
    if followed:
        parts.append(f"{followed} followed")
    parts.append(f"{added} entries added")
    if revised:
        parts.append(f"{revised} revised")
    parts.append(f"{dups} duplicates linked")
    out.print(f"{result.path}: " + ", ".join(parts), highlight=False)


def _report_totals(results: list[FileResult]) -> None:
    docs = [d for r in results for d in r.documents]
    table = {
        "files read": sum(1 for r in results if r.documents),
        "files unchanged": sum(1 for r in results if r.skipped and "already" in r.skipped),
        "files skipped": sum(1 for r in results if r.skipped and "already" not in r.skipped),
        "files failed": sum(1 for r in results if r.error),
        "documents added": sum(1 for d in docs if d.new_document),
        "documents followed": sum(1 for d in docs if not d.new_document),
        "entries added": sum(d.entries_added for d in docs),
        "entries revised": sum(d.entries_revised for d in docs),
        "duplicates linked": sum(d.duplicate_entries + d.duplicate_paragraphs for d in docs),
    }
    out.print("  ".join(f"{name}: {value}" for name, value in table.items()), highlight=False)


ENTRY_FIELDS = ["id", "document_id", "kind", "posted_at", "headline", "text", "duplicate_of"]


@app.command()
def entries(
    db: Optional[str] = DbOption,
    document: Optional[int] = typer.Option(None, "--document", "-d", help="Only entries of this document id."),
    kind: Optional[Kind] = typer.Option(None, "--kind", "-k", help="Only entries of this kind."),
    format: EntryFormat = typer.Option(EntryFormat.table, "--format", "-f", help="Output format."),
    unique: bool = typer.Option(False, "--unique", help="Leave out entries that repeat an earlier one."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="At most this many entries."),
) -> None:
    """List stored entries in order: id, document, kind, time, headline, text, duplicate_of.

    jsonl and csv print the full text of each entry (captions and embeds left out); table
    shortens it.  Example:  sitroom entries --kind summary --format jsonl
    """
    store = open_store(db, must_exist=True)
    with store:
        rows = store.entries(document, kind.value if kind else None, include_duplicates=not unique, limit=limit)
        records = ({name: row[name] for name in ENTRY_FIELDS} for row in rows)
        if emit_data(records, ENTRY_FIELDS, format):
            return
        table = Table("id", "doc", "kind", "posted", "headline / text", "dup of")
        for record in records:
            shown = record["headline"] or record["text"].split("\n", 1)[0]
            table.add_row(
                str(record["id"]), str(record["document_id"]), record["kind"], record["posted_at"] or "",
                shorten(shown, 90), str(record["duplicate_of"] or ""),
            )
        out.print(table)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to find; FTS5 syntax works too: \"exact phrase\", a OR b, pre*."),
    db: Optional[str] = DbOption,
    limit: int = typer.Option(20, "--limit", "-n", help="At most this many results."),
    duplicates: bool = typer.Option(False, "--duplicates", help="Also show entries that repeat an earlier one."),
    format: EntryFormat = typer.Option(EntryFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Full-text search over entries, best match first, with the matching words in [brackets].

    Example:  sitroom search 'Makiivka death toll'
    """
    store = open_store(db, must_exist=True)
    with store:
        rows = store.search(query, limit, include_duplicates=duplicates)
        fields = ["id", "document_id", "kind", "posted_at", "headline", "snippet", "rank"]
        records = [{name: row[name] for name in fields} for row in rows]
    if emit_data(records, fields, format):
        return
    if not records:
        err.print(f"sitroom: no entries match {query!r}")
        return
    for record in records:
        title = record["headline"] or ""
        out.print(f"[bold]#{record['id']}[/bold] doc {record['document_id']} {record['kind']} {record['posted_at'] or ''} {title}")
        out.print("   " + record["snippet"].replace("\n", " "), highlight=False, markup=False)


@app.command()
def documents(db: Optional[str] = DbOption, format: EntryFormat = typer.Option(EntryFormat.table, "--format", "-f")) -> None:
    """List stored documents with their format, dates, entry count and how many copies were read."""
    store = open_store(db, must_exist=True)
    with store:
        rows = store.documents()
        fields = ["id", "format", "title", "url", "source", "published_at", "updated_at", "entries", "versions", "path"]
        records = [{name: row[name] for name in fields} for row in rows]
    if emit_data(records, fields, format):
        return
    table = Table("id", "format", "title", "published", "entries", "copies")
    for r in records:
        table.add_row(
            str(r["id"]), r["format"], shorten(r["title"] or "", 70), r["published_at"] or "", str(r["entries"]),
            str(r["versions"]),
        )
    out.print(table)


@app.command()
def stats(db: Optional[str] = DbOption, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Counts of what is stored: documents, copies read, entries by kind, duplicates, revisions,
    and what extraction found: entries extracted, events by type, figures."""
    store = open_store(db, must_exist=True)
    with store:
        figures = {**store.stats(), **event_store.event_stats(store)}
    if json_out:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("what", "count", show_header=False)
    for name, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in sorted(value.items())) or "-"
        table.add_row(name.replace("_", " "), str(value if value is not None else "-"))
    out.print(table)
