from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.exports import EXPORTS, ExportFormat
from reports.models import REASON_MAX
from reports.selectors import period_too_long


class DashboardFilterForm(forms.Form):
    facility = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Facility"), empty_label=_("All facilities")
    )
    since = forms.DateField(
        required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, facilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start of the period must not be after its end."))
        if period_too_long(since, until, timezone.localdate()):
            raise forms.ValidationError(_("Choose a period of at most five years."))
        return data


class ExportForm(forms.Form):
    """What every export asks: the format and why (the reason goes to the audit trail)."""

    format = forms.ChoiceField(
        choices=ExportFormat.choices, initial=ExportFormat.CSV, widget=forms.RadioSelect, label=_("Format")
    )
    reason = forms.CharField(
        label=_("Why do you need this export?"),
        min_length=10,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail with your name, the filter and the number of rows."),
    )

    def __init__(self, *args, export, **kwargs):
        super().__init__(*args, **kwargs)
        self.export = EXPORTS[export]
