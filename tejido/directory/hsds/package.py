"""The files of a tabular package (datapackage.json and its CSV files), from a folder or a zip
file. A zip may hold the package at its top or in one folder; its names are never used as
paths on this machine, and it may not unpack to more than MAX_UNPACKED_MB (a small zip can
unpack to gigabytes)."""

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath

DESCRIPTOR = "datapackage.json"
MAX_UNPACKED_MB = 500


class Unreadable(ValueError):
    """The package cannot be opened at all; `code` and `params` say why (problems.MESSAGES)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Files:
    """The package's files by their path relative to datapackage.json, and a way to read one."""

    names: frozenset[str]
    read: Callable[[str], bytes]


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def plain_path(path: str) -> str | None:
    """`path` as a relative POSIX path without "..", or None: a resource's path must name a
    file inside the package, whatever the machine."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if not parts or path.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
        return None
    return "/".join(part for part in parts if part != ".")


def from_zip(data: bytes) -> Files:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
    except (zipfile.BadZipFile, ValueError):
        raise Unreadable("bad_zip") from None
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_MB * 1024 * 1024:
        raise Unreadable("unpacked_too_large", limit=MAX_UNPACKED_MB)
    descriptors = sorted(
        (entry.filename for entry in entries if PurePosixPath(entry.filename).name == DESCRIPTOR),
        key=lambda name: name.count("/"),
    )
    if not descriptors:
        raise Unreadable("no_datapackage")
    root = descriptors[0][: -len(DESCRIPTOR)]
    by_name = {
        entry.filename[len(root) :]: entry for entry in entries if entry.filename.startswith(root)
    }

    def read(name: str) -> bytes:
        entry = by_name[name]
        try:
            with archive.open(entry) as member:
                # The sizes in a zip's directory are the zip's word: read no more than it said.
                return member.read(entry.file_size + 1)[: entry.file_size]
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
            raise Unreadable("bad_zip") from None

    return Files(frozenset(by_name), read)


def from_folder(folder: Path) -> Files:
    if not (folder / DESCRIPTOR).is_file():
        raise Unreadable("no_datapackage")
    names = frozenset(
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    )
    return Files(names, lambda name: (folder / name).read_bytes())
