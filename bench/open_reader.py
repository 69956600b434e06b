"""Open a 1,000-page sealed paper in the reader to its first rendered page; repaint cost.

Target (issue 7): under 300 ms from ``Reader.load`` (sealed device, QtPdf load, layout,
side panel, outline) to the first page's image painted in the view. Also reported: the
mean cost of one repaint while scrolling (visible pages and their layers only).

    QT_QPA_PLATFORM=offscreen python bench/open_reader.py [--runs 7]
"""

from __future__ import annotations

import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from ecabinet.crypto.sealed_files import SealedReader, SealedWriter  # noqa: E402

TARGET_MS = 300.0


def main() -> int:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 7
    app = QApplication([])
    from support.pdfs import make_pdf

    from ui.reader.reader import Reader

    folder = Path(tempfile.mkdtemp())
    source = make_pdf(folder / "long.pdf", 1000, "Dự thảo Nghị định về ngân sách nhà nước")
    data, key = source.read_bytes(), os.urandom(32)
    sha = hashlib.sha256(data).hexdigest()
    with SealedWriter(folder / "sealed", key, sha, len(data)) as writer:
        writer.write(data)
        writer.finish()
    opened, repaints = [], []
    for _ in range(runs + 1):  # the first run warms caches and is not counted
        reader = Reader("bench", sha, "bench")
        reader.resize(1000, 760)
        reader.show()
        app.processEvents()
        start = time.perf_counter()
        reader.load(SealedReader(folder / "sealed", key, sha, expected_size=len(data)))
        cache = reader.view.cache
        assert cache is not None
        while not cache.has_page(0):
            app.processEvents()
        reader.view.viewport().repaint()
        opened.append((time.perf_counter() - start) * 1000)
        bar = reader.view.verticalScrollBar()
        start = time.perf_counter()
        for _step in range(100):
            bar.setValue(bar.value() + 37)
            reader.view.viewport().repaint()
        repaints.append((time.perf_counter() - start) * 10)
        reader.close_paper()
        reader.deleteLater()
        app.processEvents()
    opened, repaints = opened[1:], repaints[1:]
    median = statistics.median(opened)
    spread = f"min {min(opened):.0f}, max {max(opened):.0f}; target < {TARGET_MS:.0f} ms"
    print(f"open 1,000 pages to first rendered page: median {median:.0f} ms ({spread})")
    print(f"repaint while scrolling: {statistics.mean(repaints):.2f} ms")
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
