"""A small terminal screen model: enough of VT100/xterm to read what fictui drew.

It follows the cursor-addressing, erase and line-feed sequences Textual writes,
skips every other control sequence (colours, modes, OSC, DCS...), and keeps a
grid of characters. The end-to-end tests read the screen from it; the raw bytes
are checked separately by escape_check.
"""

from __future__ import annotations

import codecs
import unicodedata


def _cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    """A grid of characters with a cursor, fed the bytes a program writes."""

    def __init__(self, columns: int, rows: int) -> None:
        """An empty screen of the given size."""
        self.columns = columns
        """Width in cells."""
        self.rows = rows
        """Height in lines."""
        self.grid: list[list[str]] = []
        """The characters on screen, row by row ("" marks the right half of a wide one)."""
        self.x = 0
        """Cursor column."""
        self.y = 0
        """Cursor row."""
        self._saved = (0, 0)
        self._wrap = False
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""
        self.reset()

    @property
    def display(self) -> list[str]:
        """The screen as one string per row."""
        return ["".join(row) for row in self.grid]

    def reset(self) -> None:
        """Clear the screen and home the cursor."""
        self.grid = [[" "] * self.columns for _ in range(self.rows)]
        self.x = self.y = 0

    def resize(self, rows: int, columns: int) -> None:
        """Change the size (the content is cleared)."""
        self.rows, self.columns = rows, columns
        self.reset()

    def feed(self, data: bytes) -> None:
        """Interpret bytes written to the terminal."""
        self._pending += self._decoder.decode(data)
        text, self._pending = self._pending, ""
        index = 0
        while index < len(text):
            char = text[index]
            if char == "\x1b":
                end = self._escape(text, index)
                if end is None:  # an incomplete sequence: wait for more bytes
                    self._pending = text[index:]
                    return
                index = end
                continue
            index += 1
            if char in "\r\n\b\t":
                self._wrap = False
            if char == "\r":
                self.x = 0
            elif char == "\n":
                self._line_feed()
            elif char == "\b":
                self.x = max(0, self.x - 1)
            elif char == "\t":
                self.x = min(self.columns - 1, (self.x // 8 + 1) * 8)
            elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
                continue
            else:
                self._put(char)

    def _line_feed(self) -> None:
        if self.y == self.rows - 1:
            self.grid.pop(0)
            self.grid.append([" "] * self.columns)
        else:
            self.y += 1

    def _put(self, char: str) -> None:
        width = _cells(char)
        if width == 0:
            return
        if self._wrap or self.x + width > self.columns:
            self.x = 0
            self._line_feed()
        self._wrap = False
        row = self.grid[self.y]
        row[self.x] = char
        if width == 2 and self.x + 1 < self.columns:
            row[self.x + 1] = ""
        if self.x + width >= self.columns:
            # The cursor stays on the last column; the next character wraps.
            self.x, self._wrap = self.columns - 1, True
        else:
            self.x += width

    def _escape(self, text: str, start: int) -> int | None:
        """Handle the sequence at ``start``; returns where it ends, None if incomplete."""
        if start + 1 >= len(text):
            return None
        self._wrap = False
        kind = text[start + 1]
        if kind == "[":
            index = start + 2
            while index < len(text) and not (0x40 <= ord(text[index]) <= 0x7E):
                index += 1
            if index >= len(text):
                return None
            self._csi(text[start + 2 : index], text[index])
            return index + 1
        if kind in "]P_^X":
            # OSC, DCS, APC, PM, SOS: skip to BEL or ST.
            index = start + 2
            while index < len(text):
                if text[index] == "\x07":
                    return index + 1
                if text[index] == "\x1b" and index + 1 < len(text) and text[index + 1] == "\\":
                    return index + 2
                index += 1
            return None
        if kind in "()*+#%":
            return start + 3 if start + 2 < len(text) else None
        if kind == "7":
            self._saved = (self.x, self.y)
        elif kind == "8":
            self.x, self.y = self._saved
        elif kind == "c":
            self.reset()
        elif kind == "M":
            self.y = max(0, self.y - 1)
        return start + 2

    def _csi(self, params: str, final: str) -> None:
        private = params[:1] in ("?", ">", "<", "=")
        if private:
            return  # modes and queries do not draw
        numbers = [int(part) if part.isdigit() else 0 for part in params.split(";")]

        def arg(index: int, default: int = 1) -> int:
            value = numbers[index] if index < len(numbers) else 0
            return value or default

        if final in "Hf":
            self.y = min(self.rows - 1, arg(0) - 1)
            self.x = min(self.columns - 1, arg(1) - 1)
        elif final == "A":
            self.y = max(0, self.y - arg(0))
        elif final == "B":
            self.y = min(self.rows - 1, self.y + arg(0))
        elif final == "C":
            self.x = min(self.columns - 1, self.x + arg(0))
        elif final == "D":
            self.x = max(0, self.x - arg(0))
        elif final == "G":
            self.x = min(self.columns - 1, arg(0) - 1)
        elif final == "d":
            self.y = min(self.rows - 1, arg(0) - 1)
        elif final == "J":
            self._erase_display(arg(0, 0))
        elif final == "K":
            self._erase_line(arg(0, 0))
        elif final == "X":
            row = self.grid[self.y]
            for column in range(self.x, min(self.columns, self.x + arg(0))):
                row[column] = " "

    def _erase_display(self, mode: int) -> None:
        if mode in (2, 3):
            self.grid = [[" "] * self.columns for _ in range(self.rows)]
            return
        self._erase_line(mode)
        rows = range(self.y + 1, self.rows) if mode == 0 else range(0, self.y)
        for row in rows:
            self.grid[row] = [" "] * self.columns

    def _erase_line(self, mode: int) -> None:
        row = self.grid[self.y]
        if mode == 0:
            span = range(self.x, self.columns)
        elif mode == 1:
            span = range(0, self.x + 1)
        else:
            span = range(self.columns)
        for column in span:
            row[column] = " "
