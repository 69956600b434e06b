"""Why an edXML package was refused: one ``EdxmlError`` per problem, named in its ``code``.

Every message says, in Vietnamese and in English, what is wrong and where, so support
staff can tell the sending organisation what to fix.
"""

from __future__ import annotations

from ecabinet.errors import InputError


class EdxmlError(InputError):
    """The package cannot be read or imported; nothing of it was kept."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message, code=f"edxml_{code}", message_en=message_en)


def not_xml(detail: str) -> EdxmlError:
    return EdxmlError(
        "not_xml",
        f"Tệp không phải là gói tin edXML: nội dung không phải XML hợp lệ ({detail}).",
        f"The file is not an edXML package: its content is not well-formed XML ({detail}).",
    )


def wrong_namespace(found: str) -> EdxmlError:
    shown = found or "(không có / none)"
    return EdxmlError(
        "wrong_namespace",
        f"Gói tin dùng không gian tên {shown}, không phải của QCVN 102:2016 "
        "(http://www.mic.gov.vn/TBT/QCVN_102_2016).",
        f"The package uses the namespace {shown}, not the QCVN 102:2016 one "
        "(http://www.mic.gov.vn/TBT/QCVN_102_2016).",
    )


def missing_part(path: str) -> EdxmlError:
    return EdxmlError(
        "missing_field",
        f"Gói tin thiếu trường bắt buộc {path}.",
        f"The package lacks the required field {path}.",
    )


def bad_field(path: str, value: str, expected: str) -> EdxmlError:
    return EdxmlError(
        "bad_field",
        f"Trường {path} có giá trị không hợp lệ «{value[:80]}» (cần {expected}).",
        f"The field {path} has an invalid value '{value[:80]}' (expected {expected}).",
    )


def missing_attachment(name: str, content_id: str) -> EdxmlError:
    return EdxmlError(
        "missing_attachment",
        f"Tệp đính kèm «{name}» (Content-ID {content_id}) được khai báo trong Manifest "
        "nhưng không có trong gói tin.",
        f"The attachment '{name}' (Content-ID {content_id}) is listed in the manifest "
        "but is not in the package.",
    )


def bad_base64(name: str) -> EdxmlError:
    return EdxmlError(
        "bad_base64",
        f"Nội dung tệp đính kèm «{name}» không phải base64 hợp lệ.",
        f"The content of the attachment '{name}' is not valid base64.",
    )


def external_entity(target: str) -> EdxmlError:
    return EdxmlError(
        "external_entity",
        f"Gói tin khai báo thực thể ngoài ({target[:120]}); bị từ chối để không đọc "
        "tệp hay địa chỉ mạng ngoài gói tin.",
        f"The package declares an external entity ({target[:120]}); refused so that no "
        "file or network address outside the package is read.",
    )


def entity_declaration() -> EdxmlError:
    return EdxmlError(
        "entity_expansion",
        "Gói tin khai báo thực thể XML (có thể là «bom» mở rộng thực thể); bị từ chối.",
        "The package declares XML entities (possibly an entity-expansion bomb); refused.",
    )


def doctype() -> EdxmlError:
    return EdxmlError(
        "doctype",
        "Gói tin có khai báo DOCTYPE; gói tin edXML không được chứa DTD.",
        "The package has a DOCTYPE declaration; an edXML package must not carry a DTD.",
    )


def too_large(what: str, what_en: str, size: int, limit: int) -> EdxmlError:
    return EdxmlError(
        "too_large",
        f"{what} quá lớn: {size:,} byte, giới hạn {limit:,} byte.",
        f"{what_en} is too large: {size:,} bytes, the limit is {limit:,} bytes.",
    )


def too_many_attachments(count: int, limit: int) -> EdxmlError:
    return EdxmlError(
        "too_many_attachments",
        f"Gói tin có {count} tệp đính kèm, giới hạn là {limit}.",
        f"The package has {count} attachments, the limit is {limit}.",
    )


def bad_mime(detail: str, detail_en: str) -> EdxmlError:
    return EdxmlError(
        "bad_mime",
        f"Phần MIME của gói tin không đọc được: {detail}.",
        f"The package's MIME structure cannot be read: {detail_en}.",
    )


def invalid_pdf(name: str, message: str, message_en: str) -> EdxmlError:
    return EdxmlError(
        "invalid_pdf",
        f"Tệp đính kèm «{name}» không nhận được: {message}",
        f"The attachment '{name}' cannot be accepted: {message_en}",
    )


def invalid_pdfs(broken: list[tuple[str, str, str]]) -> EdxmlError:
    """One refusal naming every broken PDF attachment: (name, message, message_en)."""
    if len(broken) == 1:
        return invalid_pdf(*broken[0])
    return EdxmlError(
        "invalid_pdf",
        f"{len(broken)} tệp đính kèm không nhận được: "
        + " ".join(f"«{name}»: {message}" for name, message, _ in broken),
        f"{len(broken)} attachments cannot be accepted: "
        + " ".join(f"'{name}': {message_en}" for name, _, message_en in broken),
    )


def unreadable(path: str, reason: str) -> EdxmlError:
    return EdxmlError(
        "unreadable",
        f"Không đọc được tệp {path}: {reason}.",
        f"Cannot read the file {path}: {reason}.",
    )
