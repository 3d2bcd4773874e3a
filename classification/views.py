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

from casemgmt import selectors as core_selectors
from casemgmt.permissions import Capability
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


def _risk_tab(prisoner_id) -> str:
    return reverse("prisoner-tab", args=[prisoner_id, "risk"])


def _flash(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


class StartView(FileView):
    capability = Capability.ASSESS_RISK

    def post(self, request, pk):
        prisoner = self.prisoner
        form = StartForm(request.POST, instruments=selectors.published_instruments())
        if not form.is_valid():
            messages.error(request, _("Choose an instrument and the kind of assessment."))
            return HttpResponseRedirect(_risk_tab(pk))
        assessment = services.assessment_start(
            actor=request.user,
            prisoner=prisoner,
            instrument=form.cleaned_data["instrument"],
            kind=form.cleaned_data["kind"],
        )
        return HttpResponseRedirect(reverse("classification:assessment", args=[assessment.pk]))


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


class ApproveView(AssessmentRecordView):
    capability = Capability.APPROVE_RISK

    def post(self, request, pk):
        assessment = self.object
        try:
            services.assessment_approve(actor=request.user, assessment=assessment)
            messages.success(request, _("Approved. Decide the classification below."))
        except ValidationError as exc:
            _flash(request, exc)
        return HttpResponseRedirect(_risk_tab(assessment.prisoner_id))


class ReturnView(AssessmentRecordView):
    capability = Capability.APPROVE_RISK

    def post(self, request, pk):
        assessment = self.object
        form = ReturnForm(request.POST)
        try:
            services.assessment_return(
                actor=request.user, assessment=assessment, comments=form.data.get("comments", "")
            )
            messages.success(request, _("Returned to the assessor."))
        except ValidationError as exc:
            _flash(request, exc)
        return HttpResponseRedirect(_risk_tab(assessment.prisoner_id))


class CorrectView(AssessmentRecordView):
    capability = Capability.ASSESS_RISK

    def post(self, request, pk):
        original = self.object
        try:
            correction = services.assessment_start(
                actor=request.user,
                prisoner=original.prisoner,
                instrument=original.instrument_version.instrument,
                corrects=original,
            )
        except ValidationError as exc:
            _flash(request, exc)
            return HttpResponseRedirect(_risk_tab(original.prisoner_id))
        return HttpResponseRedirect(reverse("classification:assessment", args=[correction.pk]))


class ClassificationRecordView(RecordView):
    model = Classification

    def get_queryset(self):
        return Classification.objects.select_related("prisoner", "assessment")


class DecideView(ClassificationRecordView):
    capability = Capability.APPROVE_RISK

    def post(self, request, pk):
        classification = self.object
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.classification_decide(
                    actor=request.user, classification=classification, **form.cleaned_data
                )
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
                for field, messages_ in errors.items():
                    form.add_error(field if field in form.fields else None, messages_)
            else:
                messages.success(request, _("Classification decided."))
                return HttpResponseRedirect(_risk_tab(classification.prisoner_id))
        # Show the tab again with the supervisor's choices and the errors on their fields.
        messages.error(request, _("Not decided: correct the fields marked below."))
        from casemgmt.views.prisoners import PrisonerDetailView

        page = PrisonerDetailView()
        page.setup(request, pk=classification.prisoner_id, tab="risk")
        page.resolve()  # the file through its own restriction, noted for the read audit
        context = page.get_context_data(pk=classification.prisoner_id, tab="risk")
        context["decision_form"] = form
        return render(request, "casemgmt/prisoner_detail.html", context, status=400)


class ChallengeView(ClassificationRecordView):
    capability = Capability.VIEW_RISK

    def post(self, request, pk):
        classification = self.object
        form = ChallengeForm(request.POST)
        if form.is_valid():
            try:
                services.challenge_lodge(
                    actor=request.user, classification=classification, **form.cleaned_data
                )
                messages.success(request, _("The challenge is recorded."))
            except ValidationError as exc:
                _flash(request, exc)
        else:
            messages.error(request, _("Give the date and the grounds of the challenge."))
        return HttpResponseRedirect(_risk_tab(classification.prisoner_id))


class ChallengeDecideView(RecordView):
    model = Challenge
    capability = Capability.APPROVE_RISK

    def get_queryset(self):
        return Challenge.objects.select_related("classification__prisoner")

    def post(self, request, pk):
        challenge = self.object
        form = ChallengeDecisionForm(request.POST)
        if form.is_valid():
            try:
                services.challenge_decide(actor=request.user, challenge=challenge, **form.cleaned_data)
                messages.success(request, _("The decision on the challenge is recorded."))
            except ValidationError as exc:
                _flash(request, exc)
        else:
            messages.error(request, _("Choose the outcome and give the reasons."))
        return HttpResponseRedirect(_risk_tab(challenge.classification.prisoner_id))


class FlagView(FileView):
    """Mark the case for an early review (an incident, a find, new information)."""

    capability = Capability.VIEW_RISK

    def post(self, request, pk):
        form = FlagForm(request.POST)
        if form.is_valid():
            services.review_flag_request(actor=request.user, prisoner=self.prisoner, **form.cleaned_data)
            messages.success(request, _("The case is marked for an early review."))
        return HttpResponseRedirect(_risk_tab(pk))


class KeepApartView(FileView):
    capability = Capability.APPROVE_RISK

    def post(self, request, pk):
        prisoner = self.prisoner
        form = KeepApartForm(request.POST)
        if form.is_valid():
            # Only a file the user may see: a number of anyone else reads as unknown.
            visible = core_selectors.prisoner_list(user=request.user)
            other = visible.filter(prison_number=form.cleaned_data["other"].strip()).first()
            if other is None or other.pk == prisoner.pk:
                messages.error(request, _("No other prisoner has that prison number."))
            else:
                try:
                    services.keep_apart_add(
                        actor=request.user,
                        prisoner=prisoner,
                        other=other,
                        scope=form.cleaned_data["scope"],
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Keep-apart constraint recorded."))
                except ValidationError as exc:
                    _flash(request, exc)
        else:
            messages.error(request, _("Give the other prisoner's number, the scope and the reason."))
        return HttpResponseRedirect(_risk_tab(pk))


class KeepApartCloseView(FileView):
    """A supervisor ends a keep-apart link with a reason (kept, closed, audited)."""

    capability = Capability.APPROVE_RISK

    def post(self, request, pk, link):
        found = KeepApart.objects.filter(pk=link, prisoner=self.prisoner, closed_at__isnull=True).first()
        if found is None:
            raise Http404
        found.prisoner = self.prisoner  # the file the base resolved (and authorised)
        try:
            services.keep_apart_close(actor=request.user, link=found, reason=request.POST.get("reason", ""))
            messages.success(request, _("The keep-apart constraint is ended."))
        except ValidationError as exc:
            _flash(request, exc)
        return HttpResponseRedirect(_risk_tab(pk))
