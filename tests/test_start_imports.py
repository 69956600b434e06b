"""Opening a profile to paint the catalogue loads neither pdfium, the HTTP stack, SQLAlchemy
(the first paint reads SQLCipher directly: ecabinet/store/first_read.py), pydantic, nor
qtawesome (and its qtpy).

Start-up time is measured in bench/cold_start.py; this guards the cheap part of it that a
stray top-level import would undo without anyone noticing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_first_read import _profile

from ecabinet.timeutil import isoformat, utcnow

HEAVY = (
    "pypdfium2", "requests", "cryptography.x509", "pypdf", "lxml", "alembic", "sqlalchemy",
    "pydantic", "qtawesome", "qtpy",
)  # fmt: skip


def test_the_workspace_and_main_window_import_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "import ecabinet.client.workspace, ui.main_window, ui.app\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", f"loaded at start-up: {done.stdout.strip()}"


def test_a_lazy_module_loads_on_first_use() -> None:
    code = (
        "import sys\n"
        "from ecabinet.lazy_import import lazy_module\n"
        "m = lazy_module('colorsys')\n"
        "print('colorsys' in sys.modules, end=' ')\n"
        "print(m.rgb_to_hsv(1, 0, 0)[2], 'colorsys' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False 1 True"


def test_the_app_paints_a_profile_s_catalogue_before_loading_any(tmp_path: Path) -> None:
    """The real start (ui/app.py, the window, the catalogue read) up to its first paint."""
    profile = _profile(tmp_path, isoformat(utcnow()) or "")
    code = (
        "import sys\n"
        "import ui.app as app\n"
        "def report(qapp, window):\n"
        f"    heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "    print(heavy, window.model.document_count(), window.workspace.store_opened)\n"
        "    window.quit_confirmed = True\n"  # its answer waiting to be sent: no question
        "    window.close()\n"
        "    qapp.quit()\n"
        "app._report_first_paint = report\n"
        f"app.main(['--profile-dir', {str(profile)!r}, '--no-sync', '--exit-after-first-paint'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[] 6 False", done.stdout + done.stderr[-2000:]
