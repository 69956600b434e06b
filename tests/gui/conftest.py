"""GUI tests: real windows, offscreen, driven with clicks and keys (pytest-qt)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_leftover_background_work(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    yield
    from ui.worker import wait_for_background_work

    # A test that leaves background work running would leak into the next one.
    assert wait_for_background_work(20_000), "background work still running after the test"


@pytest.fixture(autouse=True)
def _vietnamese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from ui.i18n import install_language

    assert install_language(qapp, "vi")
    yield
    install_language(qapp, "vi")


@pytest.fixture(scope="module")
def backend() -> str:
    # The GUI talks to the server over HTTP; the database behind it is covered by the
    # server tests on both backends, so GUI tests run once, on SQLite.
    return "sqlite"
