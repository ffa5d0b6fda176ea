"""The web application: wiring of the routers, store access, tokens and JSON errors.

Reads go through `answer()`: a few reader threads, each keeping a read-only connection, compute
answers first come first served, and whole answers are kept until the database next changes
(reads.py says why).  Writes run on one writer thread that keeps its Store and the spaCy pipeline
warm between requests: SQLite has one writer at a time anyway."""

from __future__ import annotations

import asyncio
import base64
import binascii
import importlib
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from http import HTTPStatus
from pathlib import Path
from typing import Any, TypeVar

import pydantic_core
from fastapi import Depends, FastAPI, HTTPException, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import SitroomError, StoreError
from ..store.sqlite import Store
from .reads import Reads, Snapshot
from .settings import Settings, Tokens

log = logging.getLogger("sitroom.serve")
STATIC = Path(__file__).resolve().parent / "static"
OPTIONAL_ROUTERS = ("incidents_api", "pages")  # written alongside; skipped until they exist
T = TypeVar("T")

DESCRIPTION = """\
The events, entries and documents of a sitroom store, as JSON.

Lists take `limit` (default 50, at most 1000) and `offset`, and answer
`{"items": [...], "total": N, "limit": L, "offset": O}`. Dates are ISO 8601: a day as
`YYYY-MM-DD`, an instant in UTC as `YYYY-MM-DDTHH:MM:SSZ`. Errors are
`{"error": {"status": 404, "message": "..."}}`.

Reads are open unless the server runs with `--private` (or `SITROOM_READ_AUTH=1`). Writing
(`POST /api/ingest`) needs a token from `sitroom token create`, sent as
`Authorization: Bearer <token>`.
"""


# -- errors ---------------------------------------------------------------------------------------


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such endpoint: {request.url.path}"
    elif exc.status_code == 405 and message == "Method Not Allowed":
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(exc.status_code, message, getattr(exc, "headers", None))


def _where(location: tuple) -> str:
    if location and location[0] in ("query", "path", "header") and len(location) > 1:
        return f"{location[0]} parameter {location[1]!r}"
    return ".".join(str(part) for part in location) or "request"


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [f"{_where(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}" for e in exc.errors()]
    return error_response(422, "; ".join(problems) or "invalid request")


async def _store_error(request: Request, exc: SitroomError) -> JSONResponse:
    log.error("database unavailable: %s", exc)
    return error_response(503, "the database cannot be opened; see the server log")


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal server error; see the server log")


# -- store access ---------------------------------------------------------------------------------


def _body(value: Any) -> bytes:
    return value if isinstance(value, bytes) else pydantic_core.to_json(value)


async def answer(
    request: Request, build: Callable[[Snapshot], Any], *, media_type: str = "application/json", cache: bool = True
) -> Response:
    """The answer to a read: build(snapshot) runs on a reader thread inside one read transaction
    (so a page and its total agree, and WAL lets it run while an ingest writes) and returns JSON
    bytes or plain data, sent as they are: the route's declared response model documents the
    shape in /openapi.json, and the tests check every answer against it.  With cache, an answer
    to the same URL at the same generation of the database is sent again without recomputing
    (`X-Cache: hit`); any commit to the database moves the generation on."""
    reads: Reads = request.app.state.reads
    key = (request.url.path, request.url.query)
    cache = cache and reads.cache.max_bytes > 0
    if cache:
        found = reads.cache.get(key, reads.generation())
        if found is not None:
            return Response(found, media_type=media_type, headers={"X-Cache": "hit"})

    def job(snapshot: Snapshot) -> bytes:
        body = _body(build(snapshot))
        if cache:
            snapshot.cache.put(key, snapshot.generation, body, len(body))
        return body

    return Response(await reads.run(job), media_type=media_type, headers={"X-Cache": "miss"} if cache else None)


class Writer:
    """Runs write jobs one at a time on its own thread, with one Store and (once asked for) one
    extraction pipeline that stay open between jobs.  The Store is opened again when another
    process has written meanwhile, so its near-duplicate window sees those rows too."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self._pool: ThreadPoolExecutor | None = None  # started on the first job, again after close()
        self._store: Store | None = None
        self._data_version: int | None = None
        self._extractor = None

    async def run(self, job: Callable[..., T], *args: Any) -> T:
        """Run job(store, writer, *args) on the writer thread."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitroom-writer")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(self._call, job, *args))

    def _call(self, job: Callable[..., T], *args: Any) -> T:
        store = self._open()
        try:
            return job(store, self, *args)
        finally:
            self._data_version = self._version(store)

    def _open(self) -> Store:
        if self._store is not None and self._version(self._store) != self._data_version:
            self._store.close()
            self._store = None
        if self._store is None:
            self._store = Store(self.db_path)
            self._data_version = self._version(self._store)
        return self._store

    @staticmethod
    def _version(store: Store) -> int:
        return store.db.execute("PRAGMA data_version").fetchone()[0]

    def extractor(self):
        """The extraction pipeline, loaded on first use (spaCy takes a second or two)."""
        if self._extractor is None:
            from ..extract.pipeline import Extractor

            self._extractor = Extractor()
        return self._extractor

    def close(self) -> None:
        """Close the Store on its own thread and stop the thread; a later job starts them again."""
        if self._pool is None:
            return

        def shut() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        pool, self._pool = self._pool, None
        pool.submit(shut).result()
        pool.shutdown(wait=True)


# -- tokens ---------------------------------------------------------------------------------------

bearer = HTTPBearer(
    auto_error=False, scheme_name="token", description="An API token made by 'sitroom token create'."
)


def presented_token(request: Request, basic: bool = True) -> str | None:
    """The token in `Authorization: Bearer <token>`, or (when basic) the password of HTTP Basic,
    which a browser asks for by itself, so that pages work on a private server."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return value.strip() or None
    if scheme.lower() == "basic" and basic:
        try:
            user, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return password or user or None
    return None


def _require_token(request: Request, action: str, basic: bool) -> None:
    tokens: Tokens = request.app.state.tokens
    is_api = request.url.path.startswith("/api") or request.url.path.startswith("/openapi")
    challenge = {"WWW-Authenticate": 'Bearer realm="sitroom"' if is_api or not basic else 'Basic realm="sitroom"'}
    token = presented_token(request, basic)
    if token is None:
        if not tokens.any():
            raise HTTPException(
                401, f"{action} needs an API token and this server has none: run 'sitroom token create --db DB'"
                " and send the token as 'Authorization: Bearer <token>'", headers=challenge,
            )
        raise HTTPException(401, f"{action} needs an API token: send 'Authorization: Bearer <token>'", headers=challenge)
    if not tokens.verify(token):
        raise HTTPException(401, "the API token is not valid here (revoked, mistyped or for another database)",
                            headers=challenge)


async def read_access(request: Request) -> None:
    """Reads are open unless the server is private.  (A coroutine: FastAPI runs a plain function
    dependency on a worker thread, a hop that costs more than the check.)"""
    if request.app.state.settings.read_auth:
        _require_token(request, "reading from this private server", basic=True)


def write_access(request: Request, _credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    """Writes always need a Bearer token (declared as a security scheme so OpenAPI shows it).
    Basic is refused here: a browser resends cached Basic credentials on a cross-site form post."""
    _require_token(request, "writing", basic=False)


# -- the application ------------------------------------------------------------------------------


def _optional_router(name: str):
    """A router module written alongside this one, or None while it does not exist yet."""
    module_name = f"{__package__}.{name}"
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise


SERVE_DB_ENV = "SITROOM_SERVE_DB"


def app_from_environment() -> FastAPI:
    """The app of one of the processes of `sitroom serve --workers N`, which puts the database in
    $SITROOM_SERVE_DB and the settings in the variables Settings.from_env reads."""
    path = os.environ.get(SERVE_DB_ENV)
    if not path:
        raise StoreError(f"${SERVE_DB_ENV} is not set: start the server with 'sitroom serve'")
    return create_app(path, settings=Settings.from_env())


def create_app(db_path: str | os.PathLike, *, settings: Settings | None = None) -> FastAPI:
    """The sitroom web application over the database at db_path, which must exist (it is
    migrated to the current schema here, once, so requests never write to migrate)."""
    from . import api

    path = os.fspath(db_path)
    if not os.path.isfile(path):
        raise StoreError(f"{path}: no such database; run 'sitroom ingest PATH' first (or pass --db)")
    Store(path).close()
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.writer.close()
        app.state.reads.close()

    app = FastAPI(title="sitroom", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.db_path = path
    app.state.settings = settings
    app.state.tokens = Tokens(settings, path)
    app.state.writer = Writer(path)
    app.state.reads = Reads(path, threads=settings.read_threads, cache_bytes=settings.cache_bytes)

    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(SitroomError, _store_error)
    app.add_exception_handler(Exception, _server_error)

    guarded = [Depends(read_access)]
    app.include_router(api.router, dependencies=guarded)
    for name in OPTIONAL_ROUTERS:
        module = _optional_router(name)
        if module is not None:
            app.include_router(module.router, dependencies=guarded)
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            schema.setdefault("components", {}).setdefault("schemas", {}).update(api.extra_schemas())
            if settings.read_auth:
                schema["security"] = [{"token": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
