"""One page of a long list, as selectors hand it to the web and the API: the items already
shaped for the viewer, and where the page sits in the list."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

PAGE_SIZE = 25


@dataclass(frozen=True)
class ListPage[T]:
    items: Sequence[T]
    number: int
    # None for a list paged without counting it (`paginate_ahead`): `more` says whether
    # another page follows.
    num_pages: int | None
    count: int | None
    more: bool = False
    # For a list paged from a place in it (tejido.accounts.selectors.list_member_page): the
    # item the next page starts after and the one the previous page ends before, which its
    # links carry (`after`, `before`); None where a link goes by the page number alone.
    after: int | None = None
    before: int | None = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.more if self.num_pages is None else self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def paginate[T](
    queryset: QuerySet[Any],
    page: int | str | None,
    shape: Callable[[list[Any]], Sequence[T]],
    *,
    per_page: int = PAGE_SIZE,
) -> ListPage[T]:
    """The requested page (the last one when it is past the end, the first when it is not a
    number) with its objects passed through `shape` in one go."""
    paginator = Paginator(queryset, per_page)
    current = paginator.get_page(page)
    return ListPage(
        items=shape(list(current.object_list)),
        number=current.number,
        num_pages=paginator.num_pages,
        count=paginator.count,
    )


# Past this, a page number is taken as the first page: no one reads that far, and the offset
# would make the database walk the whole list.
FURTHEST_PAGE = 1000


def paginate_ahead[T](
    queryset: QuerySet[Any],
    page: int | str | None,
    shape: Callable[[list[Any]], Sequence[T]],
    *,
    per_page: int = PAGE_SIZE,
) -> ListPage[T]:
    """As `paginate`, without counting the list: one query takes the page and one row more to
    tell whether another page follows. For long lists where the count would cost more than
    the page (the count is a pass over every row the viewer may see)."""
    try:
        number = int(page or 1)
    except (TypeError, ValueError):
        number = 1
    if not 1 <= number <= FURTHEST_PAGE:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and number > 1:
        return paginate_ahead(queryset, 1, shape, per_page=per_page)
    return ListPage(
        items=shape(rows[:per_page]),
        number=number,
        num_pages=None,
        count=None,
        more=len(rows) > per_page,
    )
