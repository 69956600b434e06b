"""The annotation part of ``Workspace`` (docs/annotations.md): a mixin, so that the
workspace module stays small. Every write goes through ``store.write`` (the one writer),
is queued in the outbox, and tells the screens (``subscribe``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from ecabinet.client.changes import Change, ChangeHub
from ecabinet.client.opinions import DEVICE_KEY_ID, device_slot, load_device_key
from ecabinet.crypto.keys import SigningKey
from ecabinet.errors import ECabinetError, InputError
from ecabinet.notes import local
from ecabinet.notes.keys import NotesKeys
from ecabinet.notes.pulled import open_sealed_rows
from ecabinet.notes.reanchor import reanchor_pending
from ecabinet.notes.records import AnnotationDraft, AnnotationRecord
from ecabinet.store import meta

if TYPE_CHECKING:
    from pathlib import Path

    from ecabinet.client.api import ApiClient
    from ecabinet.client.files import FileCache
    from ecabinet.client.sync import SyncReport
    from ecabinet.client.vault import Vault
    from ecabinet.pdf.annotated_export import ExportReport
    from ecabinet.store.db import LocalStore

log = logging.getLogger(__name__)
ANNOTATIONS = "annotations"


class AnnotationsMixin:
    store: LocalStore
    vault: Vault
    files: FileCache
    server_url: str
    username: str | None
    _changes: ChangeHub | None = None
    _keys: NotesKeys | None = None
    # The user's device list when the keys were last brought up to date, by this process.
    _keys_checked_for: str | None = None

    if TYPE_CHECKING:  # Workspace makes its server client on first use

        @property
        def api(self) -> ApiClient: ...

    # -- notices ------------------------------------------------------------------
    @property
    def _hub(self) -> ChangeHub:
        if self._changes is None:
            self._changes = ChangeHub()
        return self._changes

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """``callback(Change)`` after every write and after a sync that pulled annotations,
        possibly on a worker thread. Returns the unsubscribe function."""
        return self._hub.subscribe(callback)

    def _notify(self, document_id: str | None, what: str = ANNOTATIONS) -> None:
        self._hub.notify(Change(what, document_id))

    # -- keys -----------------------------------------------------------------------
    @property
    def notes_keys(self) -> NotesKeys:
        if self._keys is None:
            if not self.username:
                raise local.no_notes_key()
            self._keys = NotesKeys(
                self.api, self.store, self.vault, f"{self.server_url}|{self.username}"
            )
        return self._keys

    def _notes_key(self) -> bytes | None:
        return self.notes_keys.notes_key() if self.username else None

    def _registered_key(self) -> SigningKey | None:
        """This device's signing key, if the server registered it (never made here)."""
        if not self.username:
            return None
        key = load_device_key(device_slot(self.server_url, self.username, self.vault))
        with self.store.read() as session:
            registered = meta.get(session, DEVICE_KEY_ID)
        return key if key is not None and key.key_id == registered else None

    def notes_recovery_code(self) -> str:
        """A recovery code for the private-notes key, for the minister to keep safe
        (on paper). Making a new one voids the previous one. Needs the network."""
        return self.notes_keys.new_recovery_code()

    def recover_notes(self, code: str) -> int:
        """On a new device: open the notes key with the recovery code; returns how many
        private annotations it opened. Needs the network."""
        self.notes_keys.recover(code, self._registered_key())
        key = self._notes_key()
        assert key is not None
        opened = self.store.write(partial(open_sealed_rows, notes_key=key))
        self._notify(None)
        return int(opened)

    def _device_list(self) -> str:
        with self.store.read() as session:
            devices = meta.devices(session)
        return repr(sorted((k, bool(d.get("revoked_at"))) for k, d in devices.items()))

    def _annotations_after_sync(self, report: SyncReport) -> None:
        """Keys, then private annotations opened, then new versions' re-anchoring."""
        devices = self._device_list()
        if report.online and not report.errors and self._keys_checked_for != devices:
            # Once per process, then only when the user's devices changed: a sync that
            # pulled nothing stays one round trip.
            try:
                if self.notes_keys.setup(self._registered_key()):
                    self._keys_checked_for = devices
            except ECabinetError as exc:
                report.errors.append(exc)
        key = self._notes_key()
        opened = self.store.write(partial(open_sealed_rows, notes_key=key)) if key else 0
        fetch = self._fetch_version if report.online and not report.errors else None
        moved = reanchor_pending(self.store, self.files, fetch)
        if report.changes or opened or moved:
            self._notify(None)

    def _fetch_version(self, sha256: str, size: int) -> bool:
        """An old version annotations were made on, never cached on this device."""
        try:
            self.files.fetch(self.api, sha256, size)
        except ECabinetError as exc:
            log.warning("old version %s not fetched: %s", sha256, exc.message_en)
            return False
        return True

    # -- reading ------------------------------------------------------------------------
    def annotations(
        self, document_id: str, *, include_deleted: bool = False
    ) -> list[AnnotationRecord]:
        """The document's annotations (not conflict copies), placed on its current version;
        orphans listed with their old version (``anchor["state"] == "orphaned"``)."""
        with self.store.read() as session:
            return local.listed(
                session, document_id, include_deleted=include_deleted, conflicts=False
            )

    def annotation_conflicts(self, document_id: str) -> list[AnnotationRecord]:
        """Conflict copies: the other text of an annotation edited on two devices."""
        with self.store.read() as session:
            return local.listed(session, document_id, include_deleted=False, conflicts=True)

    def annotated_documents(self) -> list[str]:
        """Ids of the documents that have annotations here."""
        from sqlalchemy import select

        from ecabinet.store.models import LocalAnnotation

        with self.store.read() as session:
            return sorted(set(session.scalars(select(LocalAnnotation.document_id))))

    def export_annotated_copy(self, document_id: str, output: Path) -> ExportReport:
        """An annotated copy of the document's current version (ecabinet/notes/export.py)."""
        from ecabinet.notes.export import export_copy

        return export_copy(self, document_id, output)  # type: ignore[arg-type]

    # -- writing ------------------------------------------------------------------------
    def _write(self, fn: Callable[..., AnnotationRecord], **kwargs: Any) -> AnnotationRecord:
        record = self.store.write(partial(fn, notes_key=self._notes_key(), **kwargs))
        self._notify(record.document_id)
        return record

    def add_annotation(self, draft: AnnotationDraft) -> AnnotationRecord:
        return self._write(local.add, draft=draft)

    def edit_annotation(
        self,
        annotation_id: str,
        *,
        text: str | None = None,
        color: str | None = None,
        rect: list[float] | None = None,
        visibility: str | None = None,
    ) -> AnnotationRecord:
        changes = {"text": text, "color": color, "rect": rect, "visibility": visibility}
        if all(v is None for v in changes.values()):
            raise InputError("Không có gì để sửa.", code="no_change", message_en="Nothing to edit.")
        return self._write(local.edit, annotation_id=annotation_id, changes=changes)

    def delete_annotation(self, annotation_id: str) -> None:
        """A tombstone: ``restore_annotation`` undoes it (here or on another device)."""
        self._write(local.set_deleted, annotation_id=annotation_id, deleted=True)

    def restore_annotation(self, annotation_id: str) -> AnnotationRecord:
        return self._write(local.set_deleted, annotation_id=annotation_id, deleted=False)

    def restore_conflict(self, conflict_id: str) -> AnnotationRecord:
        """Put a conflict copy's text back; returns the annotation restored."""
        return self._write(local.restore_conflict, conflict_id=conflict_id)

    def confirm_placement(self, annotation_id: str) -> AnnotationRecord:
        """The minister accepts where an annotation was re-anchored (fuzzy or moved)."""
        return self._write(local.confirm_placement, annotation_id=annotation_id)
