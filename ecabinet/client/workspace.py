"""A signed-in user's workspace on this device: store, files, API, sync engine.

The command line and the desktop app both drive the core through this class.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import requests
from sqlalchemy.orm import Session

from ecabinet.client.api import ApiClient, LoggedInUser
from ecabinet.client.credentials import SecretSlot
from ecabinet.client.files import FileCache
from ecabinet.client.profile import ProfilePaths, normalise_server_url
from ecabinet.client.sync import ProgressFn, SyncEngine, SyncReport
from ecabinet.domain import MutationType
from ecabinet.errors import InputError
from ecabinet.fsutil import sha256_file
from ecabinet.store import meta, queries
from ecabinet.store.db import LocalStore
from ecabinet.store.models import LocalReadMark, OutboxEntry
from ecabinet.timeutil import isoformat, utcnow


class Workspace:
    def __init__(
        self,
        profile_dir: Path,
        *,
        server_url: str | None = None,
        http: requests.Session | None = None,
    ) -> None:
        self.paths = ProfilePaths(profile_dir)
        self.store = LocalStore(self.paths.database)
        self.files = FileCache(self.paths.blobs)
        with self.store.read() as session:
            stored_url = meta.get(session, meta.SERVER_URL)
            self.username = meta.get(session, meta.USERNAME)
            self.user_full_name = meta.get(session, meta.USER_FULL_NAME)
        if server_url and stored_url and normalise_server_url(server_url) != stored_url:
            raise InputError(
                "Thư mục hồ sơ này thuộc về một máy chủ khác.",
                code="profile_mismatch",
                message_en=f"This profile belongs to {stored_url}, not {server_url}.",
            )
        url = normalise_server_url(server_url) if server_url else stored_url
        if not url:
            raise InputError(
                "Chưa biết địa chỉ máy chủ cho hồ sơ này.",
                code="no_server",
                message_en="No server URL is known for this profile.",
            )
        self.server_url = url
        self.api = ApiClient(url, refresh_slot=self._slot(), http=http)
        self.engine = SyncEngine(self.api, self.store, self.files)

    def _slot(self) -> SecretSlot | None:
        if not self.username:
            return None
        return SecretSlot("refresh-token", f"{self.server_url}|{self.username}")

    # -- session ------------------------------------------------------------
    def login(self, username: str, password: str, client_label: str = "eCabinet") -> LoggedInUser:
        username = username.strip().lower()
        if self.username and self.username != username:
            raise InputError(
                "Thư mục hồ sơ này thuộc về một tài khoản khác.",
                code="profile_mismatch",
                message_en=f"This profile belongs to {self.username}.",
            )
        self.username = username
        self.api.refresh_slot = self._slot()
        user = self.api.login(username, password, client_label)

        def remember(session: Session) -> None:
            existing = meta.get(session, meta.USER_ID)
            if existing and existing != user.id:
                raise InputError(
                    "Tài khoản trên máy chủ đã thay đổi; hãy dùng hồ sơ mới.",
                    code="profile_mismatch",
                    message_en="The account on the server changed; use a new profile.",
                )
            meta.put(session, meta.SERVER_URL, self.server_url)
            meta.put(session, meta.USERNAME, username)
            meta.put(session, meta.USER_ID, user.id)
            meta.put(session, meta.USER_FULL_NAME, user.full_name)
            meta.put(session, meta.USER_ROLE, user.role)
            meta.client_id(session)

        self.store.write(remember)
        self.user_full_name = user.full_name
        return user

    def can_resume(self) -> bool:
        """A refresh token is remembered: sync can start without asking for the password."""
        slot = self.api.refresh_slot
        return slot is not None and slot.load() is not None

    def logout(self) -> None:
        self.api.logout()

    # -- work ---------------------------------------------------------------
    def sync(self, progress: ProgressFn | None = None, should_stop: Any = None) -> SyncReport:
        return self.engine.sync(progress, should_stop)

    def mark_read(self, version_id: str) -> bool:
        """Record that this user opened a version; queued for the server. False if known."""

        def queue(session: Session) -> bool:
            if session.get(LocalReadMark, version_id) is not None:
                return False
            now = isoformat(utcnow()) or ""
            session.add(LocalReadMark(document_version_id=version_id, read_at=now, confirmed=False))
            session.add(
                OutboxEntry(
                    mutation_id=meta.next_mutation_id(session),
                    type=MutationType.MARK_READ.value,
                    payload_json=json.dumps({"document_version_id": version_id, "read_at": now}),
                    created_at=now,
                )
            )
            return True

        return self.store.write(queue)

    def file_path(self, sha256: str) -> Path | None:
        """The verified file for a version, or None: never a partial download."""
        path = self.files.path(sha256)
        return path if path.is_file() else None

    def status(self, *, verify: bool = False) -> dict[str, Any]:
        with self.store.read() as session:
            facts = queries.profile_facts(session)
            meetings = queries.catalogue(session)
            pending = queries.outbox_pending(session)
        documents = []
        for meeting in meetings:
            for doc in meeting.documents:
                present = bool(doc.sha256 and self.files.has(doc.sha256))
                verified = doc.file_verified and present
                if verify and present and doc.sha256:
                    verified = sha256_file(self.files.path(doc.sha256)) == doc.sha256
                documents.append(
                    {
                        "id": doc.id,
                        "meeting_id": meeting.id,
                        "title": doc.title,
                        "number": doc.number,
                        "version_id": doc.version_id,
                        "version_no": doc.version_no,
                        "sha256": doc.sha256,
                        "size": doc.size,
                        "pages": doc.pages,
                        "file_present": present,
                        "file_verified": verified,
                        "partial_bytes": self.files.partial_size(doc.sha256) if doc.sha256 else 0,
                        "read": doc.read,
                    }
                )
        return {
            "server_url": facts[meta.SERVER_URL],
            "username": facts[meta.USERNAME],
            "user_full_name": facts[meta.USER_FULL_NAME],
            "last_sync_at": facts[meta.LAST_SYNC_AT],
            "last_sync_attempt_at": facts[meta.LAST_SYNC_ATTEMPT_AT],
            "outbox_pending": pending,
            "meetings": [
                {
                    "id": m.id,
                    "title": m.title,
                    "starts_at": m.starts_at,
                    "status": m.status,
                    "agenda_items": len(m.agenda),
                    "documents": len(m.documents),
                }
                for m in meetings
            ],
            "documents": documents,
        }

    def close(self) -> None:
        self.store.close()
