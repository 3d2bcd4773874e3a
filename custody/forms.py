from __future__ import annotations

import functools

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt.models import Cell, Facility, Unit, User
from casemgmt.placement import cell_label, fitting_units, unit_label, with_free_places
from custody import court_hearings
from custody.choices import (
    OUT_KINDS,
    CustodyAction,
    FindOutcome,
    IncidentKind,
    InvolvementRole,
    ItemType,
    MovementKind,
    SearchBasis,
    SearchKind,
    SearchResult,
)
from custody.models import (
    DEATH_PAIRS,
    LONG_TEXT,
    SHORT_TEXT,
    Death,
    InjuryRecord,
    VulnerabilityDecision,
)

#: The fields each kind of movement asks for, beside the kind, date and hour, reason and
#: authority that every kind has (the form shows only these; a change of kind redraws it).
KIND_FIELDS = {
    MovementKind.CELL_MOVE: ("facility", "cell", "override_reason"),
    MovementKind.TRANSFER: ("facility", "cell", "override_reason"),
    # A trip out is checked against keep-apart on the escort: a supervisor may override.
    **{kind: ("external_place", "override_reason") for kind in OUT_KINDS},
    # A trip to court names its hearing (offered when the legal app registered them).
    MovementKind.COURT: ("external_place", "hearing", "override_reason"),
    MovementKind.RETURN: (),
    MovementKind.RELEASE: ("external_place", "property_signed", "property_note", "override_reason"),
}
EVERY_KIND = ("kind", "occurred_at", "reason", "authorised_by")


class MoveForm(forms.Form):
    """One form for every movement; it shows the fields of the chosen kind (``KIND_FIELDS``)
    and the service ignores the others."""

    kind = forms.ChoiceField(
        label=_("Movement"), choices=[c for c in MovementKind.choices if c[0] not in ("admission", "death")]
    )
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.filter(is_active=True), required=False
    )
    cell = forms.ModelChoiceField(label=_("Unit and cell"), queryset=Cell.objects.none(), required=False)
    external_place = forms.CharField(
        label=_("Place outside the facility (court, hospital, address)"), required=False
    )
    occurred_at = forms.DateTimeField(
        label=_("Date and hour"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(
        max_length=SHORT_TEXT, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )
    authorised_by = forms.CharField(label=_("Authorised by (name, order)"), required=False)
    override_reason = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Supervisor's reason for overriding the conflicts"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    property_signed = forms.BooleanField(
        label=_("The prisoner signed for the property returned"), required=False
    )
    property_note = forms.CharField(label=_("If not signed, why"), required=False)
    hearing = forms.TypedChoiceField(
        label=_("Hearing"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("The hearing the person is taken to (upcoming hearings of the legal record)."),
    )

    def __init__(self, *args, prisoner=None, **kwargs):
        super().__init__(*args, **kwargs)
        if prisoner is not None and court_hearings.registered():
            self.fields["hearing"].choices = [("", "—"), *court_hearings.choices(prisoner)]
        else:
            del self.fields["hearing"]
        if prisoner is not None:
            # The choices re-check the placement as they change (not the text fields,
            # so typing a reason never races with the swap).

            for name in ("kind", "facility", "cell"):
                self.fields[name].widget.attrs.update(
                    {
                        "hx-post": reverse("custody:move-check", args=[prisoner.pk]),
                        "hx-trigger": "change",
                        "hx-target": "#move-form",
                        "hx-swap": "outerHTML",
                        "hx-include": "closest form",
                    }
                )
        facility = prisoner.facility if prisoner is not None else None
        chosen = self.data.get(self.add_prefix("facility")) if self.is_bound else None
        if chosen and str(chosen).isdigit():
            facility = Facility.objects.filter(pk=chosen).first() or facility
        self.initial.setdefault("facility", facility.pk if facility else None)
        self._place_choices(prisoner, facility)

    def _place_choices(self, prisoner, facility) -> None:
        """The cells of the units that fit the person (Rule 11, ``casemgmt.placement``),
        grouped by unit under its name, each with its free places."""
        if facility is None:
            self.fields["cell"].queryset = Cell.objects.none()
            return
        units = Unit.objects.filter(facility=facility)
        if prisoner is not None:
            units = Unit.objects.filter(pk__in=[u.pk for u in fitting_units(prisoner, units)])
        cells = with_free_places(
            Cell.objects.filter(unit__in=units, is_active=True, unit__is_active=True).select_related("unit"),
            exclude=prisoner,
        ).order_by("unit__name", "number")
        self.fields["cell"].queryset = cells
        groups: dict = {}
        for cell in cells:
            groups.setdefault(unit_label(cell.unit), []).append((cell.pk, cell_label(cell)))
        self.fields["cell"].choices = [("", "—"), *groups.items()]

    @property
    def carried_fields(self) -> list:
        """What was chosen in the fields the chosen kind does not ask for, kept as hidden
        inputs: switching the kind and back keeps the cell (the service ignores them)."""
        if not self.is_bound:
            return []
        shown = {f.name for f in self.shown_fields}
        return [
            field
            for field in self
            if field.name not in shown
            and field.name != "property_signed"
            and self.data.get(self.add_prefix(field.name))
        ]

    @property
    def shown_fields(self) -> list:
        """The bound fields of the chosen kind (the first kind before a choice), in order;
        a field with an error is always shown, so no error is hidden."""
        kind = self.data.get(self.add_prefix("kind")) if self.is_bound else None
        kind = kind if kind in KIND_FIELDS else self.fields["kind"].choices[0][0]
        names = {*EVERY_KIND, *KIND_FIELDS[kind]}
        errors = self.errors if self.is_bound else {}
        return [field for field in self if field.name in names or field.name in errors]


class PrisonNumberField(forms.CharField):
    """A prisoner named by prison number; the view resolves it through the restriction."""


class SearchForm(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    kind = forms.ChoiceField(label=_("What was searched"), choices=SearchKind.choices)
    basis = forms.ChoiceField(label=_("Basis"), choices=SearchBasis.choices)
    cell = forms.ModelChoiceField(label=_("Cell"), queryset=Cell.objects.none(), required=False)
    prison_number = PrisonNumberField(label=_("Prison number of the person searched"), required=False)
    area = forms.CharField(label=_("Area"), required=False)
    searched_at = forms.DateTimeField(
        label=_("Date and hour"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    searched_by = forms.CharField(label=_("Searched by (names)"))
    result = forms.ChoiceField(label=_("Result"), choices=SearchResult.choices)
    notes = forms.CharField(
        max_length=LONG_TEXT, label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        cells = Cell.objects.filter(unit__facility__in=facilities, is_active=True).order_by(
            "unit__facility__name", "unit__code", "number"
        )
        self.fields["cell"].queryset = cells
        # read when the form is shown, once (the widget iterates its choices twice)
        self.fields["cell"].choices = functools.cache(lambda: _cells_by_unit(cells))


def _cells_by_unit(cells) -> list:
    """The cells grouped under their facility and unit ("DU1 · W1": "W1-12"), read as
    values: a facility of 2,900 cells was 2,900 instances, 150 ms of the search log."""
    groups: dict[str, list] = {}
    for pk, facility, unit, number in cells.values_list("pk", "unit__facility__code", "unit__code", "number"):
        groups.setdefault(f"{facility} · {unit}", []).append((pk, f"{unit}-{number}"))
    return [("", "—"), *groups.items()]


class FindForm(forms.Form):
    tag_number = forms.CharField(label=_("Bag / tag number"), max_length=40)
    item_type = forms.ChoiceField(label=_("Item"), choices=ItemType.choices)
    description = forms.CharField(
        max_length=SHORT_TEXT, label=_("Description"), widget=forms.Textarea(attrs={"rows": 2})
    )
    where_found = forms.CharField(label=_("Where found"))
    prison_number = PrisonNumberField(label=_("Prison number of the linked prisoner"), required=False)
    holder = forms.CharField(label=_("Held by (after bagging)"))
    photo = forms.ImageField(label=_("Photo"), required=False)


class FindPhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"))


class CustodyEventForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What happened"), choices=[c for c in CustodyAction.choices if c[0] != CustodyAction.BAGGED]
    )
    holder = forms.CharField(label=_("Now held by / where"))
    at = forms.DateTimeField(
        label=_("Date and hour"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reference = forms.CharField(label=_("Reference (police receipt, destruction record)"), required=False)
    note = forms.CharField(max_length=SHORT_TEXT, label=_("Note"), required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FindOutcome.choices)
    note = forms.CharField(
        max_length=SHORT_TEXT, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    mark_for_review = forms.BooleanField(
        label=_("Mark the prisoner's case for an early risk review"), required=False
    )


class IncidentForm(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    kind = forms.ChoiceField(label=_("Type"), choices=IncidentKind.choices)
    occurred_at = forms.DateTimeField(
        label=_("Date and hour"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = forms.CharField(label=_("Where"))
    description = forms.CharField(
        max_length=LONG_TEXT, label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class IncidentPersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=InvolvementRole.choices)
    prison_number = PrisonNumberField(label=_("Prison number"), required=False)
    staff = forms.ModelChoiceField(
        label=_("Member of staff"), queryset=Facility.objects.none(), required=False
    )
    name = forms.CharField(label=_("Other person (name)"), required=False)

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["staff"].queryset = User.objects.filter(assignments__facility=facility).order_by(
            "last_name"
        )
        self.fields["staff"].label_from_instance = lambda u: u.get_full_name() or u.username


class IncidentReviewForm(forms.Form):
    note = forms.CharField(max_length=LONG_TEXT, label=_("Review"), widget=forms.Textarea(attrs={"rows": 3}))
    flag_for_review = forms.BooleanField(
        label=_("Bring the risk review of the prisoners involved forward"), required=False
    )


class AddendumForm(forms.Form):
    text = forms.CharField(
        max_length=LONG_TEXT, label=_("Addendum"), widget=forms.Textarea(attrs={"rows": 3})
    )


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DEATH_LATER = [name for pair in DEATH_PAIRS for name in pair]


class DeathForm(forms.ModelForm):
    """A death in custody, as a supervisor records it (Mandela Rules 71-72)."""

    class Meta:
        model = Death
        fields = ["died_at", "place", "circumstances", *_DEATH_LATER]
        widgets = {
            "circumstances": forms.Textarea(attrs={"rows": 4}),
            **{name: DATETIME for name in ["died_at", *_DEATH_LATER] if name.endswith("_at")},
        }

    def _post_clean(self):
        pass  # the service validates the record and the movement together


class DeathLaterForm(forms.ModelForm):
    """What is learnt after the record: who was told, the referral, the handovers."""

    class Meta:
        model = Death
        fields = _DEATH_LATER
        widgets = {name: DATETIME for name in _DEATH_LATER if name.endswith("_at")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            if getattr(self.instance, name) not in ("", None):
                self.fields[name].disabled = True  # recorded: it stays as it is

    def _post_clean(self):
        pass

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if not self.fields[name].disabled}


class InjuryRecordForm(forms.ModelForm):
    seen_at = forms.DateTimeField(
        label=_("Seen on"), required=False, help_text=_("Leave empty for now."), widget=DATETIME
    )

    class Meta:
        model = InjuryRecord
        fields = [
            "seen_at",
            "occasion",
            "recorder",
            "body_location",
            "description",
            "examined_by",
            "ill_treatment_complaint",
            "complaint_details",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "complaint_details": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        pass


class VulnerabilityForm(forms.ModelForm):
    vulnerable = forms.TypedChoiceField(
        label=_("Vulnerable"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = VulnerabilityDecision
        fields = ["vulnerable", "needs", "reason", "review_on"]
        widgets = {
            "needs": forms.Textarea(attrs={"rows": 2}),
            "reason": forms.Textarea(attrs={"rows": 2}),
            "review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def _post_clean(self):
        pass
