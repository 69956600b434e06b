"""Open a 50 MB paper to its first rendered page: sealed (through the app's device) vs clear.

Target (issue 6): under 1.2 x the same paper opened in clear. Same process, same run,
the two ways alternated, the page cache warm for both:

- clear:  QPdfDocument.load(path), render page 1 at 150 dpi;
- sealed: SealedReader + ui.sealed_device.SealedPaperDevice, QPdfDocument.load(device),
  render page 1 at 150 dpi (the device decrypts and authenticates the whole paper into
  memory first, so QtPdf's render thread never calls into Python).

Two shapes of 50 MB paper: a scanned annex (one page holding one 50 MB image) and a
long paper (160 pages, a 300 KB scan on each). QtPdf 6.11 reads every byte of a
document while loading it (FPDFAvail), so both shapes decrypt the whole file.

    python bench/open_encrypted.py [--runs 15]
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

PAGE_PX = (1240, 1754)  # A4 at 150 dpi
TARGET = 1.2


def long_paper(path: Path, pages: int, image_bytes: int) -> Path:
    """A valid PDF of ``pages`` pages, each a line of text over its own noise image."""
    width = 512
    height = max(1, image_bytes // (3 * width))
    objects: list[bytes] = [b"", b""]  # catalog and page tree, filled in below
    kids = []
    for number in range(pages):
        image_id, content_id, page_id = len(objects) + 1, len(objects) + 2, len(objects) + 3
        pixels = os.urandom(width * height * 3)
        content = b"q 500 0 0 700 47 71 cm /Im1 Do Q BT /F1 14 Tf 72 800 Td (Trang %d) Tj ET\n" % (
            number + 1
        )
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Length %d >>\nstream\n"
            % (width, height, len(pixels))
            + pixels
            + b"\nendstream"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /XObject << /Im1 %d 0 R >> /Font << /F1 << /Type /Font "
            b"/Subtype /Type1 /BaseFont /Helvetica >> >> >> >>" % (content_id, image_id)
        )
        kids.append(b"%d 0 R" % page_id)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(
            b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref)
        )
    return path


def seal(source: Path, target: Path, key: bytes) -> str:
    from ecabinet.crypto.sealed_files import SealedWriter

    data = source.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    target.unlink(missing_ok=True)
    with SealedWriter(target, key, sha, len(data)) as writer:
        writer.write(data)
        writer.finish()
    return sha


def measure(clear: Path, sealed: Path, sha: str, key: bytes, runs: int) -> dict[str, Any]:
    from PySide6.QtCore import QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    from ecabinet.crypto.sealed_files import SealedReader
    from ui.sealed_device import SealedPaperDevice

    size = QSize(*PAGE_PX)

    def open_clear() -> float:
        started = time.perf_counter()
        document = QPdfDocument()
        document.load(str(clear))
        image = document.render(0, size)
        elapsed = time.perf_counter() - started
        assert not image.isNull() and document.pageCount() >= 1
        document.close()
        return elapsed

    def open_sealed() -> float:
        started = time.perf_counter()
        device = SealedPaperDevice(SealedReader(sealed, key, sha))
        device.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(device)
        image = document.render(0, size)
        elapsed = time.perf_counter() - started
        assert not image.isNull() and not device.failed
        document.close()
        device.close()
        return elapsed

    open_clear(), open_sealed()  # warm the page cache and the code paths
    clear_s, sealed_s = [], []
    for run in range(runs):
        pair = (open_clear, open_sealed) if run % 2 == 0 else (open_sealed, open_clear)
        for fn in pair:
            (clear_s if fn is open_clear else sealed_s).append(fn())
    ratio = common.median(sealed_s) / common.median(clear_s)
    return {
        "file_bytes": clear.stat().st_size,
        "sealed_bytes": sealed.stat().st_size,
        "clear_ms": common.spread([t * 1000 for t in clear_s]),
        "sealed_ms": common.spread([t * 1000 for t in sealed_s]),
        "ratio_of_medians": ratio,
        "meets_target": ratio < TARGET,
    }


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--megabytes", type=int, default=50)
    args = parser.parse_args()
    common.bench_env(args.work_dir)
    from PySide6.QtWidgets import QApplication
    from support.pdfs import make_large_pdf

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    root = args.work_dir / "open_encrypted"
    root.mkdir(parents=True, exist_ok=True)
    total = args.megabytes * 1_000_000
    papers = {
        "scanned annex, 1 page": make_large_pdf(root / "annex.pdf", total),
        "long paper, 160 pages": long_paper(root / "long.pdf", 160, total // 160),
    }
    key = os.urandom(32)
    results: dict[str, Any] = {"runs": args.runs, "page_px": PAGE_PX, "target": TARGET}
    for label, clear in papers.items():
        sealed = clear.with_suffix(".sealed")
        sha = seal(clear, sealed, key)
        results[label] = data = measure(clear, sealed, sha, key, args.runs)
        print(
            f"{label}: {data['file_bytes'] / common.MB:.1f} MB; clear "
            f"{data['clear_ms']['median']:.1f} ms, sealed {data['sealed_ms']['median']:.1f} ms "
            f"(medians of {args.runs}); ratio {data['ratio_of_medians']:.2f} "
            f"(target < {TARGET})",
            flush=True,
        )
    results["machine"] = common.machine()
    print(f"results: {common.write_result('open_encrypted', results)}")
    return 0 if all(v["meets_target"] for v in results.values() if isinstance(v, dict)
                    and "meets_target" in v) else 1  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
