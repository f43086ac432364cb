"""Loading theme files (bundled and the user's own) into Textual Theme objects."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from fictui.locations import bundled_themes_dir, user_themes_dir
from fictui.text.sanitize import display_path, sanitize_line

COLOR_KEYS: tuple[str, ...] = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
"""The app colours a theme file may set under [colors]; only primary is required."""


class ThemeFileError(Exception):
    """A theme file cannot be used; the message says why."""


@dataclass
class LoadedThemes:
    """The themes read from some folders and the files that failed."""

    themes: list[Theme] = field(default_factory=list)
    """The themes that loaded, bundled ones first, in file-name order."""
    problems: list[str] = field(default_factory=list)
    """One line per broken file: its name and the error."""

    def notification(self) -> str | None:
        """All problems as one plain-text notification, or None when every file loaded."""
        if not self.problems:
            return None
        return "Some theme files could not be loaded:\n" + "\n".join(self.problems)


def _check_color(where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(f"{where} must be a string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(f"{where}: not a colour: {value!r}") from None
    return value


def parse_theme(data: dict[str, Any], fallback_name: str) -> Theme:
    """Build a Theme from the parsed TOML of a theme file.

    Args:
        data: The file's tables: ``name``, ``dark``, ``[colors]`` and ``[variables]``.
        fallback_name: The name to use when the file sets none (the file's stem).

    Returns:
        A new Theme (never one of Textual's built-in objects).

    Raises:
        ThemeFileError: A required key is missing or a value is wrong.
    """
    name = data.get("name", fallback_name)
    if not isinstance(name, str) or not name.strip():
        raise ThemeFileError("name must be a non-empty string")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeFileError("dark must be true or false")
    colors = data.get("colors", {})
    if not isinstance(colors, dict):
        raise ThemeFileError("[colors] must be a table")
    unknown = sorted(set(colors) - set(COLOR_KEYS))
    if unknown:
        raise ThemeFileError(f"unknown colour key {unknown[0]!r} in [colors]")
    if "primary" not in colors:
        raise ThemeFileError("[colors] needs a primary colour")
    checked = {key: _check_color(f"colors.{key}", value) for key, value in colors.items()}
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeFileError("[variables] must be a table")
    for key, value in variables.items():
        if not isinstance(value, str):
            raise ThemeFileError(f"variables.{key} must be a string")
    return Theme(
        name=name.strip(),
        primary=checked["primary"],
        secondary=checked.get("secondary"),
        warning=checked.get("warning"),
        error=checked.get("error"),
        success=checked.get("success"),
        accent=checked.get("accent"),
        foreground=checked.get("foreground"),
        background=checked.get("background"),
        surface=checked.get("surface"),
        panel=checked.get("panel"),
        boost=checked.get("boost"),
        dark=dark,
        variables=dict(variables),
    )


def load_theme_file(path: Path) -> Theme:
    """Read one theme file.

    Raises:
        ThemeFileError: The file cannot be read or is not a valid theme.
    """
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except OSError as error:
        raise ThemeFileError(error.strerror or "cannot read the file") from None
    except tomllib.TOMLDecodeError as error:
        raise ThemeFileError(f"not valid TOML: {error}") from None
    return parse_theme(data, path.stem)


def load_themes(folders: Iterable[Path]) -> LoadedThemes:
    """Load every ``*.toml`` file of the folders, each on its own.

    Args:
        folders: Folders in order; a later theme with the same name replaces an earlier one.

    Returns:
        The themes that loaded and one problem line per file that did not.
    """
    loaded = LoadedThemes()
    by_name: dict[str, Theme] = {}
    for folder in folders:
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            try:
                theme = load_theme_file(path)
            except ThemeFileError as error:
                loaded.problems.append(f"{display_path(path)}: {sanitize_line(str(error))}")
                continue
            by_name[theme.name] = theme
    loaded.themes = list(by_name.values())
    return loaded


def fictui_themes() -> LoadedThemes:
    """The bundled themes and then the user's own (which may replace a bundled one)."""
    return load_themes([bundled_themes_dir(), user_themes_dir()])


__all__ = [
    "COLOR_KEYS",
    "LoadedThemes",
    "ThemeFileError",
    "fictui_themes",
    "load_theme_file",
    "load_themes",
    "parse_theme",
]
