"""What can go wrong when an organiser imports or exports an HSDS file, in their words."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import InvalidInput
from tejido.directory.hsds.problems import Problem


class FileTooLarge(InvalidInput):
    code = "file_too_large"
    message = _(
        "The file is too large for the import page. Split it, or import it from the command line."
    )


class EmptyFile(InvalidInput):
    code = "empty_file"
    message = _("Choose a zip or JSON file to import.")


class BadVisibility(InvalidInput):
    code = "bad_visibility"
    message = _("Choose who can see the new listings.")


class BadForm(InvalidInput):
    code = "bad_form"
    message = _("Choose the tabular form (zip) or the JSON form.")


class ImportRefused(InvalidInput):
    """The file has problems, so nothing was imported: `problems` (the first
    problems.MAX_LISTED of them) and `count` (all) say what they are."""

    code = "import_refused"
    message = _("Nothing was imported: the file has problems. Fix them and import it again.")

    def __init__(self, problems: tuple[Problem, ...], count: int) -> None:
        super().__init__()
        self.problems = problems
        self.count = count
