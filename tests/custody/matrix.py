"""Custody's rows of the security matrices for what happens after admission (deaths in
custody, injuries seen later, vulnerability decisions): the GET permission matrix, the
write matrix, and the objects their routes are requested with. Draft rows with
``PERMISSION_MATRIX_PRINT=1`` / ``WRITE_MATRIX_PRINT=1`` (see those tests)."""

# fmt: off
ROUTES = {
    "custody:death": ('prisoner', {}, "302/302 404/404 404/404 404/404 404/404 200/404 404/404 404/404"),
    "custody:injuries": ('prisoner', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "custody:vulnerability": ('prisoner', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "death-detail": ('death', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "death-later": ('death', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "death-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "injury-record-detail": ('injuryrecord', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "injury-record-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "vulnerability-detail": ('vulnerabilitydecision', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "vulnerability-list": (None, {}, "401 200 200 200 200 200 200 200"),
}

WRITES = {
    'custody:death': {'POST': '302/302 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'custody:injuries': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'custody:vulnerability': {'POST': '302/302 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'death-later': {'POST': '401/401 404/404 404/404 404/404 404/404 200/404 404/404 404/404'},
    'death-list': {'POST': '401 400 400 400 400 400 400 400'},
    'injury-record-list': {'POST': '401 400 400 400 400 400 400 400'},
    'vulnerability-list': {'POST': '401 400 400 400 400 400 400 400'},
}
# fmt: on

KINDS = {
    "custody:death": "prisoner",
    "custody:injuries": "prisoner",
    "custody:vulnerability": "prisoner",
    "death-detail": "death",
    "death-later": "death",
    "injury-record-detail": "injuryrecord",
    "vulnerability-detail": "vulnerabilitydecision",
}
EXTRA = {}


def objects(demo) -> dict[str, tuple[int, int]]:
    """Per facility, on its last prisoner (the other rows use the first ones): a death, an
    injury record and a vulnerability decision. Facility B has no supervisor in the demo,
    so its death and decision are written as the system (``actor=None``) would."""
    from django.utils import timezone

    from custody import services
    from custody.models import Death, VulnerabilityDecision
    from custody.services.movements import movement_record

    a, b = demo.prisoners["A"][-1], demo.prisoners["B"][-1]
    sup_a, officer_b = demo.users["supervisor.a"], demo.users["officer.b"]
    death_a = services.death_record(
        actor=sup_a, prisoner=a, died_at=timezone.now(), place="Cell", circumstances="Found at the count"
    )
    movement_record(actor=None, prisoner=b, kind="death", reason="death in custody", external_place="Cell")
    death_b = Death.objects.create(
        prisoner=b,
        facility=b.facility,
        died_at=timezone.now(),
        place="Cell",
        circumstances="Found at the count",
        recorded_by=officer_b,
    )
    injury_a, injury_b = (
        services.injury_record(
            actor=demo.users[user],
            prisoner=p,
            seen_at=None,
            occasion="other",
            recorder="officer",
            description="x",
        ).pk
        for user, p in (("officer.a", demo.prisoners["A"][1]), ("officer.b", demo.prisoners["B"][1]))
    )
    decision_a, _conflicts = services.vulnerability_decide(
        actor=sup_a, prisoner=demo.prisoners["A"][1], vulnerable=True, reason="Threatened"
    )
    decision_b = VulnerabilityDecision.objects.create(
        prisoner=demo.prisoners["B"][1], vulnerable=True, reason="Threatened", decided_by=officer_b
    )
    return {
        "death": (death_a.pk, death_b.pk),
        "injuryrecord": (injury_a, injury_b),
        "vulnerabilitydecision": (decision_a.pk, decision_b.pk),
    }
