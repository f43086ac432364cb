"""Theme files: the bundled four, the user's own, broken files, and the built-ins left alone."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from textual.theme import BUILTIN_THEMES

from fictui.locations import bundled_themes_dir, user_themes_dir
from fictui.themes import fictui_themes, load_themes
from fictui.ui.theme_vars import THEME_VARIABLE_DEFAULTS


def test_bundled_themes_load_and_set_every_reading_variable() -> None:
    loaded = load_themes([bundled_themes_dir()])
    assert loaded.problems == []
    names = {theme.name for theme in loaded.themes}
    assert {"fictui-dark", "fictui-light", "fictui-sepia", "fictui-mono"} <= names
    for theme in loaded.themes:
        missing = set(THEME_VARIABLE_DEFAULTS) - set(theme.variables)
        assert not missing, f"{theme.name} lacks {missing}"
        assert theme.foreground and theme.background


def test_light_and_dark_flags() -> None:
    themes = {t.name: t for t in load_themes([bundled_themes_dir()]).themes}
    assert themes["fictui-dark"].dark and themes["fictui-mono"].dark
    assert not themes["fictui-light"].dark and not themes["fictui-sepia"].dark


def test_broken_files_give_one_notification_naming_each_and_others_load() -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('name = "x"\n[colors\n', encoding="utf-8")
    (folder / "nocolour.toml").write_text('[colors]\nprimary = "banana"\n', encoding="utf-8")
    (folder / "mine.toml").write_text(
        'name = "mine"\ndark = false\n[colors]\nprimary = "#112233"\n'
        '[variables]\nfictui-realm = "#445566"\n',
        encoding="utf-8",
    )
    loaded = fictui_themes()
    names = [theme.name for theme in loaded.themes]
    assert "mine" in names and "fictui-dark" in names
    assert len(loaded.problems) == 2
    message = loaded.notification()
    assert message is not None
    assert "broken.toml" in message and "not valid TOML" in message
    assert "nocolour.toml" in message and "not a colour" in message


def test_user_theme_replaces_a_bundled_one_by_name() -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "dark.toml").write_text(
        'name = "fictui-dark"\n[colors]\nprimary = "#010203"\n', encoding="utf-8"
    )
    themes = {t.name: t for t in fictui_themes().themes}
    assert themes["fictui-dark"].primary == "#010203"


def test_missing_primary_and_bad_types_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[colors]\nbackground = "#000000"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('dark = "yes"\n[colors]\nprimary = "#fff"\n', encoding="utf-8")
    (tmp_path / "c.toml").write_text('[colors]\nprimary = "#fff"\nsparkle = "#fff"\n')
    problems = load_themes([tmp_path]).problems
    assert len(problems) == 3
    assert "primary" in problems[0] and "dark" in problems[1] and "sparkle" in problems[2]


def test_loading_never_touches_textual_builtin_themes() -> None:
    before = copy.deepcopy(BUILTIN_THEMES)
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "textual-dark.toml").write_text(
        'name = "textual-dark"\n[colors]\nprimary = "#123456"\n', encoding="utf-8"
    )
    loaded = fictui_themes()
    mine = next(t for t in loaded.themes if t.name == "textual-dark")
    assert mine is not BUILTIN_THEMES["textual-dark"]
    assert before == BUILTIN_THEMES


async def test_app_reports_broken_theme_files_in_one_notification(make_app: Any) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "bad-one.toml").write_text("[colors\n", encoding="utf-8")
    (folder / "bad-two.toml").write_text("[colors]\nprimary = 7\n", encoding="utf-8")
    (folder / "good.toml").write_text('name = "good"\n[colors]\nprimary = "#abcdef"\n')
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        about_themes = [n for n in app._notifications if "theme" in n.message.lower()]
        assert len(about_themes) == 1, [n.message for n in app._notifications]
        message = about_themes[0].message
        assert "bad-one.toml" in message and "bad-two.toml" in message
        assert "good" in app.available_themes and "good" in app.fictui_theme_names
        assert app.theme == "fictui-dark"
