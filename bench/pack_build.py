"""Build a meeting pack of 50 papers, 1,500 pages, and watermark it for one member.

    python bench/pack_build.py [--work-dir DIR] [--documents 50] [--pages 1500] [--runs 5]

The papers: --documents PDFs of --pages pages in all (reportlab, the embedded serif,
30 lines of Vietnamese text a page, each paper its own font subset as real papers have),
spread over 10 agenda items, with 2 more items without papers (dividers). Built once
under the work dir and reused.

Measured, --runs times each, interleaved, median:
  qpdf       the baseline: ``qpdf --empty --pages f1 ... f50 -- out.pdf`` (a process);
  build      ``assemble_pack``: cover and contents (reportlab, two passes), dividers,
             merge, bookmarks, stamps "Trang x/y" + the item's name on every page, write
             and fsync (this process; its CPU time too);
  watermark  ``watermark`` of the built pack for one member: one shared form, written
             atomically; output size against the input's.
Targets (issue 8): build < 5 s and ≤ 1.5 × qpdf; watermark < 3 s and ≤ 1.2 × the size.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

LINE = "Điều {n}. Ngân sách nhà nước được phân bổ công khai, minh bạch, đúng mục đích."


def make_papers(root: Path, documents: int, pages: int, rebuild: bool) -> list[Path]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from ecabinet.pdf.fonts import register_reportlab_fonts

    root.mkdir(parents=True, exist_ok=True)
    ready = root / f"ready-{documents}-{pages}"
    paths = [root / f"paper-{n:02d}.pdf" for n in range(documents)]
    if ready.exists() and not rebuild:
        return paths
    family = register_reportlab_fonts()
    for n, path in enumerate(paths):
        count = pages // documents + (1 if n < pages % documents else 0)
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        for page in range(count):
            c.setFont(family, 12)
            c.drawString(72, 800, f"Tài liệu {n + 1} — trang {page + 1}")
            for line in range(30):
                c.drawString(72, 770 - 24 * line, LINE.format(n=page * 30 + line))
            c.showPage()
        c.save()
    ready.touch()
    return paths


def meeting(papers: list[Path]) -> Any:
    from ecabinet.pack.spec import PackDocument, PackItem, PackMeeting
    from ecabinet.timeutil import VIETNAM_TZ

    items = [
        PackItem(n + 1, f"Nội dung số {n + 1}: dự án luật, nghị định và báo cáo kèm theo",
                 "Bộ Tài chính", documents=tuple(
                     PackDocument(f"Tài liệu {i + 1}", papers[i], f"{i + 1}/TTr-BTC")
                     for i in range(n, len(papers), 10)))
        for n in range(10)
    ]  # fmt: skip
    items += [PackItem(11, "Các vấn đề khác"), PackItem(12, "Kết luận phiên họp")]
    return PackMeeting(
        title="Phiên họp Chính phủ thường kỳ tháng 12 năm 2026",
        kind="Phiên họp thường kỳ",
        starts_at=datetime(2026, 12, 1, 8, 30, tzinfo=VIETNAM_TZ),
        location="Phòng họp Chính phủ",
        participants=tuple(f"Thành viên {n}, Bộ trưởng" for n in range(1, 28)),
        items=tuple(items),
    )


def main() -> None:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from ecabinet.pack.assemble import assemble_pack
    from ecabinet.pack.watermark import watermark

    root = args.work_dir / "pack_build"
    papers = make_papers(root / "papers", args.documents, args.pages, args.rebuild)
    spec = meeting(papers)
    merged, pack, marked = root / "qpdf.pdf", root / "pack.pdf", root / "marked.pdf"
    when = datetime(2026, 12, 1, 1, 5, tzinfo=UTC)
    qpdf_s: list[float] = []
    build_s: list[float] = []
    build_cpu_s: list[float] = []
    mark_s: list[float] = []
    sizes: dict[str, int] = {}
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(["qpdf", "--empty", "--pages", *map(str, papers), "--", str(merged)],
                       check=True)  # fmt: skip
        qpdf_s.append(time.perf_counter() - started)
        started, cpu = time.perf_counter(), time.process_time()
        report = assemble_pack(spec, pack)
        build_s.append(time.perf_counter() - started)
        build_cpu_s.append(time.process_time() - cpu)
        started = time.perf_counter()
        mark = watermark(pack, "Lê Minh Khoa", when, marked)
        mark_s.append(time.perf_counter() - started)
        sizes = {"papers": sum(p.stat().st_size for p in papers), "qpdf": merged.stat().st_size,
                 "pack": mark.input_bytes, "marked": mark.output_bytes}  # fmt: skip
    build_ratio = common.median(build_s) / common.median(qpdf_s)
    size_ratio = sizes["marked"] / sizes["pack"]
    result = {
        "documents": args.documents, "pages": report.pages, "runs": args.runs,
        "qpdf_s": common.spread(qpdf_s), "build_s": common.spread(build_s),
        "build_cpu_s": common.spread(build_cpu_s), "watermark_s": common.spread(mark_s),
        "build_over_qpdf": build_ratio, "sizes": sizes, "watermark_size_ratio": size_ratio,
        "met": {
            "build_under_5s": common.median(build_s) < 5,
            "build_within_1_5x_qpdf": build_ratio <= 1.5,
            "watermark_under_3s": common.median(mark_s) < 3,
            "watermark_within_1_2x_size": size_ratio <= 1.2,
        },
    }  # fmt: skip
    path = common.write_result("pack_build", result)
    print(f"pack of {args.documents} papers, {report.pages} pages, {args.runs} runs (medians):")
    print(f"  qpdf --empty --pages   {common.median(qpdf_s):6.2f} s  ({sizes['qpdf']:,} B)")
    print(f"  assemble_pack          {common.median(build_s):6.2f} s  "
          f"(CPU {common.median(build_cpu_s):.2f} s; {sizes['pack']:,} B)  "
          f"ratio {build_ratio:.2f}")  # fmt: skip
    print(f"  watermark              {common.median(mark_s):6.2f} s  "
          f"({sizes['marked']:,} B)  size ratio {size_ratio:.3f}")  # fmt: skip
    print(f"  met: {result['met']}")
    print(f"  samples: {path}")


if __name__ == "__main__":
    main()
