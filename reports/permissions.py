"""Who may open the reports and export lists: supervisors and administrators. What
they then see is still only what their grants show them."""

from casemgmt.choices import Role

REPORT_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})


def can_report(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.roles & REPORT_ROLES)
