"""Before a signature: exactly what will be signed, and an explicit confirmation.

A signed written opinion is a legal act. The dialog shows the question, the choice,
the full comment and each paper the signature will be bound to (title and the first
digits of its SHA-256), and signs only on an explicit click of "Sign" — Enter alone
does not sign, and the dialog opens with Cancel focused.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.opinion_preview import OpinionPreview
from ui.views.ballot_view import choice_label


class SignConfirmation(QDialog):
    def __init__(self, preview: OpinionPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signConfirmation")
        self.preview = preview
        self.setWindowTitle(self.tr("Confirm your signature"))
        self.setMinimumWidth(520)

        self.heading = QLabel(self)
        self.heading.setObjectName("signHeading")
        self.heading.setWordWrap(True)
        self.heading.setText(
            self.tr(
                "You are about to sign this answer with this computer's signing key. "
                "Once sent, the signed answer is recorded by the Government Office; "
                "you can replace it with a new signed answer while the ballot is open."
            )
        )
        self.content = QLabel(self)
        self.content.setObjectName("signContent")
        self.content.setWordWrap(True)
        self.content.setTextFormat(Qt.TextFormat.RichText)
        self.content.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.content.setText(self._content_html())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.content)
        scroll.setMinimumHeight(220)

        self.buttons = QDialogButtonBox(self)
        self.sign_button = QPushButton(self.tr("Sign"), self)
        self.sign_button.setObjectName("confirmSignButton")
        self.sign_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelSignButton")
        self.buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()

    def _content_html(self) -> str:
        p = self.preview
        rows = [
            f"<p><b>{self.tr('Question')}:</b> {html.escape(p.question)}</p>",
            f"<p><b>{self.tr('Your choice')}:</b> {html.escape(choice_label(p.choice))}</p>",
        ]
        comment = html.escape(p.comment).replace("\n", "<br>") if p.comment else "—"
        rows.append(f"<p><b>{self.tr('Your comment')}:</b><br>{comment}</p>")
        if p.papers:
            items = "".join(
                "<li>"
                + html.escape(" — ".join(x for x in (paper.number, paper.title) if x))
                + " · "
                + self.tr("version %1").replace("%1", str(paper.version_no))
                + f" · <code>{paper.short_hash}</code></li>"
                for paper in p.papers
            )
            heading = self.tr("Papers this answer is signed on")
            rows.append(f"<p><b>{heading}:</b></p><ul>{items}</ul>")
        else:
            rows.append(f"<p>{self.tr('No paper is attached to this ballot.')}</p>")
        return "".join(rows)
