"""The draft decree on digital public services (Government Office)."""

from __future__ import annotations

from ecabinet.demo.texts.legal import closing_articles
from ecabinet.demo.texts.outline import DraftTopic, Issue, chapters, paras


def digital_services_topic(year: int) -> DraftTopic:
    kind, effective = "Nghị định", f"ngày 01 tháng 3 năm {year + 1}"
    scope = (
        "Nghị định này quy định về cung cấp dịch vụ công trực tuyến, số hóa hồ sơ, kết quả giải "
        "quyết thủ tục hành chính, kết nối, chia sẻ dữ liệu phục vụ giải quyết thủ tục hành chính "
        "và đánh giá chất lượng phục vụ người dân, doanh nghiệp trên môi trường điện tử."
    )
    subjects = (
        "Cơ quan, người có thẩm quyền giải quyết thủ tục hành chính; tổ chức, cá nhân thực hiện "
        "thủ tục hành chính trên môi trường điện tử; doanh nghiệp cung cấp dịch vụ bưu chính công "
        "ích, dịch vụ thanh toán và các tổ chức, cá nhân có liên quan."
    )
    body = chapters(f"""
    # QUY ĐỊNH CHUNG
    ## Phạm vi điều chỉnh
    - {scope}
    ## Đối tượng áp dụng
    - {kind} này áp dụng đối với {subjects[0].lower()}{subjects[1:]}
    ## Nguyên tắc thực hiện thủ tục hành chính trên môi trường điện tử
    - Lấy người dân, doanh nghiệp làm trung tâm; bảo đảm thuận tiện, công khai, minh bạch và
      không phân biệt giữa hình thức trực tiếp và trực tuyến.
    - Không yêu cầu tổ chức, cá nhân cung cấp lại thông tin, giấy tờ đã có trong cơ sở dữ liệu
      quốc gia, cơ sở dữ liệu chuyên ngành hoặc đã được số hóa và còn giá trị sử dụng.
    - Bảo đảm an toàn, an ninh thông tin, bảo vệ dữ liệu cá nhân theo quy định của pháp luật.
    # CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN
    ## Vai trò của Cổng Dịch vụ công quốc gia
    - Cổng Dịch vụ công quốc gia là đầu mối cung cấp dịch vụ công trực tuyến cho người dân,
      doanh nghiệp, kết nối với hệ thống thông tin giải quyết thủ tục hành chính cấp bộ, cấp
      tỉnh.
    - Tài khoản định danh điện tử mức độ 2 được sử dụng để đăng nhập, thực hiện dịch vụ công
      trực tuyến trên Cổng Dịch vụ công quốc gia và các hệ thống thông tin có liên quan.
    ## Dịch vụ công trực tuyến toàn trình
    - Dịch vụ công trực tuyến toàn trình là dịch vụ mà toàn bộ việc cung cấp thông tin, tiếp
      nhận, giải quyết và trả kết quả thủ tục hành chính được thực hiện trên môi trường điện tử.
    - Các bộ, cơ quan ngang bộ và Ủy ban nhân dân cấp tỉnh rà soát, tái cấu trúc quy trình, bảo
      đảm cung cấp trực tuyến toàn trình tất cả thủ tục hành chính đủ điều kiện trước ngày 31
      tháng 12 năm {year + 1}.
    ## Tái sử dụng thông tin, dữ liệu
    - Thông tin, dữ liệu của tổ chức, cá nhân đã có trong các cơ sở dữ liệu được tự động điền
      vào biểu mẫu điện tử khi thực hiện thủ tục hành chính.
    - Cơ quan giải quyết thủ tục hành chính khai thác dữ liệu qua Nền tảng tích hợp, chia sẻ dữ
      liệu quốc gia; không được từ chối tiếp nhận hồ sơ với lý do tổ chức, cá nhân không xuất
      trình giấy tờ đã được khai thác điện tử.
    ## Thanh toán trực tuyến
    - Phí, lệ phí và các nghĩa vụ tài chính trong giải quyết thủ tục hành chính được thanh toán
      trực tuyến qua Nền tảng thanh toán trên Cổng Dịch vụ công quốc gia.
    - Biên lai điện tử được tự động gửi vào Kho quản lý dữ liệu điện tử của tổ chức, cá nhân và
      có giá trị pháp lý như biên lai giấy.
    # SỐ HÓA HỒ SƠ, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH
    ## Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính
    - Hồ sơ tiếp nhận bằng giấy được số hóa tại Bộ phận Một cửa trước khi chuyển xử lý; kết quả
      giải quyết thủ tục hành chính còn hiệu lực được số hóa và ký số bởi cơ quan có thẩm quyền.
    - Kết quả số hóa được lưu trữ trên hệ thống thông tin giải quyết thủ tục hành chính và đồng
      bộ vào Kho quản lý dữ liệu điện tử của tổ chức, cá nhân.
    ## Quản lý Kho dữ liệu điện tử của tổ chức, cá nhân
    - Mỗi tổ chức, cá nhân được cấp một Kho quản lý dữ liệu điện tử trên Cổng Dịch vụ công quốc
      gia để lưu giữ, chia sẻ giấy tờ, kết quả giải quyết thủ tục hành chính.
    - Tổ chức, cá nhân quyết định việc chia sẻ dữ liệu trong Kho cho cơ quan, tổ chức khác và
      được thông báo mỗi lần dữ liệu được khai thác.
    # ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP
    ## Đo lường chất lượng phục vụ
    - Bộ chỉ số phục vụ người dân, doanh nghiệp được đo lường tự động trên cơ sở dữ liệu thời
      gian thực của Cổng Dịch vụ công quốc gia và hệ thống thông tin giải quyết thủ tục hành
      chính cấp bộ, cấp tỉnh.
    - Kết quả đánh giá được công khai hằng tháng và là căn cứ đánh giá, xếp loại mức độ hoàn
      thành nhiệm vụ của người đứng đầu cơ quan, đơn vị.
    """)
    duties = paras("""
    - Văn phòng Chính phủ quản lý, vận hành Cổng Dịch vụ công quốc gia; theo dõi, đôn đốc,
      kiểm tra việc thực hiện Nghị định này.
    - Bộ Công an bảo đảm kết nối, xác thực thông tin công dân từ Cơ sở dữ liệu quốc gia về dân
      cư và tài khoản định danh điện tử phục vụ giải quyết thủ tục hành chính.
    - Bộ Khoa học và Công nghệ hướng dẫn tiêu chuẩn, quy chuẩn kỹ thuật về kết nối, chia sẻ dữ
      liệu và bảo đảm an toàn thông tin cho các hệ thống thông tin giải quyết thủ tục hành chính.
    - Ủy ban nhân dân cấp tỉnh bố trí kinh phí, nhân lực thực hiện số hóa hồ sơ, kết quả giải
      quyết thủ tục hành chính tại địa phương.
    """)
    return DraftTopic(
        kind=kind,
        name="quy định về chuyển đổi số trong giải quyết thủ tục hành chính và cung cấp dịch vụ "
        "công trực tuyến",
        agency="Văn phòng Chính phủ",
        minister="Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",
        bases=(
            "Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023",
            "Luật Căn cước ngày 27 tháng 11 năm 2023",
            "Luật Dữ liệu ngày 30 tháng 11 năm 2024",
        ),
        policy=paras("""
        - Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát
          triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia xác định chuyển
          đổi số là đột phá quan trọng hàng đầu, yêu cầu cung cấp dịch vụ công trực tuyến toàn
          trình, cá nhân hóa, lấy người dân, doanh nghiệp làm trung tâm.
        - Luật Giao dịch điện tử năm 2023 và Luật Dữ liệu năm 2024 đã tạo hành lang pháp lý cho
          giá trị pháp lý của thông điệp dữ liệu và việc chia sẻ dữ liệu giữa các cơ quan nhà
          nước; tuy nhiên, các quy định về thực hiện thủ tục hành chính trên môi trường điện tử
          hiện nằm rải rác ở nhiều nghị định, cần được hợp nhất, cập nhật.
        """),
        problems=paras("""
        - Thời gian qua, việc cung cấp dịch vụ công trực tuyến đạt nhiều kết quả tích cực: Cổng
          Dịch vụ công quốc gia đã tích hợp trên 4.400 dịch vụ công trực tuyến; nhiều dịch vụ
          thiết yếu như cấp phiếu lý lịch tư pháp, đăng ký khai sinh, đăng ký xe được thực hiện
          hoàn toàn trên môi trường điện tử.
        - Tuy nhiên, tỷ lệ hồ sơ trực tuyến thực chất còn thấp so với tổng số hồ sơ tiếp nhận;
          nhiều dịch vụ vẫn yêu cầu người dân nộp giấy tờ đã có trong cơ sở dữ liệu quốc gia;
          việc số hóa kết quả giải quyết thủ tục hành chính chưa đồng đều giữa các bộ, ngành và
          địa phương.
        - Dữ liệu chưa được kết nối, chia sẻ thông suốt giữa hệ thống thông tin giải quyết thủ
          tục hành chính cấp bộ, cấp tỉnh với các cơ sở dữ liệu quốc gia, chuyên ngành; người dân
          vẫn phải khai báo lặp lại thông tin nhiều lần.
        - Việc đánh giá chất lượng phục vụ người dân, doanh nghiệp chủ yếu dựa trên số liệu tự
          báo cáo, chưa khai thác dữ liệu thời gian thực để theo dõi, giám sát một cách khách
          quan.
        """),
        purposes=paras(f"""
        - Hình thành khuôn khổ pháp lý thống nhất cho việc giải quyết thủ tục hành chính trên môi
          trường điện tử, bảo đảm người dân, doanh nghiệp chỉ cung cấp thông tin một lần.
        - Nâng tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình đạt tối thiểu 80% vào năm
          {year + 2}; 100% kết quả giải quyết thủ tục hành chính được số hóa và tái sử dụng.
        - Tăng cường công khai, minh bạch, giảm chi phí tuân thủ và phòng, chống tiêu cực trong
          giải quyết thủ tục hành chính.
        """),
        scope=scope,
        subjects=subjects,
        chapters=(*body, closing_articles(kind, effective, duties)),
        issues=(
            Issue(
                "Về việc bắt buộc thực hiện một số thủ tục hành chính chỉ theo hình thức trực "
                "tuyến (Điều 5 dự thảo).",
                f"Quy định bắt buộc thực hiện trực tuyến đối với tổ chức, doanh nghiệp từ năm "
                f"{year + 2} để tạo đột phá, giảm tải cho Bộ phận Một cửa.",
                "Chưa quy định bắt buộc, vì hạ tầng và kỹ năng số của một bộ phận người dân ở "
                "vùng sâu, vùng xa còn hạn chế; chỉ khuyến khích bằng chính sách giảm phí, lệ phí.",
                "Bắt buộc đối với doanh nghiệp, khuyến khích đối với cá nhân; đồng thời duy trì bộ "
                "phận hỗ trợ tại Bộ phận Một cửa.",
            ),
            Issue(
                "Về mức giảm phí, lệ phí khi thực hiện trực tuyến (Điều 7 dự thảo).",
                "Giảm tối thiểu 50% mức thu đối với hồ sơ nộp trực tuyến toàn trình.",
                "Giao bộ quản lý chuyên ngành quyết định mức giảm phù hợp với từng loại phí, lệ "
                "phí.",
                "Theo loại ý kiến thứ nhất để tạo động lực và bảo đảm thống nhất trên toàn quốc.",
            ),
        ),
        appraisal=paras("""
        - Về nguyên tắc không yêu cầu cung cấp lại giấy tờ (khoản 2 Điều 3): đề nghị làm rõ trách
          nhiệm của cơ quan giải quyết thủ tục hành chính khi dữ liệu trong cơ sở dữ liệu chưa
          chính xác hoặc chưa được cập nhật, tránh chuyển rủi ro sang người dân.
        - Về tài khoản định danh điện tử (khoản 2 Điều 4): đề nghị rà soát, bảo đảm thống nhất
          với Luật Căn cước và quy định về định danh, xác thực điện tử; làm rõ việc sử dụng tài
          khoản định danh điện tử của tổ chức.
        - Về thời hạn cung cấp dịch vụ công trực tuyến toàn trình (khoản 2 Điều 5): đề nghị đánh
          giá tính khả thi, điều kiện kinh phí, hạ tầng của các địa phương sau sắp xếp đơn vị
          hành chính.
        - Về Kho quản lý dữ liệu điện tử (Điều 9): đề nghị bổ sung quy định về thời hạn lưu giữ,
          việc xóa dữ liệu theo yêu cầu của chủ thể dữ liệu, bảo đảm phù hợp với pháp luật về
          bảo vệ dữ liệu cá nhân.
        - Về đo lường chất lượng phục vụ (Điều 10): việc dùng kết quả đánh giá làm căn cứ xếp
          loại người đứng đầu cần được quy định phù hợp với pháp luật về cán bộ, công chức.
        """),
        effective=effective,
    )
