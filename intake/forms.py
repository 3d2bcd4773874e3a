from django import forms
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import DocumentKind, Language
from casemgmt.models import Cell, Unit, User
from casemgmt.placement import cell_choices, cell_label, fitting_units, unit_label
from core.uploads import clean_photo
from intake.choices import SecurityFlag, Step
from intake.models import Admission, Child, Contact, Injury, PropertyItem
from intake.services import STEP_FIELDS, placed_person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CodesField(forms.CharField):
    """Comma-separated ISO codes to a list (citizenships)."""

    def to_python(self, value):
        value = super().to_python(value) or ""
        return [code.strip().upper() for code in value.split(",") if code.strip()]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def validate(self, value):
        for code in value:
            if len(code) != 2 or not code.isalpha():
                raise forms.ValidationError(_("Use two-letter country codes, e.g. TJ, RU, AF."))


class StepForm(forms.ModelForm):
    class Meta:
        model = Admission
        fields: list[str] = []
        widgets = {
            "order_date": DATE,
            "date_of_birth": DATE,
            "arrested_at": DATETIME,
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "repatriation_route": forms.Textarea(attrs={"rows": 2}),
            "returned_with": forms.Textarea(attrs={"rows": 2}),
            "security_notes": forms.Textarea(attrs={"rows": 3}),
            "medication": forms.Textarea(attrs={"rows": 2}),
            "health_notes": forms.Textarea(attrs={"rows": 3}),
            "info_given_on": DATE,
        }


def _facility_staff(facility):
    if facility is None:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, facilities=facility).distinct().order_by("last_name", "username")
    )


def step_form_class(step: str, facility=None):
    fields = [f for f in STEP_FIELDS[step] if f != "identity_decision"]
    attrs = {}
    if step == Step.IDENTITY:
        attrs["citizenships"] = CodesField(label=_("Citizenships (two-letter codes)"), required=False)
        attrs["languages"] = forms.MultipleChoiceField(
            label=_("Languages spoken"),
            choices=Language.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        attrs["document_kind"] = forms.ChoiceField(
            label=_("Identity document"), choices=[("", "—"), *DocumentKind.choices], required=False
        )
    if step == Step.SECURITY:
        attrs["security_flags"] = forms.MultipleChoiceField(
            label=_("Initial security flags"),
            choices=SecurityFlag.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    if step == Step.INFORMATION:
        attrs["info_given_by"] = forms.ModelChoiceField(
            label=_("Officer who informed them"), queryset=_facility_staff(facility), required=False
        )
    base = StepForm
    if step == Step.REVIEW and facility is not None:
        attrs["unit"] = forms.ModelChoiceField(
            label=_("Reception unit"),
            queryset=Unit.objects.filter(facility=facility, is_active=True),
            required=False,
        )
        attrs["cell"] = forms.ModelChoiceField(
            label=_("Cell"),
            queryset=Cell.objects.filter(unit__facility=facility, is_active=True).select_related("unit"),
            required=False,
        )
        base = PlacementStepForm
    meta = type("Meta", (StepForm.Meta,), {"fields": fields})
    return type(f"{step.title()}StepForm", (base,), {**attrs, "Meta": meta})


class PlacementStepForm(StepForm):
    """The reception unit and cell: only the units that fit the person (Rule 11, by
    ``casemgmt.placement``), named by name; the cells of the chosen unit with
    their free places. Choosing a unit redraws the cell list (htmx, ``hx-select``)."""

    def __init__(self, *args, unit_hint=None, step_url="", **kwargs):
        super().__init__(*args, **kwargs)
        admission = self.instance
        person = placed_person(admission)
        units = fitting_units(person, self.fields["unit"].queryset)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(pk__in=[u.pk for u in units])
        self.fields["unit"].label_from_instance = unit_label
        if not units:
            self.fields["unit"].help_text = _(
                "Only the units that fit the person are listed: enter their sex, date of birth "
                "and legal status first."
            )
        chosen = unit_hint or (self.data.get(self.add_prefix("unit")) if self.is_bound else admission.unit_id)
        unit = next((u for u in units if str(u.pk) == str(chosen)), None)
        self.fields["cell"].queryset = cell_choices(unit, exclude=person)
        self.fields["cell"].label_from_instance = cell_label
        self.fields["cell"].help_text = "" if unit else _("Choose the unit first.")
        if unit_hint is not None:
            self.initial["unit"] = unit.pk if unit else None
        if step_url:
            self.fields["unit"].widget.attrs.update(
                {
                    "hx-get": step_url,
                    "hx-trigger": "change",
                    "hx-include": "this",
                    "hx-target": "#field-cell",
                    "hx-select": "#field-cell",
                    "hx-swap": "outerHTML",
                }
            )


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo (JPEG, PNG or WebP)"))

    def clean_photo(self):
        return clean_photo(self.cleaned_data["photo"])


class InjuryForm(forms.ModelForm):
    class Meta:
        model = Injury
        fields = [
            "body_location",
            "description",
            "examined_by",
            "ill_treatment_complaint",
            "complaint_details",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "complaint_details": forms.Textarea(attrs={"rows": 2}),
        }


class PropertyForm(forms.ModelForm):
    class Meta:
        model = PropertyItem
        fields = ["description", "quantity", "condition", "storage_location", "is_valuable", "seal_number"]

    def clean(self):
        data = super().clean()
        if data.get("is_valuable") and not data.get("seal_number"):
            self.add_error("seal_number", _("Valuables are sealed: enter the seal number."))
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["role", "name", "relationship", "phone", "address"]


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = [
            "name",
            "date_of_birth",
            "age_years",
            "sex",
            "custody",
            "location",
            "guardian",
            "guardian_contact",
            "notes",
        ]
        widgets = {"date_of_birth": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if not data.get("date_of_birth") and data.get("age_years") is None:
            self.add_error("age_years", _("Give the child's date of birth or age."))
        if data.get("custody") not in ("in_prison", "unknown", None) and not data.get("location"):
            self.add_error("location", _("Say where the child is living now."))
        return data


RECORD_FORMS = {"injury": InjuryForm, "property": PropertyForm, "contact": ContactForm, "child": ChildForm}


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is this intake cancelled?"), max_length=300)
