"""Family, contacts, children and visits in the browser. Each view declares its access;
the bases resolve the file or the record through the restriction (404 otherwise) and
note what the page shows for the read audit."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casemgmt.permissions import Capability
from core.views.base import NO_FILE, FileView, RecordView, StaffView
from core.views.forms import ServiceFormMixin, errors_to_form, flash
from custody.selectors import roll_facilities
from family import selectors, services
from family.forms import (
    BookForm,
    CancelForm,
    ChildForm,
    ChildMoveForm,
    ConsularForm,
    ContactEditForm,
    ContactForm,
    HealthCheckForm,
    LiftForm,
    RestrictionForm,
    RestrictionReviewForm,
    SessionForm,
    StatisticsFilter,
    VisitRecordForm,
)
from family.models import Child, Contact, Restriction, Visit, VisitSession


class _FormOnFile(ServiceFormMixin, FileView):
    """A form that adds a record to a file: GET shows it, POST calls the service; the
    form with its errors (the service's too) is shown again, status 400."""

    capability = Capability.CHANGE
    title = ""
    form_class = None
    success_message = gettext_lazy("Saved.")
    errors_on_form = True

    def form(self, data=None):
        return self.form_class(data)

    def get(self, request, pk):
        return self.page(self.form())

    def get_form(self):
        return self.form(self.request.POST)

    def perform(self, form):
        self.save(form.cleaned_data)

    def back_url(self):
        return reverse("prisoner-tab", args=[self.prisoner.pk, "family"])

    def form_invalid(self, form):
        return self.page(form, status=400)

    def page(self, form, status=200):
        return render(
            self.request,
            "family/form.html",
            {"prisoner": self.prisoner, "form": form, "title": self.title},
            status=status,
        )


class ContactAddView(_FormOnFile):
    form_class = ContactForm

    @property
    def title(self):
        return _("Add a contact")

    def save(self, data):
        if (
            data["relationship"] == "child" or data["is_victim"]
        ) and Capability.VIEW_FAMILY not in self.capabilities:
            raise ValidationError(
                _("Only staff who may see confidential family details can record a child or a victim.")
            )
        services.contact_add(actor=self.request.user, prisoner=self.prisoner, **data)


class RestrictionAddView(_FormOnFile):
    @property
    def title(self):
        return _("Restrict contact")

    def form(self, data=None):
        return RestrictionForm(
            data, contacts=selectors.contacts(user=self.request.user).filter(prisoner=self.prisoner)
        )

    def save(self, data):
        services.restriction_impose(actor=self.request.user, prisoner=self.prisoner, **data)


class ChildAddView(_FormOnFile):
    capability = Capability.VIEW_FAMILY
    form_class = ChildForm

    @property
    def title(self):
        return _("Add a child")

    def resolve(self):
        super().resolve()
        if Capability.CHANGE not in self.capabilities:
            raise Http404

    def save(self, data):
        services.child_add(actor=self.request.user, prisoner=self.prisoner, **data)


class ConsularAddView(_FormOnFile):
    form_class = ConsularForm

    @property
    def title(self):
        return _("Record consular notification")

    def save(self, data):
        services.consular_notify(actor=self.request.user, prisoner=self.prisoner, **data)


class VisitBookView(_FormOnFile):
    @property
    def title(self):
        return _("Book a visit")

    def form(self, data=None):
        sessions = selectors.sessions(user=self.request.user).filter(
            facility_id=self.prisoner.facility_id, ends_at__gt=timezone.now()
        )
        contacts = selectors.contacts(user=self.request.user).filter(
            prisoner=self.prisoner, active=True, may_visit=True
        )
        return BookForm(data, sessions=sessions, contacts=contacts)

    def save(self, data):
        services.visit_book(
            actor=self.request.user,
            session=data["session"],
            prisoner=self.prisoner,
            visitors=data["visitors"],
            children_count=data["children_count"] or 0,
        )


class ContactView(ServiceFormMixin, RecordView):
    model = Contact
    capability = "view"
    success_message = gettext_lazy("Saved.")
    errors_on_form = True

    def get_queryset(self):
        return Contact.objects.select_related("prisoner")

    def can_change(self):
        return selectors.may_change(self.request.user, Contact, self.object.pk)

    def get(self, request, pk):
        return self.page(ContactEditForm(instance=self.object))

    def post(self, request, pk):
        if not self.can_change():
            raise Http404
        return super().post(request, pk)

    def get_form(self):
        return ContactEditForm(self.request.POST, instance=Contact.objects.get(pk=self.object.pk))

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        services.contact_update(
            actor=self.request.user, contact=self.object, reason=form.cleaned_data["reason"], **data
        )

    def back_url(self):
        return reverse("prisoner-tab", args=[self.object.prisoner_id, "family"])

    def form_invalid(self, form):
        return self.page(form, status=400)

    def page(self, form, status=200):
        changes = list(self.object.changes.select_related("changed_by"))
        return render(
            self.request,
            "family/contact.html",
            {
                "contact": self.object,
                "prisoner": self.object.prisoner,
                "form": form if self.can_change() else None,
                "changes": changes,
            },
            status=status,
        )


class RestrictionView(RecordView):
    model = Restriction
    capability = "view"

    def get_queryset(self):
        return Restriction.objects.select_related("prisoner", "contact", "imposed_by", "ended_by")

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        if not selectors.may_change(request.user, Restriction, pk):
            raise Http404
        step = request.POST.get("step")
        form = (RestrictionReviewForm if step == "review" else LiftForm)(request.POST)
        if not form.is_valid():
            return self.page(**{f"{'review' if step == 'review' else 'lift'}_form": form}, status=400)
        try:
            if step == "review":
                services.restriction_review(actor=request.user, restriction=self.object, **form.cleaned_data)
            else:
                services.restriction_lift(actor=request.user, restriction=self.object, **form.cleaned_data)
        except ValidationError as exc:
            flash(request, exc)
        else:
            messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("family:restriction", args=[pk]))

    def page(self, status=200, **forms):
        can = selectors.may_change(self.request.user, Restriction, self.object.pk)
        return render(
            self.request,
            "family/restriction.html",
            {
                "restriction": self.object,
                "prisoner": self.object.prisoner,
                "can_change": can and self.object.ended_at is None,
                "review_form": forms.get("review_form") or RestrictionReviewForm(),
                "lift_form": forms.get("lift_form") or LiftForm(),
            },
            status=status,
        )


class ChildView(RecordView):
    model = Child
    capability = "view"

    def get_queryset(self):
        return Child.objects.select_related("prisoner", "facility")

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        if not selectors.may_change(request.user, Child, pk):
            raise Http404
        step = request.POST.get("step")
        form = (HealthCheckForm if step == "health" else ChildMoveForm)(request.POST)
        if form.is_valid():
            try:
                if step == "health":
                    services.child_health_check(actor=request.user, child=self.object, **form.cleaned_data)
                else:
                    services.child_move(actor=request.user, child=self.object, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(reverse("family:child", args=[pk]))
        return self.page(**{"health_form" if step == "health" else "move_form": form}, status=400)

    def page(self, status=200, **forms):
        can = selectors.may_change(self.request.user, Child, self.object.pk)
        return render(
            self.request,
            "family/child.html",
            {
                "child": self.object,
                "prisoner": self.object.prisoner,
                "placements": selectors.placements(user=self.request.user, child=self.object),
                "checks": selectors.health_checks(user=self.request.user, child=self.object),
                "can_change": can,
                "move_form": forms.get("move_form") or ChildMoveForm(initial={"since": timezone.localdate()}),
                "health_form": forms.get("health_form") or HealthCheckForm(),
            },
            status=status,
        )


class VisitView(RecordView):
    model = Visit
    capability = "view"

    def get_queryset(self):
        return Visit.objects.select_related("prisoner", "session", "session__facility").prefetch_related(
            "visitor_rows__contact"
        )

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        if not selectors.may_change(request.user, Visit, pk):
            raise Http404
        step = request.POST.get("step")
        form = (
            CancelForm(request.POST) if step == "cancel" else VisitRecordForm(request.POST, visit=self.object)
        )
        if form.is_valid():
            try:
                if step == "cancel":
                    services.visit_cancel(actor=request.user, visit=self.object, **form.cleaned_data)
                else:
                    services.visit_record(actor=request.user, visit=self.object, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(reverse("family:visit", args=[pk]))
        return self.page(**{"cancel_form" if step == "cancel" else "record_form": form}, status=400)

    def page(self, status=200, **forms):
        v = self.object
        can = selectors.may_change(self.request.user, Visit, v.pk)
        return render(
            self.request,
            "family/visit.html",
            {
                "visit": v,
                "prisoner": v.prisoner,
                "can_change": can and v.status == "booked",
                "record_form": forms.get("record_form") or VisitRecordForm(visit=v),
                "cancel_form": forms.get("cancel_form") or CancelForm(),
            },
            status=status,
        )


class SessionListView(ServiceFormMixin, StaffView):
    """The visit sessions of the facilities whose officers or supervisors the user is
    (no prisoner's data: counts of bookings only)."""

    capability = NO_FILE

    def facilities(self):
        return roll_facilities(self.request.user)

    def get(self, request):
        return self.page(SessionForm(facilities=self.facilities()))

    success_message = gettext_lazy("Saved.")
    errors_on_form = True

    def post(self, request):
        self.writable = self.facilities()
        if not self.writable.exists():
            raise Http404
        return super().post(request)

    def get_form(self):
        return SessionForm(self.request.POST, facilities=self.writable)

    def perform(self, form):
        return services.session_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self, session):
        return reverse("family:session", args=[session.pk])

    def form_invalid(self, form):
        return self.page(form, status=400)

    def page(self, form, status=200):
        since = timezone.now() - dt.timedelta(days=7)
        rows = list(selectors.sessions(user=self.request.user).filter(ends_at__gte=since)[:200])
        return render(
            self.request,
            "family/sessions.html",
            {"sessions": rows, "form": form, "can_create": self.facilities().exists()},
            status=status,
        )


class SessionDetailView(RecordView):
    """One session and its bookings (those of files the user may read)."""

    model = VisitSession
    capability = "view"

    def get(self, request, pk):
        visits = list(selectors.visits(user=request.user).filter(session=self.object))
        self.note_rows(visits)
        return render(request, "family/session.html", {"session": self.object, "visits": visits})


class StatisticsView(StaffView):
    """Counts only (no prisoner's data): over the files the user may read."""

    capability = NO_FILE

    def get(self, request):
        form = StatisticsFilter(request.GET or None)
        stats = selectors.statistics(user=request.user, **form.filters())
        return render(request, "family/statistics.html", {"stats": stats, "form": form})
