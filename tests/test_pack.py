"""The meeting pack (ecabinet/pack), read back with qpdf, poppler and pdfium."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from support.pack_checks import check_clean, npages, outline, page_texts, renders_with_poppler
from support.text_pdfs import make_text_pdf

from ecabinet.pack.assemble import assemble_pack
from ecabinet.pack.pages import NO_PAPERS
from ecabinet.pack.protocol_order import in_protocol_order
from ecabinet.pack.spec import PackDocument, PackError, PackItem, PackMeeting
from ecabinet.pack.watermark import watermark
from ecabinet.timeutil import VIETNAM_TZ

MEMBER = "Lê Minh Khoa"
WHEN = datetime.datetime(2026, 12, 1, 1, 5, tzinfo=datetime.UTC)  # 08:05 in Hà Nội


def paper(path: Path, label: str, pages: int) -> Path:
    return make_text_pdf(
        path, [[f"{label} — trang gốc {n}", "Dự toán ngân sách nhà nước, Đường sắt"]
               for n in range(1, pages + 1)],
    )  # fmt: skip


def meeting(tmp_path: Path) -> PackMeeting:
    budget = paper(tmp_path / "budget.pdf", "Tờ trình dự toán", 4)
    decree = paper(tmp_path / "decree.pdf", "Dự thảo Nghị định", 3)
    report = paper(tmp_path / "report.pdf", "Báo cáo thẩm định", 2)
    return PackMeeting(
        title="Phiên họp Chính phủ thường kỳ tháng 12 năm 2026",
        kind="Phiên họp thường kỳ",
        starts_at=datetime.datetime(2026, 12, 1, 8, 30, tzinfo=VIETNAM_TZ),
        location="Phòng họp Chính phủ, số 1 Hoàng Hoa Thám",
        participants=(
            "Ông Phạm Minh Chính, Thủ tướng Chính phủ",
            "Bà Đỗ Thị Lan, Bộ trưởng Bộ Y tế",
        ),
        classification="Mật",
        items=(
            PackItem(1, "Dự toán ngân sách nhà nước năm 2027", "Bộ Tài chính", documents=(
                PackDocument("Tờ trình dự toán", budget, "125/TTr-BTC"),
                PackDocument("Báo cáo thẩm định", report),
            )),
            PackItem(2, "Tình hình kinh tế - xã hội tháng 11", "Bộ Tài chính"),
            PackItem(3, "Dự thảo Nghị định quy định chi tiết Luật Đất đai về bồi thường",
                     "Bộ Nông nghiệp và Môi trường", "Mật",
                     documents=(PackDocument("Dự thảo Nghị định", decree),)),
        ),
    )  # fmt: skip


def test_a_pack_has_its_pages_in_order_stamped_and_bookmarked(tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    report = assemble_pack(meeting(tmp_path), out)
    check_clean(out)
    total = npages(out)
    # cover + contents (2), 4 + 2 papers of item 1, a divider for item 2, 3 for item 3
    assert total == report.pages == 12, f"expected 12 pages, qpdf counts {total}"
    texts = page_texts(out)
    for number, text in enumerate(texts, 1):
        assert f"Trang {number}/12" in text, f"page {number} lacks its stamp:\n{text}"
    cover, contents = texts[0], texts[1]
    for needed in ("TÀI LIỆU PHIÊN HỌP", "Phiên họp Chính phủ thường kỳ tháng 12 năm 2026",
                   "08 giờ 30, ngày 01 tháng 12 năm 2026", "Hoàng Hoa Thám", "MẬT",
                   "1. Ông Phạm Minh Chính, Thủ tướng Chính phủ",
                   "2. Bà Đỗ Thị Lan, Bộ trưởng Bộ Y tế"):  # fmt: skip
        assert needed in cover, f"the cover lacks {needed!r}:\n{cover}"
    # The contents give each entry's first page in the pack.
    for entry, page in (("Mục 1. Dự toán ngân sách nhà nước năm 2027", 3),
                        ("125/TTr-BTC — Tờ trình dự toán", 3), ("Báo cáo thẩm định", 7),
                        ("Mục 2. Tình hình kinh tế - xã hội tháng 11", 9),
                        ("Dự thảo Nghị định", 10)):  # fmt: skip
        assert re.search(rf"{re.escape(entry)}.*\b{page}\b", contents), (
            f"the contents do not list {entry!r} at page {page}:\n{contents}"
        )
    origin = [m.group(0) for t in texts if (m := re.search(r"^.+ — trang gốc \d+", t, re.M))]
    assert origin == [
        *(f"Tờ trình dự toán — trang gốc {n}" for n in range(1, 5)),
        *(f"Báo cáo thẩm định — trang gốc {n}" for n in range(1, 3)),
        *(f"Dự thảo Nghị định — trang gốc {n}" for n in range(1, 4)),
    ], "the papers' pages are not in agenda order"
    for page in range(3, 9):
        assert "Mục 1. Dự toán ngân sách nhà nước năm 2027" in texts[page - 1]
    assert NO_PAPERS in texts[8] and "Mục 2. Tình hình kinh tế - xã hội tháng 11" in texts[8]
    short = "Mục 3. Dự thảo Nghị định quy định chi tiết Luật Đất…"
    assert all(short in texts[p] for p in (9, 10, 11)), texts[9]
    assert outline(out) == [
        (0, "Mục lục", 2),
        (0, "Mục 1. Dự toán ngân sách nhà nước năm 2027", 3),
        (1, "Tờ trình dự toán", 3),
        (1, "Báo cáo thẩm định", 7),
        (0, "Mục 2. Tình hình kinh tế - xã hội tháng 11", 9),
        (0, "Mục 3. Dự thảo Nghị định quy định chi tiết Luật Đất đai về bồi thường", 10),
        (1, "Dự thảo Nghị định", 10),
    ]
    pdfium = pypdfium2.PdfDocument(out)
    try:
        toc = [(b.level, b.get_title(), b.get_dest().get_index()) for b in pdfium.get_toc()]
        assert toc[1] == (0, "Mục 1. Dự toán ngân sách nhà nước năm 2027", 2), toc
        for index in (0, 1, 8, 11):
            image = pdfium[index].render(scale=0.3).to_pil().convert("L")
            assert image.getextrema()[0] < 128, f"pdfium draws page {index + 1} blank"
    finally:
        pdfium.close()
    for page in (1, 2, 9, 12):
        renders_with_poppler(out, page, tmp_path)


def test_the_stamps_leave_the_papers_content_alone(tmp_path: Path) -> None:
    source = paper(tmp_path / "one.pdf", "Tờ trình", 2)
    with pikepdf.open(source) as pdf:
        original = [bytes(p.obj.Contents.read_bytes()) for p in pdf.pages]
    item = PackItem(1, "Một mục", documents=(PackDocument("Tờ trình", source),))
    out = tmp_path / "pack.pdf"
    assemble_pack(PackMeeting("Họp", "Phiên họp chuyên đề", datetime.datetime(2026, 1, 2, 9, 0),
                              "Hà Nội", (), items=(item,)), out)  # fmt: skip
    with pikepdf.open(out) as pdf:
        kept = [[bytes(s.read_bytes()) for s in p.obj.Contents] for p in list(pdf.pages)[-2:]]
    for before, streams in zip(original, kept, strict=True):
        assert before in streams, "a paper's own content stream was rewritten"
        assert streams[0] == b"q\n", "the paper's content is not isolated by q/Q"


def test_the_watermark_is_on_every_page_and_small(tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    assemble_pack(meeting(tmp_path), out)
    marked = tmp_path / "marked.pdf"
    report = watermark(out, MEMBER, WHEN, marked)
    check_clean(marked)
    texts = page_texts(marked)
    assert len(texts) == 12
    for number, text in enumerate(texts, 1):
        assert "Lê Minh Khoa · 08:05 01/12/2026" in text, f"page {number} has no watermark"
        assert f"Trang {number}/12" in text
    assert report.output_bytes <= 1.2 * report.input_bytes, report
    with pikepdf.open(marked) as pdf:
        forms = {
            page.Resources.XObject[name].objgen
            for page in pdf.pages for name in list(page.Resources.XObject)
            if name.startswith("/EcWatermark")
        }  # fmt: skip
    assert len(forms) == 1, "every page should share one watermark form"
    renders_with_poppler(marked, 3, tmp_path)


def test_a_turned_page_is_stamped_along_its_seen_bottom(tmp_path: Path) -> None:
    source = paper(tmp_path / "turned.pdf", "Bản đồ", 1)
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.Rotate = 90
        pdf.save(source)
    out = tmp_path / "pack.pdf"
    item = PackItem(1, "Quy hoạch", documents=(PackDocument("Bản đồ", source),))
    assemble_pack(PackMeeting("Họp", "Phiên họp chuyên đề", datetime.datetime(2026, 1, 2, 9, 0),
                              "Hà Nội", (), items=(item,)), out)  # fmt: skip
    watermark(out, MEMBER, WHEN)
    check_clean(out)
    last = page_texts(out)[-1]
    assert "Mục 1. Quy hoạch" in last and "Trang 3/3" in last and "Lê Minh Khoa" in last
    # poppler reads the stamp as one horizontal line only when it is upright as shown.
    assert re.search(r"Mục 1\. Quy hoạch\s+Trang 3/3", last), last


def locked(path: Path) -> Path:
    source = paper(path.with_suffix(".src.pdf"), "Tờ trình", 1)
    with pikepdf.open(source) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="mat-khau", owner="chu"))
    return path


@pytest.mark.parametrize("kind", ["garbage", "not_pdf", "locked"])
def test_a_damaged_paper_stops_the_build_and_leaves_no_file(tmp_path: Path, kind: str) -> None:
    good = paper(tmp_path / "good.pdf", "Tờ trình", 2)
    bad = tmp_path / "bad.pdf"
    if kind == "locked":
        locked(bad)
    else:
        head = b"%PDF-1.7\n" if kind == "garbage" else b"PK\x03\x04"
        bad.write_bytes(head + bytes(range(256)) * 40)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    item = PackItem(1, "Mục", documents=(PackDocument("Tờ trình", good),
                                         PackDocument("Phụ lục hỏng", bad)))  # fmt: skip
    with pytest.raises(PackError) as caught:
        assemble_pack(PackMeeting("Họp", "Phiên họp thường kỳ",
                                  datetime.datetime(2026, 1, 2, 9, 0), "Hà Nội", (),
                                  items=(item,)), out_dir / "pack.pdf")  # fmt: skip
    assert caught.value.code == "pack_paper_damaged"
    assert "Phụ lục hỏng" in caught.value.message
    assert list(out_dir.iterdir()) == [], "a half-written pack was left behind"


def test_members_are_listed_in_protocol_order() -> None:
    people = [
        ("Đỗ Thị Lan", "Bộ trưởng Bộ Y tế"),
        ("Lê Minh Khoa", "Bộ trưởng Bộ Tài chính"),
        ("Nguyễn Hòa Bình", "Phó Thủ tướng Chính phủ"),
        ("Trần Văn Sơn", "Thứ trưởng Bộ Tài chính"),
        ("Phạm Minh Chính", "Thủ tướng Chính phủ"),
        ("Lương Tam Quang", "Bộ trưởng Bộ Công an"),
    ]
    assert [name for name, _ in in_protocol_order(people)] == [
        "Phạm Minh Chính", "Nguyễn Hòa Bình", "Lương Tam Quang", "Lê Minh Khoa",
        "Đỗ Thị Lan", "Trần Văn Sơn",
    ]  # fmt: skip
