"""The demo network's crisis lines: the starting list in data/crisis_lines.json (a copy of the
shared list, each line with the source its number was seen in), loaded as `load_crisis_lines`
would load it. None is marked checked: the file's own note says organisers must check every
number on the service's site first, and the organisers' page shows that note and the flags."""

import json
from pathlib import Path

from tejido.crisis.services import Loaded, load_lines

LINES_FILE = Path(__file__).parent / "data" / "crisis_lines.json"


def seed_crisis_lines() -> Loaded:
    return load_lines(json.loads(LINES_FILE.read_text(encoding="utf-8")))
