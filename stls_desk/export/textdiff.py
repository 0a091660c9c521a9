"""What a revision changed, as the briefing pack's paragraph markup. The word diff itself is
stls_desk.domain.textdiff's (re-exported here), shared with the Positions tab and meeting mode."""

from __future__ import annotations

from stls_desk.domain.textdiff import Change, Segment, counts, word_diff
from stls_desk.export.styles import ADDED, REMOVED, esc, hex_colour

__all__ = ["Change", "Segment", "counts", "diff_markup", "word_diff"]


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
