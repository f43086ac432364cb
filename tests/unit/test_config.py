"""config.toml: defaults, typed values, warnings that name the key, one-line errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fictui.config import KNOWN_KEYS, SORT_KEYS, Config, ConfigError, load_config
from fictui.errors import FictuiError


def _write(private_folders: dict[str, Path], text: str | bytes) -> Path:
    path = private_folders["config"] / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_missing_file_gives_defaults() -> None:
    config = load_config()
    assert config == Config()
    assert (config.theme, config.reader_width, config.justify) == ("fictui-dark", 72, False)
    assert (config.words_per_minute, config.show_notes_inline, config.notes_panel) == (
        250,
        False,
        True,
    )
    assert (config.poll, config.autosave_delay_ms, config.sort, config.keys) == (
        False,
        500,
        "title",
        {},
    )
    assert config.library is None and config.warnings == []


def test_every_key_is_read(private_folders: dict[str, Path]) -> None:
    path = _write(
        private_folders,
        """
library = "~/stories"
theme = "fictui-light"
reader_width = 90
justify = true
words_per_minute = 300
show_notes_inline = true
notes_panel = false
poll = true
poll_interval_ms = 2500
autosave_delay_ms = 200
sort = "Words"

[keys]
quit = "ctrl+q"
"story_list.filter" = "slash,f"
""",
    )
    config = load_config()
    assert config.warnings == []
    assert config.path == path
    assert config.library == Path("~/stories").expanduser()
    assert (config.theme, config.reader_width, config.justify, config.words_per_minute) == (
        "fictui-light",
        90,
        True,
        300,
    )
    assert (config.show_notes_inline, config.notes_panel, config.poll) == (True, False, True)
    assert (config.poll_interval_ms, config.autosave_delay_ms, config.sort) == (2500, 200, "words")
    assert config.keys == {"quit": "ctrl+q", "story_list.filter": "slash,f"}


def test_unknown_key_is_named(private_folders: dict[str, Path]) -> None:
    _write(private_folders, 'colour = "red"\ntheme = "x"\n')
    config = load_config()
    assert config.theme == "x"
    assert len(config.warnings) == 1 and "'colour'" in config.warnings[0]


@pytest.mark.parametrize(
    ("line", "key", "allowed"),
    [
        ("reader_width = 5", "reader_width", "20 to 400"),
        ('reader_width = "wide"', "reader_width", "20 to 400"),
        ("reader_width = true", "reader_width", "whole number"),
        ('justify = "yes"', "justify", "true or false"),
        ("words_per_minute = 0", "words_per_minute", "50 to 2000"),
        ("autosave_delay_ms = 5000", "autosave_delay_ms", "50 to 1000"),
        ('sort = "shuffle"', "sort", "one of title"),
        ("theme = 3", "theme", "theme name"),
        ("library = false", "library", "folder path"),
        ('keys = "ctrl+q"', "keys", "table"),
    ],
)
def test_wrong_value_names_key_and_allowed_and_uses_default(
    private_folders: dict[str, Path], line: str, key: str, allowed: str
) -> None:
    _write(private_folders, line + "\n")
    config = load_config()
    assert len(config.warnings) == 1
    warning = config.warnings[0]
    assert warning.startswith(f"config: {key} = ") and allowed in warning
    assert "default" in warning
    assert getattr(config, key) == getattr(Config(), key)


def test_bad_key_binding_is_skipped(private_folders: dict[str, Path]) -> None:
    _write(private_folders, '[keys]\nquit = 3\nhelp = "f1"\n')
    config = load_config()
    assert config.keys == {"help": "f1"}
    assert "keys.quit" in config.warnings[0]


def test_integral_float_is_accepted(private_folders: dict[str, Path]) -> None:
    _write(private_folders, "reader_width = 80.0\n")
    assert load_config().reader_width == 80


def test_unparseable_file_is_one_line_config_error(private_folders: dict[str, Path]) -> None:
    _write(private_folders, 'theme = "unterminated\n')
    with pytest.raises(ConfigError) as caught:
        load_config()
    message = str(caught.value)
    assert "\n" not in message and "config.toml" in message and "TOML" in message
    assert isinstance(caught.value, FictuiError)


def test_not_utf8_is_config_error(private_folders: dict[str, Path]) -> None:
    _write(private_folders, b'theme = "\xff"\n')
    with pytest.raises(ConfigError):
        load_config()


def test_bom_and_crlf_are_accepted(private_folders: dict[str, Path]) -> None:
    _write(private_folders, b'\xef\xbb\xbftheme = "a"\r\njustify = true\r\n')
    config = load_config()
    assert (config.theme, config.justify, config.warnings) == ("a", True, [])


def test_explicit_path_and_env_override(
    tmp_path: Path, private_folders: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text("reader_width = 60\n")
    assert load_config(other).reader_width == 60
    monkeypatch.setenv("FICTUI_CONFIG", str(other))
    assert load_config().reader_width == 60
    assert load_config(tmp_path / "absent.toml") == Config()
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "absent.toml", required=True)


def test_config_is_never_written(private_folders: dict[str, Path]) -> None:
    path = _write(private_folders, "bogus = 1\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_config()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_documented_keys_match_the_dataclass() -> None:
    import fictui.config as module

    doc = module.__doc__ or ""
    for key in KNOWN_KEYS:
        assert f"`{key}`" in doc or f"`[{key}]`" in doc, key
    assert {f.name for f in dataclasses.fields(Config)} - KNOWN_KEYS == {"warnings", "path"}
    assert "title" in SORT_KEYS


def test_dotted_binding_ids_work_quoted_or_not(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[keys]\napp.quit = "ctrl+q"\n"reader.next-chapter" = "right_square_bracket,L"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.keys == {
        "app.quit": "ctrl+q",
        "reader.next-chapter": "right_square_bracket,L",
    }
    assert config.warnings == []
