"""Document uploads (raw PDF bodies, streamed to disk) and document metadata."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from ecabinet.pdf.inspect import InvalidPdf, PdfInfo, inspect_pdf
from ecabinet.server.blobstore import HashingWriter, StagedBlob, UploadTooLarge
from ecabinet.server.deps import AppContext, ContextDep, CurrentUser, ReadSession, WriteSession
from ecabinet.server.errors import ApiError
from ecabinet.server.models import User
from ecabinet.server.services import documents, entities
from ecabinet.server.services.access import (
    require_agenda_item,
    require_document,
    require_meeting,
    require_secretariat,
)

router = APIRouter(prefix="/api/v1", tags=["documents"])
Json = dict[str, Any]


def _too_large(limit: int) -> ApiError:
    mib = limit / (1 << 20)
    return ApiError(
        413,
        "upload_too_large",
        f"Tệp vượt quá dung lượng cho phép ({mib:.0f} MB).",
        f"The file exceeds the upload limit ({mib:.0f} MiB).",
    )


async def _receive_pdf(
    request: Request, ctx: AppContext, staging: Any
) -> tuple[StagedBlob, PdfInfo]:
    limit = ctx.settings.max_upload_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    handle, staged = staging
    writer = HashingWriter(handle, staged, limit)
    try:
        async for chunk in request.stream():
            writer.write(chunk)
    except UploadTooLarge:
        raise _too_large(limit) from None
    writer.finish()
    if staged.size == 0:
        raise ApiError(
            422, "empty_upload", "Không có tệp nào được gửi lên.", "The upload is empty."
        )
    try:
        info = await run_in_threadpool(inspect_pdf, staged.path)
    except InvalidPdf as exc:
        raise ApiError(422, exc.code, exc.message, exc.message_en) from None
    return staged, info


def _check_upload_target(
    ctx: AppContext, user: User, meeting_id: str, agenda_item_id: str | None, classification: str
) -> None:
    require_secretariat(user)
    documents.check_classification(classification)
    with ctx.reader() as session:
        require_meeting(session, user, meeting_id)
        if agenda_item_id:
            item = require_agenda_item(session, user, agenda_item_id)
            if item.meeting_id != meeting_id:
                raise ApiError(
                    422,
                    "agenda_item_mismatch",
                    "Nội dung này không thuộc phiên họp đã chọn.",
                    "The agenda item belongs to another meeting.",
                )


@router.post("/meetings/{meeting_id}/documents", status_code=201)
async def upload_document(
    meeting_id: str,
    request: Request,
    ctx: ContextDep,
    user: CurrentUser,
    filename: str = Query(min_length=1, max_length=300),
    title: str = Query(default="", max_length=1000),
    number: str = Query(default="", max_length=100),
    agenda_item_id: str | None = Query(default=None),
    classification: str = Query(default="", max_length=20),
) -> Json:
    """Upload a new document: the body is the PDF itself (Content-Type: application/pdf)."""
    # Refuse before reading the body: nobody may fill the disk with unauthorised uploads.
    await run_in_threadpool(
        _check_upload_target, ctx, user, meeting_id, agenda_item_id, classification
    )
    with ctx.blobs.staging() as staging:
        staged, info = await _receive_pdf(request, ctx, staging)

        def store() -> Json:
            with ctx.writer() as session:
                meeting = require_meeting(session, user, meeting_id)
                item = (
                    require_agenda_item(session, user, agenda_item_id) if agenda_item_id else None
                )
                ctx.blobs.commit(staged)
                document, version = documents.create_document(
                    session,
                    actor=user,
                    meeting=meeting,
                    agenda_item=item,
                    title=title,
                    number=number,
                    staged=staged,
                    info=info,
                    filename=filename,
                )
                session.commit()
                return {
                    "document": entities.document_payload(document),
                    "version": entities.version_payload(version),
                }

        return await run_in_threadpool(store)


@router.post("/documents/{document_id}/versions", status_code=201)
async def upload_version(
    document_id: str,
    request: Request,
    ctx: ContextDep,
    user: CurrentUser,
    filename: str = Query(min_length=1, max_length=300),
) -> Json:
    """Upload a new version of a document; earlier versions stay as they were."""

    def check() -> None:
        require_secretariat(user)
        with ctx.reader() as session:
            require_document(session, user, document_id)

    await run_in_threadpool(check)
    with ctx.blobs.staging() as staging:
        staged, info = await _receive_pdf(request, ctx, staging)

        def store() -> Json:
            with ctx.writer() as session:
                document = require_document(session, user, document_id)
                meeting = require_meeting(session, user, document.meeting_id)
                ctx.blobs.commit(staged)
                version = documents.add_version(
                    session,
                    actor=user,
                    meeting=meeting,
                    document=document,
                    staged=staged,
                    info=info,
                    filename=filename,
                )
                session.commit()
                return {
                    "document": entities.document_payload(document),
                    "version": entities.version_payload(version),
                }

        return await run_in_threadpool(store)


@router.get("/documents/{document_id}")
def get_document(document_id: str, session: ReadSession, user: CurrentUser) -> Json:
    document = require_document(session, user, document_id)
    return {
        "document": entities.document_payload(document),
        "versions": [entities.version_payload(v) for v in documents.versions(session, document)],
    }


@router.delete("/documents/{document_id}", status_code=204)
def delete_document(document_id: str, session: WriteSession, user: CurrentUser) -> Response:
    document = require_document(session, user, document_id)
    meeting = require_meeting(session, user, document.meeting_id)
    documents.delete_document(session, actor=user, meeting=meeting, document=document)
    session.commit()
    return Response(status_code=204)
