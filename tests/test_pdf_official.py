"""Official-document PDFs and the demo dataset that feeds them.

Text is read back with pdfium (the engine the viewer uses), so these tests prove
that Vietnamese survives the whole way: font subset, ToUnicode map, extraction.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2 as pdfium
import pytest

from ecabinet.demo.sample_content import (
    ABSENT_FROM_THEMATIC,
    DEFAULT_MINISTER,
    DEMO_PASSWORD,
    MEETING_ROOM,
    PRIME_MINISTER,
    VN_TZ,
    SampleDataset,
    SampleDocument,
    all_documents,
    demo_dataset,
)
from ecabinet.pdf.fonts import FAMILY, FontStyle, font_file, register_reportlab_fonts
from ecabinet.pdf.official import (
    NATIONAL_MOTTO,
    NATIONAL_TITLE,
    OfficialDocument,
    Section,
    document_title,
    render_official_document,
    vietnamese_date_line,
)

NOW = dt.datetime(2026, 11, 9, 9, 15, tzinfo=VN_TZ)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        parts = []
        for page in pdf:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return normalise(" ".join(parts))


def embedded_font_files(reader: pypdf.PdfReader) -> dict[str, bool]:
    """BaseFont name -> whether its descriptor carries an embedded TrueType program."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        fonts: Any = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            holder = descendants.get_object()[0].get_object() if descendants else font
            descriptor = holder["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    return found


def sample(**changes: Any) -> OfficialDocument:
    values: dict[str, Any] = {
        "issuer": "Văn phòng Chính phủ".upper(),
        "issuer_parent": "CHÍNH PHỦ",
        "number": "125/TTr-BTC",
        "issued_on": dt.date(2026, 2, 5),
        "place": "Hà Nội",
        "kind_title": "TỜ TRÌNH",
        "subject": "Về dự thảo Nghị định quy định chi tiết Luật Thuế thu nhập cá nhân & <phí>",
        "recipient": "Kính gửi: Chính phủ.",
        "sections": (
            Section(
                "I. SỰ CẦN THIẾT BAN HÀNH",
                tuple(
                    f"Đoạn {i}: việc quản lý ngân sách nhà nước được thực hiện thống nhất, công "
                    "khai, minh bạch, có phân công, phân cấp quản lý, gắn quyền hạn với trách "
                    "nhiệm của cơ quan quản lý nhà nước các cấp. " * 3
                    for i in range(12)
                ),
            ),
            Section(
                "Chương I\nQUY ĐỊNH CHUNG",
                ("Điều 1. Phạm vi điều chỉnh\nNghị định này quy định chi tiết về thuế.",),
            ),
        ),
        "signer_title": "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
        "signer_name": "Trần Thị Thu Hà",
        "recipients_list": ("- Như trên;", "- Lưu: VT, KTTH."),
        "draft": True,
        "internal": True,
    }
    values.update(changes)
    return OfficialDocument(**values)


@dataclass(frozen=True)
class Rendered:
    document: SampleDocument
    pages: int
    data: bytes
    text: str


@pytest.fixture(scope="module")
def dataset() -> SampleDataset:
    return demo_dataset(NOW)


@pytest.fixture(scope="module")
def rendered(dataset: SampleDataset, tmp_path_factory: pytest.TempPathFactory) -> list[Rendered]:
    folder = tmp_path_factory.mktemp("demo-pdf")
    out = []
    for document in all_documents(dataset):
        target = folder / document.filename
        pages = render_official_document(document.spec, target)
        data = target.read_bytes()
        out.append(Rendered(document, pages, data, pdf_text(data)))
    return out


def test_date_line_pads_days_and_the_first_two_months() -> None:
    assert (
        vietnamese_date_line("Hà Nội", dt.date(2026, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2026"
    )
    assert vietnamese_date_line("Huế", dt.date(2026, 3, 1)) == "Huế, ngày 01 tháng 3 năm 2026"
    assert (
        vietnamese_date_line("Hà Nội", dt.date(2026, 11, 12)) == "Hà Nội, ngày 12 tháng 11 năm 2026"
    )


def test_fonts_are_shipped_and_register_once() -> None:
    styles: tuple[FontStyle, ...] = ("regular", "bold", "italic", "bolditalic")
    for style in styles:
        assert font_file(style).is_file()
    assert register_reportlab_fonts() == register_reportlab_fonts() == FAMILY


def test_rendered_pdf_has_layout_text_fonts_and_metadata(tmp_path: Path) -> None:
    doc = sample()
    target = tmp_path / "sample.pdf"
    pages = render_official_document(doc, target)

    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == pages >= 2
    fonts = embedded_font_files(reader)
    assert fonts and all(fonts.values()), fonts
    assert all(FAMILY in name for name in fonts)
    assert reader.metadata is not None
    assert reader.metadata.title == document_title(doc)
    assert reader.metadata.title == (
        "Dự thảo tờ trình số 125/TTr-BTC: Về dự thảo Nghị định quy định chi tiết Luật Thuế thu "
        "nhập cá nhân & <phí>"
    )
    assert reader.metadata.author == "VĂN PHÒNG CHÍNH PHỦ"
    assert str(reader.metadata["/CreationDate"]).startswith("D:20260205")

    text = pdf_text(target.read_bytes())
    for expected in (
        NATIONAL_TITLE,
        NATIONAL_MOTTO,
        "CHÍNH PHỦ VĂN PHÒNG CHÍNH PHỦ",
        "Số: 125/TTr-BTC",
        "Hà Nội, ngày 05 tháng 02 năm 2026",
        "DỰ THẢO",
        "LƯU HÀNH NỘI BỘ",
        "TỜ TRÌNH",
        "Luật Thuế thu nhập cá nhân & <phí>",
        "Kính gửi: Chính phủ.",
        "Điều 1. Phạm vi điều chỉnh",
        "Nơi nhận:",
        "THỨ TRƯỞNG",
        "Trần Thị Thu Hà",
    ):
        assert normalise(expected) in text, expected
    # Page numbers start on page 2, at the top: page 2's text opens with "2".
    pdf = pdfium.PdfDocument(target.read_bytes())
    try:
        page_two = pdf[1].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert page_two.lstrip().startswith("2")


def test_final_copy_has_no_markings() -> None:
    buffer = io.BytesIO()
    render_official_document(sample(draft=False, internal=False), buffer)
    text = pdf_text(buffer.getvalue())
    assert "DỰ THẢO" not in text
    assert "LƯU HÀNH NỘI BỘ" not in text
    assert normalise(NATIONAL_TITLE) in text


def test_rendering_is_deterministic_and_atomic(tmp_path: Path) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    render_official_document(sample(), first)
    render_official_document(sample(), second)
    assert first.getvalue() == second.getvalue()

    target = tmp_path / "out.pdf"
    target.write_bytes(b"old content")
    render_official_document(sample(), target)
    assert target.read_bytes() == first.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_every_demo_document_renders_to_three_to_eight_pages(rendered: list[Rendered]) -> None:
    assert len(rendered) >= 10
    for item in rendered:
        reader = pypdf.PdfReader(io.BytesIO(item.data))
        assert len(reader.pages) == item.pages, item.document.filename
        assert 3 <= item.pages <= 8, (item.document.filename, item.pages)
        fonts = embedded_font_files(reader)
        assert fonts and all(fonts.values()), item.document.filename


def test_demo_text_survives_extraction(rendered: list[Rendered]) -> None:
    for item in rendered:
        spec = item.document.spec
        assert normalise(NATIONAL_TITLE) in item.text
        assert normalise(NATIONAL_MOTTO) in item.text
        assert normalise(f"Số: {spec.number}") in item.text, item.document.filename
        assert ("DỰ THẢO" in item.text) or not spec.draft
    assert any("ngân sách" in item.text.lower() for item in rendered)


def demo_strings(dataset: SampleDataset) -> list[str]:
    """Every piece of text the demo shows: names, titles, and each document's words."""
    strings: list[str] = [dataset.org_name]
    for user in dataset.users:
        strings += [user.username, user.full_name, user.title]
    for meeting in dataset.meetings:
        strings += [meeting.title, meeting.location]
        for item in meeting.agenda:
            strings += [item.title, item.presenter]
    for document in all_documents(dataset):
        spec = document.spec
        strings += [document.title, document.number, document.filename, spec.issuer]
        strings += [spec.subject, *spec.preamble, *spec.recipients_list]
        for section in spec.sections:
            strings += [section.heading or "", *section.paragraphs]
    return strings


def test_demo_strings_are_nfc(dataset: SampleDataset) -> None:
    for text in demo_strings(dataset):
        assert unicodedata.is_normalized("NFC", text), text


def test_demo_users(dataset: SampleDataset) -> None:
    usernames = [user.username for user in dataset.users]
    assert len(usernames) == len(set(usernames))
    assert {user.password for user in dataset.users} == {DEMO_PASSWORD}
    assert [u.username for u in dataset.users if u.role == "admin"] == ["quantri"]
    assert "vpcp.chuyenvien" in [u.username for u in dataset.users if u.role == "secretariat"]
    members = [user for user in dataset.users if user.role == "member"]
    assert len(members) == 9
    assert next(u for u in members if u.username == PRIME_MINISTER).title == "Thủ tướng Chính phủ"
    assert next(u.username for u in members if u.username != PRIME_MINISTER) == DEFAULT_MINISTER
    assert dataset.org_code == "CP"


def test_demo_meetings(dataset: SampleDataset) -> None:
    regular, thematic = dataset.meetings
    members = {user.username for user in dataset.users if user.role == "member"}
    assert regular.kind == "regular" and thematic.kind == "thematic"
    assert set(regular.participants) == members
    assert ABSENT_FROM_THEMATIC not in thematic.participants
    assert set(thematic.participants) == members - {ABSENT_FROM_THEMATIC}
    assert regular.starts_at == dt.datetime(2026, 11, 12, 8, 30, tzinfo=VN_TZ)
    assert thematic.starts_at == dt.datetime(2026, 11, 19, 8, 30, tzinfo=VN_TZ)
    assert regular.title == "Phiên họp Chính phủ thường kỳ tháng 11 năm 2026"
    assert regular.location == MEETING_ROOM
    assert 3 <= len(regular.agenda) <= 4 and 2 <= len(thematic.agenda) <= 3
    filenames = [document.filename for document in all_documents(dataset)]
    assert len(filenames) == len(set(filenames))
    assert all(name.isascii() and name.endswith(".pdf") for name in filenames)
    assert "125-TTr-BTC-du-toan-ngan-sach-2027.pdf" in filenames


def test_demo_follows_the_2025_government_restructuring(
    dataset: SampleDataset, rendered: list[Rendered]
) -> None:
    """The Ministry of Planning and Investment merged into Finance in March 2025."""
    for text in demo_strings(dataset):
        folded = text.lower()
        assert "kế hoạch và đầu tư" not in folded and "khđt" not in folded, text
        assert "khdt" not in folded and "kehoach" not in folded, text
    for item in rendered:
        assert "kế hoạch và đầu tư" not in item.text.lower(), item.document.filename
    members = {user.username: user for user in dataset.users if user.role == "member"}
    assert members["bt.congthuong"].title == "Bộ trưởng Bộ Công Thương"
    economy = dataset.meetings[0].agenda[1]
    report = economy.documents[0]
    assert economy.presenter == "Bộ Tài chính"
    assert (report.number, report.spec.issuer) == ("260/BC-BTC", "BỘ TÀI CHÍNH")
    assert report.spec.signer_name == members[DEFAULT_MINISTER].full_name
    assert report.filename.startswith("260-BC-BTC-tinh-hinh-kinh-te-xa-hoi-")


def test_demo_dataset_is_pure_and_follows_now() -> None:
    assert demo_dataset(NOW) == demo_dataset(NOW)
    # A naive "now" is Hanoi time; an aware one is converted first.
    utc = dt.datetime(2026, 12, 30, 18, 0, tzinfo=dt.UTC)  # already 31 December in Hanoi
    later = demo_dataset(utc)
    assert later.meetings[0].starts_at == dt.datetime(2027, 1, 3, 8, 30, tzinfo=VN_TZ)
    assert later.meetings[0].title.endswith("tháng 1 năm 2027")
    assert demo_dataset(dt.datetime(2026, 11, 9, 9, 15)) == demo_dataset(NOW)
