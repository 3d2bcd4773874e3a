"""The case file's Risk tab and the security summary in its header.

The case-file view notes the file it shows; what these add to the page is noted here
too — above all the keep-apart links, which show the other person's number."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from classification import selectors
from classification.chart import line_chart
from classification.choices import ClassificationStatus
from classification.forms import (
    ChallengeDecisionForm,
    ChallengeForm,
    DecisionForm,
    FlagForm,
    KeepApartForm,
    StartForm,
)
from classification.models import Assessment, Challenge, Classification, KeepApart
from core import reads


def risk_context(prisoner, user, capabilities):
    due = selectors.review_status(prisoner)
    assessments = list(
        selectors.assessment_list(user=user).filter(prisoner=prisoner).order_by("-created_at")[:50]
    )
    hist = selectors.history(prisoner)
    labels = [formats.date_format(r["assessment"].approved_at, "SHORT_DATE_FORMAT") for r in hist["rows"]]
    series = [
        (
            str(_("Overall")),
            [{"low": 0, "moderate": 1, "high": 2}.get(r["assessment"].overall) for r in hist["rows"]],
        )
    ]
    series += [(str(entry["domain"]), entry["points"]) for entry in hist["series"].values()]
    proposal = Classification.objects.filter(prisoner=prisoner, status=ClassificationStatus.PROPOSED).first()
    current = due["classification"]
    challenges = list(
        Challenge.objects.filter(classification__prisoner=prisoner).select_related("classification")
    )
    keep_apart = _open_links(prisoner)
    reads.note_instances([*assessments, *challenges])
    ctx = {
        "due": due,
        "assessments": assessments,
        "history": hist,
        "chart": line_chart(labels, series),
        "proposal": proposal,
        "current": current,
        "challenges": challenges,
        "keep_apart": keep_apart,
        "can_assess": Capability.ASSESS_RISK in capabilities,
        "can_approve": Capability.APPROVE_RISK in capabilities,
        "start_form": StartForm(instruments=selectors.published_instruments()),
        "flag_form": FlagForm(),
        "challenge_form": ChallengeForm(),
        "challenge_decision_form": ChallengeDecisionForm(),
        "keep_apart_form": KeepApartForm(),
    }
    if proposal is not None:
        ctx["decision_form"] = DecisionForm(
            initial={"security_level": proposal.suggested_level, "regime": proposal.suggested_regime}
        )
    return ctx


def header(prisoner, user, capabilities):
    """Officers see the security level and the constraints they must respect; programme staff nothing."""
    if not ({Capability.CHANGE, Capability.VIEW_RISK} & capabilities):
        return {}
    return {
        "show_security": True,
        "security": selectors.current_classification(prisoner),
        "security_keep_apart": _open_links(prisoner),
    }


def _open_links(prisoner) -> list[KeepApart]:
    links = list(KeepApart.objects.filter(prisoner=prisoner, closed_at__isnull=True).select_related("other"))
    reads.note_instances(links)  # each names the other prisoner
    return links


_approved = timeline.query(
    lambda prisoner, before, limit: (
        Assessment.objects.filter(prisoner=prisoner, status="approved", approved_at__lt=before)
        .select_related("instrument_version__instrument")
        .order_by("-approved_at")[:limit]
    )
)
_decided = timeline.query(
    lambda prisoner, before, limit: (
        Classification.objects.filter(prisoner=prisoner, decided_at__lt=before)
        .exclude(decided_at=None)
        .order_by("-decided_at")[:limit]
    )
)


def _timeline(prisoner, user, capabilities, before, limit):
    if Capability.VIEW_RISK not in capabilities:
        return []
    values = {"prisoner": prisoner.pk, "before": before, "limit": limit}
    url = reverse("prisoner-tab", args=[prisoner.pk, "risk"])
    entries = [
        timeline.Entry(
            a.approved_at,
            "assessment",
            f"{_('Risk assessment approved')}: {a.get_overall_display()}",
            str(a.instrument_version),
            url,
        )
        for a in _approved.all(**values)
    ]
    entries += [
        timeline.Entry(
            c.decided_at,
            "classification",
            f"{_('Classification')}: {c.get_security_level_display()}, {c.get_regime_display()}",
            c.override_reason,
            url,
        )
        for c in _decided.all(**values)
    ]
    return entries


def register():
    tabs.register(tabs.Tab("risk", _("Risk"), Capability.VIEW_RISK, "classification/tab.html", risk_context))
    tabs.register_header(header)
    timeline.register(_timeline)
