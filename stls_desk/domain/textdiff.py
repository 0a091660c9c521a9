"""What a revision changed, word by word (difflib over words), as plain segments.

The briefing pack (export.textdiff adds its PDF markup), the Positions tab and meeting mode all mark the
same words because they all start here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

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


def diff_lines(segments: list[Segment]) -> list[tuple[Segment, ...]]:
    """The later text line by line, each line a run of segments with the words it lost kept in place:
    how a reader sees, line by line, what a revision changed."""
    lines: list[list[Segment]] = [[]]
    for seg in segments:
        run: list[str] = []
        for word in seg.words:
            if word != "\n":
                run.append(word)
                continue
            if run:
                lines[-1].append(Segment(seg.change, tuple(run)))
                run = []
            lines.append([])
        if run:
            lines[-1].append(Segment(seg.change, tuple(run)))
    return [tuple(line) for line in lines if line]


def plain_lines(text: str) -> list[tuple[Segment, ...]]:
    """A text's lines as unchanged runs, for a text with nothing to compare it with."""
    return [(Segment("same", tuple(line.split())),) for line in text.split("\n") if line.split()]


def changed_lines(segments: list[Segment]) -> list[tuple[Segment, ...]]:
    """Only the lines in which something changed."""
    return [line for line in diff_lines(segments) if any(s.change != "same" for s in line)]
