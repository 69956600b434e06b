"""Wire shapes of annotations and of the private-notes key (docs/annotations.md).

Both ends use these models: the server checks what a client writes, the client checks
what the server sends. A *private* annotation travels as ``sealed`` (AES-GCM under the
owner's notes key, opened only on the owner's devices) with nothing but routing
metadata in clear; a *shared* one travels as a plain ``body``.

The size limits are checked by ``body_problem`` so that both ends refuse an oversized
note or ink stroke with the same reason (the server answers 413 with the limit).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    StringConstraints,
    model_validator,
)

from ecabinet.wire_types import Base64, EntityId, IsoTime, Position, Sha256Hex, Text, Wire

MAX_NOTE_CHARS = 10_000
MAX_INK_POINTS = 5_000
MAX_QUADS = 1_000
MAX_QUOTE_CHARS = 2_000
# A private record's ciphertext, in base64 characters: the largest body the limits
# above allow, with room to spare.
MAX_SEALED_CHARS = 1_000_000
KINDS = ("highlight", "underline", "strikeout", "note", "freetext", "ink")

Kind = Literal["highlight", "underline", "strikeout", "note", "freetext", "ink"]
Visibility = Literal["private", "shared"]
Color = Annotated[StrictStr, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
# A coordinate in PDF points: finite and far beyond any page, never a huge number.
Coord = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-100_000, le=100_000)]
Point = Annotated[list[Coord], Field(min_length=2, max_length=3)]  # x, y[, pressure]
BEYOND_LIMITS = 1_000_000
Uuid = Annotated[
    StrictStr,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]
Sealed = Annotated[
    StrictStr,
    StringConstraints(pattern=r"^[A-Za-z0-9+/]+={0,2}$", max_length=4 * MAX_SEALED_CHARS),
]


class QuoteSelector(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    exact: Text = Field(max_length=MAX_QUOTE_CHARS)
    prefix: Text = Field(default="", max_length=200)
    suffix: Text = Field(default="", max_length=200)


class PositionSelector(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: Position
    end: Position


class SelectorsData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    quote: QuoteSelector
    position: PositionSelector | None = None


class AnchorData(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    state: Literal["anchored", "moved", "fuzzy", "orphaned"] = "anchored"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class AnnotationBody(BaseModel):
    """What an annotation says and where: plain for a shared one, sealed for a private."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    color: Color = "#FFD400"
    page: Position
    quads: list[Annotated[list[Coord], Field(min_length=8, max_length=8)]] = Field(
        default_factory=list, max_length=MAX_QUADS
    )
    rect: Annotated[list[Coord], Field(min_length=4, max_length=4)] | None = None
    ink: list[Annotated[list[Point], Field(max_length=BEYOND_LIMITS)]] = Field(
        default_factory=list, max_length=MAX_INK_POINTS
    )
    # Far beyond the limits, which ``body_problem`` checks with a clear reason.
    text: Text = Field(default="", max_length=BEYOND_LIMITS)
    selectors: SelectorsData | None = None
    author_name: Text = Field(default="", max_length=200)
    created_at: IsoTime | None = None


def body_problem(body: AnnotationBody) -> tuple[str, str, str] | None:
    """(code, Vietnamese, English) when ``body`` exceeds a limit, else None."""
    if len(body.text) > MAX_NOTE_CHARS:
        return (
            "note_too_long",
            f"Ghi chú dài quá {MAX_NOTE_CHARS:,} ký tự cho phép; hãy rút gọn.".replace(",", "."),
            f"The note is longer than the limit of {MAX_NOTE_CHARS} characters.",
        )
    points = sum(len(stroke) for stroke in body.ink)
    if points > MAX_INK_POINTS:
        return (
            "ink_too_large",
            f"Nét vẽ có quá nhiều điểm (giới hạn {MAX_INK_POINTS:,} điểm).".replace(",", "."),
            f"The ink has {points} points; the limit is {MAX_INK_POINTS} points.",
        )
    if body.kind in {"highlight", "underline", "strikeout"} and not body.quads:
        return (
            "no_quads",
            "Đánh dấu văn bản cần vị trí của đoạn được chọn.",
            "A text mark needs the quads of its selection.",
        )
    if body.kind in {"note", "freetext"} and body.rect is None:
        return (
            "no_rect",
            "Ghi chú cần vị trí trên trang.",
            "A note or free text needs its rectangle.",
        )
    if body.kind == "ink" and not body.ink:
        return ("no_ink", "Nét vẽ trống.", "An ink annotation needs at least one stroke.")
    return None


class AnnotationData(Wire):
    """An annotation as the server sends it (pulled, or answered by a route)."""

    id: EntityId
    owner_id: EntityId
    document_id: EntityId
    version_sha256: Sha256Hex
    visibility: Visibility
    revision: Position
    deleted: StrictBool = False
    conflict_of: EntityId | None = None
    created_at: IsoTime | None = None
    updated_at: IsoTime
    sealed: Sealed | None = None
    body: AnnotationBody | None = None

    @model_validator(mode="after")
    def _sealed_or_plain(self) -> AnnotationData:
        if self.visibility == "private" and (self.sealed is None or self.body is not None):
            raise ValueError("a private annotation travels sealed, never in clear")
        if self.visibility == "shared" and (self.body is None or self.sealed is not None):
            raise ValueError("a shared annotation travels with its body")
        return self


class AnnotationWrite(BaseModel):
    """A client's write of one annotation: the push payload and the PUT body."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Uuid
    document_id: Uuid
    version_sha256: Sha256Hex
    visibility: Visibility
    # The server revision this edit was made on (0: a new annotation).
    base_revision: Position = 0
    deleted: StrictBool = False
    owner_id: EntityId | None = None  # when given, the writer's own id: nothing else
    sealed: Sealed | None = None
    body: AnnotationBody | None = None

    @model_validator(mode="after")
    def _sealed_or_plain(self) -> AnnotationWrite:
        if self.visibility == "private" and (self.sealed is None or self.body is not None):
            raise ValueError("a private annotation must be sealed on the device")
        if self.visibility == "shared" and (self.body is None or self.sealed is not None):
            raise ValueError("a shared annotation needs its body")
        return self


class SharedComment(Wire):
    """What the secretariat sees of one shared comment on a document."""

    id: EntityId
    author_id: EntityId
    author_name: Text = Field(max_length=200)
    kind: Kind
    page: Position
    text: Text = Field(max_length=BEYOND_LIMITS)
    deleted: StrictBool
    updated_at: IsoTime


# -- the private-notes key ------------------------------------------------------
class NotesDeviceIn(BaseModel):
    """A device's X25519 key for receiving the notes key, signed by its Ed25519 key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    x25519_public: Base64
    signature: Base64


class NotesDeviceOut(Wire):
    key_id: Sha256Hex
    x25519_public: Base64
    signature: Base64
    has_key: StrictBool


class WrappedKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    wrapped: Base64
    from_key_id: Sha256Hex


class WrappedKeyOut(Wire):
    wrapped: Base64
    from_key_id: Sha256Hex


class RecoveryBlob(BaseModel):
    """The notes key wrapped with a key derived by scrypt from the recovery code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    salt: Base64
    n: Annotated[int, Field(strict=True, ge=2**14, le=2**20)]
    r: Annotated[int, Field(strict=True, ge=1, le=32)]
    p: Annotated[int, Field(strict=True, ge=1, le=16)]
    wrapped: Base64


class NotesKeysOut(Wire):
    """The caller's view of its notes key: its devices, its own wrapped copy, recovery."""

    devices: list[NotesDeviceOut] = Field(max_length=1000)
    wrapped: WrappedKeyOut | None = None
    recovery: RecoveryBlob | None = None
