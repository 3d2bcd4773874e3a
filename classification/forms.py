from django import forms
from django.utils.translation import gettext_lazy as _

from classification.choices import (
    AssessmentKind,
    ChallengeOutcome,
    Judgement,
    KeepApartScope,
    Placement,
    Regime,
    ReviewTrigger,
    SecurityLevel,
)
from classification.models import Assessment, Challenge, Classification, Instrument, KeepApart


def limit(model, name: str) -> int:
    """The length limit of a model's free text: the form refuses longer input with a
    message on the field (and the browser stops typing at it)."""
    return model._meta.get_field(name).max_length


class StartForm(forms.Form):
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=Instrument.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[c for c in AssessmentKind.choices if c[0] != AssessmentKind.CORRECTION]
    )

    def __init__(self, *args, instruments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if instruments is not None:
            self.fields["instrument"].queryset = instruments


class NarrativeForm(forms.ModelForm):
    overall = forms.ChoiceField(
        label=_("Overall judgement"), choices=Judgement.choices, widget=forms.RadioSelect, required=False
    )

    class Meta:
        model = Assessment
        fields = ["overall", "formulation", "prisoner_account", "sources"]
        widgets = {
            "formulation": forms.Textarea(attrs={"rows": 5}),
            "prisoner_account": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.Textarea(attrs={"rows": 2}),
        }


class ReturnForm(forms.Form):
    comments = forms.CharField(
        label=_("What needs to change"),
        max_length=limit(Assessment, "return_comments"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    security_level = forms.ChoiceField(label=_("Security level"), choices=SecurityLevel.choices)
    regime = forms.ChoiceField(label=_("Regime"), choices=Regime.choices)
    override_reason = forms.CharField(
        label=_("Reason for overriding the suggestion"),
        required=False,
        max_length=limit(Classification, "override_reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    placement = forms.ChoiceField(label=_("Placement"), choices=Placement.choices)
    hold_apart_from_vulnerable = forms.BooleanField(
        label=_("Hold apart from vulnerable prisoners"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=limit(Classification, "notes"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChallengeForm(forms.Form):
    lodged_at = forms.DateField(label=_("Lodged on"), widget=forms.DateInput(attrs={"type": "date"}))
    grounds = forms.CharField(
        label=_("Grounds, as the prisoner put them"),
        max_length=limit(Challenge, "grounds"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChallengeDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in ChallengeOutcome.choices if c[0] != ChallengeOutcome.PENDING]
    )
    decision = forms.CharField(
        label=_("Decision and reasons"),
        max_length=limit(Challenge, "decision"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FlagForm(forms.Form):
    trigger = forms.ChoiceField(label=_("Why review early"), choices=ReviewTrigger.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class KeepApartForm(forms.Form):
    other = forms.CharField(label=_("Prison number of the other prisoner"), max_length=20)
    scope = forms.ChoiceField(label=_("Scope"), choices=KeepApartScope.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=limit(KeepApart, "reason"), widget=forms.Textarea(attrs={"rows": 2})
    )
