"""Commands for the web server: serve, and token create / list / revoke."""

from __future__ import annotations

import ipaddress
import os

import typer

from ..errors import SitroomError
from ..store.sqlite import default_path
from . import app
from .common import EXIT_FAILED, EXIT_USAGE, DbOption, err, out

token_app = typer.Typer(
    help="Make, list and revoke API tokens: a token is needed to write (POST /api/ingest), and to read "
    "from a server started with --private.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(token_app, name="token")


def _existing_db(db: str | None) -> str:
    path = db or default_path()
    if not os.path.isfile(path):
        err.print(f"sitroom: {path}: no such database; run 'sitroom ingest PATH' first (or pass --db)", highlight=False)
        raise typer.Exit(EXIT_FAILED)
    return path


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; 0.0.0.0 to let other machines in."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
    private: bool = typer.Option(
        False, "--private", help="Reads need a token too (as $SITROOM_READ_AUTH=1). Browsers ask for it as a password."
    ),
    access_log: bool = typer.Option(
        False, "--access-log/--no-access-log", help="Log one line per request (a busy server then answers about 30% fewer requests a second)."
    ),
    max_upload: str | None = typer.Option(
        None, "--max-upload", help="Refuse uploads larger than this, e.g. 20M. Default: $SITROOM_MAX_UPLOAD, else 20 MB.",
        show_default=False,
    ),
    workers: int = typer.Option(
        1, "--workers", "-w", min=1, max=64,
        help="Server processes.  One answers a few hundred reads a second on one core; give up to one per core to "
        "use more, each taking its own memory (and its own spaCy once an upload asks to extract).",
    ),
    read_threads: int | None = typer.Option(
        None, "--read-threads", min=1, max=64, show_default=False,
        help="Reader threads per process, taking requests first come first served. Default: $SITROOM_READ_THREADS, "
        "else 2 (more makes each answer slower: they share one interpreter lock).",
    ),
    cache: str | None = typer.Option(
        None, "--cache", show_default=False,
        help="Memory per process for whole answers, kept until the database next changes, e.g. 64M; 0 keeps none. "
        "Default: $SITROOM_ANSWER_CACHE, else 64 MB.",
    ),
) -> None:
    """Serve the store over HTTP: the JSON API under /api, its schema at /openapi.json and
    interactive docs at /docs (and the map and pages once they are installed).

    Reads are open to anyone who can reach the address unless --private is given.  Writing
    (POST /api/ingest) always needs a token: make one with 'sitroom token create'.  Tokens are
    kept hashed in DB.tokens ($SITROOM_TOKENS_FILE), or given by $SITROOM_TOKEN.

    Examples:

    \b
      TOKEN=$(sitroom token create --label newsroom) && sitroom serve --port 8000
      curl 'http://127.0.0.1:8000/api/events?place=Kharkiv&since=2023-01-01'
      curl -H "Authorization: Bearer $TOKEN" --data-binary @feed.xml \\
           'http://127.0.0.1:8000/api/ingest?filename=feed.xml&extract=true'
    """
    import uvicorn

    from ..serve import create_app
    from ..serve.settings import Settings, parse_size

    path = _existing_db(db)
    try:
        overrides = {"read_auth": True if private else None, "read_threads": read_threads}
        if max_upload is not None:
            overrides["max_upload"] = parse_size(max_upload, "--max-upload")
        if cache is not None:
            overrides["cache_bytes"] = parse_size(cache, "--cache", allow_zero=True)
        settings = Settings.from_env(**overrides)
        application = create_app(path, settings=settings)
    except SitroomError as exc:
        err.print(f"sitroom: {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE if any(f in str(exc) for f in ("--max-upload", "--cache", "$SITROOM")) else EXIT_FAILED) from None
    if not _is_loopback(host) and not settings.read_auth:
        err.print(f"sitroom: warning: reads on {host}:{port} are open to anyone who can reach it (use --private to close them)")
    if not application.state.tokens.any():
        err.print("sitroom: no API tokens yet: POST /api/ingest will refuse until 'sitroom token create' makes one")
    processes = f" with {workers} processes" if workers > 1 else ""
    out.print(f"sitroom: serving {path} on http://{host}:{port}/{processes} (API docs at /docs); Ctrl-C stops",
              highlight=False)
    options = {"host": host, "port": port, "log_level": "info", "access_log": access_log, "server_header": False}
    if workers == 1:
        uvicorn.run(application, **options)
        return
    # Each worker process builds its own app from the environment (uvicorn starts them by name).
    os.environ.update(worker_environment(path, settings))
    uvicorn.run("sitroom.serve.app:app_from_environment", factory=True, workers=workers, **options)


def worker_environment(path: str, settings) -> dict[str, str]:
    """What app_from_environment() needs to build the same app in another process."""
    from ..serve.app import SERVE_DB_ENV

    env = {SERVE_DB_ENV: os.path.abspath(path), "SITROOM_MAX_UPLOAD": str(settings.max_upload),
           "SITROOM_READ_THREADS": str(settings.read_threads), "SITROOM_ANSWER_CACHE": str(settings.cache_bytes)}
    if settings.read_auth:
        env["SITROOM_READ_AUTH"] = "1"
    if settings.tokens_file:
        env["SITROOM_TOKENS_FILE"] = settings.tokens_file
    return env


def _tokens(db: str | None):
    from ..serve.settings import Settings, TokenFile

    path = db or default_path()
    return TokenFile(Settings.from_env().tokens_path(path))


@token_app.command("create")
def token_create(
    db: str | None = DbOption,
    label: str = typer.Option("", "--label", "-l", help="A note saying who or what the token is for."),
) -> None:
    """Make a new API token, print it once, and keep only its salted hash.

    The hash goes into DB.tokens (or $SITROOM_TOKENS_FILE), readable by you alone; a running
    server accepts the token at once.  Copy the token now: it cannot be shown again.

    Example:  TOKEN=$(sitroom token create --label newsroom-bot)
    """
    tokens = _tokens(db)
    token = tokens.create(label)
    record = tokens.records()[-1]
    err.print(f"sitroom: token {record.id} stored (hashed) in {tokens.path}; it is printed once, below", highlight=False)
    print(token)


@token_app.command("list")
def token_list(db: str | None = DbOption) -> None:
    """List the tokens by id (the start of their hash), creation time and label; never the tokens."""
    tokens = _tokens(db)
    records = tokens.records()
    if not records:
        err.print(f"sitroom: no tokens in {tokens.path}; 'sitroom token create' makes one", highlight=False)
        return
    for record in records:
        out.print(f"{record.id}  {record.created_at}  {record.label}", highlight=False)


@token_app.command("revoke")
def token_revoke(
    token_id: str = typer.Argument(..., help="The id 'sitroom token list' shows (or its first characters)."),
    db: str | None = DbOption,
) -> None:
    """Revoke a token: a running server refuses it from the next request."""
    tokens = _tokens(db)
    try:
        removed = tokens.revoke(token_id)
    except SitroomError as exc:
        err.print(f"sitroom: {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    if not removed:
        err.print(f"sitroom: no token with id {token_id!r} in {tokens.path}", highlight=False)
        raise typer.Exit(EXIT_FAILED)
    out.print(f"revoked {removed} token{'s' * (removed != 1)}", highlight=False)
