from django import forms
from django.utils.translation import gettext_lazy as _

from classification.forms import limit
from rehabilitation.choices import AttendanceStatus, OfferingStatus, OutcomeRating
from rehabilitation.models import Enrolment, Offering, Referral

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfferingFilter(forms.Form):
    """The programme list's offerings by status (any, by default)."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *OfferingStatus.choices]
    )

    def filters(self) -> dict[str, str]:
        if self.is_bound and self.is_valid() and self.cleaned_data["status"]:
            return {"status": self.cleaned_data["status"]}
        return {}


class ReferralForm(forms.Form):
    offering = forms.ModelChoiceField(label=_("Programme offering"), queryset=Offering.objects.none())
    reason = forms.CharField(
        label=_("Why this programme"),
        max_length=limit(Referral, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        if facility is not None:
            self.fields["offering"].queryset = Offering.objects.filter(
                facility=facility, status__in=["planned", "running"]
            ).select_related("programme")


class AssessForm(forms.Form):
    suitable = forms.TypedChoiceField(
        label=_("Suitable"),
        choices=[("1", _("Suitable")), ("0", _("Not suitable"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(
        label=_("Assessment note"),
        required=False,
        max_length=limit(Referral, "suitability_note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    exception_reason = forms.CharField(
        label=_("Exception to the rules (supervisors)"),
        required=False,
        max_length=limit(Referral, "exception_reason"),
    )


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    starts_at = forms.TimeField(
        label=_("Starts at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    topic = forms.CharField(label=_("Topic"), required=False, max_length=200)


class EndForm(forms.Form):
    to = forms.ChoiceField(
        choices=[
            ("suspended", _("Suspend")),
            ("active", _("Resume")),
            ("withdrawn", _("Withdraw")),
            ("completed", _("Complete")),
        ]
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=limit(Enrolment, "end_reason"))


ATTENDANCE_CHOICES = AttendanceStatus.choices
OUTCOME_CHOICES = OutcomeRating.choices
