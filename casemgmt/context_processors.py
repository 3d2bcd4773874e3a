from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import queue
from casemgmt.choices import Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
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
    queue_count = None
    if queue.has_queue(user):
        # the work waiting on the reader, counted in one query over every source
        queue_count = queue.total(user, request)
        items.insert(1, (reverse("queue"), _("Work queue"), "queue"))
    if user.is_staff:
        items.append((reverse("admin:index"), _("Administration"), "admin"))
    return {"nav_items": items, "queue_count": queue_count}
