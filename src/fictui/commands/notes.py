"""`fictui notes export [--format markdown|toml] [--output FILE]`: every note, by story."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from fictui import locations
from fictui.errors import FictuiError
from fictui.state.atomic import atomic_write
from fictui.state.codec import normalize_time
from fictui.state.escape import escape
from fictui.state.model import PassageNote, StateDocument, WorkState
from fictui.state.recovery import read_state
from fictui.state.store import STATE_FILE
from fictui.text.sanitize import display_path, sanitize, sanitize_line


def noted_works(document: StateDocument) -> list[WorkState]:
    """The works that carry notes, in title order."""
    works = [w for w in document.works.values() if w.notes.strip() or w.passage_notes]
    return sorted(works, key=lambda w: ((w.title or w.identity).casefold(), w.identity))


def _passages(work: WorkState) -> list[PassageNote]:
    return sorted(
        work.passage_notes,
        key=lambda n: (n.address.chapter, n.address.paragraph, n.created, n.id),
    )


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _quoted(text: str) -> list[str]:
    lines = sanitize(text).strip().split("\n") or [""]
    return [f"> {line}".rstrip() for line in lines]


def to_markdown(document: StateDocument, exported: datetime) -> str:
    """All notes as a Markdown document, grouped by story (every string sanitized)."""
    works = noted_works(document)
    out = [
        "# fictui notes",
        "",
        f"Exported {_when(exported)}: {len(works)} {'story' if len(works) == 1 else 'stories'}.",
        "",
    ]
    for work in works:
        out += [f"## {sanitize_line(work.title) or sanitize_line(work.identity)}", ""]
        byline = f"by {sanitize_line(', '.join(work.authors))} · " if work.authors else ""
        out.append(f"{byline}`{sanitize_line(work.identity)}`")
        if work.path:
            out.append(f"Last known file: `{display_path(work.path)}`")
        out.append("")
        if work.notes.strip():
            out += ["### Your notes", "", sanitize(work.notes).strip(), ""]
        if work.passage_notes:
            out += ["### Passage notes", ""]
            for note in _passages(work):
                where = (
                    f"Chapter {note.address.chapter + 1}, paragraph {note.address.paragraph + 1}"
                )
                out += [f"#### {where}", ""]
                if note.quote.strip():
                    out += [*_quoted(note.quote), ""]
                if note.text.strip():
                    out += [sanitize(note.text).strip(), ""]
                stamp = f"written {_when(note.created)}"
                if _when(note.updated) != _when(note.created):
                    stamp += f", changed {_when(note.updated)}"
                out += [f"*{stamp}*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def to_toml(document: StateDocument, exported: datetime) -> str:
    """All notes as TOML: one [[works]] table per story (strings kept exactly, escaped)."""
    works: list[dict[str, Any]] = []
    for work in noted_works(document):
        entry: dict[str, Any] = {
            "identity": escape(work.identity),
            "title": escape(work.title),
            "authors": [escape(a) for a in work.authors],
            "path": escape(work.path),
            "notes": escape(work.notes),
        }
        entry["passage_notes"] = [
            {
                "chapter": note.address.chapter,
                "paragraph": note.address.paragraph,
                "hash": escape(note.address.hash),
                "quote": escape(note.quote),
                "text": escape(note.text),
                "created": normalize_time(note.created),
                "updated": normalize_time(note.updated),
            }
            for note in _passages(work)
        ]
        works.append(entry)
    data = {"exported": exported, "works": works}
    text = tomli_w.dumps(data, multiline_strings=True)
    # tomli-w writes C1 controls and bidirectional overrides raw; as TOML escapes the
    # export still holds the notes exactly but cannot drive the terminal it is shown on.
    return "# fictui notes export\n\n" + _TERMINAL_UNSAFE_RE.sub(_toml_escape, text)


_TERMINAL_UNSAFE_RE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _toml_escape(match: re.Match[str]) -> str:
    # Only strings can hold these characters, and tomli-w writes only basic strings,
    # where \uXXXX is an escape.
    return f"\\u{ord(match.group()):04x}"


def run(args: argparse.Namespace) -> int:
    """Export every note; returns the exit status."""
    document, problems = read_state(locations.data_dir() / STATE_FILE)
    for problem in problems:
        print(f"fictui: {sanitize_line(problem)}", file=sys.stderr)
    exported = datetime.now(UTC).replace(microsecond=0)
    render = to_toml if args.format == "toml" else to_markdown
    text = render(document, exported)
    if args.output:
        target = Path(args.output).expanduser()
        try:
            atomic_write(target, text.encode("utf-8"), mode=0o644)
        except OSError as error:
            raise FictuiError(
                f"cannot write {display_path(target)}: {error.strerror or error}"
            ) from None
        return 0
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        sys.stdout.flush()
        stream.write(text.encode("utf-8"))
        stream.flush()
    else:
        sys.stdout.write(text)
    return 0
