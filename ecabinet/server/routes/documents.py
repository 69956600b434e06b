"""Document uploads (raw PDF bodies, streamed to disk) and document metadata."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ecabinet.pdf.inspect import InvalidPdf, PdfInfo, inspect_pdf
from ecabinet.server.blobstore import HashingWriter, StagedBlob, UploadTooLarge
from ecabinet.server.deps import AppContext, ContextDep, CurrentUser, ReadSession, WriteSession
from ecabinet.server.errors import ApiError
from ecabinet.server.fields import DocumentIdPath, Line, MeetingIdPath, OptionalUuidQuery, Text
from ecabinet.server.models import User
from ecabinet.server.services import agenda, documents, duplicates, entities
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
            agenda.check_distributable(
                item, allow_classified=ctx.settings.allow_classified_distribution
            )


# The body is the PDF itself, not JSON: declared here, read by _receive_pdf.
PDF_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The PDF file, as the raw request body.",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}
Filename = Annotated[Line, Query(min_length=1, max_length=300)]


def _store_upload(
    ctx: AppContext, staged: StagedBlob, write_rows: Callable[[Session], Json]
) -> Json:
    """Write the rows, move the blob into place, commit — or leave both as they were.

    The rows are flushed before the blob moves, so the database's own refusals come
    first; if the commit itself fails, the blob goes again unless it was there before
    or a committed version refers to it.
    """

    def referenced() -> bool:
        with ctx.reader() as session:
            return documents.blob_in_use(session, staged.sha256)

    with ctx.blobs.exclusive(staged.sha256), ctx.writer() as session:
        answer = write_rows(session)
        session.flush()
        with ctx.blobs.placed(staged, still_referenced=referenced):
            session.commit()
        return answer


@router.post("/meetings/{meeting_id}/documents", status_code=201, openapi_extra=PDF_BODY)
async def upload_document(
    meeting_id: MeetingIdPath,
    request: Request,
    ctx: ContextDep,
    user: CurrentUser,
    filename: Filename,
    title: Annotated[Line, Query(max_length=1000)] = "",
    number: Annotated[Line, Query(max_length=100)] = "",
    agenda_item_id: OptionalUuidQuery = None,
    classification: Annotated[Line, Query(max_length=20)] = "",
) -> Json:
    """Upload a new document: the body is the PDF itself (Content-Type: application/pdf).

    A file already in the meeting (same SHA-256) is not stored twice: 409
    ``duplicate_document`` naming the existing ``document_id``."""
    # Refuse before reading the body: nobody may fill the disk with unauthorised uploads.
    await run_in_threadpool(
        _check_upload_target, ctx, user, meeting_id, agenda_item_id, classification
    )
    with ctx.blobs.staging() as staging:
        staged, info = await _receive_pdf(request, ctx, staging)

        def write_rows(session: Session) -> Json:
            meeting = require_meeting(session, user, meeting_id)
            item = require_agenda_item(session, user, agenda_item_id) if agenda_item_id else None
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
            return {
                "document": entities.document_payload(document),
                "version": entities.version_payload(version),
            }

        return await run_in_threadpool(_store_upload, ctx, staged, write_rows)


@router.post("/documents/{document_id}/versions", status_code=201, openapi_extra=PDF_BODY)
async def upload_version(
    document_id: DocumentIdPath,
    request: Request,
    ctx: ContextDep,
    user: CurrentUser,
    filename: Filename,
    change_note: Annotated[Text, Query(max_length=2000)] = "",
) -> Json:
    """Upload a new version of a document; earlier versions stay as they were.

    ``change_note`` (shown to members) is required once a member has read the current
    version; the same file as the current version answers 409 ``same_version``."""

    def check() -> None:
        require_secretariat(user)
        with ctx.reader() as session:
            document = require_document(session, user, document_id)
            duplicates.check_change_note(session, document, change_note)

    await run_in_threadpool(check)
    with ctx.blobs.staging() as staging:
        staged, info = await _receive_pdf(request, ctx, staging)

        def write_rows(session: Session) -> Json:
            document = require_document(session, user, document_id)
            meeting = require_meeting(session, user, document.meeting_id)
            version = documents.add_version(
                session,
                actor=user,
                meeting=meeting,
                document=document,
                staged=staged,
                info=info,
                filename=filename,
                change_note=change_note,
            )
            return {
                "document": entities.document_payload(document),
                "version": entities.version_payload(version),
            }

        return await run_in_threadpool(_store_upload, ctx, staged, write_rows)


@router.get("/documents/{document_id}")
def get_document(document_id: DocumentIdPath, session: ReadSession, user: CurrentUser) -> Json:
    document = require_document(session, user, document_id)
    return {
        "document": entities.document_payload(document),
        "versions": [entities.version_payload(v) for v in documents.versions(session, document)],
    }


@router.delete("/documents/{document_id}", status_code=204)
def delete_document(
    document_id: DocumentIdPath, session: WriteSession, user: CurrentUser
) -> Response:
    document = require_document(session, user, document_id)
    meeting = require_meeting(session, user, document.meeting_id)
    documents.delete_document(session, actor=user, meeting=meeting, document=document)
    session.commit()
    return Response(status_code=204)


# Routes whose body is a streamed PDF: the JSON body limit does not apply to them.
PDF_UPLOADS = (upload_document, upload_version)
