"""Time the HTML and EPUB readers on large generated stories and print the figures.

Builds a 20 MB AO3-style HTML download and an AO3/calibre-style EPUB holding
the same 20 MB of XHTML (the EPUB file itself is smaller, being deflated), then
times a full ``read_story`` and a ``read_story(head=True)`` of each. Targets:
full parse at most 2 s per file on a 2-core machine. Asserts nothing.

Usage: python bench/bench_formats.py [--mb 20] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from fictui.formats.read import read_story

_VOCABULARY = (
    "the lamp harbour tide ledger wick glass stair salt rope gull night morning keeper "
    "green ink black numbers pier rain window quiet voice letter map boat river weir "
    "bridge sister kettle clock winter summer bread candle shadow lantern wind sail "
    "anchor shell stone path garden door key counting waiting laughed climbed wrote "
    "said thought walked turned opened closed listened watched remembered forgot "
    "slowly again never always almost nearly softly suddenly perhaps really only "
    "she he they we it and but so because when while until before after under over"
)
WORDS = _VOCABULARY.split()


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(25, 90))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        start = rng.randrange(len(words) - 4)
        words[start] = "<em>" + words[start]
        words[start + 3] += "</em>"
    text = " ".join(words) + "."
    return f"<i>{text}</i>" if rng.random() < 0.05 else text


def _chapter_body(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        para = "<hr/>" if rng.random() < 0.01 else f"<p>{_paragraph(rng)}</p>"
        parts.append(para)
        total += len(para) + 1
    return "\n".join(parts)


def _meta(n: int) -> str:
    return (
        f'<div class="meta group"><h2 class="heading">Chapter {n}: Part {n}</h2>'
        '<p>Chapter Notes</p><blockquote class="userstuff"><p>A short note.</p></blockquote>'
        "</div>"
    )


PREFACE = """<div id="preface">
<p class="message"><b>Big Work</b><br/>Posted originally on the
<a href="http://archiveofourown.org/">Archive of Our Own</a> at
<a href="http://archiveofourown.org/works/1000001">http://archiveofourown.org/works/1000001</a>.</p>
<div class="meta"><dl class="tags">
<dt>Rating:</dt><dd><a>General Audiences</a></dd>
<dt>Fandom:</dt><dd><a>Original Work</a></dd>
<dt>Stats:</dt><dd>Published: 2020-01-01 Updated: 2021-01-01 Words: 3,000,000 Chapters: 100/?</dd>
</dl><h1>Big Work</h1><div class="byline">by <a rel="author">bench</a></div>
<p>Summary</p><blockquote class="userstuff"><p>Very long.</p></blockquote></div></div>"""


def build_html(path: Path, megabytes: float, chapters: int = 100) -> Path:
    """Write an AO3-style HTML download of about ``megabytes`` MB."""
    rng = random.Random(7)
    size = int(megabytes * 1_000_000 / chapters)
    body = "".join(
        f'{_meta(n)}<div class="userstuff">{_chapter_body(rng, size)}</div>'
        for n in range(1, chapters + 1)
    )
    path.write_text(
        '<!DOCTYPE html><html><head><meta charset="UTF-8"><title>Big Work - bench - Original'
        f' Work</title></head><body>{PREFACE}<div id="chapters" class="userstuff">{body}'
        "</div></body></html>",
        encoding="utf-8",
    )
    return path


def build_epub(path: Path, megabytes: float, chapters: int = 100) -> Path:
    """Write an AO3/calibre-style EPUB with about ``megabytes`` MB of XHTML."""
    rng = random.Random(11)
    size = int(megabytes * 1_000_000 / chapters)

    def page(body: str) -> str:
        return (
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title>'
            '<link rel="stylesheet" href="stylesheet.css"/></head>'
            f'<body class="calibre">{body}</body></html>'
        )

    names = [f"Big_Work_split_{n:03d}.xhtml" for n in range(chapters + 1)]
    items = "".join(
        f'<item id="s{n}" href="{name}" media-type="application/xhtml+xml"/>'
        for n, name in enumerate(names)
    )
    spine = "".join(f'<itemref idref="s{n}"/>' for n in range(len(names)))
    package = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Big Work</dc:title>'
        "<dc:creator>bench</dc:creator></metadata><manifest>"
        '<item id="css" href="stylesheet.css" media-type="text/css"/>'
        f"{items}</manifest><spine>{spine}</spine></package>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        archive.writestr("content.opf", package)
        archive.writestr("stylesheet.css", ".calibre7 { font-style: italic }")
        archive.writestr(names[0], page(PREFACE))
        for n in range(1, chapters + 1):
            body = _chapter_body(rng, size).replace("<em>", '<span class="calibre7">')
            body = body.replace("</em>", "</span>")
            archive.writestr(names[n], page(f'{_meta(n)}<div class="userstuff3">{body}</div>'))
    return path


def _time(path: Path, runs: int, head: bool) -> tuple[float, float, int, int]:
    """Median wall and CPU seconds of reading ``path``, with its words and chapters."""
    walls: list[float] = []
    cpus: list[float] = []
    words = chapters = 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        story = read_story(path, head=head)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
        words, chapters = story.words, len(story.chapters)
    return statistics.median(walls), statistics.median(cpus), words, chapters


def main() -> None:
    """Build the files, time the readers, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=20.0, help="content size in MB")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--keep", type=Path, default=None, help="write the files here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        files = [
            build_html(folder / "big_ao3.html", args.mb),
            build_epub(folder / "big_ao3.epub", args.mb),
        ]
        header = ("file", "size MB", "full s", "full cpu", "head s", "words", "chapters")
        print("{:16} {:>8} {:>8} {:>8} {:>8} {:>10} {:>9}".format(*header))
        for path in files:
            full, full_cpu, words, chapters = _time(path, args.runs, head=False)
            head, _, _, _ = _time(path, args.runs, head=True)
            size = path.stat().st_size / 1_000_000
            print(
                f"{path.name:16} {size:8.1f} {full:8.2f} {full_cpu:8.2f} {head:8.3f}"
                f" {words:10,} {chapters:9}"
            )
        print("target: full parse <= 2 s per file (CPU time shows the cost on a shared machine)")


if __name__ == "__main__":
    main()
