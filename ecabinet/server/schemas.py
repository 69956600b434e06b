"""Request and response bodies of the HTTP API (separate Create/Update/Public shapes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ecabinet.domain import MeetingKind, MeetingStatus, Role


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DeviceOfferIn(Strict):
    """A laptop's signing key, registered by this password login (never by a refresh).

    ``proof``: the key's Ed25519 signature (base64) over the canonical JSON
    ``{"type": "ecabinet.device-registration.v1", "username": ..., "public_key": ...}``.
    """

    public_key: str = Field(min_length=40, max_length=64)
    label: str = Field(default="", max_length=200)
    proof: str = Field(min_length=80, max_length=100)


class LoginIn(Strict):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    client_label: str = Field(default="", max_length=200)
    device: DeviceOfferIn | None = None


class RefreshIn(Strict):
    refresh_token: str = Field(min_length=10, max_length=200)


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
    username: str = Field(min_length=1, max_length=100)
    full_name: str = Field(min_length=1, max_length=200)
    title: str = Field(default="", max_length=300)
    role: Role
    password: str = Field(min_length=8, max_length=1000)


class MeetingCreate(Strict):
    title: str = Field(min_length=1, max_length=500)
    kind: MeetingKind = MeetingKind.REGULAR
    starts_at: AwareDatetime
    location: str = Field(default="", max_length=300)
    participant_ids: list[str] = Field(default_factory=list, max_length=500)
    status: MeetingStatus = MeetingStatus.DRAFT


class MeetingUpdate(Strict):
    title: str | None = Field(default=None, min_length=1, max_length=500)
    kind: MeetingKind | None = None
    starts_at: AwareDatetime | None = None
    location: str | None = Field(default=None, max_length=300)
    status: MeetingStatus | None = None


class ParticipantsIn(Strict):
    user_ids: list[str] = Field(max_length=500)


class AgendaItemCreate(Strict):
    title: str = Field(min_length=1, max_length=1000)
    presenter: str = Field(default="", max_length=300)
    position: int | None = Field(default=None, ge=0)


class AgendaItemUpdate(Strict):
    title: str | None = Field(default=None, min_length=1, max_length=1000)
    presenter: str | None = Field(default=None, max_length=300)
    position: int | None = Field(default=None, ge=0)


class MutationIn(Strict):
    mutation_id: int = Field(ge=1)
    type: str = Field(min_length=1, max_length=40)
    payload: dict[str, Any] = Field(default_factory=dict)


class PushIn(Strict):
    client_id: str = Field(min_length=8, max_length=36)
    mutations: list[MutationIn] = Field(max_length=5000)


class PullOut(BaseModel):
    cursor: str
    has_more: bool
    changes: list[dict[str, Any]]


class BallotCreate(Strict):
    question: str = Field(min_length=1, max_length=5000)
    deadline: AwareDatetime
    agenda_item_id: str | None = None
    document_id: str | None = None
    document_ids: list[str] = Field(default_factory=list, max_length=100)
    eligible: list[str] | None = Field(default=None, max_length=1000)
    comment_required: list[str] = Field(default_factory=lambda: ["other"], max_length=3)
    membership_total: int | None = Field(default=None, ge=1, le=100_000)
    open: bool = False


class DeadlineIn(Strict):
    deadline: AwareDatetime


class OpinionIn(Strict):
    client_id: str = Field(min_length=8, max_length=64)
    mutation_id: int = Field(ge=1)
    envelope: str = Field(min_length=2, max_length=100_000)
    signature: str = Field(min_length=10, max_length=200)


class DeviceIn(Strict):
    public_key: str = Field(min_length=40, max_length=64)
    label: str = Field(default="", max_length=200)
