"""The family app's rows of the security matrices (``tests/security``): the GET
permission matrix, the write matrix, and the objects their routes are requested with.
Draft rows with ``PERMISSION_MATRIX_PRINT=1`` / ``WRITE_MATRIX_PRINT=1`` (see those tests)."""

# fmt: off
ROUTES = {
    "family-child-detail": ('family_child', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "family-child-health-check": ('family_child', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "family-child-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "family-child-move": ('family_child', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "family-consular-detail": ('family_consular', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "family-consular-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "family-contact-changes": ('family_contact', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "family-contact-detail": ('family_contact', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "family-contact-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "family-restriction-detail": ('family_restriction', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "family-restriction-lift": ('family_restriction', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "family-restriction-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "family-restriction-review": ('family_restriction', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "family-session-detail": ('family_session', {}, "401/401 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "family-session-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "family-visit-cancel": ('family_visit', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "family-visit-detail": ('family_visit', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "family-visit-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "family-visit-record": ('family_visit', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "family-visit-statistics": (None, {}, "401 200 200 200 200 200 200 200"),
    "family:child": ('family_child', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "family:child-add": ('prisoner', {}, "302/302 404/404 404/404 404/404 404/404 200/404 404/404 404/404"),
    "family:consular-add": ('prisoner', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "family:contact": ('family_contact', {}, "302/302 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "family:contact-add": ('prisoner', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "family:restriction": ('family_restriction', {}, "302/302 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "family:restriction-add": ('prisoner', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "family:session": ('family_session', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "family:sessions": (None, {}, "302 200 200 200 200 200 200 200"),
    "family:statistics": (None, {}, "302 200 200 200 200 200 200 200"),
    "family:visit": ('family_visit', {}, "302/302 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "family:visit-book": ('prisoner', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
}

WRITES = {
    'family-child-health-check': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'family-child-list': {'POST': '401 400 400 400 400 400 400 400'},
    'family-child-move': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'family-consular-list': {'POST': '401 400 400 400 400 400 400 400'},
    'family-contact-detail': {'PATCH': '401/401 200/404 404/200 404/404 404/404 200/404 404/404 404/404'},
    'family-contact-list': {'POST': '401 400 400 400 400 400 400 400'},
    'family-restriction-lift': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family-restriction-list': {'POST': '401 400 400 400 400 400 400 400'},
    'family-restriction-review': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family-session-list': {'POST': '401 400 400 400 400 400 400 400'},
    'family-visit-cancel': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family-visit-list': {'POST': '401 400 400 400 400 400 400 400'},
    'family-visit-record': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family:child': {'POST': '302/302 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'family:child-add': {'POST': '302/302 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'family:consular-add': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family:contact': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family:contact-add': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family:restriction': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family:restriction-add': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family:sessions': {'POST': '302 400 400 404 404 400 404 404'},
    'family:visit': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'family:visit-book': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
}
# fmt: on

#: drafting hints: the object kind of a route whose name does not tell, and other URL arguments
KINDS = {
    "family:contact-add": "prisoner",
    "family:restriction-add": "prisoner",
    "family:child-add": "prisoner",
    "family:visit-book": "prisoner",
    "family:consular-add": "prisoner",
    "family:contact": "family_contact",
    "family:restriction": "family_restriction",
    "family:child": "family_child",
    "family:visit": "family_visit",
    "family:session": "family_session",
    "family-contact-detail": "family_contact",
    "family-contact-changes": "family_contact",
    "family-restriction-detail": "family_restriction",
    "family-restriction-review": "family_restriction",
    "family-restriction-lift": "family_restriction",
    "family-child-detail": "family_child",
    "family-child-move": "family_child",
    "family-child-health-check": "family_child",
    "family-session-detail": "family_session",
    "family-visit-detail": "family_visit",
    "family-visit-record": "family_visit",
    "family-visit-cancel": "family_visit",
    "family-consular-detail": "family_consular",
}
EXTRA: dict = {}


def objects(demo) -> dict[str, tuple[int, int]]:
    """For one prisoner of each facility, through the services (as the system): a contact,
    a restriction, a child, a session with a visit, and a consular notification."""
    import datetime as dt

    from django.utils import timezone

    from family import services

    out: dict[str, list[int]] = {}
    for side in ("A", "B"):
        prisoner = demo.prisoners[side][0]
        facility = demo.facilities[side]
        contact = services.contact_add(
            actor=None, prisoner=prisoner, relationship="parent", name="Модар", may_visit=True
        )
        restriction = services.restriction_impose(
            actor=None,
            prisoner=prisoner,
            kind="supervised",
            reason_kind="security",
            reason="Threats reported",
            review_on=timezone.localdate() + dt.timedelta(days=30),
        )
        child = services.child_add(
            actor=None,
            prisoner=prisoner,
            name="Сино",
            age_years=7,
            whereabouts="relatives",
            location="Ваҳдат",
            carer="Бибӣ",
        )
        start = timezone.now() + dt.timedelta(days=2)
        session = services.session_create(
            actor=None,
            facility=facility,
            kind="family",
            room="1",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            capacity=4,
        )
        visit = services.visit_book(actor=None, session=session, prisoner=prisoner, visitors=[contact])
        prisoner.citizenships = ["TJ", "UZ"]
        prisoner.save(update_fields=["citizenships"])
        consular = services.consular_notify(
            actor=None,
            prisoner=prisoner,
            notified_on=timezone.localdate(),
            consulate="Consulate",
            consent="given",
        )
        for kind, obj in (
            ("family_contact", contact),
            ("family_restriction", restriction),
            ("family_child", child),
            ("family_session", session),
            ("family_visit", visit),
            ("family_consular", consular),
        ):
            out.setdefault(kind, []).append(obj.pk)
    return {k: tuple(v) for k, v in out.items()}
