"""How an organiser's export marks each listing's visibility in HSDS terms: an attribute that
links the listing to a term of Tejido's own visibility taxonomy. Importing the file again
reads the marks back as visibilities (the marks, their terms and their taxonomy are not kept
as directory records), so an organisers-only listing stays one wherever the file goes next.

The ids are fixed, so the marks mean the same on every installation; a mark's own id is made
from the listing's, so exporting twice gives the same file."""

from uuid import UUID, uuid5

from tejido.directory.models import Visibility

TAXONOMY_ID = UUID("6b0d3c2e-4f1a-4e8b-9c7d-2a5e8f1b3c40")
TAXONOMY_NAME = "Tejido: who can see it / quién puede verlo"
TAXONOMY_DESCRIPTION = (
    "Who may see a listing in the Tejido directory it was exported from. / "
    "Quién puede ver una ficha en el directorio de Tejido del que se exportó."
)
TERMS: dict[str, tuple[UUID, str]] = {
    Visibility.PUBLIC: (UUID("6b0d3c2e-4f1a-4e8b-9c7d-2a5e8f1b3c41"), "Public / Pública"),
    Visibility.MEMBERS: (
        UUID("6b0d3c2e-4f1a-4e8b-9c7d-2a5e8f1b3c42"),
        "Members only / Solo integrantes",
    ),
    Visibility.ORGANISERS: (
        UUID("6b0d3c2e-4f1a-4e8b-9c7d-2a5e8f1b3c43"),
        "Organisers only / Solo el equipo organizador",
    ),
}
VISIBILITY_OF_TERM: dict[UUID, str] = {term: visibility for visibility, (term, _n) in TERMS.items()}
LINK_TYPE = "tejido_visibility"


def is_mark_record(table: str, record_id: UUID) -> bool:
    """The visibility taxonomy and its terms, which an import does not keep."""
    return (table == "taxonomy" and record_id == TAXONOMY_ID) or (
        table == "taxonomy_term" and record_id in VISIBILITY_OF_TERM
    )


def mark_id(entity: str, listing_id: UUID) -> UUID:
    return uuid5(TAXONOMY_ID, f"{entity}:{listing_id}")
