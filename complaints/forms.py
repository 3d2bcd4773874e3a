from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casemgmt.models import Facility, User
from complaints.choices import ANSWER_MAX, NOTE_MAX, Category, OutsideKind, ReprisalKind, Route, Status
from complaints.models import Complaint

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _staff_of(facility):
    qs = User.objects.filter(is_active=True).order_by("last_name", "first_name", "username")
    return qs.filter(facilities=facility).distinct() if facility is not None else qs.none()


class ComplaintForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "received_at",
            "kind",
            "category",
            "route",
            "confidential",
            "submitted_by",
            "submitter_name",
            "words",
            "summary",
            "about_staff",
        ]
        widgets = {
            "received_at": DATETIME,
            "words": forms.Textarea(attrs={"rows": 5}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "words": _(
                "Write it as the person says it. A confidential complaint may be a sealed letter: then leave it empty."
            ),
        }

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_at"].required = False
        self.fields["about_staff"].queryset = _staff_of(facility)


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Handled by"), queryset=User.objects.none())

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None:
            self.fields["handler"].queryset = _staff_of(complaint.facility).exclude(
                pk=complaint.about_staff_id
            )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReferForm(forms.Form):
    outside_kind = forms.ChoiceField(label=_("Appeal or referral"), choices=OutsideKind.choices)
    referred_to = forms.CharField(label=_("Sent to"), max_length=200)
    referral_reference = forms.CharField(label=_("Reference"), max_length=100)


class ReprisalReviewForm(forms.Form):
    event_kind = forms.ChoiceField(choices=ReprisalKind.choices, widget=forms.HiddenInput)
    event_id = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Review"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}))


class StatisticsFilter(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=None, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["facility"].queryset = Facility.objects.order_by("name")

    def filters(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v} if self.is_valid() else {}


class RegisterFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Any")),
            ("open", pgettext_lazy("complaints not yet closed", "Open")),
            *Status.choices,
        ],
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("Any")), *Category.choices]
    )
    route = forms.ChoiceField(
        label=_("Addressed to"), required=False, choices=[("", _("Any")), *Route.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
