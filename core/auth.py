"""The authentication backend: Django's, loading the user's group names with the user.

Every request loads the signed-in user, and nearly every page then reads the user's roles
(navigation, home page, what a view allows). Aggregating the group names into the user's
own query makes that one query instead of two on every request; ``User.roles`` reads them.
"""

from typing import Any

from django.contrib.auth import backends, get_user_model
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q


class ModelBackend(backends.ModelBackend):
    # Any: the model named by AUTH_USER_MODEL (core imports no domain app)
    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()._default_manager.annotate(
            _group_names=ArrayAgg("groups__name", filter=Q(groups__isnull=False), default=[])
        )
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
