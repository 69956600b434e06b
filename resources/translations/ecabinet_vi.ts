<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>Catalogue</name>
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
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>This document cannot be shown (%1). Sync again to fetch a fresh copy.</source>
        <translation>Không hiển thị được tài liệu này (%1). Hãy đồng bộ lại để tải bản mới.</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>/ %1</translation>
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
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside eCabinet. Your work on this computer is kept. Please try again; if it happens again, contact the Government Office&apos;s IT support.</source>
        <translation>Đã xảy ra lỗi trong eCabinet. Dữ liệu của bạn trên máy vẫn được giữ nguyên. Vui lòng thử lại; nếu lỗi lặp lại, hãy liên hệ bộ phận kỹ thuật của Văn phòng Chính phủ.</translation>
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
    <name>MainWindow</name>
    <message>
        <source>eCabinet — %1</source>
        <translation>eCabinet — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Đồng &amp;bộ ngay</translation>
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
        <source>You are working offline with the papers on this computer. Log in again (File → Log in again…) to receive new papers and send your changes.</source>
        <translation>Bạn đang làm việc ngoại tuyến với tài liệu có trên máy. Hãy đăng nhập lại (Tệp → Đăng nhập lại…) để nhận tài liệu mới và gửi các thay đổi của bạn.</translation>
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
</TS>
