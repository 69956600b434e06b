"""Long Vietnamese documents for the document-review tests and benchmarks.

A document is a list of paragraphs laid out by reportlab with the project's font, so lines
wrap and pages break the way a real draft's do; a new version is the same list edited
(paragraphs moved, sentences changed, passages deleted) and laid out again.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from ecabinet.pdf.fonts import register_reportlab_fonts

SUBJECTS = [
    "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư", "Ủy ban nhân dân cấp tỉnh", "Bộ Tư pháp",
    "Ngân hàng Nhà nước Việt Nam", "Bộ Giao thông vận tải", "Bộ Y tế", "Kiểm toán Nhà nước",
    "Bộ Nội vụ", "Bộ Giáo dục và Đào tạo", "các bộ, cơ quan ngang bộ", "Hội đồng nhân dân",
]  # fmt: skip
VERBS = [
    "chủ trì, phối hợp với", "có trách nhiệm hướng dẫn", "báo cáo Thủ tướng Chính phủ về",
    "tổng hợp, đánh giá", "kiểm tra, giám sát việc thực hiện", "đề xuất sửa đổi, bổ sung",
    "xây dựng kế hoạch triển khai", "công khai, minh bạch thông tin về", "rà soát, cắt giảm",
]  # fmt: skip
OBJECTS = [
    "dự toán ngân sách nhà nước năm {y}", "kế hoạch đầu tư công trung hạn giai đoạn {y}-{z}",
    "các khoản chi thường xuyên của đơn vị sự nghiệp công lập", "nguồn vốn vay ưu đãi nước ngoài",
    "thủ tục hành chính trong lĩnh vực đất đai",
    "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "việc phân bổ vốn cho các dự án trọng điểm", "quy hoạch mạng lưới đường bộ cao tốc Bắc - Nam",
    "chế độ tiền lương đối với cán bộ, công chức, viên chức",
    "quỹ bảo hiểm y tế và bảo hiểm xã hội",
    "tài sản công tại cơ quan, tổ chức, đơn vị", "việc chuyển đổi số trong quản lý hành chính",
]  # fmt: skip
TAILS = [
    "bảo đảm tiết kiệm, hiệu quả, đúng quy định của pháp luật",
    "trước ngày {d} tháng {m} năm {y}", "theo đúng tiến độ đã được phê duyệt",
    "trong phạm vi chức năng, nhiệm vụ được giao", "và chịu trách nhiệm trước Chính phủ",
    "phù hợp với khả năng cân đối của ngân sách địa phương", "không để thất thoát, lãng phí",
]  # fmt: skip


PLACES = [
    "Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Quảng Ninh",
    "Thừa Thiên Huế", "Nghệ An", "Đắk Lắk", "Lào Cai", "Bình Dương", "Khánh Hòa", "Thanh Hóa",
    "Điện Biên", "Cà Mau", "Quảng Nam", "Gia Lai", "Bắc Ninh", "Long An", "Sơn La",
]  # fmt: skip


def sentence(rng: random.Random) -> str:
    """One sentence of a draft decree; the place and the amount make most sentences unique."""
    y = rng.randint(2021, 2030)
    fill = {"y": y, "z": y + 5, "d": rng.randint(1, 28), "m": rng.randint(1, 12)}
    amount = f"{rng.randint(12, 98_000):,}".replace(",", ".")
    text = (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} tại {rng.choice(PLACES)}"
        f" với tổng mức {amount} tỷ đồng, {rng.choice(TAILS)}."
    ).format(**fill)
    return text[0].upper() + text[1:]


def paragraphs(count: int, seed: int = 7) -> list[str]:
    """``count`` numbered paragraphs of 3-6 sentences (an article number keeps each unique)."""
    rng = random.Random(seed)
    return [
        f"Điều {n + 1}. " + " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        for n in range(count)
    ]


def make_review_pdf(path: Path, paras: Sequence[str], title: str = "Dự thảo Nghị định") -> Path:
    family = register_reportlab_fonts()
    style = ParagraphStyle("body", fontName=family, fontSize=12, leading=16, spaceAfter=8)
    heading = ParagraphStyle("title", parent=style, fontSize=15, leading=20, spaceAfter=14)
    story = [Paragraph(title, heading), *(Paragraph(p, style) for p in paras)]
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title, author="eCabinet tests")
    doc.build(story)
    return path


# -- a new version: the edits a secretariat makes between two drafts ---------------------
NO_MARKS = str.maketrans(
    "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ",
    "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd",
)


def reword(text: str, rng: random.Random, words: int = 2) -> str:
    """A slight change: ``words`` words lose their diacritics or are replaced."""
    parts = text.split(" ")
    for _ in range(words):
        i = rng.randrange(1, len(parts))
        if rng.random() < 0.5 and parts[i].translate(NO_MARKS) != parts[i]:
            parts[i] = parts[i].translate(NO_MARKS)
        else:
            parts[i] = rng.choice(["các", "những", "toàn bộ", "mọi", "từng"])
    return " ".join(parts)


def edit_paragraphs(
    paras: Sequence[str], rng: random.Random, *, moves: int, changes: int, deletions: int,
    insertions: int,
) -> tuple[list[str], dict[str, set[int]], dict[int, int]]:  # fmt: skip
    """A new version of ``paras``, which old paragraphs were moved, changed, deleted, and
    where each surviving old paragraph is in the new list.

    A change rewords one sentence of a paragraph; a move puts a paragraph far away (at
    least a fifth of the document); insertions are new paragraphs anywhere.
    """
    n = len(paras)
    picked = rng.sample(range(n), moves + changes + deletions)
    fate = {
        "moved": set(picked[:moves]),
        "changed": set(picked[moves : moves + changes]),
        "deleted": set(picked[moves + changes :]),
    }
    out: list[tuple[int | None, str]] = []
    for i, para in enumerate(paras):
        if i in fate["deleted"] or i in fate["moved"]:
            continue
        if i in fate["changed"]:
            sentences = para.split(". ")
            k = rng.randrange(1, len(sentences))
            sentences[k] = reword(sentences[k], rng, words=rng.randint(1, 3))
            para = ". ".join(sentences)
        out.append((i, para))
    for i in sorted(fate["moved"]):
        here = sum(1 for j, _ in out if j is not None and j < i)
        choices = [k for k in range(len(out) + 1) if abs(k - here) > n // 5] or [len(out)]
        out.insert(rng.choice(choices), (i, paras[i]))
    extra = paragraphs(insertions, seed=rng.randrange(1 << 30))
    for text in extra:
        out.insert(rng.randrange(len(out) + 1), (None, "Bổ sung. " + text.split(". ", 1)[1]))
    where = {i: k for k, (i, _) in enumerate(out) if i is not None}
    return [text for _, text in out], fate, where


def text_under_quads(
    pdf_path: Path, page_quads: Sequence[tuple[int, Sequence[list[float]]]]
) -> str:
    """What pdfium itself reads inside each quad's rectangle, normalised: the judge of quads."""
    import pypdfium2 as pdfium

    from ecabinet.annotations.text import normalise

    pdf = pdfium.PdfDocument(str(pdf_path))
    parts = []
    try:
        for page, quads in page_quads:
            textpage = pdf[page].get_textpage()
            for x0, y1, x1, _, _, y0, _, _ in quads:
                parts.append(textpage.get_text_bounded(x0, y0, x1, y1))
    finally:
        pdf.close()
    return normalise(" ".join(parts)).strip()
