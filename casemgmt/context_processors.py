"""The header's menu and its work-queue badge, for every page that draws the header.

Both are computed when a template first shows them (``core.views.context.when_shown``): a
partial (a tab, the list's results, a timeline page: 67 of the templates) draws no header
and costs nothing; the queue's count was ~3 ms a request for a supervisor (issue #25)."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import queue
from casemgmt.choices import Role
from core.views.context import when_shown


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    has_queue = queue.has_queue(user)
    return {
        "nav_items": when_shown(lambda: _items(user.roles, has_queue, user.is_staff, get_script_prefix())),
        "queue_count": when_shown(lambda: queue.total(user, request) if has_queue else None),
    }


@lru_cache(maxsize=256)
def _items(
    roles: frozenset[str], has_queue: bool, is_staff: bool, prefix: str
) -> tuple[tuple[str, object, str], ...]:
    """The menu of a user with these roles: the same for everyone who has them, so made once
    a process (the script prefix in the key: the links are reversed under it). The labels
    are lazy: translated when the page is drawn, in the reader's language."""
    items = [
        (reverse("home"), _("Home"), "home"),
        (reverse("prisoner-list"), _("Prisoners"), "prisoners"),
        *(
            [(reverse("intake:list"), _("Reception"), "intake")]
            if roles & {Role.OFFICER, Role.SUPERVISOR}
            else []
        ),
        *(
            [
                (reverse("custody:roll-index"), _("Roll"), "roll"),
                (reverse("custody:movements"), _("Movements"), "movements"),
                (reverse("custody:searches"), _("Searches"), "searches"),
                (reverse("custody:incidents"), _("Incidents"), "incidents"),
            ]
            if roles & {Role.OFFICER, Role.SUPERVISOR}
            else []
        ),
        *(
            [(reverse("complaints:register"), _("Requests and complaints"), "complaints")]
            if roles & {Role.OFFICER, Role.SUPERVISOR, Role.CENTRAL_ADMIN, Role.INSPECTOR}
            else []
        ),
        *(
            [(reverse("casework:caseload"), _("Caseload"), "caseload")]
            if roles & {Role.CASE_MANAGER, Role.SUPERVISOR}
            else []
        ),
        *(
            [(reverse("rehabilitation:list"), _("Programmes"), "programmes")]
            if roles & {Role.PROGRAMME_STAFF, Role.SUPERVISOR}
            else []
        ),
        *(
            [(reverse("reports:dashboard"), _("Reports"), "reports")]
            if roles & {Role.SUPERVISOR, Role.ADMINISTRATOR}
            else []
        ),
        *([(reverse("auditlog:events"), _("Audit"), "audit")] if Role.AUDITOR in roles else []),
        (reverse("api-docs"), _("API"), "api"),
    ]
    if has_queue:
        # the work waiting on the reader (its count: one query over every source)
        items.insert(1, (reverse("queue"), _("Work queue"), "queue"))
    if is_staff:
        items.append((reverse("admin:index"), _("Administration"), "admin"))
    return tuple(items)
