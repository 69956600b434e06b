"""The bill amending the Law on Cadres and Civil Servants (Ministry of Home Affairs)."""

from __future__ import annotations

from ecabinet.demo.texts.outline import DraftTopic, Issue, chapters, paras


def civil_service_law_topic(year: int) -> DraftTopic:
    kind, effective = "Luật", f"ngày 01 tháng 7 năm {year + 1}"
    body = chapters(f"""
    # -
    ## Sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức
    - Sửa đổi, bổ sung khoản 3 Điều 7 như sau:
    | “3. Vị trí việc làm là công việc gắn với chức danh, chức vụ, cơ cấu và ngạch công chức để
      xác định biên chế và bố trí công chức; danh mục vị trí việc làm được cập nhật thường xuyên
      trên Cơ sở dữ liệu quốc gia về cán bộ, công chức.”
    - Sửa đổi, bổ sung khoản 2 Điều 24 như sau:
    | “2. Việc đánh giá công chức được thực hiện thường xuyên theo tháng, quý, năm trên cơ sở
      kết quả thực hiện nhiệm vụ được đo lường bằng các chỉ số cụ thể trên hệ thống thông tin;
      kết quả đánh giá là căn cứ để bố trí, sử dụng, đào tạo, bồi dưỡng, khen thưởng, kỷ luật
      và thực hiện chính sách đối với công chức.”
    - Bổ sung Điều 24a vào sau Điều 24 như sau:
    | “Điều 24a. Thu hút, trọng dụng người có tài năng
    | 1. Người có tài năng được tiếp nhận vào làm công chức không qua thi tuyển, được bổ nhiệm
      vào vị trí việc làm phù hợp và hưởng chế độ đãi ngộ vượt trội so với quy định chung.
    | 2. Chính phủ quy định tiêu chí xác định người có tài năng, chế độ, chính sách thu hút,
      trọng dụng và cơ chế đánh giá hiệu quả sau thu hút.”
    - Sửa đổi, bổ sung khoản 1 Điều 30 như sau:
    | “1. Việc tuyển dụng công chức được thực hiện thông qua thi tuyển hoặc xét tuyển, được tổ
      chức tập trung theo kỳ thi chung do Bộ Nội vụ tổ chức hoặc ủy quyền tổ chức; kết quả thi
      có giá trị sử dụng trong thời hạn 24 tháng để các cơ quan lựa chọn, tiếp nhận vào vị trí
      việc làm còn thiếu.”
    - Bổ sung khoản 4 vào Điều 33 như sau:
    | “4. Người được tuyển dụng vào công chức thực hiện chế độ tập sự từ 06 tháng đến 12 tháng;
      trong thời gian tập sự được công chức có kinh nghiệm hướng dẫn và được đánh giá theo kết
      quả công việc thực tế.”
    - Sửa đổi, bổ sung Điều 36 như sau:
    | “Điều 36. Điều động, biệt phái công chức
    | 1. Công chức được điều động, biệt phái giữa các cơ quan ở cấp tỉnh và cấp xã theo yêu cầu
      nhiệm vụ; thời hạn biệt phái không quá 03 năm, trừ trường hợp đặc biệt.
    | 2. Công chức được biệt phái về cấp xã được hưởng phụ cấp biệt phái và được giữ nguyên vị
      trí việc làm, ngạch, bậc lương tại cơ quan cử đi biệt phái.”
    - Sửa đổi, bổ sung Điều 42 như sau:
    | “Điều 42. Đào tạo, bồi dưỡng công chức
    | 1. Nội dung, chương trình đào tạo, bồi dưỡng công chức được xây dựng theo yêu cầu của vị
      trí việc làm, chú trọng kỹ năng số, kỹ năng quản trị và ngoại ngữ.
    | 2. Công chức có trách nhiệm hoàn thành chương trình bồi dưỡng bắt buộc hằng năm; kết quả
      bồi dưỡng là một tiêu chí đánh giá, xếp loại chất lượng công chức.”
    - Bổ sung khoản 3 vào Điều 47 như sau:
    | “3. Công chức có 02 năm liên tiếp hoặc 02 quý liên tiếp trong một năm được xếp loại không
      hoàn thành nhiệm vụ thì cơ quan có thẩm quyền xem xét bố trí công tác khác hoặc giải
      quyết cho thôi việc theo quy định của Chính phủ.”
    - Sửa đổi, bổ sung Điều 58 như sau:
    | “Điều 58. Cơ sở dữ liệu quốc gia về cán bộ, công chức
    | 1. Cơ sở dữ liệu quốc gia về cán bộ, công chức được xây dựng thống nhất, kết nối với Cơ sở
      dữ liệu quốc gia về dân cư và các cơ sở dữ liệu có liên quan.
    | 2. Hồ sơ cán bộ, công chức được quản lý dưới dạng điện tử, có giá trị pháp lý như hồ sơ
      giấy; cơ quan sử dụng cán bộ, công chức cập nhật thông tin kịp thời, đầy đủ, chính xác.”
    - Sửa đổi, bổ sung khoản 2 Điều 84 như sau:
    | “2. Thời hiệu xử lý kỷ luật là 05 năm đối với hành vi vi phạm ít nghiêm trọng đến mức phải
      kỷ luật bằng hình thức khiển trách; 10 năm đối với hành vi vi phạm khác, trừ các trường
      hợp không áp dụng thời hiệu theo quy định của pháp luật.”
    ## Hiệu lực thi hành
    - Luật này có hiệu lực thi hành từ {effective}.
    ## Quy định chuyển tiếp
    - Công chức đang được biệt phái trước ngày Luật này có hiệu lực thi hành tiếp tục thực hiện
      theo quyết định biệt phái cho đến khi hết thời hạn.
    - Kỳ tuyển dụng công chức đã có thông báo trước ngày Luật này có hiệu lực thi hành được tiếp
      tục thực hiện theo quy định của pháp luật tại thời điểm thông báo.
    - Việc đánh giá, xếp loại chất lượng công chức năm {year + 1} được thực hiện theo quy định
      của Luật này kể từ ngày Luật có hiệu lực thi hành.
    """)
    return DraftTopic(
        kind=kind,
        name="sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức",
        agency="Bộ Nội vụ",
        minister="Bộ trưởng Bộ Nội vụ",
        bases=(),
        policy=paras("""
        - Các nghị quyết, kết luận của Trung ương và Bộ Chính trị về đổi mới công tác cán bộ yêu
          cầu xây dựng đội ngũ cán bộ, công chức chuyên nghiệp, liêm chính, đủ phẩm chất, năng
          lực; quản lý cán bộ, công chức theo vị trí việc làm, đánh giá thực chất bằng kết quả,
          sản phẩm cụ thể, có cơ chế sàng lọc, thay thế kịp thời người không đáp ứng yêu cầu.
        - Luật Cán bộ, công chức năm 2025 đã tạo bước đổi mới quan trọng về quản lý cán bộ, công
          chức theo vị trí việc làm. Sau thời gian thi hành trong bối cảnh vận hành chính quyền
          địa phương hai cấp, một số quy định cần tiếp tục được hoàn thiện để bảo đảm đồng bộ,
          khả thi.
        """),
        problems=paras("""
        - Việc đánh giá, xếp loại chất lượng cán bộ, công chức ở nhiều nơi vẫn còn nể nang, hình
          thức; tỷ lệ công chức được xếp loại hoàn thành tốt nhiệm vụ trở lên ở mức rất cao, chưa
          phản ánh đúng kết quả thực thi công vụ; chưa có công cụ đo lường định lượng.
        - Cơ chế thu hút, trọng dụng người có tài năng vào khu vực công chưa đủ sức hấp dẫn; việc
          tuyển dụng còn phân tán, mỗi cơ quan tự tổ chức, gây tốn kém và khó bảo đảm chất lượng
          đầu vào đồng đều.
        - Sau khi tổ chức chính quyền địa phương hai cấp, khối lượng công việc tại cấp xã tăng
          mạnh, trong khi cơ chế điều động, biệt phái công chức từ cấp tỉnh về cấp xã còn vướng
          mắc về thẩm quyền và chế độ, chính sách.
        - Cơ sở dữ liệu về cán bộ, công chức chưa được kết nối đồng bộ từ trung ương đến địa
          phương; việc cập nhật hồ sơ còn thủ công, chưa đáp ứng yêu cầu quản lý và hoạch định
          chính sách.
        """),
        purposes=paras("""
        - Tiếp tục thể chế hóa chủ trương của Đảng về đổi mới công tác cán bộ, xây dựng nền công
          vụ chuyên nghiệp, hiện đại, liêm chính.
        - Tháo gỡ những vướng mắc phát sinh trong thực tiễn thi hành Luật, nhất là việc quản lý,
          sử dụng công chức ở cấp xã.
        - Tạo cơ chế đánh giá thực chất, khuyến khích người có năng lực, đồng thời sàng lọc kịp
          thời người không đáp ứng yêu cầu nhiệm vụ.
        """),
        scope="Luật này sửa đổi, bổ sung các quy định về đánh giá, xếp loại chất lượng; tuyển "
        "dụng, thu hút người có tài năng; điều động, biệt phái; cho thôi việc và cơ sở dữ liệu "
        "về cán bộ, công chức.",
        subjects="Cán bộ, công chức trong cơ quan của Đảng Cộng sản Việt Nam, Nhà nước, Mặt trận "
        "Tổ quốc Việt Nam và tổ chức chính trị - xã hội ở trung ương, cấp tỉnh, cấp xã; cơ quan, "
        "tổ chức, cá nhân có liên quan.",
        chapters=body,
        issues=(
            Issue(
                "Về tổ chức thi tuyển công chức tập trung (khoản 4 Điều 1 dự thảo).",
                "Giao Bộ Nội vụ tổ chức kỳ thi chung trên toàn quốc để bảo đảm chất lượng đầu vào "
                "thống nhất, tiết kiệm chi phí.",
                "Bộ Nội vụ tổ chức đối với cơ quan trung ương, Ủy ban nhân dân cấp tỉnh tổ chức "
                "đối với địa phương để bảo đảm tính chủ động trong sử dụng công chức.",
                "Bộ Nội vụ tổ chức hoặc ủy quyền tổ chức kỳ thi chung, bảo đảm thống nhất về nội "
                "dung, hình thức thi trên nền tảng số.",
            ),
            Issue(
                "Về căn cứ cho thôi việc đối với công chức không hoàn thành nhiệm vụ (khoản 8 "
                "Điều 1 dự thảo).",
                "Chỉ áp dụng khi công chức có 02 năm liên tiếp không hoàn thành nhiệm vụ như quy "
                "định hiện hành.",
                "Bổ sung căn cứ đánh giá theo quý để kịp thời sàng lọc người không đáp ứng yêu "
                "cầu.",
                "Theo loại ý kiến thứ hai, đồng thời giao Chính phủ quy định trình tự, thủ tục để "
                "bảo đảm quyền, lợi ích hợp pháp của công chức.",
            ),
        ),
        appraisal=paras("""
        - Về đánh giá công chức theo tháng, quý (khoản 2 Điều 1): đề nghị làm rõ mối quan hệ giữa
          kết quả đánh giá theo tháng, quý và kết quả đánh giá năm; bảo đảm việc đo lường trên hệ
          thống thông tin không làm phát sinh gánh nặng báo cáo.
        - Về thu hút, trọng dụng người có tài năng (khoản 3 Điều 1): đề nghị quy định rõ tiêu chí
          xác định người có tài năng và nguồn kinh phí thực hiện chính sách, tránh quy định mang
          tính nguyên tắc, khó áp dụng.
        - Về tuyển dụng tập trung (khoản 4 Điều 1): đề nghị đánh giá tác động đối với quyền chủ
          động của cơ quan sử dụng công chức; làm rõ cơ chế lựa chọn khi nhiều cơ quan cùng đề
          nghị tiếp nhận một người trúng tuyển.
        - Về biệt phái công chức về cấp xã (khoản 6 Điều 1): đề nghị bổ sung quy định về thẩm
          quyền quyết định biệt phái giữa các cơ quan khác cấp và nguồn chi trả phụ cấp biệt phái.
        - Về quy định chuyển tiếp (Điều 3): cơ bản thống nhất; đề nghị bổ sung quy định chuyển
          tiếp đối với công chức đang trong thời gian xem xét cho thôi việc.
        """),
        effective=effective,
    )
