"""The tabs of the case file. Each app registers the tabs it fills; a tab is
shown only to users holding its capability on that prisoner."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from casemgmt.permissions import Capability


@dataclass(frozen=True)
class Tab:
    slug: str
    label: str | Promise
    capability: str
    template: str
    context: object = None  # callable(prisoner, user, capabilities) -> dict, optional


_TABS: list[Tab] = []


def register(tab: Tab) -> None:
    global _TABS
    # Replacing keeps the tab's place, so the order of the case file stays fixed.
    if any(t.slug == tab.slug for t in _TABS):
        _TABS = [tab if t.slug == tab.slug else t for t in _TABS]
    else:
        _TABS = [*_TABS, tab]


def visible(capabilities: frozenset[str]) -> list[Tab]:
    """Tabs whose capability the user holds (a tuple of capabilities means any of them)."""
    return [
        t
        for t in _TABS
        if set(t.capability if isinstance(t.capability, tuple) else (t.capability,)) & capabilities
    ]


def get(slug: str) -> Tab | None:
    return next((t for t in _TABS if t.slug == slug), None)


for _tab in (
    Tab("identity", _("Identity"), Capability.VIEW, "casemgmt/tabs/identity.html"),
    Tab("intake", _("Intake"), Capability.VIEW, "casemgmt/tabs/placeholder.html"),
    Tab("risk", _("Risk"), Capability.VIEW_RISK, "casemgmt/tabs/placeholder.html"),
    Tab("plan", _("Case plan"), Capability.MANAGE_CASEPLAN, "casemgmt/tabs/placeholder.html"),
    Tab("programmes", _("Programmes"), Capability.VIEW_PROGRAMME, "casemgmt/tabs/placeholder.html"),
    Tab("notes", _("Notes"), Capability.MANAGE_CASEPLAN, "casemgmt/tabs/placeholder.html"),
    # The change history shows every field: staff who run the prison or the case, not programme staff.
    Tab(
        "history", _("History"), (Capability.CHANGE, Capability.MANAGE_CASEPLAN), "casemgmt/tabs/history.html"
    ),
    # Who read or changed the file (Rule 6): its case manager and its supervisors.
    Tab("access", _("Access log"), Capability.MANAGE_CASEPLAN, "casemgmt/tabs/access.html"),
):
    register(_tab)


# Panels of the case file's header (e.g. the security level officers need), each a
# callable(prisoner, user, capabilities) -> dict merged into the page's context.
_HEADERS: list = []


def register_header(fn) -> None:
    if fn not in _HEADERS:
        _HEADERS.append(fn)


def header_context(prisoner, user, capabilities) -> dict:
    context: dict = {}
    for fn in _HEADERS:
        context.update(fn(prisoner, user, capabilities))
    return context
