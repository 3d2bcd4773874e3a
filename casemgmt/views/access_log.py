"""Who read or changed a file: for the file's case manager and supervisors (Rule 6).
Reading this page is itself a read of the file, and is recorded as one."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from casemgmt import selectors
from casemgmt.permissions import Capability
from core.views.base import FileView

#: who may read a file's access log: its case manager and its supervisors
CAPABILITY = Capability.MANAGE_CASEPLAN


class AccessLogFilter(forms.Form):
    who = forms.CharField(label=_("Who"), required=False, max_length=150)
    kind = forms.ChoiceField(
        label=_("What"),
        required=False,
        choices=[("", _("Reads and changes")), ("read", _("Reads")), ("change", _("Changes"))],
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


def access_log_context(prisoner, data=None) -> dict:
    form = AccessLogFilter(data or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return {
        "access_form": form,
        "access_entries": selectors.file_access_log(
            prisoner=prisoner, **{k: v for k, v in filters.items() if v}
        ),
    }


class AccessLogView(FileView):
    """The log's filtered rows (the tab's htmx target; a page of its own without htmx)."""

    capability = CAPABILITY

    def get(self, request, pk):
        context = {"prisoner": self.prisoner, **access_log_context(self.prisoner, request.GET)}
        return render(request, "casemgmt/_access_log.html", context)
