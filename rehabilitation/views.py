"""Programmes in the browser: the catalogue, an offering's page, the day's sessions, the
attendance screen, and the referral from a prisoner's file. Each view declares what it
needs; the bases resolve the offering, session or file (404 otherwise), and the pages
note every participant they show for the read audit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from casemgmt.permissions import Capability
from core.pagination import BoundedPaginator
from core.views.base import FileView, RecordView, StaffView
from core.views.forms import ServiceFormMixin, flash
from rehabilitation import selectors, services
from rehabilitation.forms import (
    ATTENDANCE_CHOICES,
    OUTCOME_CHOICES,
    AssessForm,
    EndForm,
    OfferingFilter,
    ReferralForm,
    SessionForm,
)
from rehabilitation.models import Enrolment, Offering, Programme, Session
from rehabilitation.querysets import RUN


class ProgrammeListView(StaffView, TemplateView):
    """The catalogue, and the offerings and sessions the user runs or supervises: counts,
    no participant (the selectors restrict with ``run_offering``). The offerings by
    status, a page of 50 (a supervisor of a large facility has over a thousand)."""

    capability = RUN
    template_name = "rehabilitation/programme_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = OfferingFilter(self.request.GET or None)
        offerings = (
            selectors.offerings_for(self.request.user).filter(**form.filters()).order_by("-starts_on", "-pk")
        )
        page = BoundedPaginator(offerings, self.paginate_by).get_page(self.request.GET.get("page"))
        page.object_list = list(page.object_list)
        stats = selectors.offerings_stats(page.object_list)
        for offering in page.object_list:
            offering.stats = stats[offering.pk]
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page,
            querystring=query.urlencode(),
            programmes=Programme.objects.filter(is_active=True),
            offerings=page.object_list,
            today=selectors.sessions_today(user=self.request.user),
        )
        return context


class OfferingView(RecordView):
    model = Offering
    capability = RUN

    def get_queryset(self):
        return Offering.objects.select_related("programme", "facility")

    def get(self, request, pk):
        offering = self.object
        enrolments = list(
            offering.enrolments.select_related("prisoner", "referral").order_by("status", "enrolled_at")
        )
        referrals = list(selectors.live_referrals(offering))
        self.note_rows([*enrolments, *referrals])
        return render(
            request,
            "rehabilitation/offering.html",
            {
                "offering": offering,
                "stats": selectors.offering_stats(offering),
                "enrolments": enrolments,
                "referrals": referrals,
                "sessions": list(offering.sessions.all()),
                "assess_form": AssessForm(),
                "session_form": SessionForm(),
                "end_form": EndForm(),
                "goals": list(offering.programme.goals.all()),
                "outcome_choices": OUTCOME_CHOICES,
            },
        )

    def post(self, request, pk):
        offering = self.object
        what = request.POST.get("what")
        try:
            if what == "assess":
                referral = offering.referrals.filter(pk=request.POST.get("referral")).first()
                form = AssessForm(request.POST)
                if referral is None or not form.is_valid():
                    raise ValidationError(_("Choose suitable or not suitable."))
                result = services.referral_assess(actor=request.user, referral=referral, **form.cleaned_data)
                messages.success(request, result.get_status_display())
            elif what == "enrol":
                referral = offering.referrals.filter(pk=request.POST.get("referral")).first()
                if referral is None:
                    raise Http404
                result = services.enrol(
                    actor=request.user,
                    referral=referral,
                    exception_reason=request.POST.get("exception_reason", ""),
                )
                messages.success(request, result.get_status_display())
            elif what == "session":
                form = SessionForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Give the date of the session."))
                services.session_create(actor=request.user, offering=offering, **form.cleaned_data)
                messages.success(request, _("Session added."))
            elif what == "change":
                enrolment = offering.enrolments.filter(pk=request.POST.get("enrolment")).first()
                form = EndForm(request.POST)
                if enrolment is None or not form.is_valid():
                    raise ValidationError(_("Choose what to do."))
                outcomes = {
                    goal.pk: {
                        "rating": request.POST.get(f"goal-{goal.pk}", ""),
                        "note": request.POST.get(f"goal-{goal.pk}-note", ""),
                    }
                    for goal in offering.programme.goals.all()
                    if request.POST.get(f"goal-{goal.pk}")
                }
                services.enrolment_change(
                    actor=request.user,
                    enrolment=enrolment,
                    to=form.cleaned_data["to"],
                    reason=form.cleaned_data["reason"],
                    outcomes=outcomes,
                )
                messages.success(request, _("Saved."))
            else:
                raise Http404
        except ValidationError as exc:
            flash(request, exc)
        return HttpResponseRedirect(reverse("rehabilitation:offering", args=[pk]))


class AttendanceView(RecordView):
    """The whole group on one screen."""

    model = Session
    capability = RUN

    def get_queryset(self):
        return Session.objects.select_related("offering__programme")

    def participants(self, session):
        return list(
            Enrolment.objects.filter(offering=session.offering, status="active").select_related("prisoner")
        )

    def get(self, request, pk, errors=None, posted=None):
        session = self.object
        recorded = {a.enrolment_id: a for a in session.attendance.all()}
        participants = self.participants(session)
        self.note_rows(participants)
        rows = []
        for enrolment in participants:
            entry = (posted or {}).get(enrolment.pk) or {}
            current = recorded.get(enrolment.pk)
            rows.append(
                {
                    "enrolment": enrolment,
                    "status": entry.get("status") or (current.status if current else ""),
                    "note": entry.get("note") if entry else (current.note if current else ""),
                    "errors": (errors or {}).get(str(enrolment.pk), []),
                }
            )
        return render(
            request,
            "rehabilitation/attendance.html",
            {
                "session": session,
                "rows": rows,
                "choices": ATTENDANCE_CHOICES,
            },
            status=400 if errors else 200,
        )

    def post(self, request, pk):
        session = self.object
        entries = {
            e.pk: {
                "status": request.POST.get(f"e-{e.pk}-status", ""),
                "note": request.POST.get(f"e-{e.pk}-note", ""),
            }
            for e in self.participants(session)
        }
        try:
            if request.POST.get("rest") == "attended":
                # "everyone else present": the rows marked are the exceptions
                exceptions = {pk: e for pk, e in entries.items() if e["status"]}
                services.attendance_all_present(actor=request.user, session=session, exceptions=exceptions)
            else:
                services.attendance_record(actor=request.user, session=session, entries=entries)
        except ValidationError as exc:
            messages.error(request, _("Not saved: complete the rows marked below."))
            return self.get(request, pk, errors=exc.message_dict, posted=entries)
        messages.success(request, _("Attendance recorded."))
        return HttpResponseRedirect(reverse("rehabilitation:offering", args=[session.offering_id]))


class ReferView(ServiceFormMixin, FileView):
    capability = Capability.MANAGE_CASEPLAN
    form_class = ReferralForm
    success_message = gettext_lazy("Referred.")
    invalid_message = gettext_lazy("Choose the offering and say why.")

    def get_form_kwargs(self):
        return {"facility": self.prisoner.facility}

    def perform(self, form):
        services.referral_create(actor=self.request.user, prisoner=self.prisoner, **form.cleaned_data)

    def back_url(self):
        return reverse("prisoner-tab", args=[self.prisoner.pk, "programmes"])
