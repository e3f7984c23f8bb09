"""The sample files the HSDS tests read (samples/, written for these tests), and ways to make
a bad one from a good one."""

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parent / "samples"
GOOD_FOLDER = SAMPLES / "good"
GOOD_JSON = SAMPLES / "good.json"
GOOD_SERVICES_JSON = SAMPLES / "good-services.json"


def good_files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(GOOD_FOLDER.iterdir())}


def zipped(files: dict[str, bytes], folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(folder + name, data)
    return buffer.getvalue()


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def csv_bytes(rows: list[list[str]]) -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode("utf-8")


def with_cell(
    files: dict[str, bytes], name: str, row: int, column: str, value: str
) -> dict[str, bytes]:
    """The files with one cell changed: `row` as a spreadsheet numbers it (header = 1)."""
    rows = rows_of(files[name])
    rows[row - 1][rows[0].index(column)] = value
    return {**files, name: csv_bytes(rows)}


def good_document() -> Any:
    return json.loads(GOOD_JSON.read_text(encoding="utf-8"))


def as_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
