"""Pages of the legal record, the release plan, the handover summary and the prisoner's copy.

Each write is one step page on the file: the legal record's steps need ``change_prisoner``
(the facility's staff), the plan's ``manage_caseplan`` (the case manager, supervisors)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views.base import FileView, RecordView
from core.views.forms import ServiceFormMixin
from legal import forms, pdf, services, summaries
from legal.models import HandoverSummary, ReleasePlan


def _plan(prisoner):
    plan = ReleasePlan.objects.filter(prisoner=prisoner).exclude(status="closed").first()
    if plan is None:
        raise ValidationError(_("There is no open release plan."))
    return plan


RECORD_STEPS = {
    "case": (
        forms.CaseForm,
        gettext_lazy("Record a criminal case"),
        lambda a, p, d: services.case_create(
            actor=a,
            prisoner=p,
            case_number=d["case_number"],
            court=d["court"],
            opened_on=d["opened_on"],
            lawyer_name=d["lawyer_name"],
            lawyer_contact=d["lawyer_contact"],
            charges=[(d["article"], d["description"])],
        ),
    ),
    "charge": (
        forms.ChargeForm,
        gettext_lazy("Add a charge"),
        lambda a, p, d: services.charge_add(
            actor=a, case=d["case"], article=d["article"], description=d["description"]
        ),
    ),
    "hearing": (
        forms.HearingForm,
        gettext_lazy("Schedule a hearing"),
        lambda a, p, d: services.hearing_create(
            actor=a, case=d["case"], scheduled_at=d["scheduled_at"], court=d["court"], purpose=d["purpose"]
        ),
    ),
    "outcome": (
        forms.OutcomeForm,
        gettext_lazy("Outcome of a hearing"),
        lambda a, p, d: services.hearing_outcome(
            actor=a, hearing=d["hearing"], outcome=d["outcome"], note=d["note"]
        ),
    ),
    "link": (
        forms.LinkForm,
        gettext_lazy("Link a trip to court to its hearing"),
        lambda a, p, d: services.hearing_link_movement(actor=a, hearing=d["hearing"], movement=d["movement"]),
    ),
    "remand": (
        forms.RemandForm,
        gettext_lazy("Record a remand period"),
        lambda a, p, d: services.remand_record(
            actor=a, case=d["case"], start_on=d["start_on"], end_on=d["end_on"]
        ),
    ),
    "remand-end": (
        forms.RemandEndForm,
        gettext_lazy("End a remand period"),
        lambda a, p, d: services.remand_end(actor=a, period=d["period"], end_on=d["end_on"]),
    ),
    "sentence": (
        forms.SentenceForm,
        gettext_lazy("Record a sentence"),
        lambda a, p, d: services.sentence_record(
            actor=a,
            case=d["case"],
            sentenced_on=d["sentenced_on"],
            start_on=d["start_on"],
            court=d["court"],
            years=d["years"],
            months=d["months"],
            days=d["days"],
            regime=d["regime"],
            consecutive_to=d["consecutive_to"],
        ),
    ),
    "appeal": (
        forms.AppealForm,
        gettext_lazy("Record an appeal"),
        lambda a, p, d: services.appeal_lodge(
            actor=a, sentence=d["sentence"], lodged_on=d["lodged_on"], court=d["court"]
        ),
    ),
    "decide": (
        forms.DecideForm,
        gettext_lazy("Decision on an appeal"),
        lambda a, p, d: services.appeal_decide(
            actor=a,
            appeal=d["appeal"],
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            years=d["years"],
            months=d["months"],
            days=d["days"],
        ),
    ),
}

PLAN_STEPS = {
    "open": (
        forms.PlanOpenForm,
        gettext_lazy("Open the release plan"),
        lambda a, p, d: services.plan_open(actor=a, prisoner=p, summary=d["summary"]),
    ),
    "item": (
        forms.ItemForm,
        gettext_lazy("Add a need and action"),
        lambda a, p, d: services.plan_item_add(
            actor=a,
            plan=_plan(p),
            pathway=d["pathway"],
            need=d["need"],
            action=d["action"],
            owner=d["owner"],
            due_on=d["due_on"],
        ),
    ),
    "item-status": (
        forms.ItemStatusForm,
        gettext_lazy("Status of an action"),
        lambda a, p, d: services.plan_item_update(actor=a, item=d["item"], status=d["status"]),
    ),
    "status": (
        forms.PlanStatusForm,
        gettext_lazy("Status of the plan"),
        lambda a, p, d: services.plan_set_status(actor=a, plan=_plan(p), status=d["status"]),
    ),
    "copy-request": (
        forms.CopyRequestForm,
        gettext_lazy("Request for a copy of the record"),
        lambda a, p, d: services.copy_request(
            actor=a, prisoner=p, requested_on=d["requested_on"], at_release=d["at_release"], note=d["note"]
        ),
    ),
    "copy-deliver": (
        forms.CopyDeliverForm,
        gettext_lazy("Copy of the record delivered"),
        lambda a, p, d: services.copy_deliver(actor=a, request=d["request"], delivered_on=d["delivered_on"]),
    ),
}


class _StepView(ServiceFormMixin, FileView):
    """A step's form on the file: shown again with its errors (status 400), or saved and
    back to the legal tab."""

    steps: dict = {}
    success_message = gettext_lazy("Saved.")
    errors_on_form = True

    def _step(self):
        step = self.steps.get(self.kwargs["step"])
        if step is None:
            raise Http404
        return step

    def _render(self, form, title, status=200):
        return render(
            self.request,
            "legal/step.html",
            {"prisoner": self.prisoner, "form": form, "title": title},
            status=status,
        )

    def get(self, request, pk, step):
        form_class, title, _handler = self._step()
        return self._render(form_class(prisoner=self.prisoner), title)

    def get_form(self):
        form_class, _title, _handler = self._step()
        return form_class(self.request.POST, prisoner=self.prisoner)

    def perform(self, form):
        _form_class, _title, handler = self._step()
        handler(self.request.user, self.prisoner, form.cleaned_data)

    def back_url(self):
        return reverse("prisoner-tab", args=[self.prisoner.pk, "legal"])

    def form_invalid(self, form):
        _form_class, title, _handler = self._step()
        return self._render(form, title, status=400)


class RecordStepView(_StepView):
    capability = "change"
    steps = RECORD_STEPS


class PlanStepView(_StepView):
    capability = "manage_caseplan"
    steps = PLAN_STEPS


class HandoverCreateView(FileView):
    capability = "manage_caseplan"

    def get(self, request, pk):
        return render(
            request,
            "legal/step.html",
            {
                "prisoner": self.prisoner,
                "form": forms.HandoverForm(prisoner=self.prisoner),
                "title": _("Handover summary"),
            },
        )

    def post(self, request, pk):
        form = forms.HandoverForm(request.POST, prisoner=self.prisoner)
        if form.is_valid():
            d = form.cleaned_data
            try:
                summary = services.handover_create(
                    actor=request.user,
                    prisoner=self.prisoner,
                    agency=d["agency"],
                    recipient=d["recipient"],
                    sections=d["sections"],
                    reason=d["reason"],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                return HttpResponseRedirect(reverse("legal:handover-print", args=[summary.pk]))
        return render(
            request,
            "legal/step.html",
            {"prisoner": self.prisoner, "form": form, "title": _("Handover summary")},
            status=400,
        )


class HandoverPrintView(RecordView):
    """The summary, printable (the page's print stylesheet), in the reader's language."""

    model = HandoverSummary
    capability = "manage_caseplan"

    def get(self, request, pk):
        summary = self.object
        content = summaries.handover(summary, user=request.user)
        return render(
            request, "legal/handover.html", {"summary": summary, "prisoner": summary.prisoner, **content}
        )


class HandoverPdfView(HandoverPrintView):
    """The same summary as a PDF, served as an attachment; read-audited like the page."""

    def get(self, request, pk):
        content = summaries.handover(self.object, user=request.user)
        return pdf.handover_pdf(self.object, content["sections"])


class CopyView(FileView):
    """The prisoner's copy of their own record (Rule 9), printable; reading it is audited as
    any read, and its delivery is recorded (``copy-deliver``)."""

    capability = "manage_caseplan"

    def get(self, request, pk):
        content = summaries.prisoners_copy(self.prisoner)
        return render(request, "legal/copy.html", {"prisoner": self.prisoner, **content})


class CopyPdfView(CopyView):
    """The prisoner's copy as a PDF (to hand over on request or at release)."""

    def get(self, request, pk):
        return pdf.copy_pdf(self.prisoner, summaries.prisoners_copy(self.prisoner)["sections"])
