#!/usr/bin/env bash
# Installs the Debian packages the tests need beyond the Python packages in .venv, when they are
# missing: Chromium and its driver for the browser journeys (e2e/), wrk for the load benchmark
# (bench/load/), Redis for the production smoke test (proof/test_production.py). Idempotent:
# with everything there it installs nothing.
#
# Playwright never downloads a browser of its own here: e2e/conftest.py launches the system
# Chromium through `executable_path`, and axe-core comes with the axe-playwright-python package.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages: $(/usr/bin/chromium --version 2>/dev/null | head -n 1), wrk and Redis are installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "system packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y "${missing[@]}"
/usr/bin/chromium --version
