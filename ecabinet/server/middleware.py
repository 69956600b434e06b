"""Guards in front of the routes: raw URL text and the size of request bodies.

Pure ASGI middleware (no BaseHTTPMiddleware): they add no task and no copy per request.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ecabinet.server.errors import ApiError, bad_request, internal_error
from ecabinet.server.fields import has_control_characters

log = logging.getLogger("ecabinet.server")

MIB = 1 << 20
# After a body went over the limit the rest is read and dropped, up to this much, so
# the client sees the 413 instead of a connection reset while it is still sending.
DRAIN_AT_MOST = 256 * MIB


class LastResort:
    """Answer an exception nobody handled with a 500 in the one error shape.

    Logged with its traceback and the request it belongs to. Unlike an exception
    handler for ``Exception`` (which Starlette re-raises to the server, which then
    closes the connection), the connection stays usable for the client's next request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise  # half an answer is out: only closing the connection is honest
            await internal_error().response()(scope, receive, send)


class UrlTextGuard:
    """Refuse a path or query string holding control characters (NUL, line breaks…).

    Routes declare patterns for their parameters; this covers the rest at once —
    parameters nobody declared, unknown routes, the text of any future route — so a
    NUL never reaches a query or a log line.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _bad_url_text(scope):
            error = bad_request(
                "bad_characters",
                "Địa chỉ yêu cầu chứa ký tự điều khiển (như NUL), không được phép.",
                "The request URL contains a control character (such as NUL).",
            )
            await error.response()(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _bad_url_text(scope: Scope) -> bool:
    if has_control_characters(scope.get("path", "")):
        return True
    query: bytes = scope.get("query_string", b"")
    if not query:
        return False
    decoded = unquote_to_bytes(query.replace(b"+", b" ")).decode("utf-8", "replace")
    return has_control_characters(decoded)


def too_large(limit: int) -> ApiError:
    mib = limit / MIB
    return ApiError(
        413,
        "body_too_large",
        f"Dữ liệu gửi lên vượt quá giới hạn {mib:g} MB.",
        f"The request body exceeds the limit of {mib:g} MiB ({limit} bytes).",
        extra={"limit_bytes": limit},
    )


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, counting what arrives.

    Content-Length is checked first but not trusted: chunked bodies carry none, so
    the bytes are counted as the route reads them. ``exempt(scope)`` names the routes
    that stream large bodies under a limit of their own (PDF uploads).
    """

    def __init__(self, app: ASGIApp, *, limit: int, exempt: Callable[[Scope], bool]) -> None:
        self.app = app
        self.limit = limit
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.exempt(scope):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send, received=0)
            return
        received = 0
        overflowed = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, overflowed
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    overflowed = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            # FastAPI turns the exception above into its own 400; drop that answer.
            if overflowed:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if overflowed and not started:
            await self._refuse(scope, receive, send, received=received)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, *, received: int) -> None:
        # Read (and drop) the rest first: a server that answers mid-upload and closes
        # leaves the client with a reset connection instead of the 413.
        more = True
        while more and received <= self.limit + DRAIN_AT_MOST:
            message = await receive()
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            more = bool(message.get("more_body", False))
        error = too_large(self.limit)
        error.headers["Connection"] = "close"
        await error.response()(scope, receive, send)


def path_matcher(patterns: list[re.Pattern[str]]) -> Callable[[Scope], bool]:
    def matches(scope: Scope) -> bool:
        path = scope.get("path", "")
        return any(p.match(path) for p in patterns)

    return matches
