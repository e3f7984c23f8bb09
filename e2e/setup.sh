#!/usr/bin/env bash
# Installs what the browser journeys need beyond the Python packages in .venv: Debian's
# Chromium and its driver. Idempotent: does nothing when /usr/bin/chromium is already there.
#
# Playwright never downloads a browser of its own here: e2e/conftest.py launches the system
# Chromium through `executable_path`. axe-core needs no install either: the copy that the
# axe-playwright-python package carries (a dev dependency in pyproject.toml) is injected.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "e2e: $(/usr/bin/chromium --version 2>/dev/null | head -n 1) is installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "e2e: installing Debian's chromium and chromium-driver"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium chromium-driver
/usr/bin/chromium --version
