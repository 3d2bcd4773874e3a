"""The legal app's rows of the security matrices (``tests/security``).
Draft rows with ``PERMISSION_MATRIX_PRINT=1`` / ``WRITE_MATRIX_PRINT=1`` (see those tests)."""

# fmt: off
ROUTES = {
    # route: (object kind, other URL arguments, statuses for
    #          anonymous officer.a officer.b casemanager.a programme.a supervisor.a admin auditor)
    "appeal-decide": ('appeal', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "appeal-detail": ('appeal', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "appeal-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "copy-request-content": ('subjectaccessrequest', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "copy-request-deliver": ('subjectaccessrequest', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "copy-request-detail": ('subjectaccessrequest', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "copy-request-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "handover-content": ('handoversummary', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "handover-detail": ('handoversummary', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "handover-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "hearing-detail": ('hearing', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "hearing-link-movement": ('hearing', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "hearing-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "hearing-outcome": ('hearing', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "legal-case-detail": ('legalcase', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "legal-case-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "legal:copy": ('prisoner', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "legal:copy-pdf": ('prisoner', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "legal:handover": ('prisoner', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "legal:handover-print": ('handoversummary', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "legal:handover-pdf": ('handoversummary', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "legal:plan": ('prisoner', {'step': 'item'}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "legal:record": ('prisoner', {'step': 'sentence'}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "release-calculation-detail": ('releasecalculation', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "release-calculation-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "release-plan-detail": ('releaseplan', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "release-plan-item-detail": ('planitem', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "release-plan-item-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "release-plan-items": ('releaseplan', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "release-plan-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "release-plan-set-status": ('releaseplan', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "remand-period-detail": ('remandperiod', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "remand-period-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "sentence-detail": ('sentence', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "sentence-list": (None, {}, "401 200 200 200 200 200 200 200"),
}

WRITES = {
    'appeal-decide': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'appeal-list': {'POST': '401 400 400 400 400 400 400 400'},
    'copy-request-deliver': {'POST': '401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404'},
    'copy-request-list': {'POST': '401 400 400 400 400 400 400 400'},
    'handover-list': {'POST': '401 400 400 400 400 400 400 400'},
    'hearing-link-movement': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'hearing-list': {'POST': '401 400 400 400 400 400 400 400'},
    'hearing-outcome': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'legal-case-list': {'POST': '401 400 400 400 400 400 400 400'},
    'legal:handover': {'POST': '302/302 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'legal:plan': {'POST': '302/302 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'legal:record': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'release-plan-item-detail': {'PATCH': '401/401 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'release-plan-items': {'POST': '401/401 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'release-plan-list': {'POST': '401 400 400 400 400 400 400 400'},
    'release-plan-set-status': {'POST': '401/401 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'remand-period-list': {'POST': '401 400 400 400 400 400 400 400'},
    'sentence-list': {'POST': '401 400 400 400 400 400 400 400'},
}
# fmt: on

KINDS = {
    "legal:record": "prisoner",
    "legal:plan": "prisoner",
    "legal:handover": "prisoner",
    "legal:copy": "prisoner",
    "legal:handover-print": "handoversummary",
    "legal:handover-pdf": "handoversummary",
    "legal:copy-pdf": "prisoner",
}
#: the API's detail routes: route name prefix -> object kind
_API = {
    "legal-case": "legalcase",
    "hearing": "hearing",
    "remand-period": "remandperiod",
    "sentence": "sentence",
    "appeal": "appeal",
    "release-calculation": "releasecalculation",
    "release-plan-item": "planitem",
    "release-plan": "releaseplan",
    "handover": "handoversummary",
    "copy-request": "subjectaccessrequest",
}
_ACTIONS = {
    "legal-case": ["detail"],
    "hearing": ["detail", "outcome", "link-movement"],
    "remand-period": ["detail"],
    "sentence": ["detail"],
    "appeal": ["detail", "decide"],
    "release-calculation": ["detail"],
    "release-plan-item": ["detail"],
    "release-plan": ["detail", "items", "set-status"],
    "handover": ["detail", "content"],
    "copy-request": ["detail", "deliver", "content"],
}
KINDS.update({f"{base}-{a}": _API[base] for base, actions in _ACTIONS.items() for a in actions})
EXTRA = {"legal:record": {"step": "sentence"}, "legal:plan": {"step": "item"}}


def objects(demo) -> dict[str, tuple[int, int]]:
    """A case with charge, hearing, remand, sentence, appeal, release plan with an action,
    handover summary and copy request for one prisoner of each facility (facility A's by its
    officer and case manager; facility B's by its officer and the system)."""
    import datetime as dt

    from django.utils import timezone

    from legal import services
    from legal.models import ReleaseCalculation

    today = timezone.localdate()
    out: dict[str, list[int]] = {}
    for side, officer, manager in (("A", "officer.a", "casemanager.a"), ("B", "officer.b", None)):
        officer = demo.users[officer]
        manager = demo.users[manager] if manager else None
        prisoner = demo.prisoners[side][3]
        case = services.case_create(
            actor=officer, prisoner=prisoner, case_number=f"M-{side}", court="Суд", charges=[("ст. 186", "")]
        )
        hearing = services.hearing_create(actor=officer, case=case, scheduled_at=timezone.now())
        remand = services.remand_record(actor=officer, case=case, start_on=today - dt.timedelta(days=60))
        sentence = services.sentence_record(actor=officer, case=case, sentenced_on=today, years=1)
        appeal = services.appeal_lodge(actor=officer, sentence=sentence, lodged_on=today, court="Суди Олӣ")
        plan = services.plan_open(actor=manager, prisoner=prisoner)
        item = services.plan_item_add(actor=manager, plan=plan, pathway="accommodation", action="Find a room")
        handover = services.handover_create(
            actor=manager,
            prisoner=prisoner,
            agency="probation",
            recipient="Office",
            sections=["identity"],
            reason="matrix",
        )
        copy = services.copy_request(actor=manager, prisoner=prisoner)
        calc = ReleaseCalculation.objects.filter(prisoner=prisoner).order_by("-id").first()
        for kind, obj in (
            ("legalcase", case),
            ("hearing", hearing),
            ("remandperiod", remand),
            ("sentence", sentence),
            ("appeal", appeal),
            ("releasecalculation", calc),
            ("releaseplan", plan),
            ("planitem", item),
            ("handoversummary", handover),
            ("subjectaccessrequest", copy),
        ):
            out.setdefault(kind, []).append(obj.pk)
    return {k: (v[0], v[1]) for k, v in out.items()}
