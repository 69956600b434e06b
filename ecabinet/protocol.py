"""The sync protocol's wire shapes, typed once (docs/sync-protocol.md).

The client checks everything the server sends against these models before any of it
is stored, used in a file path or put in a URL: a server that was broken into, or an
impostor, must not be able to make a laptop write or delete files outside its
profile, or store text the local database or the interface cannot handle. A page
that fails is refused whole (``ProtocolError``): nothing of it is applied and the
sync cursor does not move.

Fields this client knows are checked; fields a newer server adds pass through
untouched (``extra="allow"``) and must be declared here before any code uses them.
Entity types this client does not know are skipped, as before.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ecabinet.errors import ErrorKind, ServerError
from ecabinet.protocol_annotations import AnnotationData
from ecabinet.protocol_secretariat import ConsentMarkData, NotificationData
from ecabinet.wire_types import (
    INT32_MAX,
    MAX_FILE_BYTES,
    MAX_PAGES,
    Base64,
    Cursor,
    EntityId,
    Filename,
    FileSize,
    IsoTime,
    PageCount,
    Position,
    Sha256Hex,
    Text,
    Wire,
    Word,
)

__all__ = [
    "INT32_MAX", "MAX_FILE_BYTES", "MAX_PAGES", "FileSize", "PageCount", "Position", "Wire",
]  # fmt: skip


class ProtocolError(ServerError):
    """The server answered something this client must not use."""

    kind = ErrorKind.PROTOCOL


# -- pulled entities -----------------------------------------------------------
class UserData(Wire):
    id: EntityId
    username: Text = Field(max_length=100)
    full_name: Text = Field(max_length=200)
    title: Text = Field(default="", max_length=300)
    role: Word
    active: StrictBool = True


class GuestData(Wire):
    """An invited guest (no account: never syncs, never votes, not in the quorum)."""

    name: Text = Field(min_length=1, max_length=200)
    position: Text = Field(default="", max_length=300)


class MeetingData(Wire):
    id: EntityId
    title: Text = Field(max_length=500)
    kind: Word
    starts_at: IsoTime
    location: Text = Field(default="", max_length=300)
    status: Word
    participants: list[EntityId] = Field(default_factory=list, max_length=100_000)
    guests: list[GuestData] = Field(default_factory=list, max_length=50)
    updated_at: IsoTime | None = None


class AgendaItemData(Wire):
    id: EntityId
    meeting_id: EntityId
    position: Position
    title: Text = Field(max_length=1000)
    presenter: Text = Field(default="", max_length=300)
    classification: Word | Literal[""] = ""  # "", mat, toi-mat, tuyet-mat
    revision: Position = 1
    conclusion: Text = Field(default="", max_length=20_000)


class DocumentData(Wire):
    id: EntityId
    meeting_id: EntityId
    agenda_item_id: EntityId | None = None
    title: Text = Field(max_length=1000)
    number: Text = Field(default="", max_length=100)
    position: Position = 0
    current_version_id: EntityId | None = None


class DocumentVersionData(Wire):
    id: EntityId
    document_id: EntityId
    version_no: Position
    sha256: Sha256Hex
    size: FileSize
    pages: PageCount
    filename: Filename
    change_note: Text = Field(default="", max_length=2000)  # why it replaced the previous
    uploaded_at: IsoTime | None = None


class ReadMarkData(Wire):
    id: EntityId
    document_version_id: EntityId
    read_at: IsoTime


class SignedDefinitionData(Wire):
    """A ballot definition exactly as the server signed it (docs/ballots.md)."""

    id: Sha256Hex
    version: Position
    text: Text = Field(max_length=500_000)
    signature: Base64


class BallotData(Wire):
    id: EntityId
    meeting_id: EntityId
    agenda_item_id: EntityId | None = None
    document_id: EntityId | None = None
    version: Position
    question: Text = Field(max_length=10_000)
    options: list[Word] = Field(min_length=1, max_length=20)
    comment_required: list[Word] = Field(default_factory=list, max_length=20)
    deadline: IsoTime
    status: Word
    documents: list[EntityId] = Field(default_factory=list, max_length=1000)
    eligible: list[EntityId] = Field(default_factory=list, max_length=100_000)
    membership_total: Annotated[StrictInt, Field(ge=0, le=100_000)] = 0
    chair_user_id: EntityId | None = None
    opened_at: IsoTime | None = None
    closed_at: IsoTime | None = None
    definition: SignedDefinitionData | None = None  # None for a draft


class OpinionData(Wire):
    id: Sha256Hex  # the SHA-256 of the signed envelope
    ballot_id: EntityId
    status: Word
    reason: Word | None = None
    outdated: StrictBool = False
    superseded_by: Sha256Hex | None = None
    choice: Word | None = None
    comment: Text | None = Field(default=None, max_length=20_000)
    received_at: IsoTime | None = None
    seq: Position | None = None
    envelope: Text = Field(max_length=100_000)
    signature: Base64
    receipt: Text | None = Field(default=None, max_length=100_000)
    receipt_signature: Base64 | None = None


class DeviceData(Wire):
    """One of this user's own signing devices (sent to its owner only)."""

    id: Sha256Hex  # the key id
    key_id: Sha256Hex
    user_id: EntityId
    public_key: Base64
    label: Text = Field(default="", max_length=200)
    registered_at: IsoTime
    revoked_at: IsoTime | None = None


ENTITY_MODELS: dict[str, type[Wire]] = {
    "user": UserData,
    "meeting": MeetingData,
    "agenda_item": AgendaItemData,
    "document": DocumentData,
    "document_version": DocumentVersionData,
    "read_mark": ReadMarkData,
    "ballot": BallotData,
    "opinion": OpinionData,
    "device": DeviceData,
    "annotation": AnnotationData,
    "notification": NotificationData,
    "consent_mark": ConsentMarkData,
}


class ChangeHeader(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Word
    id: Annotated[StrictStr, StringConstraints(pattern=r"^[0-9A-Za-z-]{1,64}$")]
    op: Literal["upsert", "delete"]
    data: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _data_matches(self) -> ChangeHeader:
        if self.op == "upsert" and self.data is None:
            raise ValueError("an upsert without data")
        if self.op == "delete" and self.data is not None:
            raise ValueError("a tombstone with data")
        return self


@dataclass(frozen=True)
class Change:
    """One validated change; ``entity`` is None for tombstones and unknown types."""

    type: str
    id: str
    op: str
    entity: Wire | None


class PullPage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    cursor: Cursor
    has_more: StrictBool
    changes: list[dict[str, Any]] = Field(max_length=100_000)


# -- other answers -------------------------------------------------------------
class ServerKey(Wire):
    key_id: Sha256Hex
    public_key: Base64

    @model_validator(mode="after")
    def _id_is_hash_of_key(self) -> ServerKey:
        try:
            raw = base64.b64decode(self.public_key, validate=True)
        except binascii.Error:
            raise ValueError("public_key is not base64") from None
        if len(raw) != 32:
            raise ValueError("public_key is not an Ed25519 key")
        if hashlib.sha256(raw).hexdigest() != self.key_id:
            raise ValueError("key_id is not the SHA-256 of public_key")
        return self


class ServerInfo(Wire):
    name: Text = Field(max_length=100)
    version: Text = Field(max_length=50)
    epoch: Cursor
    server_time: IsoTime
    max_upload_bytes: FileSize
    server_key: ServerKey


class PushResult(Wire):
    mutation_id: Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
    status: Word
    duplicate: StrictBool = False
    code: Word | None = None
    message: Text | None = Field(default=None, max_length=2000)
    message_en: Text | None = Field(default=None, max_length=2000)
    result: dict[str, Any] = Field(default_factory=dict)


class PushAnswer(Wire):
    results: list[PushResult] = Field(max_length=100_000)


# -- parsing -------------------------------------------------------------------
def _refuse(what: str, exc: ValidationError | ValueError) -> ProtocolError:
    if isinstance(exc, ValidationError):
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '-'}: {e['msg']}"
            for e in exc.errors(include_input=False, include_url=False)[:5]
        )
    else:
        problems = str(exc)
    return ProtocolError(
        "Máy chủ gửi dữ liệu không hợp lệ nên eCabinet không dùng đến. Dữ liệu trên máy "
        "được giữ nguyên. Hãy báo cho Văn phòng Chính phủ nếu lỗi còn lặp lại.",
        code="protocol_violation",
        message_en=f"The server sent invalid data ({what}): {problems[:600]}",
    )


def parse_pull_page(body: Any) -> dict[str, Any]:
    """The page as a dict, its cursor and flags checked; the changes by ``parse_changes``."""
    try:
        page = PullPage.model_validate(body)
    except ValidationError as exc:
        raise _refuse("pull page", exc) from None
    return page.model_dump()


def parse_changes(changes: Iterable[Mapping[str, Any]]) -> list[Change]:
    parsed = []
    for index, raw in enumerate(changes):
        try:
            header = ChangeHeader.model_validate(raw)
        except ValidationError as exc:
            raise _refuse(f"change #{index}", exc) from None
        model = ENTITY_MODELS.get(header.type)
        entity: Wire | None = None
        if header.op == "upsert" and model is not None:
            try:
                entity = model.model_validate(header.data)
            except ValidationError as exc:
                raise _refuse(f"change #{index}, {header.type}", exc) from None
            if getattr(entity, "id", None) != header.id:
                raise _refuse(
                    f"change #{index}, {header.type}", ValueError("data.id differs from the id")
                )
        parsed.append(Change(header.type, header.id, header.op, entity))
    return parsed


def parse_push_answer(body: Any) -> list[dict[str, Any]]:
    try:
        answer = PushAnswer.model_validate(body)
    except ValidationError as exc:
        raise _refuse("push answer", exc) from None
    return [r.model_dump() for r in answer.results]


def parse_server_info(body: Any) -> dict[str, Any]:
    try:
        return ServerInfo.model_validate(body).model_dump()
    except ValidationError as exc:
        raise _refuse("server-info", exc) from None


def is_sha256(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value) is not None
