"""Refresh the translation sources from the code, then compile them.

    python packaging/update_translations.py

lupdate adds new interface strings to resources/translations/ecabinet_vi.ts
(keeping every existing translation); translate the new entries (Qt Linguist:
pyside6-linguist, or any editor), then run this again to rebuild the .qm files
the app loads. tests/test_translations.py fails while a string is untranslated
or a .qm file is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("vi",)


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"{name} not found: it comes with PySide6-Essentials")
    return found


def update(language: str) -> Path:
    ts = TRANSLATIONS / f"ecabinet_{language}.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), *ui_sources(), "-ts", str(ts.relative_to(ROOT)),
         "-target-language", language, "-no-obsolete", "-locations", "none"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    return ts


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    for language in LANGUAGES:
        ts = update(language)
        release(ts, ts.with_suffix(".qm"))
        print(f"updated {ts.relative_to(ROOT)} and its .qm")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
