"""The draft decree on public debt management operations (Ministry of Finance)."""

from __future__ import annotations

from ecabinet.demo.texts.legal import closing_articles
from ecabinet.demo.texts.outline import DraftTopic, Issue, chapters, paras


def public_debt_topic(year: int) -> DraftTopic:
    kind, effective = "Nghị định", f"ngày 01 tháng 01 năm {year + 1}"
    scope = (
        "Nghị định này quy định về chương trình quản lý nợ công 03 năm, kế hoạch vay, trả nợ "
        "công hằng năm, nghiệp vụ quản lý rủi ro và cơ cấu lại danh mục nợ công, Quỹ tích lũy "
        "trả nợ, cơ sở dữ liệu và công khai thông tin về nợ công."
    )
    subjects = (
        "Cơ quan, tổ chức, cá nhân tham gia hoạt động vay, trả nợ, sử dụng vốn vay và quản lý "
        "nợ công; cơ quan nhà nước có thẩm quyền quản lý nợ công ở trung ương và địa phương."
    )
    body = chapters(f"""
    # QUY ĐỊNH CHUNG
    ## Phạm vi điều chỉnh
    - {scope}
    ## Đối tượng áp dụng
    - {kind} này áp dụng đối với {subjects[0].lower()}{subjects[1:]}
    ## Giải thích từ ngữ
    - Danh mục nợ công là tập hợp các khoản nợ của Chính phủ, nợ được Chính phủ bảo lãnh và nợ
      của chính quyền địa phương tại một thời điểm, được phân loại theo đồng tiền, kỳ hạn, lãi
      suất và chủ nợ.
    - Cơ cấu lại danh mục nợ công là việc thay đổi cơ cấu danh mục nợ thông qua các nghiệp vụ
      hoán đổi, mua lại, đảo nợ nhằm giảm chi phí và rủi ro của danh mục.
    - Rủi ro tái cấp vốn là khả năng Chính phủ phải vay mới với chi phí cao hơn hoặc không vay
      được để trả các khoản nợ đến hạn.
    # CHƯƠNG TRÌNH QUẢN LÝ NỢ CÔNG VÀ KẾ HOẠCH VAY, TRẢ NỢ
    ## Chương trình quản lý nợ công 03 năm
    - Chương trình quản lý nợ công 03 năm được lập cùng với kế hoạch tài chính - ngân sách nhà
      nước 03 năm, xác định mục tiêu, định hướng huy động, sử dụng vốn vay và quản lý nợ công
      trong giai đoạn.
    - Bộ Tài chính chủ trì xây dựng chương trình, trình Thủ tướng Chính phủ phê duyệt trước
      ngày 30 tháng 6 của năm đầu giai đoạn; hằng năm đánh giá, cập nhật và báo cáo Chính phủ
      kết quả thực hiện.
    ## Kế hoạch vay, trả nợ công hằng năm
    - Kế hoạch vay, trả nợ công hằng năm gồm kế hoạch vay và trả nợ của Chính phủ, hạn mức bảo
      lãnh Chính phủ, hạn mức vay về cho vay lại và kế hoạch vay, trả nợ của chính quyền địa
      phương.
    - Căn cứ dự toán ngân sách nhà nước được Quốc hội quyết định, Bộ Tài chính trình Thủ tướng
      Chính phủ phê duyệt kế hoạch trong tháng 01 của năm kế hoạch; kế hoạch được điều chỉnh khi
      có biến động lớn về tiến độ giải ngân hoặc điều kiện thị trường.
    - Việc huy động vốn vay phải phù hợp với tiến độ giải ngân thực tế của các dự án đầu tư
      công, không để tồn đọng vốn vay trên tài khoản của Kho bạc Nhà nước.
    ## Giám sát các chỉ tiêu an toàn nợ công
    - Các chỉ tiêu an toàn nợ công gồm nợ công so với GDP, nợ nước ngoài của quốc gia so với
      GDP, nghĩa vụ trả nợ trực tiếp của Chính phủ so với tổng thu ngân sách nhà nước và nghĩa
      vụ trả nợ nước ngoài so với tổng kim ngạch xuất khẩu hàng hóa và dịch vụ.
    - Khi một chỉ tiêu vượt ngưỡng cảnh báo bằng 90% giới hạn được Quốc hội cho phép, Bộ Tài
      chính báo cáo Chính phủ giải pháp điều chỉnh quy mô, cơ cấu vay trong kế hoạch năm sau.
    # QUẢN LÝ RỦI RO VÀ CƠ CẤU LẠI DANH MỤC NỢ CÔNG
    ## Nhận diện và đo lường rủi ro
    - Rủi ro đối với danh mục nợ công gồm rủi ro tỷ giá, rủi ro lãi suất, rủi ro tái cấp vốn,
      rủi ro thanh khoản và rủi ro tín dụng đối với các khoản cho vay lại, bảo lãnh.
    - Bộ Tài chính xây dựng bộ chỉ tiêu đo lường rủi ro, định kỳ hằng quý đánh giá và công bố
      kết quả trong bản tin nợ công.
    ## Nghiệp vụ hoán đổi, mua lại khoản nợ
    - Việc hoán đổi, mua lại khoản nợ được thực hiện khi đáp ứng ít nhất một trong các mục
      tiêu: giảm chi phí vay, kéo dài kỳ hạn bình quân của danh mục, giảm rủi ro tỷ giá hoặc
      rủi ro lãi suất.
    - Bộ trưởng Bộ Tài chính quyết định phương án đối với công cụ nợ trong nước; trình Thủ
      tướng Chính phủ quyết định đối với khoản vay nước ngoài có giá trị từ 300 triệu đô la Mỹ
      trở lên.
    - Kết quả thực hiện nghiệp vụ được hạch toán, báo cáo đầy đủ và công khai trong báo cáo nợ
      công hằng năm.
    ## Sử dụng Quỹ tích lũy trả nợ
    - Quỹ tích lũy trả nợ được sử dụng để cho vay lại, dự phòng nghĩa vụ trả nợ của các khoản
      vay được Chính phủ bảo lãnh và tạm ứng cho ngân sách trung ương để trả nợ khi nguồn thu
      chưa đáp ứng kịp thời.
    - Dư nợ tạm ứng từ Quỹ không vượt quá 30% số dư nguồn vốn của Quỹ tại thời điểm tạm ứng và
      phải được hoàn trả trong năm ngân sách.
    # CƠ SỞ DỮ LIỆU VÀ CÔNG KHAI THÔNG TIN VỀ NỢ CÔNG
    ## Cơ sở dữ liệu nợ công
    - Cơ sở dữ liệu nợ công được xây dựng tập trung tại Bộ Tài chính, kết nối, chia sẻ dữ liệu
      với Ngân hàng Nhà nước Việt Nam, Kho bạc Nhà nước và Ủy ban nhân dân cấp tỉnh theo thời
      gian thực.
    - Cơ quan, đơn vị sử dụng vốn vay cập nhật thông tin rút vốn, trả nợ vào cơ sở dữ liệu chậm
      nhất 05 ngày làm việc kể từ ngày phát sinh giao dịch.
    ## Công khai thông tin về nợ công
    - Bộ Tài chính công bố bản tin nợ công định kỳ 06 tháng một lần, gồm số liệu về dư nợ, cơ
      cấu nợ, nghĩa vụ trả nợ và các chỉ tiêu an toàn nợ.
    - Ủy ban nhân dân cấp tỉnh công khai tình hình vay, trả nợ của chính quyền địa phương trên
      Cổng Thông tin điện tử của tỉnh cùng thời điểm công khai dự toán, quyết toán ngân sách
      địa phương.
    """)
    duties = paras("""
    - Bộ Tài chính chủ trì hướng dẫn, kiểm tra việc thực hiện Nghị định này; tổng hợp, báo cáo
      Chính phủ tình hình quản lý nợ công hằng năm.
    - Ngân hàng Nhà nước Việt Nam phối hợp với Bộ Tài chính đánh giá tác động của các khoản vay
      nước ngoài đến cán cân thanh toán và dự trữ ngoại hối nhà nước.
    - Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương quản lý chặt chẽ các khoản vay của
      chính quyền địa phương, bảo đảm dư nợ không vượt mức giới hạn theo quy định của Luật Ngân
      sách nhà nước.
    """)
    return DraftTopic(
        kind=kind,
        name="quy định về nghiệp vụ quản lý nợ công",
        agency="Bộ Tài chính",
        minister="Bộ trưởng Bộ Tài chính",
        bases=(
            "Luật Quản lý nợ công ngày 23 tháng 11 năm 2017",
            "Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2025",
        ),
        policy=paras("""
        - Nghị quyết số 07-NQ/TW ngày 18 tháng 11 năm 2016 của Bộ Chính trị về chủ trương, giải
          pháp cơ cấu lại ngân sách nhà nước, quản lý nợ công để bảo đảm nền tài chính quốc gia
          an toàn, bền vững đã yêu cầu đổi mới mạnh mẽ công tác quản lý nợ công, kiểm soát chặt
          chẽ các chỉ tiêu an toàn nợ và nâng cao hiệu quả sử dụng vốn vay.
        - Luật Quản lý nợ công năm 2017 giao Chính phủ quy định chi tiết về nghiệp vụ quản lý nợ
          công. Các văn bản quy định chi tiết hiện hành được ban hành từ năm 2018, đến nay một
          số nội dung không còn phù hợp với Luật Ngân sách nhà nước năm 2025 và yêu cầu phân cấp,
          phân quyền mạnh mẽ giữa trung ương và địa phương.
        """),
        problems=paras("""
        - Sau hơn 08 năm thi hành, công tác quản lý nợ công đạt được những kết quả quan trọng: nợ
          công giảm từ mức trên 50% GDP giai đoạn 2016 - 2017 xuống khoảng 36% GDP; cơ cấu nợ
          chuyển dịch tích cực theo hướng tăng tỷ trọng vay trong nước, kéo dài kỳ hạn và giảm
          chi phí vay; nghĩa vụ trả nợ được thực hiện đầy đủ, đúng hạn, góp phần nâng xếp hạng
          tín nhiệm quốc gia.
        - Tuy nhiên, việc lập kế hoạch vay, trả nợ hằng năm chưa gắn chặt với tiến độ giải ngân
          vốn đầu tư công, dẫn đến tình trạng huy động vốn vượt nhu cầu sử dụng tại một số thời
          điểm; công cụ quản lý rủi ro tỷ giá, lãi suất còn hạn chế; cơ chế sử dụng Quỹ tích lũy
          trả nợ chưa phát huy hết vai trò dự phòng.
        - Cơ sở dữ liệu nợ công chưa được kết nối đồng bộ giữa Bộ Tài chính, Ngân hàng Nhà nước
          Việt Nam và chính quyền địa phương; việc báo cáo, công khai thông tin về nợ còn chậm,
          chưa đáp ứng yêu cầu của nhà đầu tư và các tổ chức xếp hạng tín nhiệm.
        - Sau khi sắp xếp đơn vị hành chính cấp tỉnh và tổ chức chính quyền địa phương hai cấp,
          các quy định về hạn mức dư nợ vay và thẩm quyền quyết định vay của chính quyền địa
          phương cần được điều chỉnh cho phù hợp với mô hình tổ chức mới.
        """),
        purposes=paras("""
        - Hoàn thiện khuôn khổ pháp lý về nghiệp vụ quản lý nợ công, bảo đảm đồng bộ với Luật
          Ngân sách nhà nước năm 2025 và các luật có liên quan.
        - Nâng cao hiệu quả huy động, sử dụng vốn vay; kiểm soát chặt chẽ các chỉ tiêu an toàn
          nợ công trong giới hạn Quốc hội cho phép.
        - Tăng cường công khai, minh bạch thông tin về nợ công, góp phần cải thiện xếp hạng tín
          nhiệm quốc gia.
        """),
        scope=scope,
        subjects=subjects,
        chapters=(*body, closing_articles(kind, effective, duties)),
        issues=(
            Issue(
                "Về thẩm quyền quyết định phương án hoán đổi, mua lại khoản vay nước ngoài "
                "(Điều 8 dự thảo).",
                "Giao Bộ trưởng Bộ Tài chính quyết định toàn bộ các phương án để bảo đảm tính chủ "
                "động, kịp thời khi thị trường có biến động.",
                "Giữ thẩm quyền của Thủ tướng Chính phủ đối với các khoản vay nước ngoài có quy "
                "mô lớn, vì có tác động đến cán cân thanh toán và nghĩa vụ nợ dài hạn.",
                "Theo loại ý kiến thứ hai, với ngưỡng 300 triệu đô la Mỹ như dự thảo.",
            ),
            Issue(
                "Về mức tạm ứng tối đa từ Quỹ tích lũy trả nợ cho ngân sách trung ương "
                "(Điều 9 dự thảo).",
                "Quy định mức tối đa 30% số dư nguồn vốn của Quỹ để bảo đảm an toàn cho nhiệm "
                "vụ cho vay lại.",
                "Nâng mức tối đa lên 50% để tăng dư địa xử lý khi nguồn thu ngân sách chưa kịp "
                "thời.",
                "Theo loại ý kiến thứ nhất; trường hợp đặc biệt do Thủ tướng Chính phủ quyết định.",
            ),
        ),
        appraisal=paras("""
        - Về giải thích từ ngữ (Điều 3): đề nghị không giải thích lại các thuật ngữ đã được quy
          định tại Luật Quản lý nợ công; cân nhắc bổ sung khái niệm “rủi ro thanh khoản” vì dự
          thảo có sử dụng thuật ngữ này tại Điều 7.
        - Về kế hoạch vay, trả nợ công hằng năm (Điều 5): đề nghị làm rõ trình tự, thẩm quyền
          điều chỉnh kế hoạch trong năm để bảo đảm linh hoạt nhưng không phát sinh thủ tục.
        - Về ngưỡng cảnh báo (Điều 6): đề nghị làm rõ căn cứ xác định mức 90% giới hạn, đồng thời
          quy định trách nhiệm báo cáo Quốc hội khi chỉ tiêu vượt ngưỡng cảnh báo.
        - Về Quỹ tích lũy trả nợ (Điều 9): đề nghị đánh giá tác động của việc tạm ứng cho ngân
          sách trung ương đến khả năng thanh toán của Quỹ; quy định rõ lãi suất, thời hạn hoàn
          trả khoản tạm ứng.
        - Về cơ sở dữ liệu nợ công (Điều 10): đề nghị bảo đảm phù hợp với Luật Dữ liệu, quy định
          cụ thể trách nhiệm bảo đảm an toàn, an ninh dữ liệu và cơ chế chia sẻ dữ liệu.
        """),
        effective=effective,
    )
