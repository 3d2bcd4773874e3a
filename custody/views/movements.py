"""Security operations in the browser: the move form with its live conflict list, the
roll of a facility and of a unit, and the day's movement log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from casemgmt.models import Unit
from casemgmt.permissions import Capability, capabilities_of
from casemgmt.selectors import get_visible
from casemgmt.views.mixins import PrisonerAccessMixin
from custody import selectors, services
from custody.choices import PLACING_KINDS, MovementKind
from custody.forms import MoveForm
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


class MoveView(PrisonerAccessMixin, View):
    """POST a movement (officers and supervisors of the facility: ``change_prisoner``);
    ``check/`` answers the same form with the list of conflicts, for htmx."""

    action = Capability.CHANGE
    check = False

    def _render(self, request, form, conflicts=None, status=200, show_errors=True):
        capabilities = capabilities_of(request.user, self.prisoner)
        return render(
            request,
            "custody/_move_form.html" if request.htmx else "custody/move_page.html",
            {
                "prisoner": self.prisoner,
                "move_form": form,
                "conflicts": conflicts,
                "can_override": OVERRIDE_CAPABILITY in capabilities,
                "show_errors": show_errors,
            },
            status=status,
        )

    def post(self, request, pk):
        prisoner = self.prisoner
        form = MoveForm(request.POST, prisoner=prisoner)
        if self.check:
            form.is_valid()  # the fields filled so far; errors are not shown while typing
            return self._render(request, form, self._conflicts(form), show_errors=False)
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
        # Only a move that places the person is checked: a trip out or a release has no
        # placement, so no "no conflict" line either.
        if form.cleaned_data.get("kind") not in PLACING_KINDS:
            return None
        return services.movement_check(prisoner=self.prisoner, **_move_args(form, self.prisoner))


class RollIndexView(LoginRequiredMixin, TemplateView):
    template_name = "custody/roll_index.html"

    def get(self, request, *args, **kwargs):
        facilities = list(selectors.roll_facilities(request.user))
        if not facilities:
            raise Http404
        if len(facilities) == 1:
            return HttpResponseRedirect(reverse("custody:roll", args=[facilities[0].pk]))
        return render(request, self.template_name, {"facilities": facilities})


class RollView(LoginRequiredMixin, TemplateView):
    template_name = "custody/roll.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facility = selectors.roll_facility_get(user=self.request.user, pk=kwargs["pk"])
        context.update(facility=facility, roll=selectors.roll(user=self.request.user, facility=facility))
        return context


class UnitRollView(LoginRequiredMixin, TemplateView):
    template_name = "custody/unit_roll.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = get_visible(
            Unit.objects.filter(facility__in=selectors.roll_facilities(self.request.user)).select_related(
                "facility"
            ),
            kwargs["pk"],
        )
        context.update(unit=unit, cells=selectors.unit_roll(user=self.request.user, unit=unit))
        return context


class MovementListView(LoginRequiredMixin, ListView):
    """The movement log of the prisoners the user may see (newest first)."""

    template_name = "custody/movement_list.html"
    context_object_name = "movements"
    paginate_by = 50

    def get_queryset(self):
        qs = selectors.movement_list(user=self.request.user)
        kind = self.request.GET.get("kind")
        if kind in MovementKind.values:
            qs = qs.filter(kind=kind)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.request.GET.get("kind", "")
        context.update(kinds=MovementKind.choices, kind=kind, querystring=f"kind={kind}" if kind else "")
        return context
