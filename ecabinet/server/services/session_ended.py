"""Why a session ended, and the one answer a request of an ended session gets.

``session_ended(reason)``: HTTP 401, ``{"error": {"code": "session_ended", "reason": R,
"wipe": bool, "message", "message_en"}}``; ``wipe`` only for ``device_revoked``.
"""

from __future__ import annotations

from enum import StrEnum

from ecabinet.server.errors import ApiError


class EndReason(StrEnum):
    LOGGED_OUT = "logged_out"
    REFRESH_REUSE = "refresh_reuse"
    DEVICE_REVOKED = "device_revoked"
    PASSWORD_RESET = "password_reset"  # noqa: S105  (a reason, not a password)
    ACCOUNT_DISABLED = "account_disabled"
    ENDED_BY_ADMIN = "ended_by_admin"
    EXPIRED = "expired"
    IDLE = "idle"


_MESSAGES: dict[EndReason, tuple[str, str]] = {
    EndReason.LOGGED_OUT: ("Bạn đã đăng xuất khỏi phiên này.", "You logged out of this session."),
    EndReason.REFRESH_REUSE: (
        "Phiên đăng nhập đã bị dừng vì mã đăng nhập bị dùng lại ở nơi khác.",
        "The session was stopped: its login token was used again elsewhere.",
    ),
    EndReason.DEVICE_REVOKED: (
        "Thiết bị này đã bị thu hồi. Dữ liệu eCabinet trên máy sẽ được xóa.",
        "This device has been revoked. The eCabinet data on it will be erased.",
    ),
    EndReason.PASSWORD_RESET: (
        "Mật khẩu của bạn đã được đặt lại. Vui lòng đăng nhập bằng mật khẩu mới.",
        "Your password was reset. Log in with the new password.",
    ),
    EndReason.ACCOUNT_DISABLED: (
        "Tài khoản của bạn đã bị khóa. Hãy liên hệ quản trị hệ thống.",
        "Your account has been disabled. Contact the administrator.",
    ),
    EndReason.ENDED_BY_ADMIN: (
        "Quản trị hệ thống đã kết thúc phiên đăng nhập này.",
        "An administrator ended this session.",
    ),
    EndReason.EXPIRED: (
        "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
        "Your session has expired. Please log in again.",
    ),
    EndReason.IDLE: (
        "Phiên đăng nhập đã hết hạn vì lâu không dùng. Vui lòng đăng nhập lại.",
        "Your session expired after a long time unused. Please log in again.",
    ),
}


def session_ended(reason: EndReason | str) -> ApiError:
    """The one answer for a token whose session is over (docs/sync-protocol.md)."""
    try:
        why = EndReason(reason)
    except ValueError:
        why = EndReason.EXPIRED
    message, message_en = _MESSAGES[why]
    return ApiError(
        401,
        "session_ended",
        message,
        message_en,
        extra={"reason": why.value, "wipe": why is EndReason.DEVICE_REVOKED},
        headers={"WWW-Authenticate": 'Bearer error="session_ended"'},
    )
