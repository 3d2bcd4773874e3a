from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casemgmt.models import Facility
from family.choices import NOTE_MAX, REASON_MAX, NotHeldReason, RestrictionReason, VisitStatus, Whereabouts
from family.models import Child, ConsularNotification, Contact, Restriction, VisitSession
from family.services import disciplinary_message

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "relationship",
            "relationship_note",
            "name",
            "name_latin",
            "date_of_birth",
            "address",
            "phone",
            "next_of_kin",
            "emergency",
            "may_visit",
            "is_victim",
        ]
        widgets = {"date_of_birth": DATE}


class ContactEditForm(ContactForm):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=REASON_MAX, required=False)

    class Meta(ContactForm.Meta):
        fields = [*ContactForm.Meta.fields, "active"]


class RestrictionForm(forms.ModelForm):
    class Meta:
        model = Restriction
        fields = ["contact", "kind", "reason_kind", "reason", "starts_on", "ends_on", "review_on"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "review_on": DATE,
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts if contacts is not None else Contact.objects.none()
        self.fields["contact"].required = False
        self.fields["starts_on"].initial = timezone.localdate()

    def clean_reason_kind(self):
        value = self.cleaned_data.get("reason_kind")
        if value == RestrictionReason.DISCIPLINARY:
            raise forms.ValidationError(disciplinary_message(), code="disciplinary")
        return value

    def _post_clean(self):  # the service validates the row (and the checks across fields)
        pass


class RestrictionReviewForm(forms.Form):
    next_review_on = forms.DateField(label=_("Next review by"), widget=DATE)
    note = forms.CharField(label=_("Review"), max_length=REASON_MAX, required=False)


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("Why it is lifted"), max_length=REASON_MAX)


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = [
            "name",
            "name_latin",
            "date_of_birth",
            "age_years",
            "sex",
            "whereabouts",
            "location",
            "carer",
            "carer_contact",
            "since",
            "planned_exit_on",
            "notes",
        ]
        widgets = {
            "date_of_birth": DATE,
            "since": DATE,
            "planned_exit_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self):
        pass


class ChildMoveForm(forms.Form):
    whereabouts = forms.ChoiceField(label=_("where the child is"), choices=Whereabouts.choices)
    location = forms.CharField(label=_("location of the child"), max_length=300, required=False)
    carer = forms.CharField(label=_("guardian or carer"), max_length=200, required=False)
    carer_contact = forms.CharField(label=_("carer's contact"), max_length=200, required=False)
    since = forms.DateField(label=_("since"), widget=DATE)
    planned_exit_on = forms.DateField(label=_("planned exit from prison"), widget=DATE, required=False)


class HealthCheckForm(forms.Form):
    checked_on = forms.DateField(label=_("checked on"), widget=DATE)
    checked_by = forms.CharField(label=_("checked by"), max_length=200)
    notes = forms.CharField(
        label=_("findings"), max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SessionForm(forms.ModelForm):
    class Meta:
        model = VisitSession
        fields = ["facility", "kind", "room", "starts_at", "ends_at", "capacity"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities

    def _post_clean(self):
        pass


class BookForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=VisitSession.objects.none())
    visitors = forms.ModelMultipleChoiceField(
        label=_("Visitors"),
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    children_count = forms.IntegerField(
        label=_("accompanying children"), min_value=0, max_value=10, initial=0
    )

    def __init__(self, *args, sessions=None, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is not None:
            self.fields["session"].queryset = sessions
        if contacts is not None:
            self.fields["visitors"].queryset = contacts


class VisitRecordForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Did the visit take place?"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda v: v == "1",
    )
    attended = forms.ModelMultipleChoiceField(
        label=_("Who attended"),
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    not_held_reason = forms.ChoiceField(
        label=_("why it did not take place"), choices=[("", "—"), *NotHeldReason.choices], required=False
    )
    note = forms.CharField(label=_("note"), max_length=NOTE_MAX, required=False)

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if visit is not None:
            self.fields["attended"].queryset = visit.visitors.all()


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why it is cancelled"), max_length=REASON_MAX)


class ConsularForm(forms.ModelForm):
    class Meta:
        model = ConsularNotification
        fields = ["notified_on", "consulate", "consent", "notes"]
        widgets = {"notified_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self):
        pass


class StatisticsFilter(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=None, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["facility"].queryset = Facility.objects.order_by("name")

    def filters(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v} if self.is_valid() else {}


VISIT_STATUSES = VisitStatus
