"""The authentication backend: Django's, loading the user's group names with the user.

Every request loads the signed-in user, and nearly every page then reads the user's roles
(navigation, home page, what a view allows). Selecting the group names in the user's own
query (``_group_names``, sorted) makes that one query instead of two on every request;
``User.roles`` reads them. With them comes whether the user is in a group that holds grants
on files (``_holds_via_groups``: an officer, through their facility's group; not a case
manager), which ``core.querysets.FileRecordQuerySet`` reads to choose how a list of records
meets the user's grants, at no query of its own.

The query is compiled once a process (``core.prepared``): built and compiled by the ORM on
every request, as an aggregate over a join grouped by every column of the user, it cost
3.5 million instructions a request; compiled once it was 0.4 (``bench.instructions user``,
measured on the hand-written statement this replaced; issue #25).
"""

from functools import cache
from typing import Any

from django.contrib.auth import backends, get_user_model
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef

from core.models import GrantTally
from core.prepared import Prepared


@cache
def _user_with_groups() -> Prepared:
    model: Any = get_user_model()
    groups = model._meta.get_field("groups").related_model
    names = groups._default_manager.filter(user=OuterRef("pk")).order_by("name").values("name")
    membership = model._meta.get_field("groups").remote_field.through
    holding = membership.objects.filter(user=OuterRef("pk")).filter(
        Exists(GrantTally.objects.filter(group_id=OuterRef("group_id")))
    )
    return Prepared(
        lambda pk: model._default_manager.annotate(
            _group_names=ArraySubquery(names), _holds_via_groups=Exists(holding)
        ).filter(pk=pk),
        pk=int,
    )


class ModelBackend(backends.ModelBackend):
    # Any: the model named by AUTH_USER_MODEL (core imports no domain app)
    def get_user(self, user_id: Any) -> Any:
        user = _user_with_groups().first(pk=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
