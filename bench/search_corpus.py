"""The search benchmark's corpus: real PDFs of Vietnamese prose, built once and cached.

Every page is an A4 page of 12 pt Liberation Serif (about 3,400 characters, the density
of a typed submission), filled with paragraphs drawn at random (seeded) from every demo
text (ecabinet/demo/texts) with seven years of figures, under a document title and
number from the demo data set. Built under --work-dir/search/corpus; ``ready.json`` lists
each file with its SHA-256 and page count.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import time
from pathlib import Path
from typing import Any

import common

TOP, BOTTOM, LEFT, WIDTH, LEADING = 800.0, 60.0, 72.0, 451.0, 15.0


def paragraphs() -> tuple[list[str], list[str]]:
    """(paragraphs, titles) of the demo documents for the years 2024 to 2030."""
    from ecabinet.demo.sample_content import all_documents, demo_dataset
    from ecabinet.timeutil import VIETNAM_TZ

    pool: set[str] = set()
    titles: set[str] = set()
    for year in range(2024, 2031):
        for doc in all_documents(demo_dataset(dt.datetime(year, 3, 1, tzinfo=VIETNAM_TZ))):
            titles.add(doc.title)
            for section in doc.spec.sections:
                pool.update(section.paragraphs)
                if section.heading:
                    pool.add(section.heading)
    return sorted(pool), sorted(titles)


def write_pdf(path: Path, title: str, pages: int, pool: list[str], rng: random.Random) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    from ecabinet.pdf.fonts import register_reportlab_fonts

    family = register_reportlab_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(title)
    for page in range(pages):
        c.setFont(family, 12)
        y = TOP
        lines = simpleSplit(title, family, 12, WIDTH) if page == 0 else []
        while y > BOTTOM:
            if not lines:
                lines = simpleSplit(rng.choice(pool), family, 12, WIDTH)
                y -= 6  # paragraph spacing
            c.drawString(LEFT, y, lines.pop(0))
            y -= LEADING
        c.drawCentredString(297.5, 30, f"{page + 1}/{pages}")
        c.showPage()
    c.save()


def build_corpus(work_dir: Path, pages: int, pages_per_doc: int, rebuild: bool) -> dict[str, Any]:
    from ecabinet.fsutil import sha256_file

    root = work_dir / "search" / "corpus"
    spec = {"pages": pages, "pages_per_doc": pages_per_doc, "seed": 7, "layout": 1}
    marker = root / "ready.json"
    if not rebuild and marker.is_file():
        info: dict[str, Any] = json.loads(marker.read_text())
        if info.get("spec") == spec:
            return info
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    pool, titles = paragraphs()
    rng = random.Random(spec["seed"])
    started = time.perf_counter()
    files = []
    for number in range(-(-pages // pages_per_doc)):
        count = min(pages_per_doc, pages - number * pages_per_doc)
        title = f"{rng.choice(titles)} (bản {number + 1:04d})"
        path = root / f"doc-{number + 1:05d}.pdf"
        write_pdf(path, title, count, pool, rng)
        files.append({"file": path.name, "title": title, "pages": count,
                      "sha256": sha256_file(path), "bytes": path.stat().st_size})  # fmt: skip
        if number % 100 == 99:
            print(f"  corpus: {sum(f['pages'] for f in files)} pages", flush=True)
    info = {"spec": spec, "files": files, "paragraphs": len(pool),
            "build_seconds": time.perf_counter() - started}  # fmt: skip
    marker.write_text(json.dumps(info, indent=1, ensure_ascii=False))
    return info


if __name__ == "__main__":
    parser = common.base_parser("Build (only) the search benchmark's corpus.")
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--pages-per-doc", type=int, default=20)
    args = parser.parse_args()
    built = build_corpus(args.work_dir, args.pages, args.pages_per_doc, args.rebuild)
    print(f"{len(built['files'])} files, {sum(f['pages'] for f in built['files'])} pages")
