"""Opening a profile to paint the catalogue loads neither pdfium nor the HTTP stack.

Start-up time is measured in bench/cold_start.py; this guards the cheap part of it that a
stray top-level import would undo without anyone noticing.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pypdfium2", "requests", "cryptography.x509", "pypdf", "lxml", "alembic")


def test_the_workspace_and_main_window_import_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "import ecabinet.client.workspace, ui.main_window\n"
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
