"""What a revision changed, word by word (difflib), as plain segments and as paragraph markup."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from stls_desk.export.styles import ADDED, REMOVED, esc, hex_colour

Change = Literal["same", "added", "removed"]

_WORDS = re.compile(r"\n|[^\s]+")


@dataclass(frozen=True)
class Segment:
    change: Change
    words: tuple[str, ...]  # "\n" stands for a line break


def word_diff(before: str, after: str) -> list[Segment]:
    """The words of `after`, with those `before` had and `after` lost shown as removed, in place."""
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Segment("same", tuple(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(Segment("removed", tuple(a[i1:i2])))
        if j2 > j1:
            out.append(Segment("added", tuple(b[j1:j2])))
    return out


def counts(segments: list[Segment]) -> tuple[int, int]:
    """(words added, words removed)."""
    added = sum(len([w for w in s.words if w != "\n"]) for s in segments if s.change == "added")
    removed = sum(len([w for w in s.words if w != "\n"]) for s in segments if s.change == "removed")
    return added, removed


def diff_markup(segments: list[Segment]) -> str:
    """Paragraph markup: removed words struck through in red, added words underlined in green."""
    parts: list[str] = []
    for seg in segments:
        text = " ".join(seg.words).replace(" \n ", "\n").replace("\n ", "\n").replace(" \n", "\n")
        body = esc(text)
        if seg.change == "removed":
            body = f'<strike><font color="{hex_colour(REMOVED)}">{body}</font></strike>'
        elif seg.change == "added":
            body = f'<u><font color="{hex_colour(ADDED)}">{body}</font></u>'
        parts.append(body)
    return " ".join(parts).replace(" <br/>", "<br/>").replace("<br/> ", "<br/>")
