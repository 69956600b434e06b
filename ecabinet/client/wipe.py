"""Remote wipe: a laptop whose key the Government Office revoked erases itself.

When the server answers ``session_ended`` with ``wipe: true`` (the device was
revoked: a lost or stolen laptop), the client removes everything eCabinet keeps for
that profile: the secrets in the vault or OS keyring (profile key, refresh token,
device signing key), then the profile folder (encrypted store, encrypted papers,
partial downloads). Without the profile key nothing left on the disk can be read
even if the files were copied before; removing them is tidiness on top.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from ecabinet.errors import AuthError

log = logging.getLogger(__name__)


class DeviceWiped(AuthError):
    """This laptop was revoked and has erased its eCabinet data."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Văn phòng Chính phủ đã thu hồi quyền truy cập của máy tính này (ví dụ vì máy bị "
            "mất). Toàn bộ dữ liệu eCabinet trên máy (tài liệu, khóa ký, phiên đăng nhập) đã "
            "được xóa. Nếu đây là nhầm lẫn, hãy liên hệ Văn phòng Chính phủ.",
            code="device_wiped",
            message_en=(
                "The Government Office revoked this computer's access (for example because "
                "it was reported lost). All eCabinet data on it (papers, signing key, "
                "session) has been erased. If this is a mistake, contact the Government "
                f"Office.{(' ' + detail) if detail else ''}"
            ),
        )
        self.reason = "device_revoked"
        self.wipe = True


def erase_profile_folder(root: Path) -> None:
    """Remove the profile folder; what cannot be removed is logged, never raised."""
    if not root.exists():
        return

    def report(_function: object, path: str, exc: object) -> None:
        log.error("could not erase %s: %s", path, exc)

    if sys.version_info >= (3, 12):
        shutil.rmtree(root, onexc=report)
    else:  # onerror gets exc_info; deprecated from 3.12 on
        shutil.rmtree(root, onerror=report)
