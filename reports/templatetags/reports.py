from urllib.parse import urlencode

from django import template
from django.urls import reverse

from reports.permissions import can_report
from reports.selectors import facilities_visible

register = template.Library()


@register.inclusion_tag("reports/_export_button.html", takes_context=True)
def export_button(context, export: str, **fixed):
    """The Export button of a list page, for those who may export. It carries the
    page's query string (and ``fixed`` parameters such as the offering of the page);
    when clicked, static/js/app.js puts the address bar's current query string on it,
    so filters chosen through htmx since the page was drawn go along."""
    request = context["request"]
    if not can_report(request.user):
        return {"url": ""}
    base = reverse("reports:export", args=[export])
    if fixed:
        base = f"{base}?{urlencode(fixed)}"
    query = request.GET.urlencode()
    return {"url": f"{base}{'&' if '?' in base else '?'}{query}" if query else base, "base": base}


@register.inclusion_tag("reports/_no_access.html", takes_context=True)
def no_facility_access(context):
    """Say so where figures and exports come out empty because the reader holds no access
    to any facility (an administrator holds no grant: issue 23). One query."""
    user = context["request"].user
    return {"none": user.is_authenticated and not facilities_visible(user).exists()}
