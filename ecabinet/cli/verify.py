"""``ecabinet verify``: recount a ballot's result bundle offline, proven against a key you trust.

Exit status:
  0  proven: every signature verifies with a server key you named, every link of the
     chain holds, and the recount matches;
  1  verification failed (the first line says so loudly), naming what was altered;
  2  the file cannot be read as a bundle, a key argument cannot be used, or the
     summary cannot be written;
  3  not proven: nothing failed, but you named no trusted key (``--server-key`` or
     ``--trust-file``), so the bundle was only checked against the key it carries itself.

The server key's fingerprint and the SHA-256 of the file are always printed, so they
can be compared aloud with the ones the app shows.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecabinet.ballots.tally import Tally
    from ecabinet.ballots.verify import Recount
    from ecabinet.crypto.keys import VerifyingKey

FAILED = "KIỂM TRA THẤT BẠI — VERIFICATION FAILED"
NOT_PROVEN = "CHƯA CHỨNG MINH — NOT PROVEN"
PROVEN = "ĐÃ CHỨNG MINH — PROVEN"
EXIT_PROVEN, EXIT_FAILED, EXIT_UNREADABLE, EXIT_NOT_PROVEN = 0, 1, 2, 3
SHOWN_PER_CODE = 10  # the text report; --json lists every problem
_KEY_ID = re.compile(r"^[0-9a-f]{64}$")


class KeyArgumentError(ValueError):
    pass


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "verify",
        help="recount a ballot result bundle from its signatures, against a server key you trust",
        epilog="exit status: 0 proven; 1 verification failed; 2 unreadable file or key "
        "argument; 3 not proven (no trusted server key named)",
    )
    parser.add_argument("bundle", type=Path, metavar="BUNDLE", help="the exported bundle (JSON)")
    parser.add_argument(
        "--server-key",
        action="append",
        default=[],
        metavar="KEYID_OR_FILE",
        help="a server key you trust: a file holding it (PEM, base64, or the server's "
        "server-info JSON), or its key id / fingerprint (then the bundle must carry "
        "exactly that key); may be repeated",
    )
    parser.add_argument(
        "--trust-file",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a trust file the app exported (ecabinet trust export)",
    )
    parser.add_argument("--json", action="store_true", help="print the recount as JSON")
    parser.add_argument(
        "--summary-pdf",
        type=Path,
        default=None,
        metavar="OUT.pdf",
        help="write the printable summary (only when the result is proven)",
    )
    parser.set_defaults(handler=run)


def _key_from_file(path: Path) -> VerifyingKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_pem_public_key,
    )

    from ecabinet.crypto.keys import VerifyingKey

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyArgumentError(f"cannot read {path}: {exc.strerror or exc}") from exc
    text = data.decode("utf-8", "replace").strip()
    try:
        if text.startswith("-----BEGIN"):
            loaded = load_pem_public_key(data)
            if not isinstance(loaded, Ed25519PublicKey):
                raise ValueError("not an Ed25519 public key")
            return VerifyingKey(loaded.public_bytes(Encoding.Raw, PublicFormat.Raw))
        if text.startswith("{"):
            value = json.loads(text)
            value = value.get("server_key", value) if isinstance(value, dict) else {}
            return VerifyingKey.from_b64(str(value["public_key"]))
        return VerifyingKey.from_b64(text)
    except (ValueError, KeyError, TypeError) as exc:
        raise KeyArgumentError(
            f"{path} holds no Ed25519 server key (PEM, base64 or server-info JSON): {exc}"
        ) from exc


def anchors(args: argparse.Namespace, bundle: dict[str, Any]) -> list[VerifyingKey] | None:
    """The keys the reader named (None: none named)."""
    from ecabinet.ballots.bundle_keys import carried_keys
    from ecabinet.crypto.server_keys import TrustFileError, load_trust_file

    if not args.server_key and not args.trust_file:
        return None
    keys: list[VerifyingKey] = []
    for item in args.server_key:
        path = Path(item)
        key_id = item.replace(" ", "").lower()
        if path.is_file():
            keys.append(_key_from_file(path))
        elif _KEY_ID.match(key_id):
            # A key id names exactly one key (its SHA-256): trust it where the bundle has it.
            carried = carried_keys(bundle).get(key_id)
            if carried is not None:
                keys.append(carried)
            else:
                print(
                    f"ecabinet: gói không mang khóa máy chủ có mã {key_id} "
                    "(the bundle carries no server key with that id).",
                    file=sys.stderr,
                )
        else:
            raise KeyArgumentError(f"--server-key {item!r} is neither a file nor a key id")
    for path in args.trust_file:
        try:
            keys.extend(load_trust_file(path))
        except TrustFileError as exc:
            raise KeyArgumentError(str(exc)) from exc
    return keys


def run(args: argparse.Namespace) -> int:
    from ecabinet.ballots.verify import BundleError, read_bundle, verify_bundle

    try:
        bundle, sha256 = read_bundle(args.bundle)
    except BundleError as exc:
        print(f"ecabinet: {exc.message_vi}\n          ({exc})", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        trusted = anchors(args, bundle)
    except KeyArgumentError as exc:
        print(
            f"ecabinet: Không dùng được khóa máy chủ đã chỉ định.\n          ({exc})",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    recount = verify_bundle(bundle, trusted=trusted, bundle_sha256=sha256)
    if args.json:
        if not recount.ok:  # stdout stays parseable; the failure is still loud
            print(f"{FAILED}: {len(recount.problems)} vấn đề / problems", file=sys.stderr)
        elif not recount.proven:
            print(f"{NOT_PROVEN}: no trusted server key named", file=sys.stderr)
        print(json.dumps(_as_json(recount), ensure_ascii=False, indent=2))
    else:
        _print_text(recount)
    if args.summary_pdf is not None:
        # A printed summary carries authority; it must never come from an unproven file.
        if not recount.proven:
            print(
                "Không tạo bản tổng hợp PDF vì kết quả chưa được chứng minh "
                "(summary PDF not written: the result is not proven).",
                file=sys.stderr,
            )
        else:
            from ecabinet.pdf.ballot_summary import render_ballot_summary

            try:
                pages = render_ballot_summary(recount, args.summary_pdf)
            except OSError as exc:
                print(f"ecabinet: Không ghi được tệp {args.summary_pdf} ({exc})", file=sys.stderr)
                return EXIT_UNREADABLE
            print(f"Đã ghi bản tổng hợp: {args.summary_pdf} ({pages} trang)", file=sys.stderr)
    if not recount.ok:
        return EXIT_FAILED
    return EXIT_PROVEN if recount.proven else EXIT_NOT_PROVEN


def _print_identity(recount: Recount) -> None:
    print(f"Khóa máy chủ đã ký gói (server key): {recount.fingerprint}")
    print(f"Mã băm của tệp (bundle SHA-256): {recount.bundle_sha256 or '?'}")


def _print_text(recount: Recount) -> None:
    from ecabinet.ballots.tally import CHOICE_VI, adoption_sentence

    t = recount.tally
    problems = recount.problems
    if problems:
        print(f"{FAILED}: {len(problems)} vấn đề / problems")
    elif not recount.proven:
        print(
            f"{NOT_PROVEN}: chưa chỉ định khóa máy chủ tin cậy (--server-key hoặc --trust-file); "
            "gói chỉ khớp với khóa do chính nó mang theo / no trusted server key was named, so "
            "the bundle was only checked against the key it carries itself."
        )
    _print_identity(recount)
    answered = t.agree + t.disagree + t.other
    print(
        f"Kiểm phiếu lại từ chữ ký: {recount.opinions_checked} phiếu đã kiểm tra, "
        f"{answered} thành viên có ý kiến được tính."
    )
    print(f"Câu hỏi: {recount.ballot.get('question', '')}")
    print(
        f"{CHOICE_VI['agree']}: {t.agree} · {CHOICE_VI['disagree']}: {t.disagree} · "
        f"{CHOICE_VI['other']}: {t.other} · Chưa có ý kiến: {t.not_answered} · "
        f"Tổng số thành viên: {t.membership_total}"
    )
    if t.outdated:
        print(f"Trong đó {t.outdated} ý kiến trả lời trên bản dự thảo cũ.")
    if recount.ballot and recount.closed_at is None:
        print("Phiếu chưa kết thúc khi xuất gói: kết quả tạm thời (interim: still open).")
    print(adoption_sentence(t))
    print(
        f"Recount from signatures: {recount.opinions_checked} opinions checked; agree {t.agree}, "
        f"disagree {t.disagree}, other {t.other}, not answered {t.not_answered}. {_verdict(t)}"
    )
    if problems:
        print("Vấn đề / Problems:")
    shown: Counter[str] = Counter()
    for problem in problems:
        shown[problem.code] += 1
        if shown[problem.code] > SHOWN_PER_CODE:
            continue
        oid = problem.opinion_id
        where = f" (opinion {oid})" if oid and oid not in problem.message else ""
        print(f"  [{problem.code}] {problem.message}{where}")
    for code, count in sorted(shown.items()):
        if count > SHOWN_PER_CODE:
            print(f"  … {count - SHOWN_PER_CODE} more [{code}] (--json lists them all)")
    if not problems:
        print(f"Mọi chữ ký và chuỗi biên nhận hợp lệ. Mã chuỗi biên nhận: {recount.chain_head}")
        if recount.proven:
            print(f"{PROVEN}: mọi chữ ký của máy chủ khớp với khóa bạn tin cậy.")


def _verdict(t: Tally) -> str:
    """The tally rule in English: a majority of all members, the chair deciding at half."""
    share = f"{t.agree} of all {t.membership_total} members agree"
    if 2 * t.agree > t.membership_total:
        return f"Adopted: {share}, more than half."
    if 2 * t.agree == t.membership_total and t.chair_choice:
        how = "Adopted" if t.adopted else "Not adopted"
        return (
            f"{how}: {share}, exactly half; the Prime Minister's choice ({t.chair_choice}) decides."
        )
    return f"NOT adopted: {share}, not more than half."


def _as_json(recount: Recount) -> dict[str, Any]:
    return {
        "ok": recount.ok,
        "proven": recount.proven,
        "server_key_id": recount.server_key_id,
        "server_key_fingerprint": recount.fingerprint,
        "bundle_sha256": recount.bundle_sha256,
        "opinions_checked": recount.opinions_checked,
        "ballot_id": recount.ballot.get("ballot_id"),
        "question": recount.ballot.get("question"),
        "closed_at": recount.closed_at,
        "chain_head": recount.chain_head,
        "tally": recount.tally.as_dict(),
        "members": [asdict(m) for m in recount.members],
        "problems": [asdict(p) for p in recount.problems],
    }
