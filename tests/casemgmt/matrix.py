"""The case file's own rows of the security matrices added by the identity correction
(page and API action). Draft rows with ``PERMISSION_MATRIX_PRINT=1`` / ``WRITE_MATRIX_PRINT=1``."""

# fmt: off
ROUTES = {
    "prisoner-correct": ('prisoner', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "prisoner-identity-correct": ('prisoner', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    # the work queue (issue 23): every role reaches it; its rows are each source's restricted ones
    "queue": (None, {}, "302 200 200 200 200 200 200 200"),
    "queue-api": (None, {}, "401 200 200 200 200 200 200 200"),
}

WRITES = {
    'prisoner-correct': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'prisoner-identity-correct': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
}
# fmt: on

KINDS = {
    "prisoner-identity-correct": "prisoner",
    "prisoner-correct": "prisoner",
}
EXTRA = {}


def objects(demo) -> dict[str, tuple[int, int]]:
    return {}
