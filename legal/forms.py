"""Forms of the legal record, the plan, the handover and the prisoner's copy. Each form of
a step on a record offers only the records of the file at hand."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from custody.models import Movement
from legal.choices import (
    NOTE,
    SHORT,
    Agency,
    AppealOutcome,
    HearingOutcome,
    ItemStatus,
    Pathway,
    PlanStatus,
    Regime,
    Section,
)
from legal.models import Appeal, Hearing, LegalCase, PlanItem, RemandPeriod, Sentence, SubjectAccessRequest

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _records(model, prisoner, **filters):
    return model.objects.filter(prisoner=prisoner, **filters)


class _OnFile(forms.Form):
    def __init__(self, *args, prisoner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.prisoner = prisoner
        for name, (model, filters) in getattr(self, "records", {}).items():
            self.fields[name].queryset = _records(model, prisoner, **filters)


class CaseForm(_OnFile):
    case_number = forms.CharField(label=_("Case number"), max_length=50)
    court = forms.CharField(label=_("Court"), max_length=SHORT)
    opened_on = forms.DateField(label=_("Opened on"), required=False, **DATE)
    article = forms.CharField(label=_("Article of the criminal code"), max_length=50)
    description = forms.CharField(label=_("Charge"), max_length=SHORT, required=False)
    lawyer_name = forms.CharField(label=_("Lawyer"), max_length=SHORT, required=False)
    lawyer_contact = forms.CharField(label=_("Lawyer's contact"), max_length=SHORT, required=False)


class ChargeForm(_OnFile):
    case = forms.ModelChoiceField(label=_("Case"), queryset=LegalCase.objects.none())
    article = forms.CharField(label=_("Article of the criminal code"), max_length=50)
    description = forms.CharField(label=_("Charge"), max_length=SHORT, required=False)
    records = {"case": (LegalCase, {})}


class HearingForm(_OnFile):
    case = forms.ModelChoiceField(label=_("Case"), queryset=LegalCase.objects.none())
    scheduled_at = forms.DateTimeField(
        label=_("Date and hour"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    court = forms.CharField(label=_("Court"), max_length=SHORT, required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=SHORT, required=False)
    records = {"case": (LegalCase, {})}


class OutcomeForm(_OnFile):
    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=HearingOutcome.choices)
    note = forms.CharField(
        label=_("Note"), max_length=NOTE, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    records = {"hearing": (Hearing, {})}


class LinkForm(_OnFile):
    hearing = forms.ModelChoiceField(label=_("Hearing"), queryset=Hearing.objects.none())
    movement = forms.ModelChoiceField(label=_("Trip to court"), queryset=None)
    records = {"hearing": (Hearing, {})}

    def __init__(self, *args, prisoner=None, **kwargs):
        self.base_fields["movement"].queryset = Movement.objects.none()
        super().__init__(*args, prisoner=prisoner, **kwargs)
        self.fields["movement"].queryset = Movement.objects.filter(prisoner=prisoner, kind="court").order_by(
            "-occurred_at"
        )


class RemandForm(_OnFile):
    case = forms.ModelChoiceField(label=_("Case"), queryset=LegalCase.objects.none())
    start_on = forms.DateField(label=_("From"), **DATE)
    end_on = forms.DateField(label=_("To"), required=False, **DATE)
    records = {"case": (LegalCase, {})}


class RemandEndForm(_OnFile):
    period = forms.ModelChoiceField(label=_("Remand period"), queryset=RemandPeriod.objects.none())
    end_on = forms.DateField(label=_("To"), **DATE)
    records = {"period": (RemandPeriod, {"end_on__isnull": True})}


class SentenceForm(_OnFile):
    case = forms.ModelChoiceField(label=_("Case"), queryset=LegalCase.objects.none())
    sentenced_on = forms.DateField(label=_("Date of sentence"), **DATE)
    start_on = forms.DateField(label=_("Starts on"), required=False, **DATE)
    court = forms.CharField(label=_("Court"), max_length=SHORT, required=False)
    years = forms.IntegerField(label=_("Years"), min_value=0, max_value=99, initial=0)
    months = forms.IntegerField(label=_("Months"), min_value=0, max_value=11, initial=0)
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=366, initial=0)
    regime = forms.ChoiceField(label=_("Regime"), choices=Regime.choices, initial=Regime.GENERAL)
    consecutive_to = forms.ModelChoiceField(
        label=_("Consecutive to"),
        queryset=Sentence.objects.none(),
        required=False,
        help_text=_("Empty: concurrent with the others."),
    )
    records = {"case": (LegalCase, {}), "consecutive_to": (Sentence, {"status": "active"})}


class AppealForm(_OnFile):
    sentence = forms.ModelChoiceField(label=_("Sentence"), queryset=Sentence.objects.none())
    lodged_on = forms.DateField(label=_("Lodged on"), **DATE)
    court = forms.CharField(label=_("Court of appeal"), max_length=SHORT)
    records = {"sentence": (Sentence, {"status": "active"})}


class DecideForm(_OnFile):
    appeal = forms.ModelChoiceField(label=_("Appeal"), queryset=Appeal.objects.none())
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in AppealOutcome.choices if c[0] != "pending"]
    )
    decided_on = forms.DateField(label=_("Decided on"), **DATE)
    years = forms.IntegerField(label=_("New length: years"), min_value=0, max_value=99, initial=0)
    months = forms.IntegerField(label=_("months"), min_value=0, max_value=11, initial=0)
    days = forms.IntegerField(label=_("days"), min_value=0, max_value=366, initial=0)
    records = {"appeal": (Appeal, {"outcome": "pending"})}


class PlanOpenForm(_OnFile):
    summary = forms.CharField(
        label=_("Summary"), max_length=NOTE, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ItemForm(_OnFile):
    pathway = forms.ChoiceField(label=_("Pathway"), choices=Pathway.choices)
    need = forms.CharField(
        label=_("Need"), max_length=NOTE, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    action = forms.CharField(
        label=_("Action"), max_length=NOTE, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label=_("Owner"), max_length=SHORT, required=False)
    due_on = forms.DateField(label=_("Due"), required=False, **DATE)


class ItemStatusForm(_OnFile):
    item = forms.ModelChoiceField(label=_("Action"), queryset=PlanItem.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    records = {"item": (PlanItem, {})}


class PlanStatusForm(_OnFile):
    status = forms.ChoiceField(label=_("Status of the plan"), choices=PlanStatus.choices)


class HandoverForm(_OnFile):
    agency = forms.ChoiceField(label=_("Receiving agency"), choices=Agency.choices)
    recipient = forms.CharField(label=_("Recipient (name, office)"), max_length=SHORT)
    sections = forms.MultipleChoiceField(
        label=_("Sections"), choices=Section.choices, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("Reason"), max_length=SHORT)


class CopyRequestForm(_OnFile):
    requested_on = forms.DateField(label=_("Requested on"), required=False, **DATE)
    at_release = forms.BooleanField(label=_("Given at release"), required=False)
    note = forms.CharField(label=_("Note"), max_length=SHORT, required=False)


class CopyDeliverForm(_OnFile):
    request = forms.ModelChoiceField(label=_("Request"), queryset=SubjectAccessRequest.objects.none())
    delivered_on = forms.DateField(label=_("Delivered on"), required=False, **DATE)
    records = {"request": (SubjectAccessRequest, {"delivered_on__isnull": True})}
