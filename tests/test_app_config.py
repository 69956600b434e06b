"""The app's settings file: several values in one write, nothing written when unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecabinet.client import config as cfg
from ecabinet.fsutil import atomic_write_bytes


def test_values_set_together_are_written_once_and_unchanged_ones_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[bytes] = []

    def counting(path: Path, data: bytes) -> None:
        writes.append(data)
        atomic_write_bytes(path, data)

    monkeypatch.setattr("ecabinet.client.config.atomic_write_bytes", counting)
    config = cfg.AppConfig(tmp_path / "config.json")
    remembered = (
        (cfg.LAST_PROFILE, "/home/bt/profile"),
        (cfg.LAST_SERVER, "https://ecabinet.gov.vn"),
        (cfg.LAST_USERNAME, "bt.taichinh"),
    )
    config.update(*remembered)
    assert len(writes) == 1, "three values, one write (and one fsync)"
    config.update(*remembered)
    config.set(cfg.LAST_USERNAME, "bt.taichinh")
    assert len(writes) == 1, "unchanged values are not written again"
    # A list-valued setting (its default is unhashable) goes through the same path.
    config.set(cfg.SIGNING_TRUST_ROOTS, ["/etc/vgca.pem"])
    assert len(writes) == 2
    again = cfg.AppConfig(tmp_path / "config.json")
    assert again.get(cfg.LAST_SERVER) == "https://ecabinet.gov.vn"
    assert again.get(cfg.SIGNING_TRUST_ROOTS) == ["/etc/vgca.pem"]
    assert json.loads((tmp_path / "config.json").read_text())["last_username"] == "bt.taichinh"
