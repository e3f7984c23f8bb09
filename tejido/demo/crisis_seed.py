"""The demo network's crisis lines: the starting list in data/crisis_lines.json (a copy of the
shared list, each line with the source its number was seen in), loaded as `load_crisis_lines`
would load it. None is marked checked: the file's own note says organisers must check every
number on the service's site first, and the organisers' page shows that note and the flags."""

import json
from pathlib import Path

from tejido.crisis.services import Loaded, load_lines

# A byte-for-byte copy of the shared list, ../shared/data/crisis_lines.json beside the project
# (the file issue 13 names: shared/data/crisis_lines.json), kept here so the demo loads without
# it. When the shared file changes, copy it here again; tejido/demo/tests/test_support_seed.py
# fails while the two differ.
LINES_FILE = Path(__file__).parent / "data" / "crisis_lines.json"


def seed_crisis_lines() -> Loaded:
    return load_lines(json.loads(LINES_FILE.read_text(encoding="utf-8")))
