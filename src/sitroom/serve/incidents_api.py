"""The JSON API for what linking builds: incidents, an incident's claims, the brief of a day and
the timeline.  The same shapes as `sitroom incidents`, `claims`, `brief` and `timeline`, so the CLI
and the web page never disagree (lists are built as JSON by SQLite in queries.py, and the tests
compare them with the store's own records)."""

from __future__ import annotations

import io
from datetime import date as date_type
from typing import Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..brief import make_brief
from ..coded import rows, write
from ..resolve.gazetteer import country_names
from ..link.history import history
from ..store import incident_queries as q
from . import queries
from .api import (
    GEOJSON,
    EventOut,
    ItemId,
    Number,
    PageBase,
    Paging,
    PlaceOut,
    _missing,
    errors,
    feature_collection_model,
    geojson_doc,
    page_json,
    paging,
)
from .app import answer
from .reads import Snapshot

router = APIRouter(prefix="/api")


class CurrentFigure(BaseModel):
    measure: str
    group: Optional[str]
    value: Number
    low: Number
    high: Number
    source: str = Field(description="Who says it: an organisation or person, else the outlet")
    reported_at: Optional[str]


class IncidentOut(BaseModel):
    """One real-world happening, however many reports carried it (as `sitroom incidents`)."""

    id: int
    type: str
    subtype: str
    title: str
    place: Optional[PlaceOut]
    date_start: Optional[str] = Field(description="YYYY-MM-DD")
    date_end: Optional[str]
    first_reported: Optional[str] = Field(description="When its earliest report was posted")
    document_ids: list[int]
    sources: int = Field(description="Distinct outlets reporting it")
    event_ids: list[int]
    figures: list[CurrentFigure] = Field(description="The current figure of each source per measure")
    killed: Number = Field(description="The largest current figure of any source")
    injured: Number


class IncidentPage(PageBase):
    items: list[IncidentOut]


class IncidentDetail(IncidentOut):
    events: list[EventOut]


class ClaimOut(BaseModel):
    value: Number
    low: Number
    high: Number
    reported_at: Optional[str]
    entry_id: int
    event_id: int
    text: str
    current: bool


class SeriesOut(BaseModel):
    measure: str
    group: Optional[str]
    scope: str = Field(description="The place the figure covers; figures of different scopes never conflict")
    source: str
    side: Optional[str] = Field(description="The country the source speaks for, when known")
    current: Number
    revised: bool
    claims: list[ClaimOut] = Field(description="Oldest first; the last is current")


class ConflictClaim(BaseModel):
    source: str
    side: Optional[str]
    value: Number


class ConflictOut(BaseModel):
    measure: str
    group: Optional[str]
    scope: str
    between_sides: bool
    claims: list[ConflictClaim]


class ClaimsOut(BaseModel):
    incident_id: int
    series: list[SeriesOut]
    conflicts: list[ConflictOut]


class PointOut(BaseModel):
    text: str
    incident_id: Optional[int]
    entry_ids: list[int]
    score: float


class BriefOut(BaseModel):
    date: Optional[str]
    points: list[PointOut]


class TimelineOut(BaseModel):
    items: list[IncidentOut]


IncidentFeatureCollection = feature_collection_model(IncidentOut, "Incident")
TIMELINE_LIMIT = 5000


def _query(type, place, since, until, limit=None, offset=0) -> q.IncidentQuery:
    return q.IncidentQuery(
        type=type, place=place, since=since.isoformat() if since else None,
        until=until.isoformat() if until else None, limit=limit, offset=offset,
    )


@router.get(
    "/incidents",
    response_model=IncidentPage,
    responses={200: geojson_doc(IncidentFeatureCollection), **errors(422)},
    tags=["incidents"],
)
async def list_incidents(
    request: Request,
    type: Optional[str] = Query(None, min_length=1, max_length=64, description="A type, subtype or family"),
    place: Optional[str] = Query(None, min_length=1, max_length=200, description="A place name, oblast or ISO country code"),
    since: Optional[date_type] = Query(None, description="Lasting until this day or later"),
    until: Optional[date_type] = Query(None, description="Starting on or before this day"),
    format: str = Query("json", pattern="^(json|geojson)$", description="geojson: a FeatureCollection of those with a place"),
    page: Paging = Depends(paging),
) -> Response:
    """Incidents by date, each with its current figures per source."""
    query = _query(type, place, since, until, page.limit, page.offset)

    geojson = format == "geojson"

    def build(snapshot: Snapshot) -> bytes:
        items = queries.incidents_json(snapshot.store, query, geojson=geojson)
        total = snapshot.memo(("incidents", type, place, since, until),
                              lambda: q.count_incidents(snapshot.store, query))
        return page_json(items, total, page, geojson=geojson)

    return await answer(request, build, media_type=GEOJSON if geojson else "application/json")


CODED_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


@router.get(
    "/export/{layout}",
    response_class=Response,
    responses={
        200: {
            "description": "One row per incident in the layout's columns (documented in sitroom/coded.py)",
            "content": {"text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}}},
        },
        **errors(422),
    },
    tags=["incidents"],
)
async def export_coded(
    request: Request,
    layout: Literal["acled", "ucdp"],
    type: Optional[str] = Query(None, min_length=1, max_length=64, description="A type, subtype or family"),
    place: Optional[str] = Query(None, min_length=1, max_length=200, description="A place name, oblast or ISO country code"),
    since: Optional[date_type] = Query(None, description="Lasting until this day or later"),
    until: Optional[date_type] = Query(None, description="Starting on or before this day"),
    format: str = Query("csv", pattern="^(csv|jsonl)$", description="csv (with a header) or jsonl"),
) -> Response:
    """The incidents as a coded-event table in ACLED's or UCDP GED's columns, as `sitroom export`
    writes it: a file to lay beside theirs."""
    query = _query(type, place, since, until)

    def build(snapshot: Snapshot) -> bytes:
        records = q.incidents(snapshot.store, query)
        sink = io.StringIO()
        write(layout, rows(layout, records, q.parties(snapshot.store, [r["id"] for r in records]), country_names()),
              sink, format)
        return sink.getvalue().encode("utf-8")

    response = await answer(request, build, media_type=CODED_MEDIA[format])
    response.headers["Content-Disposition"] = f'attachment; filename="sitroom-{layout}.{format}"'
    return response


def _gone(request: Request, snapshot: Snapshot, incident_id: int) -> HTTPException:
    """A 301 to the incident a merged one's events joined (its URL with the new id), else a 404."""
    into = q.merged_into(snapshot.store, incident_id)
    if into is None:
        return _missing("incident", incident_id)
    path = request.url.path.replace(f"/incidents/{incident_id}", f"/incidents/{into}", 1)
    location = f"{path}?{request.url.query}" if request.url.query else path
    return HTTPException(301, f"incident {incident_id} was merged into incident {into}", headers={"Location": location})


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, responses=errors(301, 404, 422),
            tags=["incidents"])
async def get_incident(request: Request, incident_id: ItemId) -> Response:
    """One incident with its events, oldest report first.  An incident found to be another's
    happening answers 301, pointing to the incident that holds its events now."""

    def build(snapshot: Snapshot) -> dict:
        record = q.incident(snapshot.store, incident_id)
        if record is None:
            raise _gone(request, snapshot, incident_id)
        return record

    return await answer(request, build)


@router.get("/incidents/{incident_id}/claims", response_model=ClaimsOut, responses=errors(301, 404, 422),
            tags=["incidents"])
async def get_claims(request: Request, incident_id: ItemId) -> Response:
    """Every figure about the incident as a claim: each source's series with its revisions and
    current value, and the conflicts between sources (301 for a merged incident, as above)."""

    def build(snapshot: Snapshot) -> dict:
        if not q.incidents(snapshot.store, q.IncidentQuery(ids=[incident_id])):
            raise _gone(request, snapshot, incident_id)
        return history(incident_id, q.claims(snapshot.store, incident_id))

    return await answer(request, build)


@router.get("/brief/{day}", response_model=BriefOut, responses=errors(422), tags=["incidents"])
async def get_brief(
    request: Request,
    day: date_type,
    max: Optional[int] = Query(None, ge=1, le=50, description="Exactly this many points (default 3 to 10)"),
) -> Response:
    """The key points of a day, each from the reports' own words, citing its entries."""

    def build(snapshot: Snapshot) -> dict:
        brief = make_brief(snapshot.store, day, max_points=max)
        return {"date": brief.date, "points": [vars(p) for p in brief.points]}

    return await answer(request, build)


@router.get("/timeline", response_model=TimelineOut, responses=errors(422), tags=["incidents"])
async def get_timeline(
    request: Request,
    place: Optional[str] = Query(None, min_length=1, max_length=200, description="A place name, oblast or ISO country code"),
    since: Optional[date_type] = Query(None, description="From this day"),
    until: Optional[date_type] = Query(None, description="Up to this day"),
    type: Optional[str] = Query(None, min_length=1, max_length=64, description="A type, subtype or family"),
) -> Response:
    """Incidents in the order they happened, with their current figures (at most 5,000)."""

    def build(snapshot: Snapshot) -> bytes:
        items = queries.incidents_json(snapshot.store, _query(type, place, since, until, TIMELINE_LIMIT))
        return ('{"items":[' + ",".join(items) + "]}").encode()

    return await answer(request, build)
