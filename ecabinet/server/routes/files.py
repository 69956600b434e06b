"""Document files by SHA-256: strong ETag, Range for resuming, authorised per file."""

from __future__ import annotations

import os
from typing import Any

import anyio
from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.responses import (
    FileResponse,
    MalformedRangeHeader,
    RangeNotSatisfiable,
    Response,
)
from starlette.types import Receive, Scope, Send

from ecabinet.server.blobstore import SHA256_RE
from ecabinet.server.deps import AppContext, ContextDep, CurrentUser
from ecabinet.server.errors import ApiError, bad_request, not_found
from ecabinet.server.fields import Sha256Path
from ecabinet.server.models import User
from ecabinet.server.services.access import can_fetch_blob

router = APIRouter(prefix="/api/v1", tags=["files"])


class BlobResponse(FileResponse):
    # Starlette reads 64 KiB at a time; 1 MiB chunks are about five times faster
    # over loopback (docs/platform-facts.md).
    chunk_size = 1 << 20

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Starlette refuses a bad Range in plain text; answer in the API's error shape.
        refusal = await self._range_refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def _range_refusal(self, scope: Scope) -> Response | None:
        headers = Headers(scope=scope)
        http_range = headers.get("range")
        if http_range is None or self.status_code != 200:
            return None
        if self.stat_result is None:
            self.stat_result = await anyio.to_thread.run_sync(os.stat, self.path)
            self.set_stat_headers(self.stat_result)
        if_range = headers.get("if-range")
        if if_range is not None and not self._should_use_range(if_range):
            return None  # the whole file follows, as Starlette would send it
        size = self.stat_result.st_size
        try:
            self._parse_range_header(http_range, size)
        except MalformedRangeHeader as exc:
            return bad_request(
                "bad_range",
                "Tiêu đề Range không hợp lệ.",
                f"The Range header is malformed ({exc.content}).",
            ).response()
        except RangeNotSatisfiable:
            return ApiError(
                416,
                "range_not_satisfiable",
                "Phần tệp được yêu cầu nằm ngoài kích thước của tệp.",
                f"The requested range lies outside the file ({size} bytes).",
                headers={"Content-Range": f"bytes */{size}"},
            ).response()
        return None


def _may_fetch(ctx: AppContext, user: User, sha256: str) -> bool:
    with ctx.reader() as session:
        return can_fetch_blob(session, user, sha256)


PDF_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The whole file.",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    },
    206: {
        "description": "The requested byte range (``Range: bytes=N-``, ``If-Range``).",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    },
}


# GET and HEAD declared apart: one api_route would give both the same operation id.
@router.head("/files/{sha256}", response_class=BlobResponse, responses=PDF_ANSWERS,
             operation_id="head_file")  # fmt: skip
@router.get("/files/{sha256}", response_class=BlobResponse, responses=PDF_ANSWERS,
            operation_id="get_file")  # fmt: skip
async def get_file(sha256: Sha256Path, user: CurrentUser, ctx: ContextDep) -> BlobResponse:
    # The hottest route of an initial sync: one thread hop for the check, no more.
    if not SHA256_RE.match(sha256) or not await run_in_threadpool(_may_fetch, ctx, user, sha256):
        raise not_found("Không tìm thấy tệp.", "File not found.")
    path = ctx.blobs.path_for(sha256)
    if not path.is_file():
        raise not_found("Tệp chưa có trên máy chủ.", "The file is missing on the server.")
    return BlobResponse(
        path,
        media_type="application/pdf",
        headers={
            # The content address is the strongest validator there is.
            "ETag": f'"{sha256}"',
            "Cache-Control": "private, max-age=31536000, immutable",
            "X-Content-SHA256": sha256,
        },
    )
