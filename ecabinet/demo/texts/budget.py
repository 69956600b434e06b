"""Next year's State budget: the Ministry of Finance's submission and the draft resolution."""

from __future__ import annotations

from ecabinet.demo.texts.legal import ADOPTED_BY_ASSEMBLY
from ecabinet.demo.texts.outline import article_sections, chapters, sections
from ecabinet.pdf.official import Section


def budget_submission(year: int) -> tuple[Section, ...]:
    """The Ministry of Finance's submission on next year's budget; ``year`` is the current one."""
    y, ny = year, year + 1
    plan = 2026 + 5 * ((ny - 2026) // 5)
    return sections(f"""
    # -
    - Thực hiện Luật Ngân sách nhà nước, Chỉ thị của Thủ tướng Chính phủ về xây dựng kế hoạch
      phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm {ny}, trên cơ sở đề xuất
      của các bộ, cơ quan trung ương và địa phương, Bộ Tài chính kính trình Chính phủ dự toán
      ngân sách nhà nước năm {ny} và phương án phân bổ ngân sách trung ương năm {ny} như sau:
    # A. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM {y}
    # 1. Về thu ngân sách nhà nước
    - Tổng thu ngân sách nhà nước năm {y} ước đạt 2.684,2 nghìn tỷ đồng, vượt 6,1% so với dự
      toán Quốc hội quyết định, tăng 8,7% so với thực hiện năm {y - 1}. Trong đó, thu nội địa
      ước đạt 2.241,5 nghìn tỷ đồng, vượt 6,8% dự toán; thu từ dầu thô ước đạt 52,3 nghìn tỷ
      đồng, bằng 94,7% dự toán do giá dầu bình quân thấp hơn mức dự kiến; thu cân đối từ hoạt
      động xuất nhập khẩu ước đạt 390,4 nghìn tỷ đồng, vượt 3,2% dự toán.
    - Kết quả thu đạt được chủ yếu nhờ kinh tế phục hồi tích cực, hoạt động sản xuất kinh
      doanh, xuất nhập khẩu tăng trưởng khá; công tác quản lý thu được tăng cường, đẩy mạnh ứng
      dụng hóa đơn điện tử, chống thất thu đối với thương mại điện tử và kinh doanh trên nền
      tảng số.
    # 2. Về chi ngân sách nhà nước
    - Tổng chi ngân sách nhà nước năm {y} ước thực hiện 3.120,4 nghìn tỷ đồng, bằng 98,8% dự
      toán. Trong đó, chi đầu tư phát triển ước đạt 812,6 nghìn tỷ đồng; chi thường xuyên được
      quản lý chặt chẽ, tiết kiệm; các nhiệm vụ chi cho quốc phòng, an ninh, an sinh xã hội và
      sắp xếp tổ chức bộ máy được bảo đảm đầy đủ, kịp thời.
    # 3. Về bội chi ngân sách nhà nước và nợ công
    - Bội chi ngân sách nhà nước ước khoảng 3,3% GDP, thấp hơn mức 3,6% GDP Quốc hội cho phép.
      Nợ công đến cuối năm {y} ước khoảng 36,2% GDP, nợ Chính phủ khoảng 33,1% GDP, nghĩa vụ
      trả nợ trực tiếp của Chính phủ khoảng 17,5% tổng thu ngân sách nhà nước, đều trong giới
      hạn cho phép.
    # 4. Tồn tại, hạn chế
    - Tiến độ giải ngân vốn đầu tư công ở một số bộ, địa phương còn chậm; việc phân bổ, giao dự
      toán chi thường xuyên ở một số đơn vị chưa kịp thời; nợ đọng thuế còn lớn; cơ cấu thu
      ngân sách chưa thực sự bền vững, tỷ trọng thu từ đất đai còn cao tại một số địa phương.
    # B. DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM {ny}
    # 1. Mục tiêu, nguyên tắc xây dựng dự toán
    - Dự toán được xây dựng trên cơ sở mục tiêu tăng trưởng GDP khoảng 8,5%, chỉ số giá tiêu
      dùng tăng khoảng 4%; bảo đảm nguyên tắc thu đúng, thu đủ, thu kịp thời; cơ cấu chi theo
      hướng tăng tỷ trọng chi đầu tư phát triển, triệt để tiết kiệm chi thường xuyên; kiểm soát
      bội chi và nợ công trong giới hạn an toàn.
    # 2. Dự toán thu ngân sách nhà nước
    - Tổng thu ngân sách nhà nước năm {ny} dự toán 2.792,6 nghìn tỷ đồng, tăng 10,4% so với dự
      toán năm {y}; trong đó thu nội địa 2.352,8 nghìn tỷ đồng, thu từ dầu thô 48,6 nghìn tỷ
      đồng, thu cân đối từ hoạt động xuất nhập khẩu 391,2 nghìn tỷ đồng. Tỷ lệ huy động vào ngân
      sách nhà nước từ thuế, phí đạt khoảng 15,8% GDP.
    # 3. Dự toán chi ngân sách nhà nước
    - Tổng chi ngân sách nhà nước năm {ny} dự toán 3.394,8 nghìn tỷ đồng, trong đó: chi đầu tư
      phát triển 1.020,0 nghìn tỷ đồng, chiếm khoảng 30% tổng chi; chi trả nợ lãi 118,5 nghìn
      tỷ đồng; chi thường xuyên 1.971,3 nghìn tỷ đồng; dự phòng ngân sách nhà nước 62,4 nghìn
      tỷ đồng; chi tạo nguồn cải cách tiền lương 222,6 nghìn tỷ đồng.
    - Dự toán đã bố trí đủ nguồn thực hiện điều chỉnh mức lương cơ sở từ ngày 01 tháng 7 năm
      {ny}; bảo đảm kinh phí cho giáo dục - đào tạo, khoa học - công nghệ, đổi mới sáng tạo và
      chuyển đổi số theo tỷ lệ các nghị quyết của Bộ Chính trị và Quốc hội yêu cầu.
    # 4. Bội chi ngân sách nhà nước và tổng mức vay
    - Bội chi ngân sách nhà nước năm {ny} dự kiến 602,2 nghìn tỷ đồng, tương đương khoảng 3,7%
      GDP. Tổng mức vay của ngân sách nhà nước 748,9 nghìn tỷ đồng, gồm vay bù đắp bội chi và
      vay trả nợ gốc. Nợ công đến cuối năm {ny} dự kiến khoảng 37% GDP, nợ Chính phủ khoảng
      34% GDP.
    # C. PHƯƠNG ÁN PHÂN BỔ NGÂN SÁCH TRUNG ƯƠNG NĂM {ny}
    - 1. Nguyên tắc phân bổ: thực hiện theo định mức phân bổ dự toán chi thường xuyên và các
      nguyên tắc, tiêu chí phân bổ vốn đầu tư công giai đoạn {plan} - {plan + 4}; bảo đảm công
      khai, minh bạch, ưu tiên các nhiệm vụ quan trọng, cấp bách.
    - 2. Chi đầu tư phát triển: bố trí vốn cho các dự án quan trọng quốc gia, đường bộ cao
      tốc, đường sắt tốc độ cao trên trục Bắc - Nam, các dự án liên vùng có tính lan tỏa; không
      bố trí vốn cho dự án chưa đủ thủ tục đầu tư; ưu tiên vốn đối ứng các dự án ODA.
    - 3. Chi thường xuyên: phân bổ cho các bộ, cơ quan trung ương theo định mức, bảo đảm kinh
      phí thực hiện chế độ, chính sách đã ban hành; tiếp tục tiết kiệm 10% chi thường xuyên
      tăng thêm để tạo nguồn cải cách tiền lương.
    - 4. Bổ sung cân đối và bổ sung có mục tiêu cho ngân sách địa phương: số bổ sung cân đối
      được giữ ổn định như năm {y}, có tính đến việc sắp xếp đơn vị hành chính cấp tỉnh; bổ sung
      có mục tiêu để thực hiện các chương trình mục tiêu quốc gia và chính sách an sinh xã hội.
    # D. GIẢI PHÁP ĐIỀU HÀNH NGÂN SÁCH NHÀ NƯỚC NĂM {ny}
    - a) Quyết liệt thực hiện các giải pháp tăng thu, mở rộng cơ sở thu; quản lý chặt chẽ thu
      từ thương mại điện tử, kinh doanh trên nền tảng số; đẩy mạnh thu hồi nợ đọng thuế.
    - b) Điều hành chi ngân sách chặt chẽ, trong phạm vi dự toán được giao; đẩy nhanh giải ngân
      vốn đầu tư công ngay từ đầu năm; gắn trách nhiệm người đứng đầu với kết quả giải ngân.
    - c) Tiếp tục sắp xếp, tinh gọn bộ máy, giảm chi thường xuyên; đẩy mạnh giao quyền tự chủ
      cho các đơn vị sự nghiệp công lập.
    - d) Tăng cường công khai, minh bạch ngân sách; siết chặt kỷ luật, kỷ cương tài chính; xử lý
      nghiêm các vi phạm.
    # Đ. KIẾN NGHỊ
    - Bộ Tài chính kính đề nghị Chính phủ: (1) thông qua dự toán ngân sách nhà nước năm {ny} và
      phương án phân bổ ngân sách trung ương năm {ny} như nêu tại Tờ trình này; (2) giao Bộ Tài
      chính tiếp thu ý kiến thành viên Chính phủ, hoàn thiện báo cáo, dự thảo Nghị quyết của
      Quốc hội, báo cáo Ủy ban Thường vụ Quốc hội và trình Quốc hội theo quy định.
    - Bộ Tài chính kính trình Chính phủ xem xét, quyết định./.
    """)


BUDGET_RESOLUTION_PREAMBLE = (
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2025;",
    "Căn cứ Luật Quản lý nợ công ngày 23 tháng 11 năm 2017;",
    "Trên cơ sở xem xét Báo cáo của Chính phủ, Báo cáo thẩm tra của Ủy ban Kinh tế và Tài chính, "
    "báo cáo tiếp thu, giải trình và ý kiến đại biểu Quốc hội;",
)


def budget_resolution(year: int) -> tuple[Section, ...]:
    """The draft National Assembly resolution on next year's budget estimate."""
    y, ny = year, year + 1
    body = article_sections(
        chapters(f"""
    # -
    ## Dự toán ngân sách nhà nước năm {ny}
    - Tổng số thu ngân sách nhà nước là 2.792.600 tỷ đồng, trong đó thu ngân sách trung ương
      1.524.300 tỷ đồng, thu ngân sách địa phương 1.268.300 tỷ đồng.
    - Tổng số chi ngân sách nhà nước là 3.394.800 tỷ đồng, trong đó chi ngân sách trung ương
      1.982.400 tỷ đồng (bao gồm 428.700 tỷ đồng bổ sung cân đối và bổ sung có mục tiêu cho
      ngân sách địa phương), chi ngân sách địa phương 1.841.100 tỷ đồng.
    - Bội chi ngân sách nhà nước là 602.200 tỷ đồng, tương đương 3,7% tổng sản phẩm trong nước
      (GDP), gồm bội chi ngân sách trung ương 578.100 tỷ đồng và bội chi ngân sách địa phương
      24.100 tỷ đồng.
    - Tổng mức vay của ngân sách nhà nước là 748.900 tỷ đồng, trong đó vay để bù đắp bội chi
      602.200 tỷ đồng, vay để trả nợ gốc 146.700 tỷ đồng.
    ## Phân bổ ngân sách trung ương năm {ny}
    - Phân bổ ngân sách trung ương năm {ny} theo từng lĩnh vực chi và cho từng bộ, cơ quan ngang
      bộ, cơ quan thuộc Chính phủ, cơ quan khác ở trung ương theo các Phụ lục kèm theo Nghị
      quyết này.
    - Mức bổ sung cân đối, bổ sung có mục tiêu từ ngân sách trung ương cho ngân sách từng tỉnh,
      thành phố trực thuộc trung ương theo Phụ lục kèm theo Nghị quyết này.
    ## Một số giải pháp tổ chức thực hiện
    - Triển khai quyết liệt các giải pháp tăng thu, mở rộng cơ sở thu, chống thất thu, chuyển
      giá, trốn thuế; phấn đấu tăng thu ngân sách nhà nước năm {ny} tối thiểu 5% so với dự toán.
    - Điều hành chi ngân sách nhà nước chặt chẽ, tiết kiệm, hiệu quả; không bố trí dự toán chi
      cho các nhiệm vụ chưa thật sự cấp thiết; cắt giảm tối đa kinh phí tổ chức hội nghị, hội
      thảo, đi công tác nước ngoài.
    - Phân bổ, giao dự toán cho các đơn vị sử dụng ngân sách trước ngày 31 tháng 12 năm {y};
      trường hợp chưa đủ điều kiện phân bổ, báo cáo cấp có thẩm quyền xem xét, quyết định.
    - Đẩy nhanh giải ngân vốn đầu tư công; ưu tiên vốn cho các dự án quan trọng quốc gia, dự án
      trọng điểm, có tính liên vùng; kiên quyết điều chuyển vốn từ các dự án chậm giải ngân
      sang các dự án có khả năng giải ngân tốt.
    - Quản lý chặt chẽ nợ công, bảo đảm các chỉ tiêu an toàn nợ trong giới hạn cho phép; huy
      động vốn vay phù hợp với tiến độ giải ngân, không để tồn đọng vốn vay.
    - Tăng cường công khai, minh bạch, kỷ luật, kỷ cương tài chính - ngân sách nhà nước; đẩy
      mạnh thanh tra, kiểm tra, kiểm toán; xử lý nghiêm các sai phạm.
    ## Một số cơ chế điều hành ngân sách nhà nước năm {ny}
    - Cho phép sử dụng số tăng thu ngân sách trung ương năm {y} (nếu có) để bổ sung vốn cho các
      dự án quan trọng quốc gia, dự án đường bộ cao tốc và thực hiện chính sách an sinh xã hội;
      Chính phủ báo cáo Ủy ban Thường vụ Quốc hội trước khi thực hiện.
    - Chính phủ chủ động điều chỉnh kế hoạch vay, trả nợ trong phạm vi tổng mức vay được Quốc
      hội quyết định, bảo đảm không vượt giới hạn nợ công, nợ Chính phủ.
    - Các địa phương sau sắp xếp đơn vị hành chính được tiếp tục sử dụng số dư dự toán, nguồn
      kinh phí chuyển sang năm {ny} của các đơn vị hành chính cũ để thực hiện nhiệm vụ được
      giao.
    - Dự phòng ngân sách nhà nước chỉ được sử dụng cho các nhiệm vụ phòng, chống, khắc phục hậu
      quả thiên tai, dịch bệnh và các nhiệm vụ cấp bách phát sinh ngoài dự toán.
    ## Giao dự toán và công khai ngân sách
    - Chính phủ giao dự toán thu, chi ngân sách nhà nước năm {ny} cho từng bộ, cơ quan trung
      ương và từng tỉnh, thành phố trực thuộc trung ương theo đúng Nghị quyết của Quốc hội.
    - Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp quyết định dự toán ngân sách địa
      phương, phân bổ ngân sách cấp mình năm {ny}; bố trí đủ nguồn thực hiện các chính sách an
      sinh xã hội do trung ương ban hành.
    - Dự toán, phân bổ dự toán và tình hình thực hiện ngân sách được công khai theo quy định của
      Luật Ngân sách nhà nước, bảo đảm đúng thời hạn, đầy đủ nội dung.
    ## Tổ chức thực hiện
    - Chính phủ, các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh,
      thành phố trực thuộc trung ương tổ chức thực hiện Nghị quyết này.
    - Ủy ban Thường vụ Quốc hội, Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc
      hội, đại biểu Quốc hội, Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên, trong phạm vi
      nhiệm vụ, quyền hạn của mình, giám sát việc thực hiện Nghị quyết này.
    """)
    )
    return (
        Section("QUYẾT NGHỊ:", ()),
        *body,
        Section(None, (f"{ADOPTED_BY_ASSEMBLY.format(kind='Nghị quyết')} năm {y}.",)),
    )
