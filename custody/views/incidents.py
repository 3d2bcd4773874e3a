"""Incident reports: the list, a new draft, and one report's page (edit the draft, name the
people involved, submit, review, addenda)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from core.pagination import BoundedPaginator
from core.views.base import StaffView
from core.views.forms import errors_to_form, flash
from custody import selectors, services
from custody.forms import AddendumForm, IncidentForm, IncidentPersonForm, IncidentReviewForm
from custody.models import Incident
from custody.querysets import READ
from custody.services.incidents import _is_supervisor
from custody.views.searches import FacilityRecordView, _prisoner


class IncidentListView(StaffView, ListView):
    capability = READ
    template_name = "custody/incident_list.html"
    context_object_name = "incidents"
    paginate_by = 50
    paginator_class = BoundedPaginator

    def get_queryset(self):
        # ``people`` prefetched: each row's prisoners are noted without a query a row.
        qs = self.restrict(Incident.objects.select_related(*selectors.INCIDENT_RELATED)).prefetch_related(
            "people"
        )
        status = self.request.GET.get("status")
        return qs.filter(status=status) if status else qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.note_rows(context["object_list"])
        facilities = selectors.roll_facilities(self.request.user)
        context["can_report"] = facilities.exists()
        context.setdefault("form", IncidentForm(facilities=facilities))
        return context

    def post(self, request):
        facilities = selectors.roll_facilities(request.user)
        if not facilities.exists():
            raise Http404
        form = IncidentForm(request.POST, facilities=facilities)
        if form.is_valid():
            try:
                incident = services.incident_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(
                    request, _("The draft report is saved. Name the people involved, then submit it.")
                )
                return HttpResponseRedirect(reverse("custody:incident", args=[incident.pk]))
        self.object_list = self.get_queryset()
        return render(request, self.template_name, self.get_context_data(form=form), status=400)


class IncidentView(FacilityRecordView):
    """A report: read by whoever may read it; its author and the facility's staff edit the
    draft, name the people, submit, review (supervisors) and add addenda."""

    model = Incident

    def get_queryset(self):
        return Incident.objects.select_related(*selectors.INCIDENT_RELATED)

    def get(self, request, pk, forms=None, status=200):
        incident = self.object
        staff = selectors.is_facility_staff(request.user, incident.facility_id)
        people = list(incident.people.select_related("prisoner", "staff"))
        self.note_rows(people)
        context = {
            "incident": incident,
            "people": people,
            "addenda": list(incident.addenda.select_related("author")),
            "is_staff": staff,
            "is_author": incident.reported_by_id == request.user.pk,
            "is_supervisor": _is_supervisor(request.user, incident.facility),
            "edit_form": IncidentForm(
                initial={
                    "kind": incident.kind,
                    "occurred_at": incident.occurred_at,
                    "location": incident.location,
                    "description": incident.description,
                },
                facilities=selectors.roll_facilities(request.user),
            ),
            "person_form": IncidentPersonForm(facility=incident.facility),
            "review_form": IncidentReviewForm(),
            "addendum_form": AddendumForm(),
        }
        context.update(forms or {})
        return render(request, "custody/incident.html", context, status=status)

    def post(self, request, pk):
        incident = self.object
        what = request.POST.get("what")
        form, key = None, None
        try:
            if what == "edit":
                form, key = (
                    IncidentForm(request.POST, facilities=selectors.roll_facilities(request.user)),
                    "edit_form",
                )
                if form.is_valid():
                    data = {k: v for k, v in form.cleaned_data.items() if k != "facility"}
                    services.incident_update(actor=request.user, incident=incident, **data)
            elif what == "person":
                form, key = IncidentPersonForm(request.POST, facility=incident.facility), "person_form"
                if form.is_valid():
                    data = form.cleaned_data
                    services.incident_person_add(
                        actor=request.user,
                        incident=incident,
                        role=data["role"],
                        prisoner=_prisoner(request.user, data["prison_number"]),
                        staff=data["staff"],
                        name=data["name"],
                    )
            elif what == "submit":
                services.incident_submit(actor=request.user, incident=incident)
            elif what == "review":
                form, key = IncidentReviewForm(request.POST), "review_form"
                if form.is_valid():
                    services.incident_review(actor=request.user, incident=incident, **form.cleaned_data)
            elif what == "addendum":
                form, key = AddendumForm(request.POST), "addendum_form"
                if form.is_valid():
                    services.incident_addendum_add(actor=request.user, incident=incident, **form.cleaned_data)
            else:
                raise Http404
        except ValidationError as exc:
            if form is None:
                flash(request, exc)
                return HttpResponseRedirect(reverse("custody:incident", args=[pk]))
            errors_to_form(form, exc)
        if form is not None and form.errors:
            return self.get(request, pk, forms={key: form}, status=400)
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("custody:incident", args=[pk]))
