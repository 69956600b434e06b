"""The follow-up table as a PDF: checked by tools that are not ours (qpdf, poppler).

The GUI test (tests/gui/test_dashboard.py) prints a real server's answer; here a table
of a full Government (30 members, 50 papers) checks the layout: landscape A4, every
page with the header row and the page number, fonts embedded, Vietnamese intact.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path
from typing import Any

from ecabinet.client import secretariat_dashboard
from ecabinet.client.dashboard_pdf import render_dashboard_pdf

MEETING = {
    "title": "Phiên họp Chính phủ thường kỳ tháng 12 <năm 2026> & các nội dung khác",
    "starts_at": "2026-12-01T01:30:00+00:00",
    "location": "Phòng họp Chính phủ",
}
TITLES = ["Bộ trưởng Bộ Y tế", "Thủ tướng Chính phủ", "Bộ trưởng Bộ Tư pháp",
          "Phó Thủ tướng Chính phủ"]  # fmt: skip


def _board(members: int, papers: int) -> dict[str, Any]:
    """An answer in the shape of GET /meetings/{id}/dashboard."""
    documents = [
        {"id": f"d{n}", "title": f"Dự thảo Nghị định số {n} về đất đai", "pages": 40,
         "current_version_id": f"v{n}"}
        for n in range(papers)
    ]  # fmt: skip
    rows = []
    for n in range(members):
        late = n % 2 == 1
        rows.append({
            "user_id": f"u{n}", "full_name": f"Nguyễn Văn Đức {n:02d}",
            "title": TITLES[n % len(TITLES)], "pack_synced": not late,
            "last_sync_at": None if late else "2026-11-28T06:00:00+00:00",
            "papers": [
                {"document_id": d["id"], "opened": not late, "read_current": True,
                 "max_page": 11 if not late else None, "pages": 40}
                for d in documents
            ],
            "papers_read": 0 if late else papers,
            "ballots": [{"ballot_id": "b1", "answered": not late, "on_current_draft": n != 0,
                         "answered_at": None}],
            "overdue": late, "overdue_reasons": ["ballot", "papers"] if late else [],
        })  # fmt: skip
    return {
        "meeting_id": "m1",
        "generated_at": "2026-11-28T07:05:00+00:00",
        "documents": documents,
        "ballots": [
            {
                "id": "b1",
                "question": "Đồng ý thông qua dự thảo?",
                "status": "open",
                "deadline": "2026-11-29T00:00:00+00:00",
                "version": 2,
            },
        ],
        "participants": rows,
    }


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_a_full_government_prints_on_landscape_pages_each_with_its_header(
    tmp_path: Path,
) -> None:
    board = _board(30, 50)
    target = tmp_path / "theo-doi.pdf"
    pages = render_dashboard_pdf(board, MEETING, target)
    assert "No syntax or stream encoding errors" in _run("qpdf", "--check", str(target))
    info = _run("pdfinfo", str(target))
    assert f"Pages:           {pages}" in info and pages > 5
    assert re.search(r"Page size:\s+841.89 x 595.27", info), "landscape A4"
    fonts = _run("pdffonts", str(target)).splitlines()[2:]
    assert fonts and all(" yes " in line and "LiberationSerif" in line for line in fonts), fonts
    for page in range(1, pages + 1):
        text = _run("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(target), "-")
        assert "STT" in text and "Thành viên" in text, f"page {page} lost the header row"
        assert f"Trang {page}" in text
    whole = _run("pdftotext", "-layout", str(target), "-")
    assert "THEO DÕI CHUẨN BỊ PHIÊN HỌP" in whole
    assert "<năm 2026> & các nội dung khác" in whole, "markup characters printed as text"
    assert "Nguyễn Văn Đức 29" in whole and "12/40" in whole
    assert "TL1." in whole and "TL50." in whole, "every paper has its column"
    # Overdue in words: the reason in the summary, the mark beside the name everywhere.
    assert "QUÁ HẠN: chưa trả lời phiếu lấy ý kiến sắp hết hạn" in whole
    assert whole.count("(QUÁ HẠN)") == 15 * (1 + 9 + 1)  # summary, 9 paper parts, ballots
    assert "đã trả lời (dự thảo" in whole and "Đồng ý\n" not in whole  # never the choice
    assert "P1." in whole and "chưa trả lời" in whole
    # Protocol order: the Prime Minister(s) of the fixture, the deputies, Justice, Health.
    summary = whole[: whole.index("II. Tài liệu đã đọc")]
    printed = re.findall(r"Nguyễn Văn Đức (\d\d)", summary)
    expected = [f"{n:02d}" for rank in (1, 3, 2, 0) for n in range(30) if n % 4 == rank]
    assert printed == expected


def test_no_participants_and_a_stream_target(tmp_path: Path) -> None:
    out = io.BytesIO()
    assert render_dashboard_pdf(_board(0, 3), MEETING, out) == 1
    target = tmp_path / "rong.pdf"
    target.write_bytes(out.getvalue())
    assert "chưa có thành viên" in _run("pdftotext", str(target), "-")


def test_the_csv_reads_back_as_the_table_in_protocol_order(tmp_path: Path) -> None:
    board = _board(4, 2)
    target = tmp_path / "theo-doi.csv"
    secretariat_dashboard.write_csv(board, target)
    table = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert table[0] == [
        *secretariat_dashboard.CSV_HEADER,
        "Dự thảo Nghị định số 0 về đất đai", "Dự thảo Nghị định số 1 về đất đai",
    ]  # fmt: skip
    assert [(r[0], r[1]) for r in table[1:]] == [
        ("Nguyễn Văn Đức 01", "Thủ tướng Chính phủ"),
        ("Nguyễn Văn Đức 03", "Phó Thủ tướng Chính phủ"),
        ("Nguyễn Văn Đức 02", "Bộ trưởng Bộ Tư pháp"),
        ("Nguyễn Văn Đức 00", "Bộ trưởng Bộ Y tế"),
    ]
    by_name = {r[0]: r for r in table[1:]}
    assert by_name["Nguyễn Văn Đức 00"][2:] == [
        "có", "2026-11-28T06:00:00+00:00", "2", "2", "1", "1", "", "12/40", "12/40",
    ]  # fmt: skip
    assert by_name["Nguyễn Văn Đức 01"][8] == (
        "quá hạn: chưa trả lời phiếu lấy ý kiến sắp hết hạn; "
        "chưa đọc tài liệu, phiên họp sắp diễn ra"
    )
    assert by_name["Nguyễn Văn Đức 01"][-2:] == ["chưa mở", "chưa mở"]
