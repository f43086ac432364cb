"""Classifying single lines of a plain-text story: breaks, headings, end markers, dates, chrome."""

from __future__ import annotations

import re
from datetime import date

BLANK_CHARS = " \t\u00a0\u3000\u2007\u202f\f\v"
"""Characters a line may hold and still count as blank."""

LONG_LINE = 100
"""A line longer than this is a whole paragraph, never a hard-wrapped piece of one."""

# A separator line holds only ornament characters; letters are allowed only in
# the fandom-traditional oOo / xXx patterns.
_ORNAMENT_RE = re.compile(r"[*~\-_=#+•·°^:.<>|/\\§¤]{3,}")
_LETTER_BREAK_RE = re.compile(r"[\W_]*(?:(?:o[O0])+o|(?:O[o0])+O|(?:xX)+x|(?:Xx)+X)[\W_]*")

_ROMAN = r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_NUMBER = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|one hundred)"
_NUMBER = rf"(?:\d{{1,4}}|{_ROMAN}|(?i:{_WORD_NUMBER}))"
_TITLE_SEP = r"\s*(?:[:.\-–—|]|\s-\s)\s*"

_NUMBERED_RE = re.compile(
    rf"(?i:chapter|chap\.|ch\.|part|book|section|volume|act|episode)\s+{_NUMBER}"
    rf"(?:{_TITLE_SEP}(?P<sep_title>\S.{{0,90}})|\s+(?P<bare_title>[A-Z\"'“‘(].{{0,70}}))?"
)
_NAMED_RE = re.compile(
    r"(?i:prologue|epilogue|interlude|afterword|foreword|preface|coda|intermission)"
    rf"(?:\s+{_NUMBER})?(?:{_TITLE_SEP}\S.{{0,90}})?"
)

_END_RE = re.compile(
    r"(?i:the\s+end|end|fin|finis|end\s+file|end\s+of\s+(?:story|fic|file)|the\s+end\s+for\s+now)"
)
_TBC_RE = re.compile(r"(?i:to\s+be\s+continued|tbc|continued\s+in\s+.{1,60}|more\s+to\s+come)")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_RES = (
    re.compile(r"(?P<year>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    re.compile(r"(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})(?!\d)"),
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})"),
)
_DATE_LINE_RE = re.compile(
    r"(?i:(?:posted|published|written|completed|finished|updated|date|dated)\s*(?:on)?\s*:?\s*)?"
    r"(?P<date>[\w ,./\-]{6,30}?)[.)]?"
)

# Phrases only a site writes, whatever the line's length.
_CHROME_RE = re.compile(
    r"(?i)(?:"
    r"\bprint(?:er)?\s+(?:version|friendly)\b|\bplain\s+(?:text\s+)?version\b|"
    r"\bplease\s+support\s+(?:this|our|the)\s+(?:site|archive)\b|"
    r"\byou\s+must\s+(?:log\s*in|login|be\s+logged\s+in|register)\b|"
    r"\b(?:website|skin|site\s+design|layout)\s+(?:by|powered\s+by)\b|\bpowered\s+by\b|"
    r"\ball\s+rights\s+reserved\b|\bcopyright\s+(?:©|\(c\)|\d{4})|"
    r"\b(?:this\s+story\s+(?:is\s+)?|story\s+)archived\s+at\b|"
    r"\bread\s+reviews\b|\bpost\s+a\s+review\b|\bsend\s+feedback\s+to\b"
    r")"
)
# Phrases a story might use too: chrome only on a short line of its own.
_SHORT_CHROME_RE = re.compile(
    r"(?i)(?:"
    r"\breviews?\b.{0,40}\b(?:post|read|leave|write|add)|"
    r"\b(?:post|read|leave|write|add|submit)\s+(?:a\s+|your\s+)?(?:reviews?|comments?|feedback)\b|"
    r"\bsend\s+(?:feedback|comments?|reviews?)\b|\bfeedback\s+(?:to|at|is)\b|"
    r"\b(?:back|return)\s+to\s+(?:the\s+)?(?:top|index|story|stories|home|contents|chapters?)\b|"
    r"\b(?:next|previous|prev)\s+chapter\b|\btable\s+of\s+contents\b|"
    r"\breport\s+(?:this|abuse)\b|\badd\s+to\s+favou?rites\b|"
    r"\b(?:log\s*in|login|register|sign\s+up|sign\s+in)\s*(?:\||/|$)|"
    r"\bdownloaded\s+(?:from|with|by|using)\b|^chapter\s+text$|\bcontact\s+(?:us|the\s+webmaster)\b"
    r")"
)
_SHORT_CHROME = 70
_URL_RE = re.compile(r"(?i)^(?:<?(?:https?://|www\.)\S+>?|[\w.\-]+\.(?:com|net|org)(?:/\S*)?)$")

_LABEL_RE = re.compile(r"(?P<label>[A-Za-z][A-Za-z'’ /&\-]{0,30}?)\s*:\s*(?P<value>.*)")


def is_blank(line: str) -> bool:
    """True for an empty line or one holding only (non-breaking) spaces."""
    return not line.strip(BLANK_CHARS)


def is_separator(line: str) -> bool:
    """True when a line is a scene-break ornament (``* * *``, ``~~~``, ``oOo``...)."""
    core = line.strip()
    if not core or len(core) > 60:
        return False
    squeezed = "".join(core.split())
    if len(squeezed) < 3 and set(squeezed) <= set("*#~§•°+"):
        return True  # a lone "*" or "#" between paragraphs
    if _ORNAMENT_RE.fullmatch(squeezed):
        # A line of dots alone is an ellipsis, and a lone ``:::`` or ``|||`` is rare
        # enough in prose that only the common ornaments count.
        return not set(squeezed) <= set(".:|/\\<>")
    return squeezed[0] in "oOxX0*~-=+#" and _LETTER_BREAK_RE.fullmatch(squeezed) is not None


def heading_title(line: str) -> str | None:
    """The chapter title a heading line gives, or None when the line is not a heading.

    Recognizes numbered headings (``Chapter 3``, ``Part IV: The Road``, ``Chapter
    Three - Title``) and named ones (``Prologue``, ``Epilogue``, ``Interlude``).
    """
    core = line.strip().strip("=#*~_").strip()
    if not core or len(core) > 100 or core[0] not in "CcPpBbSsVvAaEeIiFf":
        return None
    match = _NUMBERED_RE.fullmatch(core)
    if match:
        bare = match.group("bare_title")
        if bare is not None and bare.rstrip()[-1:] in ".,;":
            return None
        return core
    if _NAMED_RE.fullmatch(core):
        return core
    return None


def _bare(line: str) -> str:
    """The words of a short line without the ornament around them."""
    bare = line.strip().strip("*~_-=#()[]<>!?. \t…").strip()
    return bare.replace("(", "").replace(")", "")


def end_marker(line: str) -> str | None:
    """'complete' for an end line (``The End``, ``Fin``), 'in-progress' for ``TBC``, else None."""
    core = line.strip()
    if not core or len(core) > 80:
        return None
    bare = _bare(core)
    if _END_RE.fullmatch(bare):
        return "complete"
    if _TBC_RE.fullmatch(bare.rstrip(".…?")):
        return "in-progress"
    return None


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year < 50 else 1900
    return year


def parse_date(text: str) -> date | None:
    """Read a date written as ``7/5/03``, ``2003-07-05``, ``July 5, 2003`` or ``5 July 2003``.

    Slash dates are read month first, as the old archives wrote them, unless the
    first number cannot be a month.
    """
    core = text.strip()
    for index, pattern in enumerate(_DATE_RES):
        match = pattern.search(core)
        if not match:
            continue
        try:
            if index == 0:
                return date(int(match["year"]), int(match["m"]), int(match["d"]))
            if index == 1:
                first, second = int(match["a"]), int(match["b"])
                month, day = (second, first) if first > 12 else (first, second)
                return date(_year(match["year"]), month, day)
            month_number = _MONTHS.get(match["month"].lower())
            if month_number is None:
                continue
            return date(int(match["year"]), month_number, int(match["day"]))
        except ValueError:
            continue
    return None


def date_line(line: str) -> date | None:
    """The date a line holds when the line is nothing but a (labelled) date."""
    core = line.strip().strip("()[]*~_-").strip()
    if not core or len(core) > 45 or not any(ch.isdigit() for ch in core):
        return None
    match = _DATE_LINE_RE.fullmatch(core)
    if not match:
        return None
    found = parse_date(match["date"])
    if found is None:
        return None
    # Only the date (and its label) may be on the line: no other words.
    words = re.findall(r"[A-Za-z]+", match["date"])
    allowed = {"st", "nd", "rd", "th", "of", "on"}
    return found if all(w.lower() in _MONTHS or w.lower() in allowed for w in words) else None


def is_nav_bar(line: str) -> bool:
    """True for a bar of short ``|``-separated links (``Home | Search | Next >``)."""
    if line.count("|") < 2 or len(line) > 200:
        return False
    parts = [part.strip() for part in line.split("|")]
    filled = [part for part in parts if part]
    return len(filled) >= 2 and all(len(part) <= 40 for part in filled)


def is_chrome(line: str) -> bool:
    """True when a line is site chrome: review links, print links, navigation, credits."""
    core = line.strip()
    if not core or len(core) > 240:
        return False
    if is_nav_bar(core) or _URL_RE.match(core) or _CHROME_RE.search(core) is not None:
        return True
    return len(core) <= _SHORT_CHROME and _SHORT_CHROME_RE.search(core) is not None


def split_label(line: str) -> tuple[str, str] | None:
    """Split a ``Label: value`` line into a normalized label and its value."""
    core = line.strip()
    if core[:1] in "([" and core[-1:] in ")]":
        core = core[1:-1].strip()  # "(A/N: ...)" is written in brackets as often as not
    match = _LABEL_RE.match(core)
    if not match:
        return None
    label = " ".join(match["label"].replace("’", "'").lower().split())
    return label, match["value"].strip()
