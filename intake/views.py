"""The reception desk: the admissions list and the step-by-step intake."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import ListView

from casemgmt.choices import Role
from casemgmt.permissions import Capability
from casemgmt.selectors import facilities_for
from core.pagination import BoundedPaginator
from core.uploads import photo_response
from core.views import base
from core.views.forms import errors_to_form, flash
from core.views.mixins import HtmxTemplateMixin
from intake import duplicates, extensions, selectors, services
from intake.choices import AdmissionStatus, Step
from intake.forms import RECORD_FORMS, CancelForm, PhotoForm, step_form_class
from intake.models import Admission
from intake.querysets import DRAFT

RATE_LIMITED = _lazy(
    "You have checked for earlier files many times in the last minute. Wait a minute, then try again."
)
LIST_STEPS = {Step.INJURIES: ["injury"], Step.PROPERTY: ["property"], Step.FAMILY: ["contact", "child"]}


def _candidates(user, query: dict) -> dict:
    """The duplicate check's answer for a page: the candidates (noted with the query for
    the read audit), or the notice that the user's checks of this minute are spent."""
    try:
        candidates = duplicates.duplicate_check(user=user, **query)
    except duplicates.RateLimited:
        return {"candidates": [], "candidates_limited": True}
    duplicates.note_check(candidates, **query)
    return {"candidates": candidates, "candidates_limited": False}


def _field_link(admission, step: str, field: str) -> str:
    """Where a missing item is filled: its step's page, at the field."""
    anchor = {"identity_decision": "match", "info_rules": "id_s-info_rules"}.get(field, f"id_s-{field}")
    return reverse("intake:step", args=[admission.pk, step]) + "#" + anchor


class ReceptionMixin:
    """Reception is the officers' and supervisors' desk: any other role answers 404
    (before the admission is looked up)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not (request.user.roles & {Role.OFFICER, Role.SUPERVISOR}):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AdmissionListView(ReceptionMixin, base.StaffView, HtmxTemplateMixin, ListView):
    capability = "view"
    template_name = "intake/admission_list.html"
    partial_template_name = "intake/_admission_rows.html"
    paginate_by = 50
    paginator_class = BoundedPaginator
    context_object_name = "admissions"

    def get_queryset(self):
        visible = self.restrict(Admission.objects.select_related("facility", "prisoner", "created_by"))
        return selectors.admissions_by_status(visible, self.request.GET.get("status", "open"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.note_rows(context["object_list"])
        for admission in context["object_list"]:
            if admission.is_draft:  # complete by the rules of completion, as the step list says
                admission.steps_complete = services.step_report(admission)["complete"]
        context["steps_total"] = len(Step.choices)
        context["status"] = self.request.GET.get("status", "open")
        context["statuses"] = [
            ("open", _("Today and in progress")),
            *AdmissionStatus.choices,
            ("all", _("All")),
        ]
        context["facilities"] = facilities_for(self.request.user)
        return context

    def post(self, request):
        """Start a new intake at one of the user's facilities."""
        facilities = list(facilities_for(request.user))
        chosen = next((f for f in facilities if str(f.pk) == request.POST.get("facility")), None)
        if chosen is None and len(facilities) == 1:
            chosen = facilities[0]
        if chosen is None:
            messages.error(request, _("Choose the facility receiving the person."))
            return HttpResponseRedirect(reverse("intake:list"))
        admission = services.admission_start(actor=request.user, facility=chosen)
        return HttpResponseRedirect(reverse("intake:step", args=[admission.pk, Step.ORDER]))


class AdmissionMixin(ReceptionMixin, base.RecordView):
    """One admission, resolved (or 404) before any handler looks at the input: ``view``
    (a draft of the user's reception desk, or a filed admission of a file the user reads)
    or ``DRAFT`` (a draft only, for what acts on a draft)."""

    model = Admission
    capability = "view"

    def get_queryset(self):
        return Admission.objects.select_related("facility", "prisoner", "created_by")

    def resolve(self) -> None:
        super().resolve()
        self.admission = self.object

    def draft_or_redirect(self):
        if not self.admission.is_draft:
            return HttpResponseRedirect(reverse("intake:detail", args=[self.admission.pk]))
        return None


def _next_step(step: str) -> str:
    values = Step.values
    return values[min(values.index(step) + 1, len(values) - 1)]


class StepView(AdmissionMixin):
    template_name = "intake/step.html"

    def step(self) -> str:
        step = self.kwargs["step"]
        if step not in Step.values:
            raise Http404
        return step

    def form(self, data=None):
        step = self.step()
        cls = step_form_class(step, facility=self.admission.facility)
        extra = {}
        if step == Step.REVIEW:
            hint = self.request.GET.get("s-unit") if self.request.method == "GET" else None
            extra = {
                "unit_hint": hint if hint is None or hint.isdigit() else "",
                "step_url": reverse("intake:step", args=[self.admission.pk, step]),
            }
        return cls(data=data, instance=self.admission, prefix="s", **extra)

    def context(self, form, **extra):
        step = self.step()
        admission = self.admission
        ctx = {
            "admission": admission,
            "step": step,
            "step_label": Step(step).label,
            "report": services.step_report(admission),
            "form": form,
            "record_forms": {kind: RECORD_FORMS[kind](prefix=kind) for kind in LIST_STEPS.get(step, [])},
            "records": {kind: list(services.records(admission, kind)) for kind in LIST_STEPS.get(step, [])},
            "next_step": _next_step(step),
            "version": admission.version,
        }
        if step == Step.IDENTITY:
            ctx["photo_form"] = PhotoForm()
            ctx.update(_candidates(self.request.user, duplicates.admission_query(admission)))
        ctx["panels"] = extensions.panels(step, admission, self.request.user)
        if step == Step.REVIEW:
            ctx["missing"] = [
                (label, m, _field_link(admission, step_, field))
                for step_, label, _status, problems in ctx["report"]["steps"]
                for field, ms in problems.items()
                for m in ms
            ]
            ctx["cancel_form"] = CancelForm()
        ctx.update(extra)
        return ctx

    def get(self, request, pk, step):
        redirect = self.draft_or_redirect()
        if redirect:
            return redirect
        return render(request, self.template_name, self.context(self.form()))

    def post(self, request, pk, step):
        redirect = self.draft_or_redirect()
        if redirect:
            return redirect
        form = self.form(request.POST)
        if request.POST.get("autosave") == "1":
            return self.autosave(request, form)
        version = request.POST.get("version")
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.fields if name in form.cleaned_data}
            try:
                self.admission = services.admission_save_step(
                    actor=request.user,
                    admission=self.admission,
                    step=self.step(),
                    data=data,
                    expected_version=int(version) if version and version.isdigit() else None,
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                target = request.POST.get("go") or _next_step(step)
                return HttpResponseRedirect(reverse("intake:step", args=[pk, target]))
        messages.error(request, _("Not saved: correct the fields marked below. What you typed is kept."))
        return render(request, self.template_name, self.context(form), status=400)

    def autosave(self, request, form):
        """Store every valid field now; report the others without losing them."""
        form.is_valid()
        data = {name: value for name, value in form.cleaned_data.items() if name in form.fields}
        saved, errors = services.admission_autosave(
            actor=request.user, admission=self.admission, step=self.step(), data=data
        )
        for field, messages_ in errors.items():
            if field in form.fields and field not in form.errors:
                form.add_error(field, messages_)
        return render(
            request,
            "intake/_save_status.html",
            {"form": form, "admission": saved, "saved_at": timezone.now()},
        )


class ListRecordView(AdmissionMixin):
    """Add (POST) or remove (POST with remove=<id>) an injury, item, contact or child."""

    def post(self, request, pk, step, kind):
        if kind not in LIST_STEPS.get(step, []):
            raise Http404
        redirect = self.draft_or_redirect()
        if redirect:
            return redirect
        url = reverse("intake:step", args=[pk, step])
        if request.POST.get("remove"):
            try:
                services.record_remove(
                    actor=request.user,
                    admission=self.admission,
                    kind=kind,
                    record_id=int(request.POST["remove"]),
                )
            except (ValidationError, ValueError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return HttpResponseRedirect(url)
        form = RECORD_FORMS[kind](request.POST, prefix=kind)
        if form.is_valid():
            try:
                services.record_add(
                    actor=request.user, admission=self.admission, kind=kind, data=form.cleaned_data
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                services.admission_mark_step(actor=request.user, admission=self.admission, step=step)
                messages.success(request, _("Added."))
                return HttpResponseRedirect(url)
        view = StepView(request=request, kwargs={"pk": pk, "step": step})
        view.admission = self.admission
        ctx = view.context(view.form())
        ctx["record_forms"][kind] = form
        messages.error(request, _("Not added: correct the fields marked below."))
        return render(request, StepView.template_name, ctx, status=400)


class StepDoneView(AdmissionMixin):
    """'Nothing to record' / 'Continue' on a list step."""

    capability = DRAFT

    def post(self, request, pk, step):
        if step not in LIST_STEPS:
            raise Http404
        services.admission_mark_step(actor=request.user, admission=self.admission, step=step)
        return HttpResponseRedirect(reverse("intake:step", args=[pk, _next_step(step)]))


class IdentityMatchView(AdmissionMixin):
    """The officer's decision: a new person, or one of the candidates the check shows
    this officer (any other id is 404)."""

    capability = DRAFT

    def post(self, request, pk):
        if any(key.startswith("s-") for key in request.POST):
            # The buttons belong to the identity form: keep what was typed before deciding.
            form = step_form_class(Step.IDENTITY)(data=request.POST, instance=self.admission, prefix="s")
            form.is_valid()
            self.admission, _errors = services.admission_autosave(
                actor=request.user,
                admission=self.admission,
                step=Step.IDENTITY,
                data={k: v for k, v in form.cleaned_data.items() if k in form.fields},
            )
        choice = request.POST.get("prisoner", "")
        prisoner = None
        if choice != "new":
            try:
                candidates = duplicates.duplicate_check(
                    user=request.user, **duplicates.admission_query(self.admission)
                )
            except duplicates.RateLimited:
                messages.error(request, str(RATE_LIMITED))
                return HttpResponseRedirect(reverse("intake:step", args=[pk, Step.IDENTITY]) + "#match")
            prisoner = next((c.prisoner for c in candidates if str(c.prisoner.pk) == choice), None)
            if prisoner is None:
                raise Http404
        services.returning_choice(actor=request.user, admission=self.admission, prisoner=prisoner)
        return HttpResponseRedirect(reverse("intake:step", args=[pk, Step.IDENTITY]) + "#match")


class CandidatesView(AdmissionMixin):
    """htmx: earlier files that match what is being typed (the duplicate check)."""

    capability = DRAFT

    def get(self, request, pk):
        try:
            dob = parse_date(request.GET.get("s-date_of_birth") or "")
        except ValueError:  # a well-formed but impossible date (2026-02-31): none yet
            dob = None
        query = {
            "family_name": request.GET.get("s-family_name", ""),
            "given_name": request.GET.get("s-given_name", ""),
            "patronymic": request.GET.get("s-patronymic", ""),
            "date_of_birth": dob,
            "document_number": request.GET.get("s-document_number", ""),
        }
        return render(
            request,
            "intake/_candidates.html",
            {**_candidates(request.user, query), "admission": self.admission},
        )


class PhotoView(AdmissionMixin):
    """The photo taken at reception: served like the file's photo (an attachment with the
    photo headers: no inline document under the page's policy), uploaded on a draft."""

    def get(self, request, pk):
        if not self.admission.photo:
            raise Http404
        return photo_response(self.admission.photo, f"intake-{self.admission.pk}.jpg")

    def post(self, request, pk):
        redirect = self.draft_or_redirect()
        if redirect:
            return redirect
        form = PhotoForm(request.POST, request.FILES)
        if form.is_valid():
            services.admission_set_photo(
                actor=request.user, admission=self.admission, upload=form.cleaned_data["photo"]
            )
            messages.success(request, _("Photo saved."))
        else:
            for error in form.errors.get("photo", []):
                messages.error(request, error)
        return HttpResponseRedirect(reverse("intake:step", args=[pk, Step.IDENTITY]))


class CompleteView(AdmissionMixin):
    # ``view``, not ``DRAFT``: a double click or a retry on a filed admission is answered
    # by the service's idempotence (the file it opened), not by a 404.

    def post(self, request, pk):
        version = request.POST.get("version", "")
        try:
            admission = services.admission_complete(
                actor=request.user,
                admission=self.admission,
                expected_version=int(version) if version.isdigit() else None,
            )
        except ValidationError as exc:
            flash(request, exc)
            return HttpResponseRedirect(reverse("intake:step", args=[pk, Step.REVIEW]))
        messages.success(
            request,
            _("Admitted. The file %(number)s is open.") % {"number": admission.prisoner.prison_number},
        )
        return HttpResponseRedirect(reverse("prisoner-detail", args=[admission.prisoner_id]))


class CancelView(AdmissionMixin):
    capability = DRAFT

    def post(self, request, pk):
        form = CancelForm(request.POST)
        if form.is_valid():
            services.admission_cancel(
                actor=request.user, admission=self.admission, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The intake was cancelled."))
            return HttpResponseRedirect(reverse("intake:list"))
        messages.error(request, _("Give the reason for cancelling the intake."))
        return HttpResponseRedirect(reverse("intake:step", args=[pk, Step.REVIEW]))


class AdmissionDetailView(AdmissionMixin):
    def get(self, request, pk):
        admission = self.admission
        if admission.is_draft:
            left = services.steps_left(admission)
            return HttpResponseRedirect(reverse("intake:step", args=[pk, left[0] if left else Step.REVIEW]))
        if admission.prisoner_id and Capability.VIEW in self.capabilities_on(admission.prisoner):
            return HttpResponseRedirect(reverse("prisoner-tab", args=[admission.prisoner_id, "intake"]))
        return render(request, "intake/admission_closed.html", {"admission": admission})
