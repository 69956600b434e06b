"""`ecabinet demo --no-gui`: a seeded server a minister can sync from, stopped cleanly."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdfium2
import requests
from support.cli import cli_json, run_cli

from ecabinet.client.profile import profile_dir_for
from ecabinet.client.workspace import Workspace
from ecabinet.demo.people import DEMO_PASSPHRASE


def _start_demo(
    data_dir: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[str], dict[str, str], list[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecabinet", "demo", "--no-gui", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    assert proc.stdout is not None
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line.rstrip())
        if line.startswith("DEMO READY"):
            return proc, dict(re.findall(r"(\w+)=(\S+)", line)), lines
    proc.wait(10)
    raise AssertionError("demo did not get ready:\n" + "\n".join(lines))


def test_demo_serves_vietnamese_sample_papers_to_ministers(tmp_path: Path) -> None:
    proc, ready, lines = _start_demo(tmp_path / "demo")
    try:
        output = "\n".join(lines)
        assert "Mật khẩu chung" in output and ready["password"] in output
        assert "vpcp.chuyenvien" in output and "bt.taichinh" in output
        summary = cli_json(
            "sync", "--server", ready["url"], "--username", ready["username"],
            "--password-stdin", "--profile-dir", tmp_path / "minister", "--json",
            stdin=ready["password"] + "\n",
        )  # fmt: skip
        assert summary["ok"] and summary["integrity_failures"] == 0
        status = cli_json("status", "--profile-dir", tmp_path / "minister", "--json", "--verify")
        assert len(status["meetings"]) == 2
        assert len(status["documents"]) >= 10
        assert all(d["file_verified"] for d in status["documents"])
        assert all(d["pages"] >= 3 for d in status["documents"])
        states = sorted((b["status"], b["my_state"]) for b in status["ballots"])
        # The finished ballot holds the answer the minister signed "on another device".
        assert states == [
            ("closed", "delivered"),
            ("open", "not_answered"),
            ("open", "not_answered"),
        ]
        assert all(b["receipt_verified"] for b in status["ballots"] if b["my_choice"])
        budget = next(d for d in status["documents"] if "ngân sách" in d["title"].lower())
        workspace = Workspace(tmp_path / "minister")
        try:
            paper = workspace.open_paper(budget["sha256"])  # sealed on disk, read in memory
            assert paper is not None
            with paper:
                pdf = pypdfium2.PdfDocument(paper.read_all())
        finally:
            workspace.close()
        text = unicodedata.normalize("NFC", pdf[0].get_textpage().get_text_range())
        pdf.close()
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text  # embedded font, real diacritics

        # The Minister of Health is not invited to the thematic meeting.
        other = cli_json(
            "sync", "--server", ready["url"], "--username", "bt.ytte", "--password-stdin",
            "--profile-dir", tmp_path / "health", "--json", stdin=ready["password"] + "\n",
        )  # fmt: skip
        assert other["ok"]
        assert (
            len(cli_json("status", "--profile-dir", tmp_path / "health", "--json")["meetings"]) == 1
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        if proc.stdout:
            proc.stdout.close()
    try:
        requests.get(ready["url"] + "/healthz", timeout=2)
    except requests.ConnectionError:
        pass
    else:
        raise AssertionError("the demo left its server running")


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0
    if proc.stdout:
        proc.stdout.close()


def test_the_demo_runs_again_on_the_same_data_at_the_same_address(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    proc, ready, _lines = _start_demo(data_dir)
    try:
        # Where the demo's app keeps the minister's profile: it pins this address.
        profile = profile_dir_for(ready["url"], ready["username"], data_dir)
        summary = cli_json(
            "sync", "--server", ready["url"], "--username", ready["username"],
            "--password-stdin", "--profile-dir", profile, "--json", stdin=ready["password"] + "\n",
        )  # fmt: skip
        assert summary["ok"]
    finally:
        _stop(proc)

    proc, again, lines = _start_demo(data_dir)
    try:
        assert again["url"] == ready["url"]  # the remembered port
        assert not any("Đang tạo dữ liệu mẫu" in line for line in lines)  # not seeded twice
        summary = cli_json(
            "sync", "--server", again["url"], "--username", again["username"],
            "--profile-dir", profile, "--json",
        )  # fmt: skip
        assert summary["ok"] and summary["changes"] == 0

        # While this demo holds the port, a second one says so instead of failing later.
        busy = run_cli("demo", "--no-gui", "--data-dir", data_dir, check=False, timeout=120)
        assert busy.returncode != 0
        assert "đang bận" in busy.stderr and "demo_port_busy" in busy.stderr
    finally:
        _stop(proc)


def test_without_a_keyring_the_demo_names_its_passphrase(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring_file_backend.NoKeyring"}
    proc, _ready, lines = _start_demo(tmp_path / "demo", env)
    try:
        banner = "\n".join(lines)
        assert "không có kho khóa" in banner and DEMO_PASSPHRASE in banner
        assert "demo-keyring" not in banner  # no clear-text demo keyring any more
    finally:
        _stop(proc)
    assert not list((tmp_path / "demo").rglob("*keyring*"))
