"""Reading a pack with tools that are not ours: qpdf, poppler's pdftotext and pdftoppm."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any


def run(*cmd: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, check=False, timeout=120
    )


def npages(pdf: Path) -> int:
    answer = run("qpdf", "--show-npages", pdf)
    assert answer.returncode == 0, f"qpdf cannot count the pages of {pdf}: {answer.stderr}"
    return int(answer.stdout)


def page_texts(pdf: Path) -> list[str]:
    """pdftotext of each page, in reading order (-raw keeps each line whole)."""
    return [
        run("pdftotext", "-raw", "-f", n, "-l", n, pdf, "-").stdout
        for n in range(1, npages(pdf) + 1)
    ]


def check_clean(pdf: Path) -> None:
    answer = run("qpdf", "--check", pdf)
    assert answer.returncode == 0 and "No syntax or stream encoding errors" in answer.stdout, (
        f"qpdf --check finds {pdf} damaged:\n{answer.stdout}{answer.stderr}"
    )


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, depth first, as qpdf reads them."""
    answer = run("qpdf", "--json=2", "--json-key=outlines", pdf)
    assert answer.returncode == 0, answer.stderr
    found: list[tuple[int, str, int]] = []

    def walk(nodes: list[dict[str, Any]], depth: int) -> None:
        for node in nodes:
            found.append((depth, node["title"], node["destpageposfrom1"]))
            walk(node.get("kids", []), depth + 1)

    walk(json.loads(answer.stdout)["outlines"], 0)
    return found


def renders_with_poppler(pdf: Path, page: int, out_dir: Path) -> Path:
    prefix = out_dir / f"poppler-{page}"
    answer = run("pdftoppm", "-r", "30", "-png", "-f", page, "-l", page, "-singlefile", pdf, prefix)
    assert answer.returncode == 0, f"pdftoppm cannot render page {page}: {answer.stderr}"
    png = prefix.with_suffix(".png")
    assert png.stat().st_size > 500, "poppler rendered an empty image"
    return png
