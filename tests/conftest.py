"""Shared fixtures: every test gets its own config, data and cache folders."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point fictui's folders at a temporary directory so no test touches the real home."""
    folders = {
        "config": tmp_path / "fictui-config",
        "data": tmp_path / "fictui-data",
        "cache": tmp_path / "fictui-cache",
    }
    monkeypatch.setenv("FICTUI_CONFIG_DIR", str(folders["config"]))
    monkeypatch.setenv("FICTUI_DATA_DIR", str(folders["data"]))
    monkeypatch.setenv("FICTUI_CACHE_DIR", str(folders["cache"]))
    monkeypatch.delenv("FICTUI_CONFIG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return folders
