"""``core.links.url_for_each``: one reverse for many rows, the same URLs as ``reverse``."""

import pytest
from django.urls import NoReverseMatch, reverse

from core.links import url_for_each


@pytest.mark.parametrize(
    ("name", "after"),
    [("prisoner-detail", ()), ("prisoner-tab", ("plan",)), ("casework:timeline", ())],
)
def test_the_same_url_as_reverse(name, after):
    each = url_for_each(name, *after)
    for pk in (1, 42, 9876543210):
        assert each(pk) == reverse(name, args=[pk, *after])


def test_a_route_that_takes_no_id_is_refused():
    with pytest.raises(NoReverseMatch):
        url_for_each("home")
