"""edXML packages (QCVN 102:2016): read exactly, signatures checked, bad input refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

import pytest

from ecabinet.edxml import (
    EdxmlError,
    Limits,
    SignatureStatus,
    import_package,
    read_bytes,
    read_package,
)
from tests.support.edxml_packages import (
    HEADER,
    Part,
    default_parts,
    inline_package,
    make_signer,
    mime_package,
    small_pdf,
    write_samples,
)

DATA = Path(__file__).parent / "data" / "edxml"
FORMS = {"inline": inline_package, "mime": mime_package}


@pytest.fixture(scope="module")
def signer() -> tuple[bytes, bytes]:
    return make_signer()


def refused(data: bytes, code: str, *, limits: Limits | None = None) -> EdxmlError:
    with pytest.raises(EdxmlError) as caught:
        read_bytes(data, limits=limits)
    error = caught.value
    assert error.code == f"edxml_{code}", f"expected {code}, got {error.code}: {error.message_en}"
    assert error.message and error.message_en and error.message != error.message_en
    return error


def test_kept_samples_are_what_the_generator_writes(tmp_path: Path) -> None:
    write_samples(tmp_path)
    for name in ("valid-inline.edxml", "valid-mime.edxml"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
            f"tests/data/edxml/{name} is stale: regenerate it with the generator"
        )


@pytest.mark.parametrize("name", ["valid-inline", "valid-mime"])
def test_header_fields_are_read_exactly(name: str) -> None:
    package = read_package(DATA / f"{name}.edxml")
    header = package.header
    assert package.form == name.split("-")[1]
    assert header.sender.organ_id == "000.00.12.G09"
    assert header.sender.organ_name == "Bộ Kế hoạch và Đầu tư"
    assert [(r.organ_id, r.organ_name) for r in header.recipients] == [
        ("000.00.00.G22", "Văn phòng Chính phủ")
    ]
    assert (header.code_number, header.code_notation) == ("1234", "TTr-BKHĐT")
    assert header.code == "1234/TTr-BKHĐT"
    assert header.promulgation_place == "Hà Nội"
    assert header.promulgation_date == dt.date(2026, 11, 20)
    assert (header.document_type, header.document_type_name) == ("1", "Tờ trình")
    assert header.subject == HEADER["Subject"]
    assert (header.signer_competence, header.signer_position, header.signer_name) == (
        "KT. BỘ TRƯỞNG", "Thứ trưởng", "Nguyễn Văn Đức",
    )  # fmt: skip
    assert header.due_date == dt.date(2026, 11, 25)
    assert header.document_id == HEADER["DocumentId"]
    assert [(t.organ_id, t.timestamp) for t in header.trace] == [
        ("000.00.12.G09", "2026/11/20 09:15:00"),
        ("000.00.00.G22", "2026/11/20 09:16:30"),
    ]
    assert package.signature.status is SignatureStatus.NOT_PRESENT


@pytest.mark.parametrize("form", FORMS)
def test_attachments_are_the_bytes_sent(form: str) -> None:
    parts = default_parts()
    package = read_bytes(FORMS[form](parts))
    got = [
        (a.info.name, a.info.content_type, a.info.size, a.info.sha256) for a in package.attachments
    ]
    assert got == [
        (p.name, p.content_type, len(p.data), hashlib.sha256(p.data).hexdigest()) for p in parts
    ]
    assert [a.data for a in package.attachments] == [p.data for p in parts]


def test_soap_envelope_form_is_read(signer: tuple[bytes, bytes]) -> None:
    data = mime_package(soap=True, signer=signer)
    assert b"<SOAP-ENV:Envelope" in data and b"<edXML:Manifest" in data
    package = read_bytes(data)
    assert package.header.code == "1234/TTr-BKHĐT"
    assert [a.data for a in package.attachments] == [p.data for p in default_parts()]
    assert package.signature.status is SignatureStatus.VERIFIES


def test_an_inline_attachment_past_libxml2_text_node_limit_is_read() -> None:
    # One base64 text node over 10 MB: libxml2 refuses it unless huge_tree is on.
    big = Part("Phụ lục lớn.bin", "application/octet-stream", bytes(9 * 1024 * 1024), "big@x")
    package = read_bytes(inline_package([big]))
    assert package.attachments[0].info.sha256 == hashlib.sha256(big.data).hexdigest()


def test_attachment_names_lose_paths_and_control_characters() -> None:
    parts = [Part("../../etc/pass\u009bwd.pdf", "application/pdf", small_pdf(), "x@y")]
    assert read_bytes(inline_package(parts)).attachments[0].info.name == "passwd.pdf"


@pytest.mark.parametrize("form", FORMS)
def test_signed_package_verifies(form: str, signer: tuple[bytes, bytes]) -> None:
    report = read_bytes(FORMS[form](signer=signer)).signature
    assert report.status is SignatureStatus.VERIFIES, report.reason
    assert report.signer == "CN=Bộ Kế hoạch và Đầu tư (thử nghiệm)"
    # MIME parts lie outside the signed XML: say so rather than vouch for them.
    assert report.covers_attachments is (form == "inline")


@pytest.mark.parametrize("form", FORMS)
def test_tampered_header_does_not_verify(form: str, signer: tuple[bytes, bytes]) -> None:
    signed = FORMS[form](signer=signer)
    tampered = signed.replace("thường kỳ".encode(), "chuyên đề".encode())
    assert tampered != signed
    package = read_bytes(tampered)
    assert package.header.subject.endswith("chuyên đề tháng 11 năm 2026")
    assert package.signature.status is SignatureStatus.DOES_NOT_VERIFY
    assert "Digest mismatch" in (package.signature.reason or "")


def test_tampered_inline_attachment_does_not_verify(signer: tuple[bytes, bytes]) -> None:
    other = Part("Phụ lục.txt", "text/plain", "Phụ lục đã sửa\n".encode(), "phuluc@bkhdt")
    original = default_parts()
    signed = inline_package(original, signer=signer)
    swapped = inline_package([original[0], other])
    old = swapped.split(b"<ContentTransferEncoded>")[2].split(b"<")[0]
    new = signed.split(b"<ContentTransferEncoded>")[2].split(b"<")[0]
    tampered = signed.replace(new, old)
    report = read_bytes(tampered).signature
    assert report.status is SignatureStatus.DOES_NOT_VERIFY


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda s: s.replace(b"<ds:SignatureValue>", b"<ds:SignatureValue>AAAA"), "value"),
        (lambda s: s.replace(b"X509Certificate>MII", b"X509Certificate>###"), "no certificate"),
        (lambda s: s.replace(b"</ds:SignedInfo>", b"</ds:SignedInfo><ds:Bad/>"), "junk"),
    ],
)
def test_broken_signature_is_reported_never_raised(
    damage: object, why: str, signer: tuple[bytes, bytes]
) -> None:
    signed = inline_package(signer=signer)
    broken = damage(signed)  # type: ignore[operator]
    assert broken != signed, why
    assert read_bytes(broken).signature.status is SignatureStatus.DOES_NOT_VERIFY, why


def test_sha1_signature_is_not_accepted(signer: tuple[bytes, bytes]) -> None:
    signed = inline_package(signer=signer)
    weak = signed.replace(b"xmldsig-more#rsa-sha256", b"xmldsig#rsa-sha1")
    assert weak != signed
    report = read_bytes(weak).signature
    assert report.status is SignatureStatus.DOES_NOT_VERIFY
    assert "SHA1" in (report.reason or "").upper()


def test_another_signer_certificate_swapped_in_does_not_verify(
    signer: tuple[bytes, bytes],
) -> None:
    signed = inline_package(signer=signer)
    own = "".join(signer[1].decode().splitlines()[1:-1]).encode()
    forger = "".join(make_signer("Kẻ giả mạo")[1].decode().splitlines()[1:-1]).encode()
    body = signed.split(b"X509Certificate>")[1].split(b"<")[0]
    assert b"".join(body.split()) == own
    report = read_bytes(signed.replace(body, forger)).signature
    assert report.status is SignatureStatus.DOES_NOT_VERIFY
    assert report.signer == "CN=Kẻ giả mạo"


# --- bad input: each refused by name, before anything is returned ---------------------


@pytest.mark.parametrize(
    "data",
    [small_pdf(), b"", b"Kinh gui Van phong Chinh phu", inline_package()[:-40]],
    ids=["pdf", "empty", "text", "truncated"],
)
def test_not_xml(data: bytes) -> None:
    assert "XML" in refused(data, "not_xml").message_en


def test_another_namespace_is_named() -> None:
    error = refused(inline_package(namespace="http://www.e-doc.vn/Schema/"), "wrong_namespace")
    assert "http://www.e-doc.vn/Schema/" in error.message
    assert "QCVN 102:2016" in error.message


def test_header_in_another_namespace_is_named() -> None:
    data = (
        inline_package()
        .replace(b"<edXML:MessageHeader>", b'<m:MessageHeader xmlns:m="urn:other">')
        .replace(b"</edXML:MessageHeader>", b"</m:MessageHeader>")
    )
    assert "urn:other" in refused(data, "wrong_namespace").message_en


@pytest.mark.parametrize(
    "field",
    [
        "Subject",
        "Code/CodeNumber",
        "Code/CodeNotation",
        "PromulgationInfo/PromulgationDate",
        "DocumentType/Type",
        "From/OrganId",
        "To/OrganId",
    ],
)
@pytest.mark.parametrize("form", FORMS)
def test_missing_header_field_is_named(field: str, form: str) -> None:
    error = refused(FORMS[form](drop=[field]), "missing_field")
    assert f"MessageHeader/{field}" in error.message
    assert f"MessageHeader/{field}" in error.message_en


def test_missing_recipient_is_named() -> None:
    error = refused(inline_package(drop=["To/OrganId", "To/OrganName"]), "missing_field")
    assert "MessageHeader/To" in error.message_en


@pytest.mark.parametrize("value", ["20/11/2026", "2026/02/30", "hôm nay"])
def test_bad_date_is_named(value: str) -> None:
    data = inline_package().replace(b">2026/11/20</", f">{value}</".encode())
    error = refused(data, "bad_field")
    assert "PromulgationDate" in error.message_en and value in error.message


@pytest.mark.parametrize("form", FORMS)
def test_referenced_attachment_missing(form: str) -> None:
    error = refused(FORMS[form](omit_payload=["phuluc@bkhdt"]), "missing_attachment")
    assert "Phụ lục.txt" in error.message and "phuluc@bkhdt" in error.message_en


@pytest.mark.parametrize("payload", ["@@not base64@@", "QUJD=", "QUJ", "5Lit5paH!"])
@pytest.mark.parametrize("form", FORMS)
def test_broken_base64(form: str, payload: str) -> None:
    data = FORMS[form](payload_override={"totrinh@bkhdt": payload})
    assert "Tờ trình 1234.pdf" in refused(data, "bad_base64").message


def _with_doctype(doctype: str, *, reference: str = "") -> bytes:
    body = inline_package().split(b"?>", 1)[1]
    body = body.replace(b">2026/11/20</", f">2026/11/20{reference}</".encode(), 1)
    return b"<?xml version='1.0' encoding='UTF-8'?>\n" + doctype.encode() + body


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE edXML [<!ENTITY xxe PUBLIC "-//x//y" "http://127.0.0.1:9/x">]>',
        '<!DOCTYPE edXML [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
        '<!-- note --><!DOCTYPE edXML SYSTEM "http://127.0.0.1:9/edxml.dtd" '
        '[<!ENTITY xxe SYSTEM "x">]>',
    ],
    ids=["system", "public", "parameter", "after-comment"],
)
def test_external_entity_refused(doctype: str) -> None:
    error = refused(_with_doctype(doctype, reference="&xxe;"), "external_entity")
    assert "external entity" in error.message_en


def test_entity_expansion_bomb_refused() -> None:
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    bomb = _with_doctype(f"<!DOCTYPE edXML [{''.join(lol)}]>", reference="&lol9;")
    assert "entity-expansion" in refused(bomb, "entity_expansion").message_en


def test_doctype_the_scanner_cannot_read_is_still_refused_unresolved() -> None:
    # UTF-16 without a byte-order mark: the prolog scan sees no "<!DOCTYPE", so lxml
    # parses it, with entities unresolved and no file read, and the DTD is refused after.
    doctype = '<!DOCTYPE edXML [<!ENTITY a SYSTEM "file:///etc/passwd">]>'
    text = _with_doctype(doctype, reference="&a;").decode()
    data = text.replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16-le")
    error = refused(data, "doctype")
    assert "root:x:" not in error.message


def test_plain_doctype_refused() -> None:
    refused(_with_doctype("<!DOCTYPE edXML>"), "doctype")


def test_utf16_doctype_refused() -> None:
    text = _with_doctype('<!DOCTYPE edXML [<!ENTITY a SYSTEM "file:///etc/passwd">]>').decode()
    data = text.replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16")
    refused(data, "external_entity")


@pytest.mark.parametrize(
    ("limits", "code", "named"),
    [
        (Limits(package_bytes=1000), "too_large", "package"),
        (Limits(attachments=1), "too_many_attachments", "2 attachments"),
        (Limits(attachment_bytes=100), "too_large", "Tờ trình 1234.pdf"),
        (Limits(total_attachment_bytes=600), "too_large", "All attachments"),
    ],
)
@pytest.mark.parametrize("form", FORMS)
def test_size_limits(form: str, limits: Limits, code: str, named: str) -> None:
    error = refused(FORMS[form](), code, limits=limits)
    assert named in error.message_en or named in error.message


def test_package_over_the_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.edxml"
    big.write_bytes(inline_package())
    with pytest.raises(EdxmlError) as caught:
        read_package(big, limits=Limits(package_bytes=big.stat().st_size - 1))
    assert caught.value.code == "edxml_too_large"


def test_mime_with_other_headers_first_is_read() -> None:
    data = b"Message-ID: <1234@interchange>\r\n" + mime_package()
    assert read_bytes(data).form == "mime"


def test_mime_whose_root_is_not_xml() -> None:
    data = mime_package().replace(b"Content-Type: text/xml", b"Content-Type: application/pdf", 1)
    refused(data, "not_xml")


def test_mime_that_is_not_multipart_related() -> None:
    data = mime_package().replace(b"multipart/related", b"multipart/mixed", 1)
    assert "multipart/related" in refused(data, "bad_mime").message_en


# --- import for the secretariat: PDFs checked, all or nothing ------------------------


def test_import_gives_bytes_and_pdf_facts(tmp_path: Path) -> None:
    imported = import_package(DATA / "valid-mime.edxml")
    assert [a.attachment.info.name for a in imported.pdfs] == ["Tờ trình 1234.pdf"]
    pdf = imported.pdfs[0]
    assert pdf.pdf is not None and pdf.pdf.pages == 1
    assert pdf.attachment.data.startswith(b"%PDF-")
    assert imported.header.code == "1234/TTr-BKHĐT"
    assert [a.is_pdf for a in imported.attachments] == [True, False]


@pytest.mark.parametrize(
    "data", [b"not a pdf at all", small_pdf()[:200]], ids=["not-pdf", "truncated"]
)
def test_import_refuses_a_broken_pdf_attachment(tmp_path: Path, data: bytes) -> None:
    parts = [*default_parts(), Part("Dự thảo.pdf", "application/pdf", data, "duthao@bkhdt")]
    path = tmp_path / "p.edxml"
    path.write_bytes(inline_package(parts))
    with pytest.raises(EdxmlError) as caught:
        import_package(path)
    assert caught.value.code == "edxml_invalid_pdf"
    assert "Dự thảo.pdf" in caught.value.message


def test_damaged_packages_raise_only_edxml_errors(signer: tuple[bytes, bytes]) -> None:
    """Random damage (bytes changed, cut, markup inserted) is refused by name or read;
    never another exception, and a signature never crashes the reader."""
    bases = [inline_package(), mime_package(), inline_package(signer=signer)]
    rng = random.Random(20261128)
    for round_ in range(400):
        data = bytearray(rng.choice(bases))
        for _ in range(rng.randint(1, 4)):
            position = rng.randrange(len(data))
            roll = rng.random()
            if roll < 0.4:
                data[position] = rng.randrange(256)
            elif roll < 0.6:
                del data[position : position + rng.randint(1, 50)]
            elif roll < 0.9:
                data[position:position] = bytes(rng.choices(b'<>&;"=/:\r\n-', k=3))
            else:
                data = data[: max(position, 1)]
        try:
            read_bytes(bytes(data))
        except EdxmlError:
            pass
        except Exception as exc:  # pragma: no cover - the failure message says which round
            raise AssertionError(f"round {round_}: {type(exc).__name__}: {exc}") from exc
