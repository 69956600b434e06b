"""Export an annotated copy of a 100-page paper carrying 500 annotations.

    python bench/export_annotated.py [--work-dir DIR] [--pages 100] [--annotations 500]
                                     [--runs 5]

The paper: --pages A4 pages of Vietnamese text (30 lines each, reportlab, the embedded
serif). The annotations cycle through the six kinds (highlight, underline, strike-out,
note, free text, ink), placed on the text lines; every comment is Vietnamese, one free
text in four is too long for its box (the shrink-and-cut path), each ink annotation has
two strokes of 40 points with varying pressure. The data set is rebuilt each run (it
takes about a second).

Measured, --runs times each, median:
  export     ``export_annotated`` end to end: read, clone, draw, subset the font, closing
             pages, write and fsync (wall time, and this process's CPU time);
  summary    the closing pages alone (``render_summary``), the part reportlab does;
  baseline   the floor: pypdf cloning the same source and writing it, nothing added.
Also: output size against the source's, the font subset's size, closing page count.
"""

from __future__ import annotations

import io
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

VN_COMMENT = "Đề nghị sửa điều 5, bổ sung đánh giá tác động"
LINE = "Điều {n}. Ngân sách nhà nước được phân bổ công khai, minh bạch, đúng mục đích."
LINES_PER_PAGE = 30
TOP, STEP, LEFT, SIZE = 780.0, 24.0, 72.0, 12.0


def make_paper(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from ecabinet.pdf.fonts import register_reportlab_fonts

    family = register_reportlab_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for page in range(pages):
        c.setFont(family, SIZE)
        for line in range(LINES_PER_PAGE):
            c.drawString(LEFT, TOP - line * STEP, LINE.format(n=page * LINES_PER_PAGE + line))
        c.showPage()
    c.save()


def _line_quad(line: int, start: float, width: float) -> list[float]:
    base = TOP - line * STEP
    x0, x1, y0, y1 = LEFT + start, LEFT + start + width, base - 3.0, base + 10.0
    return [x0, y1, x1, y1, x0, y0, x1, y0]


def make_annotations(pages: int, count: int) -> list[dict[str, Any]]:
    kinds = ("highlight", "underline", "strikeout", "note", "freetext", "ink")
    records: list[dict[str, Any]] = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        page = n * pages // count
        line = (n * 7) % (LINES_PER_PAGE - 2)
        base = TOP - line * STEP
        record: dict[str, Any] = {
            "id": f"00000000-0000-4000-8000-{n:012d}",
            "kind": kind,
            "page": page,
            "color": ("#FFD400", "#80DEEA", "#D32F2F", "#FFEB3B", "#FFF59D", "#2E7D32")[n % 6],
            "text": f"{VN_COMMENT} (ý kiến {n})" * (1 + n % 3),
            "author_name": "Nguyễn Văn Anh" if n % 2 else "Trần Thị Bình",
            "created_at": "2026-02-05T02:30:00Z",
            "updated_at": "2026-02-05T02:45:10Z",
            "visibility": "private" if n % 3 else "shared",
            "anchor": {"state": "orphaned" if n % 97 == 0 else "anchored"},
        }
        if kind in ("highlight", "underline", "strikeout"):
            record["quads"] = [_line_quad(line, 40.0, 180.0), _line_quad(line + 1, 0.0, 120.0)]
            record["selectors"] = {"quote": {"exact": "Ngân sách nhà nước được phân bổ"}}
        elif kind == "note":
            record["rect"] = [520.0, base - 4, 540.0, base + 16]
        elif kind == "freetext":
            tall = 20.0 if n % 4 == 0 else 60.0  # one in four must shrink and be cut
            record["rect"] = [300.0, base - tall, 520.0, base]
        else:
            record["ink"] = [
                [[300.0 + i * 4, base + (i % 5) * 2, (i % 10) / 10] for i in range(40)]
                for _ in range(2)
            ]
        records.append(record)
    return records


def main() -> None:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--annotations", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from pypdf import PdfReader, PdfWriter

    from ecabinet.pdf.annotated_export import export_annotated
    from ecabinet.pdf.annotation_record import parse_annotation
    from ecabinet.pdf.annotation_summary import Entry, render_summary

    root = args.work_dir / "export_annotated"
    root.mkdir(parents=True, exist_ok=True)
    source, output = root / "paper.pdf", root / "annotated.pdf"
    make_paper(source, args.pages)
    records = make_annotations(args.pages, args.annotations)
    when = datetime(2026, 2, 5, 8, 15, tzinfo=UTC)

    export_s: list[float] = []
    export_cpu_s: list[float] = []  # less swayed than wall time by other work on the machine
    summary_s: list[float] = []
    baseline_s: list[float] = []
    report = None
    for _ in range(args.runs):
        started, cpu = time.perf_counter(), time.process_time()
        report = export_annotated(
            source,
            records,
            output,
            document_title="Dự thảo Nghị định (bench)",
            exported_by="Nguyễn Văn Anh",
            exported_at=when,
        )
        export_s.append(time.perf_counter() - started)
        export_cpu_s.append(time.process_time() - cpu)

        entries = [Entry(parse_annotation(r)) for r in records]
        started = time.perf_counter()
        render_summary(
            document_title="Dự thảo Nghị định (bench)",
            exported_by="Nguyễn Văn Anh",
            exported_at=when,
            placed=entries,
            orphaned=[],
            unplaced=[],
        )
        summary_s.append(time.perf_counter() - started)

        started = time.perf_counter()
        writer = PdfWriter(clone_from=PdfReader(source))
        writer.write(io.BytesIO())
        baseline_s.append(time.perf_counter() - started)

    assert report is not None
    source_bytes = source.stat().st_size
    data = {
        "pages": args.pages,
        "annotations": args.annotations,
        "runs": args.runs,
        "export_s": common.spread(export_s),
        "export_cpu_s": common.spread(export_cpu_s),
        "summary_s": common.spread(summary_s),
        "baseline_clone_s": common.spread(baseline_s),
        "source_bytes": source_bytes,
        "output_bytes": report.output_bytes,
        "size_ratio": report.output_bytes / source_bytes,
        "added_bytes_per_annotation": (report.output_bytes - source_bytes) / args.annotations,
        "font_subset_bytes": report.font_subset_bytes,
        "closing_pages": report.closing_pages,
        "drawn": report.drawn,
        "orphaned": len(report.orphaned),
        "shortened": len(report.shortened),
    }
    path = common.write_result("export_annotated", data)
    median = common.median
    print(
        f"export {args.pages} pages, {args.annotations} annotations: "
        f"{median(export_s):.2f} s median (min {min(export_s):.2f}, max {max(export_s):.2f}; "
        f"CPU {median(export_cpu_s):.2f} s); "
        f"closing pages alone {median(summary_s):.2f} s; "
        f"baseline clone+write {median(baseline_s):.2f} s"
    )
    print(
        f"size: source {source_bytes / 1e3:.0f} kB -> copy {report.output_bytes / 1e3:.0f} kB "
        f"(x{data['size_ratio']:.2f}, +{data['added_bytes_per_annotation']:.0f} B per "
        f"annotation); font subset {report.font_subset_bytes / 1e3:.1f} kB; "
        f"{report.closing_pages} closing pages; drawn {report.drawn}, orphaned "
        f"{len(report.orphaned)}, shortened {len(report.shortened)}"
    )
    print(f"written to {path}")


if __name__ == "__main__":
    main()
