"""Risk assessment and classification in the browser. Each view declares the capability
it needs; the bases resolve its file or record through the restriction (404 otherwise)
and note it for the read audit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casemgmt import selectors as core_selectors
from casemgmt.permissions import Capability
from casemgmt.views.prisoners import PrisonerDetailView
from classification import evidence, selectors, services
from classification.choices import SCALE_VALUES
from classification.forms import (
    ChallengeDecisionForm,
    ChallengeForm,
    DecisionForm,
    FlagForm,
    KeepApartForm,
    NarrativeForm,
    ReturnForm,
    StartForm,
)
from classification.models import Assessment, Challenge, Classification, KeepApart
from core.views.base import FileView, RecordView
from core.views.forms import ServiceFormMixin


def _risk_tab(prisoner_id) -> str:
    return reverse("prisoner-tab", args=[prisoner_id, "risk"])


class StartView(ServiceFormMixin, FileView):
    capability = Capability.ASSESS_RISK
    form_class = StartForm
    invalid_message = gettext_lazy("Choose an instrument and the kind of assessment.")

    def get_form_kwargs(self):
        return {"instruments": selectors.published_instruments()}

    def perform(self, form):
        return services.assessment_start(
            actor=self.request.user,
            prisoner=self.prisoner,
            instrument=form.cleaned_data["instrument"],
            kind=form.cleaned_data["kind"],
        )

    def back_url(self):
        return _risk_tab(self.prisoner.pk)

    def get_success_url(self, assessment):
        return reverse("classification:assessment", args=[assessment.pk])


class AssessmentRecordView(RecordView):
    model = Assessment

    def get_queryset(self):
        return Assessment.objects.select_related(
            "prisoner", "instrument_version__instrument", "assessor", "approved_by"
        )


class AssessmentView(AssessmentRecordView):
    """Reading the assessment needs view_risk; saving the draft, assess_risk."""

    capability = Capability.VIEW_RISK
    template_name = "classification/assessment.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if request.method == "POST":
            self.capability = Capability.ASSESS_RISK

    def context(self, assessment, narrative=None, errors=None, posted=None):
        capabilities = self.capabilities_on(assessment.prisoner)
        rows = []
        for domain, items in selectors.assessment_form_rows(assessment):
            entries = []
            for item, rating in items:
                values = posted.get(item.pk) if posted else None
                entries.append(
                    {
                        "item": item,
                        "rating": rating,
                        "choices": SCALE_VALUES[item.scale],
                        "value": values["value"] if values else (rating.value if rating else ""),
                        "rationale": values["rationale"] if values else (rating.rationale if rating else ""),
                        "evidence": values["evidence"] if values else (rating.evidence if rating else ""),
                        "errors": (errors or {}).get(f"item-{item.pk}", []),
                    }
                )
            rows.append((domain, entries))
        editable = assessment.is_editable and "assess_risk" in capabilities
        return {
            "assessment": assessment,
            "prisoner": assessment.prisoner,
            "rows": rows,
            "editable": editable,
            "narrative": narrative or NarrativeForm(instance=assessment),
            "can_approve": "approve_risk" in capabilities
            and assessment.status == "submitted"
            and assessment.assessor_id != self.request.user.pk,
            "return_form": ReturnForm(),
            "errors": errors or {},
            # What other apps say, for the assessor (the programmes: each goal's rating and the attendance).
            **evidence.gather(assessment.prisoner, capabilities),
        }

    def get(self, request, pk):
        return render(request, self.template_name, self.context(self.object))

    def post(self, request, pk):
        assessment = self.object
        narrative = NarrativeForm(request.POST, instance=assessment)
        posted = {}
        for _domain, items in selectors.assessment_form_rows(assessment):
            for item, _rating in items:
                posted[item.pk] = {
                    "value": request.POST.get(f"item-{item.pk}-value", ""),
                    "rationale": request.POST.get(f"item-{item.pk}-rationale", ""),
                    "evidence": request.POST.get(f"item-{item.pk}-evidence", ""),
                }
        version = request.POST.get("version", "")
        if not narrative.is_valid():
            messages.error(request, _("Not saved: correct the fields marked below."))
            return render(
                request, self.template_name, self.context(assessment, narrative, {}, posted), status=400
            )
        try:
            assessment = services.assessment_save(
                actor=request.user,
                assessment=assessment,
                ratings=posted,
                expected_version=int(version) if version.isdigit() else None,
                **narrative.cleaned_data,
            )
            if request.POST.get("action") == "submit":
                assessment = services.assessment_submit(actor=request.user, assessment=assessment)
                messages.success(request, _("Submitted to the supervisor for approval."))
                return HttpResponseRedirect(_risk_tab(assessment.prisoner_id))
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            for field in ("overall", "formulation"):
                for message in errors.get(field, []):
                    narrative.add_error(field, message)
            for message in errors.get("__all__", []):
                messages.error(request, message)
            if getattr(exc, "code", None) != "conflict":
                messages.error(
                    request, _("Not submitted yet: complete the items marked below. Your ratings are saved.")
                )
            assessment.refresh_from_db()
            return render(
                request, self.template_name, self.context(assessment, narrative, errors, posted), status=400
            )
        messages.success(request, _("Draft saved."))
        return HttpResponseRedirect(reverse("classification:assessment", args=[assessment.pk]))


class AssessmentActionView(ServiceFormMixin, AssessmentRecordView):
    """A supervisor's or assessor's step on an assessment; back to the risk tab."""

    def back_url(self):
        return _risk_tab(self.object.prisoner_id)


class ApproveView(AssessmentActionView):
    capability = Capability.APPROVE_RISK
    success_message = gettext_lazy("Approved. Decide the classification below.")

    def perform(self, form):
        services.assessment_approve(actor=self.request.user, assessment=self.object)


class ReturnView(AssessmentActionView):
    capability = Capability.APPROVE_RISK
    success_message = gettext_lazy("Returned to the assessor.")

    def perform(self, form):
        # the comments as typed (ReturnForm draws the field; the service checks them)
        services.assessment_return(
            actor=self.request.user, assessment=self.object, comments=self.request.POST.get("comments", "")
        )


class CorrectView(AssessmentActionView):
    capability = Capability.ASSESS_RISK

    def perform(self, form):
        original = self.object
        return services.assessment_start(
            actor=self.request.user,
            prisoner=original.prisoner,
            instrument=original.instrument_version.instrument,
            corrects=original,
        )

    def get_success_url(self, correction):
        return reverse("classification:assessment", args=[correction.pk])


class ClassificationRecordView(RecordView):
    model = Classification

    def get_queryset(self):
        return Classification.objects.select_related("prisoner", "assessment")


class DecideView(ServiceFormMixin, ClassificationRecordView):
    capability = Capability.APPROVE_RISK
    form_class = DecisionForm
    success_message = gettext_lazy("Classification decided.")
    errors_on_form = True

    def perform(self, form):
        services.classification_decide(
            actor=self.request.user, classification=self.object, **form.cleaned_data
        )

    def back_url(self):
        return _risk_tab(self.object.prisoner_id)

    def form_invalid(self, form):
        """Show the tab again with the supervisor's choices and the errors on their fields."""
        messages.error(self.request, _("Not decided: correct the fields marked below."))

        prisoner_id = self.object.prisoner_id
        page = PrisonerDetailView()
        page.setup(self.request, pk=prisoner_id, tab="risk")
        page.resolve()  # the file through its own restriction, noted for the read audit
        context = page.get_context_data(pk=prisoner_id, tab="risk")
        context["decision_form"] = form
        return render(self.request, "casemgmt/prisoner_detail.html", context, status=400)


class ChallengeView(ServiceFormMixin, ClassificationRecordView):
    capability = Capability.VIEW_RISK
    form_class = ChallengeForm
    success_message = gettext_lazy("The challenge is recorded.")
    invalid_message = gettext_lazy("Give the date and the grounds of the challenge.")

    def perform(self, form):
        services.challenge_lodge(actor=self.request.user, classification=self.object, **form.cleaned_data)

    def back_url(self):
        return _risk_tab(self.object.prisoner_id)


class ChallengeDecideView(ServiceFormMixin, RecordView):
    model = Challenge
    capability = Capability.APPROVE_RISK
    form_class = ChallengeDecisionForm
    success_message = gettext_lazy("The decision on the challenge is recorded.")
    invalid_message = gettext_lazy("Choose the outcome and give the reasons.")

    def get_queryset(self):
        return Challenge.objects.select_related("classification__prisoner")

    def perform(self, form):
        services.challenge_decide(actor=self.request.user, challenge=self.object, **form.cleaned_data)

    def back_url(self):
        return _risk_tab(self.object.classification.prisoner_id)


class FlagView(ServiceFormMixin, FileView):
    """Mark the case for an early review (an incident, a find, new information)."""

    capability = Capability.VIEW_RISK
    form_class = FlagForm
    success_message = gettext_lazy("The case is marked for an early review.")

    def perform(self, form):
        services.review_flag_request(actor=self.request.user, prisoner=self.prisoner, **form.cleaned_data)

    def back_url(self):
        return _risk_tab(self.prisoner.pk)

    def form_invalid(self, form):
        return HttpResponseRedirect(self.back_url())  # back without a word (the tab's select sends a trigger)


class KeepApartView(ServiceFormMixin, FileView):
    capability = Capability.APPROVE_RISK
    form_class = KeepApartForm
    success_message = gettext_lazy("Keep-apart constraint recorded.")
    invalid_message = gettext_lazy("Give the other prisoner's number, the scope and the reason.")

    def perform(self, form):
        # Only a file the user may see: a number of anyone else reads as unknown.
        visible = core_selectors.prisoner_list(user=self.request.user)
        other = visible.filter(prison_number=form.cleaned_data["other"].strip()).first()
        if other is None or other.pk == self.prisoner.pk:
            raise ValidationError(_("No other prisoner has that prison number."))
        services.keep_apart_add(
            actor=self.request.user,
            prisoner=self.prisoner,
            other=other,
            scope=form.cleaned_data["scope"],
            reason=form.cleaned_data["reason"],
        )

    def back_url(self):
        return _risk_tab(self.prisoner.pk)


class KeepApartCloseView(ServiceFormMixin, FileView):
    """A supervisor ends a keep-apart link with a reason (kept, closed, audited)."""

    capability = Capability.APPROVE_RISK
    success_message = gettext_lazy("The keep-apart constraint is ended.")

    def perform(self, form):
        found = KeepApart.objects.filter(
            pk=self.kwargs["link"], prisoner=self.prisoner, closed_at__isnull=True
        ).first()
        if found is None:
            raise Http404
        found.prisoner = self.prisoner  # the file the base resolved (and authorised)
        services.keep_apart_close(
            actor=self.request.user, link=found, reason=self.request.POST.get("reason", "")
        )

    def back_url(self):
        return _risk_tab(self.prisoner.pk)
