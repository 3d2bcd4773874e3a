from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import Language
from casemgmt.models import Facility
from custody.models import Find, Incident
from discipline.choices import (
    TEXT_MAX,
    AppealOutcome,
    Finding,
    MotherStatus,
    ReviewDecision,
    SeparationKind,
    Status,
)
from discipline.models import Offence, Report, SanctionKind, Separation

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"})


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["offence", "occurred_at", "place", "facts", "witnesses", "evidence", "find", "incident"]
        widgets = {
            "occurred_at": DATETIME,
            "facts": forms.Textarea(attrs={"rows": 4}),
            "witnesses": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, prisoner=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["offence"].queryset = Offence.objects.filter(active=True)
        facility = getattr(prisoner, "facility_id", None)
        self.fields["find"].queryset = Find.objects.filter(facility_id=facility).order_by("-pk")
        self.fields["incident"].queryset = Incident.objects.filter(facility_id=facility).order_by("-pk")


class ChargeForm(forms.Form):
    informed_on = forms.DateField(label=_("Informed of the charge on"), widget=DATE)
    language = forms.ChoiceField(label=_("In the language"), choices=Language.choices)
    interpreter = forms.CharField(label=_("Interpreter"), max_length=200, required=False)
    prepare_until = forms.DateField(label=_("Time to prepare until"), widget=DATE)


class LegalForm(forms.Form):
    legal_assistance = forms.CharField(label=_("Lawyer or legal adviser"), max_length=200)
    given_on = forms.DateField(label=_("From"), widget=DATE)


class HearingForm(forms.Form):
    account = forms.CharField(
        label=_("The person's account"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    finding = forms.ChoiceField(label=_("Finding"), choices=Finding.choices)
    reasons = forms.CharField(
        label=_("Reasons"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class SanctionForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Sanction"), queryset=SanctionKind.objects.filter(active=True))
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=366, required=False)
    mother_status = forms.ChoiceField(
        label=_("Pregnant, with an infant or breastfeeding"),
        choices=MotherStatus.choices,
        initial=MotherStatus.NONE,
    )


class AppealForm(forms.Form):
    lodged_on = forms.DateField(label=_("Appeal lodged on"), widget=DATE)
    grounds = forms.CharField(
        label=_("Grounds of appeal"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AppealOutcome.choices)
    reasons = forms.CharField(
        label=_("Reasons"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, sanctions=(), **kwargs):
        """One field per sanction in force: its days after the appeal ("sanctions reduced")."""
        super().__init__(*args, **kwargs)
        for sanction in sanctions:
            if sanction.cancelled_at is not None:
                continue
            days = sanction.effective_days
            self.fields[f"days_{sanction.pk}"] = forms.IntegerField(
                label=(
                    _("%(sanction)s: days after the appeal (now %(days)s; 0 cancels it)")
                    % {"sanction": sanction.kind.name, "days": days}
                    if days
                    else _("%(sanction)s: 0 cancels it") % {"sanction": sanction.kind.name}
                ),
                min_value=0,
                max_value=max((days or 1) - 1, 0),
                required=False,
            )

    def service_data(self) -> dict:
        data = self.cleaned_data
        reductions = {
            int(name.removeprefix("days_")): value
            for name, value in data.items()
            if name.startswith("days_") and value is not None
        }
        return {"outcome": data["outcome"], "reasons": data["reasons"], "reductions": reductions}


class SeparationForm(forms.ModelForm):
    class Meta:
        model = Separation
        fields = ["kind", "legal_basis", "started_at", "planned_end", "hours_out", "review_days"]
        widgets = {"started_at": DATETIME, "planned_end": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["kind"].choices = [
            c for c in SeparationKind.choices if c[0] != SeparationKind.DISCIPLINARY
        ]
        self.fields["started_at"].required = False
        self.fields["review_days"].required = False
        self.fields["review_days"].initial = settings.SEPARATION_REVIEW_DAYS


class SeparationEndForm(forms.Form):
    reason = forms.CharField(label=_("Why it ends"), max_length=200)


class SeparationReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ReviewDecision.choices)
    note = forms.CharField(label=_("Review"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))


class HealthVisitForm(forms.Form):
    adverse_effects = forms.BooleanField(
        label=_("Adverse effects on physical or mental health reported to the director"), required=False
    )


class StatisticsFilter(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=None, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["facility"].queryset = Facility.objects.order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start of the period must not be after its end."))
        return data

    def filters(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v} if self.is_valid() else {}


class RegisterFilter(StatisticsFilter):
    """The register: by status; the serious charges heard without legal assistance
    (the statistics link here), by facility and the day of the hearing."""

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Status.choices])
    without_legal = forms.BooleanField(
        label=_("Serious charges heard without legal assistance"), required=False
    )
    field_order = ["status", "without_legal", "facility", "since", "until"]


class SeparationsFilter(StatisticsFilter):
    """Held apart now; or every period over 15 days, ended or running (the statistics
    link here), by facility and start."""

    over = forms.BooleanField(label=_("Over 15 days, ended or running"), required=False)
    field_order = ["over", "facility", "since", "until"]
