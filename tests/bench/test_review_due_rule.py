"""The one review-due rule (``classification.due``) on the benchmark's 2,000 files: the
database expression the lists, the sweep and the reports use and the Python twin the risk
tab uses give the same date for every file (the demo's ~200 are checked in
``tests/classification/test_review_due_rule.py``; the bench set adds overdue, flagged and
unclassified files in the proportions of a national service)."""

import pytest

from bench import seed
from casemgmt.models import Prisoner
from classification import due

pytestmark = pytest.mark.django_db


def test_expression_and_twin_agree_on_every_bench_file():
    seed.build(prisoners=2000, progress=False)
    expressed = dict(Prisoner.objects.annotate(due=due.review_due_expr()).values_list("pk", "due"))
    assert len(expressed) == 2000
    bases = set()
    disagree = []
    for prisoner in Prisoner.objects.all():
        twin, basis = due.review_due_for(prisoner)
        bases.add(basis)
        if expressed[prisoner.pk] != twin:
            disagree.append((prisoner.prison_number, expressed[prisoner.pk], twin, basis))
    assert not disagree, disagree[:10]
    assert "policy" in bases  # the bench's approved classifications
