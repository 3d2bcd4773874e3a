"""The discipline app's rows of the security matrices (``tests/security``): the GET
permission matrix, the write matrix, and the objects their routes are requested with.
Draft rows with ``PERMISSION_MATRIX_PRINT=1`` / ``WRITE_MATRIX_PRINT=1`` (see those tests)."""

# fmt: off
ROUTES = {
    # route: (object kind, other URL arguments, statuses for
    #          anonymous officer.a officer.b casemanager.a programme.a supervisor.a admin auditor)
    "disciplinary-offence-detail": ('offence', {}, "401/401 200/200 200/200 200/200 200/200 200/200 200/200 200/200"),
    "disciplinary-offence-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "disciplinary-report-appeal": ('report', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "disciplinary-report-charge": ('report', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "disciplinary-report-decide": ('report', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "disciplinary-report-detail": ('report', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "disciplinary-report-hear": ('report', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "disciplinary-report-legal": ('report', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "disciplinary-report-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "disciplinary-report-sanction": ('report', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "disciplinary-report-statistics": (None, {}, "401 200 200 200 200 200 200 200"),
    "disciplinary-sanction-detail": ('sanctionkind', {}, "401/401 200/200 200/200 200/200 200/200 200/200 200/200 200/200"),
    "disciplinary-sanction-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "discipline:create": ('prisoner', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "discipline:missed-visits": (None, {}, "302 200 200 200 200 200 200 200"),
    "discipline:register": (None, {}, "302 200 200 200 200 200 200 200"),
    "discipline:report": ('report', {}, "302/302 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "discipline:report-step": ('report', {'step': 'hear'}, "302/302 405/404 404/405 405/404 404/404 405/404 404/404 404/404"),
    "discipline:separate": ('prisoner', {}, "302/302 404/404 404/404 404/404 404/404 200/404 404/404 404/404"),
    "discipline:separation": ('separation', {}, "302/302 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "discipline:separation-step": ('separation', {'step': 'review'}, "302/302 405/404 404/405 405/404 404/404 405/404 404/404 404/404"),
    "discipline:separations": (None, {}, "302 200 200 200 200 200 200 200"),
    "discipline:statistics": (None, {}, "302 200 200 200 200 200 200 200"),
    "separation-detail": ('separation', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "separation-end": ('separation', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "separation-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "separation-missed-visits": (None, {}, "401 200 200 200 200 200 200 200"),
    "separation-review": ('separation', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "separation-visit": ('separation', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
}

WRITES = {
    'disciplinary-report-appeal': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'disciplinary-report-charge': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'disciplinary-report-decide': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'disciplinary-report-hear': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'disciplinary-report-legal': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'disciplinary-report-list': {'POST': '401 400 400 400 400 400 400 400'},
    'disciplinary-report-sanction': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'discipline:create': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'discipline:report-step': {'POST': '302/302 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'discipline:separate': {'POST': '302/302 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'discipline:separation-step': {'POST': '302/302 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'separation-end': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'separation-list': {'POST': '401 400 400 400 400 400 400 400'},
    'separation-review': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'separation-visit': {'POST': '401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
}
# fmt: on

#: drafting hints: the object kind of a route whose name does not tell, and other URL arguments
KINDS = {
    "discipline:create": "prisoner",
    "discipline:separate": "prisoner",
    "discipline:report": "report",
    "discipline:report-step": "report",
    "discipline:separation": "separation",
    "discipline:separation-step": "separation",
    "disciplinary-report-detail": "report",
    "disciplinary-report-charge": "report",
    "disciplinary-report-legal": "report",
    "disciplinary-report-hear": "report",
    "disciplinary-report-sanction": "report",
    "disciplinary-report-appeal": "report",
    "disciplinary-report-decide": "report",
    "separation-detail": "separation",
    "separation-end": "separation",
    "separation-review": "separation",
    "separation-visit": "separation",
    "disciplinary-offence-detail": "offence",
    "disciplinary-sanction-detail": "sanctionkind",
}
EXTRA = {"discipline:report-step": {"step": "hear"}, "discipline:separation-step": {"step": "review"}}


def objects(demo) -> dict[str, tuple[int, int]]:
    """A report taken by each facility's officer for one of its prisoners (the charge put),
    and a protective separation of another prisoner of each facility (two days long,
    no health visit yet)."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from discipline import services
    from discipline.models import Offence, SanctionKind

    offence = Offence.objects.get_or_create(
        code="damage", defaults={"name": "Damage", "regulation": "Art. 18"}
    )[0]
    kind = SanctionKind.objects.get_or_create(
        code="caution", defaults={"name": "Caution", "category": "caution"}
    )[0]

    def report(side):
        officer = demo.users["officer.a" if side == "A" else "officer.b"]
        r = services.report_create(
            actor=officer,
            prisoner=demo.prisoners[side][1],
            offence=offence,
            occurred_at=timezone.now() - dt.timedelta(hours=2),
            place="Yard",
            facts="Broke a bench.",
        )
        today = timezone.localdate()
        services.report_charge(actor=officer, report=r, informed_on=today, language="tg", prepare_until=today)
        return r.pk

    def separation(side):
        from discipline.models import Separation

        # The demo's classification may have put this person under the separation regime,
        # which opened its own period: that one, begun two days ago, serves.
        running = Separation.objects.filter(prisoner=demo.prisoners[side][2], ended_at__isnull=True)
        begun = timezone.now() - dt.timedelta(days=2)
        if running.update(started_at=begun, counted_from=begun):
            return running.get().pk
        return services.separation_start(
            actor=demo.users["supervisor.a"] if side == "A" else None,
            prisoner=demo.prisoners[side][2],
            kind="protective",
            legal_basis="Order no. 3",
            hours_out=Decimal("2"),
            # begun two days ago: the list of missed health visits has rows to show
            started_at=timezone.now() - dt.timedelta(days=2),
        ).pk

    return {
        "report": (report("A"), report("B")),
        "separation": (separation("A"), separation("B")),
        "offence": (offence.pk, offence.pk),
        "sanctionkind": (kind.pk, kind.pk),
    }
