"""The fictui command line: open the reader, or run info, cat, list and notes."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from fictui import __version__
from fictui.errors import FictuiError
from fictui.text.sanitize import sanitize_line

SUBCOMMANDS = ("info", "cat", "list", "notes", "open")
"""Words that start a subcommand; anything else is a path to open."""


class UsageError(FictuiError):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fictui", description="Read downloaded fiction in the terminal.")
    parser.add_argument("--version", action="version", version=f"fictui {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    opener = commands.add_parser("open", help="open a library folder or one story (the default)")
    add_open_arguments(opener)

    info = commands.add_parser("info", help="show a story's metadata and structure")
    info.add_argument("file")
    info.add_argument("--json", action="store_true", help="one JSON object")

    cat = commands.add_parser("cat", help="print a story's reading text")
    cat.add_argument("file")
    cat.add_argument(
        "--width",
        type=int,
        default=None,
        help="wrap width (default: terminal, at most 80)",
    )
    cat.add_argument("--notes", action="store_true", help="include author's notes")

    listing = commands.add_parser("list", help="list the stories in a folder tree")
    listing.add_argument("dir")
    listing.add_argument("--json", action="store_true", help="a JSON array")
    listing.add_argument(
        "--sort",
        default="title",
        help="title, author, words, chapters, status, updated or path",
    )
    listing.add_argument("--filter", default="", help="a filter query, as typed in the app")

    notes = commands.add_parser("notes", help="your notes")
    notes_commands = notes.add_subparsers(dest="notes_command", parser_class=_Parser, required=True)
    export = notes_commands.add_parser("export", help="export all notes")
    export.add_argument("--format", choices=("markdown", "toml"), default="markdown")
    export.add_argument("--output", default=None, help="write to FILE instead of stdout")
    return parser


def add_open_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `fictui [open] [PATH]`."""
    parser.add_argument("path", nargs="?", default=None, help="a library folder or a story file")
    parser.add_argument("--config", default=None, help="use this config.toml")
    parser.add_argument("--data-dir", default=None, help="keep notes and positions here")
    parser.add_argument("--poll", action="store_true", help="watch the folder by polling")


_MODULES = {"info": "info", "cat": "cat", "list": "listing", "notes": "notes", "open": "open"}


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    # Imported late so that `fictui info` never pays for loading Textual.
    module = importlib.import_module(f"fictui.commands.{_MODULES[name]}")
    run: Callable[[argparse.Namespace], int] = module.run
    return run


def main(argv: Sequence[str] | None = None) -> int:
    """Run fictui; returns the exit status (2 for any error, with one line on stderr)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (
        args_list[0] not in SUBCOMMANDS and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "open")
    try:
        args = _build_parser().parse_args(args_list)
        return _command(args.command)(args)
    except FictuiError as error:
        print(f"fictui: {sanitize_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`fictui cat x | head`): not an error.
        _silence_stdout()
        return 0
    except Exception as error:  # noqa: BLE001 - fictui never ends in a traceback
        if os.environ.get("FICTUI_DEBUG"):
            raise
        print(f"fictui: unexpected error: {sanitize_line(repr(error))}", file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
