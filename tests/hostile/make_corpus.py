"""Generate fictui's hostile corpus: story files built to break a reader or reach the terminal.

Run ``python -m tests.hostile.make_corpus DIR`` from the repository root to write
it into DIR, or call :func:`build`. Every sample is generated here from short original text, so the
corpus stays small and readable and nothing binary lives in the repository.
"""

from __future__ import annotations

import os
import random
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.corpus_archives import SampleData, epub, epub_samples, opf, xhtml, zip_bomb
from tests.hostile.payloads import (
    ALL_ESCAPES,
    ESCAPES,
    MARKERS,
    MARKUP,
    PROSE,
    SECRET,
    UNTERMINATED,
    story_text,
)

__all__ = [
    "ALL_ESCAPES",
    "ESCAPES",
    "MARKERS",
    "MARKUP",
    "PROSE",
    "SECRET",
    "Sample",
    "build",
    "catalogue",
    "contents",
    "epub",
    "opf",
    "remove",
    "sample_path",
    "xhtml",
    "zip_bomb",
]


@dataclass(frozen=True)
class Sample:
    """One entry of the corpus."""

    name: bytes
    """The file name (bytes, so names that are not UTF-8 can exist)."""
    what: str
    """Which hostile class it belongs to, for test ids and reports."""
    readable: str | None = None
    """A phrase `fictui cat` must print, when the file must read as a story."""
    fails: bool = False
    """True when every reader must refuse the file with a clear error."""


def _txt_samples() -> dict[bytes, SampleData]:
    lantern = PROSE[0][:18]
    header = (
        f"Title: Harbour {ALL_ESCAPES} {MARKUP}\nAuthor: {ESCAPES['osc52-clipboard']}Mallory\n"
        f"Rating: {ESCAPES['osc8-link']}\nTags: {ESCAPES['osc0-title']}, {MARKUP}\n"
        f"Summary: {ALL_ESCAPES}\n\n"
    )
    payload_lines = "\n\n".join(f"{name}: before {seq} after" for name, seq in ESCAPES.items())
    cp1252 = "\u201cHello,\u201d she said \u2014 it\u2019s late. " + PROSE[0]
    return {
        b"escapes.txt": (
            (header + story_text(payload_lines, "line end " + UNTERMINATED)).encode()
            + UNTERMINATED.encode(),
            "escape payloads in text and header",
            lantern,
            False,
        ),
        b"markup.txt": (
            f"Title: {MARKUP}\n\n{story_text(MARKUP, '[/]' * 50, '[' * 300)}".encode(),
            "console markup in text",
            "[@click=app.quit]",
            False,
        ),
        b"cp1252.txt": (
            story_text(cp1252).encode("cp1252"),
            "windows-1252",
            "\u201cHello,\u201d",
            False,
        ),
        b"utf16-bom.txt": (story_text().encode("utf-16"), "utf-16 with BOM", lantern, False),
        b"utf16le-nobom.txt": (
            story_text().encode("utf-16-le"),
            "utf-16 without BOM",
            None,
            False,
        ),
        b"utf16be-nobom.txt": (
            story_text().encode("utf-16-be"),
            "utf-16 without BOM",
            None,
            False,
        ),
        b"utf8-bom.txt": (b"\xef\xbb\xbf" + story_text().encode(), "utf-8 BOM", lantern, False),
        b"mixed.txt": (
            story_text("caf\u00e9 na\u00efve").encode() + "\u201cquoted\u201d\n".encode("cp1252"),
            "mixed utf-8 and windows-1252",
            lantern,
            False,
        ),
        b"crlf.txt": (story_text().replace("\n", "\r\n").encode(), "CRLF", lantern, False),
        b"lone-cr.txt": (story_text().replace("\n", "\r").encode(), "lone CR", lantern, False),
        b"empty.txt": (b"", "empty", None, True),
        b"whitespace.txt": (b" \t\r\n\n   \n\t", "whitespace only", None, True),
        b"long-line.txt": (
            (PROSE[0] + " ").encode() * (2 * 1024 * 1024 // 70),
            "2 MB line",
            lantern,
            False,
        ),
        b"combining.txt": (
            story_text("Z" + "\u0301\u0316\u0337" * 14 + "algo " * 20).encode(),
            "40 stacked combining marks",
            lantern,
            False,
        ),
        b"wide.txt": (
            story_text(
                "\u6f22\u5b57\u3068\u304b\u306a " * 30, "\U0001f409\U0001f3ee" * 40
            ).encode(),
            "wide CJK and emoji",
            lantern,
            False,
        ),
        b"binary.txt": (random.Random(7).randbytes(40_000), "binary named .txt", None, False),
        b"nul-bytes.txt": (
            story_text().encode().replace(b" ", b"\x00 "),
            "NUL bytes in text",
            None,
            False,
        ),
    }


def _html(title: str, body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{title}</title>{head}"
        f"</head><body>{body}</body></html>\n"
    )


def _html_samples() -> dict[bytes, SampleData]:
    entity_esc = "&#x1b;]52;c;aGk=&#x7; &#27;]0;PWNED&#7; &#x9b;6n &#155;2J &#x9d;0;PWNED&#x9c;"
    paragraphs = "".join(f"<p>{p}</p>" for p in PROSE)
    ao3_like = (
        "<div id='preface'><div class='meta'><dl class='tags'>"
        f"<dt>Rating:</dt><dd>{ALL_ESCAPES}</dd><dt>Fandom:</dt><dd>{entity_esc}</dd>"
        f"<dt>Additional Tags:</dt><dd><a>{MARKUP}</a>, <a>{ESCAPES['osc8-link']}</a></dd>"
        f"</dl></div><h1>{entity_esc}</h1><div class='byline'>by <a rel='author'>"
        f"{ESCAPES['osc52-clipboard']}</a></div><p>Summary</p><blockquote class='userstuff'>"
        f"{entity_esc} {MARKUP}</blockquote><p>Notes</p><blockquote class='userstuff'>"
        f"{ALL_ESCAPES} {MARKUP}</blockquote></div><div id='chapters'><h2 class='toc-heading'>"
        f"{entity_esc}</h2><div class='userstuff'>{paragraphs}<p>{entity_esc}</p>"
        f"<p>{ALL_ESCAPES}</p><p><i>{MARKUP}</i></p></div></div>"
        f"<div id='afterword'><div class='notes'><blockquote>{entity_esc}</blockquote></div></div>"
    )
    xxe = (
        "<?xml version='1.0'?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>"
        "<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
        "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
        "<html xmlns='http://www.w3.org/1999/xhtml'><head><title>&xxe;</title></head>"
        f"<body><p>&xxe;</p><p>&d;&d;&d;</p>{paragraphs}</body></html>\n"
    )
    return {
        b"entities.html": (
            _html(
                entity_esc + MARKUP, ao3_like, f"<meta name='author' content='{entity_esc}'>"
            ).encode(),
            "escape payloads as HTML entities, AO3-like layout",
            PROSE[0][:18],
            False,
        ),
        b"raw-escapes.htm": (
            _html(ALL_ESCAPES, f"{paragraphs}<p>{ALL_ESCAPES}</p><p>{UNTERMINATED}").encode()
            + UNTERMINATED.encode(),
            "raw escape bytes in HTML",
            PROSE[0][:18],
            False,
        ),
        b"broken.html": (
            f"<html><body><p>{PROSE[0]}<div><i><b>{PROSE[1]}</p></i><table><tr><td>"
            f"{'<div>' * 20000}{PROSE[2]}<script>alert(1)</script><style>p{{}}</style"
            "<!-- unterminated comment".encode(),
            "broken HTML, deep nesting",
            None,
            False,
        ),
        b"xxe.xhtml": (xxe.encode(), "external and exponential XML entities", None, False),
        b"html-as.txt": (
            _html("Disguised", paragraphs + f"<p>{entity_esc}</p>").encode(),
            "HTML saved with a .txt name",
            PROSE[0][:18],
            False,
        ),
        b"utf16.html": (
            _html("Sixteen", paragraphs).encode("utf-16"),
            "HTML in UTF-16",
            None,
            False,
        ),
    }


def _markdown_samples() -> dict[bytes, SampleData]:
    front = (
        "---\n"
        'title: "Harbour \\e]0;PWNED\\a \\e]52;c;aGk=\\a"\n'
        'author: "\\x9b6n Mallory"\n'
        'tags: ["\\e]8;;https://evil.example/\\e\\\\x", "[@click=app.quit]q[/]"]\n'
        'summary: "\\e[2J\\ec"\n'
        "---\n\n"
    )
    laughs = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    return {
        b"front-matter.md": (
            (front + f"# {ALL_ESCAPES}\n\n{story_text(ALL_ESCAPES, MARKUP)}").encode(),
            "escapes in YAML front matter (YAML \\e makes a real ESC)",
            PROSE[0][:18],
            False,
        ),
        b"yaml-bomb.md": (
            (laughs + "title: *i\n---\n\n" + story_text()).encode(),
            "YAML alias bomb",
            None,
            False,
        ),
        b"yaml-object.md": (
            (
                "---\ntitle: !!python/object/apply:os.system ['echo PWNED']\n---\n\n" + story_text()
            ).encode(),
            "YAML python tags",
            None,
            False,
        ),
        b"markup.markdown": (
            (
                f"# {MARKUP}\n\n{story_text(MARKUP)}\n[link](https://evil.example/{ALL_ESCAPES})"
                f"\n\n<b>{ALL_ESCAPES}</b>\n\n```\n{ALL_ESCAPES}\n```\n{'> ' * 5000}deep\n"
            ).encode(),
            "markup, links and raw HTML in Markdown",
            PROSE[0][:18],
            False,
        ),
    }


def _hostile_names() -> dict[bytes, SampleData]:
    text = story_text().encode()
    names = [
        b"[bold]loud[u].txt",
        b"[@click=app.quit]x.txt",
        b"[b.txt",
        b"[link=https:evil.example]l[.txt",
        b"\\[x].md",
        ESCAPES["osc0-title"].encode() + b"title.txt",
        b"\x1b[2J\x1bc.txt",
        "\u202etxt.exe".encode() + b".txt",
        b"bad\xff\xfebytes.txt",
        b"c1-\xc2\x9b6n.txt",
        b"new\nline.txt",
    ]
    samples: dict[bytes, SampleData] = {
        name: (text, "hostile file name", PROSE[0][:18], False) for name in names
    }
    # Unreadable files with hostile names: their names reach error rows and messages.
    junk = random.Random(3).randbytes(2000)
    for name in (b"[@click=app.quit]bad[b.epub", ESCAPES["osc52-clipboard"].encode() + b".epub"):
        samples[name] = (junk, "hostile name on an unreadable file", None, True)
    return samples


_SPECIAL = (
    ("fifo.txt", "FIFO"),
    ("zero.txt", "symlink to /dev/zero"),
    ("dangling.txt", "dangling symlink"),
    ("loop.epub", "symlink loop"),
    ("folder.txt", "directory with a story name"),
)
"""Names that are not regular files: every reader must refuse them, none may block."""


def _make_special(root: Path, name: str) -> None:
    target = root / name
    if name == "fifo.txt":
        os.mkfifo(target)
    elif name == "zero.txt":
        os.symlink("/dev/zero", target)
    elif name == "dangling.txt":
        os.symlink("nowhere/at/all.txt", target)
    elif name == "loop.epub":
        os.symlink(name, target)
    elif name == "folder.txt":
        target.mkdir()


def _regular() -> dict[bytes, SampleData]:
    """Every regular-file sample, by name, in a stable order."""
    return {
        **_txt_samples(),
        **_html_samples(),
        **_markdown_samples(),
        **epub_samples(),
        **_hostile_names(),
    }


def contents() -> dict[bytes, bytes]:
    """The bytes of every regular-file sample, by name (fuzzing seeds start here)."""
    return {name: data for name, (data, *_) in _regular().items()}


def catalogue() -> list[Sample]:
    """Every sample of the corpus, in a stable order, without writing anything."""
    samples = [
        Sample(name, what, readable, fails)
        for name, (_data, what, readable, fails) in _regular().items()
    ]
    samples += [Sample(name.encode(), what, fails=True) for name, what in _SPECIAL]
    # Root reads a mode-000 file anyway; then it is simply a readable story.
    as_root = os.geteuid() == 0
    samples.append(
        Sample(
            b"locked.txt",
            "unreadable (mode 000)",
            readable=PROSE[0][:18] if as_root else None,
            fails=not as_root,
        )
    )
    return samples


def build(root: Path) -> list[Sample]:
    """Write the whole corpus into ``root`` (created if missing).

    Besides the samples, it holds ``deep/up``, a symlink back to the corpus, so a
    library scan that follows directory links would loop.

    Args:
        root: An empty or missing folder.

    Returns:
        Every sample written (as :func:`catalogue` lists them).
    """
    root.mkdir(parents=True, exist_ok=True)
    for name, (data, *_rest) in _regular().items():
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(data)
    for special, _what in _SPECIAL:
        _make_special(root, special)
    locked = root / "locked.txt"
    locked.write_text(story_text())
    locked.chmod(0)
    (root / "deep").mkdir()
    os.symlink("..", root / "deep" / "up")
    return catalogue()


def sample_path(root: Path, sample: Sample) -> bytes:
    """The sample's full path as bytes (its name may not be valid UTF-8)."""
    return os.path.join(os.fsencode(root), sample.name)


def remove(root: Path) -> None:
    """Make the corpus deletable again (the mode-000 file)."""
    locked = root / "locked.txt"
    if locked.exists() and not locked.is_symlink():
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.hostile.make_corpus DIR")
    for sample in build(Path(sys.argv[1])):
        print(f"{sample.name!r:48} {sample.what}")
