"""Repainting a visible page with 500 annotations on the document (budget: under 16 ms).

A 20-page A4 paper rendered at 150 % (QtPdf, once), then --paints repaints of page 3
into a QImage the size of the page: the page image alone (the baseline: what every
repaint costs anyway), and the page image plus AnnotationLayer.paint_page with
--annotations annotations of every kind spread over the document (highlights,
underlines, strike-outs, notes, text boxes with Vietnamese text, ink strokes of 60
points with pressure), and the worst case with all of them on the painted page. A page
with many annotations (layer.OVERLAY_FROM) repaints from the layer's overlay cache; the
"first paint after a change" lines clear it before every paint (what an edit on that
page or a zoom step costs once). Prints median and p95 in milliseconds.

    .venv/bin/python bench/annotation_repaint.py [--annotations 500] [--paints 200]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for _p in (str(REPO / "tests"), str(REPO)):
    if _p not in sys.path:
        sys.path.insert(0, _p)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QSize  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.annotate.layer import AnnotationLayer  # noqa: E402
from ui.annotate.painting import PlainGeometry  # noqa: E402

PAGES, PAGE_W, PAGE_H = 20, 595.0, 842.0
COLOURS = ["#FFD400", "#FF6B6B", "#4CAF50", "#2196F3", "#9C27B0"]
KINDS = ["highlight", "highlight", "underline", "strikeout", "note", "freetext", "ink"]


def make_records(count: int, pages: int, rng: random.Random) -> list[dict[str, Any]]:
    records = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        page = rng.randrange(pages)
        x, y = rng.uniform(60, 400), rng.uniform(80, 760)
        record: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "page": page,
            "color": rng.choice(COLOURS),
            "revision": 1,
            "anchor": {"state": "anchored"},
        }
        if kind in ("highlight", "underline", "strikeout"):
            lines = rng.randint(1, 3)
            record["quads"] = [
                [x, y - 16 * n, x + 140, y - 16 * n, x, y - 16 * n - 13, x + 140, y - 16 * n - 13]
                for n in range(lines)
            ]
        elif kind == "note":
            record["rect"] = [x, y - 20, x + 20, y]
            record["text"] = "Đề nghị Bộ Tài chính làm rõ số liệu"
        elif kind == "freetext":
            record["rect"] = [x, y - 50, x + 170, y]
            record["text"] = "Đề nghị sửa điều 5: bổ sung nguồn kinh phí thực hiện năm 2027"
        else:
            record["ink"] = [
                [
                    [x + t * 2.0, y + 15 * math.sin(t / 6), 0.3 + 0.6 * abs(math.sin(t / 9))]
                    for t in range(60)
                ]
            ]
        records.append(record)
    return records


def render_page(path: Path, scale: float) -> QImage:
    from support.text_pdfs import make_text_pdf

    lines = [f"Điều {n}. Dự toán ngân sách nhà nước năm 2027, mục {n}" for n in range(40)]
    make_text_pdf(path, [lines for _ in range(PAGES)])
    document = QPdfDocument()
    document.load(str(path))
    size = QSize(round(PAGE_W * scale), round(PAGE_H * scale))
    image = document.render(2, size)
    page = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    page.fill(QColor("white"))
    with_white = QPainter(page)
    with_white.drawImage(0, 0, image)
    with_white.end()
    document.close()
    return page


def measure(
    page: QImage, layer: AnnotationLayer | None, page_no: int, paints: int, cold: bool = False
) -> list[float]:
    geometry = PlainGeometry(page_no, page.width() / PAGE_W, PAGE_H, QPointF(0, 0))
    target = QImage(page.size(), QImage.Format.Format_ARGB32_Premultiplied)
    times = []
    for _ in range(paints + 10):
        if cold and layer is not None:
            layer.overlays.forget()  # as after an edit on this page or a zoom
        start = time.perf_counter()
        painter = QPainter(target)
        painter.drawImage(0, 0, page)
        if layer is not None:
            layer.paint_page(painter, geometry)
        painter.end()
        times.append((time.perf_counter() - start) * 1000)
    return times[10:]  # the first paints warm caches (laid-out text)


def summary(name: str, times: list[float], count: int) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    print(f"{name:<44} {count:>4} on page  median {statistics.median(times):6.2f} ms  "
          f"p95 {p95:6.2f} ms")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=500)
    parser.add_argument("--paints", type=int, default=200)
    parser.add_argument("--scale", type=float, default=1.5, help="pixels per point")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    rng = random.Random(7)
    with TemporaryDirectory() as tmp:
        page = render_page(Path(tmp) / "paper.pdf", args.scale)
    print(f"page {page.width()}x{page.height()} px, {args.paints} paints each")
    summary("page image alone (baseline)", measure(page, None, 2, args.paints), 0)
    spread = AnnotationLayer()
    spread.set_annotations(make_records(args.annotations, PAGES, rng))
    on_page = len(spread.shapes_on(2))
    summary(
        f"{args.annotations} spread over {PAGES} pages",
        measure(page, spread, 2, args.paints),
        on_page,
    )
    crowded = AnnotationLayer()
    crowded.set_annotations(make_records(args.annotations, 1, rng))
    summary(
        f"all {args.annotations} on the painted page",
        measure(page, crowded, 0, args.paints),
        len(crowded.shapes_on(0)),
    )
    summary(
        f"all {args.annotations}, first paint after a change",
        measure(page, crowded, 0, args.paints, cold=True),
        len(crowded.shapes_on(0)),
    )
    summary(
        f"{args.annotations} spread, first paint after a change",
        measure(page, spread, 2, args.paints, cold=True),
        on_page,
    )
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
