"""Case management in the browser. Every view resolves its prisoner or plan through
the restricted querysets with the capability it needs (404 otherwise)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from casemgmt import selectors as core_selectors
from casemgmt import timeline
from casemgmt.choices import Role
from casemgmt.models import User
from casemgmt.permissions import capabilities_of
from casework import selectors, services
from casework.choices import NOTE_CAPABILITY, PlanStatus
from casework.forms import ActionForm, AllocationForm, GoalForm, NeedForm, NoteForm, PlanForm, ReviewForm
from casework.models import Action, Goal
from casework.tabs import parse_before


def _tab(prisoner_id, tab):
    return reverse("prisoner-tab", args=[prisoner_id, tab])


def _flash(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _version(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


class CaseloadView(LoginRequiredMixin, TemplateView):
    """A case manager's prisoners: next risk review, plan status, overdue actions, latest note."""

    template_name = "casework/caseload.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        managers = []
        manager = user
        if Role.SUPERVISOR in user.roles:
            managers = list(
                User.objects.filter(
                    groups__name=Role.CASE_MANAGER, facilities__in=core_selectors.facilities_for(user)
                )
                .distinct()
                .order_by("last_name")
            )
            chosen = self.request.GET.get("manager")
            manager = next((m for m in managers if str(m.pk) == chosen), managers[0] if managers else user)
        elif Role.CASE_MANAGER not in user.roles:
            raise Http404
        sort = self.request.GET.get("sort", "review")
        rows = selectors.caseload(
            user=user, case_manager=manager, sort=sort, only_overdue=self.request.GET.get("overdue") == "1"
        )
        rows = list(rows)
        for row in rows:
            row.plan_status_label = PlanStatus(row.plan_status).label if row.plan_status else ""
        context = super().get_context_data(**kwargs)
        context.update(
            rows=rows,
            manager=manager,
            managers=managers,
            sort=sort,
            only_overdue=self.request.GET.get("overdue") == "1",
            today=selectors.overdue_cutoff(),
        )
        return context


class AllocateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        prisoner = core_selectors.prisoner_get(user=request.user, pk=pk, action="allocate")
        form = AllocationForm(request.POST, facility=prisoner.facility)
        if form.is_valid():
            try:
                services.allocation_set(actor=request.user, prisoner=prisoner, **form.cleaned_data)
                messages.success(request, _("Allocated."))
            except ValidationError as exc:
                _flash(request, exc)
        else:
            messages.error(request, _("Choose a case manager."))
        return HttpResponseRedirect(_tab(pk, "plan"))


class PlanCreateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        prisoner = core_selectors.prisoner_get(user=request.user, pk=pk, action="manage_caseplan")
        try:
            services.plan_create(
                actor=request.user, prisoner=prisoner, summary=request.POST.get("summary", "")
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("Case plan started."))
        return HttpResponseRedirect(_tab(pk, "plan"))


class PlanChangeView(LoginRequiredMixin, View):
    """All edits of a plan: one URL per kind of change, the plan's version in every form."""

    def post(self, request, pk, change):
        plan = selectors.plan_get(user=request.user, pk=pk)
        prisoner = plan.prisoner
        version = _version(request)
        try:
            if change == "details":
                form = PlanForm(request.POST)
                if form.is_valid():
                    services.plan_update(
                        actor=request.user, plan=plan, expected_version=version, **form.cleaned_data
                    )
            elif change == "need":
                form = NeedForm(request.POST, prefix="need")
                if form.is_valid():
                    services.need_add(
                        actor=request.user, plan=plan, expected_version=version, **form.cleaned_data
                    )
            elif change == "goal":
                form = GoalForm(request.POST, plan=plan, prefix="goal")
                if form.is_valid():
                    services.goal_add(
                        actor=request.user, plan=plan, expected_version=version, **form.cleaned_data
                    )
            elif change == "action":
                goal = get_object_or_404(Goal, pk=request.POST.get("goal"), plan=plan)
                form = ActionForm(request.POST, facility=prisoner.facility, prefix=f"action-{goal.pk}")
                if form.is_valid():
                    services.action_add(
                        actor=request.user, goal=goal, expected_version=version, **form.cleaned_data
                    )
            elif change == "action-status":
                action = get_object_or_404(Action, pk=request.POST.get("action"), goal__plan=plan)
                form = None
                services.action_set_status(
                    actor=request.user,
                    action=action,
                    status=request.POST.get("status", ""),
                    expected_version=version,
                )
            elif change == "transition":
                form = None
                services.plan_transition(
                    actor=request.user, plan=plan, to=request.POST.get("to", ""), expected_version=version
                )
            elif change == "review":
                form = ReviewForm(request.POST, plan=plan, prefix="review")
                if form.is_valid():
                    services.plan_review_record(
                        actor=request.user,
                        plan=plan,
                        expected_version=version,
                        progress=form.progress(),
                        **{
                            k: form.cleaned_data[k]
                            for k in ("held_on", "attendees", "decisions", "next_review_date")
                        },
                    )
            else:
                raise Http404
        except ValidationError as exc:
            _flash(request, exc)
            return HttpResponseRedirect(_tab(prisoner.pk, "plan"))
        if form is not None and not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        else:
            messages.success(request, _("Saved."))
        return HttpResponseRedirect(_tab(prisoner.pk, "plan"))


class PlanOnDateView(LoginRequiredMixin, View):
    """The plan as it stood on a given date (from its snapshots)."""

    def get(self, request, pk):
        from django.utils.dateparse import parse_date

        plan = selectors.plan_get(user=request.user, pk=pk)
        day = parse_date(request.GET.get("on", "") or "")
        snapshot = None
        if day:
            import datetime as dt

            from django.utils import timezone

            snapshot = services.plan_on(plan, timezone.make_aware(dt.datetime.combine(day, dt.time.max)))
        if snapshot is not None:
            _label_snapshot(snapshot)
        return render(request, "casework/_plan_on.html", {"plan": plan, "snapshot": snapshot, "day": day})


class NotesView(LoginRequiredMixin, View):
    """GET: the notes list (htmx), search and older pages. POST: add a note or a correction."""

    def get(self, request, pk):
        prisoner = core_selectors.prisoner_get(user=request.user, pk=pk, action="manage_caseplan")
        before = request.GET.get("before", "")
        notes, next_before = selectors.notes_page(
            user=request.user,
            prisoner=prisoner,
            query=request.GET.get("q", ""),
            before_id=int(before) if before.isdigit() else None,
            kind=request.GET.get("kind", ""),
        )
        return render(
            request,
            "casework/_notes.html",
            {
                "prisoner": prisoner,
                "notes": notes,
                "next_before": next_before,
                "q": request.GET.get("q", ""),
                "kind": request.GET.get("kind", ""),
                "editable_minutes": services.settings.NOTE_EDIT_GRACE_MINUTES,
            },
        )

    def post(self, request, pk):
        prisoner = core_selectors.prisoner_get(user=request.user, pk=pk, action="manage_caseplan")
        capabilities = capabilities_of(request.user, prisoner)
        kinds = [
            k
            for k in NoteForm.base_fields["kind"].choices
            if k[0] not in NOTE_CAPABILITY or NOTE_CAPABILITY[k[0]] in capabilities
        ]
        form = NoteForm(request.POST, kinds=[k for k, _label in kinds])
        corrects = None
        if request.POST.get("corrects"):
            corrects = (
                selectors.notes_visible(user=request.user)
                .filter(pk=request.POST["corrects"], prisoner=prisoner)
                .first()
            )
            if corrects is None:
                raise Http404
        if form.is_valid():
            try:
                services.note_add(
                    actor=request.user, prisoner=prisoner, corrects=corrects, **form.cleaned_data
                )
                messages.success(request, _("Note added."))
            except ValidationError as exc:
                _flash(request, exc)
        else:
            messages.error(request, _("Write the note and choose its kind."))
        return HttpResponseRedirect(_tab(pk, "notes"))


class NoteEditView(LoginRequiredMixin, View):
    def post(self, request, pk):
        note = selectors.notes_visible(user=request.user).filter(pk=pk).first()
        if note is None:
            raise Http404
        try:
            services.note_edit(actor=request.user, note=note, text=request.POST.get("text", ""))
            messages.success(request, _("Note changed."))
        except ValidationError as exc:
            _flash(request, exc)
        return HttpResponseRedirect(_tab(note.prisoner_id, "notes"))


class TimelineView(LoginRequiredMixin, View):
    def get(self, request, pk):
        prisoner = core_selectors.prisoner_get(user=request.user, pk=pk)
        capabilities = capabilities_of(request.user, prisoner)
        before = parse_before(request.GET.get("before"))
        entries = timeline.entries(prisoner, request.user, capabilities, before=before, limit=50)
        return render(
            request,
            "casework/_timeline.html",
            {
                "prisoner": prisoner,
                "entries": entries,
                "next_before": entries[-1].at.isoformat() if len(entries) == 50 else None,
            },
        )


def _label_snapshot(snapshot) -> None:
    """Codes of a stored snapshot to labels in the reader's language."""
    from casework.choices import ActionStatus, GoalStatus, NeedArea

    def label(enum, value):
        return enum(value).label if value in enum.values else value

    data = snapshot.data
    snapshot.status_label = label(PlanStatus, data.get("status"))
    for need in data.get("needs", []):
        need["area_label"] = label(NeedArea, need.get("area"))
    for goal in data.get("goals", []):
        goal["status_label"] = label(GoalStatus, goal.get("status"))
        for action in goal.get("actions", []):
            action["status_label"] = label(ActionStatus, action.get("status"))
