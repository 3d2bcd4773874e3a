"""Documents: upload to the file, a new version, and the download (an attachment served
through the access check, each read audited by the read log)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.views.base import FileView, RecordView
from core.views.forms import errors_to_form, flash
from documents import intake_scans, services
from documents.forms import DocumentForm, IntakeScanForm, VersionForm
from documents.models import SENSITIVE, Document, DocumentVersion
from intake.choices import Step
from intake.querysets import DRAFT
from intake.views import AdmissionMixin


def attachment(version: DocumentVersion) -> FileResponse:
    """Served as an attachment with a generated name, under a policy that runs nothing,
    never cached."""
    response = FileResponse(version.file.open("rb"), content_type=version.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="document-{version.document_id}-v{version.number}.{version.extension}"'
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DownloadView(RecordView):
    model = DocumentVersion
    capability = "view"

    def get(self, request, pk):
        return attachment(self.object)


def _back(prisoner_id):
    return HttpResponseRedirect(reverse("prisoner-tab", args=[prisoner_id, "legal"]))


class UploadView(FileView):
    """A new document on the file (custody staff and the case manager: the service
    answers 404 to anyone else)."""

    capability = "view"

    def resolve(self) -> None:
        super().resolve()
        if not (services.READERS & self.capabilities):
            raise Http404

    def _form(self, data=None, files=None):
        return DocumentForm(data, files, sensitive=SENSITIVE in self.capabilities)

    def get(self, request, pk):
        return render(request, "documents/upload.html", {"prisoner": self.prisoner, "form": self._form()})

    def post(self, request, pk):
        form = self._form(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.document_add(
                    actor=request.user,
                    prisoner=self.prisoner,
                    kind=d["kind"],
                    title=d["title"],
                    upload=d["file"],
                    record_type=d["record_type"],
                    record_id=d["record_id"],
                    note=d["note"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The document is saved."))
                return _back(self.prisoner.pk)
        return render(request, "documents/upload.html", {"prisoner": self.prisoner, "form": form}, status=400)


class VersionView(RecordView):
    model = Document
    capability = "view"

    def get(self, request, pk):
        return render(request, "documents/version.html", {"document": self.object, "form": VersionForm()})

    def post(self, request, pk):
        form = VersionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.version_add(
                    actor=request.user,
                    document=self.object,
                    upload=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The new version is saved; the earlier ones are kept."))
                return _back(self.object.prisoner_id)
        return render(request, "documents/version.html", {"document": self.object, "form": form}, status=400)


class IntakeScanView(AdmissionMixin):
    """POST the scan of the commitment order on a draft intake (the reception desk: the
    intake's own rule, 404 to anyone else); back to the order step."""

    capability = DRAFT

    def post(self, request, pk):
        redirect = self.draft_or_redirect()
        if redirect:
            return redirect
        form = IntakeScanForm(request.POST, request.FILES)
        back = HttpResponseRedirect(reverse("intake:step", args=[self.admission.pk, Step.ORDER]))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return back
        try:
            intake_scans.intake_scan_add(
                actor=request.user,
                admission_id=self.admission.pk,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            flash(request, exc)
        else:
            messages.success(
                request, _("The scan is saved; it goes onto the file when the intake is completed.")
            )
        return back
