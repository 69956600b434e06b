"""Every error the server answers, in the one shape: ``{"error": {"code", "message", ...}}``.

Four sources: the service layer (``ApiError``), request validation (pydantic), Starlette
itself (unknown route, wrong method, a body that is not JSON) and, as a last resort,
an exception nobody expected (``middleware.LastResort``). The last one is logged and
answered 500 in the same shape; the tests and the fuzzer make sure no input reaches it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from ecabinet.server.errors import ApiError
from ecabinet.server.validation_text import explain

# Starlette's own refusals, by status: code, Vietnamese, English.
_HTTP_STATUS_TEXT: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "Yêu cầu không đúng định dạng.", "The request is malformed."),
    404: ("not_found", "Không tìm thấy địa chỉ này trên máy chủ.", "No such address."),
    405: (
        "method_not_allowed",
        "Địa chỉ này không nhận phương thức {method}.",
        "This address does not accept {method}.",
    ),
    413: ("body_too_large", "Dữ liệu gửi lên quá lớn.", "The request body is too large."),
}


def validation_error_response(errors: Sequence[dict[str, Any]]) -> JSONResponse:
    details = [
        {
            "loc": [str(p) if not isinstance(p, int) else p for p in err.get("loc", ())],
            "msg": err.get("msg", ""),
            "type": err.get("type", ""),
        }
        for err in errors
    ]
    where, vi, en = explain(errors)
    return JSONResponse(
        {
            "error": {
                "code": "invalid_request",
                "message": f"Dữ liệu gửi lên không hợp lệ: {where} {vi}.",
                "message_en": f"Invalid request: {where} {en}.",
                "field": where,
                "details": details,
            }
        },
        status_code=422,
    )


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return validation_error_response(list(exc.errors()))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's and FastAPI's own refusals (unknown route, wrong method, bad JSON)."""
    assert isinstance(exc, StarletteHTTPException)
    code, vi, en = _HTTP_STATUS_TEXT.get(
        exc.status_code,
        (f"http_{exc.status_code}", "Máy chủ từ chối yêu cầu.", str(exc.detail)),
    )
    method = request.method
    error = ApiError(
        exc.status_code,
        code,
        vi.format(method=method),
        en.format(method=method),
        headers=dict(exc.headers or {}),
    )
    return error.response()


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Unexpected exceptions: middleware.LastResort (an exception handler registered
    # for Exception would re-raise to uvicorn, which then drops the connection).
