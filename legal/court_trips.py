"""A trip to court names its hearing (registered with ``custody.court_hearings``): the move
form offers the person's upcoming hearings, and the recorded trip is linked to the chosen
one by ``services.hearing_link_movement`` in the movement's transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.dates import day_range
from custody import court_hearings
from legal import services
from legal.choices import HearingOutcome
from legal.models import Hearing


def upcoming(prisoner) -> list[tuple[str, str]]:
    """Hearings from today on (the facility's day), pending and not yet linked to a trip."""
    start, _ = day_range()
    hearings = (
        Hearing.objects.filter(
            prisoner_id=prisoner.pk,
            movement__isnull=True,
            outcome=HearingOutcome.PENDING,
            scheduled_at__gte=start,
        )
        .select_related("case")
        .order_by("scheduled_at", "id")
    )
    return [
        (
            str(h.pk),
            f"{formats.date_format(timezone.localtime(h.scheduled_at), 'SHORT_DATETIME_FORMAT')}"
            f" · {h.court} · {h.case.case_number}",
        )
        for h in hearings
    ]


def link(actor, movement, hearing_id) -> None:
    hearing = (
        Hearing.objects.select_for_update(of=("self",))
        .filter(prisoner_id=movement.prisoner_id, pk=hearing_id)
        .select_related("prisoner")
        .first()
    )
    if hearing is None:
        raise ValidationError({"hearing": [_("Choose a hearing of this person.")]})
    if hearing.movement_id is not None:
        raise ValidationError({"hearing": [_("This hearing is already linked to another trip.")]})
    try:
        services.hearing_link_movement(actor=actor, hearing=hearing, movement=movement)
    except ValidationError as exc:
        raise ValidationError({"hearing": exc.messages}) from exc


def register() -> None:
    court_hearings.register(choices=upcoming, link=link)
