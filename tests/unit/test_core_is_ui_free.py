"""The core (everything but fictui.ui, fictui.themes and the open command) never imports Textual."""

from __future__ import annotations

import subprocess
import sys

UI_MODULES = ("fictui.ui", "fictui.commands.open", "fictui.themes")
"""The only modules allowed to import Textual."""


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "import fictui\n"
        f"ui = {UI_MODULES!r}\n"
        "names = []\n"
        "for info in pkgutil.walk_packages(fictui.__path__, 'fictui.'):\n"
        "    if not info.name.startswith(ui) and info.name != 'fictui.__main__':\n"
        "        importlib.import_module(info.name)\n"
        "        names.append(info.name)\n"
        "assert 'fictui.formats.txt' in names and 'fictui.model' in names, names\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
