<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account and security</source>
        <translation>Tài khoản và bảo mật</translation>
    </message>
    <message>
        <source>Devices that can sign in your name</source>
        <translation>Các thiết bị có thể ký nhân danh bạn</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Đăng ký lúc</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation>%1 (máy này)</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>đã thu hồi %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <source>not pinned yet</source>
        <translation>chưa ghi nhớ</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Người đăng nhập</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Server TLS key fingerprint</source>
        <translation>Dấu vân tay khóa TLS của máy chủ</translation>
    </message>
    <message>
        <source>Receipt signing key fingerprint</source>
        <translation>Dấu vân tay khóa ký biên nhận</translation>
    </message>
    <message>
        <source>Offline use</source>
        <translation>Dùng khi không có mạng</translation>
    </message>
    <message>
        <source>up to %1 days without reaching the server; last reached %2</source>
        <translation>tối đa %1 ngày không kết nối máy chủ; lần kết nối gần nhất: %2</translation>
    </message>
    <message>
        <source>To confirm the server, read the fingerprints to the Government Office: they must match theirs exactly.</source>
        <translation>Để xác minh máy chủ, hãy đọc các dấu vân tay này cho Văn phòng Chính phủ: chúng phải trùng khớp hoàn toàn.</translation>
    </message>
</context>
<context>
    <name>AnnotatedCopy</name>
    <message>
        <source>Export annotated copy</source>
        <translation>Xuất bản sao có ghi chú</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved “%1”: %2 annotations drawn, %3 listed on the closing pages.</source>
        <translation>Đã lưu “%1”: vẽ %2 ghi chú, %3 ghi chú liệt kê ở các trang cuối.</translation>
    </message>
    <message>
        <source>The annotated copy was not saved: %1</source>
        <translation>Chưa lưu được bản sao có ghi chú: %1</translation>
    </message>
</context>
<context>
    <name>AnnotationController</name>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Select some text on the page first, then choose the tool.</source>
        <translation>Hãy chọn một đoạn chữ trên trang trước, rồi chọn công cụ.</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>Xóa ghi chú</translation>
    </message>
    <message>
        <source>Add annotation</source>
        <translation>Thêm ghi chú</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>Sửa ghi chú</translation>
    </message>
</context>
<context>
    <name>AnnotationList</name>
    <message>
        <source>Highlight</source>
        <translation>Đánh dấu</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <source>Strike-out</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Text box</source>
        <translation>Hộp chữ</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>Nét vẽ</translation>
    </message>
    <message>
        <source>Not found in the new version</source>
        <translation>Không tìm thấy vị trí trong phiên bản mới</translation>
    </message>
    <message>
        <source>Conflict copies (edited on another device at the same time)</source>
        <translation>Bản xung đột (được sửa cùng lúc trên thiết bị khác)</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>chia sẻ</translation>
    </message>
    <message>
        <source>needs confirmation</source>
        <translation>cần xác nhận</translation>
    </message>
    <message>
        <source>conflict copy</source>
        <translation>bản xung đột</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>Annotations</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>No annotations in this paper yet. Choose a tool in the annotation toolbar: highlight selected text, add a note, a text box or a drawing.</source>
        <translation>Tài liệu này chưa có ghi chú nào. Hãy chọn một công cụ trên thanh ghi chú: đánh dấu đoạn chữ đã chọn, thêm ghi chú, hộp chữ hoặc nét vẽ.</translation>
    </message>
    <message>
        <source>Confirm position</source>
        <translation>Xác nhận vị trí</translation>
    </message>
    <message>
        <source>The text moved in the new version: check the place, then confirm it.</source>
        <translation>Đoạn chữ đã dịch chuyển trong phiên bản mới: hãy kiểm tra vị trí rồi xác nhận.</translation>
    </message>
    <message>
        <source>Restore this copy</source>
        <translation>Khôi phục bản này</translation>
    </message>
    <message>
        <source>Use the text of this conflict copy instead of the current one.</source>
        <translation>Dùng nội dung của bản xung đột này thay cho nội dung hiện tại.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>What changed in this version…</source>
        <translation>Phiên bản này thay đổi gì…</translation>
    </message>
    <message>
        <source>The pages that changed since an earlier version, beside that version</source>
        <translation>Các trang đã thay đổi so với một phiên bản trước, đặt cạnh phiên bản đó</translation>
    </message>
    <message>
        <source>Export annotated copy…</source>
        <translation>Xuất bản sao có ghi chú…</translation>
    </message>
    <message>
        <source>Save a copy of this paper with your annotations, readable in any PDF viewer (Ctrl+Shift+E). The paper itself is not changed.</source>
        <translation>Lưu một bản sao tài liệu kèm các ghi chú của bạn, đọc được bằng mọi trình xem PDF (Ctrl+Shift+E). Tài liệu gốc không bị thay đổi.</translation>
    </message>
</context>
<context>
    <name>Ballot</name>
    <message>
        <source>Agree</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Disagree</source>
        <translation>Không đồng ý</translation>
    </message>
    <message>
        <source>Other opinion</source>
        <translation>Ý kiến khác</translation>
    </message>
    <message>
        <source>the ballot had closed when the server received your answer</source>
        <translation>phiếu đã hết hạn hoặc đã đóng khi máy chủ nhận được ý kiến của bạn</translation>
    </message>
    <message>
        <source>this computer&apos;s signing key has been revoked; contact the Government Office</source>
        <translation>khóa ký của máy tính này đã bị thu hồi; hãy liên hệ Văn phòng Chính phủ</translation>
    </message>
    <message>
        <source>you are not among the members asked</source>
        <translation>bạn không thuộc danh sách thành viên được lấy ý kiến</translation>
    </message>
    <message>
        <source>the ballot changed after you signed; please answer again</source>
        <translation>nội dung phiếu đã thay đổi sau khi bạn ký; vui lòng trả lời lại</translation>
    </message>
    <message>
        <source>this choice needs a comment</source>
        <translation>phương án này cần ghi rõ ý kiến</translation>
    </message>
    <message>
        <source>the signature did not verify (the answer was altered after signing)</source>
        <translation>chữ ký không hợp lệ (ý kiến đã bị sửa sau khi ký)</translation>
    </message>
    <message>
        <source>the deadline has passed</source>
        <translation>đã quá hạn gửi phiếu</translation>
    </message>
    <message>
        <source>%1 days %2 hours left</source>
        <translation>còn %1 ngày %2 giờ</translation>
    </message>
    <message>
        <source>%1 hours %2 minutes left</source>
        <translation>còn %1 giờ %2 phút</translation>
    </message>
</context>
<context>
    <name>BallotDialog</name>
    <message>
        <source>Issue a written-opinion ballot</source>
        <translation>Phát phiếu lấy ý kiến thành viên Chính phủ</translation>
    </message>
    <message>
        <source>Agree needs a comment</source>
        <translation>“Đồng ý” phải kèm ý kiến</translation>
    </message>
    <message>
        <source>Disagree needs a comment</source>
        <translation>“Không đồng ý” phải kèm ý kiến</translation>
    </message>
    <message>
        <source>Other opinion needs a comment</source>
        <translation>“Ý kiến khác” phải kèm ý kiến</translation>
    </message>
    <message>
        <source>Open the ballot now</source>
        <translation>Mở phiếu ngay</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>&amp;Câu hỏi:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Hạn gửi phiếu:</translation>
    </message>
    <message>
        <source>&amp;Members asked:</source>
        <translation>&amp;Thành viên được hỏi:</translation>
    </message>
    <message>
        <source>Attached &amp;papers:</source>
        <translation>&amp;Tài liệu kèm theo:</translation>
    </message>
    <message>
        <source>Enter the question the members answer.</source>
        <translation>Hãy nhập câu hỏi lấy ý kiến.</translation>
    </message>
    <message>
        <source>The deadline has passed. Choose a time in the future.</source>
        <translation>Hạn gửi phiếu đã qua. Hãy chọn một thời điểm trong tương lai.</translation>
    </message>
    <message>
        <source>Choose at least one member to ask.</source>
        <translation>Hãy chọn ít nhất một thành viên được hỏi ý kiến.</translation>
    </message>
</context>
<context>
    <name>BallotProgressView</name>
    <message>
        <source>The ballot is closed.</source>
        <translation>Đã đóng phiếu lấy ý kiến.</translation>
    </message>
    <message>
        <source>New deadline: %1</source>
        <translation>Hạn gửi phiếu mới: %1</translation>
    </message>
    <message>
        <source>Export the result to…</source>
        <translation>Xuất kết quả vào thư mục…</translation>
    </message>
    <message>
        <source>Exporting and recounting from the signatures…</source>
        <translation>Đang xuất kết quả và kiểm lại từ chữ ký số…</translation>
    </message>
    <message>
        <source>Recounted from the signatures, proven with the pinned server key %3, and saved: %1 and %2</source>
        <translation>Đã kiểm lại từ chữ ký số, đối chiếu đúng với khóa máy chủ đã ghim %3, và lưu: %1 và %2</translation>
    </message>
    <message>
        <source>Close the ballot</source>
        <translation>Đóng phiếu</translation>
    </message>
    <message>
        <source>Close the ballot?</source>
        <translation>Đóng phiếu lấy ý kiến?</translation>
    </message>
    <message>
        <source>Closing the ballot ends it now for every member: no answer is accepted afterwards, and it cannot be reopened. %1 member(s) have not answered yet.</source>
        <translation>Đóng phiếu sẽ kết thúc việc lấy ý kiến ngay đối với mọi thành viên: sau đó không nhận thêm ý kiến nào và không thể mở lại. Còn %1 thành viên chưa trả lời.</translation>
    </message>
    <message>
        <source>Keep it open</source>
        <translation>Giữ phiếu mở</translation>
    </message>
    <message>
        <source>Extend the deadline</source>
        <translation>Gia hạn</translation>
    </message>
    <message>
        <source>Export the result…</source>
        <translation>Xuất kết quả…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>open</source>
        <translation>đang lấy ý kiến</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>đã đóng</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>dự thảo</translation>
    </message>
    <message>
        <source>Deadline: %1 · %2</source>
        <translation>Hạn gửi phiếu: %1 · %2</translation>
    </message>
    <message>
        <source>Not answered: %1</source>
        <translation>Chưa trả lời: %1</translation>
    </message>
    <message>
        <source>On an outdated draft: %1</source>
        <translation>Trả lời trên bản dự thảo cũ: %1</translation>
    </message>
    <message>
        <source>Adopted: more than half of all %1 members agree.</source>
        <translation>Được thông qua: quá nửa tổng số %1 thành viên Chính phủ đồng ý.</translation>
    </message>
    <message>
        <source>Not adopted so far: it needs more than half of all %1 members.</source>
        <translation>Chưa được thông qua: cần quá nửa tổng số %1 thành viên Chính phủ đồng ý.</translation>
    </message>
</context>
<context>
    <name>BallotView</name>
    <message>
        <source>Choose Agree, Disagree or Other opinion first.</source>
        <translation>Hãy chọn Đồng ý, Không đồng ý hoặc Ý kiến khác trước.</translation>
    </message>
    <message>
        <source>Written opinion</source>
        <translation>Phiếu lấy ý kiến</translation>
    </message>
    <message>
        <source>Deadline: %1 (%2)</source>
        <translation>Hạn gửi phiếu: %1 (%2)</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>đã đóng</translation>
    </message>
    <message>
        <source>The deadline is near and this computer is offline: connect to a network so that your answer reaches the Government Office in time.</source>
        <translation>Sắp hết hạn gửi phiếu mà máy tính đang ngoại tuyến: hãy kết nối mạng để ý kiến của bạn đến Văn phòng Chính phủ kịp thời hạn.</translation>
    </message>
    <message>
        <source>A paper has a newer version than the one you answered on.</source>
        <translation>Có tài liệu đã có phiên bản mới hơn bản bạn đã trả lời.</translation>
    </message>
    <message>
        <source>Papers: %1</source>
        <translation>Tài liệu: %1</translation>
    </message>
    <message>
        <source>Sign and send</source>
        <translation>Ký và gửi ý kiến</translation>
    </message>
    <message>
        <source>Sign a new answer</source>
        <translation>Ký ý kiến mới (thay ý kiến trước)</translation>
    </message>
    <message>
        <source>Not answered yet.</source>
        <translation>Chưa trả lời.</translation>
    </message>
    <message>
        <source>“%1” signed on this computer, waiting to send.</source>
        <translation>Đã ký «%1» trên máy này, đang chờ gửi.</translation>
    </message>
    <message>
        <source>“%1” was rejected: %2.</source>
        <translation>Ý kiến «%1» bị từ chối: %2.</translation>
    </message>
    <message>
        <source>“%1” delivered at %2.</source>
        <translation>Đã gửi «%1», máy chủ nhận lúc %2.</translation>
    </message>
    <message>
        <source>(the server&apos;s receipt could not be verified)</source>
        <translation>(không xác thực được biên nhận của máy chủ)</translation>
    </message>
    <message>
        <source>Answered on an outdated draft.</source>
        <translation>Đã trả lời trên bản dự thảo cũ.</translation>
    </message>
    <message>
        <source>Earlier answers:</source>
        <translation>Các ý kiến trước:</translation>
    </message>
    <message>
        <source>rejected: %1</source>
        <translation>bị từ chối: %1</translation>
    </message>
    <message>
        <source>replaced by a later answer</source>
        <translation>đã được thay bằng ý kiến sau</translation>
    </message>
    <message>
        <source>waiting to send</source>
        <translation>đang chờ gửi</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <source>Your comment (required for Other opinion)</source>
        <translation>Ý kiến cụ thể (bắt buộc với Ý kiến khác)</translation>
    </message>
</context>
<context>
    <name>Catalogue</name>
    <message>
        <source>Written opinion</source>
        <translation>Phiếu lấy ý kiến</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>đã đóng</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>chưa trả lời</translation>
    </message>
    <message>
        <source>signed, waiting to send</source>
        <translation>đã ký, đang chờ gửi</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <source>answered on an outdated draft</source>
        <translation>trả lời trên bản dự thảo cũ</translation>
    </message>
    <message>
        <source>not issued yet</source>
        <translation>chưa phát hành</translation>
    </message>
    <message>
        <source>collecting answers</source>
        <translation>đang lấy ý kiến</translation>
    </message>
    <message>
        <source>Meetings and papers</source>
        <translation>Phiên họp và tài liệu</translation>
    </message>
    <message>
        <source>Presented by: %1</source>
        <translation>Cơ quan trình: %1</translation>
    </message>
    <message>
        <source>Available offline</source>
        <translation>Đã có trên máy, đọc được khi không có mạng</translation>
    </message>
    <message>
        <source>Not downloaded yet: it will arrive with the next sync</source>
        <translation>Chưa tải về máy: sẽ có sau lần đồng bộ tới</translation>
    </message>
    <message>
        <source>%1 pages, version %2</source>
        <translation>%1 trang, phiên bản %2</translation>
    </message>
    <message>
        <source>Updated since you read version %1</source>
        <translation>Đã cập nhật từ phiên bản %1 đồng chí đã đọc</translation>
    </message>
</context>
<context>
    <name>CatalogueLegend</name>
    <message>
        <source>Not read yet (bold)</source>
        <translation>Chưa đọc (chữ đậm)</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Đã đọc</translation>
    </message>
    <message>
        <source>New version since you read it</source>
        <translation>Có phiên bản mới từ lần đọc trước</translation>
    </message>
    <message>
        <source>Not downloaded yet (grey)</source>
        <translation>Chưa tải về (chữ xám)</translation>
    </message>
    <message>
        <source>Ballot: not answered</source>
        <translation>Phiếu: chưa trả lời</translation>
    </message>
    <message>
        <source>Signed, waiting to send</source>
        <translation>Đã ký, đang chờ gửi</translation>
    </message>
    <message>
        <source>Answer delivered</source>
        <translation>Ý kiến đã gửi</translation>
    </message>
    <message>
        <source>Answer rejected</source>
        <translation>Ý kiến bị từ chối</translation>
    </message>
    <message>
        <source>Answered on an older draft</source>
        <translation>Trả lời trên bản dự thảo cũ</translation>
    </message>
</context>
<context>
    <name>CompareAction</name>
    <message>
        <source>&amp;Compare versions…</source>
        <translation>&amp;So sánh phiên bản…</translation>
    </message>
    <message>
        <source>Show the open paper&apos;s older version beside the new one, and what changed</source>
        <translation>Xem bản cũ của tài liệu đang mở bên cạnh bản mới, và những chỗ thay đổi</translation>
    </message>
    <message>
        <source>Open a paper first, then compare its versions.</source>
        <translation>Hãy mở một tài liệu trước, rồi so sánh các phiên bản của nó.</translation>
    </message>
    <message>
        <source>This paper has only one version: there is nothing to compare.</source>
        <translation>Tài liệu này mới có một phiên bản: chưa có gì để so sánh.</translation>
    </message>
    <message>
        <source>Compare versions</source>
        <translation>So sánh phiên bản</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare versions — %1</source>
        <translation>So sánh phiên bản — %1</translation>
    </message>
    <message>
        <source>Older version:</source>
        <translation>Bản cũ:</translation>
    </message>
    <message>
        <source>Newer version:</source>
        <translation>Bản mới:</translation>
    </message>
    <message>
        <source>Only pages that changed</source>
        <translation>Chỉ các trang có thay đổi</translation>
    </message>
    <message>
        <source>Scroll both together</source>
        <translation>Cuộn hai bản cùng nhau</translation>
    </message>
    <message>
        <source>Loading the versions…</source>
        <translation>Đang tải danh sách phiên bản…</translation>
    </message>
    <message>
        <source>This paper has only one version: there is nothing to compare.</source>
        <translation>Tài liệu này mới có một phiên bản: chưa có gì để so sánh.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Phiên bản %1</translation>
    </message>
    <message>
        <source>(current)</source>
        <translation>(hiện hành)</translation>
    </message>
    <message>
        <source>(not on this computer)</source>
        <translation>(không có trên máy)</translation>
    </message>
    <message>
        <source>Choose two different versions to compare.</source>
        <translation>Hãy chọn hai phiên bản khác nhau để so sánh.</translation>
    </message>
    <message>
        <source>Version %1 of this paper is no longer on this computer, so it cannot be compared. Connect to the network and sync, or choose another version.</source>
        <translation>Phiên bản %1 của tài liệu này không còn trên máy nên không so sánh được. Hãy kết nối mạng và đồng bộ, hoặc chọn phiên bản khác.</translation>
    </message>
    <message>
        <source>Comparing the versions…</source>
        <translation>Đang so sánh hai phiên bản…</translation>
    </message>
    <message>
        <source>The two versions have the same text.</source>
        <translation>Hai phiên bản có nội dung chữ giống nhau.</translation>
    </message>
    <message>
        <source>%1 page(s) changed.</source>
        <translation>Có %1 trang thay đổi.</translation>
    </message>
    <message>
        <source>Old page %1: removed</source>
        <translation>Trang %1 của bản cũ: đã bỏ</translation>
    </message>
    <message>
        <source>Page %1: new</source>
        <translation>Trang %1: trang mới</translation>
    </message>
    <message>
        <source>Page %1: unchanged</source>
        <translation>Trang %1: không đổi</translation>
    </message>
    <message>
        <source>Page %1: %2 added, %3 removed</source>
        <translation>Trang %1: thêm %2, bớt %3</translation>
    </message>
    <message>
        <source>Opening version %1…</source>
        <translation>Đang mở phiên bản %1…</translation>
    </message>
    <message>
        <source>Version %1 is no longer on this computer.</source>
        <translation>Phiên bản %1 không còn trên máy này.</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>No objection</source>
        <translation>Không phản đối</translation>
    </message>
    <message>
        <source>Wish to speak</source>
        <translation>Xin phát biểu</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Phản đối</translation>
    </message>
    <message>
        <source>Pull out of the consent list</source>
        <translation>Đưa ra khỏi danh sách thông qua</translation>
    </message>
    <message>
        <source>&amp;No objection</source>
        <translation>&amp;Không phản đối</translation>
    </message>
    <message>
        <source>Wish to &amp;speak</source>
        <translation>&amp;Xin phát biểu</translation>
    </message>
    <message>
        <source>&amp;Object (a reason is required)</source>
        <translation>&amp;Phản đối (phải nêu lý do)</translation>
    </message>
    <message>
        <source>P&amp;ull out of the consent list</source>
        <translation>Đưa &amp;ra khỏi danh sách thông qua</translation>
    </message>
    <message>
        <source>waiting to be sent (next sync)</source>
        <translation>đang chờ gửi (lần đồng bộ tới)</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>bị từ chối: %1</translation>
    </message>
    <message>
        <source>An objection needs a reason: write why you object.</source>
        <translation>Khi phản đối một nội dung, hãy nêu lý do phản đối.</translation>
    </message>
</context>
<context>
    <name>ConsentAction</name>
    <message>
        <source>&amp;Marks on the agenda…</source>
        <translation>Ý &amp;kiến về chương trình họp…</translation>
    </message>
    <message>
        <source>Before the meeting: no objection, wish to speak, object or pull out, for each agenda item</source>
        <translation>Trước phiên họp: không phản đối, xin phát biểu, phản đối hoặc đưa ra khỏi danh sách thông qua, cho từng nội dung</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Marks on the agenda</source>
        <translation>Ý kiến về chương trình họp</translation>
    </message>
    <message>
        <source>Agenda &amp;items</source>
        <translation>&amp;Danh mục nội dung</translation>
    </message>
    <message>
        <source>&amp;Reason or what you wish to raise</source>
        <translation>&amp;Lý do, hoặc điều muốn nêu</translation>
    </message>
    <message>
        <source>Record &amp;mark (Ctrl+Enter)</source>
        <translation>&amp;Ghi ý kiến (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Before the meeting, mark each item. Items no one objects to, asks to speak on or pulls out are adopted without debate. Marks are sent at the next sync.</source>
        <translation>Trước phiên họp, hãy cho ý kiến về từng nội dung. Nội dung không ai phản đối, xin phát biểu hay đưa ra khỏi danh sách sẽ được thông qua không thảo luận. Ý kiến được gửi ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>The meeting is held or cancelled: marks are no longer taken.</source>
        <translation>Phiên họp đã kết thúc hoặc bị huỷ: không nhận thêm ý kiến về nội dung.</translation>
    </message>
    <message>
        <source>not marked yet</source>
        <translation>chưa cho ý kiến</translation>
    </message>
    <message>
        <source>Your mark: %1</source>
        <translation>Ý kiến của bạn: %1</translation>
    </message>
    <message>
        <source>Choose one of the marks first.</source>
        <translation>Hãy chọn một ý kiến trước.</translation>
    </message>
    <message>
        <source>The reason is too long (at most 2,000 characters).</source>
        <translation>Lý do quá dài (tối đa 2.000 ký tự).</translation>
    </message>
    <message>
        <source>Recorded: %1. It is sent at the next sync.</source>
        <translation>Đã ghi: %1. Ý kiến sẽ được gửi ở lần đồng bộ tới.</translation>
    </message>
</context>
<context>
    <name>ConsentView</name>
    <message>
        <source>Consent list — %1</source>
        <translation>Danh sách thông qua — %1</translation>
    </message>
    <message>
        <source>%1: items no member objected to, asked to speak on or pulled out are adopted without debate; the others are discussed.</source>
        <translation>%1: nội dung không thành viên nào phản đối, xin phát biểu hay đưa ra khỏi danh sách được thông qua không thảo luận; các nội dung còn lại đưa ra thảo luận.</translation>
    </message>
    <message>
        <source>For adoption &amp;without debate</source>
        <translation>Thông qua &amp;không thảo luận</translation>
    </message>
    <message>
        <source>To &amp;discuss: who raised what, and why</source>
        <translation>Cần &amp;thảo luận: ai nêu ý kiến gì, vì sao</translation>
    </message>
    <message>
        <source>&amp;Refresh (F5)</source>
        <translation>&amp;Làm mới (F5)</translation>
    </message>
    <message>
        <source>%1 for adoption without debate, %2 to discuss.</source>
        <translation>%1 nội dung thông qua không thảo luận, %2 nội dung cần thảo luận.</translation>
    </message>
    <message>
        <source>Not refreshed: %1</source>
        <translation>Chưa làm mới được: %1</translation>
    </message>
    <message>
        <source>%1. %2 — %3 no objection, %4 not marked</source>
        <translation>%1. %2 — %3 không phản đối, %4 chưa cho ý kiến</translation>
    </message>
    <message>
        <source>Not marked yet: %1</source>
        <translation>Chưa cho ý kiến: %1</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>not opened</source>
        <translation>chưa mở</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>đã mở</translation>
    </message>
    <message>
        <source>opened an earlier version</source>
        <translation>đã mở bản cũ</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>không lấy ý kiến</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>chưa trả lời</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>đã trả lời</translation>
    </message>
    <message>
        <source>answered an earlier draft</source>
        <translation>đã trả lời (dự thảo cũ)</translation>
    </message>
    <message>
        <source>ballot due within 24 hours not answered</source>
        <translation>chưa trả lời phiếu lấy ý kiến sắp hết hạn (trong 24 giờ)</translation>
    </message>
    <message>
        <source>papers unread and the meeting is within 24 hours</source>
        <translation>chưa đọc tài liệu, phiên họp diễn ra trong 24 giờ tới</translation>
    </message>
    <message>
        <source>Overdue: %1</source>
        <translation>Quá hạn: %1</translation>
    </message>
    <message>
        <source>Paper: %1 (furthest page read / pages)</source>
        <translation>Tài liệu: %1 (trang xa nhất đã đọc / số trang)</translation>
    </message>
    <message>
        <source>Ballot: %1 (whether answered; the choice is never shown)</source>
        <translation>Phiếu: %1 (chỉ cho biết đã trả lời hay chưa; không bao giờ hiện lựa chọn)</translation>
    </message>
    <message>
        <source>Ballot %1</source>
        <translation>Phiếu %1</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Papers synced</source>
        <translation>Đã đồng bộ tài liệu</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Đồng bộ lần cuối</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>chưa</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa đồng bộ</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Follow-up: %1</source>
        <translation>Theo dõi: %1</translation>
    </message>
    <message>
        <source>&amp;Participants (Ctrl+click or Shift+arrows to choose several)</source>
        <translation>&amp;Thành viên dự họp (Ctrl+nhấp chuột hoặc Shift+mũi tên để chọn nhiều người)</translation>
    </message>
    <message>
        <source>Re&amp;fresh (F5)</source>
        <translation>&amp;Làm mới (F5)</translation>
    </message>
    <message>
        <source>Reminder &amp;text (optional):</source>
        <translation>Nội &amp;dung lời nhắc (không bắt buộc):</translation>
    </message>
    <message>
        <source>Left empty: “The Government Office reminds you to prepare for …”</source>
        <translation>Để trống: “Văn phòng Chính phủ nhắc: hãy chuẩn bị cho …”</translation>
    </message>
    <message>
        <source>&amp;Remind the chosen members</source>
        <translation>&amp;Nhắc các thành viên đã chọn</translation>
    </message>
    <message>
        <source>Save as &amp;CSV…</source>
        <translation>Lưu thành &amp;CSV…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Lưu thành &amp;PDF…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>%1 participant(s), %2 overdue; figures of %3</source>
        <translation>%1 thành viên dự họp, %2 quá hạn; số liệu lúc %3</translation>
    </message>
    <message>
        <source>Choose the members to remind in the table first.</source>
        <translation>Hãy chọn trong bảng các thành viên cần nhắc.</translation>
    </message>
    <message>
        <source>Reminder recorded; %1 get(s) it at their next sync.</source>
        <translation>Đã ghi nhận lời nhắc; %1 sẽ nhận được ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>Save the table as CSV</source>
        <translation>Lưu bảng thành tệp CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save the table as PDF</source>
        <translation>Lưu bảng thành tệp PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Không lưu được %1: thư mục không có hoặc không ghi được (%2)</translation>
    </message>
</context>
<context>
    <name>EdxmlPreviewDialog</name>
    <message>
        <source>Import an edXML package</source>
        <translation>Nhập gói tin edXML</translation>
    </message>
    <message>
        <source>Its PDF attachments become papers of the agenda item “{item}”.</source>
        <translation>Các tệp PDF đính kèm sẽ trở thành tài liệu của nội dung họp “{item}”.</translation>
    </message>
    <message>
        <source>I have checked with the sending organisation: import it anyway</source>
        <translation>Tôi đã kiểm tra lại với cơ quan gửi: vẫn nhập gói tin này</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Nơi gửi:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Nơi nhận:</translation>
    </message>
    <message>
        <source>Number and notation:</source>
        <translation>Số, ký hiệu:</translation>
    </message>
    <message>
        <source>Place and date:</source>
        <translation>Nơi, ngày ban hành:</translation>
    </message>
    <message>
        <source>Document type:</source>
        <translation>Loại văn bản:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Trích yếu:</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>Người ký:</translation>
    </message>
    <message>
        <source>Due date:</source>
        <translation>Hạn xử lý:</translation>
    </message>
    <message>
        <source>Digital signature: none. Nothing vouches for who sent the package.</source>
        <translation>Chữ ký số: không có. Không có gì bảo đảm gói tin do ai gửi.</translation>
    </message>
    <message>
        <source>Digital signature: present and verifies — nothing signed has changed since {signer} signed it. Whether that certificate belongs to the sender is not checked here.</source>
        <translation>Chữ ký số: có, hợp lệ — nội dung được ký không thay đổi từ khi {signer} ký. Chứng thư số đó có đúng của cơ quan gửi hay không thì chưa được kiểm tra ở đây.</translation>
    </message>
    <message>
        <source>The signature covers the envelope only, not the attached files.</source>
        <translation>Chữ ký chỉ bảo đảm phong bì, không bảo đảm các tệp đính kèm.</translation>
    </message>
    <message>
        <source>Digital signature: present but does NOT verify — the package may have been changed after it was signed ({reason}). Ask the sending organisation before importing it.</source>
        <translation>Chữ ký số: có nhưng KHÔNG hợp lệ — gói tin có thể đã bị sửa sau khi ký ({reason}). Hãy hỏi lại cơ quan gửi trước khi nhập.</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Kiểu</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message numerus="yes">
        <source>will import (%n page(s))</source>
        <translation>
            <numerusform>sẽ nhập (%n trang)</numerusform>
        </translation>
    </message>
    <message>
        <source>skipped: the same file as “{name}”</source>
        <translation>bỏ qua: trùng tệp với “{name}”</translation>
    </message>
    <message>
        <source>skipped: not a PDF</source>
        <translation>bỏ qua: không phải tệp PDF</translation>
    </message>
    <message>
        <source>The package holds no PDF attachment to import.</source>
        <translation>Gói tin không có tệp PDF nào để nhập.</translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s) will be added; </source>
        <translation>
            <numerusform>Sẽ thêm %n tài liệu; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s) skipped.</source>
        <translation>
            <numerusform>bỏ qua %n tệp đính kèm.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside eCabinet. Your work on this computer is kept. Please try again; if it happens again, contact the Government Office&apos;s IT support.</source>
        <translation>Đã xảy ra lỗi trong eCabinet. Dữ liệu của bạn trên máy vẫn được giữ nguyên. Vui lòng thử lại; nếu lỗi lặp lại, hãy liên hệ bộ phận kỹ thuật của Văn phòng Chính phủ.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Không tìm thấy</translation>
    </message>
    <message>
        <source>Find in this paper</source>
        <translation>Tìm trong tài liệu này</translation>
    </message>
    <message>
        <source>Ignore diacritics</source>
        <translation>Bỏ qua dấu</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Kết quả trước (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Kết quả sau (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
</context>
<context>
    <name>GuestsEditor</name>
    <message>
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <source>Position or organisation</source>
        <translation>Chức vụ hoặc cơ quan</translation>
    </message>
    <message>
        <source>Invited guests</source>
        <translation>Khách mời</translation>
    </message>
    <message>
        <source>&amp;Add guest</source>
        <translation>Thêm khá&amp;ch mời</translation>
    </message>
    <message>
        <source>Remo&amp;ve guest</source>
        <translation>&amp;Bỏ khách mời</translation>
    </message>
    <message>
        <source>Enter the name of each invited guest, or remove the row.</source>
        <translation>Hãy nhập tên của từng khách mời, hoặc bỏ dòng đó.</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>… and %1 more in the catalogue</source>
        <translation>… và %1 mục khác trong danh mục</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>Không có mục nào.</translation>
    </message>
    <message>
        <source>Version %1 (you read version %2)</source>
        <translation>Phiên bản %1 (bạn đã đọc phiên bản %2)</translation>
    </message>
    <message>
        <source>Deadline passed: %1</source>
        <translation>Đã quá hạn: %1</translation>
    </message>
    <message>
        <source>Due soon: %1</source>
        <translation>Sắp hết hạn: %1</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>Hạn gửi phiếu: %1</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Trang chủ</translation>
    </message>
    <message>
        <source>&amp;Open ballots, by deadline</source>
        <translation>&amp;Phiếu lấy ý kiến đang mở, theo hạn gửi</translation>
    </message>
    <message>
        <source>&amp;Papers not read yet</source>
        <translation>&amp;Tài liệu chưa đọc</translation>
    </message>
    <message>
        <source>&amp;Updated since you read them</source>
        <translation>&amp;Có phiên bản mới từ lần đọc trước</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Agenda item</source>
        <translation>Nội dung phiên họp</translation>
    </message>
    <message>
        <source>Not classified</source>
        <translation>Không mật</translation>
    </message>
    <message>
        <source>&amp;Content:</source>
        <translation>&amp;Nội dung:</translation>
    </message>
    <message>
        <source>&amp;Presenting ministry:</source>
        <translation>&amp;Cơ quan trình:</translation>
    </message>
    <message>
        <source>C&amp;lassification:</source>
        <translation>Độ &amp;mật:</translation>
    </message>
    <message>
        <source>Enter the item&apos;s content.</source>
        <translation>Hãy nhập nội dung.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Enter the server address, your username and your password.</source>
        <translation>Hãy nhập địa chỉ máy chủ, tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>This computer already holds another account&apos;s data for that server.</source>
        <translation>Máy tính này đang giữ dữ liệu của một tài khoản khác trên máy chủ đó.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>eCabinet — Log in</source>
        <translation>eCabinet — Đăng nhập</translation>
    </message>
    <message>
        <source>Log in to receive meeting papers. After that you can read them without a network.</source>
        <translation>Đăng nhập để nhận tài liệu phiên họp. Sau đó bạn có thể đọc tài liệu cả khi không có mạng.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <source>Toolbar</source>
        <translation>Thanh công cụ</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>&amp;Trang chủ</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Search all papers…</source>
        <translation>Tìm trong mọi tài liệu…</translation>
    </message>
    <message>
        <source>Reading mode (full screen)</source>
        <translation>Chế độ đọc (toàn màn hình)</translation>
    </message>
    <message>
        <source>Home: unread papers and open ballots</source>
        <translation>Trang chủ: tài liệu chưa đọc và phiếu lấy ý kiến đang mở</translation>
    </message>
    <message>
        <source>Sync now: receive new papers, send your answers</source>
        <translation>Đồng bộ ngay: nhận tài liệu mới, gửi ý kiến của anh/chị</translation>
    </message>
    <message>
        <source>Search the text of every paper on this computer</source>
        <translation>Tìm trong nội dung mọi tài liệu trên máy này</translation>
    </message>
    <message>
        <source>Reading mode: the paper alone, full screen</source>
        <translation>Chế độ đọc: chỉ tài liệu, toàn màn hình</translation>
    </message>
    <message>
        <source>Log out of eCabinet on this computer</source>
        <translation>Đăng xuất khỏi eCabinet trên máy này</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>eCabinet — %1</source>
        <translation>eCabinet — %1</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Đồng &amp;bộ ngay</translation>
    </message>
    <message>
        <source>Written opinion</source>
        <translation>Phiếu lấy ý kiến</translation>
    </message>
    <message>
        <source>Log &amp;in again…</source>
        <translation>Đăng &amp;nhập lại…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>Choose a meeting or a document on the left.</source>
        <translation>Chọn một phiên họp hoặc tài liệu ở bên trái.</translation>
    </message>
    <message>
        <source>No meeting papers on this computer yet. They arrive with the first sync.</source>
        <translation>Máy tính này chưa có tài liệu phiên họp nào. Tài liệu sẽ về sau lần đồng bộ đầu tiên.</translation>
    </message>
    <message>
        <source>“%1” is not on this computer yet. It will be downloaded at the next sync.</source>
        <translation>“%1” chưa có trên máy. Tài liệu sẽ được tải về ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>This computer has no OS keyring: the papers, your login and your signing key on it are protected by your passphrase.</source>
        <translation>Máy tính này không có kho khóa của hệ điều hành: tài liệu, phiên đăng nhập và khóa ký trên máy được bảo vệ bằng cụm mật khẩu của bạn.</translation>
    </message>
    <message>
        <source>You are working offline with the papers on this computer. Log in again (File → Log in again…) to receive new papers and send your changes.</source>
        <translation>Bạn đang làm việc ngoại tuyến với tài liệu có trên máy. Hãy đăng nhập lại (Tệp → Đăng nhập lại…) để nhận tài liệu mới và gửi các thay đổi của bạn.</translation>
    </message>
    <message>
        <source>The papers on this computer are locked. Log in to open them.</source>
        <translation>Tài liệu trên máy này đang bị khóa. Hãy đăng nhập để mở.</translation>
    </message>
    <message>
        <source>Signed answers not sent yet</source>
        <translation>Còn ý kiến đã ký chưa gửi</translation>
    </message>
    <message>
        <source>%1 signed answer(s) have not reached the Government Office yet. They stay safely on this computer and are sent the next time eCabinet connects, but the deadline may pass before that. Quit anyway?</source>
        <translation>Còn %1 ý kiến đã ký chưa tới Văn phòng Chính phủ. Các ý kiến này được giữ an toàn trên máy và sẽ được gửi khi eCabinet kết nối lại, nhưng có thể quá hạn gửi phiếu trước lúc đó. Vẫn thoát?</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Vẫn thoát</translation>
    </message>
    <message>
        <source>Stay and send now</source>
        <translation>Ở lại và gửi ngay</translation>
    </message>
</context>
<context>
    <name>MeetingDayWindow</name>
    <message>
        <source>At the meeting</source>
        <translation>Tại phiên họp</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Conclusions</source>
        <translation>Kết luận</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Deputy attending</source>
        <translation>Cấp phó dự thay</translation>
    </message>
    <message>
        <source>&amp;Save attendance</source>
        <translation>&amp;Lưu điểm danh</translation>
    </message>
    <message>
        <source>Con&amp;clusion of the selected item</source>
        <translation>&amp;Kết luận của nội dung đang chọn</translation>
    </message>
    <message>
        <source>Save c&amp;onclusion</source>
        <translation>Lưu kết l&amp;uận</translation>
    </message>
    <message>
        <source>Make the &amp;minutes…</source>
        <translation>Lập &amp;biên bản…</translation>
    </message>
    <message>
        <source>— not recorded —</source>
        <translation>— chưa điểm danh —</translation>
    </message>
    <message>
        <source>Present in the room</source>
        <translation>Có mặt tại phòng họp</translation>
    </message>
    <message>
        <source>Attending remotely</source>
        <translation>Dự họp trực tuyến</translation>
    </message>
    <message>
        <source>Absent, with the Prime Minister&apos;s consent</source>
        <translation>Vắng mặt (được Thủ tướng đồng ý)</translation>
    </message>
    <message>
        <source>Absent, represented by a deputy</source>
        <translation>Vắng mặt, cử cấp phó dự thay</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>Name and title of the deputy</source>
        <translation>Họ tên, chức vụ của cấp phó</translation>
    </message>
    <message>
        <source>The organisation has no member accounts yet.</source>
        <translation>Tổ chức chưa có tài khoản thành viên nào.</translation>
    </message>
    <message>
        <source>quorum met</source>
        <translation>đủ điều kiện tiến hành phiên họp</translation>
    </message>
    <message>
        <source>quorum NOT met</source>
        <translation>KHÔNG đủ điều kiện tiến hành phiên họp</translation>
    </message>
    <message>
        <source>Members: %1 · attending: %2 · required (two thirds): %3 — %4</source>
        <translation>Tổng số thành viên: %1 · dự họp: %2 · cần ít nhất (hai phần ba): %3 — %4</translation>
    </message>
    <message>
        <source>Attendance saved. %1</source>
        <translation>Đã lưu điểm danh. %1</translation>
    </message>
    <message>
        <source>Conclusion saved; members get it at their next sync.</source>
        <translation>Đã lưu kết luận; thành viên nhận được ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>Saved by another clerk meanwhile: “%1”. Your text is kept above; save again to replace theirs.</source>
        <translation>Trong lúc đó, người khác đã lưu kết luận: “%1”. Nội dung của anh/chị vẫn giữ ở trên; bấm Lưu lần nữa nếu muốn thay nội dung kia.</translation>
    </message>
    <message numerus="yes">
        <source>Minutes %1 (signed) and resolution %2 published to the participants, with %n ballot result bundle(s) embedded in the minutes.</source>
        <translation>
            <numerusform>Đã phát hành tới thành viên dự họp biên bản %1 (đã ký số) và nghị quyết %2; biên bản đính kèm %n gói kết quả lấy ý kiến.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Meeting</source>
        <translation>Phiên họp</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>Phiên họp mới</translation>
    </message>
    <message>
        <source>Regular meeting</source>
        <translation>Phiên họp thường kỳ</translation>
    </message>
    <message>
        <source>Thematic meeting</source>
        <translation>Phiên họp chuyên đề</translation>
    </message>
    <message>
        <source>Government meeting room</source>
        <translation>Phòng họp Chính phủ</translation>
    </message>
    <message>
        <source>Name and title of the deputy, if one attends</source>
        <translation>Họ tên, chức vụ của cấp phó, nếu có người dự thay</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Tên phiên họp:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Loại:</translation>
    </message>
    <message>
        <source>&amp;Date and time:</source>
        <translation>&amp;Ngày giờ:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Đị&amp;a điểm:</translation>
    </message>
    <message>
        <source>&amp;Members (protocol order):</source>
        <translation>Thành &amp;viên (theo thứ tự nghi thức):</translation>
    </message>
    <message>
        <source>Deputy attending in the selected member&apos;s &amp;place:</source>
        <translation>Cấp phó &amp;dự thay thành viên đang chọn:</translation>
    </message>
    <message>
        <source>Invited &amp;guests:</source>
        <translation>K&amp;hách mời:</translation>
    </message>
    <message>
        <source>deputy attending: {name}</source>
        <translation>cấp phó dự thay: {name}</translation>
    </message>
    <message>
        <source>Enter the meeting&apos;s title.</source>
        <translation>Hãy nhập tên phiên họp.</translation>
    </message>
    <message>
        <source>Choose at least one member to invite.</source>
        <translation>Hãy chọn ít nhất một thành viên dự họp.</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <source>Papers sent</source>
        <translation>Đã gửi tài liệu</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Đã họp</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Being prepared</source>
        <translation>Đang chuẩn bị</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Nội dung phiên họp</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Thành phần tham dự</translation>
    </message>
    <message>
        <source>Invited guests</source>
        <translation>Khách mời</translation>
    </message>
</context>
<context>
    <name>MinutesDialog</name>
    <message>
        <source>Make the minutes and the resolution</source>
        <translation>Lập biên bản và nghị quyết phiên họp</translation>
    </message>
    <message>
        <source>Minutes number (…/BB-CP)</source>
        <translation>Số biên bản (…/BB-CP)</translation>
    </message>
    <message>
        <source>Resolution number (…/NQ-CP)</source>
        <translation>Số nghị quyết (…/NQ-CP)</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chủ tọa</translation>
    </message>
    <message>
        <source>Chair&apos;s title</source>
        <translation>Chức vụ chủ tọa</translation>
    </message>
    <message>
        <source>Secretary (signs the minutes)</source>
        <translation>Thư ký (ký biên bản)</translation>
    </message>
    <message>
        <source>Secretary&apos;s title</source>
        <translation>Chức vụ thư ký</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Certificate file (.p12, .pfx)</source>
        <translation>Tệp chứng thư số (.p12, .pfx)</translation>
    </message>
    <message>
        <source>Its password</source>
        <translation>Mật khẩu của tệp</translation>
    </message>
    <message>
        <source>PKCS#11 module of the token</source>
        <translation>Thư viện PKCS#11 của thiết bị ký số</translation>
    </message>
    <message>
        <source>Token label</source>
        <translation>Tên thiết bị ký số</translation>
    </message>
    <message>
        <source>Key label</source>
        <translation>Tên khóa</translation>
    </message>
    <message>
        <source>PIN (a token locks after a few wrong PINs)</source>
        <translation>Mã PIN (nhập sai vài lần thiết bị sẽ bị khóa)</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>Tệp chứng thư số</translation>
    </message>
    <message>
        <source>USB token (PKCS#11)</source>
        <translation>USB token (PKCS#11)</translation>
    </message>
    <message>
        <source>Make, sign and publish</source>
        <translation>Lập, ký và phát hành</translation>
    </message>
    <message>
        <source>Sign the minutes with:</source>
        <translation>Ký biên bản bằng:</translation>
    </message>
    <message>
        <source>Certificates (*.p12 *.pfx)</source>
        <translation>Chứng thư số (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Choose the certificate file to sign with.</source>
        <translation>Hãy chọn tệp chứng thư số dùng để ký.</translation>
    </message>
    <message>
        <source>Choose the token&apos;s PKCS#11 module (a .so or .dll file).</source>
        <translation>Hãy chọn thư viện PKCS#11 của thiết bị ký số (tệp .so hoặc .dll).</translation>
    </message>
    <message>
        <source>Enter the token&apos;s label and the key&apos;s label.</source>
        <translation>Hãy nhập tên thiết bị ký số và tên khóa.</translation>
    </message>
    <message>
        <source>Enter the token&apos;s PIN.</source>
        <translation>Hãy nhập mã PIN của thiết bị ký số.</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>New note</source>
        <translation>Ghi chú mới</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Sửa ghi chú</translation>
    </message>
    <message>
        <source>Write your note (only you see it unless you share it):</source>
        <translation>Viết ghi chú (chỉ mình bạn xem được, trừ khi bạn chia sẻ):</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>The note is too long: at most %1 characters.</source>
        <translation>Ghi chú quá dài: tối đa %1 ký tự.</translation>
    </message>
</context>
<context>
    <name>NotificationCenter</name>
    <message>
        <source>New notification: %1</source>
        <translation>Thông báo mới: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new notification(s); the newest: %1</source>
        <translation>
            <numerusform>%n thông báo mới; mới nhất: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Notifications (%1)</source>
        <translation>Thông báo (%1)</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) not seen yet</source>
        <translation>
            <numerusform>%n thông báo chưa xem</numerusform>
        </translation>
    </message>
    <message>
        <source>No new notifications</source>
        <translation>Không có thông báo mới</translation>
    </message>
    <message>
        <source>What this notification is about is no longer on this computer.</source>
        <translation>Nội dung của thông báo này không còn trên máy tính này.</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>New meeting</source>
        <translation>Phiên họp mới</translation>
    </message>
    <message>
        <source>New paper</source>
        <translation>Tài liệu mới</translation>
    </message>
    <message>
        <source>Updated paper</source>
        <translation>Tài liệu cập nhật</translation>
    </message>
    <message>
        <source>New ballot</source>
        <translation>Phiếu lấy ý kiến mới</translation>
    </message>
    <message>
        <source>Deadline extended</source>
        <translation>Gia hạn phiếu</translation>
    </message>
    <message>
        <source>Deadline near</source>
        <translation>Sắp hết hạn</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Nhắc nhở</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Thông báo</translation>
    </message>
</context>
<context>
    <name>NotificationsDock</name>
    <message>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>No notifications yet. They arrive with each sync.</source>
        <translation>Chưa có thông báo. Thông báo đến sau mỗi lần đồng bộ.</translation>
    </message>
    <message>
        <source>&amp;Mark all as seen</source>
        <translation>Đánh &amp;dấu đã xem tất cả</translation>
    </message>
    <message>
        <source>Notifications, newest first</source>
        <translation>Thông báo, mới nhất ở trên</translation>
    </message>
</context>
<context>
    <name>PackAction</name>
    <message>
        <source>Export the meeting pack</source>
        <translation>Xuất tập tài liệu họp</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Building the meeting pack…</source>
        <translation>Đang lập tập tài liệu họp…</translation>
    </message>
    <message>
        <source>Meeting pack saved: %1 (%2 pages), marked with your name and the time.</source>
        <translation>Đã lưu tập tài liệu họp: %1 (%2 trang), mỗi trang có tên của anh/chị và thời điểm xuất.</translation>
    </message>
    <message>
        <source>The meeting pack was not exported: %1</source>
        <translation>Chưa xuất được tập tài liệu họp: %1</translation>
    </message>
    <message>
        <source>Export meeting &amp;pack…</source>
        <translation>Xuất tập tài liệu &amp;họp…</translation>
    </message>
    <message>
        <source>One PDF of the selected meeting&apos;s papers, marked with your name</source>
        <translation>Một tệp PDF gồm các tài liệu của phiên họp đang chọn, có đóng dấu tên của anh/chị</translation>
    </message>
</context>
<context>
    <name>PaneCycle</name>
    <message>
        <source>Next pane</source>
        <translation>Vùng kế tiếp</translation>
    </message>
    <message>
        <source>Previous pane</source>
        <translation>Vùng trước</translation>
    </message>
</context>
<context>
    <name>PaperTabs</name>
    <message>
        <source>“%1” is not on this computer yet. It will be downloaded at the next sync.</source>
        <translation>“%1” chưa có trên máy. Tài liệu sẽ được tải về ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>&amp;Reading mode</source>
        <translation>Chế độ &amp;đọc</translation>
    </message>
    <message>
        <source>&amp;Side panel</source>
        <translation>&amp;Bảng bên</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation>Cụm mật khẩu cần ít nhất %1 ký tự.</translation>
    </message>
    <message>
        <source>The two passphrases differ. Type the same one twice.</source>
        <translation>Hai cụm mật khẩu không giống nhau. Hãy gõ cùng một cụm hai lần.</translation>
    </message>
    <message>
        <source>Enter your passphrase.</source>
        <translation>Hãy nhập cụm mật khẩu của bạn.</translation>
    </message>
    <message>
        <source>eCabinet — Passphrase</source>
        <translation>eCabinet — Cụm mật khẩu</translation>
    </message>
    <message>
        <source>This computer has no OS keyring (such as GNOME Keyring or KWallet), so eCabinet cannot keep the key to your papers there. Choose a passphrase instead: the papers, your login and your signing key on this computer are encrypted with it, and you will enter it each time you open eCabinet. It cannot be recovered: if you forget it, this computer&apos;s copy has to be deleted and downloaded again, and opinions not yet sent are lost.</source>
        <translation>Máy tính này không có kho khóa của hệ điều hành (như GNOME Keyring hoặc KWallet), nên eCabinet không thể giữ khóa mở tài liệu của bạn ở đó. Thay vào đó, hãy chọn một cụm mật khẩu: tài liệu, phiên đăng nhập và khóa ký trên máy này được mã hóa bằng cụm mật khẩu đó, và bạn sẽ nhập nó mỗi lần mở eCabinet. Cụm mật khẩu không thể khôi phục: nếu quên, bản lưu trên máy này phải bị xóa và tải lại, và các phiếu ý kiến chưa gửi sẽ bị mất.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <source>This computer has no OS keyring, so the papers on it are protected by your passphrase. Enter it to open them.</source>
        <translation>Máy tính này không có kho khóa của hệ điều hành, nên tài liệu trên máy được bảo vệ bằng cụm mật khẩu của bạn. Hãy nhập cụm mật khẩu để mở.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Cụm mật khẩu</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Nhập lại cụm mật khẩu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>PrepareBase</name>
    <message>
        <source>Prepare meetings</source>
        <translation>Chuẩn bị họp</translation>
    </message>
    <message>
        <source>&amp;Meetings</source>
        <translation>&amp;Phiên họp</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Tạo mới…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel meeting</source>
        <translation>&amp;Hủy phiên họp</translation>
    </message>
    <message>
        <source>&amp;Agenda (drag, or Alt+Up / Alt+Down, to reorder; drop PDFs on an item)</source>
        <translation>&amp;Chương trình (kéo thả, hoặc Alt+Lên / Alt+Xuống, để sắp xếp; thả tệp PDF lên một nội dung để đính kèm)</translation>
    </message>
    <message>
        <source>Add &amp;item…</source>
        <translation>Thêm &amp;nội dung…</translation>
    </message>
    <message>
        <source>Edi&amp;t item…</source>
        <translation>Sửa nội d&amp;ung…</translation>
    </message>
    <message>
        <source>&amp;Delete item</source>
        <translation>&amp;Xóa nội dung</translation>
    </message>
    <message>
        <source>Attach &amp;PDF…</source>
        <translation>Đính &amp;kèm PDF…</translation>
    </message>
    <message>
        <source>Import ed&amp;XML…</source>
        <translation>Nhập &amp;edXML…</translation>
    </message>
    <message>
        <source>Import an official document received over the national document interchange (edXML package): its PDFs become papers of the item</source>
        <translation>Nhập văn bản nhận qua trục liên thông văn bản quốc gia (gói tin edXML): các tệp PDF của văn bản trở thành tài liệu của nội dung họp</translation>
    </message>
    <message>
        <source>Pape&amp;rs of the selected item</source>
        <translation>Tài &amp;liệu của nội dung đang chọn</translation>
    </message>
    <message>
        <source>Replace with a new &amp;version…</source>
        <translation>Thay bằng phiên &amp;bản mới…</translation>
    </message>
    <message>
        <source>Issue &amp;ballot…</source>
        <translation>Phát &amp;phiếu lấy ý kiến…</translation>
    </message>
    <message>
        <source>Pu&amp;blish to participants</source>
        <translation>Phát &amp;hành tới thành viên dự họp</translation>
    </message>
    <message>
        <source>F&amp;ollow-up…</source>
        <translation>Theo &amp;dõi…</translation>
    </message>
    <message>
        <source>Consent &amp;list…</source>
        <translation>Danh sách thông &amp;qua…</translation>
    </message>
    <message>
        <source>Attendance, conclusions, &amp;minutes…</source>
        <translation>Điểm danh, kết luận, &amp;biên bản…</translation>
    </message>
    <message>
        <source>being prepared</source>
        <translation>đang chuẩn bị</translation>
    </message>
    <message>
        <source>published</source>
        <translation>đã phát hành</translation>
    </message>
    <message>
        <source>held</source>
        <translation>đã họp</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <source>Choose a meeting, or create one with “New…”.</source>
        <translation>Hãy chọn một phiên họp, hoặc tạo mới bằng nút “Tạo mới…”.</translation>
    </message>
    <message>
        <source>Thematic meeting</source>
        <translation>Phiên họp chuyên đề</translation>
    </message>
    <message>
        <source>Regular meeting</source>
        <translation>Phiên họp thường kỳ</translation>
    </message>
    <message>
        <source>{title} — {kind}, {when}, {place}; {count} members invited ({status})</source>
        <translation>{title} — {kind}, {when}, {place}; mời {count} thành viên ({status})</translation>
    </message>
</context>
<context>
    <name>PrepareMenu</name>
    <message>
        <source>&amp;Secretariat</source>
        <translation>&amp;Thư ký</translation>
    </message>
    <message>
        <source>&amp;Prepare meetings…</source>
        <translation>&amp;Chuẩn bị họp…</translation>
    </message>
</context>
<context>
    <name>PrepareWindow</name>
    <message>
        <source>Meeting created. Add the agenda items, then publish.</source>
        <translation>Đã tạo phiên họp. Hãy thêm các nội dung rồi phát hành.</translation>
    </message>
    <message>
        <source>Cancel this meeting? Its participants are told at their next sync.</source>
        <translation>Hủy phiên họp này? Thành viên dự họp sẽ được báo ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>Published: participants get the meeting at their next sync.</source>
        <translation>Đã phát hành: thành viên dự họp nhận phiên họp ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>Delete this agenda item and take its papers off the agenda?</source>
        <translation>Xóa nội dung này và đưa các tài liệu của nó ra khỏi chương trình?</translation>
    </message>
    <message>
        <source>Attach PDF files</source>
        <translation>Đính kèm tệp PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s) attached.</source>
        <translation>
            <numerusform>Đã đính kèm %n tài liệu.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import an edXML package</source>
        <translation>Nhập gói tin edXML</translation>
    </message>
    <message>
        <source>edXML packages (*.edxml *.xml)</source>
        <translation>Gói tin edXML (*.edxml *.xml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n paper(s) from the edXML package…</source>
        <translation>
            <numerusform>Đang nhập %n tài liệu từ gói tin edXML…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s) imported from the edXML package</source>
        <translation>
            <numerusform>Đã nhập %n tài liệu từ gói tin edXML</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped: {names}.</source>
        <translation>Bỏ qua: {names}.</translation>
    </message>
    <message>
        <source>New version sent; members see it as updated.</source>
        <translation>Đã gửi phiên bản mới; thành viên sẽ thấy tài liệu được đánh dấu là đã cập nhật.</translation>
    </message>
    <message>
        <source>Ballot issued.</source>
        <translation>Đã phát phiếu lấy ý kiến.</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Answered</source>
        <translation>Đã trả lời</translation>
    </message>
    <message>
        <source>Answered on an outdated draft</source>
        <translation>Trả lời trên bản dự thảo cũ</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Chưa trả lời</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Nội dung ý kiến</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Thời điểm nhận</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <source>Opening “%1”…</source>
        <translation>Đang mở “%1”…</translation>
    </message>
    <message>
        <source>“%1” is protected by a password, so eCabinet cannot show it. Ask the Government Office for a copy without a password.</source>
        <translation>“%1” được bảo vệ bằng mật khẩu nên eCabinet không hiển thị được. Hãy đề nghị Văn phòng Chính phủ gửi bản không đặt mật khẩu.</translation>
    </message>
    <message>
        <source>“%1” cannot be shown: the file is not a readable PDF (%2). Ask the Government Office to publish it again.</source>
        <translation>Không hiển thị được “%1”: tệp không phải là PDF đọc được (%2). Hãy đề nghị Văn phòng Chính phủ phát hành lại.</translation>
    </message>
    <message>
        <source>This document cannot be shown (%1). Sync again to fetch a fresh copy.</source>
        <translation>Không hiển thị được tài liệu này (%1). Hãy đồng bộ lại để tải bản mới.</translation>
    </message>
</context>
<context>
    <name>ReaderToolbar</name>
    <message>
        <source>Show or hide the side panel (F9)</source>
        <translation>Hiện hoặc ẩn bảng bên (F9)</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Trang trước (Page Up)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Trang sau (Page Down)</translation>
    </message>
    <message>
        <source>Go to page (Ctrl+G)</source>
        <translation>Đến trang (Ctrl+G)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Phóng to (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Thu nhỏ (Ctrl+-)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <source>&amp;Search all papers…</source>
        <translation>&amp;Tìm trong mọi tài liệu…</translation>
    </message>
    <message>
        <source>Search the text of every paper and note (%1)</source>
        <translation>Tìm trong nội dung mọi tài liệu và ghi chú (%1)</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search all papers on this computer…</source>
        <translation>Tìm trong mọi tài liệu trên máy này…</translation>
    </message>
    <message>
        <source>Ignore diacritics</source>
        <translation>Bỏ qua dấu</translation>
    </message>
    <message>
        <source>&quot;ngan sach&quot; also finds &quot;ngân sách&quot;; exact accents come first</source>
        <translation>&quot;ngan sach&quot; cũng tìm thấy &quot;ngân sách&quot;; kết quả đúng dấu xếp trước</translation>
    </message>
    <message>
        <source>Type words to search every paper and note on this computer.</source>
        <translation>Gõ từ cần tìm trong mọi tài liệu và ghi chú trên máy này.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>No paper on this computer contains “%1”.</source>
        <translation>Không có tài liệu nào trên máy này chứa “%1”.</translation>
    </message>
    <message>
        <source>No paper on this computer contains “%1” with these accents. Tick “Ignore diacritics” to find it written any way.</source>
        <translation>Không có tài liệu nào trên máy này chứa “%1” đúng dấu như vậy. Hãy chọn “Bỏ qua dấu” để tìm cả khi viết khác dấu.</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>(paper no longer available)</source>
        <translation>(tài liệu không còn trên máy)</translation>
    </message>
    <message>
        <source>note, page %1</source>
        <translation>ghi chú, trang %1</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>trang %1</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>&amp;Account and security…</source>
        <translation>&amp;Tài khoản và bảo mật…</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>Đổi &amp;người dùng…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>A new device can now sign in your name: %1. If this was not you, contact the Government Office at once (Account and security lists your devices).</source>
        <translation>Có thiết bị mới vừa được đăng ký để ký nhân danh bạn: %1. Nếu không phải bạn, hãy báo ngay Văn phòng Chính phủ (mục Tài khoản và bảo mật liệt kê các thiết bị của bạn).</translation>
    </message>
    <message>
        <source>This computer&apos;s access was revoked</source>
        <translation>Máy tính này đã bị thu hồi quyền truy cập</translation>
    </message>
    <message>
        <source>Signed answers not sent yet</source>
        <translation>Còn ý kiến đã ký chưa gửi</translation>
    </message>
    <message>
        <source>%1 signed answer(s) have not reached the Government Office yet. They stay on this computer and are sent after you log in here again. Continue?</source>
        <translation>Còn %1 ý kiến đã ký chưa tới Văn phòng Chính phủ. Các ý kiến này được giữ trên máy và sẽ được gửi sau khi bạn đăng nhập lại trên máy này. Tiếp tục?</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Ở lại</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Pages</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Mục lục</translation>
    </message>
</context>
<context>
    <name>SignConfirmation</name>
    <message>
        <source>Confirm your signature</source>
        <translation>Xác nhận ký</translation>
    </message>
    <message>
        <source>You are about to sign this answer with this computer&apos;s signing key. Once sent, the signed answer is recorded by the Government Office; you can replace it with a new signed answer while the ballot is open.</source>
        <translation>Bạn sắp ký ý kiến này bằng khóa ký của máy tính này. Khi đã gửi, ý kiến đã ký được Văn phòng Chính phủ ghi nhận; trong thời gian phiếu còn mở, bạn có thể thay bằng một ý kiến mới đã ký.</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Ký</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>phiên bản %1</translation>
    </message>
    <message>
        <source>Papers this answer is signed on</source>
        <translation>Tài liệu mà ý kiến này được ký kèm</translation>
    </message>
</context>
<context>
    <name>SignatureBar</name>
    <message>
        <source>Digitally signed by %1 at %2 — the document has not changed since it was signed</source>
        <translation>Đã ký số bởi %1 lúc %2 — tài liệu không thay đổi từ khi ký</translation>
    </message>
    <message>
        <source>Signed by %1 at %2, but the signer&apos;s certificate is not from a certification authority this computer trusts. Check with the Government Office.</source>
        <translation>Được ký bởi %1 lúc %2, nhưng chứng thư số của người ký không do tổ chức chứng thực mà máy này tin cậy cấp. Hãy hỏi lại Văn phòng Chính phủ.</translation>
    </message>
    <message>
        <source>Signed by %1 at %2, but the signature does not match the signer&apos;s certificate. Do not rely on this copy.</source>
        <translation>Được ký bởi %1 lúc %2, nhưng chữ ký không khớp với chứng thư số của người ký. Đừng dựa vào bản này.</translation>
    </message>
    <message>
        <source>Signed by %1 at %2, but the document was CHANGED after it was signed. Do not rely on this copy; ask the Government Office.</source>
        <translation>Được ký bởi %1 lúc %2, nhưng tài liệu ĐÃ BỊ THAY ĐỔI sau khi ký. Đừng dựa vào bản này; hãy hỏi lại Văn phòng Chính phủ.</translation>
    </message>
    <message>
        <source>The document&apos;s digital signature is damaged and cannot be read: the document has been altered. Do not rely on this copy.</source>
        <translation>Chữ ký số của tài liệu bị hỏng, không đọc được: tài liệu đã bị sửa. Đừng dựa vào bản này.</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Chi tiết…</translation>
    </message>
</context>
<context>
    <name>SignatureDetails</name>
    <message>
        <source>Digital signatures — %1</source>
        <translation>Chữ ký số — %1</translation>
    </message>
    <message>
        <source>Signature %1 of %2</source>
        <translation>Chữ ký %1/%2</translation>
    </message>
    <message>
        <source>Certificate: %1
Issued by: %2</source>
        <translation>Chứng thư số: %1
Do tổ chức cấp: %2</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>● Not connected yet</source>
        <translation>● Chưa kết nối</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Trực tuyến</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Ngoại tuyến</translation>
    </message>
    <message>
        <source>Sending your changes…</source>
        <translation>Đang gửi các thay đổi của bạn…</translation>
    </message>
    <message>
        <source>Receiving updates…</source>
        <translation>Đang nhận cập nhật…</translation>
    </message>
    <message>
        <source>Downloading documents…</source>
        <translation>Đang tải tài liệu…</translation>
    </message>
    <message>
        <source>Preparing papers for search…</source>
        <translation>Đang chuẩn bị tài liệu để tìm kiếm…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <source>Working offline: %1</source>
        <translation>Đang làm việc ngoại tuyến: %1</translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>Đã đồng bộ lúc %1</translation>
    </message>
</context>
<context>
    <name>ToolPalette</name>
    <message>
        <source>Annotation tools</source>
        <translation>Công cụ ghi chú</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Chọn</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>Đánh dấu</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <source>Strike out</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <source>Sticky note</source>
        <translation>Ghi chú dán</translation>
    </message>
    <message>
        <source>Text box</source>
        <translation>Hộp chữ</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Vẽ</translation>
    </message>
    <message>
        <source>Select text or an annotation</source>
        <translation>Chọn chữ hoặc một ghi chú</translation>
    </message>
    <message>
        <source>Highlight the selected text</source>
        <translation>Đánh dấu đoạn chữ đã chọn</translation>
    </message>
    <message>
        <source>Underline the selected text</source>
        <translation>Gạch chân đoạn chữ đã chọn</translation>
    </message>
    <message>
        <source>Strike out the selected text</source>
        <translation>Gạch ngang đoạn chữ đã chọn</translation>
    </message>
    <message>
        <source>Click on the page to add a note</source>
        <translation>Bấm vào trang để thêm ghi chú</translation>
    </message>
    <message>
        <source>Drag a box on the page, then type</source>
        <translation>Kéo một khung trên trang rồi gõ chữ</translation>
    </message>
    <message>
        <source>Draw on the page with the mouse or a pen</source>
        <translation>Vẽ lên trang bằng chuột hoặc bút</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Vàng</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Đỏ</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Xanh lá</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Xanh dương</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>Tím</translation>
    </message>
    <message>
        <source>Colour: %1</source>
        <translation>Màu: %1</translation>
    </message>
    <message>
        <source>Other colour…</source>
        <translation>Màu khác…</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Chia sẻ</translation>
    </message>
    <message>
        <source>Off: new annotations are private, readable only on your own devices. On: the meeting&apos;s participants see them.</source>
        <translation>Tắt: ghi chú mới là riêng tư, chỉ đọc được trên các thiết bị của bạn. Bật: những người tham dự phiên họp đều xem được.</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>Xóa ghi chú</translation>
    </message>
</context>
<context>
    <name>VersionChangesDialog</name>
    <message>
        <source>What changed between versions</source>
        <translation>Thay đổi giữa các phiên bản</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Phiên bản %1</translation>
    </message>
    <message>
        <source>This paper has only one version: nothing changed.</source>
        <translation>Tài liệu này chỉ có một phiên bản: không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Comparing the versions…</source>
        <translation>Đang so sánh các phiên bản…</translation>
    </message>
    <message>
        <source>Version %1 → version %2: %3 page(s) changed.</source>
        <translation>Phiên bản %1 → phiên bản %2: %3 trang thay đổi.</translation>
    </message>
    <message>
        <source>Version %1 → version %2: the text is the same.</source>
        <translation>Phiên bản %1 → phiên bản %2: nội dung chữ giống nhau.</translation>
    </message>
    <message>
        <source>Page %1 of the older version was removed.</source>
        <translation>Trang %1 của phiên bản cũ đã bị bỏ.</translation>
    </message>
    <message>
        <source>Page %1 is new.</source>
        <translation>Trang %1 là trang mới.</translation>
    </message>
    <message>
        <source>Page %1 changed.</source>
        <translation>Trang %1 đã sửa.</translation>
    </message>
</context>
<context>
    <name>VersionDialog</name>
    <message>
        <source>New version of “{title}”</source>
        <translation>Phiên bản mới của “{title}”</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Chọn…</translation>
    </message>
    <message>
        <source>PDF &amp;file:</source>
        <translation>&amp;Tệp PDF:</translation>
    </message>
    <message>
        <source>What &amp;changed:</source>
        <translation>&amp;Nội dung thay đổi:</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Phiên bản mới</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose the PDF file of the new version.</source>
        <translation>Hãy chọn tệp PDF của phiên bản mới.</translation>
    </message>
    <message>
        <source>Say what changed: members see this note beside the paper.</source>
        <translation>Hãy ghi rõ nội dung thay đổi: thành viên thấy ghi chú này bên cạnh tài liệu.</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Giao diện</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Theo &amp;hệ điều hành</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Sáng</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Tối</translation>
    </message>
    <message>
        <source>Show the &amp;toolbar</source>
        <translation>Hiện &amp;thanh công cụ</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;Legend of the marks</source>
        <translation>&amp;Chú giải các ký hiệu</translation>
    </message>
    <message>
        <source>Show or hide what the catalogue&apos;s marks mean</source>
        <translation>Hiện hoặc ẩn ý nghĩa các ký hiệu trong danh mục</translation>
    </message>
</context>
</TS>
