"""The header's menu and its work-queue badge, for every page that draws the header.

Both are computed when a template first shows them (``core.views.context.when_shown``): a
partial (a tab, the list's results, a timeline page: 67 of the templates) draws no header
and costs nothing; the queue's count was ~3 ms a request for a supervisor (issue #25)."""

from django.urls import reverse
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
        "nav_items": when_shown(lambda: _items(user, has_queue)),
        "queue_count": when_shown(lambda: queue.total(user, request) if has_queue else None),
    }


def _items(user, has_queue: bool) -> list[tuple[str, object, str]]:
    items = [
        (reverse("home"), _("Home"), "home"),
        (reverse("prisoner-list"), _("Prisoners"), "prisoners"),
        *(
            [(reverse("intake:list"), _("Reception"), "intake")]
            if user.roles & {Role.OFFICER, Role.SUPERVISOR}
            else []
        ),
        *(
            [
                (reverse("custody:roll-index"), _("Roll"), "roll"),
                (reverse("custody:movements"), _("Movements"), "movements"),
                (reverse("custody:searches"), _("Searches"), "searches"),
                (reverse("custody:incidents"), _("Incidents"), "incidents"),
            ]
            if user.roles & {Role.OFFICER, Role.SUPERVISOR}
            else []
        ),
        *(
            [(reverse("complaints:register"), _("Requests and complaints"), "complaints")]
            if user.roles & {Role.OFFICER, Role.SUPERVISOR, Role.CENTRAL_ADMIN, Role.INSPECTOR}
            else []
        ),
        *(
            [(reverse("casework:caseload"), _("Caseload"), "caseload")]
            if user.roles & {Role.CASE_MANAGER, Role.SUPERVISOR}
            else []
        ),
        *(
            [(reverse("rehabilitation:list"), _("Programmes"), "programmes")]
            if user.roles & {Role.PROGRAMME_STAFF, Role.SUPERVISOR}
            else []
        ),
        *(
            [(reverse("reports:dashboard"), _("Reports"), "reports")]
            if user.roles & {Role.SUPERVISOR, Role.ADMINISTRATOR}
            else []
        ),
        *([(reverse("auditlog:events"), _("Audit"), "audit")] if Role.AUDITOR in user.roles else []),
        (reverse("api-docs"), _("API"), "api"),
    ]
    if has_queue:
        # the work waiting on the reader (its count: one query over every source)
        items.insert(1, (reverse("queue"), _("Work queue"), "queue"))
    if user.is_staff:
        items.append((reverse("admin:index"), _("Administration"), "admin"))
    return items
