"""``ecabinet pack build`` end to end: a real server over TLS, a real sync, the real
command line, and the pack read back with qpdf and poppler."""

from __future__ import annotations

import re
from pathlib import Path

from support.actors import PASSWORD, Clerk
from support.cli import run_cli
from support.pack_checks import check_clean, npages, outline, page_texts
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.workspace import Workspace

MEMBER = "bt.taichinh"


def synced_profile(server_factory: ServerFactory, tmp_path: Path) -> tuple[Path, str, list[str]]:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(
        "Phiên họp Chính phủ thường kỳ tháng 12 năm 2026", ["bt.ytte", MEMBER, "bt.tuphap"]
    )
    first = clerk.add_item(meeting["id"], "Dự toán ngân sách nhà nước năm 2027")
    clerk.add_item(meeting["id"], "Tình hình kinh tế - xã hội tháng 11", "Bộ Tài chính")
    third = clerk.add_item(meeting["id"], "Dự án Luật Đất đai (sửa đổi)", "Bộ Tư pháp")
    shas = []
    for name, pages, item, title in (
        ("budget", 3, first, "Tờ trình dự toán"),
        ("annex", 2, first, "Phụ lục số liệu"),
        ("land", 4, third, "Dự thảo Luật Đất đai"),
    ):
        path = make_text_pdf(
            tmp_path / f"{name}.pdf", [[f"{title} — trang gốc {n}"] for n in range(1, pages + 1)]
        )
        uploaded = clerk.upload(meeting["id"], path, title=title, item_id=item["id"])
        shas.append(uploaded["version"]["sha256"])
    profile = tmp_path / "laptop"
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login(MEMBER, PASSWORD)
        assert workspace.sync().ok
    finally:
        workspace.close()
    server.stop()  # the pack is built offline, from the synced profile
    return profile, meeting["id"], shas


def test_a_member_builds_a_watermarked_pack_from_a_synced_profile(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    profile, meeting_id, _ = synced_profile(server_factory, tmp_path)
    out = tmp_path / "pack.pdf"
    answer = run_cli("pack", "build", "--profile-dir", profile, "--meeting", meeting_id,
                     "--output", out, "--watermark-for", MEMBER)  # fmt: skip
    assert "Đã ghi" in answer.stdout and "1 trang ngăn cách" in answer.stdout, answer.stdout
    check_clean(out)
    total = npages(out)
    assert total == 2 + 3 + 2 + 1 + 4, f"qpdf counts {total} pages"
    texts = page_texts(out)
    for number, text in enumerate(texts, 1):
        assert f"Trang {number}/{total}" in text, f"page {number} lacks its stamp"
        assert re.search(r"Lê Minh Khoa · \d\d:\d\d \d\d/\d\d/\d{4}", text), (
            f"page {number} lacks the member's watermark:\n{text}"
        )
    cover = texts[0]
    order = [cover.index(n) for n in ("Phạm Quốc Bảo", "Lê Minh Khoa", "Đỗ Thị Lan")]
    assert order == sorted(order), f"participants not in protocol order:\n{cover}"
    assert "08 giờ 30, ngày 01 tháng 12 năm 2026" in cover  # shown in Hà Nội's time
    assert "Mục 2. Tình hình kinh tế - xã hội tháng 11" in texts[7]
    assert "Mục này không có tài liệu kèm theo." in texts[7]
    assert "Dự thảo Luật Đất đai — trang gốc 4" in texts[-1]
    assert [(d, t) for d, t, _ in outline(out)] == [
        (0, "Mục lục"),
        (0, "Mục 1. Dự toán ngân sách nhà nước năm 2027"),
        (1, "Tờ trình dự toán"),
        (1, "Phụ lục số liệu"),
        (0, "Mục 2. Tình hình kinh tế - xã hội tháng 11"),
        (0, "Mục 3. Dự án Luật Đất đai (sửa đổi)"),
        (1, "Dự thảo Luật Đất đai"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".pack")) == []

    plain = tmp_path / "plain.pdf"
    run_cli("pack", "build", "--profile-dir", profile, "--meeting", meeting_id, "--output", plain)
    assert all("Lê Minh Khoa ·" not in t for t in page_texts(plain))

    workspace = Workspace(profile)  # the app's way: Workspace.build_pack (PackMixin)
    try:
        report = workspace.build_pack(meeting_id, tmp_path / "api.pdf", watermark_for="bt.ytte")
    finally:
        workspace.close()
    assert report.pages == total == npages(tmp_path / "api.pdf")
    assert all("Đỗ Thị Lan ·" in t for t in page_texts(tmp_path / "api.pdf"))


def test_a_damaged_cached_paper_is_named_and_no_pack_is_written(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    profile, meeting_id, shas = synced_profile(server_factory, tmp_path)
    sealed = profile / "blobs" / shas[1][:2] / shas[1]
    assert sealed.is_file(), f"no sealed copy at {sealed}"
    data = bytearray(sealed.read_bytes())
    data[len(data) // 2] ^= 0xFF
    sealed.write_bytes(bytes(data))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    answer = run_cli("pack", "build", "--profile-dir", profile, "--meeting", meeting_id,
                     "--output", out_dir / "pack.pdf", check=False)  # fmt: skip
    assert answer.returncode == 2, answer.stdout + answer.stderr
    assert "Phụ lục số liệu" in answer.stderr and "pack_paper_" in answer.stderr, answer.stderr
    assert "Traceback" not in answer.stderr
    assert list(out_dir.iterdir()) == [], "a half-written pack was left behind"

    unknown = run_cli("pack", "build", "--profile-dir", profile, "--meeting", "nope",
                      "--output", out_dir / "x.pdf", check=False)  # fmt: skip
    assert unknown.returncode == 2 and "no_meeting" in unknown.stderr
    stranger = run_cli(
        "pack", "build", "--profile-dir", profile, "--meeting", meeting_id,
        "--output", out_dir / "x.pdf", "--watermark-for", "ai.do", check=False,
    )  # fmt: skip
    assert stranger.returncode == 2 and "no_member" in stranger.stderr
    assert list(out_dir.iterdir()) == []
