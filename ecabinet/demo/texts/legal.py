"""Templates for a legal draft's file: the submission, the draft itself, the appraisal.

Documents of the same kind share a skeleton (a submission has the sections the Law on
Promulgation of Legal Documents asks for, an appraisal report the points the Ministry of
Justice must cover); the ``DraftTopic`` fills in what makes each one real.
"""

from __future__ import annotations

from ecabinet.demo.texts.outline import (
    GOVERNMENT_LAW,
    LEGAL_DOCS_LAW,
    ROMAN,
    Article,
    Chapter,
    DraftTopic,
    article_sections,
    lower_first,
    numbered,
    upper_first,
)
from ecabinet.pdf.official import Section

ADOPTED_BY_ASSEMBLY = (
    "{kind} này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XVI, kỳ họp thứ …, "
    "thông qua ngày … tháng …"
)


def submission_sections(topic: DraftTopic, year: int) -> tuple[Section, ...]:
    """The body of a tờ trình that asks the Government to adopt (or submit) a draft."""
    title = topic.title
    chapters = [chapter for chapter in topic.chapters if chapter.title]
    structure = (
        f"Dự thảo {title} gồm {len(chapters)} chương, {topic.article_count} điều, cụ thể:"
        if chapters
        else f"Dự thảo {title} gồm {topic.article_count} điều, cụ thể:"
    )
    outline: list[str] = []
    first = 1
    for index, chapter in enumerate(topic.chapters):
        last = first + len(chapter.articles) - 1
        names = "; ".join(lower_first(article.title) for article in chapter.articles)
        where = f"Chương {ROMAN[index]} ({chapter.title.capitalize()})" if chapter.title else ""
        span = f"Điều {first}" if first == last else f"từ Điều {first} đến Điều {last}"
        lead = f"{where} gồm {len(chapter.articles)} điều ({span})" if where else upper_first(span)
        outline.append(f"{lead}, quy định về: {names}.")
        first = last + 1
    issues: list[str] = [
        f"Trong quá trình xây dựng dự thảo, còn {len(topic.issues)} vấn đề có ý kiến khác nhau, "
        f"{topic.agency} xin ý kiến Chính phủ như sau:"
    ]
    for number, issue in enumerate(topic.issues, start=1):
        issues += [
            f"{number}. {issue.question}",
            f"Loại ý kiến thứ nhất: {issue.first_view}",
            f"Loại ý kiến thứ hai: {issue.second_view}",
            f"{topic.agency} đề xuất: {issue.proposal}",
        ]
    return (
        Section(
            None,
            (
                f"Thực hiện Chương trình công tác năm {year} của Chính phủ, Thủ tướng Chính phủ, "
                f"{topic.agency} đã chủ trì, phối hợp với các bộ, cơ quan liên quan xây dựng "
                f"{topic.draft} {title}. {topic.agency} kính trình Chính phủ về {topic.draft} "
                f"{title} như sau:",
            ),
        ),
        Section(f"I. SỰ CẦN THIẾT BAN HÀNH {topic.kind.upper()}", ()),
        Section("1. Cơ sở chính trị, pháp lý", topic.policy),
        Section("2. Cơ sở thực tiễn", topic.problems),
        Section(f"II. MỤC ĐÍCH, QUAN ĐIỂM XÂY DỰNG {topic.kind.upper()}", ()),
        Section("1. Mục đích", numbered(topic.purposes)),
        Section(
            "2. Quan điểm",
            numbered(
                (
                    "Thể chế hóa đầy đủ, kịp thời chủ trương, đường lối của Đảng; bảo đảm tính "
                    "hợp hiến, hợp pháp, thống nhất, đồng bộ với hệ thống pháp luật và tương "
                    "thích với các điều ước quốc tế mà Việt Nam là thành viên.",
                    "Kế thừa các quy định còn phù hợp đã được thực tiễn kiểm nghiệm; sửa đổi, bổ "
                    "sung những quy định còn vướng mắc, bất cập; không quy định lại những nội "
                    "dung đã được quy định tại luật và các văn bản quy phạm pháp luật khác.",
                    "Đẩy mạnh phân cấp, phân quyền gắn với cơ chế kiểm soát quyền lực; cắt giảm "
                    "thủ tục hành chính, chi phí tuân thủ cho người dân, doanh nghiệp; tăng cường "
                    "ứng dụng công nghệ số trong quản lý nhà nước.",
                )
            ),
        ),
        Section(
            "III. PHẠM VI ĐIỀU CHỈNH, ĐỐI TƯỢNG ÁP DỤNG",
            (f"1. Phạm vi điều chỉnh: {topic.scope}", f"2. Đối tượng áp dụng: {topic.subjects}"),
        ),
        Section(
            "IV. QUÁ TRÌNH XÂY DỰNG DỰ THẢO",
            (
                f"Thực hiện quy định của {LEGAL_DOCS_LAW}, {topic.agency} đã thành lập Ban soạn "
                "thảo, Tổ biên tập với sự tham gia của đại diện các bộ, cơ quan ngang bộ, cơ quan "
                "thuộc Chính phủ và một số chuyên gia, nhà khoa học; tổ chức tổng kết, đánh giá "
                "thực tiễn thi hành pháp luật, nghiên cứu kinh nghiệm quốc tế có liên quan.",
                "Dự thảo đã được đăng tải trên Cổng Thông tin điện tử Chính phủ và Cổng Thông tin "
                "điện tử của cơ quan chủ trì soạn thảo để lấy ý kiến rộng rãi của cơ quan, tổ "
                "chức, cá nhân; đồng thời gửi lấy ý kiến các bộ, cơ quan ngang bộ, Ủy ban nhân dân "
                "các tỉnh, thành phố trực thuộc trung ương, Liên đoàn Thương mại và Công nghiệp "
                "Việt Nam. Cơ quan chủ trì soạn thảo đã tổ chức các hội thảo, tọa đàm tại Hà Nội "
                "và Thành phố Hồ Chí Minh để lắng nghe ý kiến của các đối tượng chịu tác động.",
                f"Trên cơ sở ý kiến thẩm định của Bộ Tư pháp, {topic.agency} đã nghiên cứu, tiếp "
                "thu, giải trình đầy đủ, hoàn thiện hồ sơ dự thảo. Bản tổng hợp, giải trình, tiếp "
                "thu ý kiến và báo cáo giải trình ý kiến thẩm định được gửi kèm theo Tờ trình này.",
            ),
        ),
        Section("V. BỐ CỤC VÀ NỘI DUNG CƠ BẢN CỦA DỰ THẢO", (structure, *outline)),
        Section("VI. NHỮNG VẤN ĐỀ XIN Ý KIẾN CHÍNH PHỦ", tuple(issues)),
        Section(
            None,
            (
                f"Trên đây là Tờ trình về {topic.draft} {title}, {topic.agency} kính trình Chính "
                f"phủ xem xét, {topic.decision}./.",
            ),
        ),
    )


def draft_preamble(topic: DraftTopic) -> tuple[str, ...]:
    if topic.kind == "Luật":
        return (
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
            f"Quốc hội ban hành {topic.title}.",
        )
    return (
        f"Căn cứ {GOVERNMENT_LAW};",
        *(f"Căn cứ {basis};" for basis in topic.bases),
        f"Theo đề nghị của {topic.minister};",
        f"Chính phủ ban hành {topic.title}.",
    )


def draft_sections(topic: DraftTopic) -> tuple[Section, ...]:
    return article_sections(topic.chapters)


def appraisal_sections(topic: DraftTopic, request: str) -> tuple[Section, ...]:
    """The Ministry of Justice's appraisal report on a draft; ``request`` is the letter."""
    title = topic.title
    return (
        Section(
            None,
            (
                f"Bộ Tư pháp nhận được {request} của {topic.agency} đề nghị thẩm định "
                f"{topic.draft} {title}. Bộ Tư pháp đã thành lập Hội đồng thẩm định gồm đại "
                "diện Văn phòng Chính phủ, các bộ, cơ quan liên quan và một số chuyên gia; Hội "
                "đồng đã họp, thảo luận về hồ sơ. Trên cơ sở ý kiến của các thành viên Hội đồng "
                "và kết quả nghiên cứu hồ sơ, Bộ Tư pháp có ý kiến thẩm định như sau:",
            ),
        ),
        Section(
            "I. PHẠM VI ĐIỀU CHỈNH, ĐỐI TƯỢNG ÁP DỤNG",
            (
                f"Dự thảo quy định: “{topic.scope}” Phạm vi điều chỉnh này về cơ bản phù hợp "
                "với thẩm quyền ban hành và yêu cầu quản lý nhà nước trong lĩnh vực. Đối tượng "
                "áp dụng được xác định tương đối đầy đủ. Đề nghị cơ quan chủ trì soạn thảo rà "
                "soát, bảo đảm không quy định lại các nội dung đã được luật điều chỉnh và không "
                "làm phát sinh đối tượng áp dụng ngoài phạm vi được giao.",
            ),
        ),
        Section(
            "II. SỰ CẦN THIẾT BAN HÀNH",
            (
                f"Bộ Tư pháp cơ bản thống nhất với sự cần thiết ban hành {topic.kind} như nêu tại "
                "Tờ trình. Việc ban hành văn bản nhằm khắc phục những vướng mắc, bất cập trong "
                "thực tiễn, đồng thời cụ thể hóa các chủ trương mới của Đảng và bảo đảm tính "
                "đồng bộ của hệ thống pháp luật. Tuy nhiên, đề nghị cơ quan chủ trì soạn thảo bổ "
                "sung số liệu, đánh giá định lượng về tác động của các chính sách mới đối với "
                "ngân sách nhà nước, người dân và doanh nghiệp.",
            ),
        ),
        Section(
            "III. SỰ PHÙ HỢP VỚI ĐƯỜNG LỐI, CHỦ TRƯƠNG CỦA ĐẢNG; TÍNH HỢP HIẾN, HỢP PHÁP VÀ "
            "TÍNH THỐNG NHẤT CỦA DỰ THẢO VỚI HỆ THỐNG PHÁP LUẬT",
            (
                "Nội dung dự thảo về cơ bản phù hợp với đường lối, chủ trương của Đảng, bảo đảm "
                "tính hợp hiến, hợp pháp. Tuy nhiên, một số quy định cần được rà soát để bảo đảm "
                "thống nhất với các luật có liên quan, nhất là các quy định về thẩm quyền, trình "
                "tự, thủ tục; tránh trường hợp quy định về cùng một vấn đề nhưng có cách hiểu "
                "khác nhau giữa các văn bản.",
            ),
        ),
        Section(
            "IV. TÍNH TƯƠNG THÍCH VỚI ĐIỀU ƯỚC QUỐC TẾ; THỦ TỤC HÀNH CHÍNH; BÌNH ĐẲNG GIỚI",
            (
                "Dự thảo không trái với các điều ước quốc tế mà nước Cộng hòa xã hội chủ nghĩa "
                "Việt Nam là thành viên. Đề nghị cơ quan chủ trì soạn thảo đánh giá đầy đủ sự "
                "cần thiết, tính hợp lý và chi phí tuân thủ của từng thủ tục hành chính (nếu có); "
                "lượng hóa chi phí tuân thủ và làm rõ phương án cắt giảm, đơn giản hóa so với "
                "quy định hiện hành. Dự thảo không phát sinh vấn đề bất bình đẳng giới.",
            ),
        ),
        Section("V. Ý KIẾN VỀ MỘT SỐ NỘI DUNG CỤ THỂ CỦA DỰ THẢO", numbered(topic.appraisal, "1")),
        Section(
            "VI. NGUỒN LỰC, ĐIỀU KIỆN BẢO ĐẢM THI HÀNH",
            (
                "Hồ sơ dự thảo chưa đánh giá đầy đủ nguồn nhân lực, tài chính và hạ tầng bảo đảm "
                "thi hành. Đề nghị cơ quan chủ trì soạn thảo bổ sung thuyết minh về nguồn kinh phí "
                "thực hiện các chính sách mới, phân định rõ phần do ngân sách trung ương và ngân "
                "sách địa phương bảo đảm; đánh giá khả năng đáp ứng của bộ máy sau khi sắp xếp, "
                "tinh gọn và lộ trình áp dụng phù hợp với điều kiện của từng địa phương.",
            ),
        ),
        Section(
            "VII. NGÔN NGỮ, KỸ THUẬT SOẠN THẢO VĂN BẢN",
            (
                "Đề nghị cơ quan chủ trì soạn thảo rà soát, chỉnh lý ngôn ngữ, kỹ thuật trình "
                "bày theo quy định của Nghị định quy định chi tiết một số điều và biện pháp thi "
                "hành Luật Ban hành văn bản quy phạm pháp luật; bảo đảm cách viết thống nhất các "
                "thuật ngữ, việc viện dẫn điều, khoản chính xác và không sử dụng các cụm từ có "
                "nội hàm chưa rõ như “cơ quan có liên quan”, “theo quy định”.",
            ),
        ),
        Section(
            "VIII. KẾT LUẬN",
            (
                f"Hồ sơ {topic.draft} {title} cơ bản đủ điều kiện trình Chính phủ sau khi "
                f"{topic.agency} "
                "nghiên cứu, tiếp thu, giải trình ý kiến thẩm định nêu trên. Đề nghị cơ quan chủ "
                "trì soạn thảo gửi báo cáo giải trình, tiếp thu ý kiến thẩm định kèm theo hồ sơ "
                "trình Chính phủ theo quy định.",
                f"Trên đây là ý kiến thẩm định của Bộ Tư pháp, xin gửi {topic.agency} để nghiên "
                "cứu, hoàn thiện./.",
            ),
        ),
    )


def closing_articles(kind: str, effective: str, responsibilities: tuple[str, ...]) -> Chapter:
    """The last chapter every decree ends with: duties, entry into force, who executes it."""
    return Chapter(
        "ĐIỀU KHOẢN THI HÀNH",
        (
            Article("Trách nhiệm của các bộ, cơ quan và địa phương", responsibilities),
            Article(
                "Hiệu lực thi hành",
                (f"{kind} này có hiệu lực thi hành từ {effective}.",),
            ),
            Article(
                "Trách nhiệm thi hành",
                (
                    "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính "
                    "phủ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương và các "
                    f"cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành {kind} "
                    "này./.",
                ),
            ),
        ),
    )
