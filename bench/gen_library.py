"""Generate a library of N small stories (about 20 KB each, mixed txt/html/md) for benchmarks.

Usage: python bench/gen_library.py DIR N [--size BYTES] [--seed S]
"""

from __future__ import annotations

import argparse
import html
import random
from pathlib import Path

SYLLABLES = [
    "ka",
    "ri",
    "do",
    "mel",
    "an",
    "thos",
    "vi",
    "ra",
    "lu",
    "en",
    "sar",
    "po",
    "mi",
    "tel",
    "gor",
    "ash",
    "wyn",
    "del",
    "fa",
    "ro",
    "ne",
    "bri",
    "sto",
    "qua",
    "il",
    "ver",
    "don",
    "ma",
    "la",
    "zen",
    "oth",
    "ry",
]
WORDS = [
    "the",
    "a",
    "and",
    "of",
    "to",
    "in",
    "was",
    "she",
    "he",
    "they",
    "it",
    "that",
    "with",
    "on",
    "at",
    "for",
    "lantern",
    "river",
    "dragon",
    "harbour",
    "quiet",
    "stone",
    "winter",
    "letter",
    "garden",
    "bridge",
    "morning",
    "candle",
    "map",
    "window",
    "storm",
    "tea",
    "market",
    "owl",
    "paper",
    "silver",
    "road",
    "small",
    "old",
    "bright",
    "long",
    "walked",
    "said",
    "looked",
    "waited",
    "kept",
    "found",
    "carried",
    "opened",
    "closed",
    "remembered",
    "slowly",
    "again",
    "never",
    "always",
    "almost",
    "together",
    "under",
    "over",
    "behind",
    "between",
]
FANDOMS = ("Harbour Lights", "The Owl Courts", "Stonebridge", "Lantern Keepers", "Quiet Roads")
RATINGS = ("General Audiences", "Teen And Up Audiences", "Mature", "Not Rated")
FREEFORM = ("Fluff", "Angst", "Slow Burn", "Found Family", "Hurt/Comfort", "Road Trip", "Letters")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + rng.choice(".!?.")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def _chapters(rng: random.Random, size: int) -> list[list[str]]:
    count = rng.randint(1, 6)
    chapters: list[list[str]] = []
    per = size // count
    for _ in range(count):
        paragraphs: list[str] = []
        length = 0
        while length < per:
            paragraph = _paragraph(rng)
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
        chapters.append(paragraphs)
    return chapters


def story_text(rng: random.Random, kind: str, size: int) -> tuple[str, str]:
    """One generated story: (file name stem, file text) in format txt, html or md."""
    title = f"{_name(rng, 2)} {rng.choice(['and the', 'of', 'under the'])} {_name(rng, 3)}"
    author = _name(rng, 2)
    chapters = _chapters(rng, size)
    complete = rng.random() < 0.6
    fandom = rng.choice(FANDOMS)
    rating = rng.choice(RATINGS)
    tags = rng.sample(FREEFORM, 2)
    summary = _sentence(rng)
    total = str(len(chapters)) if complete else "?"
    if kind == "txt":
        lines = [title, f"by {author}", "", f"Summary: {summary}", ""]
        for number, paragraphs in enumerate(chapters, 1):
            lines += [f"Chapter {number}", "", *("\n".join([p, ""]) for p in paragraphs)]
        return title, "\n".join(lines)
    if kind == "md":
        lines = [f"# {title}", "", f"by {author}", "", f"> {summary}", ""]
        for number, paragraphs in enumerate(chapters, 1):
            lines += [f"## Chapter {number}", "", *("\n".join([p, ""]) for p in paragraphs)]
        return title, "\n".join(lines)
    esc = html.escape
    body = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="UTF-8"><title>{esc(title)}</title></head><body>',
        '<div id="preface"><div class="meta"><dl class="tags">',
        f'<dt>Rating:</dt><dd><a href="#">{esc(rating)}</a></dd>',
        f'<dt>Fandom:</dt><dd><a href="#">{esc(fandom)}</a></dd>',
        "<dt>Additional Tags:</dt><dd>" + ", ".join(f'<a href="#">{esc(t)}</a>' for t in tags),
        "</dd>",
        f"<dt>Stats:</dt><dd>Chapters: {len(chapters)}/{total}</dd></dl>",
        f'<h1>{esc(title)}</h1><div class="byline">by <a rel="author" href="#">{esc(author)}</a>',
        f'</div><p>Summary</p><blockquote class="userstuff"><p>{esc(summary)}</p></blockquote>',
        '</div></div><div id="chapters">',
    ]
    for number, paragraphs in enumerate(chapters, 1):
        body.append(f'<div class="meta group"><h2 class="heading">Chapter {number}</h2></div>')
        body.append('<div class="userstuff">')
        body += [f"<p>{esc(p)}</p>" for p in paragraphs]
        body.append("</div>")
    body.append("</div></body></html>")
    return title, "\n".join(body)


def generate(folder: Path, count: int, *, size: int = 20_000, seed: int = 1) -> list[Path]:
    """Write ``count`` stories under ``folder`` (in subfolders of 500), returning their paths."""
    rng = random.Random(seed)
    kinds = ("txt", "html", "md")
    written: list[Path] = []
    for number in range(count):
        kind = kinds[number % 3]
        title, text = story_text(rng, kind, size)
        sub = folder / f"shelf-{number // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        stem = "-".join(title.split())
        path = sub / f"{number:06d}-{stem}.{kind}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir")
    parser.add_argument("count", type=int)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(Path(args.dir), args.count, size=args.size, seed=args.seed)
    total = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} stories, {total / 1e6:.1f} MB, under {args.dir}")


if __name__ == "__main__":
    main()
