"""Open a profile in the app, asking for its passphrase when the computer needs one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from ecabinet.client.unlock import passphrase_need
from ecabinet.client.workspace import Workspace
from ecabinet.errors import InputError
from ui.errors import describe
from ui.passphrase_dialog import PassphraseDialog

PASSPHRASE_ERRORS = ("wrong_passphrase", "weak_passphrase", "passphrase_required")


def ask_passphrase(profile: Path, parent: QWidget | None = None, error: str = "") -> str | None:
    """The passphrase this profile needs (None: none needed, or the person cancelled).

    Runs a modal dialog: startup and the login dialog call it on the GUI thread,
    before the background work that opens the profile.
    """
    need = passphrase_need(profile)
    if need == "none":
        return None
    dialog = PassphraseDialog(parent, creating=need == "create", error=error)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase()


def open_workspace(
    profile: Path,
    *,
    server_url: str | None,
    passphrase: str | None = None,
    parent: QWidget | None = None,
    defer_store: bool = False,
) -> Workspace | None:
    """The profile's workspace; asks again after a wrong passphrase. None: cancelled.

    ``defer_store``: the store opens on first use (the app, after its first paint)."""
    error = ""
    while True:
        if passphrase is None and passphrase_need(profile) != "none":
            passphrase = ask_passphrase(profile, parent, error)
            if passphrase is None:
                return None
        try:
            return Workspace(
                profile, server_url=server_url, passphrase=passphrase, defer_store=defer_store
            )
        except InputError as exc:
            if exc.code not in PASSPHRASE_ERRORS:
                raise
            error, passphrase = describe(exc), None
