"""What the subcommands share: loading a story with a clear one-line error."""

from __future__ import annotations

from pathlib import Path

from fictui.errors import StoryError
from fictui.formats import read_story
from fictui.model import Story
from fictui.text.sanitize import display_path


def load_story(name: str) -> Story:
    """Read the story a user named on the command line.

    Raises:
        StoryError: With the file's (sanitized) name and the reason.
    """
    path = Path(name).expanduser()
    try:
        return read_story(path)
    except StoryError as error:
        raise StoryError(f"{display_path(name)}: {error}") from None
