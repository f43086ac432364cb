"""The errors fictui raises for files and settings it cannot use."""


class FictuiError(Exception):
    """Base class for errors shown to the user as one clear line."""


class StoryError(FictuiError):
    """A file could not be read as a story; the message says why."""
