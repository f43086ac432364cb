"""Generate story-list entries with metadata shaped like a real fan-fiction library's.

Downloads from archives carry long tag lists (rating, warnings, fandoms,
relationships, characters, many freeform tags) and summaries of one to several
sentences, so each story's search text runs to several hundred characters. The
words are made up (English-shaped syllables), drawn with a Zipf-like skew and mixed with common
English function words, so some words are everywhere and most are rare, as in
real text.

Usage (as a module): ``make_entries(100_000)`` returns Entry objects in memory.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

ONSETS = [
    "-",
    "b",
    "bl",
    "br",
    "c",
    "ch",
    "cl",
    "cr",
    "d",
    "dr",
    "f",
    "fl",
    "fr",
    "g",
    "gl",
    "gr",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "pl",
    "pr",
    "qu",
    "r",
    "s",
    "sc",
    "sh",
    "sk",
    "sl",
    "sm",
    "sn",
    "sp",
    "st",
    "str",
    "sw",
    "t",
    "th",
    "tr",
    "tw",
    "v",
    "w",
    "wh",
    "wr",
    "y",
    "z",
]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "oa", "oo", "ou", "y", "ie"]
CODAS = [
    "-",
    "b",
    "ck",
    "d",
    "ft",
    "g",
    "ll",
    "lt",
    "m",
    "n",
    "nd",
    "ng",
    "nk",
    "nt",
    "p",
    "r",
    "rd",
    "rn",
    "rt",
    "s",
    "sh",
    "ss",
    "st",
    "t",
    "th",
    "x",
]
SYLLABLES = [
    (onset + vowel + coda).replace("-", "")
    for onset in ONSETS
    for vowel in VOWELS
    for coda in CODAS
]
"""English-shaped syllables (onset, vowel, coda): made-up words then share letter
pairs and triples about as often as real words do."""
COMMON = (  # noqa: SIM905 (a word list reads better as words)
    "the a and of to in was she he they it that with for his her but on"
    " at as had not be you this from is are were one all when what their who will"
).split()


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    return ["".join(rng.choices(SYLLABLES, k=rng.choice([1, 1, 2, 2, 2, 3]))) for _ in range(size)]


def make_entries(count: int, seed: int = 7) -> list[object]:
    """``count`` entries with AO3-like metadata (made-up words), built in memory.

    Args:
        count: How many entries.
        seed: The random seed (the same seed gives the same library).

    Returns:
        Entry objects, in storage order.
    """
    from fictui.library.entry import Entry

    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 40_000)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))

    def words(n: int) -> str:
        drawn = rng.choices(vocabulary, cum_weights=weights, k=n)
        common = rng.choices(COMMON, k=n)
        return " ".join(c if rng.random() < 0.4 else w for w, c in zip(drawn, common, strict=False))

    def name() -> str:
        return " ".join(w.title() for w in rng.choices(vocabulary[:8000], k=2))

    fandoms = [name() for _ in range(300)]
    characters = [name() for _ in range(3000)]
    freeforms = [words(rng.randint(1, 4)).title() for _ in range(6000)]
    authors = [name().replace(" ", "") for _ in range(30_000)]
    ratings = ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit"]
    warnings = ["No Archive Warnings Apply", "Creator Chose Not To Use Archive Warnings"]
    made = []
    for i in range(count):
        cast = rng.sample(characters, rng.randint(2, 8))
        tags = {
            "rating": [rng.choice(ratings)],
            "warnings": [rng.choice(warnings)],
            "fandoms": rng.sample(fandoms, rng.randint(1, 2)),
            "relationships": [f"{a}/{b}" for a, b in zip(cast[::2], cast[1::2], strict=False)][:3],
            "characters": cast,
            "freeform": rng.sample(freeforms, rng.randint(3, 15)),
        }
        made.append(
            Entry(
                path=Path(f"/library/{i // 1000:03d}/story-{i:06d}.html"),
                name=f"{i // 1000:03d}/story-{i:06d}.html",
                title=words(rng.randint(1, 6)).title(),
                authors=rng.sample(authors, rng.choice([1, 1, 1, 2])),
                words=rng.randint(500, 300_000),
                chapters=rng.randint(1, 60),
                status=rng.choice(["complete", "in-progress", "unknown"]),
                fandoms=tags["fandoms"],
                rating=tags["rating"][0],
                tags=tags,
                summary=words(rng.randint(20, 150)),
                identity=f"ao3:{i}",
                format="html",
                added=1_700_000_000 + i,
            )
        )
    return made
