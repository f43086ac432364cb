"""fictui: a keyboard-driven terminal reader for a personal library of downloaded fiction."""

__version__ = "0.1.0"
