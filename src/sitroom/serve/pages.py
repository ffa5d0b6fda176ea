"""The web pages: map, day, incident, search and entry, and the map's base layer.

Each page is a Jinja2 frame (navigation, headings, the parameters it was asked for); the page's own
script in static/ fills it from the JSON API, building every element with textContent, so no text
from the store is ever parsed as HTML (search snippets keep only their <mark> tags).  Pages answer
their own errors as HTML, and carry a Content-Security-Policy that allows scripts, styles and data
from this server only (and images from $SITROOM_TILE_URL's host when a tile server is set)."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..extract.types import EVENT_TYPES, TYPES
from . import boundaries

router = APIRouter()

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))

# One colour per event type (the map's markers, legends, badges); readable on the light map.
TYPE_COLOURS = {
    "explosion": "#d7301f", "battle": "#7a0177", "civilian_violence": "#000000", "air_defence": "#2171b5",
    "infrastructure": "#e6a100", "military_losses": "#6a51a3", "casualties": "#a50f15", "humanitarian": "#1b9e77",
    "forces": "#525252", "strategic": "#8c510a", "protest": "#e7298a", "diplomacy": "#4292c6",
    "statement": "#969696", "military_aid": "#238b45", "war_crimes": "#67000d", "prisoners": "#b15928",
    "political": "#807dba", "economy": "#41ab5d", "nuclear": "#fd8d3c", "ordnance": "#8c6d31", "cyber": "#17becf",
}
FALLBACK_COLOUR = "#737373"
NAV = (("/", "Map"), ("/day", "Day"), ("/search", "Search"))
_TILE_RE = re.compile(r"^https?://[^\s\"'<>]+$")


def type_table() -> dict:
    """Type -> label, colour and its subtypes' labels, for the pages' legends and badges."""
    labels = {t: t.replace("_", " ").capitalize() for t in TYPES}
    table: dict[str, dict] = {
        t: {"label": labels[t], "colour": TYPE_COLOURS.get(t, FALLBACK_COLOUR), "subtypes": {}} for t in TYPES
    }
    for row in EVENT_TYPES:
        table.setdefault(row.type, {"label": labels.get(row.type, row.type), "colour": FALLBACK_COLOUR, "subtypes": {}})
        table[row.type]["subtypes"][row.subtype] = row.label
    return table


def tile_url() -> str | None:
    """$SITROOM_TILE_URL when it is an http(s) template with {z}, {x} and {y}; else None."""
    url = os.environ.get("SITROOM_TILE_URL", "").strip()
    if url and _TILE_RE.match(url) and all(part in url for part in ("{z}", "{x}", "{y}")):
        return url
    return None


@lru_cache(maxsize=64)
def _static_version(name: str) -> str:
    try:
        return hashlib.sha1((STATIC / name).read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


def static_url(name: str) -> str:
    """/static/NAME with a content hash, so a browser never runs an old script with a new page."""
    return f"/static/{name}?v={_static_version(name)}"


templates.env.globals["static_url"] = static_url
templates.env.globals["nav"] = NAV


def _csp(tiles: str | None) -> str:
    images = "'self' data:"
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"))
        images += f" {parts.scheme}://{parts.netloc}"
        if "{s}" in tiles:
            images += f" {parts.scheme}://*.{parts.netloc.split('.', 1)[-1]}"
    return (f"default-src 'self'; img-src {images}; script-src 'self'; style-src 'self'; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    tiles = tile_url()
    context.setdefault("active", "")
    response = templates.TemplateResponse(request, template, {"tile_url": tiles, **context}, status_code=status)
    response.headers["Content-Security-Policy"] = _csp(tiles)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _not_found(request: Request, message: str) -> HTMLResponse:
    return _page(request, "error.html", status=404, title="Not found", message=message)


def _positive_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and 0 < int(raw) < 2**62 else None


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request) -> HTMLResponse:
    return _page(request, "map.html", title="Map", active="/", types=type_table(),
                 attribution=boundaries.ATTRIBUTION)


@router.get("/day", include_in_schema=False)
def day_redirect(date: str = "") -> RedirectResponse:
    """/day?date=YYYY-MM-DD (the day form without JavaScript), or today (UTC)."""
    chosen = date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else datetime.now(UTC).date().isoformat()
    return RedirectResponse(f"/day/{chosen}", status_code=307)


@router.get("/day/{day}", response_class=HTMLResponse, include_in_schema=False)
def day_page(request: Request, day: str) -> HTMLResponse:
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return _not_found(request, f"{day!r} is not a day: write it as YYYY-MM-DD, e.g. /day/2022-12-31")
    if len(day) != 10:
        return _not_found(request, f"{day!r} is not a day: write it as YYYY-MM-DD, e.g. /day/2022-12-31")
    previous = (when - timedelta(days=1)).isoformat() if when > date.min else None
    following = (when + timedelta(days=1)).isoformat() if when < date.max else None
    return _page(request, "day.html", title=f"{when.day} {when:%B %Y}", active="/day", day=when.isoformat(),
                 previous=previous, following=following, types=type_table())


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
def incident_page(request: Request, incident_id: str) -> HTMLResponse:
    number = _positive_id(incident_id)
    if number is None:
        return _not_found(request, f"no incident {incident_id!r}: incident ids are whole numbers")
    return _page(request, "incident.html", title=f"Incident {number}", incident_id=number, types=type_table())


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: str = "", offset: str = "0") -> HTMLResponse:
    query = q.strip()[:500]
    start = int(offset) if offset.isdigit() and len(offset) < 12 else 0
    return _page(request, "search.html", title=f"Search: {query}" if query else "Search", active="/search",
                 q=query, offset=start)


@router.get("/entries/{entry_id}", response_class=HTMLResponse, include_in_schema=False)
def entry_page(request: Request, entry_id: str) -> HTMLResponse:
    number = _positive_id(entry_id)
    if number is None:
        return _not_found(request, f"no entry {entry_id!r}: entry ids are whole numbers")
    return _page(request, "entry.html", title=f"Entry {number}", entry_id=number, types=type_table())


@router.get(
    "/api/boundaries.geojson",
    tags=["map"],
    summary="The map's offline base layer",
    response_class=Response,
    responses={
        200: {"description": "A GeoJSON FeatureCollection", "content": {"application/geo+json": {"schema": {"type": "object"}}}},
        304: {"description": "Not modified (the ETag matches)"},
    },
)
def boundaries_geojson(request: Request) -> Response:
    """Land, lakes, country borders (Europe and around the Black Sea) and Ukraine's oblasts, as
    GeoJSON features with a `kind` property (land, lake, border, oblast, label).  Built at install
    from installed packages; gzipped when the client accepts it."""
    data, zipped, etag = boundaries.geojson_bytes()
    headers = {"ETag": etag, "Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(zipped, media_type="application/geo+json", headers={**headers, "Content-Encoding": "gzip"})
    return Response(data, media_type="application/geo+json", headers=headers)
