"""The sync engine: push the outbox, pull changes, fetch missing files.

Runs on any thread but the GUI's; reports through plain callbacks. Each pulled
page and its cursor are committed in one transaction, so an interruption at any
point resumes exactly where it stopped.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from ecabinet.client.definitions import signed_by_unknown_keys
from ecabinet.client.files import FileCache, bad_sha256, is_sha256
from ecabinet.client.opinions import pin_server_key, record_outcome, reverify_receipts
from ecabinet.crypto.sealed_files import sealed_size
from ecabinet.errors import ECabinetError, InputError, IntegrityError, NetworkError, ServerError
from ecabinet.store import meta
from ecabinet.store.db import LocalStore
from ecabinet.timeutil import isoformat, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    # requests, pydantic and pdfium load with the first sync, not at start
    from ecabinet.client.api import ApiClient
    from ecabinet.store.models import LocalFile, OutboxEntry


log = logging.getLogger(__name__)
PUSH_BATCH = 500
# Files fetched at once: enough to overlap network, hashing and fsync on a laptop.
DOWNLOADS = 4


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "push" | "pull" | "files" | "index" | "done"
    done: int
    total: int
    detail: str = ""


@dataclass
class SyncReport:
    online: bool = False
    pushed: int = 0
    applied: int = 0
    rejected: int = 0
    pages: int = 0
    changes: int = 0
    resynced: bool = False
    files_downloaded: int = 0
    files_resumed: int = 0
    bytes_downloaded: int = 0
    integrity_failures: int = 0
    round_trips: int = 0
    seconds: float = 0.0
    errors: list[ECabinetError] = field(default_factory=list)
    wiped: bool = False  # the server revoked this laptop: its profile was erased

    @property
    def ok(self) -> bool:
        return self.online and not self.errors


ProgressFn = Callable[[SyncProgress], None]


class SyncEngine:
    def __init__(self, api: ApiClient, store: LocalStore, files: FileCache) -> None:
        self.api = api
        self.store = store
        self.files = files
        # False until this process has checked every file once, and after any change:
        # a sync that pulled nothing then only stats the files it expects.
        self._files_clean = False
        # Every cached file is authenticated in full once per process (first sync).
        self._files_authenticated = False
        # (sha256, path, sealed size) of every current paper, for the per-sync stat check.
        self._expected_files: list[tuple[str, str, int]] = []

    def sync(
        self, progress: ProgressFn | None = None, should_stop: Callable[[], bool] | None = None
    ) -> SyncReport:
        report = SyncReport()
        started = time.perf_counter()
        trips_before = self.api.round_trips
        notify = progress or (lambda _p: None)
        stop = should_stop or (lambda: False)
        self.store.write(lambda s: meta.put(s, meta.LAST_SYNC_ATTEMPT_AT, isoformat(utcnow())))
        # The files' stat check runs while the pull is on the network (1,000 stats cost
        # about 2 ms, a round trip longer): a no-op sync stays one round trip long.
        intact = _Background(self._files_look_intact) if self._files_clean else None
        try:
            self.push(report, notify)
            if not stop():
                self.pull(report, notify)
            report.online = True
            looks_intact = intact.result() if intact is not None else False
            if report.changes or not self._files_clean or not looks_intact:
                self._files_clean = False
                if not stop():
                    self.fetch_files(report, notify, stop)
            if not report.errors:
                self.store.write(lambda s: meta.put(s, meta.LAST_SYNC_AT, isoformat(utcnow())))
        except NetworkError as exc:
            report.online = False
            report.errors.append(exc)
        except ECabinetError as exc:
            report.online = True  # the server answered, with an error
            report.errors.append(exc)
        finally:
            if intact is not None:
                intact.join()  # never left running behind a failed sync
        report.round_trips = self.api.round_trips - trips_before
        report.seconds = time.perf_counter() - started
        notify(SyncProgress("done", 1, 1))
        return report

    # -- push ---------------------------------------------------------------
    def push(self, report: SyncReport, notify: ProgressFn) -> None:
        from sqlalchemy import func, select

        from ecabinet.store.models import OutboxEntry

        with self.store.read() as session:
            total = (
                session.scalar(
                    select(func.count())
                    .select_from(OutboxEntry)
                    .where(OutboxEntry.state == "pending")
                )
                or 0
            )
        if not total:
            return
        client_id = self.store.write(meta.client_id)
        done = 0
        while True:
            with self.store.read() as session:
                batch = session.scalars(
                    select(OutboxEntry)
                    .where(OutboxEntry.state == "pending")
                    .order_by(OutboxEntry.mutation_id)
                    .limit(PUSH_BATCH)
                ).all()
            if not batch:
                return
            notify(SyncProgress("push", done, total, f"{total - done}"))
            mutations = [
                {
                    "mutation_id": e.mutation_id,
                    "type": e.type,
                    "payload": json.loads(e.payload_json),
                }
                for e in batch
            ]
            results = self.api.push(client_id, mutations)
            unverified = self.store.write(partial(_record_results, results=results))
            if unverified:
                unverified = self.learn_rotated_keys()
            if unverified:
                report.errors.append(
                    IntegrityError(
                        "Biên nhận của máy chủ không xác thực được bằng khóa đã ghi nhớ.",
                        code="bad_receipt",
                        message_en=f"{unverified} receipt(s) did not verify with the pinned key.",
                    )
                )
            report.pushed += len(results)
            report.applied += sum(1 for r in results if r["status"] == "applied")
            report.rejected += sum(1 for r in results if r["status"] == "rejected")
            done += len(batch)
            if len(results) < len(batch):
                raise ServerError(
                    "Máy chủ trả lời thiếu.", code="short_push", message_en="Short push answer."
                )

    def learn_rotated_keys(self) -> int:
        """Receipts did not verify: the server may have rotated its key. Learn the new one
        if an endorsement chain from the pinned key vouches for it, and check those
        receipts again; returns how many still fail (a different key stays refused)."""
        info = self.api.server_info()
        # A key nothing vouches for stays refused: the receipts stay unverified, and say so.
        with contextlib.suppress(IntegrityError):
            self.store.write(lambda s: pin_server_key(s, info))
        return self.store.write(reverify_receipts)

    # -- pull ---------------------------------------------------------------
    def pull(self, report: SyncReport, notify: ProgressFn) -> None:
        with self.store.read() as session:
            cursor = meta.get(session, meta.CURSOR)
        while True:
            try:
                page = self.api.pull(cursor)
            except ServerError as exc:
                # 410: the server forgot the cursor; 400 bad_cursor: ours is damaged.
                if exc.status != 410 and exc.code != "bad_cursor":
                    raise
                log.info("cursor %s: resync from zero", exc.code)
                cursor = None
                self.store.write(lambda s: meta.put(s, meta.CURSOR, None))
                continue
            if cursor is None:
                report.resynced = True
                self.store.write(_start_resync)
            report.pages += 1
            report.changes += len(page["changes"])
            self.store.write(partial(_apply_page, page=page))
            notify(SyncProgress("pull", report.pages, report.pages + int(page["has_more"])))
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        if not report.changes:
            return  # a no-op sync stays one round trip
        with self.store.read() as session:
            unknown = signed_by_unknown_keys(session)
        if unknown:
            self.learn_rotated_keys()

    # -- files --------------------------------------------------------------
    def _current_files(self) -> tuple[list[tuple[str, int]], set[str]]:
        """(sha256, size) of the current version of every visible document, and the
        hashes whose file the store records as verified."""
        from sqlalchemy import select

        from ecabinet.store.models import LocalDocument, LocalDocumentVersion, LocalFile

        with self.store.read() as session:
            rows = session.execute(
                select(LocalDocumentVersion.sha256, LocalDocumentVersion.size)
                .join(LocalDocument, LocalDocument.current_version_id == LocalDocumentVersion.id)
                .order_by(LocalDocument.meeting_id, LocalDocument.position)
            ).all()
            verified = set(
                session.scalars(select(LocalFile.sha256).where(LocalFile.verified_at.is_not(None)))
            )
        seen: set[str] = set()
        current = []
        for sha, size in rows:
            if sha not in seen:
                current.append((sha, int(size)))
            seen.add(sha)
        return current, verified

    def missing_files(self) -> list[tuple[str, int]]:
        """Current versions of visible documents whose file is not verified here.

        Trusts the store's record (a file reaches its final name only after its hash
        matched); each sync stats the files, the first sync of a process and every read
        authenticate them, and a file found missing or damaged is fetched again.
        """
        current, verified = self._current_files()
        return [(sha, size) for sha, size in current if sha not in verified]

    def _files_look_intact(self) -> bool:
        """One stat per expected file: present, with exactly its sealed size."""
        lost = []
        for sha, path, sealed in self._expected_files:
            try:
                # A str path and os.stat: 1,000 of these must cost a millisecond or two.
                if os.stat(path).st_size != sealed:  # noqa: PTH116
                    lost.append(sha)
            except OSError:  # gone, or unreadable: fetched again either way
                lost.append(sha)
        if lost:
            for sha in lost:
                self.files.remove_final(sha)  # a truncated or grown copy: fetch it whole
            self.store.write(partial(_files_done, verified=[], failed=[], lost=lost))
        return not lost

    def authenticate_files(self) -> list[str]:
        """Decrypt every cached file the store calls verified; forget those that fail."""
        from sqlalchemy import select

        from ecabinet.store.models import LocalFile

        with self.store.read() as session:
            rows = session.execute(
                select(LocalFile.sha256, LocalFile.size).where(LocalFile.verified_at.is_not(None))
            ).all()
        lost = [sha for sha, size in rows if not self.files.authenticate(sha, int(size))]
        if lost:
            log.warning("%d cached file(s) failed authentication; fetching again", len(lost))
            self.store.write(partial(_files_done, verified=[], failed=[], lost=lost))
        return lost

    def fetch_files(self, report: SyncReport, notify: ProgressFn, stop: Callable[[], bool]) -> None:
        """Fetch missing files, a few at a time, so the network, hashing and fsyncs overlap."""
        if not self._files_authenticated:
            report.integrity_failures += len(self.authenticate_files())
            self._files_authenticated = True
        missing = self.missing_files()
        total = sum(size for _, size in missing)
        done = 0
        lock = threading.Lock()
        verified: list[tuple[str, int]] = []
        failed: list[tuple[str, int, ECabinetError]] = []

        def advance(n: int) -> None:
            nonlocal done
            with lock:
                done += n
                current = done
            notify(SyncProgress("files", current, total))

        def fetch_one(sha: str, size: int) -> None:
            if stop():
                return
            if not is_sha256(sha):  # never a path, never a URL
                with lock:
                    report.integrity_failures += 1
                    report.errors.append(bad_sha256(sha))
                return
            if self.files.authenticate(sha, size):  # fetched by an earlier, interrupted sync
                with lock:
                    verified.append((sha, size))
                return
            for attempt in (1, 2):
                try:
                    result = self.files.fetch(self.api, sha, size, advance)
                except IntegrityError as exc:
                    with lock:
                        report.integrity_failures += 1
                        failed.append((sha, size, exc))
                        if attempt == 2:
                            report.errors.append(exc)
                    continue
                with lock:
                    report.files_downloaded += 1
                    report.files_resumed += int(result.resumed_from > 0)
                    report.bytes_downloaded += result.received
                    verified.append((sha, size))
                return

        try:
            with ThreadPoolExecutor(DOWNLOADS, thread_name_prefix="download") as pool:
                futures = [pool.submit(fetch_one, sha, size) for sha, size in missing]
                for future in futures:
                    try:
                        future.result()
                    except NetworkError:
                        for pending in futures:
                            pending.cancel()
                        raise
        finally:
            # One transaction for the whole batch, interrupted or not.
            self.store.write(partial(_files_done, verified=verified, failed=failed))
        fetched = {sha for sha, _ in verified}
        self._files_clean = not stop() and all(sha in fetched for sha, _, _ in failed)
        self.collect_garbage()
        if not stop():
            self.index_pending(notify)
        self._expected_files = []
        if self._files_clean:
            current, held = self._current_files()
            self._expected_files = [
                (sha, str(self.files.path(sha)), sealed_size(size))
                for sha, size in current
                if sha in held
            ]

    def index_pending(self, notify: ProgressFn | None = None) -> int:
        """Extract and index the text of every verified paper not indexed yet (offline
        search, docs/search.md); returns how many versions were indexed.

        The text is read once, at sync time, from the sealed file decrypted in memory;
        a paper pdfium cannot read is indexed as empty so it is not tried again.
        """
        from ecabinet.search import index as search_index
        from ecabinet.search.extract import extracted_ahead, page_texts  # pdfium: not at start-up

        self.store.write(search_index.remove_stale_versions)  # replaced or withdrawn papers
        with self.store.read() as session:
            pending = search_index.unindexed_versions(session)

        def extract(version: tuple[str, str]) -> list[str]:
            with self.files.open(version[1]) as reader:
                data = reader.read_at(0, reader.size)
            return page_texts(data)

        # The next paper's text is extracted while this one's is written (extract.py).
        for done, ((document_id, sha), texts_ready) in enumerate(
            extracted_ahead(pending, extract), start=1
        ):
            try:
                texts = texts_ready.result()
            except (FileNotFoundError, IntegrityError):
                continue  # damaged or gone: fetched again, indexed then
            except InputError:
                texts = []
            self.store.write(
                partial(
                    search_index.index_version,
                    document_id=document_id,
                    version_sha256=sha,
                    page_texts=texts,
                )
            )
            if notify is not None:
                notify(SyncProgress("index", done, len(pending)))
        return len(pending)

    def collect_garbage(self) -> None:
        """Remove cached files no visible version refers to any more, and partial
        downloads of papers withdrawn or replaced (only current versions are fetched)."""
        from sqlalchemy import select

        from ecabinet.store.models import LocalDocumentVersion

        with self.store.read() as session:
            wanted = set(session.scalars(select(LocalDocumentVersion.sha256)))
        current, _ = self._current_files()
        self.files.collect(keep=wanted, keep_partial={sha for sha, _ in current})
        self.store.write(lambda s: _forget_files(s, wanted))

    def is_verified(self, sha256: str) -> bool:
        from ecabinet.store.models import LocalFile

        with self.store.read() as session:
            row = session.get(LocalFile, sha256)
            return row is not None and row.verified_at is not None

    def file_missing(self, sha256: str, *, wait: bool = True) -> None:
        """A verified file vanished from disk or is damaged: fetch it again at the next sync.

        ``wait=False`` from the GUI thread (a paper that failed while being read).
        """
        self._files_clean = False
        record = partial(_files_done, verified=[], failed=[], lost=[sha256])
        if wait:
            self.store.write(record)
        else:
            self.store.write_async(record)


class _Background:
    """One call on a short-lived thread; ``result()`` waits and re-raises its error."""

    def __init__(self, fn: Callable[[], bool]) -> None:
        self._fn = fn
        self._value = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="file-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._fn()
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def join(self) -> None:
        self._thread.join()

    def result(self) -> bool:
        self.join()
        if self._error is not None:
            raise self._error
        return self._value


def _record_results(session: Session, results: list[dict[str, Any]]) -> int:
    """Store the server's answers; returns how many receipts failed to verify."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalOpinion, OutboxEntry

    now = isoformat(utcnow())
    unverified = 0
    # Two queries for the whole answer, then only the identity map: 1,000 receipts
    # must not cost 2,000 lookups (bench/push_opinions.py).
    entries = {
        e.mutation_id: e
        for e in session.scalars(
            select(OutboxEntry).where(
                OutboxEntry.mutation_id.in_([r["mutation_id"] for r in results])
            )
        )
    }
    # Held in a variable: the session's identity map keeps rows only weakly.
    opinions = list(
        session.scalars(select(LocalOpinion).where(LocalOpinion.mutation_id.in_(list(entries))))
    )
    with session.no_autoflush:
        for r in results:
            entry = entries.get(r["mutation_id"])
            if entry is None or entry.state != "pending":
                continue
            unverified += _record_one(session, entry, r, now)
    del opinions
    return unverified


def _record_one(session: Session, entry: OutboxEntry, r: dict[str, Any], now: str | None) -> int:
    """Store one answer; 1 if its receipt failed to verify."""
    from ecabinet.store.models import LocalReadMark

    entry.state = str(r["status"])
    entry.answered_at = now
    entry.attempts += 1
    entry.result_code = r.get("code")
    entry.result_message = r.get("message")
    entry.result_json = json.dumps(r.get("result", {}), ensure_ascii=False)
    if entry.type == "mark_read" and entry.state == "applied":
        payload = json.loads(entry.payload_json)
        mark = session.get(LocalReadMark, payload["document_version_id"])
        if mark is not None:
            mark.confirmed = True
    elif entry.type == "submit_opinion" and not record_outcome(session, entry, r):
        return 1
    return 0


def _start_resync(session: Session) -> None:
    generation = int(meta.get(session, meta.GENERATION, "0") or "0") + 1
    meta.put(session, meta.GENERATION, str(generation))
    meta.put(session, meta.RESYNC_GENERATION, str(generation))


def _apply_page(session: Session, page: dict[str, object]) -> None:
    from ecabinet.client.apply import apply_changes, sweep

    generation = int(meta.get(session, meta.GENERATION, "0") or "0")
    apply_changes(session, page["changes"], generation)  # type: ignore[arg-type]
    meta.put(session, meta.CURSOR, str(page["cursor"]))
    if not page["has_more"] and meta.get(session, meta.RESYNC_GENERATION) is not None:
        sweep(session, generation)
        meta.put(session, meta.RESYNC_GENERATION, None)


def _files_done(
    session: Session,
    *,
    verified: list[tuple[str, int]],
    failed: list[tuple[str, int, ECabinetError]],
    lost: Sequence[str] = (),
) -> None:
    """Record a batch of file outcomes with one query, not one per file."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalFile

    now = isoformat(utcnow())
    shas = {sha for sha, _ in verified} | {sha for sha, _, _ in failed} | set(lost)
    rows = {
        r.sha256: r for r in session.scalars(select(LocalFile).where(LocalFile.sha256.in_(shas)))
    }

    def row(sha256: str, size: int) -> LocalFile:
        if sha256 not in rows:
            rows[sha256] = LocalFile(sha256=sha256, size=size, failures=0, last_error="")
            session.add(rows[sha256])
        return rows[sha256]

    fetched = {sha for sha, _ in verified}
    for sha256, size, exc in failed:
        if sha256 in fetched:
            continue  # the second attempt succeeded
        failure = row(sha256, size)
        failure.failures = (failure.failures or 0) + 1
        failure.verified_at = None
        failure.last_error = exc.message_en
    for sha256, size in verified:
        done = row(sha256, size)
        done.size, done.verified_at, done.last_error = size, now, ""
    for sha256 in lost:
        if sha256 in rows:
            rows[sha256].verified_at = None


def _forget_files(session: Session, wanted: set[str]) -> None:
    from sqlalchemy import select

    from ecabinet.search import index as search_index
    from ecabinet.store.models import LocalFile

    for row in session.scalars(select(LocalFile)):
        if row.sha256 not in wanted:
            session.delete(row)
            search_index.remove_version(session, version_sha256=row.sha256)
