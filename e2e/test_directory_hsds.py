"""An organiser imports an HSDS file with one bad row, reads what is wrong and where, fixes it
and imports it again; then downloads the directory and looks at a large import's progress.
With and without JavaScript, in both languages; every page checked with axe-core."""

from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor
from tejido.accounts.factories import OrganiserFactory
from tejido.accounts.models import User
from tejido.directory.hsds.models import HsdsImport, ImportState
from tejido.directory.hsds.tests.helpers import good_files, with_cell, zipped
from tejido.directory.models import Service

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_an_organiser_fixes_a_bad_row_and_imports_again(
    visit: Callable[..., Visitor], lang: str, js: bool, tmp_path: Path
) -> None:
    bad = tmp_path / "directorio.zip"
    bad.write_bytes(zipped(with_cell(good_files(), "services.csv", 3, "status", "open")))
    fixed = tmp_path / "directorio-corregido.zip"
    fixed.write_bytes(zipped(good_files()))
    organiser = cast(User, OrganiserFactory(language=lang, profile__chosen_name="Ana Organiza"))

    v = visit(lang=lang, js=js, user=organiser)
    t = v.t
    v.goto("/organise/")
    v.page.get_by_role("navigation", name=t("Organiser area")).get_by_role(
        "link", name=t("Directory files (HSDS)")
    ).click()
    v.check("HSDS files, nothing imported yet", screenshot=True)

    v.field("The HSDS file").set_input_files(bad)
    v.main.get_by_role("button", name=t("Check and import")).click()
    v.check("HSDS import with a problem", screenshot=True)
    problem = v.main.get_by_role("row").filter(has_text="services.csv")
    expect(problem).to_contain_text("status")
    expect(problem).to_contain_text("open")
    assert not Service.objects.exists()

    v.main.get_by_role("link", name=t("Import the corrected file")).click()
    v.field("The HSDS file").set_input_files(fixed)
    v.main.get_by_label(t("Everyone, on the public directory")).check()
    v.main.get_by_role("button", name=t("Check and import")).click()
    expect(v.main).to_contain_text(t("Every record of the file is in the directory."))
    v.check("HSDS import done", screenshot=True)
    assert Service.objects.filter(visibility="public").count() == 3

    v.page.get_by_role("navigation", name=t("Organiser area")).get_by_role(
        "link", name=t("Directory files (HSDS)")
    ).click()
    with v.page.expect_download() as download:
        v.main.get_by_role("link", name=t("Download as JSON")).click()
    assert download.value.suggested_filename == "directory-hsds-all.json"

    # A large file being checked: its progress, and a way to look again.
    running = HsdsImport.objects.create(
        by=organiser, file_name="grande.zip", state=ImportState.CHECKING, done=1500, total=6000
    )
    v.goto(f"/organise/directory/hsds/imports/{running.pk}/", check="HSDS import in progress")
    expect(v.main.get_by_role("progressbar")).to_have_attribute("value", "1500")
    v.main.get_by_role("link", name=t("Check again")).click()
    expect(v.page).to_have_url(v.url(f"/organise/directory/hsds/imports/{running.pk}/"))
