"""The search log, finds and each find's chain of custody."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from casemgmt.models import Prisoner
from casemgmt.uploads import photo_response
from custody import selectors, services
from custody.forms import CustodyEventForm, FindForm, FindPhotoForm, OutcomeForm, SearchForm


def _flash(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _prisoner(user, number: str):
    """A prisoner named by number, among those the user may record against (or None)."""
    number = (number or "").strip()
    if not number:
        return None
    found = Prisoner.objects.restrict(user, "change_prisoner").filter(prison_number=number).first()
    if found is None:
        raise ValidationError({"prison_number": [_("No prisoner you may see has that prison number.")]})
    return found


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class SearchListView(LoginRequiredMixin, ListView):
    """The search log of the facilities the user works in, and the form to record one."""

    template_name = "custody/search_list.html"
    context_object_name = "searches"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.roll_facilities(request.user).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.search_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
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
                _form_errors(form, exc)
            else:
                messages.success(request, _("The search is recorded."))
                return HttpResponseRedirect(reverse("custody:search", args=[search.pk]))
        self.object_list = self.get_queryset()
        return render(request, self.template_name, self.get_context_data(form=form), status=400)


class SearchView(LoginRequiredMixin, View):
    def get(self, request, pk, form=None, status=200):
        search = selectors.search_get(user=request.user, pk=pk)
        return render(
            request,
            "custody/search.html",
            {
                "search": search,
                "finds": list(search.finds.select_related("prisoner")),
                "form": form or FindForm(),
                "can_record": selectors.roll_facilities(request.user).filter(pk=search.facility_id).exists(),
            },
            status=status,
        )

    def post(self, request, pk):
        search = selectors.search_get(user=request.user, pk=pk)
        if not selectors.roll_facilities(request.user).filter(pk=search.facility_id).exists():
            raise Http404
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
                _form_errors(form, exc)
            else:
                messages.success(request, _("The find is recorded, bagged and tagged."))
                return HttpResponseRedirect(reverse("custody:find", args=[find.pk]))
        return self.get(request, pk, form=form, status=400)


class FindListView(LoginRequiredMixin, ListView):
    template_name = "custody/find_list.html"
    context_object_name = "finds"
    paginate_by = 50

    def get_queryset(self):
        return selectors.find_list(user=self.request.user)


class FindView(LoginRequiredMixin, View):
    """A find with its whole chain of custody; facility staff add links and the outcome."""

    def get(self, request, pk, event_form=None, outcome_form=None, photo_form=None, status=200):
        find = selectors.find_get(user=request.user, pk=pk)
        return render(
            request,
            "custody/find.html",
            {
                "find": find,
                "chain": list(find.custody.select_related("recorded_by")),
                "can_record": selectors.roll_facilities(request.user).filter(pk=find.facility_id).exists(),
                "event_form": event_form or CustodyEventForm(),
                "outcome_form": outcome_form or OutcomeForm(initial={"outcome": find.outcome}),
                "photo_form": photo_form or FindPhotoForm(),
            },
            status=status,
        )

    def post(self, request, pk):
        find = selectors.find_get(user=request.user, pk=pk)
        if not selectors.roll_facilities(request.user).filter(pk=find.facility_id).exists():
            raise Http404
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
                _form_errors(form, exc)
            else:
                messages.success(request, done)
                return HttpResponseRedirect(reverse("custody:find", args=[pk]))
        # The form comes back with what was typed and the errors beside the fields.
        return self.get(request, pk, status=400, **{slot: form})


class FindPhotoView(LoginRequiredMixin, View):
    """Photos of finds are stored outside the web root and served only through this check."""

    def get(self, request, pk):
        find = selectors.find_get(user=request.user, pk=pk)
        if not find.photo:
            raise Http404
        return photo_response(find.photo, f"find-{find.pk}.jpg")
