from django import forms
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import Role
from casemgmt.models import User
from casework.choices import GoalStatus, NoteKind
from casework.models import LONG_TEXT, SHORT_TEXT, Action, CaseNote, Need
from casework.selectors import file_readers
from casework.services import OWNER_WITHOUT_ACCESS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_review_date = forms.DateField(label=_("Next plan review"), required=False, widget=DATE)


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["area", "description", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class GoalForm(forms.Form):
    description = forms.CharField(
        label=_("Goal"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    need = forms.ModelChoiceField(label=_("Need it answers"), queryset=Need.objects.none(), required=False)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["need"].queryset = plan.needs.all()


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "owner", "owner_text", "target_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "target_date": DATE}

    def __init__(self, *args, prisoner=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only staff who may read the file own an action: the reminder names the prisoner.
        staff = file_readers(prisoner) if prisoner is not None else User.objects.none()
        self.fields["owner"].queryset = staff.order_by("last_name", "first_name")
        self.fields["owner"].error_messages["invalid_choice"] = OWNER_WITHOUT_ACCESS


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    attendees = forms.CharField(
        label=_("Attendees"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    decisions = forms.CharField(
        label=_("Decisions"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_review_date = forms.DateField(label=_("Next review"), required=False, widget=DATE)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(plan.goals.all()) if plan is not None else []
        for goal in self.goals:
            self.fields[f"goal-{goal.pk}"] = forms.ChoiceField(
                label=goal.description[:80], choices=GoalStatus.choices, initial=goal.status
            )
            self.fields[f"goal-{goal.pk}-note"] = forms.CharField(
                label=_("Progress note"), required=False, max_length=SHORT_TEXT
            )

    def progress(self) -> dict:
        return {
            goal.pk: {
                "status": self.cleaned_data[f"goal-{goal.pk}"],
                "note": self.cleaned_data[f"goal-{goal.pk}-note"],
            }
            for goal in self.goals
        }


class NoteForm(forms.ModelForm):
    class Meta:
        model = CaseNote
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [c for c in NoteKind.choices if c[0] in kinds]


class AllocationForm(forms.Form):
    case_manager = forms.ModelChoiceField(label=_("Case manager"), queryset=User.objects.none())
    handover_note = forms.CharField(
        label=_("Handover note"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = User.objects.filter(is_active=True, groups__name=Role.CASE_MANAGER)
        if facility is not None:
            qs = qs.filter(facilities=facility)
        self.fields["case_manager"].queryset = qs.distinct().order_by("last_name", "first_name")
