"""Security operations in the browser: the move form with its live conflict list, the
roll of a facility and of a unit, and the day's movement log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from casemgmt.permissions import Capability
from core import reads
from core.pagination import BoundedPaginator
from core.views.base import NO_FILE, FileView, StaffView
from custody import selectors, services
from custody.choices import OUT_KINDS, PLACING_KINDS, MovementKind
from custody.forms import MoveForm
from custody.models import Movement
from custody.services.movements import OVERRIDE_CAPABILITY


def _move_args(form: MoveForm, prisoner) -> dict:
    data = form.cleaned_data
    cell = data.get("cell")
    return {
        "kind": data["kind"],
        "facility": data.get("facility") or prisoner.facility,
        "unit": cell.unit if cell else None,
        "cell": cell,
    }


class MoveView(FileView):
    """POST a movement (officers and supervisors of the facility: ``change_prisoner``);
    ``check/`` answers the same form with the list of conflicts, for htmx."""

    capability = Capability.CHANGE
    check = False

    def _render(self, request, form, conflicts=None, status=200, show_errors=True):
        # The conflicts name other people (a keep-apart link, a cellmate): they are read too.
        reads.note(selectors.named_prisoner_ids(c.other for c in conflicts or ()))
        return render(
            request,
            "custody/_move_form.html" if request.htmx else "custody/move_page.html",
            {
                "prisoner": self.prisoner,
                "move_form": form,
                "conflicts": conflicts,
                "can_override": OVERRIDE_CAPABILITY in self.capabilities,
                "show_errors": show_errors,
            },
            status=status,
        )

    def post(self, request, pk):
        prisoner = self.prisoner
        form = MoveForm(request.POST, prisoner=prisoner)
        if self.check:
            form.is_valid()  # the fields filled so far; errors are not shown while typing
            conflicts = self._conflicts(form)
            form._errors = ErrorDict()  # nor marked on the fields (aria-invalid) before a send
            return self._render(request, form, conflicts, show_errors=False)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.movement_record(
                    actor=request.user,
                    prisoner=prisoner,
                    reason=data["reason"],
                    external_place=data["external_place"],
                    occurred_at=data["occurred_at"],
                    authorised_by=data["authorised_by"],
                    override_reason=data["override_reason"],
                    property_signed=data["property_signed"],
                    property_note=data["property_note"],
                    hearing=data.get("hearing") if data["kind"] == MovementKind.COURT else None,
                    **_move_args(form, prisoner),
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        field = "cell" if field == "unit" else field  # the form names the place by its cell
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, _("The movement is recorded."))
                url = reverse("prisoner-tab", args=[prisoner.pk, "movements"])
                if request.htmx:
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = url
                    return response
                return HttpResponseRedirect(url)
        return self._render(request, form, self._conflicts(form), status=200 if request.htmx else 400)

    def _conflicts(self, form):
        # A move that places the person, and a trip out (keep-apart on the escort), are
        # checked; a return or a release has nothing to check, so no "no conflict" line either.
        if form.cleaned_data.get("kind") not in (*PLACING_KINDS, *OUT_KINDS):
            return None
        return services.movement_check(
            prisoner=self.prisoner,
            external_place=form.cleaned_data.get("external_place", ""),
            **_move_args(form, self.prisoner),
        )


class RollIndexView(StaffView, TemplateView):
    """The facilities whose roll the user keeps (names only: no prisoner is shown)."""

    capability = NO_FILE
    template_name = "custody/roll_index.html"

    def get(self, request, *args, **kwargs):
        facilities = list(selectors.roll_facilities(request.user))
        if not facilities:
            raise Http404
        if len(facilities) == 1:
            return HttpResponseRedirect(reverse("custody:roll", args=[facilities[0].pk]))
        return render(request, self.template_name, {"facilities": facilities})


class RollView(StaffView, TemplateView):
    """The live roll of a facility its officers and supervisors keep: the counts, and by
    name those out of the facility (each noted for the read audit)."""

    capability = "view"
    template_name = "custody/roll.html"

    def resolve(self) -> None:
        self.facility = selectors.roll_facility_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roll = selectors.roll(user=self.request.user, facility=self.facility)
        self.note_rows(roll["out"])
        context.update(facility=self.facility, roll=roll)
        return context


class UnitRollView(StaffView, TemplateView):
    """The cells of a unit with the people in each, by name (each noted)."""

    capability = "view"
    template_name = "custody/unit_roll.html"

    def resolve(self) -> None:
        self.unit = selectors.roll_unit_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cells = selectors.unit_roll(user=self.request.user, unit=self.unit)
        self.note_rows(p for row in cells for p in row["people"])
        context.update(unit=self.unit, cells=cells)
        return context


class MovementListView(StaffView, ListView):
    """The movement log of the prisoners the user may see (newest first)."""

    capability = "view"
    template_name = "custody/movement_list.html"
    context_object_name = "movements"
    paginate_by = 50
    paginator_class = BoundedPaginator

    def get_queryset(self):
        qs = self.restrict(Movement.objects.select_related("prisoner"))
        kind = self.request.GET.get("kind")
        if kind in MovementKind.values:
            qs = qs.filter(kind=kind)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["movements"] = context["object_list"] = selectors.movement_page(context["object_list"])
        self.note_rows(context["object_list"])
        kind = self.request.GET.get("kind", "")
        context.update(kinds=MovementKind.choices, kind=kind, querystring=f"kind={kind}" if kind else "")
        return context
