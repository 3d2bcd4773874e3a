"""Requests and complaints in the browser. Each view declares the access it needs; the
bases resolve the file or the complaint through the restriction (404 otherwise) and note
what the page shows for the read audit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import selectors, services
from complaints.choices import TRANSITIONS, Status
from complaints.forms import (
    AnswerForm,
    AssignForm,
    ComplaintForm,
    ReferForm,
    RegisterFilter,
    ReprisalReviewForm,
    StatisticsFilter,
)
from complaints.models import Complaint
from core.pagination import BoundedPaginator
from core.views.base import NO_FILE, FileView, RecordView, StaffView
from core.views.forms import flash

PAGE_SIZE = 50


class ComplaintCreateView(FileView):
    """Take a request or complaint for a prisoner held where the user works."""

    capability = "change_prisoner"

    def get(self, request, pk):
        return render(
            request, "complaints/create.html", self._context(ComplaintForm(facility=self.prisoner.facility))
        )

    def post(self, request, pk):
        form = ComplaintForm(request.POST, facility=self.prisoner.facility)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["received_at"] = data.get("received_at") or timezone.now()
            try:
                complaint = services.complaint_record(actor=request.user, prisoner=self.prisoner, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The request or complaint was recorded."))
                if complaint.confidential:
                    return HttpResponseRedirect(
                        reverse("prisoner-tab", args=[self.prisoner.pk, "complaints"])
                    )
                return HttpResponseRedirect(reverse("complaints:detail", args=[complaint.pk]))
        return render(request, "complaints/create.html", self._context(form), status=400)

    def _context(self, form):
        return {"prisoner": self.prisoner, "form": form}


class ComplaintDetailView(RecordView):
    """One complaint's content and steps: 404 for whoever may not read its content
    (a confidential one for facility staff, Rule 56(3))."""

    model = Complaint
    capability = "view"

    def get_queryset(self):
        return Complaint.objects.with_access(self.request.user).select_related(*selectors.RELATED)

    def get(self, request, pk):
        return render(request, "complaints/detail.html", self.context())

    def context(self, **forms):
        c = self.object
        handle = bool(c.handleable) and c.about_staff_id != self.request.user.pk
        steps = TRANSITIONS[c.status]
        return {
            "complaint": c,
            "prisoner": c.prisoner,
            "can_handle": handle,
            "can_acknowledge": handle and Status.ACKNOWLEDGED in steps,
            "can_investigate": handle and Status.INVESTIGATING in steps,
            "can_answer": handle and Status.ANSWERED in steps,
            "can_copy": handle and c.answered_at is not None and c.copy_given_at is None,
            "can_refer": handle
            and c.referred_at is None
            and (Status.REFERRED in steps or (c.is_allegation and c.status != Status.CLOSED)),
            "can_close": handle and Status.CLOSED in steps,
            "answer_form": forms.get("answer_form") or AnswerForm(),
            "refer_form": forms.get("refer_form") or ReferForm(),
            "assign_form": forms.get("assign_form") or AssignForm(complaint=c),
            "today": timezone.localdate(),
        }


STEPS = {
    "acknowledge": (services.complaint_acknowledge, None),
    "investigate": (services.complaint_investigate, None),
    "answer": (services.complaint_answer, AnswerForm),
    "copy-given": (services.complaint_copy_given, None),
    "refer": (services.complaint_refer, ReferForm),
    "close": (services.complaint_close, None),
    "assign": (services.complaint_assign, AssignForm),
}


class ComplaintStepView(ComplaintDetailView):
    """A step of the workflow: only by whoever may handle the complaint (404 otherwise)."""

    capability = "handle"

    def get(self, request, pk, step):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk, step):
        if step not in STEPS:
            return HttpResponseRedirect(reverse("complaints:detail", args=[pk]))
        service, form_class = STEPS[step]
        kwargs = {}
        if form_class is not None:
            form = (
                form_class(request.POST, complaint=self.object)
                if form_class is AssignForm
                else form_class(request.POST)
            )
            if not form.is_valid():
                return render(
                    request,
                    "complaints/detail.html",
                    self.context(**{f"{step}_form": form}),
                    status=400,
                )
            kwargs = dict(form.cleaned_data)
            if step == "refer":
                kwargs["reference"] = kwargs.pop("referral_reference")
        try:
            service(actor=request.user, complaint=self.object, **kwargs)
        except ValidationError as exc:
            flash(request, exc)
        else:
            messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("complaints:detail", args=[pk]))


class RegisterView(StaffView):
    """The facility register: every complaint the user may know of; a confidential one
    the user may not read shows only that it exists and its next deadline."""

    capability = "exists"

    def get(self, request):
        form = RegisterFilter(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        qs = selectors.register(user=request.user, **{k: v for k, v in filters.items() if v})
        page = BoundedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        self.note_rows(page.object_list)
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "complaints/register.html",
            {
                "form": form,
                "page_obj": page,
                "complaints": page.object_list,
                "querystring": query.urlencode(),
                "today": timezone.localdate(),
            },
        )


class ReviewView(StaffView):
    """The supervisors' page: complaints past a deadline, and what happened to complainants
    soon after their complaint (Rule 57(2)), for review."""

    capability = "complainants"

    def get(self, request):
        return render(request, "complaints/review.html", self.context())

    def context(self, form=None):
        overdue = list(selectors.overdue(user=self.request.user)[:200])
        after = selectors.after_complaint(user=self.request.user)
        self.note_rows(overdue)
        self.note_rows([a.complaint for a in after])
        for a in after:
            a.form = ReprisalReviewForm(
                initial={"event_kind": a.kind, "event_id": a.event_id}, auto_id=f"id_{a.kind}{a.event_id}_%s"
            )
        return {"overdue": overdue, "after": after, "today": timezone.localdate()}


class ReprisalReviewView(RecordView):
    """Record the review of something that followed a complaint (supervisors of the file)."""

    model = Complaint
    capability = "complainants"

    def post(self, request, pk):
        form = ReprisalReviewForm(request.POST)
        if form.is_valid():
            try:
                services.reprisal_review(actor=request.user, complaint=self.object, **form.cleaned_data)
            except ValidationError as exc:
                flash(request, exc)
            else:
                messages.success(request, _("The review was recorded."))
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return HttpResponseRedirect(reverse("complaints:review"))


class StatisticsView(StaffView):
    """Counts only (no prisoner's data): over the complaints the user may read."""

    capability = NO_FILE

    def get(self, request):
        form = StatisticsFilter(request.GET or None)
        stats = selectors.statistics(user=request.user, **form.filters())
        return render(request, "complaints/statistics.html", {"stats": stats, "form": form})
