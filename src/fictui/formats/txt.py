"""Plain-text stories (a first, simple reader: paragraphs split at blank lines)."""

from __future__ import annotations

import re
from pathlib import Path

from fictui.model import Block, BlockKind, Chapter, Span, Story
from fictui.text.decode import decode


def parse(data: bytes, path: Path, *, partial: bool = False) -> Story:
    """Parse a plain-text story."""
    decoded = decode(data)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [
        Block(BlockKind.PARAGRAPH, [Span(" ".join(p.split()))])
        for p in re.split(r"\n\s*\n", text)
        if p.strip()
    ]
    title = re.sub(r"[_-]+", " ", path.stem).strip()
    return Story(
        title=title,
        chapters=[Chapter(title, blocks)],
        format="txt",
        encoding=decoded.encoding,
        problems=list(decoded.problems),
    )
