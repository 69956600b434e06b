"""Every interface string has a Vietnamese translation, with the same placeholders,
and the compiled .qm files the app loads are up to date."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

from update_translations import TRANSLATIONS, release, tool, ui_sources  # noqa: E402

TS = TRANSLATIONS / "ecabinet_vi.ts"


def _messages(path: Path) -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            # A plural message holds its text in a numerus form (Vietnamese has one).
            text = forms[0] if forms else translation.text
            out.append((name, message.findtext("source") or "", text, translation.get("type")))
    return out


def test_every_string_in_the_code_is_in_the_translation_file(tmp_path: Path) -> None:
    copy = tmp_path / "check_vi.ts"
    shutil.copy(TS, copy)
    result = subprocess.run(
        [tool("pyside6-lupdate"), *ui_sources(), "-ts", str(copy), "-no-obsolete",
         "-locations", "none"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "(0 new" in result.stdout, (
        "new interface strings: run `python packaging/update_translations.py` and translate them\n"
        + result.stdout
    )
    assert _messages(copy) == _messages(TS), (
        "strings were removed from the code: run the update script"
    )


def test_every_translation_is_finished_and_keeps_its_placeholders() -> None:
    problems = []
    for context, source, translation, kind in _messages(TS):
        if not translation or kind in {"unfinished", "vanished", "obsolete"}:
            problems.append(f"{context}: untranslated {source!r}")
            continue
        if sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", translation)):
            problems.append(f"{context}: placeholders differ in {source!r} -> {translation!r}")
        if source.count("&") != translation.count("&"):
            problems.append(f"{context}: keyboard accelerator lost in {translation!r}")
    assert not problems, "\n".join(problems)


def test_the_compiled_translation_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    release(TS, fresh)
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes(), (
        "resources/translations/ecabinet_vi.qm is stale: "
        "run python packaging/update_translations.py"
    )
