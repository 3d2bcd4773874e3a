from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind, RecordType


class DocumentForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=DocumentKind.objects.filter(is_active=True))
    title = forms.CharField(label=_("Title"), max_length=200)
    record_type = forms.ChoiceField(
        label=_("Attached to"), choices=RecordType.choices, initial=RecordType.FILE
    )
    record_id = forms.IntegerField(label=_("Record number"), required=False, min_value=1)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, sensitive=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not sensitive:
            self.fields["kind"].queryset = DocumentKind.objects.filter(is_active=True, sensitive=False)


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version (PDF, JPEG or PNG)"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class IntakeScanForm(forms.Form):
    file = forms.FileField(label=_("Scan of the commitment order (PDF, JPEG or PNG)"))
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for the kind and the order number."),
    )
