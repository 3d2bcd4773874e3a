"""The search log, finds and each find's chain of custody."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from core.pagination import BoundedPaginator
from core.uploads import photo_response
from core.views.base import RecordView, StaffView
from core.views.forms import errors_to_form
from custody import selectors, services
from custody.forms import CustodyEventForm, FindForm, FindPhotoForm, OutcomeForm, SearchForm
from custody.models import Find, Search
from custody.querysets import READ, RECORD


def _prisoner(user, number: str):
    """A prisoner named by number, among those the user may record against (or None)."""
    return selectors.prisoner_by_number(user=user, number=number)


class FacilityRecordView(RecordView):
    """A search, find or incident: read (GET) by whoever may read it, written (POST) only
    by the officers and supervisors of its facility (``RECORD``) — 404 for anyone else,
    before the form is looked at."""

    capability = READ
    write_capability = RECORD

    def resolve(self) -> None:
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            self.capability = self.write_capability
        super().resolve()


class SearchListView(StaffView, ListView):
    """The search log of the facilities the user works in, and the form to record one."""

    capability = READ
    template_name = "custody/search_list.html"
    context_object_name = "searches"
    paginate_by = 50
    paginator_class = BoundedPaginator

    def resolve(self) -> None:
        if not selectors.roll_facilities(self.request.user).exists():
            raise Http404

    def get_queryset(self):
        return selectors.search_rows(self.restrict(Search.objects.all()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.note_rows(context["object_list"])
        context.setdefault("form", SearchForm(facilities=selectors.roll_facilities(self.request.user)))
        return context

    def post(self, request):
        form = SearchForm(request.POST, facilities=selectors.roll_facilities(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                search = services.search_record(
                    actor=request.user,
                    facility=data["facility"],
                    kind=data["kind"],
                    basis=data["basis"],
                    cell=data["cell"],
                    prisoner=_prisoner(request.user, data["prison_number"]),
                    area=data["area"],
                    searched_at=data["searched_at"],
                    searched_by=data["searched_by"],
                    result=data["result"],
                    notes=data["notes"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The search is recorded."))
                return HttpResponseRedirect(reverse("custody:search", args=[search.pk]))
        self.object_list = self.get_queryset()
        return render(request, self.template_name, self.get_context_data(form=form), status=400)


class SearchView(FacilityRecordView):
    model = Search

    def get_queryset(self):
        return selectors.search_rows(Search.objects.all())

    def get(self, request, pk, form=None, status=200):
        search = self.object
        finds = list(search.finds.select_related("prisoner"))
        self.note_rows(finds)
        return render(
            request,
            "custody/search.html",
            {
                "search": search,
                "finds": finds,
                "form": form or FindForm(),
                "can_record": selectors.is_facility_staff(request.user, search.facility_id),
            },
            status=status,
        )

    def post(self, request, pk):
        search = self.object
        form = FindForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                find = services.find_record(
                    actor=request.user,
                    search=search,
                    tag_number=data["tag_number"],
                    item_type=data["item_type"],
                    description=data["description"],
                    where_found=data["where_found"],
                    holder=data["holder"],
                    prisoner=_prisoner(request.user, data["prison_number"]),
                    photo=data["photo"],
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The find is recorded, bagged and tagged."))
                return HttpResponseRedirect(reverse("custody:find", args=[find.pk]))
        return self.get(request, pk, form=form, status=400)


class FindListView(StaffView, ListView):
    capability = READ
    template_name = "custody/find_list.html"
    context_object_name = "finds"
    paginate_by = 50
    paginator_class = BoundedPaginator

    def get_queryset(self):
        return self.restrict(Find.objects.select_related(*selectors.FIND_RELATED))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.note_rows(context["object_list"])
        return context


class FindView(FacilityRecordView):
    """A find with its whole chain of custody; facility staff add links and the outcome."""

    model = Find

    def get_queryset(self):
        return Find.objects.select_related(*selectors.FIND_RELATED)

    def get(self, request, pk, event_form=None, outcome_form=None, photo_form=None, status=200):
        find = self.object
        return render(
            request,
            "custody/find.html",
            {
                "find": find,
                "chain": list(find.custody.select_related("recorded_by")),
                "can_record": selectors.is_facility_staff(request.user, find.facility_id),
                "event_form": event_form or CustodyEventForm(),
                "outcome_form": outcome_form or OutcomeForm(initial={"outcome": find.outcome}),
                "photo_form": photo_form or FindPhotoForm(),
            },
            status=status,
        )

    def post(self, request, pk):
        find = self.object
        if request.POST.get("what") == "photo":
            form, service, done, slot = (
                FindPhotoForm(request.POST, request.FILES),
                services.find_photo_add,
                _("Photo saved."),
                "photo_form",
            )
        elif request.POST.get("what") == "outcome":
            form, service, done, slot = (
                OutcomeForm(request.POST),
                services.find_set_outcome,
                _("The outcome is recorded."),
                "outcome_form",
            )
        else:
            form, service, done, slot = (
                CustodyEventForm(request.POST),
                services.custody_event_add,
                _("The chain of custody is updated."),
                "event_form",
            )
        if form.is_valid():
            try:
                service(actor=request.user, find=find, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, done)
                return HttpResponseRedirect(reverse("custody:find", args=[pk]))
        # The form comes back with what was typed and the errors beside the fields.
        return self.get(request, pk, status=400, **{slot: form})


class FindPhotoView(RecordView):
    """Photos of finds are stored outside the web root and served only through this check."""

    capability = READ
    model = Find

    def get(self, request, pk):
        if not self.object.photo:
            raise Http404
        return photo_response(self.object.photo, f"find-{self.object.pk}.jpg")
