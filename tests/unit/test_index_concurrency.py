"""Two fictui windows on one library share its index without crashing each other."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fictui.library.rows import IndexFile

_OPENER = """
import sys
from pathlib import Path
from fictui.library.rows import IndexFile
root, cache = Path(sys.argv[1]), Path(sys.argv[2])
for round in range(int(sys.argv[3])):
    index = IndexFile(root, cache / f"index-{round}.sqlite3")
    index.close()
print("ok")
"""


def test_processes_creating_the_same_index_at_once_do_not_crash(tmp_path: Path) -> None:
    root = tmp_path / "stories"
    root.mkdir()
    cache = tmp_path / "cache"
    cache.mkdir()
    command = [sys.executable, "-c", _OPENER, str(root), str(cache), "40"]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode(errors="replace")
        assert out.strip() == b"ok"


def test_rebuild_while_another_connection_is_open_keeps_both_working(tmp_path: Path) -> None:
    root = tmp_path / "stories"
    root.mkdir()
    path = tmp_path / "index.sqlite3"
    first = IndexFile(root, path)
    second = IndexFile(root, path)
    first.rebuild()
    # The other window's connection still reads the (now empty) index.
    assert second._db.execute("SELECT COUNT(*) FROM entries").fetchone() == (0,)
    assert path.exists()
    first.close()
    second.close()


def test_an_index_of_another_library_is_reset_in_place(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    IndexFile(tmp_path / "a", path).close()
    other = IndexFile(tmp_path / "b", path)
    meta = dict(other._db.execute("SELECT key, value FROM meta").fetchall())
    assert bytes.fromhex(meta["root"]) == str(tmp_path / "b").encode()
    other.close()


def test_a_file_that_is_not_a_database_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    (tmp_path / "a").mkdir()
    index = IndexFile(tmp_path / "a", path)
    assert index._db.execute("SELECT COUNT(*) FROM entries").fetchone() == (0,)
    assert path.read_bytes().startswith(b"SQLite format 3")
    index.close()
