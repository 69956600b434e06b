"""``ecabinet search``: the app's offline full-text search, for support staff and scripts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "search", help="search the text of a profile's cached papers and annotations"
    )
    parser.add_argument("--profile-dir", type=Path, required=True)
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    parser.add_argument(
        "--ignore-diacritics", action="store_true",
        help='match without accents ("ngan sach" finds "ngân sách"); exact accents rank first',
    )  # fmt: skip
    parser.add_argument("--limit", type=int, default=50, help="at most this many hits (50)")
    parser.add_argument("query", nargs="+", metavar="QUERY", help='words or "a phrase"')
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ecabinet.client.workspace import Workspace
    from ecabinet.errors import InputError

    if not (args.profile_dir / "ecabinet.sqlite3").is_file():
        raise InputError(
            "Thư mục này chưa có hồ sơ eCabinet.",
            code="no_profile",
            message_en=f"No eCabinet profile in {args.profile_dir}.",
        )
    query = " ".join(args.query)
    workspace = Workspace(args.profile_dir)
    try:
        results = workspace.search(
            query, ignore_diacritics=args.ignore_diacritics, limit=args.limit
        )
    finally:
        workspace.close()
    hits = [result.hit for result in results]
    rows = [
        {
            "document_id": hit.document_id,
            "title": result.label.title,
            "number": result.label.number,
            "meeting": result.label.meeting_title,
            "version_sha256": hit.version_sha256,
            "page": hit.page + 1,
            "kind": hit.kind,
            "annotation_id": hit.annotation_id,
            "snippet": hit.snippet,
            "highlights": [list(span) for span in hit.highlights],
            "matched_words": list(hit.matched_words),
            "exact_accents": hit.exact_accents,
            "rank": hit.rank,
        }
        for result in results
        for hit in [result.hit]
    ]
    if args.json:
        print(json.dumps({"query": query, "ignore_diacritics": args.ignore_diacritics,
                          "hits": rows}, ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    if not hits:
        print(f"Không tìm thấy “{query}”.")
        return 0
    print(f"{len(hits)} kết quả cho “{query}”:")
    for number, (hit, row) in enumerate(zip(hits, rows, strict=True), start=1):
        title = row["title"] or hit.document_id
        label = f"{title} ({row['number']})" if row["number"] else title
        where = "ghi chú, trang" if hit.kind == "annotation" else "trang"
        print(f"{number}. {label} — {where} {row['page']}")
        print(f"   SHA-256: {hit.version_sha256}")
        print(f"   {hit.marked_snippet()}")
    return 0
