"""Ministers' laptops writing annotations against the real server (tests/test_notes_*.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ecabinet.annotations.pdf_text import PdfText
from ecabinet.annotations.selectors import selectors_for_range
from ecabinet.client.workspace import Workspace
from ecabinet.notes.records import AnnotationDraft
from support.actors import PASSWORD, Clerk
from support.review_docs import make_review_pdf, paragraphs

PASSPHRASE = "cụm mật khẩu thử nghiệm đủ dài 2026"


def laptop(server_url: str, profile: Path, username: str, *, vault: bool = False) -> Workspace:
    """A signed-in, synced laptop. ``vault``: secrets in the profile's own passphrase
    vault, so that two laptops of one minister in one test do not share a keyring."""
    if vault:
        from keyring_file_backend import no_os_keyring

        with no_os_keyring():
            workspace = Workspace(profile, server_url=server_url, passphrase=PASSPHRASE)
    else:
        workspace = Workspace(profile, server_url=server_url)
    workspace.login(username, PASSWORD)
    report = workspace.sync()
    assert report.ok, report.errors
    return workspace


def synced(*workspaces: Workspace) -> None:
    for workspace in workspaces:
        report = workspace.sync()
        assert report.ok, [e.message_en for e in report.errors]


def paper(clerk: Clerk, root: Path, participants: list[str], paras: list[str]) -> dict[str, Any]:
    """A published meeting with one paper laid out from ``paras``; the upload's answer."""
    meeting = clerk.create_meeting("Phiên họp chuyên đề về xây dựng pháp luật", participants)
    path = make_review_pdf(root / "du-thao.pdf", paras)
    uploaded = clerk.upload(meeting["id"], path, title="Dự thảo Nghị định")
    uploaded["path"] = path
    uploaded["meeting"] = meeting
    return uploaded


def default_paras() -> list[str]:
    return paragraphs(6, seed=3)


def highlight(
    path: Path, document_id: str, sha256: str, quote: str, **extra: Any
) -> AnnotationDraft:
    """A highlight of ``quote`` as the reader would make it: quads and selectors."""
    with PdfText(path) as pdf:
        doc = pdf.document
        start = doc.text.index(quote)
        selectors = selectors_for_range(doc, start, start + len(quote))
        assert selectors is not None
        quads = [list(q) for q in pdf.quads(start, start + len(quote))[0].quads]
        page = doc.page_of(start)
    fields: dict[str, Any] = {"kind": "highlight", "page": page, "quads": quads,
                              "selectors": selectors.to_dict(), **extra}  # fmt: skip
    return AnnotationDraft(document_id=document_id, version_sha256=sha256, **fields)


def note(document_id: str, sha256: str, text: str, **extra: Any) -> AnnotationDraft:
    fields: dict[str, Any] = {"kind": "note", "page": 0, "rect": [60.0, 700.0, 80.0, 720.0],
                              "text": text, **extra}  # fmt: skip
    return AnnotationDraft(document_id=document_id, version_sha256=sha256, **fields)
