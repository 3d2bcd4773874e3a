"""The complaints app's rows of the security matrices (``tests/security``): the GET
permission matrix, the write matrix, and the objects their routes are requested with.
Draft rows with ``PERMISSION_MATRIX_PRINT=1`` / ``WRITE_MATRIX_PRINT=1`` (see those tests)."""

# fmt: off
ROUTES = {
    # route: (object kind, other URL arguments, statuses for
    #          anonymous officer.a officer.b casemanager.a programme.a supervisor.a admin auditor)
    "complaint-acknowledge": ('complaint', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "complaint-after-complaint": (None, {}, "401 200 200 200 200 200 200 200"),
    "complaint-answer": ('complaint', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "complaint-assign": ('complaint', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "complaint-close": ('complaint', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "complaint-copy-given": ('complaint', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "complaint-detail": ('complaint', {}, "401/401 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "complaint-investigate": ('complaint', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "complaint-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "complaint-overdue": (None, {}, "401 200 200 200 200 200 200 200"),
    "complaint-refer": ('complaint', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "complaint-reprisal-review": ('complaint', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "complaint-statistics": (None, {}, "401 200 200 200 200 200 200 200"),
    "complaints:create": ('prisoner', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "complaints:detail": ('complaint', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "complaints:register": (None, {}, "302 200 200 200 200 200 200 200"),
    "complaints:reprisal-review": ('complaint', {}, "302/302 404/404 404/404 404/404 404/404 405/404 404/404 404/404"),
    "complaints:review": (None, {}, "302 200 200 200 200 200 200 200"),
    "complaints:statistics": (None, {}, "302 200 200 200 200 200 200 200"),
    "complaints:step": ('complaint', {'step': 'acknowledge'}, "302/302 404/404 404/404 404/404 404/404 405/404 404/404 404/404"),
}

WRITES = {
    'complaint-acknowledge': {'POST': '401/401 404/404 404/404 404/404 404/404 200/404 404/404 404/404'},
    'complaint-answer': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'complaint-assign': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'complaint-close': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'complaint-copy-given': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'complaint-investigate': {'POST': '401/401 404/404 404/404 404/404 404/404 200/404 404/404 404/404'},
    'complaint-list': {'POST': '401 400 400 400 400 400 400 400'},
    'complaint-refer': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'complaint-reprisal-review': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'complaints:create': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'complaints:reprisal-review': {'POST': '302/302 404/404 404/404 404/404 404/404 302/404 404/404 404/404'},
    'complaints:step': {'POST': '302/302 404/404 404/404 404/404 404/404 302/404 404/404 404/404'},
}
# fmt: on

#: drafting hints: the object kind of a route whose name does not tell, and other URL arguments
KINDS = {
    "complaints:create": "prisoner",
    "complaints:detail": "complaint",
    "complaints:step": "complaint",
    "complaints:reprisal-review": "complaint",
}
EXTRA = {"complaints:step": {"step": "acknowledge"}}


def objects(demo) -> dict[str, tuple[int, int]]:
    """A complaint taken by each facility's officer for one of its prisoners."""
    from complaints import services as complaints
    from complaints.choices import Category

    def complaint(side):
        officer = demo.users["officer.a" if side == "A" else "officer.b"]
        return complaints.complaint_record(
            actor=officer,
            prisoner=demo.prisoners[side][1],
            category=Category.CONDITIONS,
            words="The cell is cold at night.",
        ).pk

    return {"complaint": (complaint("A"), complaint("B"))}
