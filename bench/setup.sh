#!/usr/bin/env bash
# Installs the load benchmark's driver: Debian's wrk. Idempotent: does nothing when wrk is
# already there. (bench/load/run.py refuses to run without it rather than fall back to a
# slower driver, whose own cost would flatter the ratios to the floor.)
set -euo pipefail

if command -v wrk >/dev/null 2>&1; then
    echo "bench: $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2) is installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "bench: installing Debian's wrk"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y wrk
