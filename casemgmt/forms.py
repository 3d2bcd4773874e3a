"""Forms of the case file's own pages."""

from __future__ import annotations

import copy

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import DocumentKind
from casemgmt.models import Prisoner
from casemgmt.services import CORRECTABLE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IdentityCorrectionForm(forms.ModelForm):
    """The identity recorded at admission, to correct; only the changed fields are sent."""

    new_alias = forms.CharField(label=_("Add an alias or another spelling"), max_length=300, required=False)
    keep_old_name = forms.BooleanField(
        label=_("Keep the present name as a previous name (it stays findable)"), required=False
    )
    document_kind = forms.ChoiceField(
        label=_("Add an identity document"), choices=[("", "—"), *DocumentKind.choices], required=False
    )
    document_number = forms.CharField(label=_("Document number"), max_length=50, required=False)
    document_country = forms.CharField(label=_("Issuing country"), max_length=100, required=False)
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=4000,
        validators=[MaxLengthValidator(4000)],
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Prisoner
        fields = CORRECTABLE_FIELDS
        widgets = {"date_of_birth": DATE}

    def __init__(self, *args, prisoner: Prisoner, **kwargs):
        # A copy: validating the form must not change the file the view resolved.
        super().__init__(*args, instance=copy.copy(prisoner), **kwargs)

    def _post_clean(self):
        pass  # the service validates the corrected file as a whole

    def clean(self):
        data = super().clean()
        if bool(data.get("document_kind")) != bool((data.get("document_number") or "").strip()):
            self.add_error("document_number", _("Give both the kind and the number of the document."))
        return data

    def changes(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.changed_data if f in CORRECTABLE_FIELDS}

    def documents(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("document_kind"):
            return []
        return [
            {
                "kind": data["document_kind"],
                "number": data["document_number"].strip(),
                "issuing_country": data.get("document_country", "").strip(),
            }
        ]
