"""Errors the service layer raises; the app turns them into JSON answers.

Every answer carries a stable ``code``, a Vietnamese ``message`` and ``message_en``.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        message_en: str,
        *,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message_en)
        self.status = status
        self.code = code
        self.message = message
        self.message_en = message_en
        self.extra = extra or {}
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "message_en": self.message_en,
                **self.extra,
            }
        }

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def not_found(what_vi: str = "Không tìm thấy", what_en: str = "Not found") -> ApiError:
    # Used alike for "does not exist" and "exists but not yours": never reveal which.
    return ApiError(404, "not_found", what_vi, what_en)


def forbidden() -> ApiError:
    return ApiError(
        403,
        "forbidden",
        "Tài khoản của bạn không có quyền thực hiện thao tác này.",
        "Your account may not do this.",
    )


def invalid(code: str, message: str, message_en: str) -> ApiError:
    return ApiError(422, code, message, message_en)


def bad_request(code: str, message: str, message_en: str) -> ApiError:
    return ApiError(400, code, message, message_en)


def internal_error() -> ApiError:
    return ApiError(
        500,
        "internal_error",
        "Máy chủ gặp lỗi ngoài dự kiến; yêu cầu chưa được thực hiện. Hãy thử lại sau.",
        "The server hit an unexpected error; the request was not carried out.",
    )
