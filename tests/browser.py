"""Fixtures for the page tests: a store of the examples, a real uvicorn server on a loopback port,
and headless Chromium (Debian's /usr/bin/chromium, driven by the playwright package) that is
allowed to reach that server and nothing else.

Tests skip, saying why, when Chromium or playwright is missing (scripts/install-browser.sh and
`make install-test` install both).  Screenshots go to $SITROOM_SCREENSHOTS, else build/screenshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CHROMIUM = Path(os.environ.get("SITROOM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 820}


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("SITROOM_SCREENSHOTS") or ROOT / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sitroom(*args: str, db: Path) -> subprocess.CompletedProcess:
    """Run the sitroom CLI as a user would, on db."""
    return subprocess.run([sys.executable, "-m", "sitroom.cli", *args, "--db", str(db)],
                          capture_output=True, text=True, timeout=600, check=False)


def build_store(folder: Path) -> Path:
    """The examples ingested, extracted and (where the command exists) linked into incidents."""
    db = folder / "pages.db"
    for step in (("ingest", str(EXAMPLES)), ("extract",)):
        done = sitroom(*step, db=db)
        assert done.returncode == 0, f"sitroom {step[0]} failed: {done.stderr}"
    sitroom("link", db=db)  # incidents, once the command is there; the pages work without them
    return db


@dataclass
class Server:
    url: str
    db: Path
    thread: threading.Thread
    server: object

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_server(db: Path) -> Server:
    """create_app(db) under uvicorn in a thread, on a socket bound here (no race for the port)."""
    import uvicorn

    from sitroom.serve.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(db), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    return Server(f"http://127.0.0.1:{port}", db, thread, server)


@dataclass
class Browser:
    """One Chromium profile; records every request that tried to leave the test server."""

    context: object
    base_url: str
    outside: list[str] = field(default_factory=list)
    _errors: dict = field(default_factory=dict)

    def page(self):
        page = self.context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        self._errors[page] = errors
        return page

    def errors(self, page) -> list[str]:
        """What the page logged as errors (script exceptions, failed loads)."""
        return self._errors.get(page, [])

    def shot(self, page, name: str) -> Path:
        path = screenshot_dir() / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def require_browser():
    """The playwright module, or a skip that says what is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run scripts/install-browser.sh (make install-test does)")
    return pytest.importorskip("playwright.sync_api", reason="the playwright package is missing: make install-test")


def launch(playwright_api, user_data_dir: Path, base_url: str) -> tuple[object, Browser]:
    manager = playwright_api.sync_playwright().start()
    context = manager.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport=VIEWPORT, locale="en-GB", timezone_id="UTC", service_workers="block",
    )
    browser = Browser(context, base_url)
    allowed = urlsplit(base_url).netloc

    def guard(route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == allowed:
            route.continue_()
        else:
            browser.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return manager, browser
