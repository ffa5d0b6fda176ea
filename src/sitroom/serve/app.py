"""The web application: wiring of the routers, store access, tokens and JSON errors.

Reads open a Store per request in the thread that serves it (SQLite connections stay in their
thread), with `query_only` on and one read transaction, so a page of items and its total agree
and WAL lets them run while an ingest writes.  Writes run on one writer thread that keeps its
Store and the spaCy pipeline warm between requests: SQLite has one writer at a time anyway."""

from __future__ import annotations

import asyncio
import base64
import binascii
import importlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from functools import partial
from http import HTTPStatus
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import SitroomError, StoreError
from ..store.sqlite import Store
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


_local = threading.local()
KEPT_PER_THREAD = 4  # read connections a worker thread keeps open, most recently used first


def _thread_store(path: str) -> Store:
    """This thread's read-only Store for path, opened on first use and kept (opening costs about
    half a millisecond, a large share of a small request); opened again if the file was replaced."""
    try:
        inode = os.stat(path).st_ino
    except FileNotFoundError:
        raise StoreError(f"{path}: the database has gone") from None
    kept: list[tuple[tuple[str, int], Store]] = _local.__dict__.setdefault("stores", [])
    for index, (key, store) in enumerate(kept):
        if key == (path, inode):
            kept.insert(0, kept.pop(index))
            return store
    store = Store(path)
    store.db.execute("PRAGMA query_only=ON")
    kept.insert(0, ((path, inode), store))
    for _, old in kept[KEPT_PER_THREAD:]:
        old.close()
    del kept[KEPT_PER_THREAD:]
    return store


@contextmanager
def reading(request: Request) -> Iterator[Store]:
    """A read-only Store for this request, inside one read transaction (so a page and its total
    agree).  Use it from a plain `def` route, which FastAPI runs in a worker thread: each thread
    keeps its own connection, as SQLite wants."""
    store = _thread_store(request.app.state.db_path)
    store.db.execute("BEGIN")
    try:
        yield store
    finally:
        if store.db.in_transaction:
            store.db.execute("ROLLBACK")


def fingerprint(path: str) -> tuple:
    """Changes whenever a transaction commits: WAL mode appends every commit to the -wal file and
    a checkpoint rewrites the database file.  Keys caches of whole-store figures."""
    marks = []
    for name in (path, f"{path}-wal"):
        try:
            info = os.stat(name)
            marks.append((info.st_mtime_ns, info.st_size, info.st_ino))
        except FileNotFoundError:
            marks.append(None)
    return tuple(marks)


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


def read_access(request: Request) -> None:
    """Reads are open unless the server is private."""
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

    app = FastAPI(title="sitroom", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.db_path = path
    app.state.settings = settings
    app.state.tokens = Tokens(settings, path)
    app.state.writer = Writer(path)

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
