"""Reading config.toml (tomllib, never rewritten): typed settings, defaults, clear messages.

Keys (all optional; a missing key takes its default):

| key                 | default         | meaning                                                  |
| ------------------- | --------------- | -------------------------------------------------------- |
| `library`           | none            | folder opened when `fictui` is run without a path        |
| `theme`             | `"fictui-dark"` | theme name (bundled or from the user's themes folder)    |
| `reader_width`      | `72`            | reading column width in cells (20 to 400)                |
| `justify`           | `false`         | justify paragraphs in the reader                         |
| `words_per_minute`  | `250`           | reading speed for time estimates (50 to 2000)            |
| `show_notes_inline` | `false`         | show author's notes inside the text, not only aside      |
| `notes_panel`       | `true`          | show the notes panel at start                            |
| `poll`              | `false`         | watch the library by polling (network drives, WSL)       |
| `poll_interval_ms`  | `1000`          | polling interval in milliseconds (100 to 60000)          |
| `autosave_delay_ms` | `500`           | pause after the last keystroke before notes are saved    |
|                     |                 | (50 to 1000: a note is always saved within one second)   |
| `sort`              | `"title"`       | default sort of the story list (see SORT_KEYS)           |
| `[keys]`            | empty           | binding id = keys, e.g. `app.quit = "ctrl+q"`; passed   |
|                     |                 | to Textual's App.set_keymap                              |

An unknown key gives a warning naming it; a value of the wrong type or out of
range gives a warning naming the key and what is allowed, and the default
applies. A file that is not TOML raises ConfigError with one line.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from fictui import locations
from fictui.errors import FictuiError
from fictui.text.sanitize import display_path, sanitize_line

SORT_KEYS = (
    "title",
    "author",
    "words",
    "chapters",
    "status",
    "updated",
    "path",
    "last-read",
    "added",
    "progress",
)
"""The story-list orders `sort` may name."""


class ConfigError(FictuiError):
    """config.toml cannot be read at all; the message is one line naming the file."""


@dataclass(slots=True)
class Config:
    """The user's settings from config.toml, with defaults for what it does not set."""

    library: Path | None = None
    """The folder opened when no path is given (None: the current folder)."""
    theme: str = "fictui-dark"
    """The theme's name."""
    reader_width: int = 72
    """The reading column's width in cells."""
    justify: bool = False
    """Justify paragraphs in the reader."""
    words_per_minute: int = 250
    """Reading speed for time estimates."""
    show_notes_inline: bool = False
    """Show author's notes inside the text."""
    notes_panel: bool = True
    """Show the notes panel at start."""
    poll: bool = False
    """Watch the library by polling instead of file-system events."""
    poll_interval_ms: int = 1000
    """The polling interval, in milliseconds."""
    autosave_delay_ms: int = 500
    """The pause after the last keystroke before notes are saved, in milliseconds."""
    sort: str = "title"
    """The story list's default order (one of SORT_KEYS)."""
    keys: dict[str, str] = field(default_factory=dict)
    """The user's keymap: action id to key string, for App.set_keymap."""
    warnings: list[str] = field(default_factory=list)
    """Messages about unknown keys and values that were not used."""
    path: Path | None = None
    """The file the settings were read from (None when there was none)."""


_INT_RANGES: dict[str, tuple[int, int]] = {
    "reader_width": (20, 400),
    "words_per_minute": (50, 2000),
    "poll_interval_ms": (100, 60000),
    "autosave_delay_ms": (50, 1000),
}
_BOOLS = ("justify", "show_notes_inline", "notes_panel", "poll")


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    return names.get(type(value), "a table" if isinstance(value, dict) else "a list")


def _apply(config: Config, key: str, value: object) -> None:
    """Set one key on ``config``, or add a warning and keep the default."""
    problem: str | None = None
    if key in _INT_RANGES:
        low, high = _INT_RANGES[key]
        number = _int(value)
        if number is None or not low <= number <= high:
            problem = f"a whole number from {low} to {high}"
        else:
            setattr(config, key, number)
    elif key in _BOOLS:
        if isinstance(value, bool):
            setattr(config, key, value)
        else:
            problem = "true or false"
    elif key == "theme":
        if isinstance(value, str) and value.strip():
            config.theme = value.strip()
        else:
            problem = "a theme name in quotes"
    elif key == "sort":
        if isinstance(value, str) and value.strip().lower() in SORT_KEYS:
            config.sort = value.strip().lower()
        else:
            problem = "one of " + ", ".join(SORT_KEYS)
    elif key == "library":
        if isinstance(value, str) and value.strip():
            config.library = Path(value).expanduser()
        else:
            problem = "a folder path in quotes"
    elif key == "keys":
        if isinstance(value, dict):
            _apply_keys(config, value)
        else:
            problem = 'a table of action = "key" lines ([keys])'
    if problem is not None:
        shown = sanitize_line(repr(value))[:40]
        config.warnings.append(
            f"config: {key} = {shown} is not allowed ({_kind(value)}); expected {problem}. "
            f"Using the default, {_default_text(key)}."
        )


def _apply_keys(config: Config, table: dict[str, Any], prefix: str = "") -> None:
    for name, keys in table.items():
        action = prefix + name
        if isinstance(keys, dict):
            # `reader.next-chapter = "L"` unquoted is a nested table in TOML: the
            # binding id is the dotted path either way.
            _apply_keys(config, keys, action + ".")
        elif isinstance(keys, str) and keys.strip():
            config.keys[action] = keys.strip()
        else:
            config.warnings.append(
                f"config: keys.{sanitize_line(action)} must be a key string such as "
                '"ctrl+q" (several separated by commas); ignored.'
            )


def _default_text(key: str) -> str:
    default = getattr(Config(), key)
    if default is None:
        return "none"
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, str):
        return f'"{default}"'
    return str(default)


KNOWN_KEYS = frozenset(f.name for f in fields(Config)) - {"warnings", "path"}
"""The keys config.toml may hold."""


def load_config(path: Path | None = None, *, required: bool = False) -> Config:
    """Read the user's config.toml.

    Args:
        path: The file to read; None means fictui.locations.config_file(). A
            missing file gives the defaults.
        required: Make a missing file an error (for a file named with --config).

    Returns:
        The settings, with a warning for each unknown key or unusable value.

    Raises:
        ConfigError: When the file exists but cannot be read or is not TOML.
    """
    path = path if path is not None else locations.config_file()
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise ConfigError(f"no such config file: {shown}") from None
        return Config()
    except OSError as error:
        raise ConfigError(f"cannot read {shown}: {error.strerror or error}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{shown}: not UTF-8 text (byte {error.start})") from None
    try:
        table = tomllib.loads(text.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{shown} is not valid TOML: {sanitize_line(str(error))}") from None
    config = Config(path=path)
    for key, value in table.items():
        if key in KNOWN_KEYS:
            _apply(config, key, value)
        else:
            config.warnings.append(
                f"config: unknown key {sanitize_line(key)!r} in {shown}; ignored "
                f"(known keys: {', '.join(sorted(KNOWN_KEYS))})."
            )
    return config
