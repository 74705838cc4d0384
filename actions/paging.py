from django.core.paginator import Paginator
from django.utils.functional import cached_property


def missing_page(asked, page):
    """The page number asked for when there is no such page (past the end, or not
    a number), so the page shown can say so."""
    if asked and asked != str(page.number):
        return asked
    return None


class CappedPaginator(Paginator):
    """Counts the rows up to `cap` and no further: an exact count of a million
    actions reads them all, and nobody pages past the first ten thousand (filters
    narrow them). `capped` says there are more; pages past the cap are not shown.
    A search's matches are counted to a lower cap: each row counted is a row
    whose text is searched."""

    cap = 10_000

    def __init__(self, *args, cap=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap or self.cap

    @cached_property
    def count(self):
        counted = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)
