"""``ecabinet edxml inspect`` through the real command line, in a subprocess."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.edxml_packages import default_parts, inline_package, make_signer

DATA = Path(__file__).parent / "data" / "edxml"


def test_inspect_prints_header_attachments_and_signature() -> None:
    result = run_cli("edxml", "inspect", DATA / "valid-inline.edxml")
    out = result.stdout
    for expected in (
        "000.00.12.G09 — Bộ Kế hoạch và Đầu tư",
        "000.00.00.G22 — Văn phòng Chính phủ",
        "1234/TTr-BKHĐT",
        "Hà Nội",
        "2026-11-20",
        "Nguyễn Văn Đức",
        "2026-11-25",
        "Tờ trình 1234.pdf",
        "not present",
    ):
        assert expected in out, f"{expected!r} missing from:\n{out}"
    for part in default_parts():
        assert hashlib.sha256(part.data).hexdigest() in out


def test_inspect_json_is_complete() -> None:
    data = json.loads(run_cli("edxml", "inspect", DATA / "valid-mime.edxml", "--json").stdout)
    assert data["form"] == "mime"
    assert data["sha256"] == hashlib.sha256((DATA / "valid-mime.edxml").read_bytes()).hexdigest()
    assert data["header"]["subject"].startswith("Tờ trình về dự thảo Nghị quyết")
    assert data["header"]["promulgation_date"] == "2026-11-20"
    assert [a["name"] for a in data["attachments"]] == ["Tờ trình 1234.pdf", "Phụ lục.txt"]
    assert [a["sha256"] for a in data["attachments"]] == [
        hashlib.sha256(p.data).hexdigest() for p in default_parts()
    ]
    assert data["signature"]["status"] == "not_present"


def test_signed_then_tampered(tmp_path: Path) -> None:
    signed = inline_package(signer=make_signer())
    good, bad = tmp_path / "good.edxml", tmp_path / "bad.edxml"
    good.write_bytes(signed)
    bad.write_bytes(signed.replace("Hà Nội".encode(), "Huế".encode()))
    ok = run_cli("edxml", "inspect", good)
    assert "present, verifies" in ok.stdout
    failed = run_cli("edxml", "inspect", bad, check=False)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "does not verify" in failed.stdout
    report = json.loads(run_cli("edxml", "inspect", bad, "--json", check=False).stdout)
    assert report["signature"]["status"] == "does_not_verify"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.7 not xml", "edxml_not_xml"),
        (inline_package(drop=["Subject"]), "edxml_missing_field"),
        (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
         "edxml_external_entity"),
    ],
    ids=["not-xml", "missing-subject", "external-entity"],
)  # fmt: skip
def test_unreadable_package_exits_2_naming_the_problem(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "bad.edxml"
    path.write_bytes(content)
    result = run_cli("edxml", "inspect", path, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert code in result.stderr
    assert "root:x:" not in result.stdout + result.stderr  # /etc/passwd never read
    assert "Traceback" not in result.stderr
    as_json = run_cli("edxml", "inspect", path, "--json", check=False)
    assert as_json.returncode == 2
    assert json.loads(as_json.stdout)["error"]["code"] == code


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_cli("edxml", "inspect", tmp_path / "none.edxml", check=False)
    assert result.returncode == 2 and "edxml_unreadable" in result.stderr
