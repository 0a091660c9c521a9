"""The pieces under the PDF: the date range, the events, the word diff, the fonts and the escaping."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stls_desk.export.events import Strand, current_mandate, timeline, upcoming
from stls_desk.export.pack import Audience, within_period
from stls_desk.export.pdf import render_briefing_bytes
from stls_desk.export.styles import esc, fmt_date, font_dir
from stls_desk.export.textdiff import counts, diff_markup, word_diff
from tests.export.sample_pack import TODAY, all_text, options, sample_data


def test_no_range_keeps_everything() -> None:
    data = sample_data()
    assert within_period(data, options()) is data


def test_range_keeps_records_dated_inside_it() -> None:
    kept = within_period(sample_data(), options(date_from=date(2025, 1, 1), date_to=date(2025, 2, 28)))
    assert [g.reference for g in kept.grievances] == []
    assert [p.reference for p in kept.proposals] == ["P-001", "P-003", "P-004"]  # P-001 by its revision 3
    assert [m.held_at.date() for m in kept.meetings] == [date(2025, 1, 28), date(2025, 2, 5)]
    assert [b.kind.value for b in kept.ballots] == ["statutory"]  # it closed on 13 Jan
    assert [k.title for k in kept.key_dates][:2] == [
        "Notice of industrial action served on the council",
        "Strike day 1",
    ]


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError):
        options(date_from=date(2025, 2, 1), date_to=date(2025, 1, 1))


def test_period_shows_on_the_cover_and_filters_the_pack() -> None:
    pdf = render_briefing_bytes(sample_data(), options(date_from=date(2025, 1, 1)))
    text = all_text(pdf)
    assert "Period covered 1 Jan 2025 to today" in text
    assert "Caseload cap of 30 schools" not in text


def test_timeline_is_in_date_order_and_covers_every_kind() -> None:
    events = timeline(sample_data())
    assert [e.on for e in events] == sorted(e.on for e in events)
    assert {e.strand for e in events} == set(Strand)


def test_upcoming_starts_today() -> None:
    events = upcoming(sample_data(), TODAY)
    assert events[0].on >= TODAY
    assert ("Strike day", "Strike day 1") in [(e.what, e.title) for e in events]
    assert all(e.on >= TODAY or (e.until and e.until >= TODAY) for e in events)


def test_current_mandate_is_the_statutory_ballots() -> None:
    mandate = current_mandate(sample_data(), TODAY)
    assert mandate is not None and mandate.mandate_expires == date(2025, 7, 13)


def test_word_diff_marks_added_and_removed_words() -> None:
    segments = word_diff("up to 45 schools", "up to 36 schools and training")
    assert [(s.change, s.words) for s in segments] == [
        ("same", ("up", "to")),
        ("removed", ("45",)),
        ("added", ("36",)),
        ("same", ("schools",)),
        ("added", ("and", "training")),
    ]
    assert counts(segments) == (3, 1)


def test_diff_markup_escapes_user_text() -> None:
    markup = diff_markup(word_diff("<b>old</b>", "<b>new</b> & more"))
    assert "<b>old" not in markup and "&lt;b&gt;new&lt;/b&gt;" in markup and "&amp;" in markup
    assert "<strike>" in markup and "<u>" in markup


def test_escaping_keeps_line_breaks_and_drops_control_characters() -> None:
    assert esc("a & b\nc <d>\x00") == "a &amp; b<br/>c &lt;d&gt;\ufffd"


def test_fonts_come_from_the_repository() -> None:
    assert font_dir() == Path(__file__).resolve().parents[2] / "resources" / "fonts"
    assert (font_dir() / "LICENSE-DejaVu.txt").is_file()


def test_dates_read_the_same_in_every_locale() -> None:
    assert fmt_date(date(2025, 2, 3)) == "3 Feb 2025"
    assert fmt_date(date(2025, 2, 3), weekday=True) == "Mon 3 Feb 2025"
    assert fmt_date(None) == "—"


def test_without_a_people_list_raisers_and_attendees_still_count_as_members() -> None:
    from dataclasses import replace

    text = all_text(render_briefing_bytes(replace(sample_data(), people=()), options(Audience.MEMBERS)))
    assert "Member A" in text
    assert "Siân" not in text and "Zbigniew" not in text


def test_a_table_cell_that_fits_is_plain_text_and_a_long_one_wraps() -> None:
    from reportlab.platypus import Paragraph

    from stls_desk.export.layout import cell_text
    from stls_desk.export.styles import register_fonts, stylesheet

    register_fonts()
    style = stylesheet()["Cell"]
    assert cell_text("<b>G-001</b> &  co\t", style, 200) == "<b>G-001</b> & co"  # drawn as written, unparsed
    assert cell_text("bell\x07", style, 200) == "bell\ufffd"
    assert isinstance(cell_text("a long title " * 10, style, 200), Paragraph)
    assert isinstance(cell_text("two\nlines", style, 200), Paragraph)
