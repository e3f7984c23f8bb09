"""Checking a whole HSDS file against the specification (spec.py), in either form: a tabular
package (datapackage.json and CSV files, in a folder or a zip file) or a JSON document. Every
problem is reported with its file, row, field and what is wrong; the records that could be
read come back with them, for the importer. Nothing here writes anything."""

from dataclasses import dataclass
from pathlib import Path

from tejido.directory.hsds import package
from tejido.directory.hsds.dataset import Dataset, Progress, check_across
from tejido.directory.hsds.document import read_document
from tejido.directory.hsds.problems import Problem, Report
from tejido.directory.hsds.tabular import read_package

TABULAR = "tabular"
JSON = "json"


@dataclass(frozen=True)
class Checked:
    """`form`: TABULAR or JSON (empty when the file could not be opened at all). `problems`:
    the first problems.MAX_LISTED, in the order met; `problem_count`: all of them."""

    form: str
    dataset: Dataset
    problems: tuple[Problem, ...]
    problem_count: int

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


def _done(form: str, report: Report, dataset: Dataset) -> Checked:
    check_across(report, dataset)
    return Checked(form, dataset, tuple(report.problems), report.count)


def _unreadable(name: str, unreadable: package.Unreadable) -> Checked:
    report = Report()
    report.add(name, "", "", unreadable.code, **unreadable.params)
    return Checked("", Dataset(), tuple(report.problems), report.count)


def _tabular(name: str, files: package.Files, progress: Progress | None) -> Checked:
    report = Report()
    try:
        dataset = read_package(report, files, progress)
    except package.Unreadable as unreadable:
        return _unreadable(name, unreadable)
    return _done(TABULAR, report, dataset)


def check_upload(name: str, data: bytes, progress: Progress | None = None) -> Checked:
    """An uploaded file: a zip file holds a tabular package, anything else must be JSON."""
    if package.is_zip(data):
        try:
            files = package.from_zip(data)
        except package.Unreadable as unreadable:
            return _unreadable(name, unreadable)
        return _tabular(name, files, progress)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"{", b"["):
        return _unreadable(name, package.Unreadable("not_a_package"))
    report = Report()
    dataset = read_document(report, name, data, progress)
    return _done(JSON, report, dataset)


def check_path(path: Path, progress: Progress | None = None) -> Checked:
    """A file or folder on this machine (the management command): a folder or a
    datapackage.json holds a tabular package, a file is read as an upload is."""
    if path.is_dir() or path.name == package.DESCRIPTOR:
        folder = path if path.is_dir() else path.parent
        try:
            files = package.from_folder(folder)
        except package.Unreadable as unreadable:
            return _unreadable(str(path), unreadable)
        return _tabular(str(folder), files, progress)
    return check_upload(path.name, path.read_bytes(), progress)
