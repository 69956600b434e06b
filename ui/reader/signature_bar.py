"""The signature bar: a slim line at the top of a signed paper's tab saying who signed it
and whether it changed since, with "Details" listing every signature's verdict.

The paper is decrypted into memory and checked off the GUI thread (BackgroundOp) when
its tab opens it (``PaperTabs.paper_opened``); a paper without signatures gets no bar.
The verdicts come from ``ecabinet/client/paper_signatures.py``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.paper_signatures import (
    SignatureState,
    check_paper_signatures,
    overall_state,
    trust_roots_for_profile,
)
from ecabinet.signing.verify import DAMAGED_VI, PdfVerification
from ecabinet.timeutil import VIETNAM_TZ
from ui.worker import BackgroundOp

if TYPE_CHECKING:
    from ui.reader.reader import Reader
    from ui.reader.tabs import PaperTabs

log = logging.getLogger(__name__)

_COLOURS = {  # background, border, text
    SignatureState.VALID: ("#e6f4ea", "#34a853", "#0d5124"),
    SignatureState.UNTRUSTED: ("#fff4ce", "#e0a800", "#5c4400"),
    SignatureState.INVALID: ("#fce8e6", "#d93025", "#7a1a12"),
    SignatureState.CHANGED: ("#fce8e6", "#d93025", "#7a1a12"),
    SignatureState.DAMAGED: ("#fce8e6", "#d93025", "#7a1a12"),
}


class SignatureDetails(QDialog):
    """Every signature of the paper with its verdict, in the words of ``verify-pdf``."""

    def __init__(self, verification: PdfVerification, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("signatureDetails")
        self.setWindowTitle(self.tr("Digital signatures — %1").replace("%1", title))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        parts = []
        for number, signature in enumerate(verification.signatures, start=1):
            heading = self.tr("Signature %1 of %2").replace("%1", str(number))
            heading = heading.replace("%2", str(len(verification.signatures)))
            parts.append(
                f"{heading}\n{signature.describe()}\n"
                + self.tr("Certificate: %1\nIssued by: %2")
                .replace("%1", signature.signer_subject)
                .replace("%2", signature.issuer_name)
            )
        if verification.damaged:
            parts.append(DAMAGED_VI)
        self.text.setPlainText("\n\n".join(parts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)


class SignatureBar(QFrame):
    def __init__(self, reader: Reader) -> None:
        super().__init__(reader)
        self.setObjectName("signatureBar")
        self.reader = reader
        self.verification: PdfVerification | None = None
        self.state: SignatureState | None = None
        self.details: SignatureDetails | None = None
        self.label = QLabel(self)
        self.label.setObjectName("signatureVerdict")
        self.label.setWordWrap(True)
        self.details_button = QPushButton(self)
        self.details_button.setObjectName("signatureDetailsButton")
        self.details_button.clicked.connect(self.show_details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.details_button)
        self.hide()
        self.retranslate()

    def show_verification(self, verification: PdfVerification) -> None:
        self.verification = verification
        self.state = overall_state(verification)
        background, border, text = _COLOURS[self.state]
        self.setStyleSheet(
            f"#signatureBar {{ background: {background}; border-bottom: 2px solid {border}; }}"
            f" #signatureVerdict {{ color: {text}; }}"
        )
        self.retranslate()
        self.show()

    def _signers(self) -> tuple[str, str]:
        assert self.verification is not None
        names = dict.fromkeys(s.signer_name for s in self.verification.signatures)
        times = [s.signed_at for s in self.verification.signatures if s.signed_at]
        when = max(times).astimezone(VIETNAM_TZ).strftime("%H:%M %d/%m/%Y") if times else "?"
        return ", ".join(names) or "?", when

    def verdict(self) -> str:
        if self.verification is None or self.state is None:
            return ""
        who, when = self._signers()
        texts = {
            SignatureState.VALID: self.tr(
                "Digitally signed by %1 at %2 — the document has not changed since it was signed"
            ),
            SignatureState.UNTRUSTED: self.tr(
                "Signed by %1 at %2, but the signer's certificate is not from a certification "
                "authority this computer trusts. Check with the Government Office."
            ),
            SignatureState.INVALID: self.tr(
                "Signed by %1 at %2, but the signature does not match the signer's "
                "certificate. Do not rely on this copy."
            ),
            SignatureState.CHANGED: self.tr(
                "Signed by %1 at %2, but the document was CHANGED after it was signed. "
                "Do not rely on this copy; ask the Government Office."
            ),
            SignatureState.DAMAGED: self.tr(
                "The document's digital signature is damaged and cannot be read: the "
                "document has been altered. Do not rely on this copy."
            ),
        }
        return texts[self.state].replace("%1", who).replace("%2", when)

    def show_details(self) -> None:
        if self.verification is None:
            return
        self.details = SignatureDetails(self.verification, self.reader.title, self)
        self.details.open()

    def retranslate(self) -> None:
        self.details_button.setText(self.tr("Details…"))
        self.label.setText(self.verdict())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def signature_bar_of(reader: Reader) -> SignatureBar | None:
    return reader.findChild(SignatureBar, "signatureBar")


def check_signatures(tabs: PaperTabs, reader: Reader) -> None:
    """Decrypt the paper into memory off the GUI thread and show its bar if it is signed."""
    workspace, sha256 = tabs.workspace, reader.version_sha256
    profile_dir = workspace.paths.root

    def check() -> PdfVerification | None:
        paper = workspace.open_paper(sha256)
        if paper is None:
            return None
        try:
            data = paper.read_all()
        finally:
            paper.close()
        return check_paper_signatures(data, trust_roots_for_profile(profile_dir))

    def checked(verification: PdfVerification | None) -> None:
        if verification is None or reader.version_sha256 != sha256:
            return
        bar = signature_bar_of(reader)
        if bar is None:
            bar = SignatureBar(reader)
            layout = reader.layout()
            if isinstance(layout, QVBoxLayout):
                layout.insertWidget(1, bar)  # under the reader's bar, above the pages
        bar.show_verification(verification)

    BackgroundOp(
        parent=reader,
        op=check,
        success=checked,
        # A damaged paper is the reader's to report (it fetches it again): no bar then.
        failure=lambda exc: log.warning("signatures of %s not checked: %s", sha256, exc),
    ).run()


def install_signature_bars(tabs: PaperTabs) -> None:
    """Check every paper the tabs open (called once, from ``PaperTabs``)."""

    def opened(document_id: str) -> None:
        reader = tabs.reader_for(document_id)
        if reader is not None:
            check_signatures(tabs, reader)

    tabs.paper_opened.connect(opened)
