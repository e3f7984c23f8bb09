"""HSDS imports' background work, on Django's tasks framework with the database worker."""

from django.tasks import task


@task()
def run_hsds_import(import_id: int) -> str:
    """Check an uploaded HSDS file and import it if nothing is wrong; returns how it ended."""
    from tejido.directory.hsds.services import run_import

    return run_import(import_id=import_id)
