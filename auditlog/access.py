"""Who reads the audit trail: the auditor role, and no one else (issue 16).

The trail names prisoners (identity snapshots, who read which file), so reading it is
itself audited: every page and API response notes the files its rows name
(``selectors.note_events`` / ``note_reads``). Administrators hold no role here: the
admin site no longer shows the trail.
"""

from __future__ import annotations

from casemgmt.choices import Role


def is_auditor(user) -> bool:
    return bool(user.is_authenticated and user.is_active and Role.AUDITOR in user.roles)
