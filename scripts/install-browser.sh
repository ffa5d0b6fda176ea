#!/bin/sh
# Installs the headless browser the page tests drive: Debian's chromium (run as root, or via sudo).
# Playwright's own browser download is never used (no network beyond the Debian archive);
# tests/browser.py launches /usr/bin/chromium through the Python playwright package.
set -eu
if [ -x /usr/bin/chromium ]; then
    echo "chromium is installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; install Chromium so that /usr/bin/chromium exists" >&2
    echo "(the page tests skip without it)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-browser: not root and no sudo; the page tests will skip" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; }; then
    echo "install-browser: apt-get could not install chromium; the page tests will skip" >&2
    exit 0
fi
/usr/bin/chromium --version
