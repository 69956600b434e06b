"""Account and security: who is signed in, the server's pinned identity, my devices.

The fingerprints are what a minister reads out to the Government Office to confirm
that this laptop talks to the real server; the device list shows every laptop that
can sign in the minister's name, so one they do not recognise stands out.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.access import AccessState
from ecabinet.client.my_devices import DeviceRow
from ecabinet.client.pins import ServerIdentity
from ecabinet.crypto.server_keys import fingerprint
from ecabinet.timeutil import vietnam_time_text


class AccountDialog(QDialog):
    def __init__(
        self,
        *,
        user_label: str,
        server_url: str,
        identity: ServerIdentity,
        access: AccessState,
        devices: list[DeviceRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle(self.tr("Account and security"))
        self.setMinimumWidth(640)
        self.summary = QLabel(self)
        self.summary.setObjectName("accountSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setText(self._summary(user_label, server_url, identity, access))
        self.devices_label = QLabel(self.tr("Devices that can sign in your name"), self)
        self.table = QTableWidget(len(devices), 3, self)
        self.table.setObjectName("deviceTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Device"), self.tr("Registered"), self.tr("State")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, device in enumerate(devices):
            label = device.label or fingerprint(device.key_id)[:19]
            if device.this_device:
                label = self.tr("%1 (this computer)").replace("%1", label)
            state = (
                self.tr("revoked %1").replace("%1", vietnam_time_text(device.revoked_at))
                if device.revoked_at
                else self.tr("active")
            )
            cells = (label, vietnam_time_text(device.registered_at), state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(fingerprint(device.key_id))
                self.table.setItem(row, column, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.devices_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _summary(
        self, user_label: str, server_url: str, identity: ServerIdentity, access: AccessState
    ) -> str:
        none = self.tr("not pinned yet")
        rows = [
            (self.tr("Signed in as"), user_label),
            (self.tr("Server"), server_url),
            (self.tr("Server TLS key fingerprint"), identity.tls_fingerprint or none),
            (self.tr("Receipt signing key fingerprint"), identity.receipt_key_fingerprint or none),
            (
                self.tr("Offline use"),
                self.tr("up to %1 days without reaching the server; last reached %2")
                .replace("%1", str(access.offline_days))
                .replace("%2", vietnam_time_text(access.last_contact_at) or "—"),
            ),
        ]
        cells = "".join(
            f"<tr><td><b>{html.escape(k)}</b></td><td><code>{html.escape(v)}</code></td></tr>"
            if "fingerprint" in k.lower() or "vân tay" in k.lower()
            else f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        note = self.tr(
            "To confirm the server, read the fingerprints to the Government Office: they must "
            "match theirs exactly."
        )
        return f"<table cellspacing='6'>{cells}</table><p>{html.escape(note)}</p>"
