"""The monthly socio-economic report and the resolution closing a regular session."""

from __future__ import annotations

from ecabinet.demo.texts.outline import GOVERNMENT_LAW, sections
from ecabinet.pdf.official import Section


def report_period(month: int, year: int) -> str:
    """ "tháng 10 và 10 tháng năm 2026", as monthly reports name their period."""
    return f"tháng 01 năm {year}" if month == 1 else f"tháng {month} và {month} tháng năm {year}"


def _num(value: float, decimals: int = 1) -> str:
    """Vietnamese number format: "2.215,6" (dot for thousands, comma for decimals)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def economy_report(month: int, year: int) -> tuple[Section, ...]:
    """The Ministry of Finance's monthly report; year-to-date figures scale.

    Planning belongs to the Ministry of Finance since the Ministry of Planning and Investment
    was merged into it in March 2025.
    """
    m, period = month, report_period(month, year)
    ytd = f"{m} tháng" if m > 1 else "tháng 01"
    return sections(f"""
    # -
    - Thực hiện Quy chế làm việc của Chính phủ, Bộ Tài chính báo cáo Chính phủ tình hình kinh
      tế - xã hội {period} như sau:
    # I. TÌNH HÌNH KINH TẾ - XÃ HỘI {period.upper()}
    # 1. Kinh tế vĩ mô ổn định, lạm phát được kiểm soát
    - Chỉ số giá tiêu dùng (CPI) tháng {m} tăng 0,21% so với tháng trước; bình quân {ytd} tăng
      3,24% so với cùng kỳ năm trước, trong phạm vi mục tiêu Quốc hội đề ra; lạm phát cơ bản
      tăng 3,05%. Mặt bằng lãi suất cho vay tiếp tục giảm; tỷ giá cơ bản ổn định; thị trường
      tiền tệ, ngoại hối thông suốt, thanh khoản của hệ thống tổ chức tín dụng được bảo đảm.
    - Thu ngân sách nhà nước {ytd} ước đạt {_num(221.56 * m)} nghìn tỷ đồng, bằng
      {_num(8.76 * m)}% dự toán, tăng 11,2% so với cùng kỳ; chi ngân sách nhà nước ước đạt
      {_num(238.64 * m)} nghìn tỷ đồng, bảo đảm các nhiệm vụ chi quan trọng, chi trả nợ đến hạn
      và chi an sinh xã hội. Bội chi ngân sách, nợ công, nợ nước ngoài của quốc gia được kiểm
      soát trong giới hạn cho phép.
    # 2. Sản xuất kinh doanh tiếp tục phục hồi, tăng trưởng
    - Sản xuất nông nghiệp ổn định, bảo đảm vững chắc an ninh lương thực; chăn nuôi phát triển
      ổn định, dịch bệnh được kiểm soát; kim ngạch xuất khẩu nông, lâm, thủy sản tăng 9,8% so
      với cùng kỳ.
    - Chỉ số sản xuất toàn ngành công nghiệp (IIP) tháng {m} tăng 1,8% so với tháng trước và
      tăng 10,6% so với cùng kỳ; trong đó công nghiệp chế biến, chế tạo tăng 11,9%. Chỉ số nhà
      quản trị mua hàng (PMI) đạt 52,4 điểm, tháng thứ năm liên tiếp trên ngưỡng 50 điểm.
    - Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng {ytd} tăng 9,3% so với cùng kỳ;
      khách quốc tế đến Việt Nam đạt {_num(1.79 * m)} triệu lượt, tăng 19,5%. Hoạt động vận
      tải, logistics tăng trưởng khá.
    # 3. Xuất nhập khẩu, đầu tư và phát triển doanh nghiệp
    - Tổng kim ngạch xuất nhập khẩu {ytd} ước đạt {_num(76.84 * m)} tỷ USD, tăng 14,1%; trong
      đó xuất khẩu đạt {_num(39.86 * m)} tỷ USD, tăng 12,4%; xuất siêu {_num(2.88 * m)} tỷ USD,
      góp phần ổn định tỷ giá và cán cân thanh toán.
    - Giải ngân vốn đầu tư công đến hết tháng {m} đạt {_num(5.87 * m)}% kế hoạch Thủ tướng Chính
      phủ giao, cao hơn cùng kỳ năm trước cả về tỷ lệ và số tuyệt đối. Vốn đầu tư trực tiếp nước
      ngoài thực hiện ước đạt {_num(2.03 * m)} tỷ USD, tăng 8,9%, cao nhất trong nhiều năm.
    - Cả nước có {_num(16.82 * m)} nghìn doanh nghiệp thành lập mới và quay trở lại hoạt động,
      tăng 17,6% so với cùng kỳ; số doanh nghiệp rút lui khỏi thị trường giảm 4,2%.
    # 4. Văn hóa - xã hội, quốc phòng, an ninh và đối ngoại
    - Công tác an sinh xã hội được bảo đảm; các chính sách hỗ trợ người có công, hộ nghèo, đối
      tượng bảo trợ xã hội được thực hiện đầy đủ, kịp thời. Tỷ lệ thất nghiệp trong độ tuổi lao
      động khoảng 2,2%; thu nhập bình quân của người lao động tăng 8,1% so với cùng kỳ.
    - Công tác khám bệnh, chữa bệnh, y tế dự phòng được tăng cường, không để xảy ra dịch bệnh
      lớn; các hoạt động giáo dục, văn hóa, thể thao được triển khai đúng kế hoạch.
    - Quốc phòng, an ninh được củng cố; trật tự, an toàn xã hội được bảo đảm. Hoạt động đối
      ngoại, hội nhập quốc tế được triển khai chủ động, hiệu quả.
    # II. HẠN CHẾ, KHÓ KHĂN
    - Kinh tế thế giới còn nhiều yếu tố bất định; cạnh tranh chiến lược giữa các nước lớn, chính
      sách thuế quan của một số đối tác tác động đến xuất khẩu và thu hút đầu tư.
    - Sức mua trong nước phục hồi chưa đồng đều; một bộ phận doanh nghiệp nhỏ và vừa còn khó
      khăn về vốn, đơn hàng. Thị trường bất động sản, trái phiếu doanh nghiệp tuy có cải thiện
      nhưng còn tiềm ẩn rủi ro.
    - Giải ngân vốn đầu tư công ở một số bộ, địa phương còn chậm; công tác giải phóng mặt bằng,
      cung ứng vật liệu xây dựng cho các dự án trọng điểm còn vướng mắc. Thiên tai, bão lũ diễn
      biến phức tạp, gây thiệt hại tại một số địa phương.
    # III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM THỜI GIAN TỚI
    - 1. Tiếp tục ưu tiên thúc đẩy tăng trưởng gắn với giữ vững ổn định kinh tế vĩ mô, kiểm soát
      lạm phát, bảo đảm các cân đối lớn; điều hành chính sách tiền tệ chủ động, linh hoạt, phối
      hợp chặt chẽ với chính sách tài khóa.
    - 2. Đẩy mạnh giải ngân vốn đầu tư công, phấn đấu giải ngân 100% kế hoạch vốn được giao;
      tháo gỡ dứt điểm vướng mắc về giải phóng mặt bằng.
    - 3. Thúc đẩy các động lực tăng trưởng về đầu tư, tiêu dùng, xuất khẩu; khai thác hiệu quả
      các hiệp định thương mại tự do, đa dạng hóa thị trường, sản phẩm và chuỗi cung ứng.
    - 4. Khẩn trương ban hành các văn bản quy định chi tiết luật, nghị quyết của Quốc hội có
      hiệu lực từ ngày 01 tháng 01 năm {year + 1}; cắt giảm thủ tục hành chính, điều kiện kinh
      doanh.
    - 5. Bảo đảm an sinh xã hội, chăm lo đời sống Nhân dân; chủ động phòng, chống, khắc phục hậu
      quả thiên tai; chuẩn bị tốt các điều kiện để Nhân dân đón Tết Nguyên đán.
    - 6. Giữ vững quốc phòng, an ninh, trật tự an toàn xã hội; đẩy mạnh công tác đối ngoại, hội
      nhập quốc tế; làm tốt công tác thông tin, truyền thông, tạo đồng thuận xã hội.
    # -
    - Bộ Tài chính kính báo cáo Chính phủ./.
    """)


SESSION_RESOLUTION_PREAMBLE = (
    f"Căn cứ {GOVERNMENT_LAW};",
    "Căn cứ Nghị định số 39/2022/NĐ-CP ngày 18 tháng 6 năm 2022 của Chính phủ ban hành Quy chế "
    "làm việc của Chính phủ;",
)


def session_resolution(month: int, year: int) -> tuple[Section, ...]:
    """The draft resolution closing a regular session that reviews ``month`` of ``year``."""
    period = report_period(month, year)
    return sections(f"""
    # QUYẾT NGHỊ:
    # I. VỀ TÌNH HÌNH KINH TẾ - XÃ HỘI {period.upper()}
    - Chính phủ thống nhất đánh giá: trong bối cảnh tình hình thế giới tiếp tục diễn biến phức
      tạp, khó lường, với sự vào cuộc quyết liệt của cả hệ thống chính trị, sự đồng hành của
      người dân và doanh nghiệp, tình hình kinh tế - xã hội {period} tiếp tục chuyển biến tích
      cực. Kinh tế vĩ mô ổn định, lạm phát được kiểm soát, tăng trưởng được thúc đẩy, các cân đối
      lớn của nền kinh tế được bảo đảm; thu ngân sách nhà nước đạt khá; an sinh xã hội được quan
      tâm; quốc phòng, an ninh được giữ vững.
    - Bên cạnh kết quả đạt được, nền kinh tế còn những hạn chế, khó khăn: áp lực lên tỷ giá, lãi
      suất còn lớn; sản xuất kinh doanh ở một số ngành, lĩnh vực còn khó khăn; giải ngân vốn đầu
      tư công ở một số nơi còn chậm; thiên tai diễn biến phức tạp.
    # II. VỀ NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM THỜI GIAN TỚI
    - Chính phủ yêu cầu các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các
      tỉnh, thành phố trực thuộc trung ương tập trung thực hiện các nhiệm vụ, giải pháp sau:
    - 1. Bộ Tài chính theo dõi sát diễn biến kinh tế trong nước và quốc tế, cập nhật kịch bản
      tăng trưởng, kịp thời đề xuất giải pháp điều hành phù hợp; điều hành chính sách tài khóa
      mở rộng hợp lý, có trọng tâm, trọng điểm; quản lý chặt chẽ thu, chi ngân sách nhà nước;
      hoàn thiện dự toán ngân sách nhà nước năm {year + 1} và phương án phân bổ ngân sách trung
      ương, báo cáo cấp có thẩm quyền.
    - 2. Ngân hàng Nhà nước Việt Nam điều hành chính sách tiền tệ chủ động, linh hoạt, kịp thời;
      ổn định thị trường ngoại hối; tạo điều kiện thuận lợi cho doanh nghiệp tiếp cận tín dụng.
    - 3. Bộ Công Thương bảo đảm cung ứng đủ điện, xăng dầu cho sản xuất, tiêu dùng; phát triển thị
      trường trong nước, đẩy mạnh xúc tiến thương mại, mở rộng thị trường xuất khẩu.
    - 4. Bộ Nông nghiệp và Môi trường chỉ đạo sản xuất vụ đông, bảo đảm an ninh lương thực; chủ
      động phòng, chống thiên tai, khắc phục hậu quả bão lũ, sớm ổn định đời sống Nhân dân.
    - 5. Bộ Xây dựng đôn đốc tiến độ các dự án giao thông trọng điểm; tháo gỡ vướng mắc về vật
      liệu xây dựng, bảo đảm chất lượng công trình.
    - 6. Bộ Y tế, Bộ Giáo dục và Đào tạo, Bộ Nội vụ theo chức năng, nhiệm vụ bảo đảm công tác khám
      bệnh, chữa bệnh, dạy và học, chính sách đối với người lao động, người có công.
    - 7. Bộ Tư pháp chủ trì thẩm định kịp thời các dự án luật, dự thảo nghị định; Văn phòng Chính
      phủ theo dõi, đôn đốc việc thực hiện nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao.
    - 8. Bộ Quốc phòng, Bộ Công an, Bộ Ngoại giao giữ vững độc lập, chủ quyền, bảo đảm an ninh,
      trật tự, an toàn xã hội; triển khai hiệu quả các hoạt động đối ngoại cấp cao.
    # III. VỀ CÔNG TÁC XÂY DỰNG, HOÀN THIỆN THỂ CHẾ
    - Các bộ, cơ quan ngang bộ tập trung hoàn thiện hồ sơ các dự án luật trình Quốc hội tại kỳ
      họp tới; bảo đảm chất lượng, tiến độ, không để nợ đọng văn bản quy định chi tiết.
    - Bộ Tư pháp chủ trì, phối hợp với Văn phòng Chính phủ theo dõi, đôn đốc tiến độ ban hành
      văn bản quy định chi tiết; kịp thời báo cáo Thủ tướng Chính phủ các trường hợp chậm trễ.
    - Các bộ, cơ quan rà soát, cắt giảm thủ tục hành chính, điều kiện kinh doanh trong phạm vi
      quản lý; đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình, bảo đảm thực chất.
    # IV. VỀ CHUẨN BỊ KỲ HỌP QUỐC HỘI VÀ CÁC HỘI NGHỊ CUỐI NĂM
    - Các bộ, cơ quan được phân công chuẩn bị kỹ nội dung báo cáo, trả lời chất vấn của đại biểu
      Quốc hội; phối hợp chặt chẽ với các cơ quan của Quốc hội trong quá trình thẩm tra.
    - Văn phòng Chính phủ chủ trì chuẩn bị chu đáo nội dung, chương trình hội nghị Chính phủ với
      các địa phương và hội nghị tổng kết công tác năm {year}, triển khai nhiệm vụ năm
      {year + 1}.
    - Các bộ, cơ quan, địa phương chủ động cung cấp thông tin, làm tốt công tác truyền thông
      chính sách, nhất là các chính sách mới có tác động lớn đến người dân, doanh nghiệp.
    # V. VỀ TỔ CHỨC THỰC HIỆN
    - Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy
      ban nhân dân các tỉnh, thành phố trực thuộc trung ương theo chức năng, nhiệm vụ được giao
      chủ động triển khai Nghị quyết này; báo cáo kết quả trước ngày 25 hằng tháng để tổng hợp,
      báo cáo tại phiên họp Chính phủ thường kỳ./.
    """)
