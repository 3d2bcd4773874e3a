"""The schema says what every operation may answer besides its success: the errors of the
edge (``core.edge``, ``core.api.parsers``, ``core.views.errors``) are the same
for every route, so they are documented once, here, for every operation.

A drf-spectacular post-processing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``);
an operation's own description of a status (a 409 with its body, a 410) is kept."""

from __future__ import annotations

from typing import Any

ERROR = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail` (and `code`) for the request as a whole, or the "
    "messages of each field that was refused, keyed by the field's name.",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "additionalProperties": True,
}
#: status -> (description, only for operations that take a body)
ERRORS = {
    "400": ("The request is not valid (the messages say why).", False),
    "401": ("Not signed in, or the token is not valid.", False),
    "403": ("Refused (e.g. the second factor is not verified).", False),
    "404": ("Not found, or not visible to you (the same answer).", False),
    "413": ("The request body is larger than allowed.", True),
    "415": ("The content type of the body is not accepted.", True),
    "503": ("The service is temporarily unavailable; try again after Retry-After seconds.", False),
}


def document_errors(
    result: dict[str, Any], generator: object, request: object, public: bool
) -> dict[str, Any]:
    """Add the edge's error answers to every operation of the schema."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR}"}}}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, (description, body_only) in ERRORS.items():
                if status in responses or (body_only and method not in ("post", "put", "patch")):
                    continue
                responses[status] = {"description": description, "content": reference}
    return result
