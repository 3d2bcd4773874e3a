"""The classification's separation regime in the separation log (a listener registered
with ``classification.listeners`` in ``DisciplineConfig.ready``).

An approved decision with the separation regime opens a period of kind ``regime`` whose
legal basis is the decision; a later decision that keeps the regime continues the same
period (the days of Rule 44 keep counting) with the new decision as its basis, and one
that lifts the regime ends it. A person already held apart on another ground keeps that one
period, and the regime's opens when it ends (``resume``). Idempotent: a decision opens at most one period (a unique
constraint), and running it again (``sync``) changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from classification import listeners
from classification.choices import Regime
from classification.models import Classification
from core import audit
from core.choices import AuditAction
from discipline.choices import REGIME_HOURS_OUT, SeparationKind
from discipline.models import Separation
from discipline.separations import separation_close, separation_open


def legal_basis(classification) -> str:
    return (
        _("Classification decision of %(date)s: separation regime (security level %(level)s)")
        % {
            "date": timezone.localdate(classification.decided_at or timezone.now()),
            "level": classification.get_security_level_display(),
        }
    )[:200]


def on_decided(*, actor, classification) -> Separation | None:
    """The period the decision opens or continues (None: none is open for it)."""
    if classification.regime != Regime.SEPARATED:
        _lift(actor, classification)
        return None
    if Separation.objects.filter(classification=classification).exists():
        return None  # already done for this decision
    running = (
        Separation.objects.select_for_update()
        .filter(prisoner_id=classification.prisoner_id, ended_at__isnull=True)
        .first()
    )
    if running is not None:
        if running.kind != SeparationKind.REGIME:
            return None  # held apart on another ground: that period goes on, one at a time
        before = audit.snapshot(running, ["classification", "legal_basis"])
        running.classification, running.legal_basis = classification, legal_basis(classification)
        running.full_clean()
        running.save(update_fields=["classification", "legal_basis"])
        audit.record(
            actor,
            AuditAction.UPDATE,
            running,
            subject=running.prisoner_id,
            before=before,
            after=audit.snapshot(running, ["classification", "legal_basis"]),
            reason="separation regime continued",
        )
        return running
    prisoner = classification.prisoner
    if prisoner.facility_id is None:
        return None
    return separation_open(
        actor=actor,
        prisoner=prisoner,
        kind=SeparationKind.REGIME,
        legal_basis=legal_basis(classification),
        started_at=classification.decided_at or timezone.now(),
        planned_end=None,
        hours_out=Decimal(REGIME_HOURS_OUT),
        classification=classification,
    )


def resume(actor, ended: Separation) -> Separation | None:
    """A period of another kind ended while the current decision imposes the regime (it
    could not open beside it: one period at a time): the regime's own period opens now."""
    if ended.kind == SeparationKind.REGIME:
        return None  # ended at review or by a later decision: not reopened here
    current = (
        Classification.objects.filter(
            prisoner_id=ended.prisoner_id, status="approved", regime=Regime.SEPARATED
        )
        .select_related("prisoner")
        .first()
    )
    if current is None or current.prisoner.facility_id is None:
        return None
    if Separation.objects.filter(
        Q(classification=current) | Q(ended_at__isnull=True), prisoner_id=ended.prisoner_id
    ).exists():
        return None
    return separation_open(
        actor=actor,
        prisoner=current.prisoner,
        kind=SeparationKind.REGIME,
        legal_basis=legal_basis(current),
        started_at=ended.ended_at,
        planned_end=None,
        hours_out=Decimal(REGIME_HOURS_OUT),
        classification=current,
    )


def _lift(actor, classification) -> None:
    reason = _("Separation regime lifted by the classification decision of %(date)s") % {
        "date": timezone.localdate(classification.decided_at or timezone.now())
    }
    for running in Separation.objects.select_for_update().filter(
        prisoner_id=classification.prisoner_id, kind=SeparationKind.REGIME, ended_at__isnull=True
    ):
        ended = max(classification.decided_at or timezone.now(), running.started_at)
        separation_close(actor, running, reason, ended_at=ended)


def sync(actor=None) -> int:
    """Every current decision with the separation regime has its period (run again: no
    change). Returns how many periods were opened."""
    linked = Separation.objects.filter(classification__isnull=False)
    before = linked.count()
    current = Classification.objects.filter(status="approved", regime=Regime.SEPARATED)
    for classification in current.select_related("prisoner").iterator():
        with transaction.atomic():
            on_decided(actor=actor, classification=classification)
    return linked.count() - before


def register() -> None:
    listeners.register(on_decided)
