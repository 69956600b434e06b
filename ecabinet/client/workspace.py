"""A signed-in user's workspace on this device: store, files, API, sync engine.

The command line and the desktop app both drive the core through this class.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.client import access, pins, secretariat_dashboard
from ecabinet.client.changes import ChangeHub
from ecabinet.client.consent_api import ConsentMixin
from ecabinet.client.credentials import SecretSlot
from ecabinet.client.files import FileCache, is_sha256
from ecabinet.client.home import HomeSummary, home_summary
from ecabinet.client.my_devices import DeviceRow, my_devices, take_new_devices
from ecabinet.client.opinion_preview import OpinionPreview, check_unchanged, preview_opinion
from ecabinet.client.opinions import (
    DEVICE_KEY_ID,
    device_login_offer,
    device_slot,
    ensure_device_key,
    load_device_key,
    pin_server_key,
    sign_opinion,
)
from ecabinet.client.profile import ProfilePaths, make_private, normalise_server_url, private_umask
from ecabinet.client.review import ReviewMixin
from ecabinet.client.store_opening import StoreOpeningMixin
from ecabinet.client.sync import ProgressFn, SyncEngine, SyncReport
from ecabinet.client.unlock import unlock_profile
from ecabinet.client.wipe import DeviceWiped, erase_profile_folder
from ecabinet.crypto.keys import SigningKey
from ecabinet.crypto.sealed_files import SealedReader
from ecabinet.domain import MutationType
from ecabinet.errors import AuthError, ECabinetError, InputError, IntegrityError, KeyringUnavailable
from ecabinet.notes.workspace_api import AnnotationsMixin
from ecabinet.pack.workspace_api import PackMixin
from ecabinet.store import ballot_queries, meta, queries
from ecabinet.timeutil import isoformat, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    # requests and the protocol models load when the server is first needed
    import requests
    from sqlalchemy.orm import Session

    from ecabinet.client.api import ApiClient, LoggedInUser
    from ecabinet.store.models import LocalOpinion


log = logging.getLogger(__name__)


class Workspace(StoreOpeningMixin, AnnotationsMixin, ReviewMixin, PackMixin, ConsentMixin):
    """``passphrase`` unlocks (or, the first time, creates) the profile's vault on a
    computer without an OS keyring; with a keyring it is not needed. Annotations come from
    ``AnnotationsMixin`` (ecabinet/notes/workspace_api.py); search and version comparison
    from ``ReviewMixin`` (ecabinet/client/review.py); the meeting pack from ``PackMixin``
    (ecabinet/pack/workspace_api.py); consent-agenda marks from ``ConsentMixin``
    (ecabinet/client/consent_api.py)."""

    def __init__(
        self,
        profile_dir: Path,
        *,
        server_url: str | None = None,
        http: requests.Session | None = None,
        ca_bundle: str | Path | None = None,
        passphrase: str | None = None,
        defer_store: bool = False,
    ) -> None:
        self.paths = ProfilePaths(profile_dir)
        unlocked = unlock_profile(profile_dir, server_url=server_url, passphrase=passphrase)
        self.profile = unlocked.info
        self.vault = unlocked.vault
        # The app opens the store after its first paint (``defer_store``, store_opening.py).
        self._init_store(unlocked.key, defer=defer_store and not unlocked.upgraded)
        try:
            self.files = FileCache(self.paths.blobs, unlocked.key)
            self._open(server_url, http, ca_bundle, upgraded=unlocked.upgraded)
        except BaseException:
            self._close_store()
            raise

    def _open(
        self,
        server_url: str | None,
        http: requests.Session | None,
        ca_bundle: str | Path | None,
        upgraded: bool,
    ) -> None:
        facts = self._facts(meta.SERVER_URL, meta.USERNAME, meta.USER_FULL_NAME, meta.USER_ROLE)
        stored_url = facts[meta.SERVER_URL]
        self.username = facts[meta.USERNAME]
        self.user_full_name = facts[meta.USER_FULL_NAME]
        self.user_role = facts[meta.USER_ROLE]
        if upgraded:
            self._seal_clear_files(stored_url)
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
        self.signing_unavailable: KeyringUnavailable | None = None
        self._api_options = (http, ca_bundle)
        self._api: ApiClient | None = None
        self._engine: SyncEngine | None = None
        self._lazy_lock = threading.Lock()
        self.tls_pinned_now = False  # True once this process pinned the server's TLS key
        self.wiped = False  # the server revoked this laptop and its profile was erased
        self._changes = ChangeHub()  # made here: screens subscribe from any thread

    @property
    def api(self) -> ApiClient:
        """The server's client, made on first use: opening a profile to show what it holds
        imports neither requests nor the protocol models (bench/cold_start.py)."""
        with self._lazy_lock:
            if self._api is None:
                from ecabinet.client.api import ApiClient

                http, ca_bundle = self._api_options
                self._api = ApiClient(
                    self.server_url,
                    refresh_slot=self._slot(),
                    http=http,
                    ca_bundle=ca_bundle,
                    tls_pin=pins.tls_pin(self.store),
                )
            return self._api

    @property
    def engine(self) -> SyncEngine:
        api = self.api
        with self._lazy_lock:
            if self._engine is None:
                self._engine = SyncEngine(api, self.store, self.files)
            return self._engine

    def _seal_clear_files(self, stored_url: str | None) -> None:
        """A profile of the previous release: encrypt its papers, then close its modes."""
        from sqlalchemy import select

        from ecabinet.store.models import LocalDocumentVersion

        with self.store.read() as session:
            sizes = {
                sha: int(size)
                for sha, size in session.execute(
                    select(LocalDocumentVersion.sha256, LocalDocumentVersion.size)
                )
            }
        with private_umask():
            self.files.seal_clear_files(sizes)
        make_private(self.paths.root)
        self.profile.files_sealed = True
        self.profile.server_url = self.profile.server_url or stored_url
        self.profile.username = self.profile.username or self.username
        self.profile.save(self.paths.info)

    def _slot(self) -> SecretSlot | None:
        if not self.username:
            return None
        return SecretSlot("refresh-token", f"{self.server_url}|{self.username}", self.vault)

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
        # This laptop's signing key is registered by this very login (never by a refresh).
        key = self._device_key()
        offer = device_login_offer(key, username) if key is not None else None
        try:
            user = self.api.login(username, password, client_label, device=offer)
        except AuthError as exc:
            if exc.wipe:
                raise self.wipe() from exc
            raise
        bound = self.api.device or {}
        registered = key.key_id if key is not None and bound.get("key_id") == key.key_id else None
        offline_days = self.api.offline_access_days

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
            meta.put(session, DEVICE_KEY_ID, registered)
            if offline_days is not None:
                meta.put(session, meta.OFFLINE_ACCESS_DAYS, str(offline_days))
            access.record_login(session)  # unlocks papers locked by logout or offline expiry
            meta.client_id(session)

        self.store.write(remember)
        if (self.profile.server_url, self.profile.username) != (self.server_url, username):
            self.profile.server_url, self.profile.username = self.server_url, username
            self.profile.save(self.paths.info)
        self.user_full_name = user.full_name
        self.user_role = user.role
        self.prepare_signing()
        try:  # the private-notes key, so private notes can be written offline from now on
            self.notes_keys.setup(self._registered_key())
        except ECabinetError as exc:
            log.warning("notes key not set up at login: %s", exc.message_en)
        return user

    # -- signing ------------------------------------------------------------
    def _device_slot(self) -> SecretSlot | None:
        return device_slot(self.server_url, self.username, self.vault) if self.username else None

    def _device_key(self) -> SigningKey | None:
        """This device's signing key, made on first use and kept in the OS keyring.

        Without an OS keyring the device gets no key: ``signing_unavailable`` then says
        why, and signing refuses with that reason.
        """
        slot = self._device_slot()
        assert slot is not None
        try:
            key = ensure_device_key(slot)
        except KeyringUnavailable as exc:
            self.signing_unavailable = exc
            return None
        self.signing_unavailable = None
        return key

    def prepare_signing(self) -> None:
        """Pin the server's receipt key and TLS key. Needs the network (right after login)."""
        info = self.api.server_info()

        def pin(session: Session) -> None:
            pin_server_key(session, info)
            self.tls_pinned_now |= pins.pin_tls_key(session, self.api.tls.seen)

        self.store.write(pin)
        self.api.tls.pinned = self.api.tls.pinned or self.api.tls.seen

    def preview_opinion(self, ballot_id: str, choice: str, comment: str) -> OpinionPreview:
        """Exactly what signing this answer would cover, for the minister to confirm."""
        with self.store.read() as session:
            return preview_opinion(session, ballot_id, choice, comment)

    def sign_opinion(
        self, ballot_id: str, choice: str, comment: str, confirmed: OpinionPreview | None = None
    ) -> str:
        """Sign an answer with this device's key and queue it; works offline. Returns its id.

        With ``confirmed`` (what the minister saw and accepted), nothing is signed if the
        answer would now cover anything else.
        """
        slot = self._device_slot()
        key = load_device_key(slot) if slot is not None else None
        with self.store.read() as session:
            registered = meta.get(session, DEVICE_KEY_ID)
        if key is None or registered != key.key_id:
            if slot is not None and slot.unavailable is not None:
                raise slot.unavailable
            raise InputError(
                "Thiết bị này chưa có khóa ký đã đăng ký. Hãy kết nối mạng và đăng nhập lại "
                "một lần để tạo khóa ký cho máy.",
                code="no_device_key",
                message_en="This device has no registered signing key yet: log in once online.",
            )

        def sign(session: Session) -> LocalOpinion:
            if confirmed is not None:
                check_unchanged(session, confirmed)
            return sign_opinion(
                session, key=key, ballot_id=ballot_id, choice=choice, comment=comment
            )

        return self.store.write(sign).id

    def can_resume(self) -> bool:
        """A refresh token is remembered: sync can start without asking for the password."""
        # Before the client exists its slot is the one it will be given (_slot()).
        slot = self._api.refresh_slot if self._api is not None else self._slot()
        return slot is not None and slot.load() is not None

    def logout(self) -> None:
        """End the session on the server (if reachable) and lock the papers here until the
        next password login. Signed answers not yet sent stay queued."""
        self.api.logout()
        self.store.write(access.record_logout)

    def _access_json(self) -> dict[str, Any]:
        state = self.access_state()
        return {
            "locked": state.locked,
            "reason": state.reason,
            "last_contact_at": state.last_contact_at,
            "offline_access_days": state.offline_days,
        }

    def _require_access(self) -> None:
        state = self.access_state()
        if state.locked:
            raise state.error()

    def wipe(self) -> DeviceWiped:
        """This laptop was revoked: erase the profile's secrets and files. Returns the error
        to show; the workspace is closed and unusable afterwards."""
        self.wiped = True
        self.api.forget_session()
        self.vault.wipe()
        with contextlib.suppress(Exception):
            self.store.close()
        erase_profile_folder(self.paths.root)
        return DeviceWiped()

    # -- work ---------------------------------------------------------------
    def sync(self, progress: ProgressFn | None = None, should_stop: Any = None) -> SyncReport:
        state = self.access_state()
        if state.locked:
            # Only a password login unlocks; queued answers wait for it.
            return SyncReport(online=False, errors=[state.error()])
        report = self.engine.sync(progress, should_stop)
        wipe = next((e for e in report.errors if isinstance(e, AuthError) and e.wipe), None)
        if wipe is not None:
            report.errors = [self.wipe()]
            report.wiped = True
            return report
        self._annotations_after_sync(report)
        if report.online and not any(isinstance(e, AuthError) for e in report.errors):
            self.store.write(access.record_contact)
        if self.api.tls.pinned is None and self.api.tls.seen is not None:
            # A profile from before TLS pinning: pinned at its first sync instead.
            self.tls_pinned_now |= self.store.write(
                lambda s: pins.pin_tls_key(s, self.api.tls.seen)
            )
            self.api.tls.pinned = self.api.tls.seen
        self._remember_offline_policy()
        return report

    def devices(self) -> list[DeviceRow]:
        """This user's signing devices, as the server last listed them."""
        with self.store.read() as session:
            return my_devices(session)

    def take_new_devices(self) -> list[DeviceRow]:
        """Devices of this user that appeared since the minister was last told."""
        return self.store.write(take_new_devices)

    def server_identity(self) -> pins.ServerIdentity:
        """The fingerprints this profile pinned, to show and to compare aloud."""
        with self.store.read() as session:
            return pins.server_identity(session)

    def _remember_offline_policy(self) -> None:
        """Keep the organisation's offline policy (sent with every login and refresh)."""
        days = self.api.offline_access_days
        if days is None:
            return
        with self.store.read() as session:
            known = meta.get(session, meta.OFFLINE_ACCESS_DAYS)
        if known != str(days):
            self.store.write(lambda s: meta.put(s, meta.OFFLINE_ACCESS_DAYS, str(days)))

    def mark_read(self, version_id: str) -> bool:
        """Record that this user opened a version; queued for the server. False if known."""

        from ecabinet.store.models import LocalReadMark, OutboxEntry

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

    def reading_position(self, document_id: str) -> int | None:
        """The zero-based page this document was last read at on this device, or None."""
        from ecabinet.client import reading_positions

        with self.store.read() as session:
            return reading_positions.position(session, document_id)

    def remember_position(self, document_id: str, page: int) -> None:
        """Remember the page being read (the reader reopens there); a page further on
        than the last one is also queued for the secretariat's dashboard ("how far
        read"), where the server keeps the furthest."""

        from ecabinet.client import reading_positions

        def write(session: Session) -> None:
            before = reading_positions.position(session, document_id)
            reading_positions.remember(session, document_id, page)
            if before is None or page > before:
                secretariat_dashboard.queue_progress(session, document_id, page)

        self.store.write(write)

    def home(self) -> HomeSummary:
        """What the home view lists: unread papers, open ballots, papers updated since read."""
        with self.store.read() as session:
            return home_summary(session)

    def open_paper(self, sha256: str) -> SealedReader | None:
        """A cached paper to read, decrypted chunk by chunk as it is read; None if absent.

        Nothing is decrypted to disk. Every chunk read is authenticated: a file found
        truncated (its size), damaged or swapped (a chunk that fails) is removed and
        fetched again at the next sync, and reading it raises IntegrityError. Call from
        a background thread; the reader may then be read from any one thread.
        """
        self._require_access()
        size = self._version_size(sha256)
        try:
            return self.files.open(sha256, size, on_damage=lambda: self.file_damaged(sha256))
        except FileNotFoundError:
            if self.engine.is_verified(sha256):
                self.engine.file_missing(sha256)
            return None
        except IntegrityError:
            return None  # already reported through on_damage

    def file_damaged(self, sha256: str) -> None:
        """A cached paper failed authentication: drop it and fetch it at the next sync.

        Safe on the GUI thread: it does not wait for the store's writer.
        """
        self.files.remove_final(sha256)
        self.engine.file_missing(sha256, wait=False)

    def _version_size(self, sha256: str) -> int | None:
        from sqlalchemy import select

        from ecabinet.store.models import LocalDocumentVersion

        with self.store.read() as session:
            size = session.scalar(
                select(LocalDocumentVersion.size).where(LocalDocumentVersion.sha256 == sha256)
            )
        return None if size is None else int(size)

    def file_path(self, sha256: str) -> Path | None:
        """Where the sealed copy of a version is, or None: never a partial download."""
        path = self.files.path(sha256)
        if path.is_file():
            return path
        if self.engine.is_verified(sha256):
            self.engine.file_missing(sha256)
        return None

    def status(self, *, verify: bool = False) -> dict[str, Any]:
        with self.store.read() as session:
            facts = queries.profile_facts(session)
            meetings = queries.catalogue(session)
            pending = queries.outbox_pending(session)
            ballots = ballot_queries.ballots(session)
        documents = []
        for meeting in meetings:
            for doc in meeting.documents:
                # Cheap by default (one stat: present, with its exact sealed size);
                # ``verify`` decrypts every file. A file that fails either is dropped
                # and fetched again at the next sync.
                sha = doc.sha256 if is_sha256(doc.sha256) else None
                present = sha is not None and self.files.looks_intact(sha, doc.size)
                if verify and sha is not None and present:
                    present = self.files.authenticate(sha, doc.size)
                if sha is not None and doc.file_verified and not present:
                    self.files.remove_final(sha)
                    self.engine.file_missing(sha)
                verified = doc.file_verified and present
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
                        "partial_bytes": self.files.partial_size(sha) if sha else 0,
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
            "server_identity": self.server_identity().as_json(),
            "access": self._access_json(),
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
            "ballots": [
                {
                    "id": b.id,
                    "meeting_id": b.meeting_id,
                    "question": b.question,
                    "deadline": b.deadline,
                    "status": b.status,
                    "my_state": b.state,
                    "my_choice": b.current.choice if b.current else None,
                    "receipt_verified": b.current.receipt_verified if b.current else None,
                }
                for b in ballots
            ],
        }

    def close(self) -> None:
        if not self.wiped:
            self._close_store()
