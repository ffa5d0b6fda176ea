"""The JSON API under /api: documents, entries, events, search, stats, and ingest over HTTP.

Response models are declared for every route so that /openapi.json says exactly what comes back;
read routes hand `answer()` a function that builds the JSON on a reader thread (app.py, reads.py),
and the schema tests check every answer against the declared models."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as date_type
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.json_schema import models_json_schema
from starlette.formparsers import MultiPartException, MultiPartParser

from ..extract.types import EVENT_TYPES, TYPES
from ..ingest import FileResult, ingest_bytes
from ..model import Certainty, EntryKind, Precision
from ..read import READER_NAMES
from ..store import events as event_store
from ..store.sqlite import Store
from . import queries
from .app import Writer, answer, write_access
from .reads import Snapshot

router = APIRouter(prefix="/api")

MAX_ID = 2**62  # above what SQLite's integers hold comfortably; larger ids are simply not found
MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around an uploaded file

IsoTime = Annotated[
    str | None,
    Field(
        description="ISO 8601: a day (YYYY-MM-DD) or a UTC instant (YYYY-MM-DDTHH:MM:SSZ)",
        json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$"},
    ),
]
Number = int | float | None


# -- response models ------------------------------------------------------------------------------


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status code again")
    message: str = Field(description="What went wrong, in one line")


class ErrorResponse(BaseModel):
    error: ErrorBody


class PageBase(BaseModel):
    total: int = Field(description="How many items match, over all pages")
    limit: int
    offset: int


class PlaceOut(BaseModel):
    name: str
    lat: float
    lon: float
    admin1: str | None = Field(description="The oblast or other first-level area")
    country: str | None = Field(description="ISO 3166-1 alpha-2")
    precision: Literal[tuple(p.value for p in Precision)]  # type: ignore[valid-type]


class ActorOut(BaseModel):
    id: str
    name: str
    country: str | None
    sector: str
    role: Literal["actor", "target"] | None = Field(description="Who acted, or who/what was hit")


class FigureOut(BaseModel):
    measure: str = Field(description="killed, injured, launched, intercepted, evacuated, ...")
    value: Number
    low: Number = Field(description="Lower bound: 'more than 70,000' gives 70000")
    high: Number = Field(description="Upper bound: 'up to 10' gives 10")
    group: str | None
    item: str | None
    unit: str | None
    previous: Number = Field(description="'89, up from 63' gives 63")


class AttributionOut(BaseModel):
    organisation: str | None
    person: str | None


EVENT_TYPE_NAMES = tuple(dict.fromkeys([*TYPES, *(row.subtype for row in EVENT_TYPES)]))
EventTypeName = Literal[EVENT_TYPE_NAMES]  # type: ignore[valid-type]


class EventOut(BaseModel):
    """One reported happening of one type in one place, from one sentence (as `sitroom events`)."""

    id: int
    entry_id: int
    document_id: int
    date: IsoTime = Field(description="The day it happened (YYYY-MM-DD)")
    type: str
    subtype: str
    place: PlaceOut | None
    actors: list[ActorOut]
    figures: list[FigureOut]
    weapon: str | None
    attribution: AttributionOut
    certainty: Literal[tuple(c.value for c in Certainty)]  # type: ignore[valid-type]
    evidence: str = Field(description="The sentence the event rests on")


class EventPage(PageBase):
    items: list[EventOut]


class PointGeometry(BaseModel):
    type: Literal["Point"]
    coordinates: tuple[float, float] = Field(description="[lon, lat] (RFC 7946 order)")


_EXTRA_MODELS: list[type[BaseModel]] = []


def feature_collection_model(properties: type[BaseModel], name: str) -> type[BaseModel]:
    """A GeoJSON FeatureCollection model whose features carry `properties` (every field of the
    item, place included) and a Point; `total`, `limit` and `offset` page it like any list.
    The model is added to /openapi.json under its name."""
    feature = create_model(
        f"{name}Feature",
        type=(Literal["Feature"], ...),
        id=(int, ...),
        geometry=(PointGeometry, ...),
        properties=(properties, ...),
    )
    collection = create_model(
        f"{name}FeatureCollection",
        type=(Literal["FeatureCollection"], ...),
        features=(list[feature], ...),  # type: ignore[valid-type]
        total=(int, Field(description="Items matching the filters, with or without a place")),
        limit=(int, ...),
        offset=(int, ...),
    )
    _EXTRA_MODELS.append(collection)
    return collection


def geojson_doc(model: type[BaseModel]) -> dict:
    """The `responses` entry that documents a route's application/geo+json answer."""
    return {
        "description": "The items as GeoJSON, with `?format=geojson`",
        "content": {"application/geo+json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}},
    }


def extra_schemas() -> dict[str, Any]:
    """Schemas of models that routes reference by hand (GeoJSON), for the OpenAPI components."""
    if not _EXTRA_MODELS:
        return {}
    _, defs = models_json_schema(
        [(model, "serialization") for model in _EXTRA_MODELS], ref_template="#/components/schemas/{model}"
    )
    return defs.get("$defs", {})


def features(records: list[dict], total: int, limit: int, offset: int) -> dict:
    """GeoJSON of the records that have a place: Point [lon, lat], all fields as properties.
    (The routes have SQLite build the same features as text; the tests hold them to this.)"""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": record["id"],
                "geometry": {"type": "Point", "coordinates": [record["place"]["lon"], record["place"]["lat"]]},
                "properties": record,
            }
            for record in records
            if record.get("place")
        ],
        "total": total,
        "limit": limit,
        "offset": offset,
    }


def page_json(items: list[str], total: int, page: Paging, *, geojson: bool = False) -> bytes:
    """A page whose items are already JSON text: `{"items": [...], "total", "limit", "offset"}`,
    or a GeoJSON FeatureCollection of them."""
    head = '{"type":"FeatureCollection","features":[' if geojson else '{"items":['
    return f'{head}{",".join(items)}],"total":{int(total)},"limit":{page.limit},"offset":{page.offset}}}'.encode()


GEOJSON = "application/geo+json"


EventFeatureCollection = feature_collection_model(EventOut, "Event")


class DocumentOut(BaseModel):
    id: int
    format: str = Field(description="The reader that read it: " + ", ".join(READER_NAMES))
    title: str | None
    url: str | None
    source: str | None
    published_at: IsoTime
    updated_at: IsoTime
    entries: int = Field(description="Current entries (edits replaced by their revision)")
    versions: int = Field(description="How many copies were read")
    file: str | None = Field(description="The name of the file the latest copy came from")


class DocumentPage(PageBase):
    items: list[DocumentOut]


class VersionOut(BaseModel):
    id: int
    ingested_at: IsoTime
    file: str | None
    entries_added: int
    entries_revised: int
    entries_unchanged: int
    entries_absent: int


class DocumentDetail(DocumentOut):
    standfirst: str | None
    language: str | None
    first_seen_at: IsoTime
    last_seen_at: IsoTime
    events: int
    history: list[VersionOut] = Field(description="Every copy read, oldest first, with what it changed")


class EntryOut(BaseModel):
    id: int
    document_id: int
    seq: int = Field(description="Position in its document, oldest first")
    kind: Literal[tuple(k.value for k in EntryKind)]  # type: ignore[valid-type]
    posted_at: IsoTime
    updated_at: IsoTime
    headline: str | None
    text: str = Field(description="The analysed text: captions, embeds and related links left out")
    key_event: bool
    duplicate_of: int | None = Field(description="The entry this one repeats")
    revises: int | None = Field(description="The entry this edit replaces")
    superseded_by: int | None = Field(description="The later edit that replaces this entry")
    absent_since: int | None = Field(description="The version from which the page no longer shows it")


class EntryPage(PageBase):
    items: list[EntryOut]


class ParagraphOut(BaseModel):
    position: int
    role: Literal["text", "quote", "caption", "embed", "related", "boilerplate"]
    bullet: bool
    text: str
    duplicate_of: int | None = Field(description="The paragraph this one repeats")


class MentionOut(BaseModel):
    kind: str = Field(description="place, actor, figure, weapon, date, attribution")
    start: int = Field(description="Offset of the first character in the entry's `text`")
    end: int = Field(description="Offset after the last character")
    text: str
    value: dict[str, Any] | None = Field(description="What it was resolved to")


class EntryDetail(EntryOut):
    document_title: str | None
    paragraphs: list[ParagraphOut] = Field(description="Every paragraph with its role, captions included")
    mentions: list[MentionOut]
    events: list[EventOut]


class SearchHit(BaseModel):
    id: int = Field(description="The entry id")
    document_id: int
    document_title: str | None
    kind: str
    posted_at: IsoTime
    headline: str | None
    headline_html: str | None = Field(description="The headline, HTML-escaped, matches in <mark>")
    snippet: str = Field(description="Text around the matches, HTML-escaped, matches in <mark>")
    score: float = Field(description="bm25 relevance, higher is better (headline counts twice)")
    duplicate_of: int | None


class SearchPage(PageBase):
    query: str | None = Field(description="The FTS5 query run, or null when the text had no word to find")
    items: list[SearchHit]


class Stats(BaseModel):
    model_config = ConfigDict(extra="allow")

    schema_version: int
    documents: int
    versions: int
    entries: int
    entries_revised: int
    duplicate_entries: int
    paragraphs: int
    duplicate_paragraphs: int
    entries_by_kind: dict[str, int]
    paragraphs_by_role: dict[str, int]
    documents_by_format: dict[str, int]
    first_posted: IsoTime
    last_posted: IsoTime
    entries_extracted: int
    events: int
    events_with_place: int
    figures: int
    events_by_type: dict[str, int]


class IngestedDocument(BaseModel):
    id: int
    title: str | None
    new: bool = Field(description="False when it followed a document already stored (a newer copy)")
    entries_added: int
    entries_revised: int
    entries_unchanged: int
    entries_absent: int
    duplicates_linked: int


class ExtractionOut(BaseModel):
    entries: int
    events: int
    skipped_duplicates: int


class IngestResult(BaseModel):
    file: str
    status: Literal["stored", "unchanged"]
    message: str = Field(description="The line `sitroom ingest` prints for the file")
    documents: list[IngestedDocument]
    documents_added: int
    documents_followed: int
    entries_added: int
    entries_revised: int
    duplicates_linked: int
    warnings: list[str]
    extraction: ExtractionOut | None = Field(description="What `?extract=true` found, else null")


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorResponse} for status in statuses}


# -- parameters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


async def paging(
    limit: int = Query(50, ge=1, le=1000, description="Items per page"),
    offset: int = Query(0, ge=0, le=MAX_ID, description="Items to skip"),
) -> Paging:
    """limit and offset.  (A coroutine: FastAPI runs a plain-function dependency on a thread.)"""
    return Paging(limit, offset)


ItemId = Annotated[int, Path(ge=1, le=MAX_ID)]
DocumentFilter = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this document id")]


def _missing(what: str, item_id: int) -> HTTPException:
    return HTTPException(404, f"no {what} {item_id}")


async def _one(request: Request, what: str, item_id: int, fetch: Callable[[Store, int], dict | None]) -> Response:
    """One record by id, read on a reader thread, or a 404 naming what is missing."""

    def build(snapshot: Snapshot) -> dict:
        record = fetch(snapshot.store, item_id)
        if record is None:
            raise _missing(what, item_id)
        return record

    return await answer(request, build)


# -- reads -----------------------------------------------------------------------------------------


@router.get("/documents", response_model=DocumentPage, responses=errors(422), tags=["coverage"])
async def list_documents(request: Request, page: Paging = Depends(paging)) -> Response:
    """Stored documents in the order first read, with their entry count and copies read."""

    def build(snapshot: Snapshot) -> dict:
        items = queries.documents(snapshot.store, page.limit, page.offset)
        total = snapshot.memo("documents", lambda: queries.count_documents(snapshot.store))
        return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}

    return await answer(request, build)


@router.get("/documents/{document_id}", response_model=DocumentDetail, responses=errors(404, 422), tags=["coverage"])
async def get_document(request: Request, document_id: ItemId) -> Response:
    """One document, with every copy read and what each added, revised and dropped."""
    return await _one(request, "document", document_id, queries.document)


@router.get("/entries", response_model=EntryPage, responses=errors(422), tags=["coverage"])
async def list_entries(
    request: Request,
    document: DocumentFilter = None,
    kind: Literal[tuple(k.value for k in EntryKind)] | None = Query(None, description="Only this kind"),  # type: ignore[valid-type]
    unique: bool = Query(False, description="Leave out entries that repeat an earlier one"),
    page: Paging = Depends(paging),
) -> Response:
    """Current entries in document order (edits replaced by their revision), as `sitroom entries`."""

    def build(snapshot: Snapshot) -> dict:
        items = queries.entries(snapshot.store, document, kind, unique, page.limit, page.offset)
        total = snapshot.memo(("entries", document, kind, unique),
                              lambda: queries.count_entries(snapshot.store, document, kind, unique))
        return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}

    return await answer(request, build)


@router.get("/entries/{entry_id}", response_model=EntryDetail, responses=errors(404, 422), tags=["coverage"])
async def get_entry(request: Request, entry_id: ItemId) -> Response:
    """One entry with its paragraphs, its mentions (offsets into `text`) and its events."""
    return await _one(request, "entry", entry_id, queries.entry)


@router.get(
    "/events",
    response_model=EventPage,
    responses={200: geojson_doc(EventFeatureCollection), **errors(422)},
    tags=["events"],
)
async def list_events(
    request: Request,
    type: EventTypeName | None = Query(None, description="A type or a subtype (`sitroom types` lists them)"),
    place: str | None = Query(None, min_length=1, max_length=200, description="A place name, oblast or ISO country code"),
    since: date_type | None = Query(None, description="On or after this day"),
    until: date_type | None = Query(None, description="On or before this day"),
    document: DocumentFilter = None,
    entry: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this entry id")] = None,
    format: Literal["json", "geojson"] = Query("json", description="geojson: a FeatureCollection of those with a place"),
    page: Paging = Depends(paging),
) -> Response:
    """Extracted events by date then id, with the filters and fields of `sitroom events`."""
    query = event_store.EventQuery(
        type=type, place=place, since=since.isoformat() if since else None,
        until=until.isoformat() if until else None, document_id=document, entry_id=entry,
        limit=page.limit, offset=page.offset,
    )
    geojson = format == "geojson"

    def build(snapshot: Snapshot) -> bytes:
        items = queries.events_json(snapshot.store, query, geojson=geojson)
        total = snapshot.memo(queries.event_filter_key(query), lambda: event_store.count_events(snapshot.store, query))
        return page_json(items, total, page, geojson=geojson)

    return await answer(request, build, media_type=GEOJSON if geojson else "application/json")


@router.get("/search", response_model=SearchPage, responses=errors(422), tags=["coverage"])
async def search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500, description='Words; "a phrase", word*, and AND / OR / NOT work'),
    duplicates: bool = Query(False, description="Also find entries that repeat an earlier one"),
    page: Paging = Depends(paging),
) -> Response:
    """Full-text search over current entries, best match first, with the matches marked.

    Any text is accepted: characters that FTS5 would read as syntax are taken as typed."""
    fts = queries.fts_query(q)

    def build(snapshot: Snapshot) -> dict:
        items = queries.search(snapshot.store, q, page.limit, page.offset, include_duplicates=duplicates)
        total = snapshot.memo(("search", fts, duplicates), lambda: queries.count_hits(snapshot.store, q, duplicates))
        return {"query": fts, "items": items, "total": total, "limit": page.limit, "offset": page.offset}

    return await answer(request, build)


@router.get("/stats", response_model=Stats, responses=errors(), tags=["coverage"])
async def stats(request: Request) -> Response:
    """Counts of what is stored and what extraction found (as `sitroom stats`).

    They take whole-table scans, so they are kept until the database next changes."""
    return await answer(request, lambda snapshot: snapshot.memo("stats", lambda: queries.stats(snapshot.store)))


# -- ingest ----------------------------------------------------------------------------------------

_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


def _safe_name(name: str | None) -> str:
    """A bare file name (readers take dates from names like liveblog-2023-01-04.txt)."""
    base = _UNSAFE_NAME.sub("_", os.path.basename((name or "").replace("\\", "/"))).strip(" .")
    return base[:200] or "upload"


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes the limit (never read whole)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the upload is {int(declared):,} bytes, over the limit of {limit:,} (SITROOM_MAX_UPLOAD)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the upload is over the limit of {limit:,} bytes (SITROOM_MAX_UPLOAD)")
        chunks.append(chunk)
    return b"".join(chunks)


async def _upload(request: Request, filename: str | None, limit: int) -> tuple[bytes, str]:
    """The bytes sent and their name: a multipart form's first file, else the raw body."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        return await _read_body(request, limit), _safe_name(filename)
    body = await _read_body(request, limit + MULTIPART_SLACK)

    async def stream():
        yield body

    try:
        form = await MultiPartParser(request.headers, stream(), max_files=1, max_fields=16).parse()
    except MultiPartException as exc:
        raise HTTPException(
            400, f"malformed multipart form ({exc.message.rstrip('.')}): send the file as the field 'file',"
            " or send it as the raw body with ?filename=",
        ) from None
    upload = next((value for _, value in form.multi_items() if not isinstance(value, str)), None)
    if upload is None:
        raise HTTPException(400, "the multipart form has no file: send it as the field 'file'")
    data = await upload.read()
    await form.close()
    if len(data) > limit:
        raise HTTPException(413, f"the file is {len(data):,} bytes, over the limit of {limit:,} (SITROOM_MAX_UPLOAD)")
    return data, _safe_name(filename or upload.filename)


def _ingest_job(store: Store, writer: Writer, data: bytes, name: str, format: str | None, extract: bool) -> dict:
    """On the writer thread: run `sitroom ingest`'s own code on the bytes, then extraction if asked.

    The bytes go through `ingest_bytes`, so detection, decoding, error messages and
    one-transaction-per-document are exactly those of the command line, with no temporary file."""
    result = ingest_bytes(store, data, name, max_bytes=len(data) + 1, format=format)
    record = _result_record(result, name, name)
    if extract and record["status"] == "stored":
        from ..analyse import extract_pending

        totals = extract_pending(store, writer.extractor())
        record["extraction"] = {
            "entries": totals.entries, "events": totals.events, "skipped_duplicates": totals.skipped_duplicates,
        }
    return record


def _result_record(result: FileResult, name: str, path: str) -> dict:
    def named(text: str) -> str:
        return text.replace(path, name)

    if result.error:
        raise HTTPException(400, named(result.error))
    warnings = [named(w) for w in result.warnings]
    if not result.documents and not result.skipped:
        raise HTTPException(400, "; ".join(warnings) or f"{name}: nothing to store")
    docs = result.documents
    record = {
        "file": name,
        "documents": [
            {
                "id": d.document_id, "title": d.title, "new": d.new_document, "entries_added": d.entries_added,
                "entries_revised": d.entries_revised, "entries_unchanged": d.entries_unchanged,
                "entries_absent": d.entries_absent, "duplicates_linked": d.duplicate_entries + d.duplicate_paragraphs,
            }
            for d in docs
        ],
        "documents_added": sum(1 for d in docs if d.new_document),
        "documents_followed": sum(1 for d in docs if not d.new_document),
        "entries_added": sum(d.entries_added for d in docs),
        "entries_revised": sum(d.entries_revised for d in docs),
        "duplicates_linked": sum(d.duplicate_entries + d.duplicate_paragraphs for d in docs),
        "warnings": warnings,
        "extraction": None,
    }
    changed = record["documents_added"] or record["entries_added"] or record["entries_revised"]
    record["status"] = "stored" if changed else "unchanged"
    if result.skipped:
        record["message"] = f"{name}: {result.skipped}"
    else:
        parts = [f"{record['documents_added']} new document{'s' * (record['documents_added'] != 1)}"]
        if record["documents_followed"]:
            parts.append(f"{record['documents_followed']} followed")
        parts.append(f"{record['entries_added']} entries added")
        if record["entries_revised"]:
            parts.append(f"{record['entries_revised']} revised")
        parts.append(f"{record['duplicates_linked']} duplicates linked")
        record["message"] = f"{name}: " + ", ".join(parts)
    return record


_UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        "text/plain": {"schema": {"type": "string"}},
    },
}


@router.post(
    "/ingest",
    status_code=201,
    response_model=IngestResult,
    responses={200: {"model": IngestResult, "description": "Already stored: nothing added"},
               **errors(400, 401, 413, 422)},
    dependencies=[Depends(write_access)],
    openapi_extra={"requestBody": _UPLOAD_BODY},
    tags=["ingest"],
)
async def ingest(
    request: Request,
    filename: str | None = Query(None, max_length=255, description="The file's name; readers take dates from it"),
    format: Literal[tuple(READER_NAMES)] | None = Query(None, description="Skip detection: read with this reader"),  # type: ignore[valid-type]
    extract: bool = Query(False, description="Also extract the events of every entry not yet extracted"),
) -> Any:
    """Store a file sent as a multipart form field `file` or as the raw body (name it with
    `filename`), with the same code as `sitroom ingest`: one transaction per document, nothing
    stored from input that cannot be read.  201 when something was added, 200 when the same
    content was already there."""
    limit = request.app.state.settings.max_upload
    data, name = await _upload(request, filename, limit)
    if not data:
        raise HTTPException(400, f"{name}: empty upload")
    record = await request.app.state.writer.run(_ingest_job, data, name, format, extract)
    status = 201 if record["status"] == "stored" else 200
    return JSONResponse(IngestResult.model_validate(record).model_dump(mode="json"), status_code=status)
