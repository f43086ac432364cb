"""Every folder fictui uses, in one place (platformdirs, with environment overrides)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("fictui", appauthor=False)


def _chosen(variable: str, default: str) -> Path:
    override = os.environ.get(variable)
    return Path(override).expanduser() if override else Path(default)


def config_dir() -> Path:
    """Where config.toml and the user's own themes live (FICTUI_CONFIG_DIR overrides)."""
    return _chosen("FICTUI_CONFIG_DIR", _DIRS.user_config_dir)


def data_dir() -> Path:
    """Where the reader's state lives: notes, positions, bookmarks (FICTUI_DATA_DIR)."""
    return _chosen("FICTUI_DATA_DIR", _DIRS.user_data_dir)


def cache_dir() -> Path:
    """Where the library index lives; safe to delete (FICTUI_CACHE_DIR overrides)."""
    return _chosen("FICTUI_CACHE_DIR", _DIRS.user_cache_dir)


def config_file() -> Path:
    """The user's config.toml (FICTUI_CONFIG overrides the whole path)."""
    override = os.environ.get("FICTUI_CONFIG")
    return Path(override).expanduser() if override else config_dir() / "config.toml"


def user_themes_dir() -> Path:
    """The folder of the user's own theme files."""
    return config_dir() / "themes"


def bundled_themes_dir() -> Path:
    """The themes shipped with fictui (inside the package, or the source tree's themes/)."""
    packaged = Path(__file__).parent / "themes"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "themes"


def sample_library() -> Path:
    """The bundled sample library of short original stories."""
    return Path(__file__).parent / "samples"
