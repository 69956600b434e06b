"""``ecabinet edxml inspect``: what an edXML package (QCVN 102:2016) holds, for support
staff and scripts; ``ecabinet edxml import``: put its PDF attachments on an agenda item.

Exit status of ``inspect`` (``import``: 0 imported, 2 nothing imported):
  0  the package was read; its signature verifies, or it carries none;
  1  the package was read but its signature does NOT verify (something signed changed);
  2  the package cannot be read: the message names what is wrong (not XML, another
     namespace, a missing header field or attachment, broken base64, an entity, a limit).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.cli.common import add_passphrase_args, read_passphrase

if TYPE_CHECKING:
    from ecabinet.edxml import EdxmlPackage

EXIT_OK, EXIT_SIGNATURE_FAILED, EXIT_UNREADABLE = 0, 1, 2


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "edxml", help="official documents from the national interchange (edXML, QCVN 102:2016)"
    )
    actions = parser.add_subparsers(dest="edxml_command", required=True, metavar="ACTION")
    inspect = actions.add_parser(
        "inspect",
        help="print a package's header, attachments (name, type, size, SHA-256) and signature",
        epilog="exit status: 0 read (signature verifies or absent); 1 signature does not "
        "verify; 2 the package cannot be read (the message says why)",
    )
    inspect.add_argument("file", type=Path, metavar="FILE", help="the .edxml package")
    inspect.add_argument("--json", action="store_true", help="print JSON (errors too)")
    inspect.set_defaults(handler=run_inspect)
    importing = actions.add_parser(
        "import",
        help="import a package's PDF attachments as papers of an agenda item (all or none)",
        epilog="exit status: 0 imported; 2 nothing imported (the message says why: the "
        "package, a broken PDF, a file the meeting already holds, a refused upload)",
    )
    importing.add_argument(
        "--profile-dir", type=Path, required=True,
        help="a secretariat clerk's profile, logged in (ecabinet sync)",
    )  # fmt: skip
    importing.add_argument("--meeting", required=True, metavar="ID")
    importing.add_argument("--item", required=True, metavar="ID", help="the agenda item")
    importing.add_argument("file", type=Path, metavar="FILE", help="the .edxml package")
    importing.add_argument("--json", action="store_true", help="print the result as JSON")
    add_passphrase_args(importing)
    importing.set_defaults(handler=run_import)


def run_inspect(args: argparse.Namespace) -> int:
    from ecabinet.edxml import EdxmlError, SignatureStatus, read_package

    try:
        package = read_package(args.file)
    except EdxmlError as exc:
        if not args.json:
            raise  # the main entry point prints it and exits 2
        error = {"code": exc.code, "message": exc.message, "message_en": exc.message_en}
        print(json.dumps({"file": str(args.file), "error": error}, ensure_ascii=False))
        return EXIT_UNREADABLE
    if args.json:
        print(json.dumps({"file": str(args.file), **package.to_dict()}, ensure_ascii=False))
    else:
        _print_text(args.file, package)
    failed = package.signature.status is SignatureStatus.DOES_NOT_VERIFY
    return EXIT_SIGNATURE_FAILED if failed else EXIT_OK


def _print_text(path: Path, package: EdxmlPackage) -> None:
    header = package.header
    out = sys.stdout

    def line(label: str, value: object) -> None:
        if value not in (None, ""):
            print(f"{label:<26}{value}", file=out)

    line("Tệp / File:", path)
    line("SHA-256:", package.sha256)
    line("Dạng / Form:", package.form)
    line("Nơi gửi / From:", _organisation(header.sender.organ_id, header.sender.organ_name))
    for recipient in header.recipients:
        line("Nơi nhận / To:", _organisation(recipient.organ_id, recipient.organ_name))
    line("Số, ký hiệu / Code:", header.code)
    line("Loại / Type:", _organisation(header.document_type, header.document_type_name))
    line("Nơi ban hành / Place:", header.promulgation_place)
    line("Ngày ban hành / Date:", header.promulgation_date.isoformat())
    line("Trích yếu / Subject:", header.subject)
    signer = ", ".join(
        part
        for part in (header.signer_competence, header.signer_position, header.signer_name)
        if part
    )
    line("Người ký / Signer:", signer)
    line("Hạn xử lý / Due date:", header.due_date.isoformat() if header.due_date else None)
    line("Mã văn bản / DocumentId:", header.document_id)
    for trace in header.trace:
        line("Vết / Trace:", f"{trace.organ_id} {trace.timestamp or ''}".strip())
    print(f"Tệp đính kèm / Attachments: {len(package.attachments)}", file=out)
    for attachment in package.attachments:
        info = attachment.info
        print(f"  - {info.name}", file=out)
        print(f"    {info.content_type}, {info.size:,} bytes, sha256 {info.sha256}", file=out)
    signature = package.signature
    line("Chữ ký số / Signature:", signature.label)
    line("  Người ký số / Signer:", signature.signer)
    line("  Lý do / Reason:", signature.reason)
    if signature.status.value == "verifies" and not signature.covers_attachments:
        print("  Chữ ký chỉ bảo đảm phong bì, không bảo đảm tệp đính kèm / "
              "the signature covers the envelope only, not the attachments", file=out)  # fmt: skip


def _organisation(identifier: str, name: str | None) -> str:
    return f"{identifier} — {name}" if name else identifier


def run_import(args: argparse.Namespace) -> int:
    from ecabinet.client.edxml_import import import_edxml
    from ecabinet.client.workspace import Workspace
    from ecabinet.edxml import SignatureStatus
    from ecabinet.errors import ECabinetError, InputError

    if not (args.profile_dir / "ecabinet.sqlite3").is_file():
        raise InputError(
            "Thư mục này chưa có hồ sơ eCabinet.",
            code="no_profile",
            message_en=f"No eCabinet profile in {args.profile_dir}.",
        )
    workspace = Workspace(args.profile_dir, passphrase=read_passphrase(args))
    try:
        result = import_edxml(workspace.api, args.file, args.meeting, args.item)
    except ECabinetError as exc:
        if not args.json:
            raise  # the main entry point prints it and exits 2
        error = {"code": exc.code, "message": exc.message, "message_en": exc.message_en}
        print(json.dumps({"file": str(args.file), "error": error}, ensure_ascii=False))
        return EXIT_UNREADABLE
    finally:
        workspace.close()
    if result.plan.signature.status is SignatureStatus.DOES_NOT_VERIFY:
        print("ecabinet: chữ ký số của gói tin KHÔNG hợp lệ — hãy hỏi lại cơ quan gửi / "
              "the package's signature does NOT verify: check with the sender "
              f"({result.plan.signature.reason})", file=sys.stderr)  # fmt: skip
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return EXIT_OK
    print(f"Đã nhập {len(result.papers)} tài liệu / imported {len(result.papers)} paper(s) "
          f"— {result.plan.number}")  # fmt: skip
    for paper in result.papers:
        print(f"  + {paper.name}: {paper.title} ({paper.pages} trang / pages, {paper.document_id})")
    for skipped in result.plan.skipped:
        reason = (
            f"cùng tệp với / same file as {skipped.same_as}"
            if skipped.same_as
            else f"không phải PDF / not a PDF ({skipped.info.content_type})"
        )
        print(f"  - {skipped.info.name}: bỏ qua / skipped, {reason}")
    return EXIT_OK
