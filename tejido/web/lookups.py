"""A read whose absence the page itself answers.

A domain error that a view lets through is answered in one place, tejido.web.middleware: a
NotFound is the 404 page, the same as for an address that does not exist. Views never catch
NotFound themselves (tejido/web/tests/test_domain_errors.py fails if one does).

A few pages show something else when a thing is not there for the viewer, because the thing is
not what the address names: a poll's page leaves out the link to a film night the viewer may
not see, a member's number typed into a form is a mistake to correct, a block lifted by a
second click is what the member wanted. Those views read the thing with `or_none`. It is for a
selector's read only (the same test checks that): a service's NotFound is the 404 page.
"""

from collections.abc import Callable

from tejido.core.errors import NotFound


def or_none[T](read: Callable[[], T]) -> T | None:
    """What `read` (a call to a selector) returns, or None where it raises NotFound."""
    try:
        return read()
    except NotFound:
        return None
