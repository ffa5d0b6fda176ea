"""The `sitroom` command line.

Every command takes --db (default ./sitroom.db or $SITROOM_DB).  Exit codes: 0 done; 1 nothing
could be done (no input could be read, no such database); 2 wrong usage; 3 some inputs failed
while the rest were stored."""

from __future__ import annotations

import sys

import typer

from .. import __version__
from ..errors import SitroomError
from .common import EXIT_FAILED, err, out

app = typer.Typer(
    name="sitroom",
    help=(
        "Read live coverage of a war (live blogs, articles, RSS/Atom feeds, saved pages, Guardian JSON) "
        "into a SQLite store, extract the events it reports, link them into incidents with the history "
        "of their figures, and write each day's key points; list, search, export and map them.\n\n"
        "Start with:  sitroom ingest examples/  then  sitroom extract,  sitroom link,  and read the "
        "result with  sitroom incidents,  sitroom brief --date 2023-01-04  or  sitroom serve."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        out.print(f"sitroom {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """sitroom: a situation picture from live coverage."""


# Commands register themselves on `app` when their modules are imported.
from . import coverage, events, incidents, serve  # noqa: E402,F401


def run() -> None:
    """Entry point: turn unexpected sitroom errors into one line and exit 1, not a traceback."""
    try:
        app()
    except SitroomError as exc:
        err.print(f"sitroom: {exc}")
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        err.print("sitroom: interrupted; everything stored so far is complete")
        sys.exit(130)


if __name__ == "__main__":
    run()
