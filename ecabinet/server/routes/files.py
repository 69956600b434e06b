"""Document files by SHA-256: strong ETag, Range for resuming, authorised per file."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse

from ecabinet.server.blobstore import SHA256_RE
from ecabinet.server.deps import AppContext, ContextDep, CurrentUser
from ecabinet.server.errors import not_found
from ecabinet.server.models import User
from ecabinet.server.services.access import can_fetch_blob

router = APIRouter(prefix="/api/v1", tags=["files"])


class BlobResponse(FileResponse):
    # Starlette reads 64 KiB at a time; 1 MiB chunks are about five times faster
    # over loopback (docs/platform-facts.md).
    chunk_size = 1 << 20


def _may_fetch(ctx: AppContext, user: User, sha256: str) -> bool:
    with ctx.reader() as session:
        return can_fetch_blob(session, user, sha256)


@router.api_route("/files/{sha256}", methods=["GET", "HEAD"], response_class=BlobResponse)
async def get_file(sha256: str, user: CurrentUser, ctx: ContextDep) -> BlobResponse:
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
