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
    num_pages: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

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
