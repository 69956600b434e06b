"""The OpenAPI document: every operation declares the errors it can answer.

FastAPI declares a 422 with its own ``HTTPValidationError`` shape and nothing else;
the server answers every error as ``ErrorOut``. Here each operation gets the statuses
it can really give, each with that schema, so a client generator or a conformance
fuzzer (tests/test_fuzzing.py) meets no undocumented answer:

- every operation: 400 (control characters in the URL, malformed JSON) and 500 (the
  last-resort answer, which the tests make sure no input reaches);
- with parameters or a body: 422; with a body: 413;
- behind a login (bearer token): 401, 403 (the role may not do this), 404 (an object
  named in the request is not there or not visible); writes also 409;
- the few statuses of one route (410 for pull, 416 for a file range, 429 for login)
  are listed in ``ROUTE_STATUSES``. A route that gains a status adds it there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from ecabinet.server.deps import current_user
from ecabinet.server.schemas import ErrorOut

ERROR_REF = "#/components/schemas/ErrorOut"
BEARER = "bearer"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

STATUS_TEXT: dict[int, str] = {
    400: "Bad request: a control character in the URL, a body that is not JSON, "
    "a malformed cursor or range.",
    401: "Not logged in, or the session has ended (``code`` and, for an ended session, "
    "``reason`` say why).",
    403: "The caller may see this but not do it (role).",
    404: "Not found, or not visible to the caller (the two are not told apart).",
    409: "Conflicts with the current state (already issued, closed, taken).",
    410: "Gone: the sync cursor is no longer known (resync from zero), or the operation "
    "moved (device keys are registered by the password login).",
    413: "The request body is over the server's limit (``limit_bytes``).",
    416: "The requested byte range lies past the end of the file.",
    422: "A value is invalid: ``field`` names it, ``message`` says why "
    "(control characters, out of range, a time outside 2000–2100…).",
    429: "Too many attempts: wait for ``Retry-After`` seconds.",
    500: "Unexpected server error (logged); the request was not carried out.",
}

# Statuses particular to one operation, beyond the rules above: (method, path).
ROUTE_STATUSES: dict[tuple[str, str], set[int]] = {
    ("POST", "/api/v1/auth/login"): {401, 429},
    ("POST", "/api/v1/auth/refresh"): {401, 429},
    ("POST", "/api/v1/auth/logout"): {401},
    ("GET", "/api/v1/sync/pull"): {410},
    ("GET", "/api/v1/files/{sha256}"): {416},
    ("HEAD", "/api/v1/files/{sha256}"): {416},
    ("POST", "/api/v1/devices"): {410},  # registration moved into the password login
}


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any] | None]:
    yield dependant.call
    for sub in dependant.dependencies:
        yield from _calls(sub)


def _has_params(dependant: Dependant) -> bool:
    if dependant.path_params or dependant.query_params or dependant.header_params:
        return True
    if dependant.body_params or dependant.cookie_params:
        return True
    return any(_has_params(sub) for sub in dependant.dependencies)


def _has_body(dependant: Dependant) -> bool:
    return bool(dependant.body_params) or any(_has_body(s) for s in dependant.dependencies)


def error_statuses(route: APIRoute, method: str) -> set[int]:
    """The error statuses ``method`` on ``route`` can answer (see the module's rules)."""
    statuses = {400, 500}
    raw_body = "requestBody" in (route.openapi_extra or {})
    if _has_params(route.dependant) or raw_body:
        statuses.add(422)
    if _has_body(route.dependant) or raw_body:
        statuses.add(413)
    if current_user in set(_calls(route.dependant)):
        statuses |= {401, 403, 404}
        if method in UNSAFE:
            statuses.add(409)
    statuses |= ROUTE_STATUSES.get((method, route.path_format), set())
    return statuses


def is_authenticated(route: APIRoute) -> bool:
    return current_user in set(_calls(route.dependant))


def api_routes(app: FastAPI, routers: Sequence[APIRouter]) -> list[APIRoute]:
    """The app's operations. Read from the routers themselves: recent FastAPI keeps an
    included router as one opaque entry in ``app.routes`` rather than copying its routes.
    """
    found: dict[tuple[str, frozenset[str]], APIRoute] = {}
    for route in [*app.router.routes, *(r for router in routers for r in router.routes)]:
        if isinstance(route, APIRoute):
            found.setdefault((route.path_format, frozenset(route.methods or ())), route)
    return list(found.values())


def build_openapi(app: FastAPI, routers: Sequence[APIRouter]) -> dict[str, Any]:
    spec = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    components = spec.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error_schema.pop("$defs", {}))
    schemas["ErrorOut"] = error_schema
    components.setdefault("securitySchemes", {})[BEARER] = {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "The access token of POST /api/v1/auth/login or /refresh.",
    }
    for route in api_routes(app, routers):
        if not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = spec["paths"].get(route.path_format, {}).get(method.lower())
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)  # FastAPI's HTTPValidationError
            for status in sorted(error_statuses(route, method)):
                responses[str(status)] = {
                    "description": STATUS_TEXT[status],
                    "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
                }
            if is_authenticated(route):
                operation["security"] = [{BEARER: []}]
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return spec


def install_openapi(app: FastAPI, routers: Sequence[APIRouter]) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app, routers)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
