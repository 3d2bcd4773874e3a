from django import template
from django.urls import reverse

from reports.permissions import can_report

register = template.Library()


@register.inclusion_tag("reports/_export_button.html", takes_context=True)
def export_button(context, export: str):
    """The Export button of a list page; the list's current query string is added in
    the browser when clicked (static/js/app.js), so filters chosen by htmx go along."""
    request = context["request"]
    if not can_report(request.user):
        return {"url": ""}
    base = reverse("reports:export", args=[export])
    query = request.GET.urlencode()
    return {"url": f"{base}?{query}" if query else base, "base": base}
