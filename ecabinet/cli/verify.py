"""``ecabinet verify``: recount a ballot's result bundle offline, from the signatures alone.

Exit status: 0 when everything verifies, 1 when anything does not (the first line
says so loudly), 2 when the file cannot be read as a bundle at all (or the summary
cannot be written).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecabinet.ballots.tally import Tally
    from ecabinet.ballots.verify import Recount

FAILED = "KIỂM TRA THẤT BẠI — VERIFICATION FAILED"


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "verify", help="recount a ballot result bundle from its signatures"
    )
    parser.add_argument("bundle", type=Path, metavar="BUNDLE", help="the exported bundle (JSON)")
    parser.add_argument("--json", action="store_true", help="print the recount as JSON")
    parser.add_argument(
        "--summary-pdf",
        type=Path,
        default=None,
        metavar="OUT.pdf",
        help="write the printable summary (only when verification passes)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ecabinet.ballots.verify import BundleError, load_bundle, verify_bundle

    try:
        bundle = load_bundle(args.bundle)
    except BundleError as exc:
        print(f"ecabinet: {exc.message_vi}\n          ({exc})", file=sys.stderr)
        return 2
    recount = verify_bundle(bundle)
    if args.json:
        if not recount.ok:  # stdout stays parseable; the failure is still loud
            print(f"{FAILED}: {len(recount.problems)} vấn đề / problems", file=sys.stderr)
        print(json.dumps(_as_json(recount), ensure_ascii=False, indent=2))
    else:
        _print_text(recount)
    if args.summary_pdf is not None:
        # A printed summary carries authority; it must never come from a file that failed.
        if not recount.ok:
            print(
                "Không tạo bản tổng hợp PDF vì kiểm tra thất bại "
                "(summary PDF not written: verification failed).",
                file=sys.stderr,
            )
        else:
            from ecabinet.pdf.ballot_summary import render_ballot_summary

            try:
                pages = render_ballot_summary(recount, args.summary_pdf)
            except OSError as exc:
                print(f"ecabinet: Không ghi được tệp {args.summary_pdf} ({exc})", file=sys.stderr)
                return 2
            print(f"Đã ghi bản tổng hợp: {args.summary_pdf} ({pages} trang)", file=sys.stderr)
    return 0 if recount.ok else 1


def _print_text(recount: Recount) -> None:
    from ecabinet.ballots.tally import CHOICE_VI, adoption_sentence

    t = recount.tally
    problems = recount.problems
    if problems:
        print(f"{FAILED}: {len(problems)} vấn đề / problems")
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
    print(adoption_sentence(t))
    print(
        f"Recount from signatures: {recount.opinions_checked} opinions checked; agree {t.agree}, "
        f"disagree {t.disagree}, other {t.other}, not answered {t.not_answered}. {_verdict(t)}"
    )
    if problems:
        print("Vấn đề / Problems:")
    for problem in problems:
        oid = problem.opinion_id
        where = f" (opinion {oid})" if oid and oid not in problem.message else ""
        print(f"  [{problem.code}] {problem.message}{where}")
    if not problems:
        print(f"Mọi chữ ký và chuỗi biên nhận hợp lệ. Mã chuỗi biên nhận: {recount.chain_head}")


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
        "opinions_checked": recount.opinions_checked,
        "ballot_id": recount.ballot.get("id"),
        "question": recount.ballot.get("question"),
        "chain_head": recount.chain_head,
        "tally": recount.tally.as_dict(),
        "members": [asdict(m) for m in recount.members],
        "problems": [asdict(p) for p in recount.problems],
    }
