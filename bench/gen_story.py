"""Generate a big, realistic plain-text story for benchmarks (header, chapters, wrapped prose).

Usage: ``python bench/gen_story.py SIZE_MB OUT.txt``. Other benchmarks import
``make_story(size_bytes)``. The text is made from a small invented vocabulary
with a fixed seed, so every run produces the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

_WORDS = [
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "was",
    "she",
    "he",
    "it",
    "that",
    "her",
    "his",
    "with",
    "as",
    "for",
    "on",
    "at",
    "by",
    "lantern",
    "river",
    "orchard",
    "kettle",
    "glass",
    "bell",
    "winter",
    "harbour",
    "tower",
    "gate",
    "window",
    "morning",
    "evening",
    "quiet",
    "slowly",
    "under",
    "over",
    "through",
    "against",
    "toward",
    "small",
    "old",
    "bright",
    "cold",
    "green",
    "silver",
    "walked",
    "turned",
    "listened",
    "remembered",
    "opened",
    "carried",
    "waited",
    "looked",
    "wondered",
    "laughed",
    "stone",
    "road",
    "letter",
    "clock",
    "heron",
    "canal",
    "ledger",
    "cart",
    "hill",
    "village",
    "baker",
    "lamp",
    "rain",
    "had",
    "could",
    "would",
    "not",
    "never",
    "always",
    "again",
    "still",
    "only",
    "almost",
    "perhaps",
    "because",
    "while",
]
_NAMES = ("Ilse", "Tamsin", "Odile", "Pell", "Moss", "Wren", "Harrow", "Juno")
_VERBS = ("said", "asked", "whispered", "called", "muttered", "answered")
_BREAKS = ("* * *", "~~~", "oOo", "-----", "* * * * * * *")
WRAP = 75
"""The column the prose is hard-wrapped at."""


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 18))]
    if rng.random() < 0.08:
        at = rng.randrange(len(words))
        words[at] = f"_{words[at]}_"
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice("..........!?")


def _wrap(text: str, width: int = WRAP) -> str:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def _paragraph(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.25:
        speech = " ".join(_sentence(rng) for _ in range(rng.randint(1, 2)))
        return _wrap(f'"{speech}" {rng.choice(_NAMES)} {rng.choice(_VERBS)}.')
    if roll < 0.30:
        return _wrap("_" + " ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) + "_")
    return _wrap(" ".join(_sentence(rng) for _ in range(rng.randint(3, 8))))


def _header() -> str:
    return (
        "The Lamplighter's Archive\n\n"
        "A Very Long Road Home\n\n"
        "By Benchmark Author\n\n"
        "Summary: A story made up for timing the plain-text reader. It wanders\n"
        "a great deal and never quite arrives.\n\n"
        "Author's Note: Generated text; any sense in it is an accident.\n\n"
        "Disclaimer: Nobody owns these words but the random number generator.\n\n"
        "* * *\n\n"
    )


_FOOTER = (
    "\n\nThe End\n\n7/5/03\n\n"
    "Read Reviews / Post a Review\n"
    "Print Version | Plain Version\n"
    "Home | Search | Authors | Titles\n"
)


def make_story(size_bytes: int, seed: int = 7) -> bytes:
    """A plain-text story of about ``size_bytes`` bytes.

    Args:
        size_bytes: The wanted size; the result is within one paragraph of it.
        seed: The random seed (the same seed gives the same bytes).

    Returns:
        The story as UTF-8 bytes, LF line endings.
    """
    rng = random.Random(seed)
    parts = [_header()]
    size = len(parts[0])
    chapter = 0
    while size < size_bytes:
        chapter += 1
        heading = f"Chapter {chapter}: {rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()}"
        parts.append(heading + "\n\n")
        size += len(heading) + 2
        for _ in range(rng.randint(60, 140)):
            text = rng.choice(_BREAKS) if rng.random() < 0.03 else _paragraph(rng)
            parts.append(text + "\n\n")
            size += len(text) + 2
            if size >= size_bytes:
                break
    parts.append(_FOOTER)
    return "".join(parts).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write a generated story to a file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size_mb", type=float, help="size in megabytes")
    parser.add_argument("out", type=Path, help="where to write the story")
    args = parser.parse_args(argv)
    data = make_story(int(args.size_mb * 1024 * 1024))
    args.out.write_bytes(data)
    print(f"wrote {len(data):,} bytes to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
