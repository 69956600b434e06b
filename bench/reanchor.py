"""Re-anchoring 500 annotations onto a new 300-page version; text extraction speed.

Corpus (built once under --work-dir/reanchor, reused): a ~300-page Vietnamese draft
(reportlab, the project's font) and a new version of it where --moves paragraphs went at
least a fifth of the document away, --changes paragraphs had one sentence reworded (1-3
words replaced or stripped of their diacritics), --deletions paragraphs were deleted and
--insertions new ones were added. --annotations annotations are made on the old version:
phrases, whole sentences, single words and sentence pairs (highlight/underline/strikeout,
notes carrying their text) and some ink / free text with no text (page only).

Measured, median of --runs after a warm-up:
  extract   text of the new version with pypdfium2 + normalisation (pages/s);
  reanchor  Reanchorer(old, new).place_all(annotations), documents already extracted
            (the app extracts them once, at sync time, for search): quote search,
            approximate matching, quads from the new version's char boxes, new selectors.
The placement rate (anchored / moved / fuzzy / orphaned) and whether each placement is
right (inside the paragraph its text went to; orphans only for deleted text) are printed.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_SECONDS = 2.0
TARGET_PAGES_PER_S = 500.0


def build_corpus(work_dir: Path, args: Any) -> dict[str, Any]:
    from support.review_docs import edit_paragraphs, make_review_pdf, paragraphs

    root = work_dir / "reanchor"
    spec = {k: getattr(args, k) for k in ("paragraphs", "moves", "changes", "deletions",
                                          "insertions", "annotations", "seed")}  # fmt: skip
    marker = root / "ready.json"
    if not args.rebuild and marker.is_file():
        info: dict[str, Any] = json.loads(marker.read_text())
        if info.get("spec") == spec:
            return info
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    old = paragraphs(args.paragraphs, seed=args.seed)
    new, fate, where = edit_paragraphs(
        old, rng, moves=args.moves, changes=args.changes, deletions=args.deletions,
        insertions=args.insertions,
    )  # fmt: skip
    make_review_pdf(root / "old.pdf", old)
    make_review_pdf(root / "new.pdf", new)
    records = make_annotations(root / "old.pdf", old, rng, args.annotations)
    info = {"spec": spec, "old": old, "new": new, "where": where, "records": records,
            "fate": {k: sorted(v) for k, v in fate.items()}}  # fmt: skip
    marker.write_text(json.dumps(info, ensure_ascii=False))
    return info


def make_annotations(pdf: Path, paras: list[str], rng: random.Random, count: int) -> list[Any]:
    from ecabinet.annotations.pdf_text import PdfText
    from ecabinet.annotations.selectors import selectors_for_range

    records = []
    with PdfText(pdf) as text:
        doc = text.document
        for n in range(count):
            i = rng.randrange(len(paras))
            para = paras[i]
            base = doc.text.find(para)
            start, end = quote_span(para, rng)
            selectors = selectors_for_range(doc, base + start, base + end)
            assert selectors is not None
            page = doc.page_of(selectors.position.start if selectors.position else 0)
            roll = rng.random()
            kind = rng.choice(["highlight", "underline", "strikeout"]) if roll < 0.75 else (
                "note" if roll < 0.9 else rng.choice(["ink", "freetext"]))  # fmt: skip
            record: dict[str, Any] = {"id": f"a{n:03d}", "kind": kind, "page": page,
                                      "paragraph": i}  # fmt: skip
            if kind != "ink" and kind != "freetext":
                record["selectors"] = selectors.to_dict()
            records.append(record)
    return records


def quote_span(para: str, rng: random.Random) -> tuple[int, int]:
    """Offsets in ``para`` of a phrase, a sentence, a word or two sentences."""
    sentences, at = [], 0
    for piece in para.split(". "):
        sentences.append((at, at + len(piece) + 1))
        at += len(piece) + 2
    k = rng.randrange(1, len(sentences))  # not the "Điều N" heading
    s, e = sentences[k]
    roll = rng.random()
    if roll < 0.35:
        return s, min(e, len(para))
    if roll < 0.45 and k + 1 < len(sentences):
        return s, min(sentences[k + 1][1], len(para))
    words = [(s + w.start(), s + w.end()) for w in __import__("re").finditer(r"\S+", para[s:e])]
    if roll < 0.55:
        return rng.choice([w for w in words if w[1] - w[0] >= 4] or words)
    size = rng.randint(3, min(10, len(words)))
    first = rng.randrange(len(words) - size + 1)
    return words[first][0], words[first + size - 1][1]


def judge(info: dict[str, Any], placements: list[Any], new_doc: Any) -> dict[str, Any]:
    """Is each placement where its text went? (paragraph spans in the new text)"""
    spans, cursor = [], 0
    for para in info["new"]:
        at = new_doc.text.find(para, cursor)
        spans.append((at, at + len(para)))
        cursor = max(cursor, at)
    fate = {int(i): name for name, ids in info["fate"].items() for i in ids}
    where = {int(k): v for k, v in info["where"].items()}
    verdict: Counter[str] = Counter()
    for record, placed in zip(info["records"], placements, strict=True):
        i = record["paragraph"]
        expected = fate.get(i, "unchanged")
        if "selectors" not in record:
            verdict["page-only"] += 1
            continue
        if expected == "deleted":
            verdict["deleted: orphaned" if placed.state == "orphaned" else "deleted: placed"] += 1
            continue
        if placed.state == "orphaned":
            verdict[f"{expected}: orphaned (wrong)"] += 1
            continue
        s, e = spans[where[i]]
        right = s <= placed.start and placed.end <= e
        verdict[f"{expected}: {'right place' if right else 'WRONG PLACE'}"] += 1
    return dict(sorted(verdict.items()))


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=1200, help="~300 pages")
    parser.add_argument("--annotations", type=int, default=500)
    parser.add_argument("--moves", type=int, default=25)
    parser.add_argument("--changes", type=int, default=60)
    parser.add_argument("--deletions", type=int, default=25)
    parser.add_argument("--insertions", type=int, default=25)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    info = build_corpus(args.work_dir, args)
    root = args.work_dir / "reanchor"

    from ecabinet.annotations.anchoring import Reanchorer
    from ecabinet.annotations.pdf_text import PdfText

    extract: list[float] = []
    reanchor: list[float] = []
    with PdfText(root / "old.pdf") as old:
        old_pages = old.document.page_count
        for run in range(-1, args.runs):  # -1: warm-up (imports, caches), not recorded
            with PdfText(root / "new.pdf") as new:
                started = time.perf_counter()
                new_doc = new.document
                extracted = time.perf_counter()
                placements = Reanchorer(old, new).place_all(info["records"])
                ended = time.perf_counter()
            if run >= 0:
                extract.append(extracted - started)
                reanchor.append(ended - extracted)
            print(f"  {'warm-up' if run < 0 else f'run {run + 1}'}: extract "
                  f"{new_doc.page_count / (extracted - started):,.0f} pages/s, "
                  f"re-anchor {ended - extracted:.3f} s", flush=True)  # fmt: skip
    states = Counter(p.state for p in placements)
    methods = Counter(p.method for p in placements)
    verdict = judge(info, placements, new_doc)
    seconds = common.median(reanchor)
    pages_per_s = new_doc.page_count / common.median(extract)
    result = {
        "pages": {"old": old_pages, "new": new_doc.page_count},
        "annotations": len(info["records"]),
        "edits": {k: len(v) for k, v in info["fate"].items()} | {"inserted": args.insertions},
        "runs": args.runs,
        "reanchor_seconds": reanchor,
        "reanchor_median_seconds": seconds,
        "extract_seconds": extract,
        "extract_pages_per_second": pages_per_s,
        "states": dict(states),
        "methods": dict(methods),
        "verdict": verdict,
        "target": f"re-anchor <= {TARGET_SECONDS} s; extract >= {TARGET_PAGES_PER_S:.0f} pages/s",
        "target_met": seconds <= TARGET_SECONDS and pages_per_s >= TARGET_PAGES_PER_S,
    }
    path = common.write_result("reanchor", result)
    print(
        f"reanchor: {len(info['records'])} annotations, {old_pages} -> {new_doc.page_count} pages,"
        f" median of {args.runs}: {seconds:.3f} s (target {TARGET_SECONDS} s); text extraction"
        f" {pages_per_s:,.0f} pages/s (target {TARGET_PAGES_PER_S:.0f})\n"
        f"  states: " + ", ".join(f"{k} {states[k]}" for k in
                                  ("anchored", "moved", "fuzzy", "orphaned")) + "\n"  # fmt: skip
        f"  methods: " + ", ".join(f"{k} {v}" for k, v in sorted(methods.items())) + "\n"
        f"  verdict: " + ", ".join(f"{k} {v}" for k, v in verdict.items()) + f"\n  -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
