"""Request and response bodies of the HTTP API (separate Create/Update/Public shapes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecabinet.domain import MeetingKind, MeetingStatus, Role
from ecabinet.protocol_secretariat import Classification
from ecabinet.server.fields import (
    CLIENT_ID_PATTERN,
    MUTATION_TYPE_PATTERN,
    Base64,
    ClientId,
    Line,
    MutationId,
    Position,
    SignedText,
    Text,
    Uuid,
    WireTime,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    """The one error shape. Some errors add fields (``details``, ``reason``, ``wipe``…)."""

    model_config = ConfigDict(extra="allow")
    code: str = Field(description="Stable, for programs: not_found, invalid_request…")
    message: str = Field(description="For people, in Vietnamese.")
    message_en: str = Field(description="The same in English.")


class ErrorOut(BaseModel):
    error: ErrorDetail


class DeviceOfferIn(Strict):
    """A laptop's signing key, registered by this password login (never by a refresh).

    ``proof``: the key's Ed25519 signature (base64) over the canonical JSON
    ``{"type": "ecabinet.device-registration.v1", "username": ..., "public_key": ...}``.
    """

    public_key: Base64 = Field(min_length=40, max_length=64)
    label: Line = Field(default="", max_length=200)
    proof: Base64 = Field(min_length=80, max_length=100)


class LoginIn(Strict):
    username: Line = Field(min_length=1, max_length=100)
    # Never stored, only hashed: any character may be part of it. The length bounds
    # still make pydantic refuse lone surrogates, which cannot be hashed as UTF-8.
    password: str = Field(min_length=1, max_length=1000)
    client_label: Line = Field(default="", max_length=200)
    device: DeviceOfferIn | None = None


class RefreshIn(Strict):
    refresh_token: Line = Field(min_length=10, max_length=200)


class UserPublic(BaseModel):
    id: str
    username: str
    full_name: str
    title: str
    role: Role
    org_id: str


class DevicePublic(BaseModel):
    key_id: str
    user_id: str
    public_key: str
    label: str
    registered_at: str | None
    revoked_at: str | None


class TokensOut(BaseModel):
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    token_type: str = "bearer"  # noqa: S105
    user: UserPublic
    session_id: str
    # The device key this session is bound to (registered by the login), if any.
    device: DevicePublic | None = None
    # The organisation's policy: days a laptop may stay offline before its papers lock.
    offline_access_days: int


class PasswordResetIn(Strict):
    password: str = Field(min_length=8, max_length=1000)


class UserCreate(Strict):
    username: Line = Field(min_length=1, max_length=100)
    full_name: Line = Field(min_length=1, max_length=200)
    title: Line = Field(default="", max_length=300)
    role: Role
    password: str = Field(min_length=8, max_length=1000)  # hashed, never stored


MAX_GUESTS = 50


class GuestIn(Strict):
    """An invited guest: a name and a position or organisation, one line each."""

    name: Line = Field(min_length=1, max_length=200)
    position: Line = Field(default="", max_length=300)


class MeetingCreate(Strict):
    title: Line = Field(min_length=1, max_length=500)
    kind: MeetingKind = MeetingKind.REGULAR
    starts_at: WireTime
    location: Line = Field(default="", max_length=300)
    participant_ids: list[Uuid] = Field(default_factory=list, max_length=500)
    guests: list[GuestIn] = Field(default_factory=list, max_length=MAX_GUESTS)
    status: MeetingStatus = MeetingStatus.DRAFT


class MeetingUpdate(Strict):
    title: Line | None = Field(default=None, min_length=1, max_length=500)
    kind: MeetingKind | None = None
    starts_at: WireTime | None = None
    location: Line | None = Field(default=None, max_length=300)
    guests: list[GuestIn] | None = Field(default=None, max_length=MAX_GUESTS)
    status: MeetingStatus | None = None


class ParticipantsIn(Strict):
    user_ids: list[Uuid] = Field(max_length=500)


class AgendaItemCreate(Strict):
    title: Line = Field(min_length=1, max_length=1000)
    presenter: Line = Field(default="", max_length=300)
    position: Position | None = None
    classification: Classification = Classification.NONE


class AgendaItemUpdate(Strict):
    """``revision``: the item's revision the clerk's edit started from (as last read). A
    save naming an older revision than the server's is refused, 409 ``edit_conflict``;
    without it the save applies as before (scripts), which the app never does."""

    title: Line | None = Field(default=None, min_length=1, max_length=1000)
    presenter: Line | None = Field(default=None, max_length=300)
    position: Position | None = None
    classification: Classification | None = None
    revision: int | None = Field(default=None, ge=1, le=2**31 - 1)


class MutationIn(Strict):
    """One queued mutation. Its payload is checked per type, each mutation on its own
    (``services/push.py``): one bad payload is answered ``rejected`` and the others go on.
    An id or type that cannot even be recorded refuses the whole request (422)."""

    mutation_id: MutationId
    type: str = Field(min_length=1, max_length=40, pattern=MUTATION_TYPE_PATTERN)
    payload: dict[str, Any] = Field(default_factory=dict)


class PushIn(Strict):
    client_id: ClientId
    mutations: list[MutationIn] = Field(max_length=5000)


class PullOut(BaseModel):
    cursor: str
    has_more: bool
    changes: list[dict[str, Any]]


class BallotCreate(Strict):
    question: Text = Field(min_length=1, max_length=5000)
    deadline: WireTime
    agenda_item_id: Uuid | None = None
    document_id: Uuid | None = None
    document_ids: list[Uuid] = Field(default_factory=list, max_length=100)
    eligible: list[Uuid] | None = Field(default=None, max_length=1000)
    comment_required: list[Line] = Field(default_factory=lambda: ["other"], max_length=3)
    membership_total: int | None = Field(default=None, ge=1, le=100_000)
    open: bool = False


class DeadlineIn(Strict):
    deadline: WireTime


class EligibleIn(Strict):
    user_ids: list[Uuid] = Field(min_length=1, max_length=1000)


class OpinionIn(Strict):
    client_id: str = Field(min_length=8, max_length=64, pattern=CLIENT_ID_PATTERN)
    mutation_id: MutationId
    envelope: SignedText = Field(min_length=2, max_length=100_000)
    signature: Base64 = Field(min_length=10, max_length=200)


class DeviceIn(Strict):
    public_key: Base64 = Field(min_length=40, max_length=64)
    label: Line = Field(default="", max_length=200)


# -- payloads of push mutations (checked in services/push.py) -------------------


class MarkReadPayload(Strict):
    document_version_id: Uuid
    read_at: WireTime


class SubmitOpinionPayload(Strict):
    envelope: SignedText = Field(min_length=2, max_length=100_000)
    signature: Base64 = Field(min_length=10, max_length=200)


class MarkConsentPayload(Strict):
    """Consent agenda (services/consent.py): ``reason`` is required to object."""

    agenda_item_id: Uuid
    mark: Literal["no_objection", "wish_to_speak", "object", "pull_out"]
    reason: Text = Field(default="", max_length=2000)
    marked_at: WireTime


class ReadingProgressPayload(Strict):
    """The furthest page (0-based) a member reached in a paper, for the dashboard."""

    document_id: Uuid
    page: int = Field(ge=0, le=100_000)
