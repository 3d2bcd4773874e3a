from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casemgmt.models import Cell, Facility
from custody.choices import MovementKind


class MoveForm(forms.Form):
    """One form for every movement; the fields a kind does not use are ignored."""

    kind = forms.ChoiceField(
        label=_("Movement"), choices=[c for c in MovementKind.choices if c[0] != "admission"]
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
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    authorised_by = forms.CharField(label=_("Authorised by (name, order)"), required=False)
    override_reason = forms.CharField(
        label=_("Supervisor's reason for overriding the conflicts"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    property_signed = forms.BooleanField(
        label=_("The prisoner signed for the property returned"), required=False
    )
    property_note = forms.CharField(label=_("If not signed, why"), required=False)

    def __init__(self, *args, prisoner=None, **kwargs):
        super().__init__(*args, **kwargs)
        facility = prisoner.facility if prisoner is not None else None
        chosen = self.data.get(self.add_prefix("facility")) if self.is_bound else None
        if chosen and str(chosen).isdigit():
            facility = Facility.objects.filter(pk=chosen).first() or facility
        self.initial.setdefault("facility", facility.pk if facility else None)
        self.fields["cell"].queryset = (
            Cell.objects.filter(unit__facility=facility, is_active=True, unit__is_active=True)
            .select_related("unit__facility")
            .order_by("unit__code", "number")
            if facility
            else Cell.objects.none()
        )
        self.fields["cell"].label_from_instance = lambda c: f"{c.unit.code} {c.unit.name} · {c.number}"
