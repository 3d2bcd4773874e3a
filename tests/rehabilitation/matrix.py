"""The programmes' rows of the security matrices added by "all present" (issue 23).
Draft rows with ``PERMISSION_MATRIX_PRINT=1`` / ``WRITE_MATRIX_PRINT=1``."""

# fmt: off
ROUTES = {
    "session-all-present": ('session', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
}

WRITES = {
    # an empty body is "everyone present, no exception": recorded by whoever runs the session
    'session-all-present': {'POST': '401/401 404/404 404/404 404/404 200/404 200/404 404/404 404/404'},
}
# fmt: on

KINDS = {"session-all-present": "session"}
EXTRA = {}


def objects(demo) -> dict[str, tuple[int, int]]:
    return {}
