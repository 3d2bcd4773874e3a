"""Discipline and separation in the browser. Each view declares the access it needs; the
bases resolve the file or the record through the restriction (404 otherwise) and note
what the page shows. A step the user may not take answers 404 from its service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casemgmt.choices import Role
from core.pagination import BoundedPaginator
from core.views.base import NO_FILE, FileView, RecordView, StaffView
from core.views.forms import ServiceFormMixin
from discipline import forms as f
from discipline import selectors, services
from discipline.choices import SanctionCategory, Status
from discipline.models import Report, Separation

PAGE_SIZE = 50


class RegisterView(StaffView):
    capability = "view"

    def get(self, request):
        form = f.RegisterFilter(request.GET or None)
        page = BoundedPaginator(selectors.reports(user=request.user, **form.filters()), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        self.note_rows(page.object_list)
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "discipline/register.html",
            {"form": form, "page_obj": page, "reports": page.object_list, "querystring": query.urlencode()},
        )


class SeparationsView(StaffView):
    """Everyone held apart now, with days so far against the 15-day limit."""

    capability = "view"

    def get(self, request):
        form = f.SeparationsFilter(request.GET or None)
        filters = form.filters()
        over = filters.get("over", False)
        rows = list(selectors.separations(user=request.user, current=not over, **filters)[:500])
        self.note_rows(rows)
        return render(
            request,
            "discipline/separations.html",
            {"separations": rows, "today": timezone.localdate(), "form": form, "over": over},
        )


class StatisticsView(StaffView):
    capability = NO_FILE

    def get(self, request):
        form = f.StatisticsFilter(request.GET or None)
        filters = form.filters()
        stats = selectors.statistics(user=request.user, **filters)
        query = {k: getattr(v, "pk", v) for k, v in filters.items()}
        visits = {**query, "since": stats["visits_since"], "until": stats["visits_until"]}
        return render(
            request,
            "discipline/statistics.html",
            {"stats": stats, "form": form, "query": urlencode(query), "visits_query": urlencode(visits)},
        )


class MissedVisitsView(StaffView):
    """Every day of separation without a health visit (Rule 46) over a period, per
    facility: the list behind the standards view's row and the statistics."""

    capability = "view"

    def get(self, request):
        form = f.StatisticsFilter(request.GET or None)
        figures = selectors.health_visits_over(user=request.user, **form.filters())
        page = BoundedPaginator(figures["missed"], PAGE_SIZE).get_page(request.GET.get("page"))
        self.note_rows([separation for separation, _day in page.object_list])
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "discipline/missed_visits.html",
            {"form": form, "figures": figures, "page_obj": page, "querystring": query.urlencode()},
        )


class ReportCreateView(FileView):
    capability = "change_prisoner"

    def get(self, request, pk):
        return render(
            request,
            "discipline/create.html",
            {"prisoner": self.prisoner, "form": f.ReportForm(prisoner=self.prisoner)},
        )

    def post(self, request, pk):
        form = f.ReportForm(request.POST, prisoner=self.prisoner)
        if form.is_valid():
            try:
                report = services.report_create(
                    actor=request.user, prisoner=self.prisoner, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The disciplinary report was recorded."))
                return HttpResponseRedirect(reverse("discipline:report", args=[report.pk]))
        return render(
            request, "discipline/create.html", {"prisoner": self.prisoner, "form": form}, status=400
        )


class SeparationCreateView(FileView):
    """A supervisor holds the person apart (protective, administrative, regime)."""

    capability = "change_prisoner"

    def resolve(self) -> None:
        super().resolve()
        if Role.SUPERVISOR not in self.request.user.roles:
            raise Http404

    def get(self, request, pk):
        return render(
            request, "discipline/separate.html", {"prisoner": self.prisoner, "form": f.SeparationForm()}
        )

    def post(self, request, pk):
        form = f.SeparationForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                separation = services.separation_start(actor=request.user, prisoner=self.prisoner, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The separation was recorded."))
                return HttpResponseRedirect(reverse("discipline:separation", args=[separation.pk]))
        return render(
            request, "discipline/separate.html", {"prisoner": self.prisoner, "form": form}, status=400
        )


_can = selectors.may


class ReportDetailView(RecordView):
    model = Report
    capability = "view"

    def get_queryset(self):
        return Report.objects.select_related(*selectors.REPORT_RELATED)

    def get(self, request, pk):
        return render(request, "discipline/report.html", self.context())

    def context(self, **forms):
        r, user = self.object, self.request.user
        sanctions = list(r.sanctions.select_related("kind", "separation"))
        staff = _can(user, Report, r.pk, "report")
        hear = _can(user, Report, r.pk, "hear") and r.reported_by_id != user.pk
        appeal = _can(user, Report, r.pk, "appeal") and user.pk not in (r.heard_by_id, r.reported_by_id)
        return {
            "report": r,
            "prisoner": r.prisoner,
            "sanctions": sanctions,
            "can_charge": staff and r.status in (Status.REPORTED, Status.CHARGED),
            "can_legal": staff and r.heard_at is None,
            "can_hear": hear and r.status == Status.CHARGED,
            "can_sanction": hear and r.status == Status.HEARD and r.proved and r.sanctioned_at is None,
            "can_appeal": staff and r.status == Status.HEARD,
            "can_decide": appeal and r.status == Status.APPEALED,
            "charge_form": forms.get("charge_form")
            or f.ChargeForm(initial={"informed_on": timezone.localdate()}),
            "legal_form": forms.get("legal_form") or f.LegalForm(),
            "hear_form": forms.get("hear_form") or f.HearingForm(),
            "sanction_form": forms.get("sanction_form") or f.SanctionForm(),
            "appeal_form": forms.get("appeal_form") or f.AppealForm(),
            "decide_form": forms.get("decide_form") or f.AppealDecisionForm(sanctions=sanctions),
            "prohibited": [c for c in SanctionCategory if c in services.PROHIBITED],
        }


def _charge(user, report, data):
    return services.report_charge(actor=user, report=report, **data)


def _legal(user, report, data):
    return services.report_legal_assistance(actor=user, report=report, **data)


def _hear(user, report, data):
    return services.report_hear(actor=user, report=report, **data)


def _sanction(user, report, data):
    return services.sanctions_impose(
        actor=user,
        report=report,
        sanctions=[{"kind": data["kind"], "days": data.get("days")}],
        mother_status=data["mother_status"],
    )


def _appeal(user, report, data):
    return services.appeal_lodge(actor=user, report=report, **data)


def _decide(user, report, data):
    return services.appeal_decide(actor=user, report=report, **data)


REPORT_STEPS = {
    "charge": (_charge, f.ChargeForm),
    "legal": (_legal, f.LegalForm),
    "hear": (_hear, f.HearingForm),
    "sanction": (_sanction, f.SanctionForm),
    "appeal": (_appeal, f.AppealForm),
    "decide": (_decide, f.AppealDecisionForm),
}

#: who may take each step (the restriction's action; the service checks again)
REPORT_STEP_ACTIONS = {
    "charge": "report",
    "legal": "report",
    "hear": "hear",
    "sanction": "hear",
    "appeal": "report",
    "decide": "appeal",
}


class ReportStepView(ServiceFormMixin, ReportDetailView):
    """A step of the proceedings: the service refuses (404) whoever may not take it."""

    capability = "view"
    success_message = gettext_lazy("Saved.")

    def get(self, request, pk, step):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk, step):
        if step not in REPORT_STEPS:
            raise Http404
        if not _can(request.user, Report, self.object.pk, REPORT_STEP_ACTIONS[step]):
            raise Http404
        return super().post(request, pk, step)

    def get_form(self):
        form_class = REPORT_STEPS[self.kwargs["step"]][1]
        if self.kwargs["step"] == "decide":
            return form_class(self.request.POST, sanctions=list(self.object.sanctions.select_related("kind")))
        return form_class(self.request.POST)

    def perform(self, form):
        step = self.kwargs["step"]
        data = form.service_data() if step == "decide" else form.cleaned_data
        REPORT_STEPS[step][0](self.request.user, self.object, data)

    def back_url(self):
        return reverse("discipline:report", args=[self.object.pk])

    def form_invalid(self, form):
        step = self.kwargs["step"]
        return render(
            self.request, "discipline/report.html", self.context(**{f"{step}_form": form}), status=400
        )


class SeparationDetailView(RecordView):
    model = Separation
    capability = "view"

    def get_queryset(self):
        return Separation.objects.select_related(*selectors.SEPARATION_RELATED)

    def get(self, request, pk):
        return render(request, "discipline/separation.html", self.context())

    def context(self, **forms):
        s, user = self.object, self.request.user
        open_ = s.ended_at is None
        return {
            "separation": s,
            "prisoner": s.prisoner,
            "visits": list(s.health_visits.all()[:60]),
            "reviews": list(s.reviews.all()),
            "days": s.days(),
            "can_decide": open_ and _can(user, Separation, s.pk, "appeal"),
            "can_visit": _can(user, Separation, s.pk, "health"),
            "end_form": forms.get("end_form") or f.SeparationEndForm(),
            "review_form": forms.get("review_form") or f.SeparationReviewForm(),
            "visit_form": forms.get("visit_form") or f.HealthVisitForm(),
        }


SEPARATION_STEPS = {
    "end": (lambda u, s, d: services.separation_end(actor=u, separation=s, **d), f.SeparationEndForm),
    "review": (
        lambda u, s, d: services.separation_review(actor=u, separation=s, **d),
        f.SeparationReviewForm,
    ),
    "visit": (lambda u, s, d: services.health_visit_record(actor=u, separation=s, **d), f.HealthVisitForm),
}

SEPARATION_STEP_ACTIONS = {"end": "appeal", "review": "appeal", "visit": "health"}


class SeparationStepView(ServiceFormMixin, SeparationDetailView):
    """A step of a separation: 404 for whoever may not take it, before the form is read."""

    capability = "view"
    success_message = gettext_lazy("Saved.")

    def get(self, request, pk, step):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk, step):
        if step not in SEPARATION_STEPS:
            raise Http404
        if not _can(request.user, Separation, self.object.pk, SEPARATION_STEP_ACTIONS[step]):
            raise Http404
        return super().post(request, pk, step)

    def get_form(self):
        return SEPARATION_STEPS[self.kwargs["step"]][1](self.request.POST)

    def perform(self, form):
        SEPARATION_STEPS[self.kwargs["step"]][0](self.request.user, self.object, form.cleaned_data)

    def back_url(self):
        return reverse("discipline:separation", args=[self.object.pk])

    def form_invalid(self, form):
        step = self.kwargs["step"]
        return render(
            self.request, "discipline/separation.html", self.context(**{f"{step}_form": form}), status=400
        )
