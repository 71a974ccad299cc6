"""Reading a source file's text: UTF-8 (with or without a byte-order mark), of a sensible size.

Every source a person writes (content, a school's files) is read through here, so that a file
saved in another encoding, or a file far too large, is a `file:line` problem and never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.problems import Problem

MAX_SOURCE_BYTES = 2_000_000  # a long self-study is about 60 kB; no source needs a hundred times that


class SourceUnreadable(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def decode(data: bytes, shown_as: str) -> str:
    """The text of a source file's bytes; a byte-order mark at the start is dropped."""
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceUnreadable(Problem(shown_as, 1, "", f"the file is {len(data):,} bytes, more than the "
                                       f"{MAX_SOURCE_BYTES:,} a source may have", "split it into smaller files"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start:error.start + 1].hex().upper()
        raise SourceUnreadable(Problem(
            shown_as, line, "", f"this line is not UTF-8 text (byte 0x{byte})",
            "save the file as UTF-8 in your editor (in Word or Notepad: Save as… → Encoding: UTF-8)")) from None


def read_text(path: Path, shown_as: str) -> str:
    """A source file's text, or SourceUnreadable naming the file and line and what to do."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceUnreadable(Problem(shown_as, 0, "", "this is a folder, not a file",
                                       "a source must be a file: rename or move the folder")) from None
    except OSError as error:
        raise SourceUnreadable(Problem(shown_as, 0, "", f"cannot be read: {error.strerror or error}",
                                       "check that the file exists and can be read")) from None
    return decode(data, shown_as)
