"""Pages of what happens after admission: a death in custody, injuries seen later,
vulnerability decisions. Each declares the capability it needs on the file; the base
resolves the file through the restriction (404 otherwise) and notes the read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from casemgmt.permissions import Capability
from core import reads
from core.views.base import FileView
from core.views.forms import errors_to_form
from custody import services
from custody.forms import DeathForm, DeathLaterForm, InjuryRecordForm, VulnerabilityForm
from custody.models import Death, InjuryRecord, VulnerabilityDecision


def _movements_tab(pk: int) -> str:
    return reverse("prisoner-tab", args=[pk, "movements"])


class DeathView(FileView):
    """A supervisor records a death in custody, and then what is learnt later."""

    capability = Capability.APPROVE_RISK
    template_name = "custody/death.html"

    def get(self, request, pk):
        death = Death.objects.filter(prisoner=self.prisoner).first()
        form = DeathLaterForm(instance=death) if death else DeathForm()
        return render(request, self.template_name, self._context(form, death))

    def post(self, request, pk):
        death = Death.objects.filter(prisoner=self.prisoner).first()
        try:
            if death is None:
                form = DeathForm(request.POST)
                if form.is_valid():
                    services.death_record(actor=request.user, prisoner=self.prisoner, **form.cleaned_data)
                    messages.success(request, _("The death in custody is recorded."))
                    return HttpResponseRedirect(reverse("custody:death", args=[pk]))
            else:
                form = DeathLaterForm(request.POST, instance=death)
                if form.is_valid():
                    services.death_update(actor=request.user, death=death, **form.changes())
                    messages.success(request, _("The record is completed."))
                    return HttpResponseRedirect(reverse("custody:death", args=[pk]))
        except ValidationError as exc:
            errors_to_form(form, exc)
        return render(request, self.template_name, self._context(form, death), status=400)

    def _context(self, form, death):
        if death is not None:
            reads.note_instances([death])
        return {"prisoner": self.prisoner, "form": form, "death": death}


class InjuryRecordView(FileView):
    """Injuries seen after admission, recorded by the facility's officers or medical staff."""

    capability = Capability.CHANGE
    template_name = "custody/injuries.html"

    def get(self, request, pk):
        return render(request, self.template_name, self._context(InjuryRecordForm()))

    def post(self, request, pk):
        form = InjuryRecordForm(request.POST)
        if form.is_valid():
            try:
                services.injury_record(actor=request.user, prisoner=self.prisoner, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The injuries are recorded."))
                return HttpResponseRedirect(reverse("custody:injuries", args=[pk]))
        return render(request, self.template_name, self._context(form), status=400)

    def _context(self, form):
        records = list(InjuryRecord.objects.filter(prisoner=self.prisoner).select_related("recorded_by"))
        reads.note_instances(records)
        return {"prisoner": self.prisoner, "form": form, "records": records}


class VulnerabilityView(FileView):
    """The case manager or a supervisor decides (and reviews) whether the person is
    vulnerable; the present placement is checked again at once."""

    capability = Capability.ASSESS_RISK
    template_name = "custody/vulnerability.html"

    def get(self, request, pk):
        return render(request, self.template_name, self._context(VulnerabilityForm()))

    def post(self, request, pk):
        form = VulnerabilityForm(request.POST)
        if form.is_valid():
            try:
                _decision, conflicts = services.vulnerability_decide(
                    actor=request.user, prisoner=self.prisoner, **form.cleaned_data
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The decision is recorded."))
                for conflict in conflicts:
                    messages.warning(request, conflict.message)
                return HttpResponseRedirect(reverse("custody:vulnerability", args=[pk]))
        return render(request, self.template_name, self._context(form), status=400)

    def _context(self, form):
        decisions = list(
            VulnerabilityDecision.objects.filter(prisoner=self.prisoner).select_related("decided_by")
        )
        reads.note_instances(decisions)
        return {
            "prisoner": self.prisoner,
            "form": form,
            "decisions": decisions,
            "vulnerable": services.is_vulnerable(self.prisoner),
        }
