"""What an edXML package (QCVN 102:2016) holds, before it is imported onto an agenda item:
the header, whether its signature holds, and each attachment with what will happen to it.

The dialog only shows the plan read in the background (ecabinet/client/edxml_import.py);
"Import" hands it back to the preparation window, which uploads it off the GUI thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.edxml_import import AttachmentPlan, ImportPlan, SkipReason
from ecabinet.edxml import Organisation, SignatureStatus

RED = "color: #b00020"


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _organisation(organisation: Organisation) -> str:
    name = organisation.organ_name or organisation.organ_in_charge
    return f"{name} ({organisation.organ_id})" if name else organisation.organ_id


class EdxmlPreviewDialog(QDialog):
    """Header, signature, attachments; "Import" accepts. When the signature does not
    verify, the clerk must say they checked with the sender before importing."""

    def __init__(self, parent: QWidget | None, plan: ImportPlan, item_title: str) -> None:
        super().__init__(parent)
        self.setObjectName("edxmlPreview")
        self.plan = plan
        self.setWindowTitle(self.tr("Import an edXML package"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Its PDF attachments become papers of the agenda item “{item}”.").format(
                item=item_title
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.header_form = QFormLayout()
        self._show_header()
        layout.addLayout(self.header_form)

        self.signature = QLabel(self)
        self.signature.setObjectName("edxmlSignature")
        self.signature.setWordWrap(True)
        self.confirm_unverified = QCheckBox(
            self.tr("I have checked with the sending organisation: import it anyway"), self
        )
        self.confirm_unverified.setObjectName("edxmlConfirmUnverified")
        self._show_signature()
        layout.addWidget(self.signature)
        layout.addWidget(self.confirm_unverified)

        self.attachments = self._attachment_table()
        layout.addWidget(self.attachments, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("edxmlSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setObjectName("edxmlImport")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.confirm_unverified.toggled.connect(lambda _on: self._update())
        self._update()
        self.resize(1100, 640)  # inside a 1366×768 screen with its panel

    # -- header and signature --------------------------------------------------
    def _row(self, label: str, value: str, name: str) -> None:
        if not value:
            return
        shown = QLabel(value, self)
        shown.setObjectName(name)
        shown.setWordWrap(True)
        self.header_form.addRow(label, shown)

    def _show_header(self) -> None:
        header = self.plan.header
        signer = ", ".join(
            part
            for part in (header.signer_competence, header.signer_position, header.signer_name)
            if part
        )
        place_date = ", ".join(
            part for part in (header.promulgation_place, _date(header.promulgation_date)) if part
        )
        kind = header.document_type_name or header.document_type
        self._row(self.tr("From:"), _organisation(header.sender), "edxmlFrom")
        recipients = "; ".join(_organisation(r) for r in header.recipients)
        self._row(self.tr("To:"), recipients, "edxmlTo")
        self._row(self.tr("Number and notation:"), self.plan.number, "edxmlCode")
        self._row(self.tr("Place and date:"), place_date, "edxmlPlaceDate")
        self._row(self.tr("Document type:"), kind, "edxmlType")
        self._row(self.tr("Subject:"), header.subject, "edxmlSubject")
        self._row(self.tr("Signed by:"), signer, "edxmlSigner")
        self._row(self.tr("Due date:"), _date(header.due_date), "edxmlDueDate")

    def _show_signature(self) -> None:
        report = self.plan.signature
        signer = report.signer or ""
        self.confirm_unverified.setVisible(report.status is SignatureStatus.DOES_NOT_VERIFY)
        if report.status is SignatureStatus.NOT_PRESENT:
            text = self.tr("Digital signature: none. Nothing vouches for who sent the package.")
        elif report.status is SignatureStatus.VERIFIES:
            text = self.tr(
                "Digital signature: present and verifies — nothing signed has changed since "
                "{signer} signed it. Whether that certificate belongs to the sender is not "
                "checked here."
            ).format(signer=signer)
            if not report.covers_attachments:
                text += " " + self.tr(
                    "The signature covers the envelope only, not the attached files."
                )
        else:
            text = self.tr(
                "Digital signature: present but does NOT verify — the package may have been "
                "changed after it was signed ({reason}). Ask the sending organisation before "
                "importing it."
            ).format(reason=report.reason or "")
            self.signature.setStyleSheet(RED)
        self.signature.setText(text)

    # -- attachments -----------------------------------------------------------
    def _attachment_table(self) -> QTableWidget:
        rows = self.plan.attachments
        table = QTableWidget(len(rows), 5, self)
        table.setObjectName("edxmlAttachments")
        table.setHorizontalHeaderLabels(
            [self.tr("Attachment"), self.tr("Type"), self.tr("Size"), self.tr("SHA-256"),
             self.tr("Import")]
        )  # fmt: skip
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for row, attachment in enumerate(rows):
            info = attachment.info
            size = self.locale().formattedDataSize(info.size)
            cells = (info.name, info.content_type, size, info.sha256, self._action(attachment))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(attachment.title if column == 4 and attachment.title else text)
                if column == 3:
                    cell.setFont(fixed)
                table.setItem(row, column, cell)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _action(self, attachment: AttachmentPlan) -> str:
        if attachment.will_import:
            pages = attachment.pages or 0
            return self.tr("will import (%n page(s))", "", pages)
        if attachment.skip is SkipReason.SAME_FILE:
            return self.tr("skipped: the same file as “{name}”").format(name=attachment.same_as)
        return self.tr("skipped: not a PDF")

    def action_texts(self) -> list[str]:
        """The Import column, row by row (what the clerk reads)."""
        cells = (self.attachments.item(row, 4) for row in range(self.attachments.rowCount()))
        return [cell.text() if cell is not None else "" for cell in cells]

    def _update(self) -> None:
        count, skipped = len(self.plan.to_import), len(self.plan.skipped)
        unverified = self.plan.signature.status is SignatureStatus.DOES_NOT_VERIFY
        allowed = count > 0 and (not unverified or self.confirm_unverified.isChecked())
        self.import_button.setEnabled(allowed)
        if count == 0:
            self.summary.setStyleSheet(RED)
            self.summary.setText(self.tr("The package holds no PDF attachment to import."))
            return
        self.summary.setText(
            self.tr("%n paper(s) will be added; ", "", count)
            + self.tr("%n attachment(s) skipped.", "", skipped)
        )
