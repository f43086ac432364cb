"""The reading model stays free of Textual (it runs in workers and in tests without a UI)."""

from __future__ import annotations

import subprocess
import sys


def test_reading_package_never_imports_textual() -> None:
    code = (
        "import sys\n"
        "import fictui.reading.document, fictui.reading.search, fictui.reading.realms\n"
        "import fictui.reading.progress, fictui.reading.measure, fictui.reading.lineindex\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
