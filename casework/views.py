"""Case management in the browser. Every view derives from a base that resolves its
prisoner, plan or note through the restriction with the capability it declares (404
otherwise) and notes what it shows for the read audit (``core.views.base``)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from casemgmt import selectors as core_selectors
from casemgmt import timeline
from casemgmt.choices import Role
from casemgmt.models import User
from casemgmt.permissions import Capability
from casework import caseload as caseload_columns
from casework import selectors, services
from casework.choices import ActionStatus, GoalStatus, NeedArea, PlanStatus
from casework.forms import ActionForm, AllocationForm, GoalForm, NeedForm, NoteForm, PlanForm, ReviewForm
from casework.models import Action, CaseNote, CasePlan, Goal
from casework.querysets import readable_kinds
from casework.tabs import parse_before
from core.views.base import FileView, RecordView, StaffView
from core.views.forms import ServiceFormMixin, flash, flash_form


def _tab(prisoner_id, tab):
    return reverse("prisoner-tab", args=[prisoner_id, tab])


def _version(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


class CaseloadView(StaffView, TemplateView):
    """A case manager's prisoners: next risk review, plan status, overdue actions, latest note.
    Supervisors choose the case manager; every row shown is noted for the read audit."""

    capability = Capability.MANAGE_CASEPLAN
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
        rows = selectors.caseload_rows(
            user=user,
            case_manager=manager,
            sort=sort,
            only_overdue=self.request.GET.get("overdue") == "1",
            action=self.capability,
        )
        self.note_rows(rows)
        columns = caseload_columns.columns()
        today = selectors.overdue_cutoff()
        context = super().get_context_data(**kwargs)
        context.update(
            rows=rows,
            rows_html=caseload_columns.rows_html(rows, columns, today),
            columns=columns,
            colspan=6 + len(columns),
            manager=manager,
            managers=managers,
            sort=sort,
            only_overdue=self.request.GET.get("overdue") == "1",
        )
        return context


class AllocateView(ServiceFormMixin, FileView):
    capability = Capability.ALLOCATE
    form_class = AllocationForm
    success_message = gettext_lazy("Allocated.")

    def get_form_kwargs(self):
        return {"facility": self.prisoner.facility}

    def get_invalid_message(self, form):
        # no case manager chosen; otherwise the form's own errors (a handover note too long)
        return _("Choose a case manager.") if "case_manager" in form.errors else ""

    def perform(self, form):
        services.allocation_set(actor=self.request.user, prisoner=self.prisoner, **form.cleaned_data)

    def back_url(self):
        return _tab(self.prisoner.pk, "plan")


class PlanCreateView(ServiceFormMixin, FileView):
    capability = Capability.MANAGE_CASEPLAN
    success_message = gettext_lazy("Case plan started.")

    def perform(self, form):
        services.plan_create(
            actor=self.request.user, prisoner=self.prisoner, summary=self.request.POST.get("summary", "")
        )

    def back_url(self):
        return _tab(self.prisoner.pk, "plan")


class PlanRecordView(RecordView):
    """A page of one case plan, resolved through the case-plan capability (404 otherwise)."""

    model = CasePlan
    capability = Capability.MANAGE_CASEPLAN

    def get_queryset(self):
        return CasePlan.objects.select_related("prisoner", "prisoner__facility")


class PlanChangeView(PlanRecordView):
    """All edits of a plan: one URL per kind of change, the plan's version in every form."""

    def post(self, request, pk, change):
        plan = self.object
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
                form = ActionForm(request.POST, prisoner=prisoner, prefix=f"action-{goal.pk}")
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
            flash(request, exc)
            return HttpResponseRedirect(_tab(prisoner.pk, "plan"))
        if form is not None and not form.is_valid():
            flash_form(request, form)
        else:
            messages.success(request, _("Saved."))
        return HttpResponseRedirect(_tab(prisoner.pk, "plan"))


class PlanOnDateView(PlanRecordView):
    """The plan as it stood on a given date (from its snapshots)."""

    def get(self, request, pk):
        plan = self.object
        day = parse_date(request.GET.get("on", "") or "")
        snapshot = None
        if day:
            snapshot = services.plan_on(plan, timezone.make_aware(dt.datetime.combine(day, dt.time.max)))
        if snapshot is not None:
            _label_snapshot(snapshot)
        return render(request, "casework/_plan_on.html", {"plan": plan, "snapshot": snapshot, "day": day})


class NotesView(ServiceFormMixin, FileView):
    """GET: the notes list (htmx), search and older pages. POST: add a note or a correction."""

    capability = Capability.MANAGE_CASEPLAN

    def get(self, request, pk):
        before = request.GET.get("before", "")
        notes, next_before = selectors.notes_page(
            user=request.user,
            prisoner=self.prisoner,
            query=request.GET.get("q", ""),
            before_id=int(before) if before.isdigit() else None,
            kind=request.GET.get("kind", ""),
        )
        self.note_rows(notes)
        return render(
            request,
            "casework/_notes.html",
            {
                "prisoner": self.prisoner,
                "notes": notes,
                "next_before": next_before,
                "q": request.GET.get("q", ""),
                "kind": request.GET.get("kind", ""),
                "editable_minutes": services.settings.NOTE_EDIT_GRACE_MINUTES,
            },
        )

    form_class = NoteForm
    success_message = gettext_lazy("Note added.")

    def get_form_kwargs(self):
        return {"kinds": readable_kinds(self.capabilities)}

    def post(self, request, pk):
        """A correction names a note of this file the user may read (404 otherwise)."""
        self.corrects = None
        if request.POST.get("corrects"):
            self.corrects = (
                selectors.notes_visible(user=request.user)
                .filter(pk=request.POST["corrects"], prisoner=self.prisoner)
                .first()
            )
            if self.corrects is None:
                raise Http404
        return super().post(request, pk)

    def get_invalid_message(self, form):
        if "text" in form.errors and self.request.POST.get("text", "").strip():
            return ""  # too long: the form's own error says so
        return _("Write the note and choose its kind.")

    def perform(self, form):
        services.note_add(
            actor=self.request.user, prisoner=self.prisoner, corrects=self.corrects, **form.cleaned_data
        )

    def back_url(self):
        return _tab(self.prisoner.pk, "notes")


class NoteEditView(ServiceFormMixin, RecordView):
    """Fix a note in its grace period: the note is resolved with its kind's capability."""

    model = CaseNote
    capability = Capability.MANAGE_CASEPLAN
    success_message = gettext_lazy("Note changed.")

    def perform(self, form):
        services.note_edit(actor=self.request.user, note=self.object, text=self.request.POST.get("text", ""))

    def back_url(self):
        return _tab(self.object.prisoner_id, "notes")


class TimelineView(FileView):
    """The file's timeline: each source gives only what the reader may open (see
    ``casemgmt.timeline``); the file is noted by the base."""

    capability = Capability.VIEW

    def get(self, request, pk):
        before = parse_before(request.GET.get("before"))
        entries = timeline.entries(self.prisoner, request.user, self.capabilities, before=before, limit=50)
        return render(
            request,
            "casework/_timeline.html",
            {
                "prisoner": self.prisoner,
                "entries": entries,
                "rows_html": timeline.rows_html(entries),
                "next_before": entries[-1].at.isoformat() if len(entries) == 50 else None,
            },
        )


def _label_snapshot(snapshot) -> None:
    """Codes of a stored snapshot to labels in the reader's language."""

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
            # stored as ISO; shown in the reader's format (issue 23)
            action["target_day"] = parse_date(action.get("target_date") or "")
